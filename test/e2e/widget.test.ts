import { mkdir } from 'node:fs/promises';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { recordAnswerGrowth, widget } from './support/widget-page.js';

const SERVICE = inject('serviceUrl');
const HOST = inject('hostOrigin');
const SCREENSHOTS = 'test-results';
const STRING_QUESTION = 'How do I build a big string efficiently?';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
});
afterEach(async () => {
  await context.close();
});

describe('the demo page (GET /, same origin, strict CSP)', () => {
  it('streams an answer with a highlighted code block and numbered sources', async () => {
    // Through a slow link, so the answer reaches the browser over many reads, as from far away.
    await page.goto(`${inject('slowServiceUrl')}/`);
    expect(await page.locator('h1').textContent()).toBe('Python memory help desk');
    const w = widget(page);
    await w.open();
    expect(await w.focused()).toBe('textarea.');

    await recordAnswerGrowth(page);
    const streamed = page.waitForResponse((r) => r.url().endsWith('/v1/ask/stream'));
    await w.ask(STRING_QUESTION);
    const answer = await w.answerDone(1);

    const body = await (await streamed).text();
    const events = [...body.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('citations');
    expect(events.at(-1)).toBe('done');
    expect(events.filter((e) => e === 'delta').length).toBeGreaterThan(20);
    const lengths = await page.evaluate(() => (window as unknown as { __answerLengths: number[] }).__answerLengths);
    expect(lengths.length, `answer lengths seen while streaming: ${lengths.join(', ')}`).toBeGreaterThan(3);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));

    expect(await answer.locator('.answer').textContent()).toContain(
      'Use str.join() for concatenating multiple strings',
    );
    const code = answer.locator('.code-block').first();
    expect(await code.locator('.code-lang').textContent()).toBe('python');
    expect(await code.locator('code').textContent()).toBe("strings = ['a', 'b', 'c']\nresult = ''.join(strings)");
    expect(await code.locator('.tok-string').count()).toBeGreaterThan(2);
    const sources = await answer.locator('.sources .source').allTextContents();
    expect(sources[0]).toBe('[1]String Concatenation · Optimize String Usage');
    sources.forEach((source, i) => expect(source).toMatch(new RegExp(`^\\[${i + 1}\\]\\S`)));
    expect(await answer.locator('.answer .cite-ref').count()).toBeGreaterThanOrEqual(sources.length);
    expect(await answer.getByText('Sources', { exact: true }).count()).toBe(1);

    // Before the screenshot: Playwright hides the caret with a style element that the CSP refuses.
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/widget-demo-page.png` });
  });

  it('opens a cited tip from GET /v1/tips/:id, and copies code', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: SERVICE });
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.open();
    await w.ask(STRING_QUESTION);
    const answer = await w.answerDone(1);

    const tipRequest = page.waitForResponse((r) => r.url().includes('/v1/tips/'));
    await answer.locator('.answer .cite-ref[data-n="1"]').first().click();
    expect((await tipRequest).url()).toBe(`${SERVICE}/v1/tips/optimize-string-usage--string-concatenation`);
    const tip = answer.locator('section.tip');
    await tip.waitFor();
    expect(await tip.locator('h3').textContent()).toBe('[1] String Concatenation');
    expect(await tip.locator('.where').textContent()).toBe(
      'Optimize String Usage · python-memory-guidance.md, lines 78–82',
    );
    // The guidance's own example first; the companion's extension of the tip adds its own after it.
    expect(await tip.locator('.code-block code').first().textContent()).toBe(
      "strings = ['a', 'b', 'c']\nresult = ''.join(strings)",
    );
    expect(await tip.locator('.code-block code').nth(1).textContent()).toContain("''.join(parts)");
    expect(await w.focused()).toBe('section.tip');
    expect(await answer.locator('.source[data-n="1"]').getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: `${SCREENSHOTS}/widget-tip.png` });

    // The guidance's example is the first code block of the tip (the companion's follows it).
    await tip.getByRole('button', { name: 'Copy code' }).first().click();
    await expect.poll(() => tip.locator('.copy-label').first().textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      "strings = ['a', 'b', 'c']\nresult = ''.join(strings)",
    );

    await tip.getByRole('button', { name: 'Close tip' }).click();
    expect(await answer.locator('section.tip').count()).toBe(0);
    expect(await w.focused()).toBe('button.source');
    expect(
      await page.evaluate(() =>
        document.querySelector('pymem-help-widget')?.shadowRoot?.activeElement?.getAttribute('data-n'),
      ),
    ).toBe('1');
  });

  it('says when the guidance does not answer: related tips under their own heading, opening like sources, no [n]', async () => {
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.open();
    await w.ask('Async generators are not garbage collected');
    const answer = await w.answerDone(1);
    expect(await answer.getAttribute('class')).toMatch(/\babstained\b.*\brelated\b|\brelated\b.*\babstained\b/);
    expect(await answer.locator('.answer').textContent()).toContain("doesn't cover this question");
    expect(await answer.locator('.sources-title').textContent()).toBe('Related, not an answer');
    const related = answer.locator('.related-tips .source');
    expect(await related.count()).toBeGreaterThanOrEqual(1);
    expect(await related.count()).toBeLessThanOrEqual(2);
    expect(await related.first().textContent()).not.toMatch(/^\[\d+\]/);
    expect(await answer.locator('.answer .cite-ref').count()).toBe(0);
    await related.first().click();
    const tip = answer.locator('section.tip');
    await tip.waitFor();
    expect(await tip.locator('h3').textContent()).toMatch(/^Related, not an answer: /);
    expect(await related.first().getAttribute('aria-expanded')).toBe('true');

    await w.ask('How do I increase the Java heap size with -Xmx?');
    const other = await w.answerDone(2);
    expect(await other.locator('.answer').textContent()).toContain('Java and the JVM');
    expect(await other.locator('.sources .source').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/widget-related.png` });
  });

  it('stores thumbs-down feedback with a comment, and the admin summary lists it', async () => {
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.open();
    const question = `When should I use __slots__? (e2e ${Date.now()})`;
    await w.ask(question);
    const answer = await w.answerDone(1);
    const posted = page.waitForResponse(
      (r) => r.url().endsWith('/v1/feedback') && r.request().postDataJSON()?.comment !== undefined,
    );
    await answer.getByRole('button', { name: 'No' }).click();
    expect(await answer.getByRole('button', { name: 'No' }).getAttribute('aria-pressed')).toBe('true');
    await answer.getByRole('textbox', { name: 'What was missing? (optional)' }).fill('An example with a dataclass');
    await answer.locator('.comment').getByRole('button', { name: 'Send' }).click();
    expect((await posted).status()).toBe(200);
    await expect.poll(() => answer.locator('.thanks').textContent()).toBe('Thanks, noted.');

    const db = new Database(inject('feedbackDb'), { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare(
          'SELECT q.question, q.asked, f.helpful, f.comment FROM feedback f JOIN questions q USING (question_hash) WHERE q.question = ?',
        )
        .get(question);
      expect(row).toEqual({ question, asked: 1, helpful: 0, comment: 'An example with a dataclass' });
    } finally {
      db.close();
    }
    const summary = await fetch(`${SERVICE}/v1/feedback/summary`, {
      headers: { authorization: `Bearer ${inject('adminToken')}` },
    });
    const { leastHelpful } = (await summary.json()) as { leastHelpful: { question: string; comments: string[] }[] };
    expect(leastHelpful).toContainEqual(
      expect.objectContaining({ question, comments: ['An example with a dataclass'] }),
    );
  });

  it('works from the keyboard: Enter opens, Shift+Enter breaks a line, Tab stays inside, Esc closes', async () => {
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.launcher.focus();
    await page.keyboard.press('Enter');
    await w.panel.waitFor({ state: 'visible' });
    expect(await w.launcher.isVisible()).toBe(false);
    expect(await w.panel.getAttribute('role')).toBe('dialog');
    expect(await w.focused()).toBe('textarea.');
    await page.keyboard.type('first line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    expect(await w.question.inputValue()).toBe('first line\nsecond line');
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await w.focused(), `after ${i + 1} Tab presses`).not.toBeNull();
    }
    await page.keyboard.press('Escape');
    await w.panel.waitFor({ state: 'hidden' });
    expect(await w.focused()).toBe('button.launcher');
    expect(await w.launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it('understands a follow-up: "why?" after a question is answered from that question\'s tips', async () => {
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.open();
    await w.ask('Are tuples smaller than lists?');
    await w.answerDone(1);
    const followUp = page.waitForRequest(
      (r) => r.url().endsWith('/v1/ask/stream') && (r.postData() ?? '').includes('"why?"'),
    );
    await w.ask('why?');
    const sent = JSON.parse((await followUp).postData() ?? '{}') as { history?: { role: string; content: string }[] };
    expect(sent.history?.[0]).toEqual({ role: 'user', content: 'Are tuples smaller than lists?' });
    const answer = await w.answerDone(2);
    expect((await answer.locator('.sources .source').allTextContents())[0]).toBe(
      '[1]Tuples over Lists · Use Built-in Data Structures Wisely',
    );
    expect(await answer.locator('.caution').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('follows prefers-color-scheme: dark', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.open();
    await w.ask('How can I find what is leaking memory?');
    await w.answerDone(1);
    const background = await w.panel.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(23, 27, 33)');
    await page.screenshot({ path: `${SCREENSHOTS}/widget-dark.png` });
  });
});

describe('reading a conversation', () => {
  const CODE =
    "def read_all(path):\n    f = open(path)\n    data = f.read()\n    return data\n\nresult = ''\nfor line in read_all('log.txt').splitlines():\n    result += line";

  /** Where an element is within the log's visible part (the log scrolls; the panel does not). */
  const inLogView = (element: Locator) =>
    element.evaluate((el) => {
      const log = el.closest('.log') as HTMLElement;
      const box = el.getBoundingClientRect();
      const view = log.getBoundingClientRect();
      return {
        top: Math.round(box.top - view.top),
        bottom: Math.round(view.bottom - box.bottom),
        scrollTop: log.scrollTop,
        end: log.scrollHeight - log.clientHeight,
      };
    });

  it('offers three starter questions in an empty conversation, and asks one when clicked', async () => {
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.open();
    const starters = w.panel.getByRole('group', { name: 'Example questions' }).getByRole('button');
    expect(await starters.allTextContents()).toEqual([
      'How do I build a big string efficiently?',
      'How can I find what is leaking memory?',
      'How do I stop objects that point at each other from leaking?',
    ]);
    const asked = page.waitForRequest((r) => r.url().endsWith('/v1/ask/stream'));
    await starters.nth(1).click();
    expect(JSON.parse((await asked).postData() ?? '{}')).toEqual({
      question: 'How can I find what is leaking memory?',
    });
    const answer = await w.answerDone(1);
    expect((await answer.locator('.sources .source').allTextContents())[0]).toBe(
      '[1]Memory Profiling Tools · Monitor and Profile Memory Usage',
    );
    expect(await w.panel.locator('.starter').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('shows a long answer from its start, closes the code box once the code is sent, and carries the code into "why?"', async () => {
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.open();
    const toggle = w.panel.getByRole('button', { name: 'Paste code' });
    await toggle.click();
    await w.panel.getByRole('textbox', { name: 'Python code (optional)' }).fill(CODE);
    await w.ask('Is this code memory-safe?');
    const answer = await w.answerDone(1);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await w.panel.getByRole('textbox', { name: 'Python code (optional)' }).isVisible()).toBe(false);

    // The question (with its code) stands at the top of the log; the sources are further down.
    const question = w.panel.locator('.msg.user').last();
    const view = await inLogView(question);
    expect(view.top).toBeGreaterThanOrEqual(0);
    expect(view.top).toBeLessThanOrEqual(16);
    expect(view.end - view.scrollTop, 'the log is not scrolled to its end').toBeGreaterThan(100);
    expect((await inLogView(answer.locator('.answer'))).top).toBeGreaterThan(0);
    expect((await inLogView(answer.locator('.sources'))).bottom).toBeLessThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}/widget-answer-start.png` });

    const followUp = page.waitForRequest(
      (r) => r.url().endsWith('/v1/ask/stream') && (r.postData() ?? '').includes('"why?"'),
    );
    await w.ask('why?');
    const sent = JSON.parse((await followUp).postData() ?? '{}') as {
      history?: { role: string; content: string }[];
      snippet?: string;
    };
    expect(sent.history?.[0]).toEqual({
      role: 'user',
      content: `Is this code memory-safe?\n\n\`\`\`python\n${CODE}\n\`\`\``,
    });
    expect(sent.snippet).toBeUndefined();
    const why = await w.answerDone(2);
    expect(await why.locator('.answer .cite-ref').count()).toBeGreaterThan(0);
    // Without the code the same "why?" was answered from the profiling tips; with it, from the code's own problem.
    const firstSource = await why.locator('.sources .source').first().textContent();
    expect(firstSource).toBe('[1]Use with Statement for File Operations · Optimize Code for Memory Efficiency');
    expect(pageErrors).toEqual([]);
  });

  it('renders the inline code of source and tip titles, with no raw backticks', async () => {
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.open();
    await w.ask('How do I make sure files get closed?');
    const answer = await w.answerDone(1);
    const source = answer.locator('.sources .source').first();
    expect(await source.textContent()).toBe(
      '[1]Use with Statement for File Operations · Optimize Code for Memory Efficiency',
    );
    expect(await source.locator('code').allTextContents()).toEqual(['with']);
    expect(await w.panel.locator('.sources').textContent()).not.toContain('`');
    expect(await answer.locator('.answer .cite-ref').first().getAttribute('aria-label')).toBe(
      'Source 1: Use with Statement for File Operations',
    );
    await source.click();
    const tip = answer.locator('section.tip');
    await tip.waitFor();
    expect(await tip.locator('h3').textContent()).toBe('[1] Use with Statement for File Operations');
    expect(await tip.locator('h3 code').textContent()).toBe('with');
    await page.screenshot({ path: `${SCREENSHOTS}/widget-inline-code-titles.png` });
  });

  it('keeps the "What was missing?" box in view after "No", focused', async () => {
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.open();
    await w.ask('How do I make sure files get closed?');
    const answer = await w.answerDone(1);
    await answer.getByRole('button', { name: 'No' }).click();
    const box = answer.getByRole('textbox', { name: 'What was missing? (optional)' });
    await expect.poll(async () => (await inLogView(box)).bottom).toBeGreaterThanOrEqual(0);
    expect((await inLogView(answer.locator('.comment'))).bottom).toBeGreaterThanOrEqual(0);
    expect((await inLogView(box)).top).toBeGreaterThanOrEqual(0);
    expect(await w.focused()).toBe('textarea.');
    expect(await box.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/widget-feedback-in-view.png` });
  });

  it('starts over with "New conversation": no answers, no history, the starters back', async () => {
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.open();
    const newButton = w.panel.getByRole('button', { name: 'New conversation' });
    expect(await newButton.isVisible()).toBe(false);
    await w.ask('Are tuples smaller than lists?');
    await w.answerDone(1);
    await newButton.click();
    expect(await w.answers.count()).toBe(0);
    expect(await w.panel.locator('.msg.user').count()).toBe(0);
    expect(await w.panel.locator('.starter').count()).toBe(3);
    expect(await newButton.isVisible()).toBe(false);
    expect(await w.focused()).toBe('textarea.');
    const asked = page.waitForRequest((r) => r.url().endsWith('/v1/ask/stream'));
    await w.ask('why?');
    expect(JSON.parse((await asked).postData() ?? '{}')).toEqual({ question: 'why?' });
    await w.answerDone(1);
    expect(pageErrors).toEqual([]);
  });

  it("asks the demo page's example questions when they are clicked", async () => {
    await page.goto(`${SERVICE}/`);
    const w = widget(page);
    await w.launcher.waitFor();
    const asked = page.waitForRequest((r) => r.url().endsWith('/v1/ask/stream'));
    await page.getByRole('button', { name: 'How do I stop objects that point at each other from leaking?' }).click();
    await w.panel.waitFor({ state: 'visible' });
    expect(JSON.parse((await asked).postData() ?? '{}')).toEqual({
      question: 'How do I stop objects that point at each other from leaking?',
    });
    await w.answerDone(1);
    expect(await w.panel.locator('.msg.user').textContent()).toBe(
      'How do I stop objects that point at each other from leaking?',
    );
    expect(pageErrors).toEqual([]);
  });

  it("takes the host page's own starter questions from data-starters, or none", async () => {
    await page.goto(`${HOST}/starters.html`);
    const w = widget(page);
    await w.open();
    expect(await w.panel.locator('.starter').allTextContents()).toEqual([
      'Why does my dict keep growing?',
      'When should I call gc.collect()?',
    ]);
    await page.goto(`${HOST}/no-starters.html`);
    await w.open();
    expect(await w.panel.locator('.starters').count()).toBe(0);
    expect(await w.panel.locator('.intro').isVisible()).toBe(true);
  });
});

describe('on another site', () => {
  it('keeps working and keeps its looks under aggressive host CSS, and leaks no styles', async () => {
    await page.goto(`${HOST}/aggressive.html`);
    const w = widget(page);
    await w.launcher.waitFor({ state: 'visible' });
    const launcherBox = await w.launcher.boundingBox();
    expect(launcherBox).not.toBeNull();
    expect(launcherBox!.x + launcherBox!.width).toBeCloseTo(1280 - 20, 0);
    expect(launcherBox!.y + launcherBox!.height).toBeCloseTo(860 - 20, 0);
    expect(await w.launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(36, 86, 201)');

    // The host's rules do apply to its own element named like the widget's parts; the widget's do not.
    const probe = await page.locator('p.probe').evaluate((el) => {
      const style = getComputedStyle(el);
      return {
        background: style.backgroundColor,
        position: style.position,
        radius: style.borderRadius,
        font: style.fontSize,
      };
    });
    expect(probe).toEqual({ background: 'rgb(255, 0, 0)', position: 'static', radius: '0px', font: '40px' });

    await w.open();
    const panelBox = await w.panel.boundingBox();
    expect(panelBox?.width).toBe(420);
    expect(await w.panel.evaluate((el) => getComputedStyle(el).fontSize)).toBe('14px');
    await w.ask(STRING_QUESTION);
    const answer = await w.answerDone(1);
    expect(await answer.locator('.code-block').count()).toBeGreaterThan(0);
    expect(await answer.locator('.sources .source').first().textContent()).toBe(
      '[1]String Concatenation · Optimize String Usage',
    );
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/widget-aggressive-host.png` });
  });

  it('shows a question with HTML in it as text, and runs none of it', async () => {
    await page.goto(`${HOST}/plain.html`);
    const w = widget(page);
    await w.open();
    const attack = '<img src=x onerror="window.__xss = true"> <script>window.__xss = true</script> why?';
    await w.ask(attack);
    await w.answerDone(1);
    expect(await w.panel.locator('.msg.user').textContent()).toBe(attack);
    expect(await page.locator('pymem-help-widget img, pymem-help-widget script').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss: boolean }).__xss)).toBe(false);
  });

  it('renders HTML inside an answer as text: no tags, no script, no javascript: links', async () => {
    // A compromised or buggy server: the answer itself carries markup.
    const answer = [
      'Try this <img src=x onerror="window.__xss = true"> and <b onmouseover="window.__xss = true">bold</b>.',
      '',
      '<script>window.__xss = true</script>',
      '',
      '[click me](javascript:window.__xss=true) ![pic](https://example.invalid/x.png) [docs](https://docs.python.org/3/)',
    ].join('\n');
    await page.route('**/v1/ask/stream', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream', 'access-control-allow-origin': HOST },
        body: [
          'event: citations\ndata: {"citations":[]}\n\n',
          `event: delta\ndata: ${JSON.stringify({ text: answer })}\n\n`,
          `event: done\ndata: ${JSON.stringify({ answerId: crypto.randomUUID(), answer, abstained: false, citations: [], examples: [] })}\n\n`,
        ].join(''),
      }),
    );
    await page.goto(`${HOST}/plain.html`);
    const w = widget(page);
    await w.open();
    await w.ask('anything');
    const rendered = (await w.answerDone(1)).locator('.answer');
    expect(await rendered.textContent()).toContain('<img src=x onerror="window.__xss = true">');
    expect(await rendered.textContent()).toContain('<script>window.__xss = true</script>');
    expect(await rendered.locator('img, script, b').count()).toBe(0);
    expect(await rendered.locator('a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))).toEqual(
      ['https://docs.python.org/3/'],
    );
    await rendered.getByText('bold').hover();
    await rendered.getByText('click me').click();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss: boolean }).__xss)).toBe(false);
  });

  it('says so clearly when the service cannot be reached', async () => {
    await page.goto(`${HOST}/unreachable.html`);
    const w = widget(page);
    await w.open();
    await w.ask(STRING_QUESTION);
    const notice = w.notices.last();
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.textContent()).toMatch(
      /^Can't reach the help service \(127\.0\.0\.1:\d+\)\. Check your connection, then try again\./,
    );
    expect(await notice.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/widget-unreachable.png` });
  });

  it('says when to ask again when the service rate-limits (429 with Retry-After)', async () => {
    await page.goto(`${HOST}/limited.html`);
    const w = widget(page);
    await w.open();
    expect(await w.panel.locator('h2').textContent()).toBe('Rate-limited help');
    await w.ask('How do I find a memory leak?');
    await w.answerDone(1);
    const limited = page.waitForResponse((r) => r.url().endsWith('/v1/ask/stream') && r.status() === 429);
    await w.ask('And for generators?');
    const response = await limited;
    const retryAfter = Number(response.headers()['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    const notice = w.notices.last();
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /Too many questions at once: the help service asks us to wait\.You can ask again in \d+ s\./,
    );
    expect(await w.panel.locator('button.send').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/widget-rate-limited.png` });
  });
});
