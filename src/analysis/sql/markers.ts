/**
 * Dialect markers: tokens that belong to one dialect only, found whatever the
 * analysed dialect is. Type-position markers (SERIAL, ENUM columns, inline
 * INDEX/KEY, inline COMMENT) come from the DDL reader; this module scans tokens.
 */
import type { DialectMarker, Span } from '../facts.js';
import type { Token } from './tokenizer.js';

const PG_WORDS = new Map([
  ['JSONB', 'JSONB'],
  ['BYTEA', 'BYTEA'],
  ['TIMESTAMPTZ', 'TIMESTAMPTZ'],
  ['BIGSERIAL', 'BIGSERIAL'],
  ['SMALLSERIAL', 'SMALLSERIAL'],
  ['RETURNING', 'RETURNING'],
  ['ILIKE', 'ILIKE'],
]);
const MYSQL_WORDS = new Map([
  ['AUTO_INCREMENT', 'AUTO_INCREMENT'],
  ['UNSIGNED', 'UNSIGNED'],
  ['TINYINT', 'TINYINT'],
  ['MEDIUMINT', 'MEDIUMINT'],
  ['ZEROFILL', 'ZEROFILL'],
]);
const ON_UPDATE_NOW = new Set(['CURRENT_TIMESTAMP', 'NOW', 'LOCALTIMESTAMP', 'CURRENT_TIMESTAMP()']);

/**
 * Scans `tokens` (comments included) of one statement. `significant` is the
 * same list without comments, used for keyword sequences.
 */
export function scanMarkers(text: string, tokens: Token[], significant: Token[]): DialectMarker[] {
  const out: DialectMarker[] = [];
  let backtick = false;
  for (const t of tokens) {
    if (t.type === 'comment' && text.charCodeAt(t.start) === 35 /* # */) {
      out.push({ dialect: 'mysql', feature: '# comment', span: { start: t.start, end: t.start + 1 } });
    }
  }
  const up = (i: number): string => {
    const t = significant[i];
    if (!t) return '';
    if (t.type === 'word') return t.upper!;
    if (t.type === 'op') return text.slice(t.start, t.end);
    return '';
  };
  const sp = (i: number, j = i): Span => ({ start: significant[i].start, end: significant[j].end });
  for (let i = 0; i < significant.length; i++) {
    const t = significant[i];
    if (t.type === 'quoted') {
      if (!backtick && text.charCodeAt(t.start) === 96) {
        backtick = true;
        out.push({ dialect: 'mysql', feature: 'backtick identifier', span: { start: t.start, end: t.end } });
      }
      continue;
    }
    if (t.type === 'dollar') {
      out.push({ dialect: 'postgresql', feature: 'dollar quoting', span: { start: t.start, end: t.bodyStart ?? t.end } });
      continue;
    }
    if (t.type === 'op') {
      if (text.startsWith('::', t.start) && t.end - t.start === 2) out.push({ dialect: 'postgresql', feature: ':: cast', span: sp(i) });
      continue;
    }
    if (t.type !== 'word') continue;
    // `t.jsonb` or `returning.x` are column/table names, not keywords.
    if (up(i - 1) === '.' || up(i + 1) === '.') continue;
    const k = t.upper!;
    const pg = PG_WORDS.get(k);
    if (pg) {
      out.push({ dialect: 'postgresql', feature: pg, span: sp(i) });
      continue;
    }
    const my = MYSQL_WORDS.get(k);
    if (my) {
      out.push({ dialect: 'mysql', feature: my, span: sp(i) });
      continue;
    }
    switch (k) {
      case 'EXTENSION':
        if (up(i - 1) === 'CREATE') out.push({ dialect: 'postgresql', feature: 'CREATE EXTENSION', span: sp(i - 1, i) });
        break;
      case 'LANGUAGE': {
        const next = significant[i + 1];
        if (next && /^'?plpgsql'?$/i.test(text.slice(next.start, next.end))) {
          out.push({ dialect: 'postgresql', feature: 'LANGUAGE plpgsql', span: sp(i, i + 1) });
        }
        break;
      }
      case 'ENGINE':
        if (up(i + 1) === '=') out.push({ dialect: 'mysql', feature: 'ENGINE=', span: sp(i) });
        break;
      case 'CHARSET':
        if (up(i - 1) === 'DEFAULT') out.push({ dialect: 'mysql', feature: 'DEFAULT CHARSET', span: sp(i - 1, i) });
        else out.push({ dialect: 'mysql', feature: 'CHARSET', span: sp(i) });
        break;
      case 'ON':
        if (up(i + 1) === 'UPDATE' && ON_UPDATE_NOW.has(up(i + 2))) {
          out.push({ dialect: 'mysql', feature: 'ON UPDATE CURRENT_TIMESTAMP', span: sp(i, i + 2) });
        }
        break;
      default:
        break;
    }
  }
  return out;
}
