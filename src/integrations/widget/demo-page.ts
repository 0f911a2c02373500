import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Tip } from '../../knowledge/types.js';

export interface DemoPageInput {
  /**
   * This service's origin (`PUBLIC_URL`), for the embed snippet and the curl example; unset, they
   * show a placeholder to replace. Never the request's Host header: echoing it would let anyone
   * who can reach a cache in front of the service plant their own script URL in the page.
   */
  readonly origin: string | undefined;
  readonly tips: readonly Tip[];
}

const ENDPOINTS: readonly { method: string; path: string; what: string; link?: string }[] = [
  { method: 'POST', path: '/v1/ask', what: 'A cited markdown answer, or an abstention, as JSON (with its answerId).' },
  { method: 'POST', path: '/v1/ask/stream', what: 'The same answer as Server-Sent Events: citations, delta…, done.' },
  { method: 'POST', path: '/v1/search', what: 'The best matching tips, scored.' },
  { method: 'GET', path: '/v1/tips', what: 'Every tip: id, title, section.', link: '/v1/tips' },
  { method: 'GET', path: '/v1/tips/:id', what: 'One whole tip with its example code and source lines.' },
  { method: 'POST', path: '/v1/feedback', what: 'Thumbs up or down (and a comment) on an answer, by answerId.' },
  { method: 'GET', path: '/v1/feedback/summary', what: 'Admin: least helpful answers and abstained questions.' },
  { method: 'GET', path: '/healthz', what: 'Liveness and the loaded index.', link: '/healthz' },
];

const EXAMPLE_QUESTIONS = [
  'How do I build a big string efficiently?',
  'How can I find what is leaking memory?',
  'How do I stop objects that point at each other from leaking?',
];

/** What the snippet shows for the service's address when `PUBLIC_URL` is not set. */
const ORIGIN_PLACEHOLDER = 'https://pymem.example.com';

/** The page's only style sheet; its SHA-256 goes into the page's Content-Security-Policy. */
export const DEMO_PAGE_CSS = `
:root { color-scheme: light dark; --fg: #1c2127; --muted: #5b6573; --bg: #ffffff; --panel: #f4f6f8; --line: #dde2e8; --accent: #2458c6; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ee; --muted: #a3adba; --bg: #14171c; --panel: #1d2229; --line: #2e3540; --accent: #7ea6ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 52rem; margin: 0 auto; padding: 2.5rem 1.25rem 6rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2.25rem 0 .75rem; padding-top: 1rem; border-top: 1px solid var(--line); }
p.lead { font-size: 1.125rem; color: var(--muted); margin-top: 0; }
a { color: var(--accent); }
code, pre { font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { background: var(--panel); padding: .1em .35em; border-radius: 4px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: .9rem 1rem; overflow-x: auto; }
pre code { background: none; padding: 0; }
.sections { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .75rem; padding: 0; list-style: none; }
.sections li { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; }
.sections strong { display: block; margin-bottom: .25rem; }
.sections span { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; }
td:first-child { white-space: nowrap; font-weight: 600; }
footer { margin-top: 3rem; color: var(--muted); font-size: .9rem; }
.examples button { font: inherit; color: var(--accent); background: none; border: 0; padding: 0; cursor: pointer; text-align: left; text-decoration: underline; text-underline-offset: .2em; }
`;

/**
 * The demo page at `GET /`: what the service answers (from the loaded tips), how to embed the
 * widget and call the API, with the widget itself embedded by its one-line script tag.
 *
 * @example c.html(renderDemoPage({ origin: new URL(c.req.url).origin, tips: assistant.tips }))
 */
