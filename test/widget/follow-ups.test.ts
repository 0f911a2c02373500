// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.js';
import type { ApiClient, AskRequest, StreamHandlers } from '../../widget/src/api-client.js';
import { LOW_CONFIDENCE } from '../../widget/src/answer-view.js';
import type { WidgetConfig } from '../../widget/src/config.js';
import { mountWidget, userTurn, type MountedWidget } from '../../widget/src/widget.js';

const CONFIG: WidgetConfig = { title: 'Help', api: 'http://service.test', key: undefined, starters: [] };

// The widget with an ApiClient that answers from a script: what it sends as history, and how it
// shows an answer's confidence.

const answer = (text: string, extra: Partial<Answer> = {}): Answer => ({
  answerId: crypto.randomUUID(),
  answer: text,
  abstained: false,
  citations: [],
  examples: [],
  confidence: 'high',
  ...extra,
});

function scriptedApi(replies: Answer[]) {
  const requests: AskRequest[] = [];
  const api: ApiClient = {
    async askStream(request: AskRequest, handlers: StreamHandlers) {
      requests.push(request);
      const next = replies.shift();
      if (!next) throw new Error('no reply scripted');
      handlers.onCitations(next.citations);
      handlers.onDelta(next.answer);
      handlers.onDone(next);
    },
    tip: async () => {
      throw new Error('not used');
    },
    feedback: async () => {},
  };
  return { api, requests };
}

let mounted: MountedWidget | undefined;
afterEach(() => {
  mounted?.host.remove();
  mounted = undefined;
});

const shadow = () => mounted?.host.shadowRoot as ShadowRoot;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
async function ask(text: string, code?: string) {
  if (code !== undefined) {
    (shadow().querySelector('button[aria-controls="pymem-code"]') as HTMLButtonElement).click();
    (shadow().querySelector('textarea.code-input') as HTMLTextAreaElement).value = code;
  }
  const box = shadow().querySelector('textarea[aria-label="Your question"]') as HTMLTextAreaElement;
  box.value = text;
  (shadow().querySelector('form') as HTMLFormElement).requestSubmit();
  await settle();
}

describe('the widget in a conversation', () => {
  it('sends the earlier questions and answers as history, the answers cut short', async () => {
    const long = `The guidance covers this. ${'x'.repeat(3_000)}`;
    const { api, requests } = scriptedApi([answer(long), answer('Because tuples are smaller.')]);
    mounted = mountWidget(CONFIG, api);
    mounted.open();
    await ask('are tuples smaller than lists?');
    await ask('why?');
    expect(requests[0]).toEqual({ question: 'are tuples smaller than lists?' });
    expect(requests[1]).toEqual({
      question: 'why?',
      history: [
        { role: 'user', content: 'are tuples smaller than lists?' },
        { role: 'assistant', content: long.slice(0, 1000) },
      ],
    });
  });

  it('marks a low-confidence answer, and only that one', async () => {
    const { api } = scriptedApi([
      answer('Weak references [1].'),
      answer('Maybe weak references [1].', { confidence: 'low' }),
    ]);
    mounted = mountWidget(CONFIG, api);
    mounted.open();
    await ask('what is a weak reference?');
    await ask('is it thread safe?');
    const answers = [...shadow().querySelectorAll('article.msg.bot')];
    expect(answers).toHaveLength(2);
    expect(answers[0]?.querySelector('.caution')).toBeNull();
    expect(answers[1]?.querySelector('.caution[role="note"]')?.textContent).toBe(LOW_CONFIDENCE);
  });

  it('carries the pasted code in the history with its question, so "why?" is read against the code', async () => {
    const { api, requests } = scriptedApi([answer('Close the file [1].'), answer('Because the file stays open.')]);
    mounted = mountWidget(CONFIG, api);
    mounted.open();
    await ask('Is this code memory-safe?', 'f = open(path)\ndata = f.read()\n');
    await ask('why?');
    expect(requests[0]).toEqual({ question: 'Is this code memory-safe?', snippet: 'f = open(path)\ndata = f.read()' });
    expect(requests[1]?.history?.[0]).toEqual({
      role: 'user',
      content: 'Is this code memory-safe?\n\n```python\nf = open(path)\ndata = f.read()\n```',
    });
    expect(requests[1]?.snippet).toBeUndefined();
  });

  it('keeps at most 4000 characters of a pasted snippet in the history', () => {
    const turn = userTurn('Too big?', 'x = 1\n'.repeat(2000));
    expect(turn.content.startsWith('Too big?\n\n```python\nx = 1\n')).toBe(true);
    expect(turn.content.length).toBe('Too big?\n\n```python\n'.length + 4000 + '\n```'.length);
    expect(userTurn('Plain?')).toEqual({ role: 'user', content: 'Plain?' });
  });

  it('closes the code box once the code is sent', async () => {
    const { api } = scriptedApi([answer('Close the file [1].')]);
    mounted = mountWidget(CONFIG, api);
    mounted.open();
    await ask('Is this code memory-safe?', 'f = open(path)');
    const toggle = shadow().querySelector('button[aria-controls="pymem-code"]') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect((shadow().querySelector('#pymem-code') as HTMLElement).hidden).toBe(true);
    expect((shadow().querySelector('textarea.code-input') as HTMLTextAreaElement).value).toBe('');
  });

  it('starts over with "New conversation": no answers, no history, the starters back', async () => {
    const { api, requests } = scriptedApi([answer('Tuples are smaller.'), answer('Weak references help.')]);
    mounted = mountWidget(
      { ...CONFIG, starters: ['What is a weak reference?', 'Are tuples smaller than lists?'] },
      api,
    );
    mounted.open();
    const newButton = () => shadow().querySelector('button.head-button') as HTMLButtonElement;
    expect(newButton().hidden).toBe(true);
    const starters = () => [...shadow().querySelectorAll('button.starter')].map((b) => b.textContent);
    expect(starters()).toEqual(['What is a weak reference?', 'Are tuples smaller than lists?']);

    (shadow().querySelectorAll('button.starter')[1] as HTMLButtonElement).click();
    await settle();
    expect(requests[0]).toEqual({ question: 'Are tuples smaller than lists?' });
    expect(starters()).toEqual([]);
    expect(newButton().hidden).toBe(false);
    expect(newButton().getAttribute('aria-label')).toBe('New conversation');

    newButton().click();
    expect(shadow().querySelectorAll('article.msg.bot, .msg.user')).toHaveLength(0);
    expect(starters()).toHaveLength(2);
    expect(newButton().hidden).toBe(true);
    await ask('what is a weak reference?');
    expect(requests[1]).toEqual({ question: 'what is a weak reference?' });
  });

  it('asks the question of a page element marked data-pymem-ask, opening the panel', async () => {
    const { api, requests } = scriptedApi([answer('Use str.join().')]);
    mounted = mountWidget(CONFIG, api);
    const example = document.createElement('button');
    example.dataset.pymemAsk = 'How do I build a big string efficiently?';
    example.append(document.createElement('span'));
    document.body.append(example);
    try {
      (example.firstChild as HTMLElement).click();
      await settle();
      expect((shadow().querySelector('.panel') as HTMLElement).hidden).toBe(false);
      expect(requests).toEqual([{ question: 'How do I build a big string efficiently?' }]);
    } finally {
      example.remove();
    }
  });
});
