/** wrangler's default `Data` rule: a `.bin` import is the file's bytes. */
declare module '*.bin' {
  const data: ArrayBuffer;
  export default data;
}
