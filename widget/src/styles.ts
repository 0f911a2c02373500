/**
 * The widget's style sheet, scoped by its shadow root. `:host` declarations are `!important`
 * because, across the shadow boundary, the inner `!important` beats the host page's, so page
 * rules such as `* { all: unset !important }` cannot move or hide the widget. Only px units:
 * `rem` would follow the page's root font size.
 */
export const WIDGET_CSS = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: auto 0 0 auto !important;
  width: 0 !important;
  height: 0 !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  overflow: visible !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  z-index: 2147483000 !important;
  pointer-events: auto !important;
}
.root {
  --bg: #ffffff; --fg: #1b1f24; --muted: #5d6672; --line: #d9dee5; --soft: #f3f5f8;
  --accent: #2456c9; --accent-fg: #ffffff; --user: #e8efff; --code-bg: #f6f8fa;
  --warn-bg: #fff4e5; --warn-fg: #7a4300; --err-bg: #fdecec; --err-fg: #8a1c1c;
  --tok-keyword: #a626a4; --tok-string: #2f7d32; --tok-comment: #6a737d; --tok-number: #b15c00;
  --tok-builtin: #0b6bcb; --tok-constant: #b3261e; --tok-decorator: #7a5b00; --tok-definition: #5b3cc4;
  color-scheme: light;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg);
  text-align: left;
  letter-spacing: normal;
  -webkit-font-smoothing: antialiased;
}
@media (prefers-color-scheme: dark) {
  .root {
    --bg: #171b21; --fg: #e5e9ef; --muted: #9aa5b3; --line: #2d3440; --soft: #20262e;
    --accent: #7aa2ff; --accent-fg: #0d1117; --user: #223152; --code-bg: #0f1318;
    --warn-bg: #3a2a10; --warn-fg: #ffd28a; --err-bg: #3b1717; --err-fg: #ffb4b4;
    --tok-keyword: #d38cf2; --tok-string: #8fd18a; --tok-comment: #8b949e; --tok-number: #f0b163;
    --tok-builtin: #79b8ff; --tok-constant: #ff938a; --tok-decorator: #e3c26b; --tok-definition: #b4a3ff;
    color-scheme: dark;
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
svg { width: 18px; height: 18px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; flex: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.launcher {
  position: fixed; right: 20px; bottom: 20px;
  display: inline-flex; align-items: center; gap: 8px;
  padding: 12px 18px; border: 0; border-radius: 999px;
  background: var(--accent); color: var(--accent-fg);
  font-weight: 600; box-shadow: 0 6px 24px rgba(0, 0, 0, .25);
}
.launcher:hover { filter: brightness(1.08); }

.panel {
  position: fixed; right: 20px; bottom: 20px;
  width: 420px; max-width: calc(100vw - 24px);
  height: 640px; max-height: calc(100vh - 40px);
  display: flex; flex-direction: column;
  background: var(--bg); border: 1px solid var(--line); border-radius: 14px;
  box-shadow: 0 12px 48px rgba(0, 0, 0, .28); overflow: hidden;
}
@media (max-width: 520px) {
  .panel { right: 0; bottom: 0; width: 100vw; max-width: 100vw; height: 100vh; max-height: 100vh; border-radius: 0; }
}
.head { display: flex; align-items: center; gap: 8px; padding: 12px 14px; border-bottom: 1px solid var(--line); }
.head h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 650; }
.icon-button { display: inline-flex; align-items: center; justify-content: center; width: 32px; height: 32px; padding: 0; border: 0; border-radius: 8px; background: transparent; color: var(--muted); }
.icon-button:hover { background: var(--soft); color: var(--fg); }
.head-button { display: inline-flex; align-items: center; gap: 4px; padding: 5px 9px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--muted); font-size: 13px; }
.head-button svg { width: 15px; height: 15px; }
.head-button:hover { color: var(--fg); border-color: var(--accent); }

.log { position: relative; flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 14px; overscroll-behavior: contain; }
.intro { margin: 0; color: var(--muted); }
.starters { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; }
.starter { max-width: 100%; padding: 7px 12px; border: 1px solid var(--line); border-radius: 999px; background: var(--soft); color: var(--fg); text-align: left; font-size: 13px; }
.starter:hover { border-color: var(--accent); color: var(--accent); }
.msg { max-width: 100%; overflow-wrap: anywhere; }
.msg.user { align-self: flex-end; max-width: 88%; padding: 8px 12px; border-radius: 12px 12px 4px 12px; background: var(--user); white-space: pre-wrap; }
.msg.user pre { margin: 6px 0 0; padding: 6px 8px; border-radius: 6px; background: var(--code-bg); font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; max-height: 160px; overflow: auto; }
.msg.bot { align-self: stretch; }
.answer > :first-child { margin-top: 0; }
.answer p, .answer ul, .answer ol, .answer blockquote { margin: 0 0 10px; }
.answer ul, .answer ol { padding-left: 22px; }
.answer li { margin: 4px 0; }
.answer h3, .answer h4 { margin: 12px 0 6px; font-size: 15px; }
.answer code { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 1px 4px; border-radius: 4px; }
.answer a { color: var(--accent); }
.answer blockquote { padding-left: 10px; border-left: 3px solid var(--line); color: var(--muted); }
.answer .table { overflow-x: auto; }
.answer table { border-collapse: collapse; }
.answer th, .answer td { border: 1px solid var(--line); padding: 4px 8px; }
.abstained .answer { padding: 10px 12px; border-radius: 10px; background: var(--warn-bg); color: var(--warn-fg); }
.related-tips .source { border-style: dashed; }
.caution { margin: 0 0 6px; padding: 6px 10px; border-radius: 8px; background: var(--warn-bg); color: var(--warn-fg); font-size: 13px; }
.cursor::after { content: "▍"; margin-left: 2px; color: var(--muted); animation: blink 1s steps(2) infinite; }
@keyframes blink { 50% { opacity: 0; } }
@media (prefers-reduced-motion: reduce) { .cursor::after { animation: none; } }

.code-block { margin: 0 0 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--code-bg); overflow: hidden; }
.code-bar { display: flex; align-items: center; justify-content: space-between; padding: 4px 6px 4px 10px; border-bottom: 1px solid var(--line); color: var(--muted); font-size: 12px; }
.copy { display: inline-flex; align-items: center; gap: 4px; padding: 3px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); font-size: 12px; }
.copy svg { width: 14px; height: 14px; }
.code-block pre { margin: 0; padding: 10px 12px; overflow-x: auto; }
.code-block code { font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: none; padding: 0; white-space: pre; }
.copy-buffer { position: absolute; left: -9999px; }
.tok-keyword { color: var(--tok-keyword); font-weight: 600; }
.tok-string { color: var(--tok-string); }
.tok-comment { color: var(--tok-comment); font-style: italic; }
.tok-number { color: var(--tok-number); }
.tok-builtin { color: var(--tok-builtin); }
.tok-constant { color: var(--tok-constant); }
.tok-decorator { color: var(--tok-decorator); }
.tok-definition { color: var(--tok-definition); font-weight: 600; }

