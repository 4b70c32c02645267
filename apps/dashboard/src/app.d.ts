import type { Lang } from '$lib/i18n';
import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
  namespace App {
    interface Locals {
      user: SessionUser | null;
      session: Session | null;
      lang: Lang;
    }
    interface Error {
      message: string;
      /** field-level messages for a bad request, already in the caller's language */
      issues?: { path: string; message: string }[];
    }
  }
}

export {};
