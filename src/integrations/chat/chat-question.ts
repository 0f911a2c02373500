/** A chat message split into the question and the Python code pasted with it. */
export interface ChatQuestion {
  readonly question: string;
  /** Code from the message's fenced blocks (joined by a blank line), when it had any. */
  readonly snippet?: string;
}

/** Asked when a message holds only code: the analyzer's findings then carry the answer. */
export const CODE_ONLY_QUESTION = 'What in this code could use too much memory?';

// ```lang\ncode``` or ```code``` (Slack's composer sends the fence glued to the code).
const FENCE = /```([^\n`]*)\n?([\s\S]*?)```/g;
const LANGUAGE_TAGS = new Set(['python', 'python3', 'py', 'py3', 'pycon', 'ipython', 'text', 'plain', 'sh']);

/**
 * Splits chat text into the question and the code in its ``` fences. A first fence line that is a
 * language tag (```python) is dropped; anything else on it is code (Slack sends ```x = 1```).
 *
 * @example
 * parseChatQuestion('why so slow?\n```python\ns = ""\nfor x in xs: s += x\n```')
 * // → { question: 'why so slow?', snippet: 's = ""\nfor x in xs: s += x' }
 */
export function parseChatQuestion(text: string): ChatQuestion {
  const blocks: string[] = [];
  const prose = text.replace(FENCE, (_match, firstLine: string, rest: string) => {
    blocks.push(fenceContent(firstLine, rest));
    return '\n';
  });
  const question = prose.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const snippet = blocks.filter((b) => b.trim().length > 0).join('\n\n');
  if (!snippet) return { question };
  return { question: question || CODE_ONLY_QUESTION, snippet };
}

/** Code given on its own (Discord's `code` option): fences, if the user typed them, are removed. */
export function parseCodeOption(code: string): string {
  const fenced = parseChatQuestion(code);
  return (fenced.snippet ?? code).replace(/^\n+|\s+$/g, '');
}

function fenceContent(firstLine: string, rest: string): string {
  const tag = firstLine.trim();
  const code = LANGUAGE_TAGS.has(tag.toLowerCase()) || (tag === '' && rest !== '') ? rest : `${firstLine}\n${rest}`;
  return code.replace(/^\n+|\s+$/g, '');
}
