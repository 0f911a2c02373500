import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AnswerSettings } from '../../../src/answer/answer-options.js';
import { answerQuestion } from '../../../src/answer/answer-question.js';
import { quotedKeys } from '../../../src/answer/extractive-answer.js';
import { facetsToOffer } from '../../../src/answer/facets.js';
import type { ChatTurn } from '../../../src/answer/follow-up/chat-turn.js';
import type { Answer } from '../../../src/answer/types.js';
import { FACET_KINDS } from '../../../src/knowledge/types.js';
import type { LoadedIndex } from '../../../src/retrieval/load-retriever.js';
import type { Rate } from './real-eval.js';

/** The scripted conversations (`test/eval/conversations.json`). */
export const CONVERSATIONS_SET = new URL('../../../test/eval/conversations.json', import.meta.url);

/** Issue 15's follow-up targets. */
export const CONVERSATION_TARGETS = { noRepeat: 1, rightUnit: 0.9 } as const;

const turnSchema = z.object({
  question: z.string().min(1).max(2000),
  /** The units a right answer cites first. */
  expected: z.array(z.string().min(1)).min(1),
  /** The facet the turn's wording asks for. */
  facet: z.enum(FACET_KINDS).optional(),
});

export const conversationSetSchema = z.object({
  $comment: z.string(),
  conversations: z
    .array(
      z.object({
        id: z.string().regex(/^conv-\d{2,}$/),
        /** The real question (test/eval/real-questions.json, tuning half) the conversation opens with. */
        from: z
          .string()
          .regex(/^rq-[0-9a-f]{10}$/)
          .optional(),
        turns: z.array(turnSchema).min(2),
      }),
    )
    .min(1),
});

export type ConversationSet = z.infer<typeof conversationSetSchema>;

/** Reads and validates the set: known unit ids, unique conversation ids. */
export async function loadConversations(
  path: string | URL,
  knownTipIds: ReadonlySet<string>,
): Promise<ConversationSet> {
  const parsed = conversationSetSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`Invalid conversation set ${String(path)}: ${z.prettifyError(parsed.error)}`);
  const unknown = parsed.data.conversations.flatMap((c) =>
    c.turns.flatMap((t) => t.expected.filter((id) => !knownTipIds.has(id))),
  );
  if (unknown.length > 0)
    throw new Error(`Conversation set ${String(path)}: unknown unit ids ${[...new Set(unknown)].join(', ')}`);
  const ids = parsed.data.conversations.map((c) => c.id);
  if (new Set(ids).size !== ids.length)
    throw new Error(`Conversation set ${String(path)}: a conversation id is used twice`);
  return parsed.data;
}

/** One follow-up turn (the second turn on) as the service answered it. */
export interface FollowUpTurn {
  readonly conversation: string;
  readonly turn: number;
  readonly question: string;
  /** Quoted parts or examples an earlier answer of the conversation already gave (empty: nothing repeated). */
  readonly repeated: readonly string[];
  /** The first cited unit (undefined when it abstained). */
  readonly cited: string | undefined;
  readonly right: boolean;
  /** The facet asked for, and whether the first unit's quoted parts include it (undefined when the unit has none of that kind). */
  readonly facet?: { readonly asked: string; readonly quoted: boolean | undefined };
}

export interface ConversationReport {
  readonly conversations: number;
  readonly followUps: number;
  /** Follow-ups that quote nothing an earlier answer of the conversation quoted, and whose body differs from the previous answer's. */
  readonly noRepeat: Rate;
  /** Follow-ups whose first cited unit is a right one. */
  readonly rightUnit: Rate;
  /** Facet follow-ups ("why?", "how much does it save?") that quote the facet asked for, where the cited unit offers one not quoted yet (`facetsToOffer`). */
  readonly facetQuoted: Rate;
  readonly turns: readonly FollowUpTurn[];
}

/**
 * Runs every conversation as a client does: each turn is asked with the earlier turns as history
 * (the user's questions and the assistant's answers as they were returned), and each follow-up is
 * checked against everything the earlier answers of its conversation quoted.
 */
