import { createMiddleware } from 'hono/factory';
import { chatProblems } from '../chat/signed-requests.js';
import type { SlackConfig } from './slack-config.js';
import { verifySlackSignature, type SlackVerificationFailure } from './verify-slack-signature.js';

/** The sub-app environment: `c.var.rawBody` is the verified body, exactly as Slack signed it. */
export interface SlackEnv {
  Variables: { rawBody: string };
}

const DETAILS: Record<SlackVerificationFailure, string> = {
  'missing-headers': 'X-Slack-Signature and X-Slack-Request-Timestamp are required.',
  'stale-timestamp': 'X-Slack-Request-Timestamp is more than 5 minutes from now; the request may be a replay.',
  'bad-signature': 'X-Slack-Signature does not match the body and the signing secret.',
};

/**
 * Lets a request through only when Slack signed it: 503 when no signing secret is configured,
 * 401 for missing headers, a stale timestamp or a wrong signature. Nothing is parsed before.
 *
 * @example app.post('/slack/commands', verifiedSlackRequest(config, Date.now), handler)
 */
export function verifiedSlackRequest(config: SlackConfig | undefined, now: () => number) {
  return createMiddleware<SlackEnv>(async (c, next) => {
    const secret = config?.signingSecret;
    if (!secret) return chatProblems.notConfigured(c, 'Slack', 'SLACK_SIGNING_SECRET');
    const rawBody = await c.req.text();
    const failure = await verifySlackSignature(
      secret,
      { timestamp: c.req.header('x-slack-request-timestamp'), signature: c.req.header('x-slack-signature'), rawBody },
      now(),
    );
    if (failure) return chatProblems.unauthorized(c, DETAILS[failure]);
    c.set('rawBody', rawBody);
    await next();
  });
}
