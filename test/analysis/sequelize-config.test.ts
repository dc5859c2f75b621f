import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { isDefaultSequelizeConfig, parseSequelizeConfig } from '../../src/analysis/sequelize-config.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';

/** What `sequelize init` writes, with a production block filled in by hand. */
const CONFIG = `{
  "development": {
    "username": "root",
    "password": null,
    "database": "inventory",
    "host": "127.0.0.1",
    "dialect": "mysql"
  },
  "test": {
    "username": "root",
    "password": "",
    "database": "inventory_test",
    "host": "127.0.0.1",
    "dialect": "mysql"
  },
  "production": {
    "username": "inventory",
    "password": "Pr0d-pass-2023",
    "database": "inventory",
    "host": "mysql.internal",
    "dialect": "mysql",
    "pool": { "max": 10 }
  },
  "staging": { "use_env_variable": "DATABASE_URL", "dialect": "postgres" }
}
`;

describe('the Sequelize CLI connection file', () => {
  it('is config/config.json by default', () => {
    expect(isDefaultSequelizeConfig('backend/services/inventory/config/config.json')).toBe(true);
    expect(isDefaultSequelizeConfig('config/config.json')).toBe(true);
    expect(isDefaultSequelizeConfig('services/a/config.json')).toBe(false);
    expect(isDefaultSequelizeConfig('services/a/config/database.json')).toBe(false);
  });

  it("reads each environment's dialect, database, host and password, with spans (quotes included)", () => {
    const facts = parseSequelizeConfig(CONFIG)!;
    expect(facts.library).toBe('sequelize');
    expect(facts.engines.map((e) => `${e.key}=${e.type} @ ${CONFIG.slice(e.span.start, e.span.end)}`)).toEqual([
      'dialect=mysql @ "mysql"',
      'dialect=mysql @ "mysql"',
      'dialect=mysql @ "mysql"',
      'dialect=postgres @ "postgres"',
    ]);
    expect(facts.connections!.map((c) => `${c.name} ${c.type}: ${c.entries.map((e) => `${e.key}=${e.value}`).join(' ')}`)).toEqual([
      'development mysql: database=inventory host=127.0.0.1',
      'test mysql: password= database=inventory_test host=127.0.0.1',
      'production mysql: password=Pr0d-pass-2023 database=inventory host=mysql.internal',
      'staging postgres: ',
    ]);
  });

  it("the analysis describes the password and never keeps it; the file's settings name the service's database", () => {
    const facts = analyzeFile('services/inventory/config/config.json', CONFIG, { defaultDialect: 'mysql', sqlCallees: [], hash: '' });
    const production = facts.ormConfig!.connections!.find((c) => c.name === 'production')!;
    expect(production.entries.find((e) => e.key === 'password')).toMatchObject({ secret: { kind: 'literal', length: '8-15' } });
    const { text: _text, ...kept } = facts;
    expect(JSON.stringify(kept)).not.toContain('Pr0d-pass');
  });

  it('a config.json that holds no connection options is not one; bad JSON yields nothing', () => {
    expect(parseSequelizeConfig('{ "port": 8080, "features": { "beta": true } }')).toBeUndefined();
    expect(parseSequelizeConfig('{ "development": ')).toBeUndefined();
    expect(parseSequelizeConfig('[1, 2]')).toBeUndefined();
  });
});

describe('a service whose only connection settings are its config/config.json', () => {
  const sequelizeService = (database: string) => ({
    'package.json': '{ "dependencies": { "sequelize": "^6.37.0", "sequelize-cli": "^6.6.2" } }',
    'config/config.json': `{ "development": { "database": "${database}", "host": "db", "dialect": "postgres" }, "test": { "database": "${database}_test", "dialect": "postgres" } }\n`,
    'models/index.js': "const { Sequelize } = require('sequelize');\n",
  });
  const repo = (services: Record<string, Record<string, string>>) =>
    Object.fromEntries(
      Object.entries(services).flatMap(([name, files]) => Object.entries(files).map(([file, text]) => [`services/${name}/${file}`, text])),
    );

  it("connects to its environments' databases but the test one, with the dialect the file names; two services on one are sharing", async () => {
    const tree = memoryTree(
      repo({ accounts: sequelizeService('app'), shipping: sequelizeService('app'), billing: sequelizeService('billing') }),
    );
    const rules = Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off' as const]));
    const run = await lint({ cwd: tree.root, tree, config: { rules: { ...rules, 'no-shared-database': 'error' } } });
    expect(run.internalErrors).toEqual([]);
    const of = (name: string) => run.model.serviceByName(name)!;
    expect(
      of('billing').databases.map(
        (d) => `${d.name}:${d.kind} ${d.sources.map((s) => `${s.file}:${s.range.line}:${s.range.column} ${s.key}`)}`,
      ),
    ).toEqual(['billing:postgresql services/billing/config/config.json:1:32 database']);
    expect(of('billing').dialectDecision).toMatchObject({ dialect: 'postgresql' });
    expect(JSON.stringify(of('billing').dialectDecision)).toContain("dialect: 'postgres' in services/billing/config/config.json:1");
    expect(
      run.diagnostics
        .filter((d) => d.ruleId === 'no-shared-database')
        .map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`),
    ).toEqual(['services/accounts/config/config.json:1:32-1:37', 'services/shipping/config/config.json:1:32-1:37']);
  });
});
