// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DEFAULT_TITLE, readConfig } from '../../widget/src/config.js';

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
    });
  });

  it('takes data-title, data-api (absolute or relative, trailing slash dropped) and data-key', () => {
    const config = readConfig(
      script('https://cdn.example/widget.js', { title: ' Memory help ', api: 'https://api.example/pymem/', key: 'pk_widget_0123456789' }),
      'https://intranet.example/',
    );
    expect(config).toEqual({ title: 'Memory help', api: 'https://api.example/pymem', key: 'pk_widget_0123456789' });
    expect(readConfig(script('https://help.example.com/static/widget.js', { api: '/svc' }), 'https://x.example/').api).toBe('https://help.example.com/svc');
  });

  it('falls back to the page origin without a script element', () => {
    expect(readConfig(null, 'https://intranet.example/a/b').api).toBe('https://intranet.example');
  });
});
