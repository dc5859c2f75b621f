/**
 * Splits SQL text into statements.
 *
 * - `;` ends a statement outside strings, quoted identifiers, comments and dollar bodies.
 * - MySQL client `DELIMITER x` lines switch the terminator; the lines themselves
 *   become `skipped` statements so they can carry their dialect marker.
 * - `CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT … BEGIN … END` written without
 *   DELIMITER keeps its body together (nested BEGIN/END, CASE…END, IF…END IF,
 *   LOOP/WHILE/REPEAT…END x are counted), as does PostgreSQL `BEGIN ATOMIC … END`.
 * - psql meta-commands (`\c db`, `\i file`) are `skipped`, as are the data lines
 *   of `COPY … FROM stdin` and `\copy … from stdin` up to `\.`. In PostgreSQL, a query-sending
 *   meta-command after a statement (`SELECT … \gset`, `… \gexec`) ends the statement as `;` would;
 *   any other meta-command on a statement's line is not part of it.
 * - PostgreSQL `CREATE RULE … DO [INSTEAD] (a; b)` keeps its parenthesised actions together, as psql does.
 * - Liquibase formatted SQL (`--liquibase formatted sql` as the first line): a `--changeset` line ends the
 *   statement before it; a line holding only `/` or `GO` ends a statement, as Liquibase splits them; a
 *   changeset's `endDelimiter:x` makes `x` its terminator instead of `;` (`/` and `GO` only alone on a line).
 */
import type { Dialect } from '../facts.js';
import { bulkValuesEnd } from './bulk.js';
import { Lexer, type Token } from './tokenizer.js';

export type SkipReason = 'meta-command' | 'delimiter' | 'copy-data';

export interface SplitStatement {
  /** First significant token start (or line start for skipped lines). */
  start: number;
  /** Last significant token end (the terminator is excluded). */
  end: number;
  /** Tokens of the statement, comments inside it included. */
  tokens: Token[];
  /** Comments before the statement (after the previous one), and trailing comments for the last one. */
  leadingComments: Token[];
  skipped?: SkipReason;
  /**
   * The literal rows of an `INSERT … VALUES` (see bulk.ts), not tokenised: `tokens` end with
   * the `VALUES` keyword, `end` is the end of the rows. A dump repeats a head for every row
   * (`pg_dump --inserts`, `mysqldump --skip-extended-insert`): consecutive such statements with
   * no comment between them are one run, `statements` long, from the first head to the last row
   * (`start` is where the first statement's rows begin). `heads` holds each distinct head text
   * once, at its first statement (the first is `tokens`); at most RUN_HEADS_MAX of them.
   */
  bulkRows?: { start: number; end: number; statements: number; heads: BulkHead[] };
}

/** The head of a bulk INSERT up to `VALUES`, and where its rows start. */
export interface BulkHead {
  tokens: Token[];
  rowsStart: number;
}

/**
 * Distinct heads one bulk run may hold (a dump of many tables alternates among a few); a further
 * new head starts a new run, so the work per run stays bounded by the heads it checks.
 */
const RUN_HEADS_MAX = 64;

const ROUTINE_OBJECTS = new Set(['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT']);
const NOT_ROUTINE_OBJECTS = new Set([
  'TABLE',
  'VIEW',
  'INDEX',
  'SCHEMA',
  'DATABASE',
  'EXTENSION',
  'TYPE',
  'SEQUENCE',
  'USER',
  'ROLE',
  'DOMAIN',
  'POLICY',
  'RULE',
]);
/** Block words counted as openers only when they start a statement inside a body. */
const STATEMENT_BLOCKS = new Set(['IF', 'WHILE', 'LOOP', 'REPEAT']);
const BLOCK_CONTEXT = new Set([';', 'BEGIN', 'THEN', 'ELSE', 'DO', 'LOOP', 'REPEAT', ':', 'ROW']);

/** Tracks BEGIN…END nesting inside a routine statement terminated by `;`. */
class BlockTracker {
  private head = 0; // significant tokens seen
  private create = false;
  routine = false;
  depth = 0;
  private prev = '';
  private prevWasEnd = false;

  constructor(private readonly text: string) {}

  reset(): void {
    this.head = 0;
    this.create = false;
    this.routine = false;
    this.depth = 0;
    this.prev = '';
    this.prevWasEnd = false;
  }

