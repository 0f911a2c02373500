/**
 * Splits text into pieces of about `size` characters that end on white space, so a streamed
 * answer arrives word by word rather than in one block. Joining the pieces gives the text back.
 *
 * @example splitIntoChunks('Use weakref.ref to hold a reference', 10) // ['Use weakref.ref ', 'to hold a ', 'reference']
 */
export function splitIntoChunks(text: string, size = 24): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const word of text.match(/\s*\S+\s*/g) ?? [text]) {
    if (current && current.length + word.length > size) {
      chunks.push(current);
      current = '';
    }
    current += word;
  }
  if (current) chunks.push(current);
  return chunks;
}