.cite-ref { display: inline-flex; align-items: center; justify-content: center; min-width: 18px; height: 18px; margin: 0 1px; padding: 0 4px; border: 0; border-radius: 9px; background: var(--soft); color: var(--accent); font-size: 11px; font-weight: 700; vertical-align: 1px; line-height: 1; }
.cite-ref:hover, .cite-ref[aria-expanded="true"] { background: var(--accent); color: var(--accent-fg); }
.sources { margin: 4px 0 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 4px; }
.sources-title { margin: 8px 0 4px; font-size: 12px; font-weight: 650; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.source { display: flex; align-items: baseline; gap: 8px; width: 100%; padding: 6px 8px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); text-align: left; }
.source:hover, .source[aria-expanded="true"] { border-color: var(--accent); }
.source .n { flex: none; font-weight: 700; color: var(--accent); }
.source .section { color: var(--muted); font-size: 12px; }
.source code, .tip h3 code, .tip .where code { font: .92em/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 0 3px; border-radius: 4px; }
.tip { margin-top: 8px; padding: 10px 12px; border: 1px solid var(--accent); border-radius: 10px; background: var(--soft); }
.tip h3 { margin: 0 0 2px; font-size: 14px; }
.tip .where { margin: 0 0 8px; color: var(--muted); font-size: 12px; }
.tip-actions { display: flex; justify-content: flex-end; }
.text-button { padding: 4px 8px; border: 0; border-radius: 6px; background: transparent; color: var(--accent); font-size: 13px; }
.text-button:hover { background: var(--bg); }

.feedback { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 10px; color: var(--muted); font-size: 13px; }
.vote { display: inline-flex; align-items: center; gap: 4px; padding: 4px 10px; border: 1px solid var(--line); border-radius: 999px; background: var(--bg); font-size: 13px; }
.vote[aria-pressed="true"] { border-color: var(--accent); background: var(--accent); color: var(--accent-fg); }
.vote svg { width: 16px; height: 16px; }
.comment { display: flex; gap: 6px; width: 100%; margin-top: 4px; scroll-margin-bottom: 8px; }
.comment textarea { flex: 1; min-height: 36px; padding: 6px 8px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); resize: vertical; }
.thanks { color: var(--muted); }

.notice { padding: 10px 12px; border-radius: 10px; background: var(--err-bg); color: var(--err-fg); }
.notice.busy { background: var(--warn-bg); color: var(--warn-fg); }
.notice p { margin: 0 0 6px; }
.notice p:last-child { margin: 0; }

.composer { border-top: 1px solid var(--line); padding: 10px 12px 12px; display: flex; flex-direction: column; gap: 8px; background: var(--bg); }
.composer textarea { width: 100%; padding: 8px 10px; border: 1px solid var(--line); border-radius: 10px; background: var(--bg); resize: none; }
.composer textarea:focus { border-color: var(--accent); outline: none; box-shadow: 0 0 0 2px color-mix(in srgb, var(--accent) 30%, transparent); }
.composer .code-input { min-height: 110px; max-height: 240px; resize: vertical; font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code-bg); white-space: pre; }
.code-label { font-size: 12px; color: var(--muted); }
.row { display: flex; align-items: center; gap: 8px; }
.row .hint { flex: 1; color: var(--muted); font-size: 12px; }
.toggle { display: inline-flex; align-items: center; gap: 4px; padding: 6px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); font-size: 13px; }
.toggle[aria-expanded="true"] { border-color: var(--accent); color: var(--accent); }
.send { display: inline-flex; align-items: center; gap: 6px; padding: 7px 14px; border: 0; border-radius: 8px; background: var(--accent); color: var(--accent-fg); font-weight: 600; }
.send:disabled { opacity: .55; cursor: not-allowed; }
`;
