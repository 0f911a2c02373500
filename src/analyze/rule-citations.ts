import type { KnowledgeFacet, Tip } from '../knowledge/types.js';
import type { AnalysisResult, Finding, FindingCitation, UnitRef } from './types.js';

/**
 * The guidance tips, as the chunker names them (`section-slug--title-slug`): each finding reaches
 * one through the unit it cites. `test/analyze/rule-citations.test.ts` checks every reference
 * against the built index.
 */
const TIPS = {
  listAndDictionarySizes: {
    id: 'use-built-in-data-structures-wisely--list-and-dictionary-sizes',
    title: 'List and Dictionary Sizes',
    section: 'Use Built-in Data Structures Wisely',
  },
  tuplesOverLists: {
    id: 'use-built-in-data-structures-wisely--tuples-over-lists',
    title: 'Tuples over Lists',
    section: 'Use Built-in Data Structures Wisely',
  },
  generators: {
    id: 'optimize-code-for-memory-efficiency--use-generators-and-iterators',
    title: 'Use Generators and Iterators',
    section: 'Optimize Code for Memory Efficiency',
  },
  withStatement: {
    id: 'optimize-code-for-memory-efficiency--use-with-statement-for-file-operations',
    title: 'Use `with` Statement for File Operations',
    section: 'Optimize Code for Memory Efficiency',
  },
  limitGlobals: {
    id: 'be-cautious-with-global-variables--limit-global-variables',
    title: 'Limit Global Variables',
    section: 'Be Cautious with Global Variables',
  },
  efficientDataStructures: {
    id: 'manage-large-data-sets-efficiently--use-efficient-data-structures',
    title: 'Use Efficient Data Structures',
    section: 'Manage Large Data Sets Efficiently',
  },
  chunking: {
    id: 'manage-large-data-sets-efficiently--chunking',
    title: 'Chunking',
    section: 'Manage Large Data Sets Efficiently',
  },
  circularReferences: {
    id: 'avoid-memory-leaks--circular-references',
    title: 'Circular References',
    section: 'Avoid Memory Leaks',
  },
  weakReferences: {
    id: 'avoid-memory-leaks--weak-references',
    title: 'Weak References',
    section: 'Avoid Memory Leaks',
  },
  profilingTools: {
    id: 'monitor-and-profile-memory-usage--memory-profiling-tools',
    title: 'Memory Profiling Tools',
    section: 'Monitor and Profile Memory Usage',
  },
  gcModule: {
    id: 'monitor-and-profile-memory-usage--garbage-collector-module',
    title: 'Garbage Collector Module',
    section: 'Monitor and Profile Memory Usage',
  },
  stringConcatenation: {
    id: 'optimize-string-usage--string-concatenation',
    title: 'String Concatenation',
    section: 'Optimize String Usage',
  },
  interning: {
    id: 'optimize-string-usage--interning-strings',
    title: 'Interning Strings',
    section: 'Optimize String Usage',
  },
  garbageCollection: {
    id: 'understand-python-s-memory-management--garbage-collection',
    title: 'Garbage Collection',
    section: "Understand Python's Memory Management",
  },
} as const satisfies Record<string, UnitRef>;

/** The companion's units that explain a finding on their own (`see:` names their guidance tip). */
const UNITS = {
  reducersTakeGenerators: {
    id: 'iteration--reducers-take-generators',
    title: 'Pass generator expressions straight to `sum`, `max`, `any` and `join`',
    section: 'Iteration without materializing',
  },
  concatenationCopies: {
    id: 'object-sizes--concatenation-copies',
    title: '`+` on lists copies; `append` and `extend` do not',
    section: 'Object sizes and containers',
  },
  rangeIsLazy: {
    id: 'iteration--range-is-lazy',
    title: '`range` is lazy and constant-size',
    section: 'Iteration without materializing',
  },
  mutableDefault: {
    id: 'lifetimes--mutable-default-argument',
    title: 'A mutable default argument lives as long as its function',
    section: 'Scope and lifetime',
  },
  lruCacheOnMethods: {
    id: 'caching--lru-cache-on-methods',
    title: '`lru_cache` on a method keeps every instance alive',
    section: 'Caching without leaking',
  },
  lruCacheMaxsize: {
    id: 'caching--lru-cache-maxsize',
    title: 'Bound a cache with `lru_cache(maxsize=...)`',
    section: 'Caching without leaking',
  },
  delAndCycles: {
    id: 'cycles--del-and-cycles',
    title: '`__del__` and reference cycles',
    section: 'Cycles and weak references',
  },
  storedExceptions: {
    id: 'lifetimes--stored-exceptions-keep-frames',
    title: 'Stored exceptions keep tracebacks, frames and locals alive',
    section: 'Scope and lifetime',
  },
  setThreshold: {
    id: 'gc--set-threshold',
    title: 'Tuning the collector with `gc.set_threshold`',
    section: 'The garbage collector',
  },
  usecols: {
    id: 'pandas--usecols',
    title: 'Read only the columns you need with `usecols`',
    section: 'numpy and pandas',
  },
  growOnce: {
    id: 'numpy--grow-once',
    title: 'Growing a numpy array or a DataFrame in a loop copies it every time',
    section: 'numpy and pandas',
  },
  getsizeofIsShallow: {
    id: 'object-sizes--getsizeof-is-shallow',
    title: '`sys.getsizeof` counts only the object itself',
    section: 'Object sizes and containers',
  },
} as const satisfies Record<string, UnitRef>;

