/**
 * Passwords written into SQL, found and masked before any parser sees the text:
 *
 *     CREATE USER 'app'@'%' IDENTIFIED BY 'S3cret';            -- MySQL
 *     ALTER USER app IDENTIFIED WITH caching_sha2_password BY 'S3cret' REPLACE 'Old';
 *     CREATE ROLE app WITH LOGIN ENCRYPTED PASSWORD 'S3cret';   -- PostgreSQL
 *     ALTER USER app PASSWORD 'S3cret';  SET PASSWORD FOR app = 'S3cret';  GRANT … IDENTIFIED BY 'S3cret';
 *
 * Each literal becomes a SqlSecret (its span, the statement's leading words, a descriptor) and its
 * content is replaced by `*` of the same length (line breaks kept), so offsets hold and statement
 * texts, parse errors and the parsers' caches never see it. A hash (`IDENTIFIED WITH … AS '…'`,
 * `IDENTIFIED BY PASSWORD '*…'`, `PASSWORD 'SCRAM-SHA-256$…'`) is described as `hashed`; a psql
 * variable (`PASSWORD :'app_password'`), and a hole of SQL embedded in code, are no literal.
 *
 * A MySQL FEDERATED table's `CONNECTION='mysql://user:password@host/db/table'` holds the remote
 * server's password in a URL: the password alone is the secret (its span, its mask), so the URL
 * still names the remote database and table; so is a `CREATE SERVER … OPTIONS (PASSWORD '…')`.
 * One token pass, linear.
 */
import { parseConnectionUrl } from './connection-url.js';
import type { Dialect, SqlSecret, Span } from './facts.js';
import { describeSecret, processSecretKey, type SecretKey } from './secrets.js';
import { stringValue, tokenize, type Token } from './sql/tokenizer.js';
import { HOLE_PREFIX } from './sql/hole.js';

/** The statements that set passwords, by their leading words. */
const USER_OBJECTS = new Set(['USER', 'ROLE', 'LOGIN', 'GROUP']);

export interface MaskedSql {
  /** `text` with every password literal's content replaced by `*`. */
  text: string;
  secrets: SqlSecret[];
}

/** Finds and masks the password literals of `text`. Returns `text` itself when there are none. */
export function maskSqlSecrets(text: string, dialect: Dialect, key: SecretKey = processSecretKey()): MaskedSql {
  // Cheap screen: every shape holds one of these words.
  if (!/password|identified|connection/i.test(text)) return { text, secrets: [] };
  const all = tokenize(text, dialect);
  const tokens = all.filter((tok) => tok.type !== 'comment');
  let instructions: string[] | undefined;
  const secrets: SqlSecret[] = [];
  const masks: Span[] = [];
  let statement: string | undefined;
  let first = true;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.type === 'op' && text[tok.start] === ';') {
      first = true;
      statement = undefined;
      continue;
    }
    if (first) {
      statement = passwordStatement(tokens, i);
      first = false;
    }
    if (!statement || !isStringToken(text, tok, dialect)) continue;
    const role = literalRole(tokens, i, text, statement);
    if (!role) continue;
    if (role === 'url') {
      const found = urlPassword(text, tok, statement, key);
      if (found) {
        secrets.push(found);
        masks.push(found.span);
      }
      continue;
    }
    const value =
      tok.type === 'dollar' ? text.slice(tok.bodyStart, tok.bodyEnd) : stringValue(text, tok, backslashEscapes(text, tok, dialect));
    const secret = describeSecret(value, key, true);
    if (role === 'hash' && secret.kind === 'literal') {
      secret.kind = 'hashed';
      delete secret.fingerprint;
    }
    // SQL embedded in code: a `${…}` hole in the literal (`PASSWORD '${process.env.RO_PASSWORD}'`) is filled in at run time.
    if (secret.kind === 'literal' && value.includes(HOLE_PREFIX)) {
      secret.kind = 'reference';
      delete secret.fingerprint;
    }
    const found: SqlSecret = { statement, secret, span: { start: tok.start, end: tok.end } };
    if (secret.kind === 'literal' && namedToReplace(value, (instructions ??= replaceInstructions(text, all)))) found.documented = true;
    secrets.push(found);
    masks.push(contentOf(text, tok));
  }
  return secrets.length === 0 ? { text, secrets } : { text: mask(text, masks), secrets };
}

/** A comment that tells the reader to replace something: "You should change 'localhost' and 'radpass' to something else". */
const REPLACE_INSTRUCTION = /\b(?:change|replace|modify|edit|update|customi[sz]e)\b/i;
/** The most comment text kept to look for instructions in: the header of a setup script, not a dump's every line. */
const MAX_INSTRUCTION_TEXT = 16 * 1024;

/**
 * The comment blocks of `text` (consecutive comments with only white space between them are one) that tell the reader
 * to replace something, up to MAX_INSTRUCTION_TEXT characters in all.
 */
function replaceInstructions(text: string, tokens: readonly Token[]): string[] {
  const blocks: string[] = [];
  let kept = 0;
  let block: { start: number; end: number } | undefined;
  const close = () => {
    if (!block || kept >= MAX_INSTRUCTION_TEXT) return;
    const body = text.slice(block.start, Math.min(block.end, block.start + MAX_INSTRUCTION_TEXT - kept));
    if (REPLACE_INSTRUCTION.test(body)) {
      blocks.push(body);
      kept += body.length;
    }
  };
  for (const tok of tokens) {
    if (tok.type !== 'comment') continue;
    if (block && text.slice(block.end, tok.start).trim() === '') block.end = tok.end;
    else {
      close();
      block = { start: tok.start, end: tok.end };
    }
  }
  close();
  return blocks;
}

