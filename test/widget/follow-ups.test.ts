// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.js';
import type { ApiClient, AskRequest, StreamHandlers } from '../../widget/src/api-client.js';
import { LOW_CONFIDENCE } from '../../widget/src/answer-view.js';
import { mountWidget, type MountedWidget } from '../../widget/src/widget.js';

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
async function ask(text: string) {
  const box = shadow().querySelector('textarea[aria-label="Your question"]') as HTMLTextAreaElement;
  box.value = text;
  (shadow().querySelector('form') as HTMLFormElement).requestSubmit();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('the widget in a conversation', () => {
  it('sends the earlier questions and answers as history, the answers cut short', async () => {
    const long = `The guidance covers this. ${'x'.repeat(3_000)}`;
    const { api, requests } = scriptedApi([answer(long), answer('Because tuples are smaller.')]);
    mounted = mountWidget({ title: 'Help', api: 'http://service.test', key: undefined }, api);
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
    const { api } = scriptedApi([answer('Weak references [1].'), answer('Maybe weak references [1].', { confidence: 'low' })]);
    mounted = mountWidget({ title: 'Help', api: 'http://service.test', key: undefined }, api);
    mounted.open();
    await ask('what is a weak reference?');
    await ask('is it thread safe?');
    const answers = [...shadow().querySelectorAll('article.msg.bot')];
    expect(answers).toHaveLength(2);
    expect(answers[0]?.querySelector('.caution')).toBeNull();
    expect(answers[1]?.querySelector('.caution[role="note"]')?.textContent).toBe(LOW_CONFIDENCE);
  });
});
