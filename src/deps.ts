import type { AnswerSettings } from './answer/answer-options.js';
import type { Logger } from './logger.js';
import type { LoadedIndex } from './retrieval/load-retriever.js';

/** Everything the app needs from its host; each entry (Node, Worker, tests) builds its own. */
export interface AppDeps {
  readonly index: LoadedIndex;
  readonly answer?: Partial<AnswerSettings>;
  readonly logger?: Logger;
}

/** Hono environment shared by every route: `c.var.requestId` comes from the request-id middleware. */
export interface AppEnv {
  Variables: { requestId: string };
}
