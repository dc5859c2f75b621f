/**
 * The one glob engine of the linter: every glob of the config (`roots`, `tables`, `ignores`,
 * `migrations`, `schemaFiles`, `sharedPackages`, rule options) and of the command line
 * (`--ignore-pattern`, path globs) is matched here.
 *
 * Globs come from the repository being linted, and in pull-request CI whoever opened the pull
 * request writes them. Engines that compile a glob to a JavaScript RegExp (picomatch, micromatch,
 * minimatch) inherit its backtracking: `*a*a*a*a*a*a*a*a*a*b` against an 84-character name ran
 * for minutes, `@(a|aa)` repeated is exponential, and fast-glob expands `{a,b}` repeated into 2^k
 * patterns. This engine compiles a glob to a Thompson NFA and simulates it, caching the sets of
 * states it meets as DFA states: matching costs O(input × pattern) at worst, whatever the
 * pattern, and braces and extglobs are alternations, never expansions.
 *
 * Syntax (bash/picomatch): `*` any characters but `/`; `**` as a whole path segment any number
 * of segments (`a/**` also matches `a`); `?` one character but `/`; `[abc]`, `[a-z]`, `[!a]`,
 * `[^a]`, `[[:alpha:]]`; `{a,b}` alternatives (nested), `{1..12}`, `{a..f}` ranges;
 * `@(a|b)`, `?(a|b)`, `+(a|b)`, `*(a|b)`; `\` escapes; a leading `!` negates the whole glob.
 * Dotfiles are matched like other names. Not supported, with an error: `!(…)` inside a glob
 * (a complement, which an NFA cannot express), and ranges of more than 1000 values.
 */

/** A glob that cannot be compiled; the config loader reports it with its key path. */
export class GlobSyntaxError extends Error {
  override name = 'GlobSyntaxError';
}

export interface GlobOptions {
  /** Case-insensitive (table and column names). */
  nocase?: boolean;
}

export type GlobMatcher = (input: string) => boolean;

