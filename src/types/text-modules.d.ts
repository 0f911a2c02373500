/** A `[[rules]] type = "Text"` import in wrangler.toml: the `.md` file's text (the Worker's prompts). */
declare module '*.md' {
  const text: string;
  export default text;
}