export function renderDemoPage({ origin, tips }: DemoPageInput): HtmlEscapedString | Promise<HtmlEscapedString> {
  // The guidance's sections; the units of other knowledge files deepen or extend them.
  const guidance = tips.filter((t) => t.primary);
  const sections = groupBySection(guidance);
  // Units of a file written to deepen the guidance, then those of any other file (an operator's wiki page).
  const deeper = tips.filter((t) => t.companion === true).length;
  const elsewhere = tips.length - guidance.length - deeper;
  const base = origin ?? ORIGIN_PLACEHOLDER;
  const snippet = `<script src="${base}/widget.js" data-title="Python memory help" async></script>`;
  const curl = `curl -N ${base}/v1/ask/stream -H 'content-type: application/json' \\\n  -d '{"question":"how do I build a big string efficiently?"}'`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Python memory help desk · pymem-assistant</title>
<meta name="description" content="Answers Python memory questions from a curated guidance, with cited tips.">
<style>${raw(DEMO_PAGE_CSS)}</style>
</head>
<body>
<main>
  <h1>Python memory help desk</h1>
  <p class="lead">Ask how to make Python programs use less memory, find leaks, or pick the right data
  structure. Every answer quotes the team's guidance and cites the tips it comes from; when the
  guidance does not cover a question, the assistant says so instead of guessing.</p>

  <h2>Try it</h2>
  <p>Click a question to ask it, or open <strong>Ask about Python memory</strong> at the bottom right:</p>
  <ul class="examples">${EXAMPLE_QUESTIONS.map((q) => html`<li><button type="button" data-pymem-ask="${q}">${q}</button></li>`)}</ul>
  <p>Paste code with <em>Paste code</em>: the names in it steer the search. Click a numbered source to
  read the whole tip, and answer <em>Helpful?</em> with yes or no: it shows us what to improve.</p>

  <h2>What it answers</h2>
  <p>${guidance.length} tips in ${sections.length} sections of the guidance${deeper > 0 ? `, deepened by ${deeper} units of companion knowledge (why, how, how much, caveats)` : ''}${elsewhere > 0 ? `, and ${elsewhere} units of other knowledge files` : ''}:</p>
  <ul class="sections">
    ${sections.map(([section, titles]) => html`<li><strong>${withCode(section)}</strong><span>${titles.map((t, i) => html`${i ? ' · ' : ''}${withCode(t)}`)}</span></li>`)}
  </ul>

  <h2>Add it to your pages</h2>
  <p>One line, anywhere in the page:</p>
  <pre><code>${snippet}</code></pre>
  <table>
    <tr><th>attribute</th><th>meaning</th></tr>
    <tr><td><code>data-title</code></td><td>The panel's title (default “Python memory help”).</td></tr>
    <tr><td><code>data-api</code></td><td>Base URL of this service (default: where <code>widget.js</code> came from).</td></tr>
    <tr><td><code>data-key</code></td><td>A publishable widget key, when the service requires keys.</td></tr>
    <tr><td><code>data-starters</code></td><td>Up to three example questions offered in an empty conversation, separated by <code>|</code> (<code>""</code> for none).</td></tr>
    <tr><td><code>data-pymem-ask</code></td><td>On any element of your page: a click opens the widget and asks its question.</td></tr>
  </table>
  ${origin ? '' : html`<p>Replace <code>${ORIGIN_PLACEHOLDER}</code> with this service's address (set <code>PUBLIC_URL</code> and this page shows it).</p>`}
  <p>Pages on another origin need it listed in the service's <code>ALLOWED_ORIGINS</code>.</p>

  <h2>API</h2>
  <table>
    <tr><th>endpoint</th><th>what it does</th></tr>
    ${ENDPOINTS.map(
      (e) =>
        html`<tr><td>${e.method} ${e.link ? html`<a href="${e.link}"><code>${e.path}</code></a>` : html`<code>${e.path}</code>`}</td><td>${e.what}</td></tr>`,
    )}
  </table>
  <p>Bodies are JSON; errors are <code>application/problem+json</code>. Streaming, from a terminal:</p>
  <pre><code>${curl}</code></pre>

  <footer>pymem-assistant · answers from <code>python-memory-guidance.md</code> · works offline</footer>
</main>
<script src="/widget.js" data-title="Python memory help" async></script>
</body>
</html>`;
}

/** A title with its `code` spans (tip titles such as "Use `weakref`") as code elements, escaped. */
function withCode(text: string) {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? html`<code>${part}</code>` : part));
}

function groupBySection(tips: readonly Tip[]): [string, string[]][] {
  const sections = new Map<string, string[]>();
  for (const tip of tips) sections.set(tip.section, [...(sections.get(tip.section) ?? []), tip.title]);
  return [...sections];
}
