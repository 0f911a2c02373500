import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { commandInteractionSchema } from '../discord/discord-schemas.js';
import { eventCallbackSchema, slashCommandSchema, urlVerificationSchema } from '../slack/slack-schemas.js';
import { problemResponseDoc } from '../../http/openapi/components.js';
import type { OperationGroup } from '../../http/openapi/registry.js';

const SIGNATURE_401 = (platform: string, detail: string): ResponseConfig =>
  problemResponseDoc(
    401,
    `Not signed by ${platform}: missing or wrong signature, or a stale timestamp. Nothing is processed.`,
    {
      type: 'urn:pymem:problem:bad-signature',
      title: 'Request not verified',
      detail,
    },
  );

const NOT_CONFIGURED_503 = (platform: string, variable: string): ResponseConfig =>
  problemResponseDoc(
    503,
    `\`${variable}\` is not set: the ${platform} endpoints refuse everything rather than run unverified.`,
    {
      type: 'urn:pymem:problem:integration-not-configured',
      title: `${platform} is not configured`,
      detail: `Set ${variable} to enable the ${platform} endpoints; until then they answer 503.`,
    },
  );

const slackHeaders = z.object({
  'x-slack-signature': z.string().meta({
    description: '`v0=` HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret.',
    example: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  }),
  'x-slack-request-timestamp': z
    .string()
    .meta({ description: 'Unix seconds; older than 5 minutes is refused.', example: '1531420618' }),
});

const slackMessage = z
  .looseObject({
    response_type: z.enum(['ephemeral', 'in_channel']).optional(),
    text: z.string().optional(),
    blocks: z.array(z.looseObject({ type: z.string() })).optional(),
  })
  .meta({ id: 'SlackMessage', description: 'A Slack message: Block Kit `blocks` with a `text` fallback.' });

/**
 * The chat platforms' webhooks. They are called by Slack and Discord, verified by the platforms'
 * request signatures (not API keys), and documented here for completeness.
 */
export const botOperations: OperationGroup = (registry) => {
  registry.registerPath({
    method: 'post',
    path: '/slack/commands',
    operationId: 'slackCommand',
    tags: ['Chat bots'],
    summary: 'Slack slash command (`/pymem …`)',
    description:
      "Called by Slack. Verified with `X-Slack-Signature` (HMAC-SHA256 with `SLACK_SIGNING_SECRET`, constant-time compare, timestamps within 5 minutes); API keys do not apply. Answers within Slack's 3 seconds with Block Kit: ephemeral, or `in_channel` when the text starts with `public`.",
    security: [],
    request: {
      headers: slackHeaders,
      body: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: slashCommandSchema,
            example: {
              command: '/pymem',
              text: 'how do I find a memory leak?',
              user_id: 'U024BE7LH',
              response_url: 'https://hooks.slack.com/commands/T0001/1234/abcd',
            },
          },
        },
      },
    },
    responses: {
      200: { description: 'The reply message.', content: { 'application/json': { schema: slackMessage } } },
      400: problemResponseDoc(400, 'A form without the fields Slack sends.', {
        type: 'urn:pymem:problem:validation',
        title: 'Invalid request body',
        detail: 'command: command is required',
      }),
      401: SIGNATURE_401('Slack', 'The X-Slack-Signature does not match the body.'),
      415: problemResponseDoc(415, 'Not form-encoded.', {
        type: 'urn:pymem:problem:unsupported-media-type',
        title: 'Unsupported Media Type',
        detail: 'Send the body as application/x-www-form-urlencoded (got "application/json").',
      }),
      503: NOT_CONFIGURED_503('Slack', 'SLACK_SIGNING_SECRET'),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/slack/events',
    operationId: 'slackEvent',
    tags: ['Chat bots'],
    summary: 'Slack Events API',
    description:
      'Called by Slack, verified like `/slack/commands`. Answers the `url_verification` challenge; an `app_mention` or direct message is acknowledged at once and answered in its thread with `chat.postMessage` afterwards. Retries are deduplicated by `event_id`.',
    security: [],
    request: {
      headers: slackHeaders,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.union([urlVerificationSchema, eventCallbackSchema]),
            examples: {
              challenge: {
                summary: 'URL verification',
                value: { type: 'url_verification', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' },
              },
              mention: {
                summary: 'A mention',
                value: {
                  type: 'event_callback',
                  event_id: 'Ev0PV52K21',
                  event: {
                    type: 'app_mention',
                    channel: 'C0LAN2Q65',
                    user: 'U061F7AUR',
                    text: '<@U0LAN0Z89> how do weak references help?',
                    ts: '1515449522.000016',
                  },
                },
              },
            },
          },
        },
      },
    },
    responses: {
      200: {
        description: 'Acknowledged (empty), or the challenge echoed.',
        content: { 'application/json': { schema: z.object({ challenge: z.string() }) } },
      },
      400: problemResponseDoc(400, 'Not an Events API payload.', {
        type: 'urn:pymem:problem:bad-request',
        title: 'Bad Request',
        detail: 'The body is not valid JSON.',
      }),
      401: SIGNATURE_401('Slack', 'The request timestamp is more than 5 minutes old.'),
      503: NOT_CONFIGURED_503('Slack', 'SLACK_SIGNING_SECRET'),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/discord/interactions',
    operationId: 'discordInteraction',
    tags: ['Chat bots'],
    summary: 'Discord interactions (`/pymem question:…`)',
    description:
      'Called by Discord. Verified with the Ed25519 `X-Signature-Ed25519` over timestamp + body and `DISCORD_PUBLIC_KEY`; API keys do not apply. PING → PONG; the slash command answers with an embed, or defers and follows up through the interaction webhook.',
    security: [],
    request: {
      headers: z.object({
        'x-signature-ed25519': z.string().meta({ description: 'Hex Ed25519 signature of timestamp + body.' }),
        'x-signature-timestamp': z.string().meta({ description: 'The timestamp that was signed.' }),
      }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: commandInteractionSchema,
            examples: {
              command: {
                summary: 'The slash command',
                value: {
                  type: 2,
                  application_id: '1100000000000000000',
                  token: 'aW50ZXJhY3Rpb246MTEw',
                  data: {
                    name: 'pymem',
                    type: 1,
                    options: [{ name: 'question', type: 3, value: 'why is my list so big?' }],
                  },
                },
              },
            },
          },
        },
      },
    },
    responses: {
      200: {
        description: 'An interaction response (PONG, a message, or a deferral).',
        content: {
          'application/json': {
            schema: z
              .looseObject({ type: z.number().int(), data: z.looseObject({}).optional() })
              .meta({ id: 'DiscordInteractionResponse' }),
          },
        },
      },
      400: problemResponseDoc(400, 'Not an interaction.', {
        type: 'urn:pymem:problem:bad-request',
        title: 'Bad Request',
        detail: 'The body is not valid JSON.',
      }),
      401: SIGNATURE_401('Discord', 'The X-Signature-Ed25519 does not verify.'),
      503: NOT_CONFIGURED_503('Discord', 'DISCORD_PUBLIC_KEY'),
    },
  });
};