  feed(tok: Token): void {
    // Past its first token a statement that is no CREATE (or a CREATE of something else) never becomes a routine
    // until reset: nothing below could change what the splitter asks (`depth`), so most statements' tokens stop here.
    if (this.head > 0 && !this.create && !this.routine) return;
    const key = tok.type === 'word' ? tok.upper! : tok.type === 'op' ? this.text.slice(tok.start, tok.end) : '';
    this.head++;
    if (this.head === 1) this.create = key === 'CREATE';
    else if (this.create && !this.routine && this.head < 16) {
      if (ROUTINE_OBJECTS.has(key)) this.routine = true;
      else if (NOT_ROUTINE_OBJECTS.has(key) || key === '(') this.create = false;
    }
    if (this.routine && tok.type === 'word') {
      if (this.prevWasEnd && (STATEMENT_BLOCKS.has(key) || key === 'CASE')) {
        // `END IF`, `END CASE`, `END LOOP`: the END already closed the block.
      } else if (key === 'BEGIN' || key === 'CASE') {
        this.depth++;
      } else if (key === 'END') {
        this.depth = Math.max(0, this.depth - 1);
      } else if (STATEMENT_BLOCKS.has(key) && this.depth > 0 && BLOCK_CONTEXT.has(this.prev)) {
        if (!(key === 'REPEAT' && this.nextIsParen)) this.depth++;
      } else if (key === 'IF' && this.depth === 0 && this.prev === 'ROW') {
        this.depth++;
      }
    }
    this.prevWasEnd = key === 'END';
    this.prev = key;
  }

  /** Set by the splitter before `feed` for REPEAT(…) function calls. */
  nextIsParen = false;
}

/** The first line of a Liquibase formatted SQL file. */
const LIQUIBASE_HEADER = /^--[ \t]*liquibase[ \t]+formatted[ \t]+sql(?![A-Za-z0-9_])/i;
const LIQUIBASE_CHANGESET = /^--[ \t]*changeset[ \t]/i;
const END_DELIMITER = /[ \t]endDelimiter:(\S+)/i;
/** Terminators Liquibase recognises only alone on their line (a `/` elsewhere divides). */
const LINE_DELIMITERS = new Set(['/', 'go']);

export interface SplitOptions {
  /** Only this part of the text (a bulk run to split again, statement by statement). */
  range?: { start: number; end: number };
  /** False: every statement is tokenised in full, literal rows included. */
  bulk?: boolean;
}

