/**
 * Secrets never leave the analysis (issue 13): the repository is built in the test with planted
 * values (bench/hostile/secrets.ts), the CLI is run, and every output and written file is searched
 * for each value, every 6-character fragment of it and its base64 (`findLeaks`).
 * End to end by nature (the whole tool over repositories on disk: ~30 CLI runs, the cache, the
 * files init and -o write), so in the e2e project; the unit suite keeps redaction through the
 * pipeline in memory, every reporter included (test/rules/no-hardcoded-credentials.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLeaks, PLANTED, secretCorpus } from '../../bench/hostile/secrets.js';
import { CONFIG_FILE, SUPPRESSIONS_FILE, writeBaseRepo } from '../../bench/hostile/repo.js';
import { tempDir } from '../temp-dirs.js';
import { cli, jsonDiagnostics } from '../robustness/helpers.js';

describe('a connection URL whose password holds a raw / (issue 13, row 9)', () => {
  const tail = PLANTED.urlTail.value;
  const env = `DB_HOST=billing-db\nDB_USER=billing\nDATABASE_URL=postgres://app:${tail}@db:5432/billing\n`;

  it('map and init print the database, never a part of the password; lint reports the password', async () => {
    const dir = tempDir('nilecare-row9-');
    writeBaseRepo(dir, { config: false, extra: { 'services/billing-service/.env': env } });
    const map = await cli(['map', '--cwd', dir]);
    const mapJson = await cli(['map', '--cwd', dir, '-f', 'json']);
    const init = await cli(['init', '--cwd', dir]);
    const lint = await cli(['--cwd', dir, '-f', 'json']);
    const outputs = [
      { where: 'map', text: map.stdout + map.stderr },
      { where: 'map -f json', text: mapJson.stdout + mapJson.stderr },
      { where: 'init', text: init.stdout + init.stderr },
      { where: 'config written by init', text: readFileSync(path.join(dir, 'nilecare-lint.config.json'), 'utf8') },
      { where: 'lint', text: lint.stdout + lint.stderr },
    ];
    // `Secret` (a fragment of the value) is also a word of the tool's own messages.
    expect(findLeaks(outputs, [tail], new Set(['Secret']))).toEqual([]);
    expect(map.code).toBe(0);
    const map_ = JSON.parse(mapJson.stdout) as { services: Array<{ name: string; databases: string[] }> };
    expect(map_.services.find((s) => s.name === 'billing-service')?.databases).toEqual(['billing']);
    const line = env.split('\n')[2];
    const findings = (JSON.parse(lint.stdout) as { results: Array<{ filePath: string; messages: Array<Record<string, unknown>> }> }).results
      .filter((r) => r.filePath.endsWith('services/billing-service/.env'))
      .flatMap((r) => r.messages)
      .filter((m) => m.ruleId === 'no-hardcoded-credentials');
    expect(findings).toMatchObject([
      { line: 3, column: line.indexOf(tail) + 1, endLine: 3, endColumn: line.indexOf(tail) + tail.length + 1 },
    ]);
  });
});

/** Shapes beyond the hostile corpus's, each with its own value (random-looking: no fragment is a word of the tool's). */
const EXTRA = {
  base64Url: 'Hv4kWz8QmTc2Ln',
  envWrite: 'Ub6nXr3JsK9pFd',
  authOption: 'Oj2tGm7VbY5wQc',
  envProduction: 'Ie9sLd4PhN6zRk',
  setPassword: 'Aw5fTq8ZcM3xVj',
  roleEncrypted: 'Ek3yBn6RuH9gSp',
  brokenSql: 'Dm7cWv2KxP4tYh',
  tlsUrl: 'Nf8zQj5RbL2wGx',
  yamlConfig: 'Sg4hVn7TcX2kBm',
  adonisDefault: 'Wq6bRz3NcJ8vTf',
  nestDefault: 'Tz5hQm8KcW3nVr',
  composeDefault: 'Nc4vWq9TzK2mHp',
  composeUrlDefault: 'Kd7rXb3VnQ8wLs',
  serverlessEnv: 'Pk4xTd9MwB2qLs',
  serverlessRds: 'Jv7nHc3ZrQ5yKb',
  serverlessTsFallback: 'Gy5mKd8WqT3nBz',
  serverlessJsonRds: 'Lc9vPx4HtR7mWj',
  dbMigrate: 'Xw3kRb8TfN5qHs',
  kustomize: 'Bq7wNm2VcK9tRd',
  nodeConfig: 'Rt8cMw2XkF6vNd',
} as const;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Every secret-bearing shape the linter reads, with the files where each must have a finding (or the corpus went unseen). */
function extraTree(): Record<string, string> {
  return {
    'k8s/billing/secret-url.yaml':
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-url\ntype: Opaque\n' +
      `data:\n  DATABASE_URL: ${b64(`mysql://billing:${EXTRA.base64Url}@billing-db:3306/billing`)}\n`,
    'services/billing-service/src/bootstrap.ts':
      `process.env.DB_PASSWORD = '${EXTRA.envWrite}';\n` +
      `export const mongo = new MongoClient(uri, { auth: 'billing:${EXTRA.authOption}' });\n`,
    'services/billing-service/.env.production': `API_KEY=${EXTRA.envProduction}\n`,
    'services/billing-service/migrations/V3__rotate.sql': `SET PASSWORD FOR 'billing_app'@'%' = '${EXTRA.setPassword}';\n`,
    'services/clinical-service/migrations/V3__roles.sql':
      `CREATE ROLE reporting WITH LOGIN ENCRYPTED PASSWORD '${EXTRA.roleEncrypted}';\n` +
      // The parser fails on this statement: its error must not quote the password.
      `CREATE USER broken WITH PASSWORD '${EXTRA.brokenSql}' NOT A VALID OPTION;\n`,
    'services/clinical-service/config/default.yaml': `database:\n  url: postgres://clinical:${EXTRA.yamlConfig}@clinical-db:5432/clinical\n`,
    'services/billing-service/config/database.ts': `import env from '#start/env';\nexport const password = env.get('DB_PASSWORD', '${EXTRA.adonisDefault}');\n`,
    'docker-compose.prod.yml': `services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-${EXTRA.composeDefault}}\n  billing-service:\n    environment:\n      DATABASE_URL: postgres://billing:\${BILLING_DB_PASSWORD:-${EXTRA.composeUrlDefault}}@db:5432/billing\n`,
    'services/clinical-service/src/app.module.ts': `import { ConfigService } from '@nestjs/config';\nexport const options = (config: ConfigService) => ({ password: config.get('DB_PASSWORD', '${EXTRA.nestDefault}') });\n`,
    'services/billing-service/serverless.yml':
      `service: billing\nprovider:\n  environment:\n    DB_PASSWORD: ${EXTRA.serverlessEnv}\n` +
      `resources:\n  Resources:\n    Db:\n      Type: AWS::RDS::DBCluster\n      Properties:\n        MasterUserPassword: ${EXTRA.serverlessRds}\n`,
    // serverless.ts: a variable's literal fallback; serverless.json: a password through ${self:custom.…}.
    'services/clinical-service/serverless.ts': `export default {\n  provider: { environment: { DB_PASSWORD: "\${env:DB_PASSWORD, '${EXTRA.serverlessTsFallback}'}" } },\n};\n`,
    'services/clinical-service/serverless.json': JSON.stringify({
      custom: { master: EXTRA.serverlessJsonRds },
      resources: {
        Resources: {
          Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBName: 'clinical', MasterUserPassword: '${self:custom.master}' } },
        },
      },
    }),
    'deploy/billing-service/kustomization.yaml': `kind: Kustomization\nsecretGenerator:\n  - name: billing-db\n    literals:\n      - DB_PASSWORD=${EXTRA.kustomize}\n`,
    'services/billing-service/database.json': `{ "prod": { "driver": "mysql", "password": "${EXTRA.dbMigrate}", "database": "billing" } }\n`,
    'services/billing-service/config/production.json': `{ "db": { "host": "billing-db", "password": "${EXTRA.nodeConfig}", "database": "billing" } }\n`,
    // no-insecure-db-tls reports this line: its default fingerprint is built from the line's text.
    'services/clinical-service/.env': `DATABASE_URL=postgres://clinical:${EXTRA.tlsUrl}@clinical-db:5432/clinical?sslmode=disable\n`,
  };
}

