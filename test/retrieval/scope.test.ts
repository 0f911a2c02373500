import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import {
  codeShare,
  defaultScopeReader,
  memoryAngle,
  runtimeMargin,
  SCOPE_RULES,
  ScopeReader,
  scopeVerdict,
  type ScopeCue,
  withoutAddresses,
  withoutFolders,
} from '../../src/retrieval/scope.js';

const reader = defaultScopeReader();
const verdict = (text: string, context = '') =>
  scopeVerdict(reader.read(text, undefined, context), DEFAULT_ANSWER_OPTIONS.scope);

describe('src/retrieval/scope-rules.json (reviewed evidence)', () => {
  const lists: [string, readonly ScopeCue[]][] = [
    ['python', SCOPE_RULES.python],
    ['memory', SCOPE_RULES.memory],
    ['notMemory', SCOPE_RULES.notMemory],
    ...SCOPE_RULES.runtimes.map((r): [string, readonly ScopeCue[]] => [`runtime ${r.id}`, r.cues]),
    ...SCOPE_RULES.runtimes.flatMap((r): [string, readonly ScopeCue[]][] =>
      r.against ? [[`runtime ${r.id}, against`, r.against]] : [],
    ),
  ];

  it.each(lists)('%s: every cue is a term or a compiling pattern, weighted 1 to 4, none twice', (_name, cues) => {
    const seen = new Set<string>();
    for (const cue of cues) {
      expect(cue.weight).toBeGreaterThanOrEqual(1);
      expect(cue.weight).toBeLessThanOrEqual(4);
      expect((cue.term === undefined) !== (cue.pattern === undefined), JSON.stringify(cue)).toBe(true);
      if (cue.pattern !== undefined) expect(() => new RegExp(cue.pattern as string, cue.flags ?? '')).not.toThrow();
      const key = (cue.term ?? cue.pattern ?? '').toLowerCase();
      expect(seen.has(key), `${key} listed twice`).toBe(false);
      seen.add(key);
    }
  });

  it('no two memory or no-memory terms share a stem (each counts once: "leak" already matches "leaking")', () => {
    const custom = new ScopeReader({ ...SCOPE_RULES, memory: [{ term: 'leak', weight: 3 }], notMemory: [] });
    expect(custom.read('it keeps leaking').memory.score).toBe(3);
    expect(custom.read('a leaked handle').memory.score).toBe(3);
    for (const list of [SCOPE_RULES.memory, SCOPE_RULES.notMemory]) {
      const only = new ScopeReader({ ...SCOPE_RULES, memory: list, notMemory: [] });
      for (const cue of list) {
        if (cue.term === undefined || !/^[a-z]+(?: [a-z]+)*$/i.test(cue.term)) continue;
        // A term firing with its own words must be the only term of its list that does.
        const fired = only.read(cue.term).memory.cues.filter((c) => !c.startsWith('/'));
        expect(
          fired.filter((c) => c !== cue.term && c.split(' ').length === cue.term?.split(' ').length),
          cue.term,
        ).toEqual([]);
      }
    }
  });

  it('a Cython `__dealloc__` is not Objective-C’s `dealloc`', () => {
    expect(reader.read('my cdef class __dealloc__ never frees the buffer').runtime).toBeUndefined();
  });

  it('names of runtimes match as written, not by stem', () => {
    expect(reader.read('I swiftly gave up').runtime).toBeUndefined();
    expect(reader.read('memory leak in a Swift app').runtime?.id).toBe('swift');
  });

  it('lists no name with its version beside the name itself (a name takes its version: one word counts once)', () => {
    for (const cues of [SCOPE_RULES.python, ...SCOPE_RULES.runtimes.map((r) => r.cues)]) {
      const terms = cues.flatMap((c) => (c.term === undefined ? [] : [c.term.toLowerCase()]));
      for (const term of terms.filter((t) => /[a-z+]$/.test(t)))
        for (const other of terms)
          expect(other === term || !other.startsWith(term) || !/^\d[\d.]*$/.test(other.slice(term.length)), other).toBe(
            true,
          );
    }
    expect(reader.read('memory of my python3.11 service grows').python).toMatchObject({ score: 2, cues: ['python'] });
    expect(reader.read('webpack5 build eats memory').runtime).toMatchObject({ id: 'javascript', cues: ['webpack'] });
  });

  it('names a language or a program only on the cues of another runtime, never on Python or memory cues', () => {
    for (const cue of [...SCOPE_RULES.python, ...SCOPE_RULES.memory, ...SCOPE_RULES.notMemory])
      expect(cue.name, cue.term ?? cue.pattern).toBeUndefined();
    // A program named on a runtime's cue says which runtime it runs on, so the answer says both.
    for (const r of SCOPE_RULES.runtimes.filter((r) => r.id !== 'other-language'))
      for (const cue of r.cues.filter((c) => c.name !== undefined))
        expect(cue.name, cue.term ?? cue.pattern).toMatch(/ \(.+\)$/);
  });

  it('has a label for every runtime and at least one not-covered memory topic', () => {
    for (const r of SCOPE_RULES.runtimes) expect(r.label.length, r.id).toBeGreaterThan(0);
    expect(SCOPE_RULES.uncoveredMemoryTopics.length).toBeGreaterThan(0);
  });
});

