/** wrangler's default `CompiledWasm` rule: a `.wasm` import is the compiled module (see FacetDotsKernel). */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
