/**
 * MySQL's executable comments: `/*!50001 CREATE VIEW … *\/` runs its body on MySQL 5.0.1 and later
 * (`/*! … *\/` on any version), so for MySQL it is SQL, not a comment. mysqldump writes every view,
 * trigger, DEFINER clause and session setting this way; reading them as comments lost a dump's views
 * (and the tables they read) and its triggers.
 *
 * MariaDB's own `/*M!100616 … *\/` stays a comment: MySQL skips it, and MariaDB dumps put client
 * commands there (`/*M!999999\- enable the sandbox mode *\/`).
 */
import { tokenize } from './tokenizer.js';

const OPENER = /^\/\*!\d{0,6}/;

/**
 * `text` with each executable comment's opener (`/*!50001`) and closer blanked: its body is then
 * read as the statement text it is, every character where it was. Undefined when there is none.
 */
export function openVersionedComments(text: string): string | undefined {
  if (!text.includes('/*!')) return undefined;
  let out = '';
  let at = 0;
  for (const tok of tokenize(text, 'mysql')) {
    if (tok.type !== 'comment' || text.charCodeAt(tok.start + 2) !== 33 /* ! */ || !text.startsWith('/*', tok.start)) continue;
    if (!text.startsWith('*/', tok.end - 2) || tok.end - tok.start < 5) continue; // unterminated: a comment to the end
    const opener = OPENER.exec(text.slice(tok.start, Math.min(tok.end - 2, tok.start + 9)))![0];
    out += text.slice(at, tok.start) + ' '.repeat(opener.length) + text.slice(tok.start + opener.length, tok.end - 2) + '  ';
    at = tok.end;
  }
  return at === 0 ? undefined : out + text.slice(at);
}
