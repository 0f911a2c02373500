import type { ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Token, Tokens } from 'marked';
import type { AnalysisResult } from '../../analyze/types.js';
import {
  answerBodyTokens,
  answerWithoutFindings,
  citationLocation,
  isLowConfidence,
  LOW_CONFIDENCE_TEXT,
  RELATED_TEXT,
  analysisTitle,
  findingLines,
  MAX_FINDINGS_SHOWN,
} from '../chat/answer-text.js';
import type { ChatReply } from '../chat/chat-question.js';
import { splitText, truncateText } from '../chat/text-limits.js';
import { escapeMrkdwn, markdownToMrkdwn, toMrkdwn } from './mrkdwn.js';

/** Slack's Block Kit limits this renderer keeps to. */
export const SLACK_LIMITS = {
  /** Characters in a section block's text. */
  sectionChars: 3_000,
  /** Blocks in one message. */
  blocks: 50,
  /** Elements in a context block. */
  contextElements: 10,
  /** Characters in the top-level `text` (the notification fallback); Slack truncates at 40,000. */
  fallbackChars: 3_000,
} as const;

/** A message body for `chat.postMessage`, a slash-command reply or a `response_url` post. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const TRIMMED_NOTE = '_The answer was trimmed to fit in one Slack message._';

/** Above an answer of low confidence. */
export const LOW_CONFIDENCE_MRKDWN = `:warning: *Low confidence:* ${LOW_CONFIDENCE_TEXT}`;

/**
 * Renders a chat reply as Block Kit: findings in the pasted code first (with line numbers), a
 * warning when the answer is of low confidence, the answer in mrkdwn sections (each ≤ 3,000
 * characters), the tips' examples as code blocks, and a context block citing the guidance
 * sections. At most 50 blocks.
 *
 * @example
 * const { text, blocks } = renderSlackReply(await answerChatQuestion(assistant, question));
 */
export function renderSlackReply(reply: ChatReply): SlackMessage {
  const findings = reply.analysis ? analysisBlocks(reply.analysis) : [];
  const answer = answerBlocks(answerBodyTokens(answerWithoutFindings(reply.answer, reply.analysis)));
  const sources = sourcesBlock(reply);
  const caution = isLowConfidence(reply.answer) ? [context([LOW_CONFIDENCE_MRKDWN])] : [];
  const body = [...findings, ...(findings.length > 0 ? [{ type: 'divider' } as const] : []), ...caution, ...answer];
  return { text: fallbackText(reply), blocks: fitBlocks(body, sources ? [sources] : []) };
}

/**
 * A one-section message (usage help, a limit, an apology), already in mrkdwn.
 *
 * @example renderSlackNotice('Ask a question, e.g. `/pymem how do I find a leak?`')
 */
export function renderSlackNotice(mrkdwn: string): SlackMessage {
  return { text: truncateText(mrkdwn, SLACK_LIMITS.fallbackChars), blocks: sections(mrkdwn) };
}

