import { recentTurns, type ChatTurn } from '../../src/answer/follow-up/chat-turn.js';
import { createApiClient, type ApiClient, type AskRequest } from './api-client.js';
import { ApiError } from './api-error.js';
import { AnswerView } from './answer-view.js';
import type { WidgetConfig } from './config.js';
import { h, icon, ICONS } from './dom.js';
import { trapTab } from './focus-trap.js';
import { noticeFor } from './notices.js';
import { WIDGET_CSS } from './styles.js';

/** The service's limits (README "Errors and limits"), checked here to say so before sending. */
const QUESTION_MAX_CHARS = 2000;
const SNIPPET_MAX_BYTES = 64 * 1024;
/** How much of each answer goes back in `history`. */
const ANSWER_TURN_CHARS = 1000;
/** How much of a pasted snippet goes back in `history`, with its question (the history holds 16 KiB in all). */
const SNIPPET_TURN_CHARS = 4000;
/** Space kept above the question when its answer is scrolled to its start. */
const SCROLL_MARGIN_PX = 8;

export interface MountedWidget {
  readonly host: HTMLElement;
  open(): void;
  close(): void;
  /** Opens the panel and asks `question` (what a `data-pymem-ask` element on the page does). */
  ask(question: string): void;
}

/**
 * A question as the conversation's history carries it: with its pasted code as a ```python block
 * (as chat clients send code), so a follow-up ("why?") is read against the code too.
 *
 * @example userTurn('Is this leaking?', 'cache = {}') // 'Is this leaking?\n\n```python\ncache = {}\n```'
 */
export function userTurn(question: string, snippet?: string): ChatTurn {
  if (!snippet) return { role: 'user', content: question };
  return { role: 'user', content: `${question}\n\n\`\`\`python\n${snippet.slice(0, SNIPPET_TURN_CHARS)}\n\`\`\`` };
}

/**
 * Adds the help widget to the page: a launcher button and, in the same shadow root, the chat
 * panel (a dialog that keeps focus while open; Esc closes it). Enter sends, Shift+Enter starts a
 * new line; in the code box Ctrl+Enter (⌘+Enter) sends. An empty conversation offers starter
 * questions; "New conversation" starts over. Any element of the page with `data-pymem-ask`
 * asks its question when clicked.
 *
 * @example mountWidget(readConfig(document.currentScript as HTMLScriptElement, document.baseURI))
 */