/** Whether `pattern` holds glob syntax; otherwise it is a plain name or path. */
export function hasGlobSyntax(pattern: string): boolean {
  return /[*?[{\\]|[@+!]\(/.test(pattern);
}

/** A matcher for one glob. Throws GlobSyntaxError for the unsupported forms above. */
export function compileGlob(pattern: string, options: GlobOptions = {}): GlobMatcher {
  let negated = false;
  let body = pattern;
  while (body.startsWith('!') && body[1] !== '(') {
    negated = !negated;
    body = body.slice(1);
  }
  const positive = compilePositive(body, options);
  // No path or name is empty; picomatch matches nothing against '' either, negated or not.
  return negated ? (input) => input !== '' && !positive(input) : (input) => input !== '' && positive(input);
}

/** A matcher for "any of" the globs, like picomatch given a list. */
export function compileGlobs(patterns: readonly string[], options: GlobOptions = {}): GlobMatcher {
  if (patterns.length === 0) return () => false;
  const matchers = patterns.map((pattern) => compileGlob(pattern, options));
  if (matchers.length === 1) return matchers[0];
  return (input) => matchers.some((match) => match(input));
}

/** A glob that also covers everything inside the folders it matches (`roots`, `ignores`, `migrations`). */
export function compileFolderGlob(pattern: string, options: GlobOptions = {}): GlobMatcher {
  const clean = trimFolderPattern(pattern);
  return compileGlobs([clean, `${clean}/**`], options);
}

/** `./a/b/` → `a/b`: config folders are written either way. Linear (no regex on the slashes). */
export function trimFolderPattern(pattern: string): string {
  let start = 0;
  while (pattern.startsWith('./', start)) start += 2;
  let end = pattern.length;
  while (end > start && pattern[end - 1] === '/') end--;
  return pattern.slice(start, end);
}

/** Splits a command-line glob into the folder it starts from and the glob below it (picomatch's `scan`). */
export function scanGlob(pattern: string): { base: string; glob: string; isGlob: boolean; negated: boolean } {
  const negated = pattern.startsWith('!') && pattern[1] !== '(';
  const body = negated ? pattern.slice(1) : pattern;
  const segments = body.split('/');
  let literal = 0;
  while (literal < segments.length - 1 && !hasGlobSyntax(segments[literal])) literal++;
  const isGlob = hasGlobSyntax(body);
  if (!isGlob) return { base: body, glob: '', isGlob, negated };
  return { base: segments.slice(0, literal).join('/'), glob: segments.slice(literal).join('/'), isGlob, negated };
}

// ---------------------------------------------------------------------------------------------
// Parsing: glob text → a small regular-expression tree

type CharTest = (code: number) => boolean;

type Node =
  | { t: 'char'; test: CharTest }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'repeat'; node: Node; min: 0 | 1 }
  | { t: 'optional'; node: Node };

const SLASH = 0x2f;
const notSlash: CharTest = (c) => c !== SLASH;
const anyChar: CharTest = () => true;
const MAX_RANGE = 1000;

const POSIX_CLASSES: Record<string, CharTest> = {
  alnum: (c) => isDigit(c) || isAlpha(c),
  alpha: (c) => isAlpha(c),
  ascii: (c) => c < 0x80,
  blank: (c) => c === 0x20 || c === 0x09,
  cntrl: (c) => c < 0x20 || c === 0x7f,
  digit: (c) => isDigit(c),
  graph: (c) => c > 0x20 && c < 0x7f,
  lower: (c) => c >= 0x61 && c <= 0x7a,
  print: (c) => c >= 0x20 && c < 0x7f,
  punct: (c) => (c > 0x20 && c < 0x30) || (c > 0x39 && c < 0x41) || (c > 0x5a && c < 0x61) || (c > 0x7a && c < 0x7f),
  space: (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d),
  upper: (c) => c >= 0x41 && c <= 0x5a,
  word: (c) => isDigit(c) || isAlpha(c) || c === 0x5f,
  xdigit: (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66),
};

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function literal(code: number, nocase: boolean): Node {
  if (nocase) {
    // The input is lower-cased with toLowerCase() before matching; the pattern the same way.
    const folded = String.fromCharCode(code).toLowerCase();
    const lower = folded.length === 1 ? folded.charCodeAt(0) : code;
    return { t: 'char', test: (c) => c === lower };
  }
  return { t: 'char', test: (c) => c === code };
}

class GlobParser {
  private at = 0;

  constructor(
    private readonly source: string,
    private readonly nocase: boolean,
  ) {}

  parse(): Node {
    const node = this.sequence(0, '');
    return node;
  }

  /**
   * A sequence up to the end, or to one of `stops` at this nesting level (`,}` inside braces,
   * `|)` inside an extglob). `depth` 0 is the top level, where `**` can be a globstar.
   */
  private sequence(depth: number, stops: string): Node {
    const items: Node[] = [];
    const { source } = this;
    while (this.at < source.length) {
      const ch = source[this.at];
      if (depth > 0 && stops.includes(ch)) break;
      if (ch === '\\') {
        this.at++;
        items.push(literal(this.at < source.length ? source.charCodeAt(this.at++) : 0x5c, this.nocase));
        continue;
      }
      if (source[this.at + 1] === '(' && '@?+*!'.includes(ch)) {
        const ext = this.extglob(ch, depth);
        if (ext) {
          items.push(ext);
          continue;
        }
      }
      if (ch === '*') {
        this.star(items, depth);
        continue;
      }
      if (ch === '?') {
        this.at++;
        items.push({ t: 'char', test: notSlash });
        continue;
      }
      if (ch === '[') {
        const cls = this.bracket();
        if (cls) {
          items.push(cls);
          continue;
        }
      }
      if (ch === '{') {
        const braces = this.braces(depth);
        if (braces) {
          items.push(braces);
          continue;
        }
      }
      this.at++;
      items.push(literal(source.charCodeAt(this.at - 1), this.nocase));
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  /** `*`, or `**` as a whole segment at the top level: any number of segments. */
  private star(items: Node[], depth: number): void {
    const { source } = this;
    const start = this.at;
    while (source[this.at] === '*') this.at++;
    const segmentStart = start === 0 || source[start - 1] === '/';
    const segmentEnd = this.at === source.length || source[this.at] === '/';
    if (depth === 0 && this.at - start >= 2 && segmentStart && segmentEnd) {
      const anything: Node = { t: 'repeat', node: { t: 'char', test: anyChar }, min: 0 };
      if (this.at < source.length) {
        // `**/`: zero or more whole segments, each with its slash.
        this.at++;
        items.push({ t: 'optional', node: { t: 'seq', items: [anything, { t: 'char', test: (c) => c === SLASH }] } });
      } else if (start > 0) {
        // `a/**`: also `a` itself, as picomatch does: the slash before goes with what follows.
        items.pop();
        items.push({ t: 'optional', node: { t: 'seq', items: [{ t: 'char', test: (c) => c === SLASH }, anything] } });
      } else items.push(anything);
      return;
    }
    items.push({ t: 'repeat', node: { t: 'char', test: notSlash }, min: 0 });
  }

  /** `@(a|b)` and friends; undefined (a literal) when the parenthesis is never closed. */
  private extglob(kind: string, depth: number): Node | undefined {
    const start = this.at;
    this.at += 2;
    const options: Node[] = [];
    for (;;) {
      options.push(this.sequence(depth + 1, '|)'));
      if (this.at >= this.source.length) {
        this.at = start;
        return undefined;
      }
      if (this.source[this.at++] === ')') break;
    }
    if (kind === '!')
      throw new GlobSyntaxError(`'${this.source}': negated extglobs '!(…)' are not supported (use a leading '!' to negate the whole glob)`);
    const alt: Node = options.length === 1 ? options[0] : { t: 'alt', options };
    if (kind === '@') return alt;
    if (kind === '?') return { t: 'optional', node: alt };
    return { t: 'repeat', node: alt, min: kind === '+' ? 1 : 0 };
  }

  /** `[…]`: undefined (a literal `[`) when unclosed. Never matches `/`. */
  private bracket(): Node | undefined {
    const { source } = this;
    let i = this.at + 1;
    let negate = false;
    if (source[i] === '!' || source[i] === '^') {
      negate = true;
      i++;
    }
    const tests: CharTest[] = [];
    let first = true;
    while (i < source.length && (source[i] !== ']' || first)) {
      first = false;
      if (source[i] === '[' && source[i + 1] === ':') {
        const close = source.indexOf(':]', i + 2);
        const name = close < 0 ? undefined : source.slice(i + 2, close);
        if (name !== undefined && Object.hasOwn(POSIX_CLASSES, name)) {
          tests.push(POSIX_CLASSES[name]);
          i = close + 2;
          continue;
        }
      }
      let low = source.charCodeAt(i);
      if (source[i] === '\\' && i + 1 < source.length) low = source.charCodeAt(++i);
      i++;
      if (source[i] === '-' && i + 1 < source.length && source[i + 1] !== ']') {
        let high = source.charCodeAt(i + 1);
        i += 2;
        if (source[i - 1] === '\\' && i < source.length) high = source.charCodeAt(i++);
        const [from, to] = low <= high ? [low, high] : [high, low];
        tests.push((c) => c >= from && c <= to);
      } else {
        const code = low;
        tests.push((c) => c === code);
      }
    }
    if (i >= source.length) return undefined;
    this.at = i + 1;
    const matchesSet: CharTest = this.nocase
      ? (c) => tests.some((test) => test(c) || test(c >= 0x61 && c <= 0x7a ? c - 0x20 : c))
      : (c) => tests.some((test) => test(c));
    return { t: 'char', test: negate ? (c) => c !== SLASH && !matchesSet(c) : (c) => c !== SLASH && matchesSet(c) };
  }

  /** `{a,b}` or `{1..5}`; undefined (a literal `{`) when unclosed or holding neither a comma nor a range. */
  private braces(depth: number): Node | undefined {
    const start = this.at;
    const range = /^\{(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.(-?\d+))?\}/.exec(this.source.slice(start, start + 64));
    if (range) {
      this.at += range[0].length;
      return this.range(range[1], range[2], range[3]);
    }
    this.at++;
    const options: Node[] = [];
    for (;;) {
      options.push(this.sequence(depth + 1, ',}'));
      if (this.at >= this.source.length) {
        this.at = start;
        return undefined;
      }
      if (this.source[this.at++] === '}') break;
    }
    if (options.length < 2) {
      this.at = start;
      return undefined;
    }
    return { t: 'alt', options };
  }

  private range(from: string, to: string, stepText: string | undefined): Node {
    const step = Math.abs(Number(stepText ?? 1)) || 1;
    const numeric = /\d/.test(from) && /\d/.test(to);
    const a = numeric ? Number(from) : from.charCodeAt(0);
    const b = numeric ? Number(to) : to.charCodeAt(0);
    if (!numeric && (/\d/.test(from) || /\d/.test(to))) return this.literalText(`{${from}..${to}}`);
    const count = Math.floor(Math.abs(b - a) / step) + 1;
    if (count > MAX_RANGE)
      throw new GlobSyntaxError(`'${this.source}': the range {${from}..${to}} has ${count} values, more than ${MAX_RANGE}`);
    const width = numeric && (/^-?0\d/.test(from) || /^-?0\d/.test(to)) ? Math.max(from.length, to.length) : 0;
    const options: Node[] = [];
    for (let i = 0, value = a; i < count; i++, value += a <= b ? step : -step) {
      const text = numeric ? String(Math.abs(value)).padStart(width - (value < 0 ? 1 : 0), '0') : String.fromCharCode(value);
      options.push(this.literalText(numeric && value < 0 ? `-${text}` : text));
    }
    return { t: 'alt', options };
  }

  private literalText(text: string): Node {
    return { t: 'seq', items: [...text].map((ch) => literal(ch.charCodeAt(0), this.nocase)) };
  }
}

// ---------------------------------------------------------------------------------------------
// The automaton: Thompson construction, simulated with a bounded cache of DFA states

const CHAR = 0;
const SPLIT = 1;
const MATCH = 2;

class Nfa {
  kind: number[] = [];
  test: Array<CharTest | undefined> = [];
  out: number[] = [];
  out2: number[] = [];

  add(kind: number, test?: CharTest): number {
    this.kind.push(kind);
    this.test.push(test);
    this.out.push(-1);
    this.out2.push(-1);
    return this.kind.length - 1;
  }
}

/** A fragment: its entry state, and the dangling exits (state, which out) to patch to what follows. */
interface Fragment {
  start: number;
  exits: Array<[state: number, second: boolean]>;
}

function build(nfa: Nfa, node: Node): Fragment {
  switch (node.t) {
    case 'char': {
      const s = nfa.add(CHAR, node.test);
      return { start: s, exits: [[s, false]] };
    }
    case 'seq': {
      if (node.items.length === 0) {
        const s = nfa.add(SPLIT);
        return { start: s, exits: [[s, false]] };
      }
      const first = build(nfa, node.items[0]);
      let exits = first.exits;
      for (let i = 1; i < node.items.length; i++) {
        const next = build(nfa, node.items[i]);
        patch(nfa, exits, next.start);
        exits = next.exits;
      }
      return { start: first.start, exits };
    }
    case 'alt': {
      const parts = node.options.map((option) => build(nfa, option));
      let start = parts[parts.length - 1].start;
      for (let i = parts.length - 2; i >= 0; i--) {
        const s = nfa.add(SPLIT);
        nfa.out[s] = parts[i].start;
        nfa.out2[s] = start;
        start = s;
      }
      return { start, exits: parts.flatMap((part) => part.exits) };
    }
    case 'optional': {
      const inner = build(nfa, node.node);
      const s = nfa.add(SPLIT);
      nfa.out[s] = inner.start;
      return { start: s, exits: [...inner.exits, [s, true]] };
    }
    case 'repeat': {
      const inner = build(nfa, node.node);
      const loop = nfa.add(SPLIT);
      nfa.out[loop] = inner.start;
      patch(nfa, inner.exits, loop);
      return { start: node.min === 1 ? inner.start : loop, exits: [[loop, true]] };
    }
  }
}

function patch(nfa: Nfa, exits: Fragment['exits'], target: number): void {
  for (const [state, second] of exits) {
    if (second) nfa.out2[state] = target;
    else nfa.out[state] = target;
  }
}

interface DfaState {
  /** The NFA CHAR states this DFA state stands for. */
  states: number[];
  accepts: boolean;
  next: Map<number, DfaState>;
}

/**
 * How many NFA states the cached DFA states may name in all, per glob; past this the cache starts
 * over, so memory stays bounded (a huge glob in the config cannot make it grow with the input)
 * and each character still costs at most one closure over the NFA.
 */
const MAX_CACHED_STATES = 1 << 20;

/**
 * The two shapes most config globs have, matched without building an automaton: a name prefix,
 * `billing_*` (what follows has no `/`), and a folder with everything inside it, `services/billing/**`
 * (the folder itself too; what `roots`, `ignores` and `migrations` compile to). The prefix must be plain
 * ASCII, so that lower-casing it is the NFA's character-by-character folding. Undefined for any other
 * glob. A lint() compiled a dozen such globs per run, 8% of a rule-tester case's CPU.
 */
function prefixMatcher(pattern: string, nocase: boolean): GlobMatcher | undefined {
  const folder = pattern.endsWith('/**');
  const prefix = pattern.slice(0, folder ? -3 : -1);
  if ((!folder && !pattern.endsWith('*')) || (folder && prefix === '') || hasGlobSyntax(prefix) || !/^[\x20-\x7e]*$/.test(prefix))
    return undefined;
  const plain = nocase ? prefix.toLowerCase() : prefix;
  const fold = nocase ? (input: string) => input.toLowerCase() : (input: string) => input;
  if (folder) {
    const inside = `${plain}/`;
    return (raw) => {
      const input = fold(raw);
      return input === plain || input.startsWith(inside);
    };
  }
  return (raw) => {
    const input = fold(raw);
    return input.startsWith(plain) && !input.includes('/', plain.length);
  };
}

function compilePositive(pattern: string, options: GlobOptions): GlobMatcher {
  const nocase = options.nocase ?? false;
  if (!hasGlobSyntax(pattern)) {
    const plain = nocase ? pattern.toLowerCase() : pattern;
    return nocase ? (input) => input.toLowerCase() === plain : (input) => input === plain;
  }
  const fast = prefixMatcher(pattern, nocase);
  if (fast) return fast;
  const tree = new GlobParser(pattern, nocase).parse();
  const nfa = new Nfa();
  const fragment = build(nfa, tree);
  patch(nfa, fragment.exits, nfa.add(MATCH));
  const stateCount = nfa.kind.length;
  const mark = new Int32Array(stateCount);
  let generation = 0;
  const stack: number[] = [];

  /** The CHAR states reachable from `seeds` through SPLITs, and whether MATCH is among them. */
  const closure = (seeds: Iterable<number>): { states: number[]; accepts: boolean } => {
    generation++;
    const states: number[] = [];
    let accepts = false;
    for (const seed of seeds) stack.push(seed);
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (s < 0 || mark[s] === generation) continue;
      mark[s] = generation;
      const kind = nfa.kind[s];
      if (kind === CHAR) states.push(s);
      else if (kind === MATCH) accepts = true;
      else {
        stack.push(nfa.out2[s], nfa.out[s]);
      }
    }
    states.sort((a, b) => a - b);
    return { states, accepts };
  };

  let cache = new Map<string, DfaState>();
  let cachedStates = 0;
  let initial: DfaState | undefined;
  const intern = (set: { states: number[]; accepts: boolean }): DfaState => {
    const key = set.states.join(',') + (set.accepts ? '!' : '');
    let state = cache.get(key);
    if (!state) {
      if (cachedStates + set.states.length > MAX_CACHED_STATES) {
        // Old states stay correct; dropping the map (and the start state that leads into it) frees them.
        cache = new Map();
        cachedStates = 0;
        initial = undefined;
      }
      state = { states: set.states, accepts: set.accepts, next: new Map() };
      cache.set(key, state);
      cachedStates += set.states.length + 1;
    }
    return state;
  };

  return (raw) => {
    const input = nocase ? raw.toLowerCase() : raw;
    initial ??= intern(closure([fragment.start]));
    let current = initial;
    for (let i = 0; i < input.length; i++) {
      const code = input.charCodeAt(i);
      let next = current.next.get(code);
      if (!next) {
        const seeds: number[] = [];
        for (const s of current.states) if (nfa.test[s]!(code)) seeds.push(nfa.out[s]);
        next = intern(closure(seeds));
        // Transitions are cached for the first 256 distinct characters met in each state: the map
        // would otherwise grow with every distinct character of the input.
        if (current.next.size < 256) current.next.set(code, next);
      }
      // No state left that reads a character: only the end of the input can still match.
      if (next.states.length === 0) return next.accepts && i === input.length - 1;
      current = next;
    }
    return current.accepts;
  };
}