/** A finding explained by a unit of its own, which names `guidance` with `see:`. */
function unit(explaining: UnitRef, guidance: UnitRef): FindingCitation {
  return { ...explaining, guidance, explainedBy: explaining.title };
}

/** A finding explained by the section `heading` that extends the guidance tip `tip` (the tip is the unit cited). */
function extension(tip: UnitRef, heading: string): FindingCitation {
  return { ...tip, guidance: tip, explainedBy: heading };
}

const READING_LINE_BY_LINE = 'Reading a file line by line';
const MODULE_GLOBALS = 'Module globals live until the program ends';

/**
 * The one mapping from rule id to the unit its findings cite: the unit a plain question about the
 * same problem is answered from. The explanation (why the pattern costs memory) is that unit's
 * `why`; a finding's own message says only what was found where.
 */
export const RULE_CITATIONS = {
  'string-concat-in-loop': extension(TIPS.stringConcatenation, "Why `''.join` is faster than `+=` in a loop"),
  'open-without-with': extension(TIPS.withStatement, 'A file you do not close waits for the garbage collector'),
  'read-whole-file': extension(TIPS.chunking, 'Read a large file in fixed-size blocks'),
  'readlines-into-list': extension(TIPS.withStatement, READING_LINE_BY_LINE),
  'list-comprehension-in-reducer': unit(UNITS.reducersTakeGenerators, TIPS.generators),
  'sum-of-lists': unit(UNITS.concatenationCopies, TIPS.listAndDictionarySizes),
  'list-concat-in-loop': unit(UNITS.concatenationCopies, TIPS.listAndDictionarySizes),
  'iterate-over-list-copy': extension(TIPS.generators, 'Generator pipelines'),
  'list-of-large-range': unit(UNITS.rangeIsLazy, TIPS.generators),
  'global-statement': extension(TIPS.limitGlobals, MODULE_GLOBALS),
  'global-container-growth': extension(TIPS.limitGlobals, MODULE_GLOBALS),
  'mutable-default-argument': unit(UNITS.mutableDefault, TIPS.limitGlobals),
  'cache-on-method': unit(UNITS.lruCacheOnMethods, TIPS.weakReferences),
  'unbounded-cache': unit(UNITS.lruCacheMaxsize, TIPS.limitGlobals),
  'two-way-reference': extension(TIPS.circularReferences, 'Cycles wait for the collector'),
  'del-in-reference-cycle': unit(UNITS.delAndCycles, TIPS.circularReferences),
  'stored-exception': unit(UNITS.storedExceptions, TIPS.circularReferences),
  'gc-disabled': unit(UNITS.setThreshold, TIPS.garbageCollection),
  'gc-collect-in-loop': extension(TIPS.garbageCollection, 'How the cyclic collector decides when to run'),
  'dataframe-read-whole-file': unit(UNITS.usecols, TIPS.chunking),
  'array-growth-in-loop': unit(UNITS.growOnce, TIPS.efficientDataStructures),
  'nested-float-lists': extension(TIPS.efficientDataStructures, 'Why numpy arrays are compact'),
  'constant-list': extension(TIPS.tuplesOverLists, 'Why a tuple is smaller than a list'),
  'getsizeof-container': unit(UNITS.getsizeofIsShallow, TIPS.listAndDictionarySizes),
  'repeated-string-keys': extension(TIPS.interning, 'When `sys.intern` saves memory'),
} as const satisfies Record<string, FindingCitation>;

export type RuleId = keyof typeof RULE_CITATIONS;

/**
 * The `why` facet that explains the findings citing `citation`, as the knowledge writes it: the
 * unit's own first `why` when it explains them itself, else the `why` of the section that extends
 * it under the heading `citation.explainedBy`. Undefined when that text is not loaded (a
 * `KNOWLEDGE_FILES` setting that leaves the companion out).
 */
export function findingExplanation(tip: Tip | undefined, citation: FindingCitation): KnowledgeFacet | undefined {
  if (!tip || tip.id !== citation.id) return undefined;
  const whys = tip.facets.filter((f) => f.kind === 'why');
  const within = (facet: KnowledgeFacet, range: Tip['source']) =>
    facet.source.file === range.file &&
    facet.source.lineStart >= range.lineStart &&
    facet.source.lineEnd <= range.lineEnd;
  if (citation.explainedBy === tip.title) return whys.find((f) => !tip.extensions.some((x) => within(f, x.source)));
  const extension = tip.extensions.find((x) => x.title === citation.explainedBy);
  return extension && whys.find((f) => within(f, extension.source));
}

/**
 * The analysis with each finding's `explanation` (see {@link findingExplanation}) from the loaded
 * knowledge: what the service returns, so an editor shows the same text a question gets.
 */
export function explainFindings(result: AnalysisResult, tipById: (id: string) => Tip | undefined): AnalysisResult {
  if (result.findings.length === 0) return result;
  const findings = result.findings.map((f): Finding => {
    const why = findingExplanation(tipById(f.citation.id), f.citation);
    return why ? { ...f, explanation: { text: why.text, source: why.source } } : f;
  });
  return { ...result, findings };
}
