/** What the workerd tests get from global setups through `inject()` (see test/helpers/openai-stub-global-setup.ts). */
declare module 'vitest' {
  export interface ProvidedContext {
    openaiStubUrl: string;
  }
}
export {};
