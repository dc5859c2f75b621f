/**
 * The columns, indexes and constraints a statement renames or drops: `ALTER TABLE t RENAME
 * [COLUMN|INDEX|KEY|CONSTRAINT] a TO b`, MySQL `CHANGE a b …`, `DROP [COLUMN|INDEX|KEY|CONSTRAINT|FOREIGN
 * KEY] a`; `ALTER INDEX a RENAME TO b`; `DROP INDEX a [ON t]`. Read once here, so the model can
 * replay a migration folder's names without reading statement text again. Tables renamed and
 * dropped are in the DDL facts already (`renamedTo`, `drop` references).
 */
import type { SqlNameChange } from '../facts.js';
import type { TokView } from './tokview.js';

export function readNameChanges(v: TokView): SqlNameChange[] {
  const out: SqlNameChange[] = [];
  const name = (i: number) => v.readName(i, false);
  let end = v.length;
  for (let j = 0; j < v.length; j++) {
    if (v.key(j) === ';') {
      end = j;
      break;
    }
  }
  const k0 = v.key(0);
  const k1 = v.key(1);
  if (k0 === 'ALTER' && k1 === 'TABLE') {
    let i = 2;
    if (v.key(i) === 'ONLY') i++;
    i = v.skipIfExists(i);
    if (v.key(i) === 'ONLY') i++;
    const t = name(i);
    if (!t || t.hole) return out;
    for (const [s, e] of v.splitTopLevel(t.next, end)) alterAction(v, s, e, t.name, out);
  } else if (k0 === 'ALTER' && k1 === 'INDEX') {
    const r = name(v.skipIfExists(2));
    if (r && !r.hole && v.key(r.next) === 'RENAME' && v.key(r.next + 1) === 'TO' && v.isIdent(r.next + 2)) {
      out.push({
        object: 'index',
        name: r.name,
        span: v.span(r.parts[r.parts.length - 1]),
        to: v.ident(r.next + 2),
        toSpan: v.span(r.next + 2),
      });
    }
  } else if (k0 === 'DROP' && k1 === 'INDEX') {
    let i = 2;
    if (v.key(i) === 'CONCURRENTLY') i++;
    i = v.skipIfExists(i);
    const names: Array<{ name: string; span: SqlNameChange['span'] }> = [];
    for (let r = name(i); r && !r.hole; r = v.key(r.next) === ',' ? name(r.next + 1) : null) {
      names.push({ name: r.name, span: v.span(r.parts[r.parts.length - 1]) });
      i = r.next;
    }
    const on = v.key(i) === 'ON' ? name(i + 1) : null;
    for (const n of names) out.push(on && !on.hole ? { object: 'index', table: on.name, ...n } : { object: 'index', ...n });
  }
  return out;
}

const NOT_A_COLUMN = new Set(['INDEX', 'KEY', 'CONSTRAINT', 'FOREIGN', 'PRIMARY', 'CHECK', 'UNIQUE', 'FULLTEXT', 'SPATIAL', 'PARTITION']);

/** One comma-separated action of `ALTER TABLE table …`, from token `s` to `e` (exclusive). */
function alterAction(v: TokView, s: number, e: number, table: string, out: SqlNameChange[]): void {
  const k = v.key(s);
  const ident = (i: number) => (i < e && v.isIdent(i) ? v.ident(i) : undefined);
  const dropped = (object: SqlNameChange['object'], at: number) => {
    const name = ident(at);
    if (name) out.push({ object, table, name, span: v.span(at) });
  };
  if (k === 'RENAME') {
    const what = v.key(s + 1);
    if (what === 'INDEX' || what === 'KEY' || what === 'CONSTRAINT' || what === 'COLUMN') {
      const from = ident(s + 2);
      const to = v.key(s + 3) === 'TO' ? ident(s + 4) : undefined;
      if (from && to) {
        const object = what === 'COLUMN' ? 'column' : what === 'CONSTRAINT' ? 'constraint' : 'index';
        out.push({ object, table, name: from, span: v.span(s + 2), to, toSpan: v.span(s + 4) });
      }
      return;
    }
    // `RENAME a TO b` of one column (PostgreSQL); `RENAME [TO|AS] n` renames the table (SqlTableDef.renamedTo).
    if (v.key(s + 2) === 'TO' && ident(s + 1) && ident(s + 3) && s + 4 === e) {
      out.push({ object: 'column', table, name: ident(s + 1)!, span: v.span(s + 1), to: ident(s + 3), toSpan: v.span(s + 3) });
    }
    return;
  }
  if (k === 'CHANGE') {
    let i = s + 1;
    if (v.key(i) === 'COLUMN') i++;
    const from = ident(i);
    const to = ident(i + 1);
    if (from && to && from.toLowerCase() !== to.toLowerCase())
      out.push({ object: 'column', table, name: from, span: v.span(i), to, toSpan: v.span(i + 1) });
    return;
  }
  if (k !== 'DROP') return;
  const what = v.key(s + 1);
  if (what === 'INDEX' || what === 'KEY') {
    dropped('index', v.skipIfExists(s + 2));
  } else if (what === 'CONSTRAINT') {
    const at = v.skipIfExists(s + 2);
    dropped('constraint', at);
    // MySQL 8 drops a UNIQUE constraint (an index) with DROP CONSTRAINT too.
    dropped('index', at);
  } else if (what === 'FOREIGN' && v.key(s + 2) === 'KEY') {
    dropped('constraint', v.skipIfExists(s + 3));
  } else if (!NOT_A_COLUMN.has(what)) {
    dropped('column', v.skipIfExists(what === 'COLUMN' ? s + 2 : s + 1));
  }
}
