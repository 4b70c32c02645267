import type { TestProject } from 'vitest/node';
import { startServer, type TestServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

// One server for the files that only read the demo (the leader's journey); files that write start their own.
let server: TestServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startServer();
  project.provide('baseUrl', server.baseUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
