import type { APIEmbed, APIEmbedField, RESTPostAPIWebhookWithTokenJSONBody } from 'discord-api-types/v10';
import type { AnalysisResult } from '../../analyze/types.js';
import {
  answerBodyTokens,
  answerWithoutFindings,
  citationLocation,
  coverageHeading,
  isLowConfidence,
  LOW_CONFIDENCE_TEXT,
  RELATED_TEXT,
  analysisTitle,
  findingLines,
  MAX_FINDINGS_SHOWN,
} from '../chat/answer-text.js';
import type { ChatReply } from '../chat/chat-question.js';
import { fitLines, truncateMarkdown, truncateText } from '../chat/text-limits.js';
import { DISCORD_LIMITS, FLAGS } from './discord-protocol.js';

/** One message: the interaction response's `data`, a webhook follow-up or an edit of it. */
export type DiscordMessage = RESTPostAPIWebhookWithTokenJSONBody & {
  readonly content: string;
  readonly embeds: APIEmbed[];
};

const COLORS = { answer: 0x3776ab, abstained: 0x99aab5, warning: 0xf0b232, clean: 0x23a55a } as const;

export interface DiscordRenderOptions {
  /** Only the asker sees the messages. */
  readonly ephemeral?: boolean;
}

/**
 * Renders a chat reply as Discord messages within Discord's limits: the question quoted in
 * `content` (≤ 2,000), the findings in the pasted code (with line numbers) and the answer as
 * embeds (description ≤ 4,096, a field per cited source, ≤ 6,000 per message). Usually one
 * message; when the embeds do not fit in one, the rest become follow-ups.
 *
 * @example
 * const [response, ...followUps] = renderDiscordReply(reply);
 */
export function renderDiscordReply(reply: ChatReply, options: DiscordRenderOptions = {}): DiscordMessage[] {
  const embeds = [...(reply.analysis ? [findingsEmbed(reply.analysis)] : []), answerEmbed(reply)].map(fitEmbed);
  const messages: DiscordMessage[] = [];
  let current: APIEmbed[] = [];
  for (const embed of embeds) {
    const full = current.length >= DISCORD_LIMITS.embedsPerMessage;
    if (current.length > 0 && (full || embedsSize([...current, embed]) > DISCORD_LIMITS.embedsTotal)) {
      messages.push(message(messages.length === 0 ? quote(reply.question) : '', current, options));
      current = [];
    }
    current.push(embed);
  }
  messages.push(message(messages.length === 0 ? quote(reply.question) : '', current, options));
  return messages;
}

/**
 * A plain message (usage, a limit, an apology).
 *
 * @example renderDiscordNotice('Ask a question, e.g. `/pymem question: how do I find a leak?`', { ephemeral: true })
 */
export function renderDiscordNotice(text: string, options: DiscordRenderOptions = {}): DiscordMessage {
  return message(truncateText(text, DISCORD_LIMITS.content), [], options);
}

/** Characters Discord counts toward the 6,000 limit of a message's embeds. */
export function embedsSize(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((sum, e) => sum + embedSize(e), 0);
}

function message(content: string, embeds: APIEmbed[], options: DiscordRenderOptions): DiscordMessage {
  return {
    content,
    embeds,
    allowed_mentions: { parse: [] }, // echoing a question must never ping @everyone or anyone
    ...(options.ephemeral ? { flags: FLAGS.ephemeral } : {}),
  };
}

function answerEmbed(reply: ChatReply): APIEmbed {
  const { answer } = reply;
  const description = answerBodyTokens(answerWithoutFindings(answer, reply.analysis))
    .map((t) => t.raw.trim())
    .join('\n\n');
  const fields: APIEmbedField[] = [
    ...answer.citations.map((c) => ({
      name: truncateText(`[${c.n}] ${c.title}`, DISCORD_LIMITS.fieldName),
      value: truncateText(`${c.section} · ${citationLocation(c)}`, DISCORD_LIMITS.fieldValue),
    })),
    // A related tip is named as such: it is not the answer.
    ...(answer.related ?? []).map((r) => ({
      name: truncateText(`${RELATED_TEXT}: ${r.title}`, DISCORD_LIMITS.fieldName),
      value: truncateText(`${r.section} · ${citationLocation(r)}`, DISCORD_LIMITS.fieldValue),
    })),
  ];
  const low = isLowConfidence(answer);
  // A refusal quotes nothing: its embed says so in its title and needs no footer about quoting.
  const refusal = answer.coverage === 'none' && answer.citations.length === 0;
  const written =
    answer.coverage === 'related'
      ? 'The guidance has no tip on this'
      : answer.mode === 'llm'
        ? 'Written by a model from the cited tips'
        : 'Quoted from the cited tips';
  return {
    title: coverageHeading(answer),
    description: truncateMarkdown(description || answer.answer, DISCORD_LIMITS.embedDescription),
    color: answer.abstained ? COLORS.abstained : low ? COLORS.warning : COLORS.answer,
    fields: fields.slice(0, DISCORD_LIMITS.embedFields),
    ...(refusal ? {} : { footer: { text: low ? `⚠️ Low confidence: ${LOW_CONFIDENCE_TEXT} ${written}.` : written } }),
  };
}

function findingsEmbed({ findings, syntaxErrors }: AnalysisResult): APIEmbed {
  if (findings.length === 0 && syntaxErrors.length === 0) {
    return { title: analysisTitle({ findings, syntaxErrors }), color: COLORS.clean };
  }
  const lines = findings.slice(0, MAX_FINDINGS_SHOWN).map((f) => {
    const icon = f.severity === 'warning' ? '⚠️' : 'ℹ️';
    const fix = f.suggestion ? `\n↳ ${f.suggestion}` : '';
    return `${icon} **${capitalize(findingLines(f.range))}**: ${f.message} *(${f.citation.title})*${fix}`;
  });
  const errors = syntaxErrors.slice(0, 5).map((e) => `❌ **${capitalize(findingLines(e.range))}**: ${e.message}`);
  const hidden = findings.length - lines.length;
  return {
    title: analysisTitle({ findings, syntaxErrors }),
    description: fitLines([...lines, ...errors], DISCORD_LIMITS.embedDescription, (n) => `*…and ${n} more.*`, hidden),
    color: COLORS.warning,
  };
}

/** Shrinks the description, then drops trailing fields, until one embed fits in 6,000. */
function fitEmbed(embed: APIEmbed): APIEmbed {
  let fitted = embed;
  const over = embedSize(fitted) - DISCORD_LIMITS.embedsTotal;
  if (over > 0 && fitted.description) {
    const room = Math.max(0, fitted.description.length - over);
    fitted = { ...fitted, description: truncateMarkdown(fitted.description, room) };
  }
  while (embedSize(fitted) > DISCORD_LIMITS.embedsTotal && fitted.fields?.length) {
    fitted = { ...fitted, fields: fitted.fields.slice(0, -1) };
  }
  return fitted;
}

function embedSize(e: APIEmbed): number {
  const fields = (e.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    fields +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0)
  );
}

function quote(question: string): string {
  const quoted = question
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return truncateText(quoted, DISCORD_LIMITS.content);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