/**
 * Whether one of the instruction blocks names `value` in quotes (`change 'localhost' and 'radpass'`); values shorter than
 * three characters never are. Quoted only: a bare word would let everyday comment words (`-- update the postgres role`)
 * downgrade the weakest passwords, those equal to a user or role name.
 */
function namedToReplace(value: string, instructions: readonly string[]): boolean {
  if (value.length < 3) return false;
  return instructions.some((block) => QUOTES.some(([open, close]) => block.includes(open + value + close)));
}
const QUOTES: ReadonlyArray<readonly [string, string]> = [
  ["'", "'"],
  ['"', '"'],
  ['`', '`'],
  ['\u2018', '\u2019'],
  ['\u201c', '\u201d'],
];

/** The leading words of a statement that can set a password (`CREATE USER`, `ALTER ROLE`, `SET PASSWORD`, `GRANT`), or undefined. */
function passwordStatement(tokens: readonly Token[], at: number): string | undefined {
  const w = (i: number) => (tokens[i]?.type === 'word' ? tokens[i].upper : undefined);
  const verb = w(at);
  if (verb === 'GRANT') return 'GRANT';
  if (verb === 'SET' && w(at + 1) === 'PASSWORD') return 'SET PASSWORD';
  if (verb !== 'CREATE' && verb !== 'ALTER') return undefined;
  const object = w(at + 1);
  if (object === 'SERVER') return `${verb} SERVER`;
  if (object === 'TABLE') return `${verb} TABLE … CONNECTION`;
  return object && USER_OBJECTS.has(object) ? `${verb} ${object}` : undefined;
}

/** The password of a FEDERATED `CONNECTION='scheme://user:password@…'` literal: described, at its exact place. */
function urlPassword(text: string, tok: Token, statement: string, key: SecretKey): SqlSecret | undefined {
  if (tok.type === 'dollar') return undefined;
  const content = contentOf(text, tok);
  // Read as written: a password with quote or backslash escapes in it is still found, only not unescaped.
  const raw = text.slice(content.start, content.end);
  const url = raw.includes('://') ? parseConnectionUrl(raw) : undefined;
  if (!url?.password) return undefined;
  const span = { start: content.start + url.password.start, end: content.start + url.password.end };
  return { statement, secret: describeSecret(text.slice(span.start, span.end), key, true), span };
}

/** What the string at `at` is, from the words before it: a password, a hash, or neither. */
function literalRole(tokens: readonly Token[], at: number, text: string, statement: string): 'password' | 'hash' | 'url' | undefined {
  const word = (i: number) => (i >= 0 && tokens[i].type === 'word' ? tokens[i].upper : undefined);
  const op = (i: number) => (i >= 0 && tokens[i].type === 'op' ? text.slice(tokens[i].start, tokens[i].end) : undefined);
  // SET PASSWORD [FOR 'user'@'host'] = '…'
  if (statement === 'SET PASSWORD' && op(at - 1) === '=') return 'password';
  let before = at - 1;
  // `PASSWORD = '…'` (SET PASSWORD, SQL Server style), `PASSWORD('…')` (MySQL 5).
  if (op(before) === '=' || op(before) === '(') before--;
  const prev = word(before);
  // A table's only literal that can hold a password is its FEDERATED connection URL.
  if (statement.endsWith('CONNECTION')) return prev === 'CONNECTION' && op(at - 1) !== '(' ? 'url' : undefined;
  if (prev === 'PASSWORD') return word(before - 1) === 'BY' ? 'hash' : 'password';
  if (prev === 'BY' || prev === 'AS') {
    // IDENTIFIED BY '…' | IDENTIFIED WITH plugin BY '…' | IDENTIFIED WITH plugin AS 'hash'
    const identified = word(before - 1) === 'IDENTIFIED' || (word(before - 2) === 'WITH' && word(before - 3) === 'IDENTIFIED');
    if (!identified) return undefined;
    return prev === 'AS' ? 'hash' : 'password';
  }
  // ALTER USER … IDENTIFIED BY 'new' REPLACE 'current'
  if (prev === 'REPLACE' && tokens[before - 1]?.type === 'string') return 'password';
  return undefined;
}

function isStringToken(text: string, tok: Token, dialect: Dialect): boolean {
  if (tok.type === 'string' || tok.type === 'dollar') return true;
  // MySQL reads "…" as a string (outside ANSI_QUOTES mode).
  return dialect === 'mysql' && tok.type === 'quoted' && text[tok.start] === '"';
}

/** MySQL strings and PostgreSQL `E'…'` take backslash escapes. */
function backslashEscapes(text: string, tok: Token, dialect: Dialect): boolean {
  return dialect === 'mysql' || /^[eE]'/.test(text.slice(tok.start, tok.start + 2));
}

/** The content of a string token, without its prefix and quotes (or dollar tags). */
function contentOf(text: string, tok: Token): Span {
  if (tok.type === 'dollar') return { start: tok.bodyStart!, end: tok.bodyEnd! };
  let start = tok.start;
  while (start < tok.end && text[start] !== "'" && text[start] !== '"') start++;
  const quote = text[start];
  const closed = tok.end - start >= 2 && text[tok.end - 1] === quote;
  return { start: start + 1, end: closed ? tok.end - 1 : tok.end };
}

function mask(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start);
    for (let i = span.start; i < span.end; i++) out += text[i] === '\n' || text[i] === '\r' ? text[i] : '*';
    at = span.end;
  }
  return out + text.slice(at);
}
