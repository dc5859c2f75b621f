import { describe, expect, it } from 'vitest';
import { analyzeFile, loadScriptAnalysers } from '../../src/analysis/analyze-file.js';
import { isServerlessConfig, parseServerlessConfig } from '../../src/analysis/serverless-config.js';

// Scripts are parsed with TypeScript, which a run loads only when it has one to parse.
await loadScriptAnalysers();

const TEXT = [
  'service: payouts',
  'provider:',
  '  name: aws',
  '  environment:',
  '    DB_NAME: payouts',
  '    DB_PORT: 3306',
  '    DB_PASSWORD: ${ssm:/ridebook/${sls:stage}/payouts/db-password}',
  '    DB_HOST: !GetAtt PayoutsCluster.Endpoint.Address',
  '    DB_USER:',
  '      Ref: DbUser',
  'functions:',
  '  weekly:',
  '    handler: handler.weekly',
  '    environment:',
  '      TRIPS_DB_NAME: trips',
  '  daily:',
  '    handler: handler.daily',
  'resources:',
  '  Resources:',
  '    PayoutsCluster:',
  '      Type: AWS::RDS::DBCluster',
  '      Properties:',
  '        Engine: aurora-mysql',
  '        DatabaseName: payouts',
  '        MasterUsername: ridebook',
  '    Reports:',
  '      Type: AWS::RDS::DBInstance',
  '      Properties:',
  '        DBName: reports',
  '    Bucket:',
  '      Type: AWS::S3::Bucket',
  '      Properties:',
  '        BucketName: payouts-exports',
  '',
].join('\n');

/** Each connection with its entries as `key=value @ text the value span covers`. */
function read(text: string) {
  return parseServerlessConfig(text)?.connections?.map((c) => ({
    name: c.name,
    ...(c.type ? { type: c.type } : {}),
    ...(c.environment ? { environment: true } : {}),
    entries: c.entries.map((e) => `${e.key}=${e.value} @ ${text.slice(e.valueSpan.start, e.valueSpan.end)}`),
  }));
}

describe('Serverless Framework serverless.yml', () => {
  it('knows it by name', () => {
    expect(['serverless.yml', 'services/trips/serverless.yaml'].every(isServerlessConfig)).toBe(true);
    expect(['serverless-compose.yml', 'services/trips/serverless.config.ts', 'my-serverless.yml'].some(isServerlessConfig)).toBe(false);
  });

  it('reads the environments and the RDS resources; tags and intrinsic maps are references, kept out', () => {
    expect(read(TEXT)).toEqual([
      {
        name: 'provider.environment',
        environment: true,
        entries: [
          'DB_NAME=payouts @ payouts',
          'DB_PORT=3306 @ 3306',
          'DB_PASSWORD=${ssm:/ridebook/${sls:stage}/payouts/db-password} @ ${ssm:/ridebook/${sls:stage}/payouts/db-password}',
        ],
      },
      { name: 'functions.weekly.environment', environment: true, entries: ['TRIPS_DB_NAME=trips @ trips'] },
      { name: 'PayoutsCluster', type: 'aurora-mysql', entries: ['DatabaseName=payouts @ payouts'] },
      { name: 'Reports', entries: ['DBName=reports @ reports'] },
    ]);
  });

  it('yields nothing for a file without environment or database, or that does not parse', () => {
    expect(parseServerlessConfig('service: web\nprovider:\n  name: aws\n')).toBeUndefined();
    expect(parseServerlessConfig('provider:\n  environment:\n    DB_NAME: [unclosed\n')).toBeUndefined();
    expect(parseServerlessConfig('- a\n- b\n')).toBeUndefined();
  });

  it('keeps no literal secret in the facts of the file', () => {
    const text = 'provider:\n  environment:\n    DB_PASSWORD: Sl5-literal-pw\n';
    const facts = analyzeFile('services/trips/serverless.yml', text, { defaultDialect: 'mysql', sqlCallees: [], hash: '' });
    const entry = facts.ormConfig?.connections?.[0].entries[0];
    expect(entry?.key).toBe('DB_PASSWORD');
    expect(entry?.value).toBeUndefined();
    expect(entry?.secret?.kind).toBe('literal');
    expect(JSON.stringify(facts.ormConfig)).not.toContain('Sl5-literal');
  });
});

