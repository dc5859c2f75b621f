/**
 * SQL in code that is no whole statement, or no statement the SQL-shape check knew, as the
 * cross-service rules see it (HELDOUT6 #18, #20): query builders' fragments — knex's `whereRaw`,
 * `joinRaw`, `havingRaw`, `orderByRaw`, `fromRaw`, a `raw()` condition, TypeORM's `where` /
 * `andWhere` with a subquery, Sequelize's `literal()` — read by tokens at their places and never a
 * parse error; and pg-copy-streams' `copyTo` / `copyFrom` COPY statements, read as a .sql file's COPY.
 */
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import parseError from '../../rules/parse-error.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

/** listings and reviews on PostgreSQL, each creating its own table. */
const marketplace: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'listings', roots: ['services/listings'], databases: ['listings'] },
    { name: 'reviews', roots: ['services/reviews'], databases: ['reviews'] },
  ],
};
const tables = {
  'services/listings/migrations/V1__listings.sql': 'CREATE TABLE listings (id INT PRIMARY KEY, title TEXT);',
  'services/reviews/migrations/V1__reviews.sql': 'CREATE TABLE reviews (id INT PRIMARY KEY, listing_id INT, rating INT);',
};
/**
 * listings reads reviews at line `line` of `lines`, where `marker` (which holds the table's name) first
 * occurs: the column is counted from the text, so each case shows in its code where the finding must be.
 */
function readsAt(lines: readonly string[], line: number, marker: string, verb = 'reads', table = 'reviews') {
  const at = lines[line - 1].indexOf(marker);
  if (at < 0 || !marker.includes(table)) throw new Error(`'${marker}' is not on line ${line}`);
  const column = at + marker.indexOf(table) + 1;
  return {
    messageId: 'foreignTable',
    data: { service: 'listings', verb, table, owner: 'reviews' },
    line,
    column,
    endLine: line,
    endColumn: column + table.length,
  };
}

