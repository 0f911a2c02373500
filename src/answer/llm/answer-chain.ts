import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { RunnableLambda, RunnablePassthrough, RunnableSequence, type Runnable } from '@langchain/core/runnables';
import type { Question } from '../types.js';
import { formatPromptInput } from './format-sources.js';
import type { LlmLimits } from './llm-config.js';
import type { PromptInput, PromptTemplates } from './prompt-templates.js';
import type { RetryInfo } from './retry.js';
import type { Retrieved } from './retrieved.js';
import { RetryingChatModel } from './retrying-model.js';

export interface AnswerChainOptions {
  /** The retrieve step: the question's extractive answer and its numbered sources. */
  readonly retrieve: (question: Question) => Promise<Retrieved>;
  readonly model: BaseChatModel;
  readonly templates: PromptTemplates;
  readonly limits: LlmLimits;
  readonly onRetry?: ((info: RetryInfo) => void) | undefined;
}

/** What the chain produces: the retrieval, the rendered prompt input and the model's raw text. */
export type AnswerChainOutput = Retrieved & {
  readonly promptInput: PromptInput;
  readonly text: string;
};

type WithPromptInput = Retrieved & { readonly promptInput: PromptInput };

/**
 * The LLM answer chain, a `RunnableSequence`: retrieve → format sources → prompt → model → parse.
 * Streamed (`chain.stream(question, { signal })`), it yields the retrieval first, then the prompt
 * input, then `{ text }` deltas as the model writes; nothing is sent to the model when retrieval
 * found no relevant source. The grounding check runs on the result (see `llm-answerer.ts`).
 *
 * @example
 * const chain = createAnswerChain({ retrieve, model, templates, limits });
 * const { text, promptInput } = await chain.invoke({ question: 'How do I find a leak?' });
 */
export function createAnswerChain(options: AnswerChainOptions): Runnable<Question, AnswerChainOutput> {
  const { templates, limits } = options;
  const budget = { maxPromptTokens: limits.maxPromptTokens, fixedChars: templates.fixedChars };
  const prompt = RunnableLambda.from((input: PromptInput) =>
    input.snippet ? templates.snippetReview : templates.answer,
  );
  const model = new RetryingChatModel(options.model, {
    retries: limits.maxRetries,
    baseDelayMs: limits.retryBaseDelayMs,
    maxDelayMs: limits.maxRetryDelayMs,
    onRetry: options.onRetry,
  });
  const generate = RunnableSequence.from([
    (input: WithPromptInput) => input.promptInput,
    prompt,
    model,
    new StringOutputParser(),
  ]);

  return RunnableSequence.from([
    RunnableLambda.from(options.retrieve).withConfig({ runName: 'retrieve' }),
    RunnablePassthrough.assign({ promptInput: (retrieved: Retrieved) => formatPromptInput(retrieved, budget) }),
    // A routing lambda rather than RunnableBranch: RunnableBranch runs its default branch as well
    // when the chosen one returns a falsy value such as ''.
    RunnablePassthrough.assign({
      text: RunnableLambda.from((input: WithPromptInput) => (input.promptInput.sourceCount === 0 ? '' : generate)),
    }),
  ]);
}
