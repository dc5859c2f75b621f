/**
 * Statement kinds for the corpus figures, from the statement's leading keywords alone. Shared by the
 * corpus build and measure.mjs and independent of the linter's own classifier, which is under test.
 */

const RULES = [
  ['create_table', /^create\s+(or\s+replace\s+)?((global|local)\s+)?(temp|temporary|unlogged)?\s*table\b/],
  ['alter_table', /^alter\s+table\b/],
  ['create_index', /^(create\s+(unique\s+|fulltext\s+|spatial\s+)?index|alter\s+index|drop\s+index|reindex)\b/],
  [
    'view',
    /^(create\s+(or\s+replace\s+)?(materialized\s+|recursive\s+|temp\s+|temporary\s+)?((algorithm|definer|sql\s+security)\b[^]*?\s)?view|alter\s+((algorithm|definer|sql\s+security)\b[^]*?\s)?(materialized\s+)?view|refresh\s+materialized\s+view)\b/,
  ],
  // PostgreSQL's DO runs an anonymous code block; MySQL's DO evaluates expressions (a SELECT without rows).
  [
    'routine',
    /^(create\s+(or\s+replace\s+)?((definer\s*=\s*\S+)\s+)?(function|procedure|aggregate)|alter\s+(function|procedure|routine)|do\s+(language\s+\w+\s+)?(\$|e?'))/,
  ],
  ['select', /^do\b/],
  [
    'trigger',
    /^(create\s+(or\s+replace\s+)?(constraint\s+)?((definer\s*=\s*\S+)\s+)?trigger|alter\s+trigger|create\s+(or\s+replace\s+)?rule)\b/,
  ],
  ['event', /^(create\s+((definer\s*=\s*\S+)\s+)?event|alter\s+event|create\s+event\s+trigger)\b/],
  ['type_domain', /^(create|alter)\s+(type|domain|collation|operator|cast|text\s+search|conversion)\b/],
  ['schema_database', /^((create|alter)\s+(schema|database)|use\b)/],
  ['sequence', /^(create|alter)\s+(temp\s+|temporary\s+)?sequence\b/],
  ['extension', /^(create|alter)\s+extension\b/],
  ['policy', /^(create|alter)\s+policy\b/],
  ['grant_revoke', /^(grant|revoke|alter\s+default\s+privileges)\b/],
  [
    'user_role',
    /^((create|alter|drop|rename)\s+(user|role|group)|set\s+(password|(default\s+)?role|session\s+authorization)|reassign\s+owned|drop\s+owned)\b/,
  ],
  ['comment', /^comment\s+on\b/],
  ['insert', /^(insert|replace)\b/],
  ['update', /^update\b/],
  ['delete', /^delete\b/],
  ['merge', /^merge\b/],
  ['select', /^(select|table|values|\()/],
  ['copy_load', /^(copy|load\s+(data|xml))\b/],
  ['truncate', /^truncate\b/],
  ['drop', /^drop\b/],
  ['rename', /^rename\s+table\b/],
  [
    'transaction',
    /^(begin|start\s+transaction|commit|end|rollback|abort|savepoint|release|xa\s|lock|unlock|set\s+(session\s+|local\s+)?transaction)\b/,
  ],
  ['prepared', /^(prepare|execute|deallocate|drop\s+prepare)\b/],
  ['call', /^call\b/],
  ['session', /^(set|reset|show|discard|listen|notify|unlisten)\b/],
  [
    'maintenance',
    /^(analy[sz]e|optimize|check|repair|checksum|vacuum|cluster|flush|explain|describe|desc|help|kill|checkpoint|install|clone|handler|security\s+label|import\s+foreign)\b/,
  ],
];

/** The statement without its leading comments, whitespace collapsed and lower-cased, for classification. */
function head(text) {
  let t = text;
  for (;;) {
    const before = t;
    t = t.replace(/^\s+/, '');
    if (t.startsWith('--') || t.startsWith('#')) t = t.slice(t.indexOf('\n') < 0 ? t.length : t.indexOf('\n') + 1);
    else if (t.startsWith('/*')) t = t.slice(t.indexOf('*/') < 0 ? t.length : t.indexOf('*/') + 2);
    else if (/^delimiter\s/i.test(t)) t = t.slice(t.indexOf('\n') < 0 ? t.length : t.indexOf('\n') + 1);
    if (t === before) break;
  }
  return t.slice(0, 20000).replace(/\s+/g, ' ').toLowerCase();
}

/** The kind of a statement: create_table, alter_table, view, routine, insert, select, grant_revoke, … */
export function statementKind(text) {
  const h = head(text);
  if (/^with\b/.test(h)) {
    // A CTE heads a SELECT, INSERT, UPDATE, DELETE or MERGE: the verb after the last CTE decides.
    const verb = /^with\s.*?\)\s*(select|insert|update|delete|merge|table|values)\b/.exec(stripParens(h));
    return verb ? (verb[1] === 'table' || verb[1] === 'values' ? 'select' : verb[1]) : 'select';
  }
  for (const [kind, re] of RULES) if (re.test(h)) return kind;
  return 'other';
}

/** `with a as (…), b as (…) select …` → `with a as (), b as () select …`, so the main verb is visible. */
function stripParens(h) {
  let out = '';
  let depth = 0;
  for (const c of h) {
    if (c === '(') {
      if (depth === 0) out += '(';
      depth++;
    } else if (c === ')') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) out += ')';
    } else if (depth === 0) out += c;
  }
  return out;
}