export function mountWidget(
  config: WidgetConfig,
  api: ApiClient = createApiClient({ base: config.api, key: config.key }),
): MountedWidget {
  const host = document.createElement('pymem-help-widget');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);

  const launcher = h(
    'button',
    { type: 'button', class: 'launcher', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' },
    icon(ICONS.chat),
    'Ask about Python memory',
  );
  const closeButton = h(
    'button',
    { type: 'button', class: 'icon-button', 'aria-label': 'Close help' },
    icon(ICONS.close),
  );
  // "New" on screen (the title keeps its line), "New conversation" to assistive tech and on hover.
  const newButton = h(
    'button',
    { type: 'button', class: 'head-button', hidden: true, 'aria-label': 'New conversation', title: 'New conversation' },
    icon(ICONS.plus),
    'New',
  );
  const intro = h(
    'p',
    { class: 'intro' },
    'Ask about memory in Python: leaks, big data structures, generators, strings, profiling. Answers quote the team’s guidance and cite their sources.',
  );
  const starters = h(
    'div',
    { class: 'starters', role: 'group', 'aria-label': 'Example questions' },
    ...config.starters.map((text) =>
      h('button', { type: 'button', class: 'starter', onclick: () => askText(text) }, text),
    ),
  );
  const log = h(
    'div',
    { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' },
    intro,
    config.starters.length > 0 ? starters : null,
  );
  const status = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const question = h('textarea', {
    rows: 2,
    maxlength: QUESTION_MAX_CHARS,
    placeholder: 'Ask a question…',
    'aria-label': 'Your question',
    'aria-describedby': 'pymem-hint',
  });
  const code = h('textarea', {
    class: 'code-input',
    spellcheck: 'false',
    placeholder: 'Paste Python code here…',
    'aria-label': 'Python code (optional)',
  });
  const codeBox = h('div', { id: 'pymem-code', hidden: true }, code);
  const codeToggle = h(
    'button',
    { type: 'button', class: 'toggle', 'aria-expanded': 'false', 'aria-controls': 'pymem-code' },
    icon(ICONS.code),
    'Paste code',
  );
  const sendLabel = h('span', {}, 'Send');
  const sendButton = h('button', { type: 'submit', class: 'send' }, icon(ICONS.send), sendLabel);
  const hint = h('span', { class: 'hint', id: 'pymem-hint' }, 'Enter to send · Shift+Enter for a new line');
  const form = h(
    'form',
    { class: 'composer' },
    question,
    codeBox,
    h('div', { class: 'row' }, codeToggle, hint, sendButton),
  );
  const panel = h(
    'section',
    { class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'pymem-title', hidden: true },
    h('header', { class: 'head' }, h('h2', { id: 'pymem-title' }, config.title), newButton, closeButton),
    log,
    form,
  );
  shadow.append(h('div', { class: 'root' }, launcher, panel, status));

  let running: AbortController | undefined;
  let waitUntil = 0;
  /** Whether the log still moves by itself with the answer (until the reader scrolls). */
  let followLog = true;
  /** Where the log last scrolled itself, to tell the reader's scrolling from its own. */
  let autoScrollTop = 0;
  /** The question of the answer coming in: the log scrolls until it reaches the top, no further. */
  let anchor: HTMLElement | undefined;
  /** Counts "New conversation"s: an answer of an earlier conversation finishing late changes nothing. */
  let conversation = 0;
  /** The questions and answers so far, sent as `history` so follow-ups ("why?") are understood. */
  const turns: ChatTurn[] = [];

  const open = () => {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute('aria-expanded', 'true');
    question.focus();
  };
  const close = () => {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  };
  const scrollLog = (top: number) => {
    log.scrollTop = top;
    autoScrollTop = log.scrollTop;
  };
  /**
   * Follows the answer as it grows, until its question reaches the top of the log: a long answer
   * is then read from its start, not from its sources at the end.
   */
  const keepAnswerInView = () => {
    if (!followLog) return;
    const end = log.scrollHeight - log.clientHeight;
    scrollLog(anchor ? Math.min(end, anchor.offsetTop - SCROLL_MARGIN_PX) : end);
  };
  const scrollToEnd = () => scrollLog(log.scrollHeight);
  const setRunning = (controller: AbortController | undefined) => {
    running = controller;
    sendLabel.textContent = controller ? 'Stop' : 'Send';
    sendButton.setAttribute('aria-label', controller ? 'Stop the answer' : 'Send');
    sendButton.replaceChild(icon(controller ? ICONS.stop : ICONS.send), sendButton.firstChild as Node);
  };

  const ask = async (request: AskRequest) => {
    const asked = conversation;
    const view = new AnswerView(api, config.api, () => asked === conversation && keepAnswerInView());
    log.append(view.element);
    followLog = true;
    keepAnswerInView();
    const controller = new AbortController();
    setRunning(controller);
    status.textContent = 'Answering…';
    try {
      await api.askStream(request, view, controller.signal);
      if (asked !== conversation) return;
      status.textContent = 'Answer ready.';
      // Only the user's questions (and their code) steer a follow-up; the answer is kept short to leave them room.
      turns.push(userTurn(request.question, request.snippet), {
        role: 'assistant',
        content: view.answer?.answer.slice(0, ANSWER_TURN_CHARS) ?? '',
      });
    } catch (error) {
      if (asked !== conversation) return;
      if (controller.signal.aborted) {
        view.end('Stopped.');
        status.textContent = 'Stopped.';
      } else {
        view.end();
        showNotice(error, () => void ask(request));
      }
    } finally {
      if (running === controller) setRunning(undefined);
      if (asked === conversation) keepAnswerInView();
    }
  };

  const showNotice = (error: unknown, retry: () => void) => {
    const { message, retry: canRetry } = noticeFor(error, config.api);
    const notice = h('div', { class: 'notice msg', role: 'alert' }, h('p', {}, message));
    if (error instanceof ApiError && error.kind === 'rate-limited') {
      notice.classList.add('busy');
      startCooldown(error.details.retryAfter ?? 30, notice);
    }
    if (canRetry) {
      const again = h('button', { type: 'button', class: 'text-button' }, 'Try again');
      again.addEventListener('click', () => {
        notice.remove();
        retry();
      });
      notice.append(h('p', {}, again));
    }
    log.append(notice);
    scrollToEnd();
  };

  const startCooldown = (seconds: number, notice: HTMLElement) => {
    waitUntil = Date.now() + seconds * 1000;
    const line = h('p', {});
    notice.append(line);
    const tick = () => {
      const left = Math.ceil((waitUntil - Date.now()) / 1000);
      if (left > 0) {
        line.textContent = `You can ask again in ${left} s.`;
        sendButton.disabled = true;
        setTimeout(tick, 1000);
      } else {
        line.textContent = 'You can ask again now.';
        sendButton.disabled = false;
      }
    };
    tick();
  };

  const send = () => {
    if (running) {
      running.abort();
      return;
    }
    if (Date.now() < waitUntil) return;
    const text = question.value.trim();
    const snippet = code.value.replace(/\s+$/, '');
    if (!text) {
      question.focus();
      status.textContent = 'Type a question first.';
      return;
    }
    if (new TextEncoder().encode(snippet).length > SNIPPET_MAX_BYTES) {
      showNotice(
        new ApiError('problem', 'The pasted code is over 64 KiB: paste the part the question is about.', {
          status: 400,
        }),
        () => {},
      );
      return;
    }
    starters.remove();
    newButton.hidden = false;
    anchor = h(
      'div',
      { class: 'msg user', 'aria-label': 'Your question' },
      text,
      snippet ? h('pre', {}, snippet) : null,
    );
    log.append(anchor);
    question.value = '';
    code.value = '';
    // The code went with the question: the box closes, leaving the conversation the room.
    showCodeBox(false);
    const history = recentTurns(turns);
    void ask({ question: text, ...(snippet ? { snippet } : {}), ...(history.length > 0 ? { history } : {}) });
    question.focus();
  };

  const askText = (text: string) => {
    stopAnswer();
    if (panel.hidden) open();
    question.value = text;
    send();
  };

  /** Starts over: no answers, no history (a question being answered is stopped); the draft stays. */
  const newConversation = () => {
    conversation++;
    stopAnswer();
    turns.length = 0;
    anchor = undefined;
    log.replaceChildren(intro, ...(config.starters.length > 0 ? [starters] : []));
    scrollLog(0);
    newButton.hidden = true;
    status.textContent = 'New conversation.';
    question.focus();
  };

  /** Stops the answer coming in, if any, at once: the Stop button turns back into Send. */
  const stopAnswer = () => {
    const stopping = running;
    setRunning(undefined);
    stopping?.abort();
  };

  const showCodeBox = (show: boolean) => {
    codeBox.hidden = !show;
    codeToggle.setAttribute('aria-expanded', String(show));
  };

  launcher.addEventListener('click', open);
  closeButton.addEventListener('click', close);
  newButton.addEventListener('click', newConversation);
  codeToggle.addEventListener('click', () => {
    const show = codeBox.hidden;
    showCodeBox(show);
    (show ? code : question).focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  question.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  code.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  });
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else {
      trapTab(event, panel, () => shadow.activeElement);
    }
  });
  // The reader scrolled (not the log itself): leave the view where they put it until the next question.
  log.addEventListener('scroll', () => {
    if (Math.abs(log.scrollTop - autoScrollTop) > 2) followLog = false;
  });
  // Example questions on the page itself: `<button data-pymem-ask="How do I…?">`.
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-pymem-ask]') : null;
    const text = target?.getAttribute('data-pymem-ask')?.trim();
    if (!text) return;
    event.preventDefault();
    askText(text.slice(0, QUESTION_MAX_CHARS));
  });

  document.body.append(host);
  return { host, open, close, ask: askText };
}

/** A constructed style sheet where supported (not subject to a page's `style-src`), else a style element. */
function adoptStyles(shadow: ShadowRoot): void {
  if (
    'adoptedStyleSheets' in shadow &&
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.append(h('style', {}, WIDGET_CSS));
  }
}
