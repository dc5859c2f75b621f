/**
 * The DDL an anonymous PostgreSQL block (`DO $$ … $$`) runs as written. drizzle-kit wraps every
 * foreign key and enum in `DO $$ BEGIN ALTER TABLE … ADD CONSTRAINT …; EXCEPTION WHEN duplicate_object
 * THEN null; END $$;`, and hand-written migrations guard DDL with `IF NOT EXISTS (SELECT … FROM
 * pg_constraint …) THEN ALTER TABLE …; END IF;`: the block runs when the migration runs, so its
 * static DDL declares the schema as it would outside the block. Function bodies are left out: their
 * DDL runs only when something calls them.
 */
import { significant, TokView } from './tokview.js';
import { tokenize } from './tokenizer.js';

/** Statements whose DDL facts (tables, foreign keys, indexes, enum types, renames) a block declares. */
const DDL_VERBS = new Set(['CREATE', 'ALTER', 'DROP']);
/** Control words that open a statement list: what follows them is a statement. */
const LIST_OPENERS = new Set(['BEGIN', 'ELSE', 'LOOP', 'DECLARE', 'EXCEPTION']);
/** `IF c THEN`, `ELSIF c THEN`, `EXCEPTION WHEN e THEN`: a condition up to THEN, then a statement. */
const CONDITION_OPENERS = new Set(['IF', 'ELSIF', 'ELSEIF', 'WHEN']);
/** `WHILE c LOOP`, `FOR r IN … LOOP`, `FOREACH x IN ARRAY a LOOP`. */
const LOOP_OPENERS = new Set(['WHILE', 'FOR', 'FOREACH']);

/**
 * The static DDL statements of a `DO` statement's plpgsql body (`DO [LANGUAGE plpgsql] $$ … $$`),
 * each as a view on tokens that keep their offsets in `text`. Empty for any other statement, a
 * block of another language, or a body given as a quoted string (its escapes would shift offsets).
 * Dynamic SQL (`EXECUTE '…'`) is not DDL written in the block and is not read here.
 */
export function doBlockDdlStatements(text: string, v: TokView): TokView[] {
  if (v.key(0) !== 'DO') return [];
  let body: { start: number; end: number } | undefined;
  for (let i = 1; i < v.length; i++) {
    const t = v.toks[i];
    if (v.key(i) === 'LANGUAGE') {
      if (
        v
          .raw(i + 1)
          .replace(/^['"]|['"]$/g, '')
          .toLowerCase() !== 'plpgsql'
      )
        return [];
      i++;
    } else if (t.type === 'dollar' && t.bodyStart !== undefined && t.bodyEnd !== undefined && !body) {
      body = { start: t.bodyStart, end: t.bodyEnd };
    } else return [];
  }
  if (!body) return [];
  const b = new TokView(text, significant(tokenize(text, 'postgresql', body.start, body.end)));
  const out: TokView[] = [];
  let depth = 0;
  let from = 0;
  for (let j = 0; j <= b.length; j++) {
    const k = b.key(j);
    if (k === '(') depth++;
    else if (k === ')') depth = Math.max(0, depth - 1);
    else if ((k === ';' && depth === 0) || j === b.length) {
      const first = statementStart(b, from, j);
      if (first !== undefined && DDL_VERBS.has(b.key(first))) out.push(new TokView(text, b.toks.slice(first, j)));
      from = j + 1;
      depth = 0;
    }
  }
  return out;
}

/**
 * Index of the SQL statement inside the `;`-separated piece [from, to) of a plpgsql body, past the
 * control words before it; undefined when the piece holds no statement there (a declaration, `END IF`).
 */
function statementStart(b: TokView, from: number, to: number): number | undefined {
  let p = from;
  while (p < to) {
    const k = b.key(p);
    if (LIST_OPENERS.has(k)) p++;
    else if (k === '<<') {
      const close = find(b, p + 1, to, (x) => x === '>>');
      if (close === undefined) return undefined;
      p = close + 1;
    } else if (CONDITION_OPENERS.has(k)) {
      const then = find(b, p + 1, to, (x) => x === 'THEN');
      if (then === undefined) return undefined;
      p = then + 1;
    } else if (LOOP_OPENERS.has(k)) {
      const loop = find(b, p + 1, to, (x) => x === 'LOOP');
      if (loop === undefined) return undefined;
      p = loop + 1;
    } else return p;
  }
  return undefined;
}

/**
 * First token in [from, to) outside parentheses and CASE … END expressions (whose THEN belongs to the
 * expression) for which `is` holds.
 */
function find(b: TokView, from: number, to: number, is: (key: string) => boolean): number | undefined {
  let depth = 0;
  let cases = 0;
  for (let j = from; j < to; j++) {
    const k = b.key(j);
    if (k === '(') depth++;
    else if (k === ')') depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (k === 'CASE') cases++;
    else if (k === 'END' && cases > 0) cases--;
    else if (cases === 0 && is(k)) return j;
  }
  return undefined;
}
