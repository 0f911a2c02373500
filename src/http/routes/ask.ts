import { Hono } from 'hono';
import type { SSEStreamingApi } from 'hono/streaming';
import type { AnswerEvent } from '../../answer/answer-events.js';
import type { Answer } from '../../answer/types.js';
import type { Assistant } from '../../assistant.js';
import type { Logger } from '../../logger.js';
import { eventStream, splitIntoChunks } from '../event-stream.js';
import { jsonText } from '../json-response.js';
import { answerOutcome, recordOutcome } from '../middleware/request-observer.js';
import { problemDetails } from '../problem.js';
import { askRequestSchema } from '../schemas.js';
import { jsonBody } from '../validation.js';

/** `POST /v1/ask`: a grounded, cited answer, or an abstention. */
export function askRoutes(assistant: Assistant) {
  return new Hono().post('/v1/ask', ...jsonBody(askRequestSchema), async (c) => {
    const answer = await assistant.ask(c.req.valid('json'), { signal: c.req.raw.signal });
    recordOutcome(c, answerOutcome(answer));
    return jsonText<Answer>(c, assistant.answerJson(answer));
  });
}

/**
 * `POST /v1/ask/stream`: the `/v1/ask` answer as Server-Sent Events. `event: citations` first
 * (`{ citations, coverage, related? }`), then `event: delta` pieces of the markdown (`{ text }`), then `event: done`
 * with exactly the `/v1/ask` body; a failure after the stream started is `event: error` with a
 * problem+json body. A bad request is a plain 4xx problem+json before any event, and so is a
 * snippet the analyzer refuses (422, 503): it is analyzed before the stream starts.
 *
 * @example
 * curl -N localhost:8787/v1/ask/stream -H 'content-type: application/json' -d '{"question":"weakref?"}'
 */
export function askStreamRoutes(assistant: Assistant, logger: Logger) {
  return new Hono().post('/v1/ask/stream', ...jsonBody(askRequestSchema), async (c) => {
    const question = await assistant.analyzeQuestion(c.req.valid('json'), { signal: c.req.raw.signal });
    const requestId = c.get('requestId');
    return eventStream(c, async (stream) => {
      try {
        for await (const event of assistant.askStream(question, { signal: c.req.raw.signal })) {
          if (stream.aborted) return;
          if (event.type === 'done') recordOutcome(c, answerOutcome(event.answer));
          await writeEvent(stream, event);
        }
      } catch (error) {
        logger.error('ask_stream_failed', { requestId, error: String(error), stack: (error as Error).stack });
        const problem = problemDetails(500, {
          detail: 'The answer could not be completed; the request id identifies it in the logs.',
        });
        await stream.writeSSE({ event: 'error', data: JSON.stringify({ ...problem, requestId }) });
      }
    });
  });
}

async function writeEvent(stream: SSEStreamingApi, event: AnswerEvent): Promise<void> {
  switch (event.type) {
    case 'citations':
      // With the coverage up front, a client can say "not covered" before the text arrives.
      return stream.writeSSE({
        event: 'citations',
        data: JSON.stringify({
          citations: event.citations,
          ...(event.coverage ? { coverage: event.coverage } : {}),
          ...(event.related ? { related: event.related } : {}),
        }),
      });
    case 'delta':
      // Extractive answers are whole at once; sent in pieces, they read as they arrive.
      for (const text of splitIntoChunks(event.text)) {
        await stream.writeSSE({ event: 'delta', data: JSON.stringify({ text }) });
      }
      return;
    case 'done':
      return stream.writeSSE({ event: 'done', data: JSON.stringify(event.answer) });
  }
}
