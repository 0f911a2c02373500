import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import { chatRuntime, type ChatRuntimeDeps } from '../chat/chat-runtime.js';
import { createMemoryEventDedupe, type EventDedupe } from './event-dedupe.js';
import { slackCommandRoutes } from './slack-commands.js';
import { slackEventRoutes } from './slack-events.js';
import type { SlackConfig } from './slack-schemas.js';

export interface SlackRoutesDeps extends ChatRuntimeDeps {
  readonly platforms?: { readonly slack?: SlackConfig | undefined } | undefined;
  /** Which events were handled; an in-memory LRU (per process or isolate) when not given. */
  readonly slackEventDedupe?: EventDedupe | undefined;
}

/**
 * The Slack app: `POST /slack/commands` (slash command) and `POST /slack/events` (Events API),
 * every request verified with the signing secret first.
 *
 * @example
 * app.route('/', slackRoutes(assistant, { platforms: { slack: { signingSecret, botToken, apiBaseUrl } }, logger }));
 */
export function slackRoutes(assistant: Assistant, deps: SlackRoutesDeps) {
  const runtime = chatRuntime(deps, assistant);
  const config = deps.platforms?.slack;
  const dedupe = deps.slackEventDedupe ?? createMemoryEventDedupe(deps.now ? { now: deps.now } : {});
  return new Hono()
    .route('/', slackCommandRoutes(assistant, config, runtime))
    .route('/', slackEventRoutes(assistant, config, dedupe, runtime));
}
