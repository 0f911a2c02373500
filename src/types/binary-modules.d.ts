/** wrangler's default `Data` rule: a `.bin` import is the file's bytes. */
declare module '*.bin' {
  const data: ArrayBuffer;
  export default data;
}
/** wrangler's default `CompiledWasm` rule: a `.wasm` import is the compiled module (see FacetDotsKernel). */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
