// Starts the fake OpenAI-compatible server once for the workers project and hands its URL to
// the tests through vitest's provide/inject.
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject) {
  const { startFakeOpenAI } = await import('./fake-openai');
  const server = await startFakeOpenAI({ port: Number(process.env.WEIR_FAKE_OPENAI_PORT) || 0 });
  project.provide('fakeOpenAIUrl', server.url);
  return async () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    fakeOpenAIUrl: string;
  }
}
