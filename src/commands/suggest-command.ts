/** The command a mistyped word most likely meant (`mapp` → `map`), or undefined when none is close. */
export function suggestCommand(word: string, commands: readonly string[]): string | undefined {
  // A path-looking argument (a separator, an extension) was never meant as a command.
  if (!/^[a-z][a-z-]*$/i.test(word)) return undefined;
  let best: { command: string; distance: number } | undefined;
  for (const command of commands) {
    const distance = levenshtein(word.toLowerCase(), command);
    if (!best || distance < best.distance) best = { command, distance };
  }
  // Two edits covers a doubled, dropped or swapped letter; on short words that would match anything.
  return best && best.distance <= Math.min(2, word.length - 1) ? best.command : undefined;
}

export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
