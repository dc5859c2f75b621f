import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { isOrmConfigFile, parseOrmConfig } from '../../src/analysis/orm-config.js';

/** Globs and engines with the text their spans cover. */
function read(path: string, text: string) {
  const facts = parseOrmConfig(path, text);
  return (
    facts && {
      globs: facts.entityGlobs.map((g) => ({
        pattern: g.pattern,
        relativeTo: g.relativeTo,
        at: text.slice(g.fileSpan.start, g.fileSpan.end),
      })),
      engines: facts.engines.map((e) => `${e.type} @ ${text.slice(e.span.start, e.span.end)}`),
    }
  );
}

describe("TypeORM's ormconfig files", () => {
  it('knows them by name, not .js/.ts (scripts) nor other JSON', () => {
    expect(['ormconfig.json', 'services/a/ormconfig.yml', 'a/ORMCONFIG.yaml'].every(isOrmConfigFile)).toBe(true);
    expect(['ormconfig.js', 'ormconfig.ts', 'a/ormconfig.json.bak', 'a/tsconfig.json', 'a/my-ormconfig.json'].some(isOrmConfigFile)).toBe(
      false,
    );
  });

  it('reads one JSON connection: entity globs from the working directory, its type, spans with quotes', () => {
    const text = '{\n  "type": "postgres",\n  "entities": ["./dist/**/*.entity.js", "src/entity/", "../../libs/db/src/*.entity.ts"]\n}\n';
    expect(read('services/a/ormconfig.json', text)).toEqual({
      globs: [
        { pattern: 'dist/**/*.entity.js', relativeTo: 'cwd', at: '"./dist/**/*.entity.js"' },
        { pattern: '../../libs/db/src/*.entity.ts', relativeTo: 'cwd', at: '"../../libs/db/src/*.entity.ts"' },
      ],
      engines: ['postgres @ "postgres"'],
    });
  });

  it('reads a JSON list of named connections', () => {
    const text = '[{ "name": "default", "type": "mysql", "entities": ["dist/a/*.js"] }, { "name": "audit", "type": "mariadb" }]';
    expect(read('ormconfig.json', text)?.engines).toEqual(['mysql @ "mysql"', 'mariadb @ "mariadb"']);
    expect(read('ormconfig.json', text)?.globs.map((g) => g.pattern)).toEqual(['dist/a/*.js']);
  });

  it('says per TypeORM connection whether it synchronizes: only a literal true does (unset is TypeORM default, off)', () => {
    const json =
      '[{ "type": "mysql", "synchronize": true }, { "type": "mysql", "synchronize": "true" }, { "entities": ["dist/*.js"] }, { "url": "x" }]';
    expect(parseOrmConfig('ormconfig.json', json)?.schemaSync).toEqual([true, false, false]);
    const yaml = 'default:\n  type: postgres\n  synchronize: true\nreporting:\n  type: postgres\n  synchronize: false\n';
    expect(parseOrmConfig('ormconfig.yml', yaml)?.schemaSync).toEqual([true, false]);
    expect(parseOrmConfig('ormconfig.json', '{ "url": "postgres://db/x" }')?.schemaSync).toBeUndefined();
  });

  it('reads YAML as TypeORM does: connection names mapped to their options', () => {
    const text = [
      'default:',
      '  type: postgres',
      '  entities:',
      '    - "src/entities/*.entity.ts"',
      'reporting:',
      "  type: 'postgres'",
      '',
    ].join('\n');
    expect(read('ormconfig.yml', text)).toEqual({
      globs: [{ pattern: 'src/entities/*.entity.ts', relativeTo: 'cwd', at: '"src/entities/*.entity.ts"' }],
      engines: ['postgres @ postgres', "postgres @ 'postgres'"],
    });
  });

  it("keeps each connection's database, host, url and schema (string values, spans with quotes in JSON), with its type", () => {
    const text =
      '[{ "type": "postgres", "host": "shop-db", "port": 5432, "database": "shop", "schema": "inventory" }, { "name": "audit", "database": 7 }]';
    const connections = parseOrmConfig('ormconfig.json', text)?.connections?.map((c) => ({
      type: c.type,
      settings: c.entries.map((e) => `${e.key}=${e.value} @ ${text.slice(e.valueSpan.start, e.valueSpan.end)}`),
    }));
    expect(connections).toEqual([
      { type: 'postgres', settings: ['host=shop-db @ "shop-db"', 'database=shop @ "shop"', 'schema=inventory @ "inventory"'] },
    ]);
    const yaml = 'default:\n  type: mysql\n  url: mysql://app@db:3306/orders\n  database: 3\n';
    expect(parseOrmConfig('ormconfig.yml', yaml)?.connections).toEqual([
      {
        name: 'default',
        type: 'mysql',
        entries: [{ key: 'url', value: 'mysql://app@db:3306/orders', keySpan: { start: 25, end: 28 }, valueSpan: { start: 30, end: 56 } }],
      },
    ]);
  });

  it("a connection URL's password never reaches the facts: masked, described as a secret", () => {
    const text = '{ "type": "postgres", "url": "postgres://orders:S3cr3t-pw@shop-db:5432/shop" }';
    const facts = analyzeFile('services/orders/ormconfig.json', text, { defaultDialect: 'postgresql', sqlCallees: [], hash: '' });
    const [url] = facts.ormConfig!.connections![0].entries;
    expect(url.value).toBe('postgres://orders:*********@shop-db:5432/shop');
    expect(url.secretsInValue).toHaveLength(1);
    // The file's text is the one field that holds it (kept for directives, never stored).
    const { text: _text, ...kept } = facts;
    expect(JSON.stringify(kept)).not.toContain('S3cr3t');
  });

  it("keeps a connection's name and its password, which the analysis describes and never keeps", () => {
    const text = '{ "name": "default", "type": "mysql", "username": "pharmacy", "password": "ph4rm-Secret!", "database": "pharmacy" }';
    const parsed = parseOrmConfig('ormconfig.json', text)?.connections?.[0];
    expect(parsed?.name).toBe('default');
    expect(parsed?.entries.map((e) => `${e.key} @ ${text.slice(e.valueSpan.start, e.valueSpan.end)}`)).toEqual([
      'password @ "ph4rm-Secret!"',
      'database @ "pharmacy"',
    ]);
    const facts = analyzeFile('services/pharmacy/ormconfig.json', text, { defaultDialect: 'mysql', sqlCallees: [], hash: '' });
    const password = facts.ormConfig!.connections![0].entries.find((e) => e.key === 'password')!;
    expect(password).toMatchObject({ secret: { kind: 'literal', length: '8-15' } });
    expect(password.value).toBeUndefined();
    const { text: _text, ...kept } = facts;
    expect(JSON.stringify(kept)).not.toContain('ph4rm');
    // `null` is no string: nothing to describe.
    expect(
      parseOrmConfig('ormconfig.json', '{ "type": "mysql", "password": null, "database": "x" }')?.connections?.[0].entries,
    ).toHaveLength(1);
  });

  it('yields nothing for files that do not parse or name nothing, without throwing', () => {
    expect(parseOrmConfig('ormconfig.json', '{ "type": ')).toBeUndefined();
    expect(parseOrmConfig('ormconfig.yml', 'default: [unclosed')).toBeUndefined();
    expect(parseOrmConfig('ormconfig.json', '{ "synchronize": true }')).toBeUndefined();
    expect(parseOrmConfig('ormconfig.json', '"just a string"')).toBeUndefined();
  });
});
