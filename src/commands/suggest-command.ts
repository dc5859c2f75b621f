import { editDistance } from '../config/closest-name.js';

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
