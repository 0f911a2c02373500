/** The kernel's exports (see facet-dots.wat). */
interface FacetDotsExports {
  dots(query: number, facets: number, out: number, blocks: number, dimensions: number, d: number): void;
}

/** Facets per block of the kernel's layout: one int8 of each per 8-byte load, one f64 lane each. */
const BLOCK = 8;
const PAGE_BYTES = 65536;

/**
 * The dot products of a query with every facet vector, computed by `facet-dots.wasm` (WebAssembly
 * SIMD, eight facets at a time): 57 µs instead of 150 µs in JavaScript for about 3,700 facets of 100
 * dimensions (a 1,000-unit knowledge), the largest part of what a never-seen question costs there.
 * Each facet's products are summed in dimension order in a lane of its own, so every result is bit
 * for bit the one the JavaScript loop (and vectra) computes.
 *
 * The platform provides the compiled module, because only it may: a Worker imports the `.wasm`
 * file as a module (it cannot compile WebAssembly from bytes at run time), Node reads and compiles
 * it (see `loadIndexFromDisk`). The facets are copied once into the instance's memory, in blocks of
 * eight laid out dimension by dimension; the query and the results share that memory.
 *
 * @example
 * const kernel = FacetDotsKernel.create(module, matrix, facetCount, 100);
 * kernel.dots(queryVector, 100); // Float64Array: facet i's dot product at i
 */
export class FacetDotsKernel {
  private constructor(
    private readonly kernel: FacetDotsExports,
    private readonly query: Float64Array,
    private readonly out: Float64Array,
    private readonly layout: { readonly facets: number; readonly blocks: number; readonly dimensions: number },
  ) {}

  /**
   * @param matrix the facets, row-major (`count × dimensions`), as FacetVectors holds them
   * @throws TypeError when `module` is not this kernel (a stale or foreign `.wasm`)
   */
  static create(module: WebAssembly.Module, matrix: Int8Array, count: number, dimensions: number): FacetDotsKernel {
    const blocks = Math.ceil(count / BLOCK);
    // Results, then the query (both 8-byte aligned), then the facets; the last block padded with zeros.
    const outAt = 0;
    const queryAt = blocks * BLOCK * 8;
    const facetsAt = queryAt + dimensions * 8;
    const bytes = facetsAt + blocks * BLOCK * dimensions;
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE_BYTES)) });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    if (typeof instance.exports.dots !== 'function')
      throw new TypeError('This WebAssembly module is not the facet-dots kernel: it exports no `dots`.');
    const facets = new Int8Array(memory.buffer, facetsAt, blocks * BLOCK * dimensions);
    for (let i = 0; i < count; i++) {
      const block = Math.floor(i / BLOCK);
      const lane = i % BLOCK;
      const row = i * dimensions;
      const start = block * dimensions * BLOCK + lane;
      for (let j = 0; j < dimensions; j++) facets[start + j * BLOCK] = matrix[row + j] as number;
    }
    return new FacetDotsKernel(
      instance.exports as unknown as FacetDotsExports,
      new Float64Array(memory.buffer, queryAt, dimensions),
      new Float64Array(memory.buffer, outAt, blocks * BLOCK),
      { facets: facetsAt, blocks, dimensions },
    );
  }

  /**
   * The dot product of the first `d` values of `query` with each facet's first `d` (`d` at most
   * the dimensions): index i is facet i's; the array is the kernel's own memory, valid until the
   * next call, and longer than the facet count by the padding of the last block.
   */
  dots(query: Float64Array, d: number): Float64Array {
    const { blocks, dimensions, facets } = this.layout;
    this.query.set(query.subarray(0, d));
    this.kernel.dots(this.query.byteOffset, facets, this.out.byteOffset, blocks, dimensions, d);
    return this.out;
  }
}
