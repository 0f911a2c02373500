import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Clock } from '../rate-limiter.js';

/** A request whose response is done, as the request log and the metrics see it. */
export interface FinishedRequest {
  readonly requestId: string;
  readonly method: string;
  /** The matched route pattern (`/v1/tips/:id`), undefined for unmatched paths. */
  readonly route: string | undefined;
  /** The path, without the query string. */
  readonly path: string;
  readonly status: number;
  /** From the request's arrival at this middleware to its last byte (streams) or its response. */
  readonly latencyMs: number;
  /** `api-key:k_…`, `widget-key:k_…` or `admin:…` (a key id, never the key). */
  readonly principal: string | undefined;
  readonly outcome: RequestOutcome | undefined;
}

/** Told about every finished request (the request log, the metrics). */
export type RequestObserver = (request: FinishedRequest) => void;

/**
 * Measures each request once and hands the result to every observer when its response is done
 * (for an event stream, after its last event): one clock pair, one route lookup, whatever the
 * number of observers.
 *
 * @example app.use(observeRequests([logRequests(logger), measureRequests(metrics)]));
 */
export function observeRequests(
  observers: readonly RequestObserver[],
  clock: Clock = () => performance.now(),
): MiddlewareHandler {
  return async (c, next) => {
    const started = clock();
    await next();
    onResponseDone(c, () => {
      const principal = c.get('principal');
      const finished: FinishedRequest = {
        requestId: c.get('requestId'),
        method: c.req.method,
        route: routePattern(c),
        path: c.req.path,
        status: c.res.status,
        latencyMs: clock() - started,
        principal: principal ? `${principal.kind}:${principal.keyId}` : undefined,
        outcome: c.get('outcome'),
      };
      for (const observe of observers) observe(finished);
    });
  };
}

/**
 * What a request produced, for the request log and metrics: routes record it on `c.var.outcome`,
 * the observing middleware reads it when the response is done.
 */
export interface RequestOutcome {
  /** Best score among the cited tips (0–1); absent when nothing was cited. */
  readonly topScore?: number;
  /** Whether an answer abstained. */
  readonly abstained?: boolean;
  /** The answer's confidence (`high`, `medium`, `low`), and why it abstained. */
  readonly confidence?: string;
  readonly abstainReason?: string;
  /** Analyzer findings in the response. */
  readonly findings?: number;
  /** The MCP tool called, on `/mcp`. */
  readonly tool?: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** What the route produced ({@link recordOutcome}), read by the request log and metrics. */
    outcome: RequestOutcome | undefined;
  }
}

/** The parts of an answer the outcome is read from (`/v1/ask`, its stream, MCP, bots). */
export interface AnswerLike {
  readonly abstained: boolean;
  readonly confidence?: string | undefined;
  readonly abstainReason?: string | undefined;
  readonly citations: readonly { readonly score: number }[];
  readonly findings?: readonly unknown[];
}

/**
 * Merges fields into the request's outcome.
 *
 * @example
 * const answer = await assistant.ask(question);
 * recordOutcome(c, answerOutcome(answer));
 */
export function recordOutcome(c: Context, outcome: RequestOutcome): void {
  c.set('outcome', { ...c.get('outcome'), ...outcome });
}

/** The outcome of an answer: top cited score, abstention and its reason, confidence, findings count. */
export function answerOutcome(answer: AnswerLike): RequestOutcome {
  const scores = answer.citations.map((c) => c.score);
  return {
    abstained: answer.abstained,
    ...(answer.confidence ? { confidence: answer.confidence } : {}),
    ...(answer.abstainReason ? { abstainReason: answer.abstainReason } : {}),
    ...(scores.length > 0 ? { topScore: Math.max(...scores) } : {}),
    ...(answer.findings ? { findings: answer.findings.length } : {}),
  };
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `eventStream`: the response is Server-Sent Events, observed when its last event is sent. */
    eventStream: boolean | undefined;
  }
}

/**
 * Calls `done` once the response is complete: right away for ordinary bodies, and when the last
 * chunk has been sent for Server-Sent Events made with `eventStream` (so a streamed answer is logged with its full
 * duration and the outcome recorded while it streamed). Call it after `await next()`.
 *
 * @example
 * app.use(async (c, next) => { await next(); onResponseDone(c, () => log(c.res.status)); });
 */
export function onResponseDone(c: Context, done: () => void): void {
  // The flag, not the Content-Type: reading `c.res.headers` makes @hono/node-server build a
  // WHATWG Headers object for every response, and write it out the slow way (issue #8).
  if (c.get('eventStream') !== true) {
    done();
    return;
  }
  const res = c.res;
  if (!res.body) {
    done();
    return;
  }
  let called = false;
  const once = () => {
    if (!called) {
      called = true;
      done();
    }
  };
  // Pass the chunks through, noticing the end, or a client that disconnects (a cancel).
  const reader = res.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk.done) {
        controller.close();
        once();
      } else {
        controller.enqueue(chunk.value);
      }
    },
    cancel(reason) {
      once();
      return reader.cancel(reason);
    },
  });
  c.res = new Response(body, res);
}

/**
 * The pattern of the endpoint a request matched (`/v1/tips/:id`), whoever answered it (the
 * handler, or a middleware in front such as auth); undefined when no endpoint matched (404).
 * Middleware is registered with method `ALL` (`app.use`), endpoints with their method.
 */
export function routePattern(c: Context): string | undefined {
  const endpoints = matchedRoutes(c).filter((route) => route.method !== 'ALL');
  return endpoints.at(-1)?.path;
}
