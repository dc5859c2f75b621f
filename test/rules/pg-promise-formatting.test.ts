/**
 * pg-promise formats queries itself before PostgreSQL sees them: its named parameters (`${name}`, `$(name)`,
 * `$<name>`, `$[name]`, `$/name/`) and filters (`:csv`, `:raw`, `^`, `:name`, `~`) are no syntax errors, a
 * `:name` / `~` filter is an identifier and never a table; and `db.tx(tag, cb)` / `db.task(tag, cb)` take a tag
 * for its logs, not a table.
 */
import parseError from '../../rules/parse-error.js';
import unknownTable from '../../rules/unknown-table.js';
import { ruleTester } from '../rule-tester.js';

const queries = [
  "const db = require('./db');",
  "exports.byId = (id) => db.oneOrNone('SELECT id FROM encounters WHERE id = ${id}', { id });",
  "exports.byCode = (c) => db.any('SELECT id FROM encounters WHERE code = $<code> AND visits > $[min] OR id = $(id)', c);",
  "exports.close = (id) => db.none('UPDATE encounters SET code = $/code/ WHERE id = $/id/', { id, code: 'x' });",
  "exports.many = (ids) => db.any('SELECT id FROM encounters WHERE id IN (${ids:csv}) AND code = ${ code }', { ids });",
  "exports.col = (c) => db.any('SELECT ${col:name} FROM encounters WHERE id IN ($1:csv) ORDER BY $2~', [[1], c]);",
].join('\n');

ruleTester.run(parseError, {
  valid: [
    {
      name: "pg-promise's named parameters and filters in a PostgreSQL service's queries (HELDOUT7 #4)",
      filename: 'services/clinical/src/encounters.js',
      code: queries,
    },
  ],
  invalid: [
    {
      name: 'an unclosed pg-promise parameter is no placeholder: the syntax error stays at its $',
      filename: 'services/clinical/src/encounters.js',
      code: "const db = require('./db');\nexports.byId = (id) => db.oneOrNone('SELECT id FROM encounters WHERE id = $<id', { id });",
      errors: [{ messageId: 'sqlSyntax', line: 2, column: 75, endLine: 2, endColumn: 76 }],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: "db.tx('touch', cb) and db.task('nightly-audit', cb) name a tag, the queries inside them their tables",
      filename: 'services/billing/src/audit.js',
      code: [
        "const db = require('./db');",
        "exports.touch = () => db.tx('touch', (t) => t.batch([t.none('UPDATE invoices SET code = code')]));",
        "exports.audit = () => db.task('nightly-audit', (t) => t.any('SELECT count(*) FROM invoices'));",
        "exports.named = () => db.tx('refresh', refreshAll);",
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: "a knex root with an options object, or with no callback, still names its table: this.db('visits', { only: true }), db.tx('visits')",
      filename: 'services/billing/src/visits.js',
      code: "exports.all = () => this.db('visits', { only: true }).select('id');\nexports.one = () => db.tx('visits').first();",
      errors: [
        { messageId: 'unknownTable', line: 1, column: 30, endLine: 1, endColumn: 36, data: { table: 'visits' } },
        { messageId: 'unknownTable', line: 2, column: 28, endLine: 2, endColumn: 34, data: { table: 'visits' } },
      ],
    },
  ],
});