describe('scope: Python or another runtime', () => {
  it.each([
    ['How do I increase the Java heap size with -Xmx?', 'jvm'],
    ['FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', 'javascript'],
    ['memory keeps growing: let cache = {}; const add = (k, v) => { cache[k] = v; }', 'javascript'],
    ['torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 MiB', 'gpu'],
    ['does tf.config.experimental.set_memory_growth waste memory compared to a fixed limit?', 'gpu'],
    ['valgrind reports definitely lost blocks after malloc( in my C program', 'c'],
    ['my C extension leaks: I forgot Py_DECREF on the result of PyList_New', 'c-api'],
    ['Rc<RefCell<Node>> cycle never dropped in Rust', 'rust'],
    ['PyPy uses more memory than CPython for my script', 'other-python'],
    ['Chrome tab memory keeps growing with detached DOM nodes', 'browser'],
    ['my sidekiq job keeps its memory even after GC.start', 'other-language'],
    ['should these handlers use the weak event pattern so subscribers are not kept alive?', 'dotnet'],
    ['container killed although -XX:MaxRAMPercentage=75 is set', 'jvm'],
    ['process.memoryUsage() shows heapUsed growing on every request', 'javascript'],
    ['a Vec<u8> buffer shared between tokio tasks never shrinks', 'rust'],
    // Cues from the tuning-only real set's misses: a runtime's own API, tool or error message.
    ['GC overhead limit exceeded', 'jvm'],
    ['Channel and receiveAsFlow may leak last object', 'jvm'],
    ['Dealloc never called [non-ARC]', 'swift'],
    ['High tsserver memory use', 'javascript'],
    ['collectgarbage won’t recycle some memory', 'other-language'],
    ['set() uses 2x the memory as on CPython', 'other-python'],
    // Cues read from half A of the tuning-only set's second batch (half B showed they do not carry
    // to questions that name nothing of the kind: see docs/retrieval.md).
    ['Allowed memory size of 134217728 bytes exhausted while running the importer', 'other-language'],
    ['Explicit GC.gc() call does not give the memory back', 'other-language'],
    ['beam.smp keeps growing until the oom-killer runs', 'other-language'],
    // R names its process and session as Python users name neither.
    ["after a larger query the `R` process' memory usage stays high", 'other-language'],
    ['clear the objects without having to restart Rsession', 'other-language'],
    ['ALLOW_MEMORY_GROWTH in an Emscripten build never shrinks the heap', 'other-language'],
    ['UITableViewController is never deallocated after dismiss', 'swift'],
    ['the closure capture list does not break the retain', 'swift'],
    ['Textures stay in memory after unloading a scene in Unity', 'dotnet'],
    // `.net` needs a word edge before it, which "ASP.NET" has not: its frameworks are named too.
    ['ASP.Net Core 2.1 not releasing memory under 15-25 requests per second', 'dotnet'],
    ['VB.NET form is never garbage collected after Close()', 'dotnet'],
    // "Go" capitalized before a memory noun is the language ("Go to the heap" is not matched).
    ['runtime: Go RSS memory does not decrease, memory not returned to OS', 'go'],
    ['puppeteer browser memory keeps rising page after page', 'javascript'],
    ['three.js geometry buffers are not released after dispose', 'javascript'],
    ['WebGL context leaks GPU buffers on reload', 'browser'],
    // Frameworks and tools that belong to one ecosystem, named from each ecosystem's best-known
    // ones rather than read from a miss (see docs/retrieval.md, "How the scope is decided").
    ['Jest leaks memory between test files', 'javascript'],
    ['Laravel queue worker memory grows with every job', 'other-language'],
    ['WPF window is never garbage collected after Close()', 'dotnet'],
    ['GHC space leak from a lazy foldl over a big list', 'other-language'],
    ['Arduino sketch runs out of SRAM after a few hours', 'c'],
    ['Akka actors hold on to messages and the heap keeps growing', 'jvm'],
    // A language's own idioms (2026-12-06, from the tuning-only set's misses that named no runtime):
    // C#'s PascalCase `…Async(` and `Dispose()`, WPF's DataContext, Dart's isolates, Haskell's
    // thunks, Emscripten's memory settings.
    ['Page is never collected after await Navigation.PushAsync(new DetailPage())', 'dotnet'],
    ['the form is not released after calling Dispose() on it', 'dotnet'],
    ['the view model set as DataContext is never garbage collected', 'dotnet'],
    ['memory of Isolate.run() is not given back after the computation', 'other-language'],
    ['lazy thunks pile up and the heap keeps growing', 'other-language'],
    // A runtime's own out-of-memory message or memory API names it though the asker does not
    // (2026-12-07; each is the runtime's documented text, not a question's wording).
    ['the computation gets aborted: memory allocation of 309237645312 bytes failed', 'rust'],
    ['fatal error: runtime: out of memory after a few hours', 'go'],
    ['goroutine 1 [running]: the service died when memory ran out', 'go'],
    ['rss keeps rising when heapUsed/heapTotal does not', 'javascript'],
    ['<--- Last few GCs ---> Ineffective mark-compacts near heap limit', 'javascript'],
    ['didReceiveMemoryWarning is called every time the gallery opens', 'swift'],
    ['the app is Terminated due to memory issue after scrolling', 'swift'],
    ['onTrimMemory is never called before the activity is killed', 'jvm'],
    ['Error: cannot allocate vector of size 2.5 Gb when merging the tables', 'other-language'],
    ['failed to allocate memory (NoMemoryError) in the importer', 'other-language'],
    ['Slogan: eheap_alloc: Cannot allocate 2850821240 bytes of memory (of type "heap")', 'other-language'],
    ['Out of memory. Type "help memory" for your options.', 'other-language'],
    // A name written with its version is the name.
    ['iOS7 the memory goes up crazily', 'swift'],
    ['memory leak since we moved to java11', 'jvm'],
    ['php7.4 worker memory keeps growing', 'other-language'],
    ['space leaks in a long-running server', 'other-language'],
    ['INITIAL_MEMORY too small: the module aborts with out of memory', 'other-language'],
    // Rust's growable array by its lower-case name; the Erlang VM written as its name is (Apache Beam is "Beam").
    ['a vec of structs keeps its capacity after clear', 'rust'],
    ['memory of BEAM processes grows after every request', 'other-language'],
    // Go's own tracker names the package a title is about ("runtime: …", "all: …", "cmd/go: …").
    ['runtime: RSS creeps over 1GB even though heap is 4MB', 'go'],
    ['all: resident set size keeps on increasing, but no memory leaks', 'go'],
    ['cmd/compile: memory use grows with the number of generic instantiations', 'go'],
    // A runtime's own call or syntax in a title that names no language (2026-12-06, from the
    // tuning-only set's misses): CUDA's camelCase API and C++'s destructor `Class::~Class` name
    // their runtime; `Class::method` (C++, PHP, Ruby, Rust), the iPhone and iPad (Swift, Unity's
    // C#, Flutter's Dart) and the disposal of pages and components (.NET, Flutter, three.js) say
    // only that it is not Python, so the answer names no particular language.
    ['cudaFree in the destructor does not give the memory back', 'gpu'],
    ['memory is not freed in Upsampler::~Upsampler()', 'c'],
    ['ImageCache::clear() does not give the memory back', 'other-language'],
    ['my iPhone game runs out of memory after a few levels', 'other-language'],
    ['Pages are not properly being disposed and are kept in memory', 'other-language'],
    ['the data grid is not freeing RAM after component disposal', 'other-language'],
    // A database server's own memory (2026-12-06, from the tuning-only set's seventh batch): its
    // settings, its processes, and the server said to hold memory.
    ['MySQL not releasing memory after large inserts', 'database'],
    ['how much RAM does each Postgres connection use?', 'database'],
    ['lower innodb_buffer_pool_size so the box stops swapping', 'database'],
    ['redis-server keeps growing even with maxmemory set', 'database'],
    // A runtime's own call, error or class in text that names no language (2026-12-06, from the
    // tuning-only set's misses a blind reader said show their runtime): Go's `runtime/debug`,
    // the JVM's and .NET's out-of-memory errors as they are written, openFrameworks (C++), Redis's
    // INFO fields, .NET MAUI's CollectionView.
    ['calling debug.FreeOSMemory() does not lower RSS', 'go'],
    ['the server crashes with an OutOfMemory error every few hours', 'jvm'],
    ['System.OutOfMemoryException when loading a large image', 'dotnet'],
    ['the openFrameworks video player leaks memory on every clip', 'c'],
    ['mem_fragmentation_ratio stays at 1.8 after deleting half the keys', 'database'],
    ['items of the CollectionView are never released after navigating back', 'dotnet'],
    // A well-known program names the runtime it runs on (2026-12-07: a list written from what the
    // programs are, then measured on the tuning sets; the first four are tuning-only reports).
    ['Prometheus fails to start - runs out of memory during "WAL segment loaded"', 'go'],
    ['The memory used by rocksdb keeps going up over time while compacting.', 'c'],
    ['Memory high in the brokers: memory of one kafka broker increases constantly', 'jvm'],
    ['Question about memory shrinking: can I ask WAMR to shrink the runtime memory footprint?', 'other-language'],
    ['Elasticsearch node runs out of heap during a large reindex', 'jvm'],
    ['PowerShell script memory keeps growing in a loop', 'dotnet'],
    ['the Excel macro runs out of memory on 6,000 cells', 'other-language'],
    // From the tuning-only set's round 22 (memory questions of any software as they come): C's
    // `sizeof` operator (not `sys.getsizeof` nor `__sizeof__`), Delphi's VCL.
    ["Why does the 'sizeof' operator return a size larger for a structure than its members?", 'c'],
    ['why does it take 3 MB of RAM, as much as a full VCL application?', 'other-language'],
  ])('%s → %s', (text, runtime) => {
    const v = verdict(text);
    expect(v.runtime, JSON.stringify(reader.read(text))).toBe('other');
    expect(v.otherRuntime?.id).toBe(runtime);
  });

  it.each([
    'my Flask app leaks memory under gunicorn',
    'Does Python free memory when a list goes out of scope?',
    'Go through the list and free the memory of each item in Python',
    'Django queryset iterator() to keep memory down',
    'numpy array uses too much RAM',
    'why does del not shrink my process in python3?',
    // A version joined to a name keeps it Python's: "python3.11", "pip3".
    'memory of python3.11 grows after pip3 install of the new release',
    'generator vs list comprehension memory',
    'How do I split a huge file into chunks so it fits in memory?',
    'avoid quadratic copying when building one long string',
    'electron density grid takes 8 GB of RAM',
    'do type hints make my objects use more memory?',
    'RAII-style cleanup: is a with block enough to release the file?',
    // Sizes of objects, narrower dtypes, `slots=True`, in-place operations (from the tuning-only real set).
    'How do I determine the size of an object in Python?',
    'asizeof() gives incorrect values if list has the same items',
    'read_csv() option to parse numeric columns to np.float32',
    'use dataclasses with kw_only and slots for Python>=3.10',
    'Option for an in-place nan_to_num conversion',
    'Add an API for determining if an object is immortal',
    // The guidance's own idioms say what they are about without the word "memory".
    'replace list by generator comprehensions in builtin `all` and `any`',
    'call sum() without an intermediary list',
    'Dissolve for loop that concatenate strings to str.join',
    // Whether data is shared or duplicated: a view and a copy, anywhere in the question.
    'Does reshape return a view of my array? I need to know before I write to it, or should I copy it first',
    // Words of the runtime cues added from the tuning-only set, in Python questions.
    'Kivy app on Android leaks memory',
    // A CPython-only tool outweighs a C library or extension named beside it: the question is
    // about a Python process's memory (the native-memory unit answers it).
    'why does tracemalloc not show memory my C library allocates?',
    'memory used by a C extension is not shown by tracemalloc',
    // A framework of another ecosystem beside a Python one: the Python part is what is asked about.
    'my Django backend behind a Next.js frontend leaks memory',
    'Arc of objects keeps memory alive',
    // A package prefix is Go's only at the start of the title: a Python runtime question is not Go's.
    'Python runtime: memory keeps growing after each request',
    'fix: release all: the cache keeps every result alive',
    // Words of the runtime cues above, in Python questions.
    'Pyodide: memory grows in the browser tab each time my Python function runs',
    'I took a heap dump of my Python worker: the dict of sessions never shrinks',
    // A container compared by size ("smaller" alone is a hint; "bigger"/"larger" only against a container).
    'Why is a dict bigger than a list?',
    'is a set larger than a list in Python?',
    // Not the C# or Dart idioms above: SQLAlchemy's lower-case `dispose()`, snake_case coroutines.
    'engine.dispose() in SQLAlchemy does not free the memory of the connection pool',
    'python memory grows with every await fetch_async(url) in my asyncio crawler',
    'vec = np.zeros(10**8) is not freed after del vec in numpy',
    'Apache Beam pipeline in Python runs out of memory on a large GroupByKey',
    // numpy's extended slices are not C++'s `::`; a pool SQLAlchemy disposed is still Python's.
    'does a[start::step] copy the numpy array or return a view?',
    'the pool is disposed but the Python process keeps its memory',
    // A Python client of a database is still Python's (only the server's own memory is not).
    'fetching 10 million rows from MySQL with pymysql uses all my RAM',
    'SQLAlchemy query against Postgres loads every row into memory',
    // "pointing to" an object is a hint of object lifetime; data points and floats are not.
    'two variables pointing to the same list: is the memory freed when I del one?',
  ])('%s → Python, about memory', (text) => {
    const v = verdict(text);
    expect(v.runtime, JSON.stringify(reader.read(text))).toBe('python');
    expect(v.memory).toBe('memory');
  });

  it('a runtime named beside stronger Python evidence stays Python ("ported from Java to Python, now the dict uses lots of memory")', () => {
    const reading = reader.read('ported from Java to Python 3: import gc; gc.collect() does not free my dict');
    expect(runtimeMargin(reading)).toBeLessThan(DEFAULT_ANSWER_OPTIONS.scope.otherRuntime);
    expect(verdict('ported from Java to Python 3: import gc; gc.collect() does not free my dict').runtime).toBe(
      'python',
    );
  });
  it("a runtime's own message outweighs the Python words it comes with: MicroPython's allocation failure, GPU memory", () => {
    // From tuning-only reports (2026-12-07): MicroPython's "MemoryError: memory allocation failed, allocating
    // %u bytes" running a test.py, and a batching server whose "GPU memory is increasing" (asyncio, a .py file).
    const micro = 'MemoryError: memory allocation failed, allocating 18447 bytes when I run test.py';
    expect(reader.read(micro).runtime?.id).toBe('other-python');
    expect(verdict(micro).runtime).toBe('other');
    const gpu =
      'Memory leak in asyncio operation: in request_batching_server.py the GPU memory is increasing regularly';
    expect(verdict(gpu).runtime).toBe('other');
    // CPython's own MemoryError, with the same Python words, stays Python.
    expect(verdict('MemoryError when I run test.py on a 2 GB list').runtime).toBe('python');
  });
  it('says which program a question is about, and on which runtime it runs', () => {
    expect(
      verdict('Prometheus fails to start - runs out of memory during "WAL segment loaded"').otherRuntime?.label,
    ).toBe('Prometheus (a Go program)');
    expect(
      verdict('Memory high in the brokers: memory of one kafka broker increases constantly').otherRuntime?.label,
    ).toBe('Kafka (on the JVM)');
  });

  it("Python's own sizeof is not C's: `sys.getsizeof`, `__sizeof__`", () => {
    expect(reader.read('sys.getsizeof(x) says 56 bytes but __sizeof__ says 40').runtime).toBeUndefined();
    expect(reader.read('np.sizeof is not a thing, is it?').runtime).toBeUndefined();
  });

  it("a program's Python client is Python's: the Python cue beside the program's name outweighs it", () => {
    expect(verdict('my kafka-python consumer keeps growing in memory').runtime).toBe('python');
    expect(verdict('prometheus_client in my Flask app: the registry memory keeps growing').runtime).toBe('python');
  });

  it("the site a question links is read, not its page: Python's documentation is Python evidence, its C API pages are not", () => {
    // A tuning-only report (2026-12-07) on a Python client of Prometheus, read as Prometheus's own memory.
    const client =
      'The Prometheus garbage collector `objects` metric does not currently reflect the tracked objects count, but a different count according to the [docs](https://docs.python.org/3/library/gc.html#gc.get_count):';
    expect(verdict(client).runtime).toBe('python');
    expect(reader.read(client).python.cues).toContain('python');
    const sites =
      'see https://docs.python.org/3/library/gc.html or https://pypi.org/project/x/ and www.hrc.org/a/ranking.php?c=1';
    expect(withoutAddresses(sites, true)).toBe('see  docs.python.org  or  pypi.org  and  hrc.org ');
    // Retrieval reads no address at all (only a code host's linked file).
    expect(withoutAddresses(sites)).toBe('see   or   and  ');
    // A tuning-only report that named its language only by the wiki it links.
    expect(verdict('investigate potential memory leak https://wiki.haskell.org/Memory_leak').otherRuntime?.id).toBe(
      'other-language',
    );
    // The C API's documentation is the C API's: "PyMem_Malloc, per https://docs.python.org/3/c-api/memory.html".
    expect(withoutAddresses('per https://docs.python.org/3/c-api/memory.html', true)).toBe('per  ');
    // A linked site is not code: the share of code is that of the text without its addresses.
    expect(reader.read('leak? https://docs.python.org/3/library/gc.html').codeShare).toBe(0);
  });

  it("drops a file path's folders (where a file is kept), but an installed package's after site-packages (which library)", () => {
    expect(withoutFolders('File "C:\\Users\\me\\Downloads\\app\\util.py", line 3')).toBe('File " util.py", line 3');
    expect(withoutFolders('File "/usr/lib/python3/dist-packages/numpy/core/shape_base.py"')).toBe(
      'File " numpy/core/shape_base.py"',
    );
    expect(withoutFolders('C:\\Python27\\lib\\site-packages\\numpy\\core\\x.py')).toBe(' numpy\\core\\x.py');
    expect(withoutFolders('see ~/projects/downloads/app/main.py')).toBe('see  main.py');
    // Not a path: one slash, a dotted name, a path relative to the project.
    for (const text of ['I/O and/or dtype/shape', 'import torch.nn', 'src/main/java/App.java', 'a/b'])
      expect(withoutFolders(text), text).toBe(text);
  });

  it("a web page's path is not evidence: a linked `.php` page does not make a Python scraper a PHP question", () => {
    // From a real issue (2026-12-06): the scraper's target page, linked, was read as PHP and the question refused.
    const text =
      'Not enough memory to parse a page with BeautifulSoup. When I parse [the category page](http://www.hrc.org/apps/buyersguide/ranking.php?category=1223), my scraper dies with status 137.';
    const reading = reader.read(text);
    expect(reading.runtime, JSON.stringify(reading)).toBeUndefined();
    expect(reading.python.cues).toContain('beautifulsoup');
    expect(verdict(text)).toEqual({ runtime: 'python', memory: 'memory' });
    expect(withoutAddresses('see https://example.com/a.php?x=1 and www.example.org/b.jsp.')).toBe('see   and  ');
    // A link into a code host names the asker's own source: its file path is kept, not the account
    // and repository it lives in ("python-pillow" made a report on Pillow's C decoder read as Python).
    const source = 'https://github.com/scylladb/scylla-jmx/blob/branch-3.1/src/main/java/APIClient.java#L90';
    expect(withoutAddresses(`the code: ${source}`)).toBe('the code:  src/main/java/APIClient.java#L90 ');
    expect(withoutAddresses('see https://github.com/python/cpython/issues/1')).toBe('see  ');
    const decoder =
      'We allocated memory for `ptr` but did not free it: https://github.com/python-pillow/Pillow/blob/8d0a6d0/src/libImaging/SgiRleDecode.c#L191-L200';
    expect(verdict(decoder).runtime).toBe('other');
    // Named in the words, PHP still counts.
    expect(verdict('PHP Fatal error: Allowed memory size of 134217728 bytes exhausted').runtime).toBe('other');
  });

  it('a runtime named to set it aside is not evidence: "system memory, not GPU memory" is the host\'s', () => {
    // From two real questions (2026-12-06): a training run's host memory and a TensorFlow leak
    // "on v2.0 (GPU or CPU)" that fills "all available system RAM" were refused as GPU questions.
    const host =
      'Memory usage (system memory, not GPU memory) continually increases during training until my instance runs out of memory.';
    const reading = reader.read(host);
    expect(reading.runtime, JSON.stringify(reading)).toBeUndefined();
    expect(verdict(host).runtime).toBe('python');
    const tf = 'Calling predict() in a loop consumes all available system RAM after 10 minutes, on GPU or CPU.';
    expect(verdict(tf).runtime).toBe('python');
    // Memory "on/under the CPU", and the host's own ENOMEM message, are the host's too (pytorch/pytorch
    // and pytorch-forecasting reports of 2026-12-07 were refused as GPU questions).
    expect(verdict('The torch model has no memory leak under gpu, but a memory leak under cpu').runtime).toBe('python');
    expect(
      verdict('Multi GPU training: RAM keeps increasing until a memory error (Cannot allocate memory)').runtime,
    ).toBe('python');
    // Without such words the GPU stays another runtime's memory.
    expect(verdict('torch.cuda out of memory: GPU memory keeps growing every epoch').runtime).toBe('other');
    expect(verdict('Multi GPU training: GPU memory keeps increasing until CUDA out of memory').runtime).toBe('other');
    // TensorFlow's bug template asks for the CUDA version and the GPU; "NA" there sets the GPU aside
    // (tensorflow/tensorflow#34579, a host-memory leak of model.predict, was refused as a GPU question).
    const template =
      'Suspected memory leak - model.predict. - TensorFlow version: 2.0.0\n- Python version: 3.6.8\n- CUDA/cuDNN version:\nNA\n- GPU model and memory:\nNA\nMemory grows with every call.';
    expect(verdict(template).runtime).toBe('python');
    // Each field sets aside the word it names, with no "Python version" line too (tried as a user would).
    expect(reader.read(template.replace('- Python version: 3.6.8\n', '')).runtime).toBeUndefined();
    expect(verdict(template.replaceAll('NA', '10.1, RTX 2080 8 GB')).runtime).toBe('other');
    // Each word that sets it aside subtracts its weight, and says so among the cues.
    expect(reader.read('CUDA and GPU memory grow, CPU memory too').runtime).toMatchObject({
      id: 'gpu',
      score: 5,
      cues: ['cuda', 'gpu', 'gpu memory', '-cpu memory'],
    });
  });

  it("reads a link to a C source line and a sanitizer's leak report as C evidence", () => {
    const linked = reader.read(
      'We allocated `ptr` but did not free it: https://github.com/o/r/blob/abc/src/Decode.c#L191-L200',
    );
    expect(linked.runtime).toMatchObject({ id: 'c', score: 3 });
    const sanitizer = reader.read(
      '==1==ERROR: LeakSanitizer: detected memory leaks\nDirect leak of 88 byte(s) in 1 object(s)',
    );
    expect(sanitizer.runtime).toMatchObject({ id: 'c', score: 3 });
    // A Python file's line is not C's.
    expect(reader.read('see https://github.com/o/r/blob/abc/app/cache.py#L40').runtime).toBeUndefined();
  });

  it('names a Python library as Python evidence (BeautifulSoup, SQLAlchemy, matplotlib, h5py …)', () => {
    for (const name of [
      'BeautifulSoup',
      'bs4',
      'SQLAlchemy',
      'matplotlib',
      'h5py',
      'pyarrow',
      'streamlit',
      'uvicorn',
      'Tornado',
      'Pillow',
      'networkx',
      'pyrogram',
      'Scalene',
    ]) {
      expect(reader.read(`${name} uses a lot of memory`).python.score, name).toBeGreaterThanOrEqual(2);
    }
    // A real report (test/eval/answers-compared-8.json): a Tornado server that sends to Android
    // phones is Python's; refused as the JVM's before Tornado counted.
    const tornado =
      'tornado will be killed on Ubuntu  Use websocket to send large amounts of data to Android, and the sending frequency is high. when tornado run for a long time , it will be killed by system. What can I do?';
    expect(verdict(tornado).runtime).toBe('python');
    // A word every runtime uses is no evidence of Python.
    expect(reader.read('multiprocessing in Go uses a lot of memory').python.score).toBe(0);
    // Scalene, a Python profiler, reports GPU memory beside the process's: its question is Python's.
    expect(verdict('Can Scalene profile memory and GPU in one place?').runtime).toBe('python');
  });

  it('an import line counts as Python wherever it starts, after blank or indented lines too', () => {
    // The cue's leading whitespace stops at a line break (it once ran across every blank line, from each of them).
    const cue = (text: string) => reader.read(text).python.cues.filter((c) => c.includes('import'));
    expect(cue('x = 1\n\n\n    import tracemalloc\n')).toHaveLength(1);
    expect(cue('from collections import deque')).toHaveLength(1);
    expect(cue('\n'.repeat(8_000))).toHaveLength(0);
  });
});

