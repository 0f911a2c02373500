/**
 * The costliest `/v1/ask` bodies within the request limits, found while bounding what one question
 * may cost: what each cost before, and why. Shared by the follow-up tests, the reliability suite
 * and the benchmark. Each is made from a seed, so a run can send words the service has never
 * seen (its typo, fuzzy-match and stem caches then never help, as they would not help against a
 * client that makes up new words for every request) and still be reproducible.
 */
import { HISTORY_LIMITS, type ChatTurn } from '../../src/answer/follow-up/chat-turn.js';
import { LIMITS } from '../../src/http/limits.js';

export interface HostileAsk {
  readonly question: string;
  readonly snippet?: string;
  readonly history?: readonly ChatTurn[];
}

export interface HostileQuestion {
  readonly name: string;
  /** The body for `seed` (any non-negative integer; the same seed gives the same body). */
  readonly ask: (seed: number) => HostileAsk;
  /**
   * What it cost in CPU before the limits (2-core machine, in process, fresh words each run; a
   * snippet's analysis, which the service runs on its analysis thread, not counted).
   */
  readonly before: string;
}

/** `chars` characters of made-up lower-case words of `letters` letters, space-separated, from a fixed-seed generator. */
export function madeUpWords(chars: number, letters: number, seed: number): string {
  let state = seed + 1;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const words: string[] = [];
  for (let length = 0; length < chars; length += letters + 1)
    words.push(Array.from({ length: letters }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join(''));
  return words.join(' ').slice(0, chars);
}

const TURN_CHARS = Math.floor(HISTORY_LIMITS.bytes / HISTORY_LIMITS.turns);
/** A snippet of the most the limit allows, less room for the question. */
const SNIPPET_CHARS = LIMITS.snippetBytes - 16;

export const HOSTILE_QUESTIONS: readonly HostileQuestion[] = [
  {
    name: 'one 2,000-letter word',
    ask: (seed) => ({ question: madeUpWords(LIMITS.questionChars, LIMITS.questionChars, seed) }),
    before:
      '100 ms (185 ms for `a` repeated): the stemmer’s suffix expressions backtrack over the whole word, for each of four readers',
  },
  {
    name: '2,000 characters of made-up words',
    ask: (seed) => ({ question: madeUpWords(LIMITS.questionChars, 5, seed) }),
    before: '29–43 ms: a typo lookup and a fuzzy BM25 walk for each of its 333 words',
  },
  {
    name: 'a follow-up after 16 KiB of made-up words',
    ask: (seed) => ({
      question: 'why?',
      history: Array.from({ length: HISTORY_LIMITS.turns }, (_, i) => ({
        role: 'user' as const,
        content: madeUpWords(TURN_CHARS, 5, seed * HISTORY_LIMITS.turns + i),
      })),
    }),
    before:
      '0.36–0.43 s: each of the 10 user turns answered again with all the turns before it, every word looked up for typos and matched fuzzily',
  },
  {
    name: 'a 64 KiB snippet that is one word',
    ask: (seed) => ({ question: 'is this ok?', snippet: madeUpWords(SNIPPET_CHARS, SNIPPET_CHARS, seed) }),
    before:
      '74 s, and 4 GB kept: a fuzzy BM25 walk over a 64 KiB term (its matrix is the square of the length), and the API-name pattern backtracking over it',
  },
  {
    name: 'a 64 KiB snippet of made-up words',
    ask: (seed) => ({ question: 'is this ok?', snippet: madeUpWords(SNIPPET_CHARS, 5, seed) }),
    before: '22–29 ms: the first 200 distinct words are searched, each looked up for typos and matched fuzzily',
  },
  {
    name: 'a 64 KiB snippet of `a-a-…`',
    ask: () => ({ question: 'is this ok?', snippet: 'a-'.repeat(SNIPPET_CHARS / 2) }),
    before:
      '67 ms: two scope cues (a file name ending in .py or .js) tried every one of its 32,768 words to the end of the run',
  },
  {
    // Half the snippet limit: each line break takes two bytes of the JSON body, which has its own limit.
    name: 'a 32 KiB snippet of blank lines',
    ask: () => ({ question: 'is this ok?', snippet: `x = 1${'\n'.repeat(SNIPPET_CHARS / 2)}` }),
    before:
      '54 ms: the Python `import` cue let its leading whitespace run across every blank line of the 8,000 characters the scope reads, from each of them',
  },
  {
    name: 'a 64 KiB snippet with 250 findings (`open(p)` lines)',
    ask: () => ({ question: 'is this ok?', snippet: 'open(p)\n'.repeat(SNIPPET_CHARS / 8) }),
    before: '36 ms: each of its 8,192 identical lines split into words again, by every reader of the question',
  },
];
