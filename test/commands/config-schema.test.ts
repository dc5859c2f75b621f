import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
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

  it('a "mariadb" dialect is an error saying what to write; any other unknown dialect names the allowed values', () => {
    const mariadb = 'write "mysql" for MariaDB (a service whose driver, ORM option, URL or compose image says MariaDB accepts its syntax)';
    expect(() => parseConfigText('{ "dialect": "MariaDB", "services": [] }', 'c.json')).toThrow(
      `dialect: expected one of "mysql"|"postgresql": ${mariadb}`,
    );
    expect(() => parseConfigText('{ "services": [{ "name": "a", "roots": ["a"], "dialect": "mariadb" }] }', 'c.json')).toThrow(
      `services[0].dialect: expected one of "mysql"|"postgresql": ${mariadb}`,
    );
    expect(() => parseConfigText('{ "dialect": "postgres" }', 'c.json')).toThrow(
      'dialect: Invalid option: expected one of "mysql"|"postgresql"',
    );
  });
});
