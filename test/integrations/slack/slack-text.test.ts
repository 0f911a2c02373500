import { describe, expect, it } from 'vitest';
import { plainSlackText } from '../../../src/integrations/slack/mrkdwn.js';

describe('plainSlackText', () => {
  it('decodes the entities Slack sends for &, < and >', () => {
    expect(plainSlackText('if a &lt; b &amp;&amp; c &gt; d')).toBe('if a < b && c > d');
  });

  it('drops mentions and keeps link labels or URLs', () => {
    expect(
      plainSlackText('<@U0BOT> read <https://x.dev/a|the docs> and <https://y.dev> in <#C1|general> <!here>'),
    ).toBe('read the docs and https://y.dev in #general ');
  });

  it('does not turn decoded text into markup', () => {
    expect(plainSlackText('&lt;@U1&gt;')).toBe('<@U1>');
  });
});
