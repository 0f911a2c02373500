import type { FindingCitation } from './types.js';

/**
 * The guidance tips findings cite, as the chunker names them (`section-slug--title-slug`).
 * `test/analyze/rule-citations.test.ts` checks each against the built index.
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
} as const satisfies Record<string, FindingCitation>;

/** The one mapping from rule id to the tip its findings cite. */
export const RULE_CITATIONS = {
  'string-concat-in-loop': TIPS.stringConcatenation,
  'open-without-with': TIPS.withStatement,
  'read-whole-file': TIPS.chunking,
  'readlines-into-list': TIPS.generators,
  'list-comprehension-in-reducer': TIPS.generators,
  'sum-of-lists': TIPS.listAndDictionarySizes,
  'list-concat-in-loop': TIPS.listAndDictionarySizes,
  'iterate-over-list-copy': TIPS.listAndDictionarySizes,
  'list-of-large-range': TIPS.listAndDictionarySizes,
  'global-statement': TIPS.limitGlobals,
  'global-container-growth': TIPS.limitGlobals,
  'mutable-default-argument': TIPS.limitGlobals,
  'cache-on-method': TIPS.weakReferences,
  'unbounded-cache': TIPS.weakReferences,
  'two-way-reference': TIPS.circularReferences,
  'del-in-reference-cycle': TIPS.circularReferences,
  'stored-exception': TIPS.circularReferences,
  'gc-disabled': TIPS.gcModule,
  'gc-collect-in-loop': TIPS.gcModule,
  'dataframe-read-whole-file': TIPS.chunking,
  'array-growth-in-loop': TIPS.efficientDataStructures,
  'nested-float-lists': TIPS.efficientDataStructures,
  'constant-list': TIPS.tuplesOverLists,
  'getsizeof-container': TIPS.profilingTools,
  'repeated-string-keys': TIPS.interning,
} as const satisfies Record<string, FindingCitation>;

export type RuleId = keyof typeof RULE_CITATIONS;
