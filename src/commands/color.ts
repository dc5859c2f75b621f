/**
 * Whether the report gets ANSI colours. Each input means what the tools that defined it say:
 *
 * 1. `FORCE_COLOR` (chalk's supports-color): `0`/`false` turn colour off, `1`–`3`, `true` or an
 *    empty value force it on, whatever the stream. supports-color lets it override `--color`
 *    and `--no-color`, and so does Node, which also lets it override `NO_COLOR`.
 * 2. `--color` / `--no-color`: per-invocation flags, which no-color.org says override `NO_COLOR`.
 * 3. `NO_COLOR` (no-color.org): any non-empty value turns colour off.
 * 4. A stream that is no terminal (a pipe, a file, `--output`) gets no colour.
 * 5. `TERM=dumb` (supports-color): a terminal that understands no escape codes.
 */
export interface ColorInputs {
  /** `--color` (true), `--no-color` (false), or neither. */
  flag?: boolean;
  env: NodeJS.ProcessEnv;
  /** Whether the report goes to a terminal. */
  isTTY: boolean;
}

export function wantsColor({ flag, env, isTTY }: ColorInputs): boolean {
  const forced = forceColorLevel(env.FORCE_COLOR);
  if (forced !== undefined) return forced > 0;
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (!isTTY) return false;
  return env.TERM !== 'dumb';
}

/**
 * supports-color's reading of `FORCE_COLOR`: `true` is 1, `false` 0, empty 1, a number is
 * capped at 3. A value that is no number (`yes`) still asks for colour, as force-color.org
 * says of any non-empty value; unset is undefined.
 */
export function forceColorLevel(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === '') return 1;
  if (value === 'false') return 0;
  const level = Number.parseInt(value, 10);
  return Number.isNaN(level) ? 1 : Math.max(0, Math.min(level, 3));
}
