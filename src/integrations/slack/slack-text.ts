/**
 * Turns the text of a Slack message or slash command back into what the user typed: Slack sends
 * `&`, `<` and `>` as entities, mentions as `<@U123>` and links as `<https://…|label>`. Mentions
 * (the bot's own `@pymem` included) are dropped; links become their label or URL.
 *
 * @example
 * plainSlackText('<@U0BOT> why is `a &lt; b` slow? see <https://x.dev|docs>') // 'why is `a < b` slow? see docs'
 */
export function plainSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_all, inner: string) => replaceControl(inner))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/^[ \t]+/, '');
}

function replaceControl(inner: string): string {
  const [target = '', label] = inner.split('|', 2);
  if (target.startsWith('@') || target.startsWith('!')) return ''; // users, @here, @channel, user groups
  if (target.startsWith('#')) return label ? `#${label}` : '';
  return label ?? target;
}