function answerBlocks(tokens: readonly Token[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let prose: Token[] = [];
  const flush = () => {
    if (prose.length > 0) blocks.push(...sections(toMrkdwn(prose)));
    prose = [];
  };
  for (const token of tokens) {
    if (token.type === 'code') {
      flush();
      blocks.push(...codeSections((token as Tokens.Code).text));
    } else {
      prose.push(token);
    }
  }
  flush();
  return blocks;
}

function analysisBlocks(analysis: AnalysisResult): KnownBlock[] {
  const { findings, syntaxErrors } = analysis;
  if (findings.length === 0 && syntaxErrors.length === 0) {
    return [context([`:white_check_mark: ${analysisTitle(analysis)}.`])];
  }
  const lines = findings.slice(0, MAX_FINDINGS_SHOWN).map((f) => {
    const icon = f.severity === 'warning' ? ':warning:' : ':information_source:';
    const fix = f.suggestion ? `\n↳ ${markdownToMrkdwn(f.suggestion)}` : '';
    return `${icon} *${capitalize(findingLines(f.range))}*: ${markdownToMrkdwn(f.message)} _(${escapeMrkdwn(f.citation.title)})_${fix}`;
  });
  if (findings.length > MAX_FINDINGS_SHOWN) lines.push(`_…and ${findings.length - MAX_FINDINGS_SHOWN} more._`);
  for (const e of syntaxErrors.slice(0, 5)) {
    lines.push(`:x: *${capitalize(findingLines(e.range))}*: ${escapeMrkdwn(e.message)}`);
  }
  return sections(`*${analysisTitle(analysis)}*\n${lines.join('\n')}`);
}

function sourcesBlock(reply: ChatReply): ContextBlock | undefined {
  const { citations, related } = reply.answer;
  // Related tips are named as such: they are not the answer.
  if (citations.length === 0 && related?.length) {
    return context(
      related.map(
        (r, i) =>
          `${i === 0 ? ':link: ' : ''}*${RELATED_TEXT}:* ${escapeMrkdwn(r.title)} · ${escapeMrkdwn(r.section)} · ${escapeMrkdwn(citationLocation(r))}`,
      ),
    );
  }
  if (citations.length === 0) return undefined;
  const items = citations.map(
    (c) => `*[${c.n}]* ${escapeMrkdwn(c.title)} · ${escapeMrkdwn(c.section)} · ${escapeMrkdwn(citationLocation(c))}`,
  );
  // One element per source, the overflow joined into the last element (a context block holds 10).
  const max = SLACK_LIMITS.contextElements;
  const elements = items.length <= max ? items : [...items.slice(0, max - 1), items.slice(max - 1).join('\n')];
  return context(elements.map((e, i) => (i === 0 ? `:books: ${e}` : e)));
}

/**
 * mrkdwn split into as many sections as the 3,000-character limit needs; a ``` block cut by a
 * split is closed at the end of one section and reopened at the start of the next.
 */
function sections(mrkdwn: string): SectionBlock[] {
  const fence = '```';
  const pieces = splitText(mrkdwn, SLACK_LIMITS.sectionChars - 2 * (fence.length + 1));
  let open = false;
  return pieces.flatMap((piece): SectionBlock[] => {
    const opened = open ? `${fence}\n${piece}` : piece;
    open = (opened.match(/```/g)?.length ?? 0) % 2 === 1;
    const text = open ? `${opened}\n${fence}` : opened;
    return text.trim() ? [{ type: 'section', text: { type: 'mrkdwn', text } }] : [];
  });
}

/** A code block, split at line breaks into several sections when it is long; each piece fenced. */
function codeSections(code: string): SectionBlock[] {
  const fence = '```';
  const room = SLACK_LIMITS.sectionChars - 2 * (fence.length + 1);
  return splitText(escapeMrkdwn(code), room).map((piece) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: `${fence}\n${piece}\n${fence}` },
  }));
}

function context(texts: readonly string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts.map((text) => ({ type: 'mrkdwn', text: truncateText(text, SLACK_LIMITS.sectionChars) })),
  };
}

/** Keeps `tail` (the sources) and as much of `body` as fits in 50 blocks, noting a trim. */
function fitBlocks(body: readonly KnownBlock[], tail: readonly KnownBlock[]): KnownBlock[] {
  if (body.length + tail.length <= SLACK_LIMITS.blocks) return [...body, ...tail];
  const room = SLACK_LIMITS.blocks - tail.length - 1;
  return [...body.slice(0, room), context([TRIMMED_NOTE]), ...tail];
}

function fallbackText(reply: ChatReply): string {
  const lead = answerBodyTokens(answerWithoutFindings(reply.answer, reply.analysis))[0];
  const text = lead ? toMrkdwn([lead]) : escapeMrkdwn(reply.answer.answer);
  const count = reply.analysis?.findings.length ?? 0;
  const findings = count > 0 ? `${count === 1 ? '1 finding' : `${count} findings`} in your code. ` : '';
  const prefix = `${findings}${isLowConfidence(reply.answer) ? '(Low confidence) ' : ''}`;
  return truncateText(`${prefix}${text}`, SLACK_LIMITS.fallbackChars);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
