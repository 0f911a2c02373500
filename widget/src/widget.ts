import type { ChatTurn } from '../../src/answer/follow-up/chat-turn.js';
import { recentTurns } from '../../src/answer/follow-up/recent-turns.js';
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

export interface MountedWidget {
  readonly host: HTMLElement;
  open(): void;
  close(): void;
}

/**
 * Adds the help widget to the page: a launcher button and, in the same shadow root, the chat
 * panel (a dialog that keeps focus while open; Esc closes it). Enter sends, Shift+Enter starts a
 * new line; in the code box Ctrl+Enter (⌘+Enter) sends.
 *
 * @example mountWidget(readConfig(document.currentScript as HTMLScriptElement, document.baseURI))
 */
export function mountWidget(config: WidgetConfig, api: ApiClient = createApiClient({ base: config.api, key: config.key })): MountedWidget {
  const host = document.createElement('pymem-help-widget');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);

  const launcher = h('button', { type: 'button', class: 'launcher', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' }, icon(ICONS.chat), 'Ask about Python memory');
  const closeButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close help' }, icon(ICONS.close));
  const log = h(
    'div',
    { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' },
    h('p', { class: 'intro' }, 'Ask about memory in Python: leaks, big data structures, generators, strings, profiling. Answers quote the team’s guidance and cite their sources.'),
  );
  const status = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const question = h('textarea', {
    rows: 2,
    maxlength: QUESTION_MAX_CHARS,
    placeholder: 'Ask a question…',
    'aria-label': 'Your question',
    'aria-describedby': 'pymem-hint',
  });
  const code = h('textarea', { class: 'code-input', spellcheck: 'false', placeholder: 'Paste Python code here…', 'aria-label': 'Python code (optional)' });
  const codeBox = h('div', { id: 'pymem-code', hidden: true }, code);
  const codeToggle = h('button', { type: 'button', class: 'toggle', 'aria-expanded': 'false', 'aria-controls': 'pymem-code' }, icon(ICONS.code), 'Paste code');
  const sendLabel = h('span', {}, 'Send');
  const sendButton = h('button', { type: 'submit', class: 'send' }, icon(ICONS.send), sendLabel);
  const hint = h('span', { class: 'hint', id: 'pymem-hint' }, 'Enter to send · Shift+Enter for a new line');
  const form = h('form', { class: 'composer' }, question, codeBox, h('div', { class: 'row' }, codeToggle, hint, sendButton));
  const panel = h(
    'section',
    { class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'pymem-title', hidden: true },
    h('header', { class: 'head' }, h('h2', { id: 'pymem-title' }, config.title), closeButton),
    log,
    form,
  );
  shadow.append(h('div', { class: 'root' }, launcher, panel, status));

  let running: AbortController | undefined;
  let waitUntil = 0;
  let followLog = true;
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
  const scrollToEnd = () => {
    if (followLog) log.scrollTop = log.scrollHeight;
  };
  const setRunning = (controller: AbortController | undefined) => {
    running = controller;
    sendLabel.textContent = controller ? 'Stop' : 'Send';
    sendButton.setAttribute('aria-label', controller ? 'Stop the answer' : 'Send');
    sendButton.replaceChild(icon(controller ? ICONS.stop : ICONS.send), sendButton.firstChild as Node);
  };

  const ask = async (request: AskRequest) => {
    const view = new AnswerView(api, config.api, scrollToEnd);
    log.append(view.element);
    followLog = true;
    scrollToEnd();
    const controller = new AbortController();
    setRunning(controller);
    status.textContent = 'Answering…';
    try {
      await api.askStream(request, view, controller.signal);
      status.textContent = 'Answer ready.';
      // Only the user's questions steer a follow-up; the answer is kept short to leave them room.
      turns.push({ role: 'user', content: request.question }, { role: 'assistant', content: view.answer?.answer.slice(0, ANSWER_TURN_CHARS) ?? '' });
    } catch (error) {
      if (controller.signal.aborted) {
        view.end('Stopped.');
        status.textContent = 'Stopped.';
      } else {
        view.end();
        showNotice(error, () => void ask(request));
      }
    } finally {
      setRunning(undefined);
      scrollToEnd();
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
    if (running) return running.abort();
    if (Date.now() < waitUntil) return;
    const text = question.value.trim();
    const snippet = code.value.replace(/\s+$/, '');
    if (!text) {
      question.focus();
      status.textContent = 'Type a question first.';
      return;
    }
    if (new TextEncoder().encode(snippet).length > SNIPPET_MAX_BYTES) {
      showNotice(new ApiError('problem', 'The pasted code is over 64 KiB: paste the part the question is about.', { status: 400 }), () => {});
      return;
    }
    log.append(h('div', { class: 'msg user', 'aria-label': 'Your question' }, text, snippet ? h('pre', {}, snippet) : null));
    question.value = '';
    code.value = '';
    const history = recentTurns(turns);
    void ask({ question: text, ...(snippet ? { snippet } : {}), ...(history.length > 0 ? { history } : {}) });
    question.focus();
  };

  launcher.addEventListener('click', open);
  closeButton.addEventListener('click', close);
  codeToggle.addEventListener('click', () => {
    const show = codeBox.hidden;
    codeBox.hidden = !show;
    codeToggle.setAttribute('aria-expanded', String(show));
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
  log.addEventListener('scroll', () => {
    followLog = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  });

  document.body.append(host);
  return { host, open, close };
}

/** A constructed style sheet where supported (not subject to a page's `style-src`), else a style element. */
function adoptStyles(shadow: ShadowRoot): void {
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.append(h('style', {}, WIDGET_CSS));
  }
}
