import type { AnalysisResult } from '../../analyze/types.js';
import type { ChatTurn } from '../../answer/follow-up/chat-turn.js';
import type { Answer } from '../../answer/types.js';
import type { Assistant } from '../../assistant.js';
import { LIMITS } from '../../http/limits.js';
import { defaultScopeReader } from '../../retrieval/scope.js';

/** A chat message split into the question and the code pasted with it. */
export interface ChatQuestion {
  readonly question: string;
  /** Code from the message's fenced blocks (joined by a blank line), when it had any. */
  readonly snippet?: string;
  /**
   * The first language tag of those blocks that names a language (```go, ```ts, ```python), as
   * written: scope evidence (see `Question.snippetLanguage`).
   */
  readonly snippetLanguage?: string;
}

/** Asked when a message holds only code: the analyzer's findings then carry the answer. */
export const CODE_ONLY_QUESTION = 'What in this code could use too much memory?';

// ```lang\ncode``` or ```code``` (Slack's composer sends the fence glued to the code).
const FENCE = /```([^\n`]*)\n?([\s\S]*?)```/g;
/** Fence tags that name no runtime: the block is output, a shell session or data, not another language's code. */
const NEUTRAL_TAGS = new Set([
  'text',
  'txt',
  'plain',
  'plaintext',
  'sh',
  'bash',
  'shell',
  'console',
  'json',
  'yaml',
  'toml',
  'log',
  'output',
]);

/**
 * Splits chat text into the question and the code in its ``` fences. A first fence line that is a
 * language tag (```python, ```go, ```text) is dropped, and the first that names a language is
 * kept as `snippetLanguage`; anything else on it is code (Slack sends ```x = 1```).
 *
 * @example
 * parseChatQuestion('why so slow?\n```python\ns = ""\nfor x in xs: s += x\n```')
 * // → { question: 'why so slow?', snippet: 's = ""\nfor x in xs: s += x', snippetLanguage: 'python' }
 */
export function parseChatQuestion(text: string): ChatQuestion {
  const blocks: string[] = [];
  let snippetLanguage: string | undefined;
  const prose = text.replace(FENCE, (_match, firstLine: string, rest: string) => {
    const tag = firstLine.trim();
    const names = defaultScopeReader().languageOf(tag) !== undefined;
    const isTag = names || NEUTRAL_TAGS.has(tag.toLowerCase()) || (tag === '' && rest !== '');
    const code = (isTag ? rest : `${firstLine}\n${rest}`).replace(/^\n+|\s+$/g, '');
    if (code.trim()) {
      blocks.push(code);
      if (names) snippetLanguage ??= tag;
    }
    return '\n';
  });
  const question = prose
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const snippet = blocks.join('\n\n');
  if (!snippet) return { question };
  return { question: question || CODE_ONLY_QUESTION, snippet, ...(snippetLanguage ? { snippetLanguage } : {}) };
}

/**
 * Code given on its own (Discord's `code` option) as one fenced block: fences the user typed are
 * removed, and the language tag of the first is kept on the block.
 *
 * @example parseCodeOption('```go\nx := 1\n```') // → '```go\nx := 1\n```'
 */
export function parseCodeOption(code: string): string {
  const fenced = parseChatQuestion(code);
  const body = (fenced.snippet ?? code).replace(/^\n+|\s+$/g, '');
  return `\`\`\`${fenced.snippetLanguage ?? ''}\n${body}\n\`\`\``;
}

/** What a chat integration renders: the answer, and the analysis of pasted code when there was some. */
export interface ChatReply {
  readonly question: string;
  readonly answer: Answer;
  readonly analysis?: AnalysisResult;
}

const utf8 = new TextEncoder();

/**
 * Why a chat question cannot be answered as asked (the same limits as `/v1/ask`), or `undefined`.
 * Chat users get this as a message rather than an HTTP error.
 */
export function chatQuestionProblem(q: ChatQuestion): string | undefined {
  if (!q.question.trim())
    return 'Ask a question about Python memory, optionally with code in a code block (triple backticks).';
  if (q.question.length > LIMITS.questionChars) {
    return `That question is ${q.question.length.toLocaleString('en-US')} characters; the limit is ${LIMITS.questionChars.toLocaleString('en-US')}.`;
  }
  const snippetBytes = q.snippet ? utf8.encode(q.snippet).length : 0;
  if (snippetBytes > LIMITS.snippetBytes) {
    return `That code is ${Math.ceil(snippetBytes / 1024)} KiB; the limit is ${LIMITS.snippetBytes / 1024} KiB.`;
  }
  return undefined;
}

/**
 * Answers a chat question through the Assistant; pasted code is analyzed too (once: the answer is
 * made from the same analysis), so its findings can be shown first with their line numbers. `history` (a thread's earlier messages) lets a follow-up
 * ("why?", "what about dicts?") be read against them.
 *
 * @example
 * const reply = await answerChatQuestion(assistant, parseChatQuestion(text));
 */
export async function answerChatQuestion(
  assistant: Assistant,
  q: ChatQuestion,
  history: readonly ChatTurn[] = [],
): Promise<ChatReply> {
  const asked = await assistant.analyzeQuestion({
    question: q.question,
    ...(q.snippet ? { snippet: q.snippet } : {}),
    ...(q.snippet && q.snippetLanguage ? { snippetLanguage: q.snippetLanguage } : {}),
    ...(history.length > 0 ? { history } : {}),
  });
  const answer = await assistant.ask(asked);
  return asked.analysis ? { question: q.question, answer, analysis: asked.analysis } : { question: q.question, answer };
}