/** Splits `text` into statements, reporting each comment to `onComment`. Never throws. */
export function splitStatements(
  text: string,
  dialect: Dialect,
  onComment?: (comment: Token) => void,
  options: SplitOptions = {},
): SplitStatement[] {
  const out: SplitStatement[] = [];
  const lexer = new Lexer(text, options.range?.start ?? 0, options.range?.end ?? text.length, { dialect });
  const skipRows = options.bulk !== false;
  const blocks = new BlockTracker(text);
  let delimiter = ';';
  let tokens: Token[] = [];
  let leading: Token[] = [];
  let pendingCopyData = false;
  let bulkRows: { start: number; end: number } | undefined;
  /** The head texts of the bulk run that `out` ends with, while the next statement may join it. */
  let runHeads: Set<string> | undefined;
  let ruleDepth = -1; // paren depth inside a PostgreSQL CREATE RULE, -1 outside one
  let liquibase = false; // a Liquibase formatted SQL file
  let semicolonEnds = true; // false in a Liquibase changeset whose endDelimiter is `/` or `GO`

  const flush = (): void => {
    const firstSig = tokens.findIndex((t) => t.type !== 'comment');
    if (firstSig >= 0) {
      let lastSig = tokens.length - 1;
      while (tokens[lastSig].type === 'comment') lastSig--;
      const start = tokens[firstSig].start;
      if (bulkRows) {
        // A comment before or inside the head may be a directive for this statement: it starts a run of its own.
        const head = leading.length === 0 && !tokens.some((t) => t.type === 'comment') ? text.slice(start, bulkRows.start) : undefined;
        const run = out[out.length - 1];
        const known = head !== undefined && runHeads?.has(head);
        if (head !== undefined && runHeads && run?.bulkRows && (known || runHeads.size < RUN_HEADS_MAX)) {
          run.end = bulkRows.end;
          run.bulkRows.end = bulkRows.end;
          run.bulkRows.statements++;
          if (!known) {
            runHeads.add(head);
            run.bulkRows.heads.push({ tokens, rowsStart: bulkRows.start });
          }
        } else {
          const heads = [{ tokens, rowsStart: bulkRows.start }];
          out.push({ start, end: bulkRows.end, tokens, leadingComments: leading, bulkRows: { ...bulkRows, statements: 1, heads } });
          runHeads = head === undefined ? undefined : new Set([head]);
        }
        bulkRows = undefined;
        pendingCopyData = false;
        leading = [];
        tokens = [];
        blocks.reset();
        return;
      }
      runHeads = undefined;
      out.push({ start, end: tokens[lastSig].end, tokens, leadingComments: leading });
      pendingCopyData = isCopyFromStdin(tokens);
      leading = [];
    } else {
      leading.push(...tokens);
    }
    tokens = [];
    blocks.reset();
    ruleDepth = -1;
  };

  /** A psql meta-command from `pos` (its backslash) to the end of the line, as a skipped statement. */
  const metaCommand = (pos: number): void => {
    const end = lineEnd(pos);
    out.push({ start: pos, end: trimEnd(pos, end), tokens: [], leadingComments: leading, skipped: 'meta-command' });
    pendingCopyData = /^\\copy\b[^\n]*\bfrom\s+p?stdin\b/i.test(text.slice(pos, end));
    leading = [];
    lexer.pos = end;
  };

  const lineEnd = (p: number): number => {
    let e = p;
    while (e < text.length && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    return e;
  };
  /** Whether a Liquibase line delimiter (`/`, `GO`) starts at `p` and is alone on its line. */
  const aloneOnLine = (p: number): boolean => {
    const length = text.charCodeAt(p) === 47 /* / */ ? 1 : text.slice(p, p + 2).toLowerCase() === 'go' ? 2 : 0;
    if (length === 0) return false;
    let b = p;
    while (b > 0 && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
    if (b > 0 && text.charCodeAt(b - 1) !== 10 && text.charCodeAt(b - 1) !== 13) return false;
    let e = p + length;
    while (e < text.length && (text.charCodeAt(e) === 32 || text.charCodeAt(e) === 9)) e++;
    return e >= text.length || text.charCodeAt(e) === 10 || text.charCodeAt(e) === 13;
  };
  const trimEnd = (s: number, e: number): number => {
    while (e > s && /\s/.test(text[e - 1])) e--;
    return e;
  };

  for (;;) {
    const pos = lexer.skipWhitespace();
    if (pos >= lexer.end) break;

    if (tokens.length === 0) {
      if (pendingCopyData) {
        // COPY … FROM stdin data runs to a line holding only `\.`.
        pendingCopyData = false;
        const m = /^\\\.[ \t]*\r?$/m.exec(text.slice(pos));
        const end = m ? pos + m.index + m[0].length : text.length;
        out.push({ start: pos, end: trimEnd(pos, end), tokens: [], leadingComments: leading, skipped: 'copy-data' });
        leading = [];
        lexer.pos = end;
        continue;
      }
      if (text.charCodeAt(pos) === 92 /* \ */) {
        metaCommand(pos);
        continue;
      }
      const m = /^delimiter[ \t]+(\S+)/i.exec(text.slice(pos, Math.min(text.length, pos + 80)));
      if (m) {
        const end = lineEnd(pos);
        const word: Token = { type: 'word', start: pos, end: pos + 9, upper: 'DELIMITER' };
        out.push({ start: pos, end: trimEnd(pos, end), tokens: [word], leadingComments: leading, skipped: 'delimiter' });
        leading = [];
        delimiter = m[1];
        lexer.dollarQuotes = !delimiter.includes('$');
        lexer.pos = end;
        continue;
      }
    }

    if (liquibase && aloneOnLine(pos)) {
      lexer.pos = lineEnd(pos);
      flush();
      continue;
    }

    if (delimiter !== ';' && text.startsWith(delimiter, pos)) {
      lexer.pos = pos + delimiter.length;
      flush();
      continue;
    }

    const tok = lexer.next();
    if (!tok) break;
    if (delimiter !== ';' && (tok.type === 'word' || tok.type === 'op' || tok.type === 'number' || tok.type === 'param')) {
      // `END$$`: MySQL words may contain `$`, but the client cuts at the delimiter.
      const cut = text.slice(tok.start, tok.end).indexOf(delimiter);
      if (cut > 0) {
        tok.end = tok.start + cut;
        if (tok.upper !== undefined) tok.upper = text.slice(tok.start, tok.end).toUpperCase();
        lexer.pos = tok.end;
      }
    }
    if (tok.type === 'comment') {
      const comment = text.slice(tok.start, Math.min(tok.end, tok.start + 200));
      if (out.length === 0 && tokens.length === 0 && leading.length === 0 && LIQUIBASE_HEADER.test(comment)) liquibase = true;
      else if (liquibase && LIQUIBASE_CHANGESET.test(comment)) {
        // Each changeset is run on its own: nothing before the line continues after it.
        flush();
        const end = END_DELIMITER.exec(text.slice(tok.start, tok.end))?.[1].replace(/^["']|["']$/g, '') ?? ';';
        semicolonEnds = !LINE_DELIMITERS.has(end.toLowerCase());
        delimiter = semicolonEnds && end !== '' ? end : ';';
        lexer.dollarQuotes = !delimiter.includes('$');
      }
      onComment?.(tok);
      (tokens.length === 0 ? leading : tokens).push(tok);
      continue;
    }
    if (dialect === 'postgresql' && tok.type === 'op' && text.charCodeAt(tok.start) === 92 /* \ */ && /^[a-z]/i.test(text[tok.end] ?? '')) {
      // `SELECT … \gset`: psql sends the query buffer and runs the meta-command.
      if (PSQL_SENDS.test(text.slice(tok.end, lineEnd(tok.end)))) flush();
      metaCommand(tok.start);
      continue;
    }
    if (
      delimiter === ';' &&
      semicolonEnds &&
      tok.type === 'op' &&
      text.charCodeAt(tok.start) === 59 /* ; */ &&
      blocks.depth === 0 &&
      ruleDepth <= 0
    ) {
      flush();
      continue;
    }
    tokens.push(tok);
    if (dialect === 'postgresql') ruleDepth = trackRule(text, tokens, tok, ruleDepth);
    if (
      skipRows &&
      delimiter === ';' &&
      tok.type === 'word' &&
      (tok.upper === 'VALUES' || (tok.upper === 'VALUE' && dialect === 'mysql')) &&
      startsInsert(tokens)
    ) {
      // Literal rows are skipped, not tokenised: dumps hold hundreds of thousands of them.
      const rowsEnd = bulkValuesEnd(text, tok.end, dialect);
      if (rowsEnd !== undefined) {
        bulkRows = { start: tok.end, end: rowsEnd };
        lexer.pos = rowsEnd;
        continue;
      }
    }
    if (delimiter === ';') {
      if (tok.type === 'word' && tok.upper === 'REPEAT') {
        const save = lexer.pos;
        const nxt = lexer.next();
        blocks.nextIsParen = !!nxt && nxt.type === 'op' && text[nxt.start] === '(';
        lexer.pos = save;
      }
      blocks.feed(tok);
    }
  }
  flush();
  if (leading.length > 0 && out.length > 0) out[out.length - 1].leadingComments.push(...leading);
  return out;
}

/** `INSERT …` or `REPLACE …` (MySQL), with no other `VALUES` or `SELECT` before: the VALUES of the statement itself. */
function startsInsert(tokens: Token[]): boolean {
  const first = tokens.find((t) => t.type !== 'comment');
  if (first?.upper !== 'INSERT' && first?.upper !== 'REPLACE') return false;
  // Only the head may come before: modifiers, INTO, the (qualified) name and a column list.
  return (
    tokens.length <= 64 &&
    !tokens.some((t, i) => i < tokens.length - 1 && (t.upper === 'SELECT' || t.upper === 'VALUES' || t.upper === 'WITH'))
  );
}

/** psql meta-commands that send the query buffer: `\g`, `\gx`, `\gset`, `\gexec`, `\gdesc`, `\crosstabview`, `\watch`. */
const PSQL_SENDS = /^(?:g|gx|gset|gexec|gdesc|crosstabview|watch)(?![A-Za-z0-9_])/;

/**
 * Paren depth inside `CREATE [OR REPLACE] RULE … DO [ALSO|INSTEAD] (…)`, whose actions are separated
 * by `;`: -1 outside such a statement, else the depth after `tok`.
 */
function trackRule(text: string, tokens: Token[], tok: Token, depth: number): number {
  if (depth < 0) {
    if (tok.type !== 'word' || tok.upper !== 'RULE') return -1;
    const head = tokens
      .slice(0, -1)
      .filter((t) => t.type !== 'comment')
      .map((t) => t.upper ?? '')
      .join(' ');
    return head === 'CREATE' || head === 'CREATE OR REPLACE' ? 0 : -1;
  }
  if (tok.type !== 'op') return depth;
  const c = text.charCodeAt(tok.start);
  return c === 40 /* ( */ ? depth + 1 : c === 41 /* ) */ ? Math.max(0, depth - 1) : depth;
}

function isCopyFromStdin(tokens: Token[]): boolean {
  const first = tokens.find((t) => t.type !== 'comment');
  if (!first || first.upper !== 'COPY') return false;
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].upper === 'FROM' && tokens[i + 1]?.upper === 'STDIN') return true;
  }
  return false;
}
