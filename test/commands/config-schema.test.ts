import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { CONFIG_ENGINES } from '../../src/config/schema.js';
import { UNPARSED_ENGINE_NAMES } from '../../src/analysis/database-packages.js';
import { CONFIG_SCHEMA_PATH, renderConfigSchema } from '../../src/commands/config-schema.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shipped = readFileSync(path.join(root, CONFIG_SCHEMA_PATH), 'utf8');

describe('schema/config.schema.json', () => {
  it('equals configJsonSchema() (regenerate: node --import tsx scripts/generate-config-schema.ts)', () => {
    expect(shipped).toBe(renderConfigSchema());
  });

  it('accepts the sample monorepo config and rejects an unknown key', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(shipped));
    const sampleFile = path.join(root, 'fixtures/sample-monorepo/nilecare-lint.config.json');
    const sample = parseConfigText(readFileSync(sampleFile, 'utf8'), sampleFile);
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ services: [{ name: 'a', roots: ['a'], owner: 'b' }] })).toBe(false);
  });

  const allowed =
    'expected one of "mysql"|"postgresql"|"sqlserver"|"oracle"|"sqlite"|"clickhouse"|"duckdb"|"snowflake"|"bigquery"|"cassandra"|"dynamodb"';

  it('a "mariadb" dialect, or another name of an engine, is an error saying what to write; any other names the allowed values', () => {
    const mariadb = 'write "mysql" for MariaDB (a service whose driver, ORM option, URL or compose image says MariaDB accepts its syntax)';
    expect(() => parseConfigText('{ "dialect": "MariaDB", "services": [] }', 'c.json')).toThrow(`dialect: ${allowed}: ${mariadb}`);
    expect(() => parseConfigText('{ "services": [{ "name": "a", "roots": ["a"], "dialect": "mariadb" }] }', 'c.json')).toThrow(
      `services[0].dialect: ${allowed}: ${mariadb}`,
    );
    expect(() => parseConfigText('{ "dialect": "postgres" }', 'c.json')).toThrow(`dialect: ${allowed}: write "postgresql"`);
    expect(() => parseConfigText('{ "services": [{ "name": "a", "roots": ["a"], "dialect": "mssql" }] }', 'c.json')).toThrow(
      `services[0].dialect: ${allowed}: write "sqlserver"`,
    );
    expect(() => parseConfigText('{ "schemaFiles": [{ "files": "db/*.sql", "database": "d", "dialect": "informix" }] }', 'c.json')).toThrow(
      `schemaFiles[0].dialect: ${allowed}`,
    );
    expect(() => parseConfigText('{ "dialect": 3 }', 'c.json')).toThrow(`dialect: ${allowed}`);
  });

  it('accepts every engine the model holds, in each place a dialect is set, and the shipped schema lists the same', () => {
    expect([...CONFIG_ENGINES].sort()).toEqual(['mysql', 'postgresql', ...Object.keys(UNPARSED_ENGINE_NAMES)].sort());
    const validate = new Ajv({ strict: false }).compile(JSON.parse(shipped));
    for (const engine of CONFIG_ENGINES) {
      const config = {
        dialect: engine,
        services: [{ name: 'a', roots: ['a'], dialect: engine }],
        schemaFiles: [{ files: 'db/*.sql', database: 'd', dialect: engine }],
      };
      expect(parseConfigText(JSON.stringify(config), 'c.json')).toMatchObject(config);
      expect(validate(config), `${engine}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ dialect: 'informix' })).toBe(false);
  });
});
