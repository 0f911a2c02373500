/**
 * The word lists the follow-up rules read (see resolve-follow-up.ts). Lower-case, matched as whole
 * words; kept short and reviewed by hand, since each entry changes how a conversation is read.
 */

/** Openers that continue the previous question with a new subject: "what about dicts?", "and for tracemalloc?". */
export const CONTINUATION_OPENERS: readonly string[] = [
  'what about',
  'how about',
  'what if',
  'as for',
  'same for',
  'same with',
  'same thing for',
  'compared to',
  'compared with',
  'instead of',
  'and',
  'also',
  'but',
  'or',
  'vs',
  'versus',
];

/** Words that point back at something said before: "how do I avoid them?", "can I trigger it manually?". */
export const REFERRING_WORDS: ReadonlySet<string> = new Set([
  'it',
  'its',
  'itself',
  'they',
  'them',
  'their',
  'themselves',
  'these',
  'those',
  'one',
  'ones',
  'same',
  'such',
  'former',
  'latter',
]);

/**
 * "this", "that" and "then" are often not pointing back ("is there a way to check that my
 * generator is lazy?"), so they count as referring only in a short question ("why is that?",
 * "is this slow?", "why is + slow then?").
 */
export const WEAK_REFERRING_WORDS: ReadonlySet<string> = new Set(['this', 'that', 'then']);

/**
 * Words that, in a short question, ask for the previous thing done another way: "show me the
 * tracemalloc version", "in chunks instead?". The question points back (at what it is a version
 * of) and continues with a new subject, like an opener.
 */
export const CONTINUATION_WORDS: ReadonlySet<string> = new Set(['version', 'instead']);

/**
 * Words that ask for more about the current topic without naming one: "why?", "show an example",
 * "explain more", "how does it work?". They are not a topic of their own (the retriever's stop
 * words, such as why, how and what, are not either).
 */
export const REQUEST_WORDS: readonly string[] = [
  'show',
  'example',
  'examples',
  'sample',
  'demo',
  'code',
  'snippet',
  'version',
  'explain',
  'explanation',
  'elaborate',
  'detail',
  'details',
  'detailed',
  'mean',
  'means',
  'meaning',
  'tell',
  'give',
  'work',
  'works',
  'again',
  'continue',
  'go',
  'on',
  'else',
  'another',
  'other',
  'instead',
  'sure',
  'ok',
  'okay',
  'right',
  'correct',
  'true',
  'yes',
  'yeah',
  'see',
  'understand',
  'wait',
  'hmm',
  'huh',
  'cool',
  'great',
  'nice',
  'thx',
  'ty',
  'pls',
  'plz',
  'exactly',
  'actually',
  'like',
  // What people ask of the current topic: how to act on it, what it costs, when it is wrong ("how do I fix it?", "how much does it save?", "any downsides?").
  'fix',
  'fixed',
  'solve',
  'solution',
  'avoid',
  'prevent',
  'save',
  'saves',
  'saving',
  'faster',
  'slower',
  'cost',
  'costs',
  'measure',
  'reliable',
  'safe',
  'downside',
  'downsides',
  'drawback',
  'drawbacks',
  'pitfall',
  'pitfalls',
  'caveat',
  'caveats',
  'tradeoff',
  'tradeoffs',
  'worth',
  'mechanism',
  'reason',
  'more',
  'much',
  'many',
  'big',
  'bigger',
  'smaller',
  'accurate',
];
