import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import { eventStream } from '../../http/event-stream.js';
import { answerOutcome, recordOutcome } from '../../http/middleware/request-observer.js';
import { ProblemException } from '../../http/problem.js';
import { jsonBody } from '../../http/validation.js';
import type { Logger } from '../../logger.js';
import { completionChunks } from './chat-completion-chunks.js';
import { chatCompletion, estimateTokens, newCompletion, MODEL_ID, modelObject } from './chat-completion.js';
import { chatCompletionRequestSchema, type ChatMessage, questionFromMessages } from './chat-request.js';
import { openAiError } from './openai-error-shape.js';

export interface OpenAiCompatDeps {
  readonly logger: Logger;
  /** Wall clock in ms, for `created`; `Date.now` by default. */
  readonly now?: (() => number) | undefined;
}

/**
 * The OpenAI-compatible API, for tools that take an "OpenAI base URL" (`<service>/v1`):
 * `GET /v1/models` (one model, {@link MODEL_ID}), `GET /v1/models/{model}`, and
 * `POST /v1/chat/completions` answering the last user message from the guidance, with the earlier
 * messages as the follow-up history; `stream: true` sends `chat.completion.chunk` events ending
 * with `data: [DONE]`. Errors are OpenAI's `{ error: { message, type, param, code } }`
 * (`openAiErrorShape`, registered in front by `createApp`).
 *
 * @example
 * const client = new OpenAI({ baseURL: 'http://localhost:8787/v1', apiKey: 'unused-unless-API_KEYS-is-set' });
 * const completion = await client.chat.completions.create({ model: 'pymem-assistant', messages: [{ role: 'user', content: 'weakref?' }] });
 */
export function openAiCompatRoutes(assistant: Assistant, deps: OpenAiCompatDeps) {
  const now = deps.now ?? Date.now;
  return new Hono()
    .get('/v1/models', (c) => c.json({ object: 'list' as const, data: [modelObject()] }))
    .get('/v1/models/:model', (c) => {
      assertModel(c.req.param('model'));
      return c.json(modelObject());
    })
    .post('/v1/chat/completions', ...jsonBody(chatCompletionRequestSchema), async (c) => {
      const body = c.req.valid('json');
      assertModel(body.model);
      // Code in the question is analyzed first, so that a refusal (422, 503) is an error response, not a broken stream.
      const question = await assistant.analyzeQuestion(questionFromMessages(body.messages), {
        signal: c.req.raw.signal,
      });
      const promptTokens = estimateTokens(promptText(body.messages));
      const identity = newCompletion(assistant.manifest.knowledgeHash, now());
      const signal = c.req.raw.signal;
      if (!body.stream) {
        const answer = await assistant.ask(question, { signal });
        recordOutcome(c, answerOutcome(answer));
        return c.json(chatCompletion(identity, answer, promptTokens));
      }
      const requestId = c.get('requestId');
      return eventStream(c, async (stream) => {
        const chunks = completionChunks(assistant.askStream(question, { signal }), identity, {
          includeUsage: body.stream_options?.include_usage === true,
          promptTokens,
          onAnswer: (answer) => recordOutcome(c, answerOutcome(answer)),
        });
        try {
          for await (const chunk of chunks) {
            if (stream.aborted) return;
            await stream.writeSSE({ data: JSON.stringify(chunk) });
          }
          await stream.writeSSE({ data: '[DONE]' });
        } catch (error) {
          deps.logger.error('chat_completion_stream_failed', {
            requestId,
            error: String(error),
            stack: (error as Error).stack,
          });
          const failure = openAiError({
            type: 'urn:pymem:problem:internal',
            status: 500,
            detail: `The answer could not be completed; request id ${requestId} identifies it in the logs.`,
          });
          await stream.writeSSE({ data: JSON.stringify(failure) });
        }
      });
    });
}

function assertModel(model: string): void {
  if (model === MODEL_ID) return;
  throw new ProblemException(404, {
    type: 'urn:pymem:problem:model-not-found',
    title: 'Model Not Found',
    detail: `The model "${model}" does not exist; this service has one model, "${MODEL_ID}" (GET /v1/models).`,
  });
}

/** Everything the messages say, for the prompt-token estimate. */
function promptText(messages: readonly ChatMessage[]): string {
  return messages
    .map((m) => (typeof m.content === 'string' ? m.content : (m.content ?? []).map((p) => p.text ?? '').join('\n')))
    .join('\n');
}

/** The paths of the OpenAI-compatible API, where errors take OpenAI's shape. */
export const OPENAI_COMPAT_PATHS = ['/v1/chat/completions', '/v1/models', '/v1/models/*'] as const;
