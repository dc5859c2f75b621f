/** The command a mistyped word most likely meant (`mapp` → `map`), or undefined when none is close. */
export function suggestCommand(word: string, commands: readonly string[]): string | undefined {
  // A path-looking argument (a separator, an extension) was never meant as a command.
  if (!/^[a-z][a-z-]*$/i.test(word)) return undefined;
  let best: { command: string; distance: number } | undefined;
  for (const command of commands) {
    const distance = editDistance(word.toLowerCase(), command);
    if (!best || distance < best.distance) best = { command, distance };
  }
  // Two edits cover a doubled, dropped or swapped letter and one more; on short words that would match anything.
  return best && best.distance <= Math.min(2, word.length - 1) ? best.command : undefined;
}

/** Optimal string alignment distance: Levenshtein plus a swap of two adjacent letters as one edit (`hlep` → `help`). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
