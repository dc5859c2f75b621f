/**
 * SQL composed from pieces (HELDOUT11 #13, pg-boss's plans.js): a statement's text written with `${…}` holes that a
 * function of the same file fills, as in
 *
 *     function failJobs(schema, table, where, output) {
 *       return `WITH ${failJobsBody(schema, table, where, output)} ${settledCountAndIds()}`;
 *     }
 *
 * where `failJobsBody` returns `deleted_jobs AS (…), …, results AS (…)` and `settledCountAndIds` returns
 * `SELECT COUNT(*) … FROM results`. The text helpers here read the CTE list of such a statement, its items
 * written in the text or coming from a hole; the extractor (embedded-sql.ts) finds what fills each hole.
 */
import { HOLE_PREFIX } from '../facts.js';

/** A hole's placeholder at a position (sticky); group 1 its index. */
const HOLE_AT = new RegExp(String.raw`${HOLE_PREFIX}(\d+)__`, 'y');
/** `WITH [RECURSIVE]` as a word (sticky). */
const WITH_AT = /with\s+(?:recursive\s+)?/iy;
/** `WITH [RECURSIVE]` anywhere, before a CTE list. */
const WITH_ANYWHERE = /\bwith\s+(?:recursive\s+)?/gi;
/** `<name> [(cols)] AS [NOT] [MATERIALIZED] (` (sticky); group 1 a bare name, group 2 a quoted one. */
const CTE_ITEM = /(?:([A-Za-z_][\w$]*)|"([^"]*)")\s*(?:\([^()]*\)\s*)?as\s+(?:not\s+)?(?:materialized\s+)?\(/iy;
const SPACE = /\s*/y;
/** What follows a CTE's name: `[(cols)] AS [NOT] [MATERIALIZED] (` (sticky). */
const CTE_AFTER_NAME = /\s*(?:\([^()]*\)\s*)?as\s+(?:not\s+)?(?:materialized\s+)?\(/iy;
const COMMA = /\s*,/y;

/**
 * What the hole of index `index` adds at the start of a CTE list item: the CTE names its values declare there, or
 * `undefined` when the file does not show its values.
 */
export type HoleCtes = (index: number) => ReadonlySet<string> | undefined;

export interface CteList {
  /** Lower-cased names of the CTEs the text's WITH lists declare, those the holes in them declare included. */
  names: Set<string>;
  /** Whether a hole of unknown value stands as an item of a WITH list: it may declare any CTE. */
  open: boolean;
}

/**
 * The CTEs `text` declares (see CteList): every `WITH` list, its items written (`a AS (…)`) or a hole on its own
 * (`WITH a AS (…), ${lockedChildrenCte(schema)}, b AS (…)`), or a hole glued to the next item's name
 * (`WITH ${lock.cte}win AS (…)`: the hole's value is `lock AS (…),` or nothing). A text that starts with a hole
 * starts with its value: `${widthCte}, gauges AS (…) SELECT … FROM w` where `widthCte` is `WITH w AS (…)`.
 */
export function cteListOf(text: string, holeCtes: HoleCtes): CteList {
  const list: CteList = { names: new Set(), open: false };
  let closes: Map<number, number> | undefined;
  const closeOf = (open: number) => (closes ??= closingParens(text)).get(open) ?? -1;
  SPACE.lastIndex = 0;
  SPACE.exec(text);
  // `${widthCte}, gauges AS (…) SELECT …`: the hole's value starts the list (`WITH w AS (…)`), the text goes on with it.
  HOLE_AT.lastIndex = SPACE.lastIndex;
  if (HOLE_AT.test(text)) readItems(text, SPACE.lastIndex, list, holeCtes, closeOf);
  for (const w of text.matchAll(WITH_ANYWHERE)) readItems(text, w.index + w[0].length, list, holeCtes, closeOf);
  return list;
}

/**
 * The CTEs a piece declares at its start, the value of a hole in a CTE list: `locked_children AS (…)`, `deleted_jobs
 * AS (…), retried_jobs AS (…)`, `, notified AS (…)`, or a list with its `WITH` (`WITH w AS (…)`).
 */
export function leadingCtes(text: string): Set<string> {
  const list: CteList = { names: new Set(), open: false };
  let closes: Map<number, number> | undefined;
  const closeOf = (open: number) => (closes ??= closingParens(text)).get(open) ?? -1;
  let at = 0;
  COMMA.lastIndex = 0;
  if (COMMA.exec(text)) at = COMMA.lastIndex;
  SPACE.lastIndex = at;
  SPACE.exec(text);
  WITH_AT.lastIndex = SPACE.lastIndex;
  if (WITH_AT.exec(text)) at = WITH_AT.lastIndex;
  readItems(text, at, list, () => undefined, closeOf);
  return list.names;
}

/** Reads the items of one CTE list from `at` into `list`. */
function readItems(text: string, from: number, list: CteList, holeCtes: HoleCtes, closeOf: (open: number) => number): void {
  let at = from;
  for (let items = 0; items < 1000; items++) {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
    HOLE_AT.lastIndex = at;
    const hole = HOLE_AT.exec(text);
    if (hole) {
      // Read before the hole's own values are: their reading moves these sticky expressions.
      at = HOLE_AT.lastIndex;
      const names = holeCtes(Number(hole[1]));
      for (const name of names ?? []) list.names.add(name);
      // `${lock.cte}win AS (`: the hole's value ends where the next item's name starts.
      if (/[\w$"]/.test(text[at] ?? '')) continue;
      if (names === undefined) list.open = true;
      // `${name} AS (…)`: the hole names the CTE (its values, where the file shows them, are EmbeddedSql.ctes already).
      CTE_AFTER_NAME.lastIndex = at;
      if (CTE_AFTER_NAME.test(text)) {
        at = closeOf(CTE_AFTER_NAME.lastIndex - 1);
        if (at < 0) return;
        at++;
      }
      COMMA.lastIndex = at;
      if (!COMMA.exec(text)) return;
      at = COMMA.lastIndex;
      continue;
    }
    CTE_ITEM.lastIndex = at;
    const item = CTE_ITEM.exec(text);
    if (!item) return;
    list.names.add((item[1] ?? item[2]).toLowerCase());
    const close = closeOf(CTE_ITEM.lastIndex - 1);
    if (close < 0) return;
    COMMA.lastIndex = close + 1;
    if (!COMMA.exec(text)) return;
    at = COMMA.lastIndex;
  }
}

/**
 * Each `(`'s closing `)`, by index, in one pass (quotes ignored: a name is only looked for after a body). Scanning from
 * every `WITH`'s `(` to its close (or, unclosed, to the end) made a text of many unclosed `with x as (` quadratic.
 */
export function closingParens(text: string): Map<number, number> {
  const closes = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') open.push(i);
    else if (c === ')' && open.length > 0) closes.set(open.pop()!, i);
  }
  return closes;
}