describe('scope: how a refusal names the runtime', () => {
  it.each([
    ['Error: cannot allocate vector of size 2.5 Gb', 'R'],
    ['PHP Fatal error: Allowed memory size of 134217728 bytes exhausted', 'PHP'],
    ['my sidekiq jobs keep their memory', 'Ruby'],
    ['GHC space leak from a lazy foldl', 'Haskell'],
    ['Flutter app memory grows on every page push', 'Dart and Flutter'],
    ['Slogan: eheap_alloc: Cannot allocate 2850821240 bytes of memory', 'Erlang and Elixir'],
    // A cue no language owns keeps the runtime's own label.
    ['memory leak in my app when Foo::bar runs', 'another programming language'],
    ['How do I increase the Java heap size with -Xmx?', 'Java and the JVM'],
  ])('%s → %s', (text, label) => {
    expect(reader.read(text).runtime?.label).toBe(label);
  });
});

describe('scope: a memory angle or not', () => {
  it.each([
    'How do I send() a value into a generator?',
    "TypeError: 'tuple' object does not support item assignment",
    'How do I split a list into equally sized parts?',
    'UnboundLocalError: local variable referenced before assignment',
    'ImportError: cannot import name (circular import)',
    'How do I split a list into equally sized chunks?',
    'Untyped decorator makes my lru_cache function untyped: how do I write its type hint?',
    'mypy says my cached_property returns Any',
    'SyntaxError: Generator expression must be parenthesized',
    "TypeError: sequence item 0: expected str instance, int found in ''.join",
    'pip install --no-cache-dir still uses the cache',
    'Deleting items from a dictionary while iterating over it',
    'How do I find the larger of two numbers?',
    'My list is larger than 1000 items: how do I split it in two?',
    'Is weakref.ref generic? How do I annotate a weakref.ref[Node]?',
    'functools.lru_cache loses the typing of the function it wraps',
    'help() shows the wrong signature after @functools.cache',
    "TypeError: cannot pickle 'weakref' object when I start a multiprocessing Pool",
    "can't pickle weakref objects. When I'm trying to pickle my model getting this error:",
    'What is the __pycache__ folder, and should I commit .pyc files?',
    // Floating point arithmetic: "point" is not "pointing to" an object.
    'Why is 3 times 0.3 = 0.8999999999999999 in floating point?',
    'how do I avoid rounding errors when I add up prices?',
  ])('%s → not about memory', (text) => {
    expect(verdict(text).memory, JSON.stringify(reader.read(text))).toBe('not_memory');
  });

  it.each([
    'Does typing.cast leak memory?',
    'Loading a 6 GB pickle takes 20 GB of RAM',
    'from __future__ import annotations\nfrom typing import Dict\n# why does this cache never free memory?\ncache: Dict[str, bytes] = {}',
    'Why does inspect.signature(f) keep my objects alive?',
  ])('%s → about memory: static typing and pickling cues are read in prose, not in code', (text) => {
    expect(verdict(text).memory, JSON.stringify(reader.read(text))).toBe('memory');
  });

  it.each([
    // (2026-12-06) Words for the same thing as a cue already there: "destroyed", "performance".
    'When is a local namespace to be destructed in Python',
    'perf(minor): remove unnecessary comprehensions from functions that accept a generator',
    // (2026-12-07) Memory allocators by name: a real Q&A question (qeeebo.com) turned away before
    // "pymalloc" counted, and the allocators an operator's page names.
    'What is pymalloc and how does it work in Python 2.1 and later versions?',
    'How can I disable pymalloc with PYTHONMALLOC?',
    'Does Python use malloc or its own allocator for small objects?',
    // Real questions (2026-12-07) turned away before `__sizeof__` and memory_profiler's `mprof` counted:
    // https://newbetuts.com/53015922-different-object-size-of-true-and-false-in-python-3
    'Different object size of True and False in Python 3. Experimenting with magic methods (__sizeof__ in particular) on different Python objects I stumbled over the following behaviour:',
    // https://github.com/pythonprofilers/memory_profiler/issues/260
    "multiprocessing_example.py fails when using -C flag. However, `mprof run --include-children multiprocessing_example.py` fails with the final error message as `_pickle.PicklingError: Can't pickle <function worker at 0x7f9980295510>: attribute lookup worker on __main__ failed`.",
  ])('%s → not turned away as not about memory', (text) => {
    expect(verdict(text).memory, JSON.stringify(reader.read(text))).not.toBe('not_memory');
  });

  it.each([
    // Real reports (2026-12-06) turned away as having no memory angle: 137 is 128 + SIGKILL, the OOM killer's exit status.
    'Container crashes with code 137 when given high load. I have a docker container running python Flask REST service',
    'my worker exited with 137 after a few requests',
    'Pod keeps restarting: OOMKilled',
    'uvicorn threads keep increasing and "VIRT" in top is more than 10g but "RES" just 200M',
    // Real reports (answers-compared-10.json, 2026-12-07) refused as having no memory angle: a notebook kernel that died.
    'Kernel always died at step of BASE_VECTORS = get_features(data_processed).',
    'Jupyter notebook plot_scalable_poly_kernels dies when run on binder. **Describe the bug** Jupyter notebook kernel dies',
    'The kernel for projects/ocr.ipynb appears to have died. It will restart automatically.',
  ])('%s → about memory (the kernel killed it, or top shows its memory)', (text) => {
    expect(verdict(text).memory, JSON.stringify(reader.read(text))).toBe('memory');
  });

  it('a follow-up keeps the memory angle of the conversation, not its runtime', () => {
    expect(verdict('and iterators?').memory).toBe('not_memory');
    expect(verdict('and iterators?', 'how do generators save memory?').memory).toBe('memory');
    expect(verdict('and in Java?', 'how do generators save memory?').runtime).toBe('other');
  });

  it('a question that is mostly code is left to retrieval, not turned away for lacking memory words', () => {
    const code = "s = ''\nfor w in words:\n    s += w";
    expect(codeShare(code)).toBeGreaterThanOrEqual(0.5);
    expect(verdict(code).memory).not.toBe('not_memory');
  });

  it('reads typo-corrected words and vocabulary expansions too', () => {
    const plain = reader.read('refrence cycles');
    const corrected = reader.read('refrence cycles', {
      corrections: [{ from: 'refrence', to: 'reference' }],
      expansions: [],
    });
    expect(memoryAngle(corrected)).toBeGreaterThan(memoryAngle(plain));
  });

  it('counts expansions only for a list the words as written give no evidence of (they explain slang; they do not say a word twice)', () => {
    const slang = reader.read('my loop yeets every row', { corrections: [], expansions: ['delete'] });
    expect(slang.memory.score).toBeGreaterThan(reader.read('my loop yeets every row').memory.score);
    // "weakref" is expanded to "weak reference" and "reference" for retrieval: the same evidence.
    const typing = 'weakref.ReferenceType is not a valid typing type';
    const expanded = reader.read(typing, { corrections: [], expansions: ['weak reference', 'reference'] });
    expect(expanded.memory).toEqual(reader.read(typing).memory);
    expect(scopeVerdict(expanded, DEFAULT_ANSWER_OPTIONS.scope).memory).toBe('not_memory');
  });
});