/** The connections of a serverless.ts / .json / .yml as analyzeFile yields them, each entry with the text its value span covers. */
function readFile(path: string, text: string) {
  const facts = analyzeFile(path, text, { defaultDialect: 'mysql', sqlCallees: [], hash: '' });
  return {
    facts,
    connections: facts.ormConfig?.connections?.map((c) => ({
      name: c.name,
      ...(c.type ? { type: c.type } : {}),
      ...(c.environment ? { environment: true } : {}),
      entries: c.entries.map(
        (e) => `${e.key}=${e.value ?? `<${e.secret?.kind ?? '?'}>`} @ ${text.slice(e.valueSpan.start, e.valueSpan.end)}`,
      ),
    })),
  };
}

const SERVERLESS_TS = [
  "import type { AWS } from '@serverless/typescript';",
  "import { settle } from './src/functions';",
  '',
  'const stage = \'${opt:stage, "dev"}\';',
  'const custom = {',
  "  dbName: 'payouts',",
  "  reportsDb: '${self:custom.dbName}',",
  '};',
  '',
  'const serverlessConfiguration: AWS = {',
  "  service: 'ridebook-payouts',",
  '  custom,',
  '  provider: {',
  "    name: 'aws',",
  '    stage,',
  '    environment: {',
  "      DB_NAME: '${self:custom.dbName}',",
  '      DB_HOST: \'${env:DB_HOST, "localhost"}\',',
  "      DB_USER: '${env:DB_USER}',",
  '      DB_PASSWORD: "${env:DB_PASSWORD, \'Pw-fallback-77\'}",',
  '      DB_PORT: 3306,',
  '      TRIPS_DB: process.env.TRIPS_DB,',
  "      REPORTS_DB_NAME: '${self:custom.reportsDb}',",
  "      LOG_PREFIX: 'payouts-${sls:stage}',",
  "      MISSING: '${self:custom.nope}',",
  '    },',
  '  },',
  '  functions: { settle, weekly: { handler: "src/weekly.handler", environment: { ...shared, TRIPS_DB_NAME: `trips` } } },',
  '  resources: {',
  '    Resources: {',
  '      PayoutsCluster: {',
  "        Type: 'AWS::RDS::DBCluster',",
  "        Properties: { Engine: 'aurora-postgresql', DatabaseName: '${self:custom.dbName}', MasterUserPassword: 'Rds-master-pw-9' },",
  '      },',
  "      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'exports' } },",
  '    },',
  '  },',
  '} satisfies AWS;',
  '',
  'module.exports = serverlessConfiguration;',
  '',
].join('\n');

