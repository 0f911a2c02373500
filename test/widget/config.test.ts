// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DEFAULT_STARTERS, DEFAULT_TITLE, readConfig } from '../../widget/src/config.js';

const script = (src: string, data: Record<string, string> = {}) => {
  const el = document.createElement('script');
  el.src = src;
  for (const [key, value] of Object.entries(data)) el.dataset[key] = value;
  return el;
};

describe('readConfig', () => {
  it('calls the origin the script came from by default', () => {
    expect(readConfig(script('https://help.example.com/widget.js'), 'https://intranet.example/page')).toEqual({
      title: DEFAULT_TITLE,
      api: 'https://help.example.com',
      key: undefined,
      starters: DEFAULT_STARTERS,
    });
    expect(DEFAULT_STARTERS).toHaveLength(3);
  });

  it('takes data-title, data-api (absolute or relative, trailing slash dropped) and data-key', () => {
    const config = readConfig(
      script('https://cdn.example/widget.js', {
        title: ' Memory help ',
        api: 'https://api.example/pymem/',
        key: 'pk_widget_0123456789',
      }),
      'https://intranet.example/',
    );
    expect(config).toEqual({
      title: 'Memory help',
      api: 'https://api.example/pymem',
      key: 'pk_widget_0123456789',
      starters: DEFAULT_STARTERS,
    });
    expect(
      readConfig(script('https://help.example.com/static/widget.js', { api: '/svc' }), 'https://x.example/').api,
    ).toBe('https://help.example.com/svc');
  });

  it('takes the starter questions from data-starters, separated by |, at most three; an empty value shows none', () => {
    const starters = (value: string) =>
      readConfig(script('https://help.example.com/widget.js', { starters: value }), 'https://x.example/').starters;
    expect(starters(' Why is my list so big? | What does gc.collect() do? ')).toEqual([
      'Why is my list so big?',
      'What does gc.collect() do?',
    ]);
    expect(starters('a?|b?|c?|d?')).toEqual(['a?', 'b?', 'c?']);
    expect(starters('one? || ' + 'x'.repeat(2001) + '| two?')).toEqual(['one?', 'two?']);
    expect(starters('')).toEqual([]);
  });

  it('falls back to the page origin without a script element', () => {
    expect(readConfig(null, 'https://intranet.example/a/b').api).toBe('https://intranet.example');
  });
});