describe('scope: the language tag of pasted code', () => {
  it('counts a fence tag like naming its language: another runtime, Python, or nothing', () => {
    const text = 'does this cache leak memory?\nconst cache: Record<string, number[]> = {}';
    expect(reader.read(text).runtime).toBeUndefined();
    const tagged = reader.read(text, undefined, '', 'TS');
    expect(tagged.runtime).toMatchObject({ id: 'javascript', cues: ['```ts'] });
    expect(verdict(text).runtime).toBe('python');
    expect(scopeVerdict(tagged, DEFAULT_ANSWER_OPTIONS.scope).runtime).toBe('other');
    expect(reader.read(text, undefined, '', 'python').python.cues).toContain('```python');
    expect(reader.read(text, undefined, '', 'console')).toEqual(reader.read(text));
  });

  it("names the runtime the tag names when another runtime's syntax weighs as much", () => {
    // `var x = …` is a JavaScript cue, and Go's and C#'s syntax too.
    const go = 'does this keep memory forever?\nvar cache = map[string][]byte{}';
    expect(reader.read(go).runtime?.id).toBe('javascript');
    expect(reader.read(go, undefined, '', 'go').runtime?.id).toBe('go');
    expect(reader.read('why?\nvar list = new List<byte[]>();', undefined, '', 'c#').runtime?.id).toBe('dotnet');
  });

  it('knows every tag of the rules as one runtime, and Python tags as Python', () => {
    for (const [id, tags] of Object.entries(SCOPE_RULES.codeLanguages)) {
      if (typeof tags === 'string') continue;
      expect(id === 'python' || SCOPE_RULES.runtimes.some((r) => r.id === id), id).toBe(true);
      for (const tag of tags) expect(reader.languageOf(tag.toUpperCase()), tag).toBe(id);
    }
    expect(reader.languageOf('text')).toBeUndefined();
  });
});