describe('serverless.ts and serverless.json', () => {
  it('knows them by name', () => {
    expect(['serverless.json', 'services/trips/serverless.ts', 'serverless.mjs'].every(isServerlessConfig)).toBe(true);
    expect(['serverless.config.ts', 'services/trips/serverless.d.ts', 'my-serverless.json'].some(isServerlessConfig)).toBe(false);
  });

  it("reads serverless.ts's exported object literal with the TypeScript parser: ${self:…} and literal fallbacks resolved in the file, the rest references", () => {
    const { facts, connections } = readFile('services/payouts/serverless.ts', SERVERLESS_TS);
    expect(connections).toEqual([
      {
        name: 'provider.environment',
        environment: true,
        entries: [
          // Where the value is written: the custom literal, the fallback inside the string.
          "DB_NAME=payouts @ 'payouts'",
          'DB_HOST=localhost @ "localhost"',
          "DB_USER=${env:DB_USER} @ '${env:DB_USER}'",
          "DB_PASSWORD=<literal> @ 'Pw-fallback-77'",
          'DB_PORT=3306 @ 3306',
          // Through two ${self:…} hops.
          "REPORTS_DB_NAME=payouts @ 'payouts'",
          "LOG_PREFIX=payouts-${sls:stage} @ 'payouts-${sls:stage}'",
          "MISSING=${self:custom.nope} @ '${self:custom.nope}'",
        ],
      },
      { name: 'functions.weekly.environment', environment: true, entries: ['TRIPS_DB_NAME=trips @ `trips`'] },
      {
        name: 'PayoutsCluster',
        type: 'aurora-postgresql',
        entries: ["DatabaseName=payouts @ 'payouts'", "MasterUserPassword=<literal> @ 'Rds-master-pw-9'"],
      },
    ]);
    // The script's own facts are still read (its imports), and no password is kept.
    expect(facts.script?.imports.map((i) => i.specifier)).toContain('./src/functions');
    expect(JSON.stringify({ ...facts, text: undefined })).not.toMatch(/Pw-fallback-77|Rds-master-pw-9/);
  });

  it('reads export default and export = of a literal, and nothing from a config it cannot see', () => {
    const direct = "export default { provider: { environment: { DB_NAME: 'trips' } } } as const;\n";
    expect(readFile('serverless.ts', direct).connections).toEqual([
      { name: 'provider.environment', environment: true, entries: ["DB_NAME=trips @ 'trips'"] },
    ]);
    expect(readFile('serverless.js', "module.exports = { provider: { environment: { DB_NAME: 'trips' } } };\n").connections).toHaveLength(
      1,
    );
    // Built by a function, imported, or a self-reference loop: no value.
    expect(readFile('serverless.ts', "import base from './base';\nexport default { ...base };\n").facts.ormConfig).toBeUndefined();
    expect(readFile('serverless.ts', 'export default build({ provider: {} });\n').facts.ormConfig).toBeUndefined();
    const loop =
      "const custom = { a: '${self:custom.b}', b: '${self:custom.a}' };\nexport default { custom, provider: { environment: { DB_NAME: '${self:custom.a}' } } };\n";
    expect(readFile('serverless.ts', loop).connections?.[0].entries).toEqual(["DB_NAME=${self:custom.a} @ '${self:custom.a}'"]);
    // Another file named otherwise is no Serverless config.
    expect(readFile('src/config.ts', direct).facts.ormConfig).toBeUndefined();
  });

  it('reads serverless.json like serverless.yml, with the same variables resolved', () => {
    const text = JSON.stringify(
      {
        service: 'trips',
        custom: { db: { name: 'trips' } },
        provider: { name: 'aws', environment: { DB_NAME: '${self:custom.db.name}', DB_PASSWORD: '${ssm:/trips/db-password}' } },
        resources: {
          Resources: {
            Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', DBName: 'trips', MasterUserPassword: 'Json-master-pw-3' } },
          },
        },
      },
      null,
      2,
    );
    expect(readFile('services/trips/serverless.json', text).connections).toEqual([
      {
        name: 'provider.environment',
        environment: true,
        entries: ['DB_NAME=trips @ "trips"', 'DB_PASSWORD=<reference> @ "${ssm:/trips/db-password}"'],
      },
      { name: 'Db', type: 'mysql', entries: ['DBName=trips @ "trips"', 'MasterUserPassword=<literal> @ "Json-master-pw-3"'] },
    ]);
    expect(readFile('serverless.json', '{ "provider": ').facts.ormConfig).toBeUndefined();
  });

  it('resolves ${self:…} in serverless.yml too', () => {
    const text =
      "custom:\n  dbName: trips\nprovider:\n  environment:\n    DB_NAME: ${self:custom.dbName}\n    DB_PASSWORD: ${env:DB_PASSWORD, 'yml-fallback-pw'}\n";
    expect(readFile('serverless.yml', text).connections).toEqual([
      { name: 'provider.environment', environment: true, entries: ['DB_NAME=trips @ trips', "DB_PASSWORD=<literal> @ 'yml-fallback-pw'"] },
    ]);
  });
});
