import type { TestProject } from 'vitest/node';
import { messageText, startOpenAiStub } from './openai-stub.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of an OpenAI-compatible stub on 127.0.0.1, for tests that run inside workerd. */
    openaiStubUrl: string;
  }
}

/** Words in a question that make the stub answer with a made-up `[7]` (to exercise the fallback). */
export const UNGROUNDED_TRIGGER = 'ungrounded please';

/**
 * A vitest global setup: starts the OpenAI-compatible stub in the Node process, so tests running
 * inside workerd reach it over real HTTP. They cannot script it per test (it lives in another
 * process), so it answers by the question: cited normally, with `[7]` when the question contains
 * {@link UNGROUNDED_TRIGGER}.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stub = await startOpenAiStub();
  stub.setDefault((request) =>
    messageText(request, 'user').includes(UNGROUNDED_TRIGGER)
      ? { content: 'Use a rope data structure [7].' }
      : { content: "Join the parts once with `''.join(strings)` [1]." },
  );
  project.provide('openaiStubUrl', stub.baseUrl);
  return () => stub.close();
}
