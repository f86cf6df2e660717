/**
 * Filling words into lines of a given width: the one algorithm behind help pages (cli/help.ts)
 * and diagram labels (erd/dot.ts). A word longer than the width gets a line of its own.
 */
export function wrapWords(words: Iterable<string>, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