/** Every file under `dir` that is not one of `written` (the corpus): what the tool wrote, wherever it wrote it. */
function filesWrittenBesides(dir: string, written: ReadonlySet<string>): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const relative = path.relative(dir, full).split(path.sep).join('/');
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !written.has(relative)) out.push({ where: relative, text: readFileSync(full, 'latin1') });
    }
  };
  walk(dir);
  return out;
}

describe('the secret corpus: every shape, every output (issue 13, Done means 3)', () => {
  it('no planted value, 6-character fragment or base64 of one in any format, map, init, the cache, the suppressions file or a message', async () => {
    const dir = tempDir('nilecare-secrets-');
    const extra = extraTree();
    writeBaseRepo(dir, { config: false, extra: { ...secretCorpus(), ...extra } });
    const corpus = new Set(filesWrittenBesides(dir, new Set()).map((f) => f.where));
    const secrets = [...Object.values(PLANTED).map((s) => s.value), ...Object.values(EXTRA)];
    const outputs: Array<{ where: string; text: string }> = [];
    const run = async (args: string[]) => {
      const outcome = await cli(['--cwd', dir, ...args]);
      outputs.push({ where: args.join(' ') || 'stylish', text: outcome.stdout + outcome.stderr });
      return outcome;
    };

    const json = await run(['-f', 'json']);
    for (const format of ['stylish', 'sarif', 'github', 'gitlab', 'junit']) await run(['-f', format]);
    await run(['-f', 'sarif', '--sarif-include-suppressed', '-o', 'out/report.sarif']);
    for (const format of ['table', 'markdown', 'json']) await run(['map', '-f', format]);
    for (const format of ['mermaid', 'dot', 'html']) await run(['map', '-f', format, '--all-tables']);
    for (const format of ['table', 'markdown', 'json']) await run(['map', '--summary', '-f', format]);
    await run(['--print-config', 'services/billing-service/.env']);
    const cold = await run(['--cache', '-f', 'json']);
    const warm = await run(['--cache', '-f', 'json']);
    await run(['init', '--dry-run']);
    await run(['--suppress-all', '-f', 'json']);
    await run(['-f', 'json']);
    await run(['init']);
    await run(['-f', 'sarif']);
    const written = filesWrittenBesides(dir, corpus);

    // Vacuity guards: the corpus was seen, and the files that must be checked were written.
    const findings = jsonDiagnostics(json.stdout).filter(
      (d) => d.ruleId === 'no-hardcoded-credentials' || d.ruleId === 'no-unsafe-env-default',
    );
    const seen = new Set(findings.map((d) => d.file));
    const unseen = [...Object.keys(secretCorpus()), ...Object.keys(extra)].filter((file) => !seen.has(file));
    expect(unseen).toEqual([]);
    expect(written.map((f) => f.where)).toEqual(expect.arrayContaining(['out/report.sarif', SUPPRESSIONS_FILE, CONFIG_FILE]));
    expect(written.some((f) => /cache/i.test(f.where) && f.text.includes('fingerprint'))).toBe(true);
    // The warm run read the facts back from the cache, and found what the cold run found, related locations included.
    expect(warm.stdout).toBe(cold.stdout);
    expect(cold.stdout).toBe(json.stdout);

    // `Secret` (a fragment of hunter2/TailSecret99) is also a word of the tool's own messages.
    expect(findLeaks([...outputs, ...written], secrets, new Set(['Secret']))).toEqual([]);
  });

  it('the fingerprint of a finding on a line holding a password does not depend on the password', async () => {
    const fingerprints = async (password: string) => {
      const dir = tempDir('nilecare-secret-fp-');
      writeBaseRepo(dir, {
        extra: { 'services/clinical-service/.env': `DATABASE_URL=postgres://clinical:${password}@clinical-db/clinical?sslmode=disable\n` },
      });
      const { stdout } = await cli(['--cwd', dir, '-f', 'json']);
      return jsonDiagnostics(stdout)
        .filter((d) => d.file === 'services/clinical-service/.env')
        .map((d) => `${d.ruleId} ${d.fingerprint}`)
        .sort();
    };
    const first = await fingerprints('Rotated-0ne-Pass');
    expect(first.some((f) => f.startsWith('no-insecure-db-tls '))).toBe(true);
    expect(await fingerprints('Rotated-Tw0-Pass')).toEqual(first);
  });
});

