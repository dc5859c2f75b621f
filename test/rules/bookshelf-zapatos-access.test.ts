/**
 * Tables reached through Bookshelf models (HELDOUT6 #5) and Zapatos' shortcut functions (#12), as the
 * cross-service rules see them. A Bookshelf model only maps (knex migrations create its table): the
 * access is where the model is used, with its chain's action, as for an Objection model.
 */
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const rental: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'bookings', roots: ['services/bookings'], databases: ['bookings'] },
    { name: 'listings', roots: ['services/listings'], databases: ['listings'] },
  ],
};
const tables = {
  'services/bookings/migrations/20240112080000_bookings.js':
    "exports.up = (knex) => knex.schema.createTable('bookings', (t) => { t.increments('id'); t.integer('listing_id'); });",
  'services/listings/migrations/20240110101010_listings.js':
    "exports.up = (knex) => knex.schema.createTable('listings', (t) => { t.increments('id'); t.integer('nightly_price_cents'); });",
};
/** bookings' models: its own table through the registry, listings' through the registry and through extend and a class. */
const models = {
  ...tables,
  'services/bookings/src/models.js': [
    "const knex = require('knex')({ client: 'pg' });",
    "const bookshelf = require('bookshelf')(knex);",
    "const Booking = bookshelf.model('Booking', { tableName: 'bookings' });",
    "const Listing = bookshelf.model('Listing', { tableName: 'listings' });",
    "const Place = bookshelf.Model.extend({ tableName: 'listings' });",
    "class Stay extends bookshelf.Model { get tableName() { return 'listings'; } }",
    'module.exports = { Booking, Listing, Place, Stay };',
  ].join('\n'),
};

/** Where `symbol` (or `marker`'s `symbol`) is on line `line` of `lines`: the finding of bookings' access to listings. */
function accessAt(lines: readonly string[], line: number, marker: string, symbol: string, verb: string) {
  const at = lines[line - 1].indexOf(marker);
  if (at < 0 || !marker.includes(symbol)) throw new Error(`'${marker}' is not on line ${line}`);
  const column = at + marker.indexOf(symbol) + 1;
  return {
    messageId: 'foreignTable',
    data: { service: 'bookings', verb, table: 'listings', owner: 'listings' },
    line,
    column,
    endLine: line,
    endColumn: column + symbol.length,
  };
}

const uses = [
  "const { Listing, Place, Stay } = require('./models');",
  'exports.price = async (id) => (await Listing.where({ id }).fetch()).get("nightly_price_cents");',
  'exports.add = (attrs) => Place.forge(attrs).save();',
  'exports.reprice = (id, cents) => new Stay({ id }).save({ nightly_price_cents: cents }, { patch: true });',
  'exports.remove = (id) => new Listing({ id }).destroy();',
  "exports.registry = (bookshelf, id) => bookshelf.model('Listing').where({ id }).fetchAll();",
];

const zapatos = [
  "import * as db from 'zapatos/db';",
  "import { deletes } from 'zapatos/db';",
  "import pg from 'pg';",
  'const pool = new pg.Pool();',
  "export const owner = (id: number) => db.selectOne('listings', { id }, { columns: ['title'] }).run(pool);",
  "export const touch = (id: number) => db.update('listings', { title: 'x' }, { id }).run(pool);",
  "export const add = () => db.insert('listings', { title: 'y' }).run(pool);",
  "export const drop = (id: number) => deletes('listings', { id }).run(pool);",
];

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "Bookshelf: the service's own model of its own table, and models of another service's table that nothing uses, report nothing",
      filename: 'services/bookings/src/book.js',
      code: [
        "const { Booking } = require('./models');",
        'exports.book = (attrs) => Booking.forge(attrs).save();',
        'exports.mine = (id) => new Booking({ id }).fetch({ require: true });',
      ].join('\n'),
      files: models,
      config: rental,
    },
    {
      name: "Zapatos: shortcuts on the service's own table, and another library's select('listings') are no access",
      filename: 'services/bookings/src/own.ts',
      code: [
        "import * as db from 'zapatos/db';",
        "import { select } from './local-helpers';",
        "export const mine = () => db.select('bookings', db.all).run(pool);",
        "export const other = () => select('listings', { limit: 1 });",
        "export const dom = (el: any) => el.select('listings');",
      ].join('\n'),
      files: tables,
      config: rental,
    },
  ],
  invalid: [
    {
      name: "Bookshelf (HELDOUT6 #5): uses of models of another service's table — statics, instances and the registry — with their chain's action",
      filename: 'services/bookings/src/index.js',
      code: uses.join('\n'),
      files: models,
      config: rental,
      errors: [
        accessAt(uses, 2, 'Listing.where', 'Listing', 'reads'),
        accessAt(uses, 3, 'Place.forge', 'Place', 'inserts into'),
        accessAt(uses, 4, 'Stay(', 'Stay', 'updates'),
        accessAt(uses, 5, 'Listing(', 'Listing', 'deletes from'),
        accessAt(uses, 6, "'Listing'", "'Listing'", 'reads'),
      ],
    },
    {
      name: "Zapatos (HELDOUT6 #12): a namespace's selectOne / update / insert and an imported deletes name another service's table",
      filename: 'services/bookings/src/listings.ts',
      code: zapatos.join('\n'),
      files: tables,
      config: rental,
      errors: [
        accessAt(zapatos, 5, "'listings'", 'listings', 'reads'),
        accessAt(zapatos, 6, "'listings'", 'listings', 'updates'),
        accessAt(zapatos, 7, "'listings'", 'listings', 'inserts into'),
        accessAt(zapatos, 8, "'listings'", 'listings', 'deletes from'),
      ],
    },
    {
      name: "Zapatos through require('zapatos/db'): a count of another service's table",
      filename: 'services/bookings/src/stats.js',
      code: "const db = require('zapatos/db');\nexports.n = (pool) => db.count('listings', db.all).run(pool);",
      files: tables,
      config: rental,
      errors: [
        {
          messageId: 'foreignTable',
          data: { service: 'bookings', verb: 'reads', table: 'listings', owner: 'listings' },
          line: 2,
          column: 33,
          endLine: 2,
          endColumn: 41,
        },
      ],
    },
  ],
});
