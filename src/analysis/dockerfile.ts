/**
 * A Dockerfile's `ENV` instructions: the environment the image runs with, as a compose `environment:` is the
 * container's. Both forms (`ENV K=V K2="v 2"`, continued over lines with `\`, and the legacy `ENV K some value`), and
 * an `ARG NAME=default` whose value an `ENV K=${NAME}` / `$NAME` takes (located at the ARG's default, where it is
 * written). Only what the final image carries: the last stage's instructions, over those of the earlier stage it is
 * built `FROM` (`FROM base AS prod`), a build stage's `ENV` never reaching it. One pass over the text; the escape
 * character is `\` (a `# escape=` directive is not followed). Never throws.
 */
import type { EnvFileEntry, Span } from './facts.js';

/** A Dockerfile by its name: `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `api.Dockerfile`. */
export function isDockerfile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return base === 'dockerfile' || base === 'containerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile');
}

interface Word {
  text: string;
  /** The word's span; for a quoted word, inside its quotes. */
  span: Span;
}

interface Stage {
  name?: string;
  from: string;
  env: EnvFileEntry[];
  args: Map<string, EnvFileEntry | undefined>;
}

/** The environment the final stage of a Dockerfile sets, in instruction order, later keys over earlier ones. */
export function parseDockerfileEnv(text: string): EnvFileEntry[] {
  const globalArgs = new Map<string, EnvFileEntry | undefined>();
  const stages: Stage[] = [];
  for (const instruction of instructions(text)) {
    const keyword = instruction[0]?.text.toUpperCase();
    const words = instruction.slice(1);
    if (keyword === 'FROM') {
      const as = words.findIndex((w) => w.text.toUpperCase() === 'AS');
      const image = words.find((w) => !w.text.startsWith('--'));
      stages.push({
        from: image?.text.toLowerCase() ?? '',
        name: as >= 0 ? words[as + 1]?.text.toLowerCase() : undefined,
        env: [],
        args: new Map(),
      });
    } else if (keyword === 'ARG') {
      const args = stages.length > 0 ? stages[stages.length - 1].args : globalArgs;
      for (const word of words) {
        const pair = splitPair(word);
        // `ARG NAME` in a stage takes the default of a global `ARG NAME=…`.
        if (pair) args.set(pair.key, pair);
        else if (/^[A-Za-z_]\w*$/.test(word.text)) args.set(word.text, stages.length > 0 ? globalArgs.get(word.text) : undefined);
      }
    } else if (keyword === 'ENV' && stages.length > 0) {
      const stage = stages[stages.length - 1];
      const pairs = words.length > 0 && words[0].text.includes('=') ? words.map(splitPair) : [legacyPair(words)];
      for (const pair of pairs) if (pair) stage.env.push(fromArgument(pair, stage.args));
    }
  }
  const final = stages[stages.length - 1];
  if (!final) return [];
  const chain: Stage[] = [final];
  for (let stage = final, depth = 0; depth < stages.length; depth++) {
    const base = stages
      .slice(0, stages.indexOf(stage))
      .reverse()
      .find((s) => s.name !== undefined && s.name === stage.from);
    if (!base) break;
    chain.unshift(base);
    stage = base;
  }
  const byKey = new Map<string, EnvFileEntry>();
  for (const stage of chain) for (const entry of stage.env) byKey.set(entry.key, entry);
  return [...byKey.values()].sort((a, b) => a.keySpan.start - b.keySpan.start);
}

/** `${NAME}` / `$NAME` of a stage's ARG with a default: that default, where the ARG writes it. */
function fromArgument(entry: EnvFileEntry, args: ReadonlyMap<string, EnvFileEntry | undefined>): EnvFileEntry {
  const name = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/.exec(entry.value ?? '');
  const arg = name ? args.get(name[1] ?? name[2]) : undefined;
  return arg?.value !== undefined ? { key: entry.key, value: arg.value, keySpan: entry.keySpan, valueSpan: arg.valueSpan } : entry;
}

