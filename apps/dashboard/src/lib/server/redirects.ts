/** Only same-site paths: "/rankings?x=1" yes, "//evil.example" or "https://…" no (open-redirect guard). */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
