/** Cuts code quoted in a message to one short line. */
export function shorten(code: string, max = 40): string {
  const oneLine = code.replace(/\s*[\r\n]+\s*/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