/** `KEY=value` as a word: the key before the first `=`, the value after it (its quotes removed). */
function splitPair(word: Word): EnvFileEntry | undefined {
  const equals = word.text.indexOf('=');
  if (equals <= 0) return undefined;
  const key = word.text.slice(0, equals);
  if (!/^[A-Za-z_][\w.-]*$/.test(key)) return undefined;
  const keySpan = { start: word.span.start, end: word.span.start + equals };
  const value = unquote(word.text.slice(equals + 1), word.span.start + equals + 1);
  return { key, value: value.text, keySpan, valueSpan: value.span };
}

/** `ENV KEY value with spaces`: the rest of the instruction is the value, as written (continuations joined). */
function legacyPair(words: readonly Word[]): EnvFileEntry | undefined {
  if (words.length < 2 || !/^[A-Za-z_][\w.-]*$/.test(words[0].text)) return undefined;
  const rest = words.slice(1);
  if (rest.length === 1) {
    const value = unquote(rest[0].text, rest[0].span.start);
    return { key: words[0].text, value: value.text, keySpan: words[0].span, valueSpan: value.span };
  }
  return {
    key: words[0].text,
    value: rest.map((w) => w.text).join(' '),
    keySpan: words[0].span,
    valueSpan: { start: rest[0].span.start, end: rest[rest.length - 1].span.end },
  };
}

/** A value without its surrounding quotes (and its span inside them); escapes inside are kept as written. */
function unquote(text: string, start: number): Word {
  const quote = text[0];
  if ((quote === '"' || quote === "'") && text.length >= 2 && text.endsWith(quote))
    return { text: text.slice(1, -1), span: { start: start + 1, end: start + text.length - 1 } };
  return { text, span: { start, end: start + text.length } };
}

/**
 * The instructions of a Dockerfile, each as its words with spans in the file: a `\` at the end of a line continues
 * the instruction (comment lines inside it are skipped, as Docker skips them), white space separates words except
 * inside quotes.
 */
function instructions(text: string): Word[][] {
  const out: Word[][] = [];
  let words: Word[] = [];
  let i = 0;
  const n = text.length;
  let lineStart = true;
  while (i < n) {
    const c = text[i];
    if (lineStart) {
      // Leading white space, then a comment line: skipped whole (inside a continued instruction too).
      let j = i;
      while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '#') {
        while (j < n && text[j] !== '\n') j++;
        i = j + 1;
        continue;
      }
      lineStart = false;
      i = j;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
      lineStart = true;
      if (words.length > 0) out.push(words);
      words = [];
      continue;
    }
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && lineEndsAfter(text, i + 1)) {
      // A continuation: skip to the next line, the instruction goes on.
      i++;
      while (i < n && text[i] !== '\n') i++;
      i++;
      lineStart = true;
      continue;
    }
    // A word: up to white space outside quotes, or a continuation.
    const start = i;
    let quote: string | undefined;
    while (i < n) {
      const d = text[i];
      if (d === '\n' || d === '\r') break;
      if (quote) {
        if (d === '\\' && quote === '"' && i + 1 < n && text[i + 1] !== '\n') i += 2;
        else {
          if (d === quote) quote = undefined;
          i++;
        }
        continue;
      }
      if (d === ' ' || d === '\t') break;
      if (d === '\\' && lineEndsAfter(text, i + 1)) break;
      if (d === '"' || d === "'") quote = d;
      i += d === '\\' ? 2 : 1;
    }
    i = Math.min(i, n);
    words.push({ text: text.slice(start, i), span: { start, end: i } });
  }
  if (words.length > 0) out.push(words);
  return out;
}

/** Only spaces or tabs between `from` and the end of its line (or of the text). */
function lineEndsAfter(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i >= text.length || text[i] === '\n' || text[i] === '\r';
}