export async function runConversations(
  index: LoadedIndex,
  settings: AnswerSettings,
  set: ConversationSet,
): Promise<ConversationReport> {
  const tips = new Map(index.knowledge.tips.map((t) => [t.id, t]));
  const turns: FollowUpTurn[] = [];
  for (const conversation of set.conversations) {
    const history: ChatTurn[] = [];
    const said = new Set<string>();
    let previous: Answer | undefined;
    for (const [i, turn] of conversation.turns.entries()) {
      const answer = await answerQuestion(index, settings, { question: turn.question, history: [...history] });
      const keys = quotedKeys(answer, tips);
      if (i > 0) {
        const repeated = keys.filter((k) => said.has(k));
        if (previous && body(previous) === body(answer)) repeated.push('(the same body as the previous answer)');
        const first = answer.abstained ? undefined : answer.citations[0];
        const tip = first ? tips.get(first.id) : undefined;
        // Checked only where the unit offers a facet of that kind the conversation has not quoted yet
        // (in the sections it quoted from while they have one left: `facetsToOffer`).
        const unsaid = tip ? facetsToOffer(tip, said).some((p) => p.part === turn.facet) : false;
        const facet = turn.facet
          ? { asked: turn.facet, quoted: unsaid ? (first?.quoted ?? []).some((q) => q.part === turn.facet) : undefined }
          : undefined;
        turns.push({
          conversation: conversation.id,
          turn: i + 1,
          question: turn.question,
          repeated,
          cited: first?.id,
          right: first !== undefined && turn.expected.includes(first.id),
          ...(facet ? { facet } : {}),
        });
      }
      for (const k of keys) said.add(k);
      history.push({ role: 'user', content: turn.question }, { role: 'assistant', content: answer.answer });
      previous = answer;
    }
  }
  const rate = (hits: number, n: number): Rate => ({ hits, n });
  const faceted = turns.filter((t) => t.facet?.quoted !== undefined);
  return {
    conversations: set.conversations.length,
    followUps: turns.length,
    noRepeat: rate(turns.filter((t) => t.repeated.length === 0).length, turns.length),
    rightUnit: rate(turns.filter((t) => t.right).length, turns.length),
    facetQuoted: rate(faceted.filter((t) => t.facet?.quoted).length, faceted.length),
    turns,
  };
}

/** An answer's body: its markdown without the lead sentence and the sources. */
function body(answer: Answer): string {
  const text = answer.answer;
  const start = text.indexOf('\n\n');
  const end = text.lastIndexOf('**Sources**');
  return text.slice(start < 0 ? 0 : start, end < 0 ? undefined : end).trim();
}

const pct = (r: Rate) => (r.n === 0 ? '–' : `${((100 * r.hits) / r.n).toFixed(1)}% (${r.hits}/${r.n})`);

/** The conversation section of `npm run eval`. */
export function formatConversationReport(report: ConversationReport): string {
  const failures = report.turns.filter((t) => t.repeated.length > 0 || !t.right || t.facet?.quoted === false);
  return [
    `conversations (test/eval/conversations.json): ${report.conversations} conversations, ${report.followUps} follow-ups`,
    '',
    '| metric | value | target |',
    '|---|---:|---:|',
    `| follow-ups that repeat nothing an earlier answer said | ${pct(report.noRepeat)} | ${CONVERSATION_TARGETS.noRepeat * 100}% |`,
    `| follow-up's first cited unit right | ${pct(report.rightUnit)} | ≥ ${CONVERSATION_TARGETS.rightUnit * 100}% |`,
    `| facet asked for is the one quoted (when the unit still offers one, see facetsToOffer) | ${pct(report.facetQuoted)} |  |`,
    '',
    `follow-up failures (${failures.length}):`,
    ...failures.map(
      (t) =>
        `  - ${t.conversation} turn ${t.turn} "${t.question}": ${[
          ...(t.right ? [] : [`cited ${t.cited ?? 'nothing'}`]),
          ...(t.repeated.length > 0 ? [`repeated ${t.repeated.join(', ')}`] : []),
          ...(t.facet?.quoted === false ? [`did not quote its ${t.facet.asked}`] : []),
        ].join('; ')}`,
    ),
  ].join('\n');
}
