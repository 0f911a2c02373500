import { Lexer, type Token, type Tokens } from 'marked';

/**
 * The answer's markdown as top-level tokens, without its trailing "**Sources**" list: chat
 * integrations show the citations natively (a Slack context block, Discord embed fields).
 *
 * @example
 * const tokens = answerBodyTokens(answer.answer); // lead, bullets, examples
 */
export function answerBodyTokens(markdown: string): Token[] {
  const tokens = new Lexer({ gfm: true }).lex(markdown).filter((t) => t.type !== 'space');
  const at = tokens.findIndex(isSourcesHeading);
  if (at < 0) return tokens;
  const end = tokens[at + 1]?.type === 'list' ? at + 2 : at + 1;
  return [...tokens.slice(0, at), ...tokens.slice(end)];
}

function isSourcesHeading(token: Token): boolean {
  const text = token.type === 'paragraph' || token.type === 'heading' ? (token as Tokens.Paragraph).text : '';
  return /^(\*\*|__)?sources:?(\*\*|__)?:?$/i.test(text.trim());
}