const knexQueries = [
  "const knex = require('knex')({ client: 'pg' });",
  'exports.rated = () =>',
  "  knex('listings as l')",
  "    .whereRaw('EXISTS (SELECT 1 FROM reviews r2 WHERE r2.listing_id = l.id)')",
  "    .joinRaw('LEFT JOIN reviews ON reviews.listing_id = l.id')",
  "    .havingRaw('count(*) > (SELECT count(*) FROM reviews)')",
  "    .orderByRaw('(SELECT max(rating) FROM reviews r3 WHERE r3.listing_id = l.id) DESC');",
  "exports.raw = () => knex.select('*').fromRaw('reviews r');",
];
const conditions = [
  "const knex = require('knex')({ client: 'pg' });",
  "const reviewed = 'EXISTS (SELECT 1 FROM reviews r WHERE r.listing_id = listings.id)';",
  "exports.a = () => knex('listings').where(knex.raw('EXISTS (SELECT 1 FROM reviews r WHERE r.listing_id = listings.id)'));",
  'exports.b = () => knex("listings").whereRaw(reviewed);',
];
const ormQueries = [
  "import { DataSource } from 'typeorm';",
  "import { literal, Op } from 'sequelize';",
  'declare const ds: DataSource;',
  'export const rated = () =>',
  '  ds.createQueryBuilder()',
  "    .from('listings', 'l')",
  "    .addSelect('(SELECT AVG(r.rating) FROM reviews r WHERE r.listing_id = l.id)', 'rating')",
  "    .where('l.id IN (SELECT listing_id FROM reviews WHERE rating >= :min)', { min: 4 })",
  "    .andWhere('NOT EXISTS (SELECT 1 FROM reviews r WHERE r.rating < 2)')",
  '    .getRawMany();',
  'export const reviewed = { [Op.and]: literal(\'EXISTS (SELECT 1 FROM reviews WHERE reviews.listing_id = "Listing"."id")\') };',
];
const streams = [
  "import { to as copyTo, from as copyFrom } from 'pg-copy-streams';",
  'export const exportAll = (client: any) => client.query(copyTo("COPY (SELECT id, rating FROM reviews) TO STDOUT WITH CSV HEADER"));',
  "export const exportTable = (client: any) => client.query(copyTo('COPY reviews (id, rating) TO STDOUT WITH (FORMAT csv)'));",
  "export const load = (client: any) => client.query(copyFrom('COPY reviews FROM STDIN'));",
];

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "fragments naming only the service's own table, or no table at all, report nothing",
      filename: 'services/listings/src/own.js',
      code: [
        "const knex = require('knex')({ client: 'pg' });",
        "exports.a = () => knex('listings').whereRaw('rating > ?', [3]).orderByRaw('title DESC NULLS LAST');",
        "exports.b = () => knex('listings as l').joinRaw('LEFT JOIN listings p ON p.id = l.id').havingRaw('count(*) > 1');",
        "exports.c = () => knex('listings').whereRaw('EXISTS (SELECT 1 FROM listings x WHERE x.id = listings.id)');",
        "exports.d = (qb) => qb.where('l.title = :title', { title: 'x' }).andWhere('l.id IN (SELECT id FROM listings)');",
      ].join('\n'),
      files: tables,
      config: marketplace,
    },
    {
      name: 'a generic where() or literal() without a subquery is no fragment: words after FROM in it are not tables',
      filename: 'services/listings/src/prose.js',
      code: [
        "exports.a = (qb) => qb.where('status = :s from reviews of the week', { s: 1 });",
        "exports.b = (literal) => literal('reviews');",
      ].join('\n'),
      files: tables,
      config: marketplace,
    },
    {
      name: 'a COPY-looking sentence is prose: no STDIN, STDOUT, file or PROGRAM after TO / FROM',
      filename: 'services/listings/src/ui.ts',
      code: "export const hint = () => notify('Copy reviews to the clipboard from the menu');",
      files: tables,
      config: marketplace,
    },
  ],
  invalid: [
    {
      name: "knex's raw fragments (HELDOUT6 #18): whereRaw EXISTS, joinRaw, havingRaw, orderByRaw and fromRaw, each at its table",
      filename: 'services/listings/src/knex-queries.js',
      code: knexQueries.join('\n'),
      files: tables,
      config: marketplace,
      errors: [
        readsAt(knexQueries, 4, 'FROM reviews'),
        readsAt(knexQueries, 5, 'JOIN reviews'),
        readsAt(knexQueries, 6, 'FROM reviews'),
        readsAt(knexQueries, 7, 'FROM reviews'),
        readsAt(knexQueries, 8, "'reviews"),
      ],
    },
    {
      name: 'a raw() condition and a fragment held in a constant are read where they are written (HELDOUT6 #18)',
      filename: 'services/listings/src/conditions.js',
      code: conditions.join('\n'),
      files: tables,
      config: marketplace,
      errors: [readsAt(conditions, 2, 'FROM reviews'), readsAt(conditions, 3, 'FROM reviews')],
    },
    {
      name: "TypeORM's where / andWhere / addSelect with a subquery and Sequelize's literal() condition (HELDOUT6 #18)",
      filename: 'services/listings/src/orm-queries.ts',
      code: ormQueries.join('\n'),
      files: tables,
      config: marketplace,
      errors: [
        readsAt(ormQueries, 7, 'FROM reviews'),
        readsAt(ormQueries, 8, 'FROM reviews'),
        readsAt(ormQueries, 9, 'FROM reviews'),
        readsAt(ormQueries, 11, 'FROM reviews'),
      ],
    },
    {
      name: "pg-copy-streams' copyTo / copyFrom (HELDOUT6 #20): the COPY of a subquery reads, COPY of the table uses it, as in a .sql file",
      filename: 'services/listings/src/streams.ts',
      code: streams.join('\n'),
      files: tables,
      config: marketplace,
      errors: [
        readsAt(streams, 2, 'FROM reviews'),
        readsAt(streams, 3, 'COPY reviews', 'uses'),
        readsAt(streams, 4, 'COPY reviews', 'uses'),
      ],
    },
  ],
});

ruleTester.run(parseError, {
  valid: [
    {
      name: 'a fragment is never a parse error, however it ends: it is read by tokens, never parsed (HELDOUT6 #18)',
      filename: 'services/listings/src/broken.js',
      code: [
        "const knex = require('knex')({ client: 'pg' });",
        "exports.a = () => knex('listings').whereRaw('EXISTS (SELECT 1 FROM reviews WHERE )) rating >').joinRaw('LEFT JOIN ON');",
        "exports.b = (qb) => qb.where('id IN (SELECT FROM WHERE', {});",
      ].join('\n'),
      files: tables,
      config: marketplace,
    },
  ],
  invalid: [
    {
      name: 'a broken COPY statement in code is a statement: its parse error is reported as in a .sql file',
      filename: 'services/listings/src/copy.ts',
      code: "export const load = (client: any) => client.query(copyFrom('COPY reviews FROM STDIN WITH (FORMAT'));",
      files: tables,
      config: marketplace,
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 91, endLine: 1, endColumn: 97 }],
    },
  ],
});