describe('the same secret in two places, with a cache', () => {
  it('a file analysed now and a cached one still point at each other (one fingerprint key per cache)', async () => {
    const dir = tempDir('nilecare-secret-cache-');
    writeBaseRepo(dir, {
      extra: {
        'services/billing-service/.env': 'DB_PASSWORD=Same-Value-2024\n',
        'services/billing-service/src/fallback.ts': "export const p = process.env.DB_PASSWORD ?? 'Same-Value-2024';\n",
      },
    });
    const related = (stdout: string) =>
      (JSON.parse(stdout) as { results: Array<{ filePath: string; messages: Array<{ ruleId: string; related?: unknown[] }> }> }).results
        .flatMap((r) => r.messages.map((m) => ({ file: r.filePath, ruleId: m.ruleId, related: m.related })))
        .filter((m) => m.related && m.ruleId !== 'no-cross-service-query');
    await cli(['--cwd', dir, '--cache', '-f', 'json']);
    // One of the two files changes: it is analysed again, the other comes from the cache.
    writeBaseRepo(dir, { extra: { 'services/billing-service/.env': '# rotated soon\nDB_PASSWORD=Same-Value-2024\n' } });
    const warm = await cli(['--cwd', dir, '--cache', '-f', 'json']);
    const cold = await cli(['--cwd', dir, '-f', 'json']);
    expect(related(cold.stdout).map((m) => `${m.file} ${m.ruleId}`)).toEqual([
      'services/billing-service/.env no-hardcoded-credentials',
      'services/billing-service/src/fallback.ts no-unsafe-env-default',
    ]);
    expect(related(warm.stdout)).toEqual(related(cold.stdout));
  });
});
