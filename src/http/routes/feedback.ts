import { Hono } from 'hono';
import type { FeedbackStore } from '../../feedback/feedback-store.js';
import { silentLogger, type Logger } from '../../logger.js';
import { adminAuth } from '../middleware/auth.js';
import type { FailedAuthGuard } from '../middleware/rate-limit.js';
import { ProblemException } from '../problem.js';
import { feedbackRequestSchema, feedbackSummaryQuerySchema } from '../schemas.js';
import { jsonBody, queryParams } from '../validation.js';

export interface FeedbackRoutesOptions {
  /** Absent, both routes answer 503: there is nowhere to keep feedback. */
  readonly store: FeedbackStore | undefined;
  /** `ADMIN_TOKEN`, required by the summary. */
  readonly adminToken: string | undefined;
  readonly now?: () => Date;
  /** Where a failed write is logged, with the request id. */
  readonly logger?: Logger;
  /** Limits wrong admin tokens per client address. */
  readonly failedAuth?: FailedAuthGuard | undefined;
}

/** Seconds a client is asked to wait after a storage failure. */
const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * `POST /v1/feedback` (a reader's thumbs up or down on an answer, by `answerId`) and
 * `GET /v1/feedback/summary` (admin: the least helpful answers and the abstained questions). A
 * verdict is acknowledged (200) only once stored: when the store fails (a full or read-only disk,
 * D1 down) the client gets 503 with `Retry-After`, and the failure is logged with the request id.
 *
 * @example app.route('/', feedbackRoutes({ store: new D1FeedbackStore(env.DB), adminToken: env.ADMIN_TOKEN }))
 */
export function feedbackRoutes(options: FeedbackRoutesOptions) {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  /** Runs a store call; a failure is logged and becomes a 503 the client can retry. */
  const stored = async <T>(c: { get(key: 'requestId'): string }, event: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      logger.error(event, { requestId: c.get('requestId'), error: String(error) });
      throw new ProblemException(
        503,
        {
          type: 'urn:pymem:problem:storage-unavailable',
          title: 'Storage Unavailable',
          detail: `Feedback could not be stored just now, so nothing was recorded; retry in ${STORAGE_RETRY_AFTER_SECONDS} s. The request id identifies the failure in the logs.`,
        },
        { 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) },
      );
    }
  };
  const store = (): FeedbackStore => {
    if (options.store) return options.store;
    throw new ProblemException(503, {
      detail: 'Feedback is not stored on this server: set FEEDBACK_DB on Node, or bind a D1 database as DB on Workers.',
    });
  };

  return new Hono()
    .post('/v1/feedback', ...jsonBody(feedbackRequestSchema), async (c) => {
      const { answerId, helpful, comment } = c.req.valid('json');
      const at = now().toISOString();
      const target = store();
      const result = await stored(c, 'feedback_write_failed', () =>
        target.saveFeedback({ answerId, helpful, comment, at }),
      );
      if (result === 'unknown-answer') {
        throw new ProblemException(404, {
          type: 'urn:pymem:problem:unknown-answer',
          title: 'Unknown answer',
          detail: `No answer has the id "${answerId}": send the answerId of an answer from POST /v1/ask or /v1/ask/stream.`,
        });
      }
      return c.json({ answerId, helpful, comment: comment ?? null, recordedAt: at });
    })
    .get(
      '/v1/feedback/summary',
      adminAuth({ token: options.adminToken, failedAuth: options.failedAuth }),
      queryParams(feedbackSummaryQuerySchema),
      async (c) => {
        const { limit } = c.req.valid('query');
        c.header('Cache-Control', 'no-store');
        const target = store();
        return c.json(await stored(c, 'feedback_summary_failed', () => target.summary({ limit })));
      },
    );
}
