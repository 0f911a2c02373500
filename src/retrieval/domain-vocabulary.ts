/**
 * A small, reviewed vocabulary of how people say things in questions about Python memory, mapped
 * to the guidance's words. A query term that matches a key (by stem, so "refcounts" matches
 * "refcount") gets the expansion added to the query; the original words stay.
 *
 * Every entry must be a real-world synonym, abbreviation or slang term, not a patch for one
 * question: `npm run eval` measures the whole set with and without it.
 */
export const DOMAIN_VOCABULARY: Readonly<Record<string, string>> = {
  // Memory itself
  ram: 'memory',
  mem: 'memory',
  oom: 'out of memory',
  memoryerror: 'out of memory',
  footprint: 'memory',
  // Reading files whole
  slurp: 'read whole file into memory',
  readlines: 'read whole file into memory',
  // Reference counting and collection
  refcount: 'reference count',
  refcounting: 'reference counting',
  getrefcount: 'reference count',
  refs: 'references',
  ref: 'reference',
  gc: 'garbage collector',
  dealloc: 'deallocate',
  cyclic: 'circular',
  cycle: 'circular',
  yeet: 'delete',
  // Containers
  dict: 'dictionary',
  dicts: 'dictionaries',
  np: 'numpy',
  ndarray: 'numpy array',
  pd: 'pandas',
  df: 'pandas dataframe',
  dataframe: 'pandas dataframe',
  chonky: 'large',
  chonkier: 'larger',
  hefty: 'large',
  // Generators, iteration
  yield: 'generator',
  iter: 'iterator',
  lazy: 'generator',
  // Strings
  str: 'string',
  ints: 'integers',
  concat: 'concatenation',
  concatenate: 'concatenation',
  '+=': 'concatenation',
  stringio: 'string concatenation',
  dedupe: 'duplicate',
  // Tools
  weakref: 'weak reference',
  tracemalloc: 'memory profiling',
  getsizeof: 'memory size',
  profiler: 'profiling',
  // Files
  fd: 'file',
  // Scope
  globals: 'global variables',
  locals: 'local variables',
};

/**
 * Words that say nothing about which tip a question needs, because the whole guidance is about
 * them: every question here is about Python code. Left out of sentence vectors and of the
 * coverage score (so "how do I install django in python" is not half-covered by "python").
 */
export const DOMAIN_STOPWORDS: ReadonlySet<string> = new Set([
  'python',
  'python3',
  'py',
  'cpython',
  'code',
  'script',
  'program',
  'programs',
  'programming',
  'programmer',
  'programmers',
]);
