/**
 * `--cache`: a warm run prints exactly what a cold run prints, parses only what changed,
 * and starts over when the tool version or the analysis settings (what the extractors read of the config) change.
 * In the e2e project: its subject is the cache file on disk (stamps, appended entries, damage) over copies of the
 * sample, ~50 lints and CLI runs (4.7 s of CPU at load 13, the largest unit file); what a cache may reuse is kept in
 * memory in `npm test` by test/workflow/facts-reuse.test.ts.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFactsCache } from '../../src/analysis/facts-cache.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { lint } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';
import { cli, makeRepo, paymentMigration, workflowConfig, writeFile, type CliOutcome } from '../workflow/helpers.js';

const sample = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sample-monorepo');
const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * Five files of two services, written now: for tests that count what the cache keeps (hits, misses), where
 * a copy of the sample (29 files) would cost every lint of the test six times as much for the same counts.
 */
const smallRepo = () =>
  makeRepo({
    ...paymentMigration,
    'services/billing/src/invoices.ts': "export const invoices = () => db.query('SELECT * FROM billing_invoices');\n",
    'services/billing/src/totals.ts': "export const totals = () => db.query('SELECT total FROM billing_invoices');\n",
    'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY, total INT);\n',
    'services/payment/src/charge.ts': "export const charge = () => db.query('SELECT amount FROM payments');\n",
  });

/** The sample's report without a cache, in JSON: the cold run two tests compare with, linted once. */
let sampleJson: Promise<CliOutcome> | undefined;
const coldSampleJson = () => (sampleJson ??= cli(sample, ['--format', 'json']));

describe('cold and warm runs print the same report, byte for byte', () => {
  it('fixtures/sample-monorepo, in JSON and SARIF (a generated repository: test/e2e/cache-generated.test.ts)', async () => {
    const location = path.join(temp('nilecare-cache-'), 'facts');
    const args = ['--cache', '--cache-location', location];
    const cold = await cli(sample, [...args, '--format', 'json']);
    expect(existsSync(location)).toBe(true);
    const warm = await cli(sample, [...args, '--format', 'json']);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
    expect(JSON.parse(warm.stdout).results.length).toBeGreaterThan(0);
    expect(cold).toEqual(await coldSampleJson());
    const coldSarif = await cli(sample, ['--format', 'sarif']);
    const warmSarif = await cli(sample, [...args, '--format', 'sarif']);
    expect(warmSarif.stdout).toBe(coldSarif.stdout);
  }, 120_000);
});

describe('what the cache reuses', () => {
  async function run(cwd: string, location: string, version = '1.0.0', config = workflowConfig) {
    const cache = FileFactsCache.open({ base: cwd, location, toolVersion: version });
    const result = await lint({ cwd, config, factsCache: cache });
    cache.save();
    return { cache, result };
  }

  it('a warm run parses nothing; a changed file is parsed again, alone', async () => {
    const cwd = temp('nilecare-cache-repo-');
    cpSync(sample, cwd, { recursive: true });
    const location = path.join(cwd, '.nilecare-lint-cache');
    const cold = await run(cwd, location);
    expect(cold.cache.hits).toBe(0);
    const files = cold.cache.misses;
    expect(files).toBeGreaterThan(10);

    const warm = await run(cwd, location);
    expect([warm.cache.hits, warm.cache.misses]).toEqual([files, 0]);

    writeFile(
      cwd,
      'services/billing-service/src/services/InvoiceService.ts',
      "export const x = () => db.query('SELECT * FROM payments');\n",
    );
    const edited = await run(cwd, location);
    expect([edited.cache.hits, edited.cache.misses]).toEqual([files - 1, 1]);
  });

  it('a new tool version or a changed config starts over', async () => {
    // Outside our checkout: inside it every run would also ask git for the files.
    const cwd = smallRepo();
    const location = path.join(temp('nilecare-cache-'), 'facts');
    const { cache } = await run(cwd, location);
    const files = cache.misses;
    expect(files).toBe(5);
    expect((await run(cwd, location, '1.0.1')).cache.hits).toBe(0);
    expect((await run(cwd, location, '1.0.1')).cache.hits).toBe(files);
    const changed = { ...workflowConfig, sqlCallees: ['runQuery'] };
    expect((await run(cwd, location, '1.0.1', changed)).cache.hits).toBe(0);
    expect((await run(cwd, location, '1.0.1', changed)).cache.hits).toBe(files);
    // Secret names decide which env defaults are secrets: the facts differ.
    const secrets = {
      ...changed,
      rules: { ...changed.rules, 'no-unsafe-env-default': ['error', { secretPatterns: ['^LEDGER_'] }] },
    } as NilecareConfig;
    expect((await run(cwd, location, '1.0.1', secrets)).cache.hits).toBe(0);
    expect((await run(cwd, location, '1.0.1', secrets)).cache.hits).toBe(files);
  });

  it('a config change the extractors do not read keeps every file: severities, services, ignores, the default dialect', async () => {
    const cwd = temp('nilecare-cache-config-');
    cpSync(sample, cwd, { recursive: true });
    const location = path.join(temp('nilecare-cache-'), 'facts');
    const files = (await run(cwd, location)).cache.misses;
    const edited: NilecareConfig = {
      ...workflowConfig,
      dialect: 'postgresql',
      services: workflowConfig.services?.slice(0, 1),
      ignores: ['nothing-here/**'],
      rules: { ...workflowConfig.rules, 'unknown-table': 'error', 'table-prefix': 'warn' },
    };
    const warm = await run(cwd, location, '1.0.0', edited);
    expect([warm.cache.hits, warm.cache.misses]).toEqual([files, 0]);
    // The same findings as a run without the cache: SQL read in the dialect decided now.
    const keys = (run: Awaited<ReturnType<typeof lint>>) =>
      run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column} ${d.message}`);
    const cold = await lint({ cwd, config: edited });
    expect(cold.diagnostics.length).toBeGreaterThan(0);
    expect(keys(warm.result)).toEqual(keys(cold));
  });

  it('stores no file text (line tables yes), and a folder location holds the cache inside it', async () => {
    const dir = temp('nilecare-cache-dir-');
    await cli(sample, ['--cache', '--cache-location', `${dir}/`]);
    const stored = readFileSync(path.join(dir, '.nilecare-lint-cache'), 'utf8');
    expect(stored).not.toContain('"text":"import');
    expect(stored).toContain('"lineStarts":[0,');
    expect(stored.split('\n')[0]).toMatch(/^\{"format":"nilecare-lint-facts\/\d+","toolVersion":"[^"]+","settings":/);
  });

  it('a damaged cache costs a cold run, not a failure', async () => {
    const location = path.join(temp('nilecare-cache-'), 'facts');
    const cold = await coldSampleJson();
    writeFile(path.dirname(location), 'facts', '{"format":"nilecare-lint-facts/1"\nnot json at all\n');
    const damaged = await cli(sample, ['--format', 'json', '--cache', '--cache-location', location]);
    expect(damaged.stdout).toBe(cold.stdout);
    expect(damaged.stderr).toBe('');
  });
});

/** Every file under `root` modified an hour ago: older than any cache a test writes, so its stamp is trusted. */
function ageFiles(root: string): void {
  const then = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), then, then);
}

describe('files unchanged since the cache saw them are not read', () => {
  async function run(cwd: string, location: string) {
    const cache = FileFactsCache.open({ base: cwd, location, toolVersion: '1.0.0' });
    const result = await lint({ cwd, config: workflowConfig, factsCache: cache });
    cache.save();
    return { cache, result };
  }
  const findings = (result: Awaited<ReturnType<typeof lint>>) =>
    result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`);

  it('an old file with its stamp is taken by its stamp; one edited in place (same size, old modification time) is read', async () => {
    const cwd = temp('nilecare-cache-stamps-');
    cpSync(sample, cwd, { recursive: true });
    ageFiles(cwd);
    const location = path.join(temp('nilecare-cache-'), 'facts');
    const cold = await run(cwd, location);
    const files = cold.cache.misses;
    const warm = await run(cwd, location);
    expect([warm.cache.hits, warm.cache.stampHits, warm.cache.misses]).toEqual([files, files, 0]);
    expect(findings(warm.result)).toEqual(findings(cold.result));

    // Same length, modification time put back: only the change time (and the content) tell.
    const file = 'services/billing-service/src/services/InvoiceService.ts';
    const before = statSync(path.join(cwd, file));
    const text = readFileSync(path.join(cwd, file), 'utf8');
    const edited = text.replace(/^.{0,60}$/m, (line) => `//${' '.repeat(Math.max(0, line.length - 2))}`.slice(0, line.length));
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFile(cwd, file, edited);
    utimesSync(path.join(cwd, file), before.atime, before.mtime);
    const after = await run(cwd, location);
    expect([after.cache.stampHits, after.cache.misses]).toEqual([files - 1, 1]);
    const fresh = await lint({ cwd, config: workflowConfig });
    expect(findings(after.result)).toEqual(findings(fresh));
  });

  it('facts taken by their stamp are decoded when read: a damaged entry found then costs the run again, never its findings', async () => {
    const cwd = temp('nilecare-cache-lazy-');
    cpSync(sample, cwd, { recursive: true });
    ageFiles(cwd);
    const location = path.join(temp('nilecare-cache-'), 'facts');
    await run(cwd, location);
    // A run naming one file with findings (as a pre-commit run does): its stored facts cut short, stamp and summary whole.
    const file = 'services/billing-service/src/services/InvoiceService.ts';
    const named = async () => {
      const cache = FileFactsCache.open({ base: cwd, location, toolVersion: '1.0.0' });
      const result = await lint({ cwd, config: workflowConfig, factsCache: cache, files: [file] });
      cache.save();
      return { cache, result };
    };
    const fresh = findings(await lint({ cwd, config: workflowConfig, files: [file] }));
    expect(fresh.length).toBeGreaterThan(0);
    const lines = readFileSync(location, 'utf8').split('\n');
    const entry = lines.findIndex((line) => line.includes(`\t${JSON.stringify(file)}\t`));
    lines[entry] = lines[entry].replace(/\t\{"path"[^]*$/, '\t{"path":');
    writeFile(path.dirname(location), path.basename(location), lines.join('\n'));
    const damaged = await named();
    expect(damaged.cache.damaged).toBe(true);
    expect(findings(damaged.result)).toEqual(fresh);
    // Analysed again and stored: the next run is whole at the first try.
    const next = await named();
    expect([next.cache.damaged, next.cache.misses]).toEqual([false, 0]);
    expect(findings(next.result)).toEqual(fresh);
  });

  it('a run that changed one file appends its entry instead of rewriting the cache; many such runs rewrite it', async () => {
    // Twenty runs: a small repository, as the sample would cost a second of them. What is counted
    // is lines against entries, and the threshold's constant part (8) outweighs a fifth of either.
    const file = 'services/billing/src/invoices.ts';
    const cwd = smallRepo();
    ageFiles(cwd);
    const location = path.join(temp('nilecare-cache-'), 'facts');
    const files = (await run(cwd, location)).cache.misses;
    expect(files).toBe(5);
    const before = readFileSync(location, 'utf8');
    const text = readFileSync(path.join(cwd, file), 'utf8');
    const edit = async (n: number) => {
      writeFile(cwd, file, `${text}\nexport const leak${n} = () => db.query('SELECT * FROM payments');\n`);
      return run(cwd, location);
    };
    const first = await edit(1);
    expect(first.cache.misses).toBe(1);
    const after = readFileSync(location, 'utf8');
    // The old lines are kept byte for byte (header included), one line added for the edited file (and one for the
    // model, built again: the query is part of what decides the service's dialect here, see stored-model.ts).
    expect(after.startsWith(before)).toBe(true);
    const appended = after.slice(before.length).split('\n').filter(Boolean);
    expect(appended.filter((line) => !line.includes('"\\u0000model"'))).toHaveLength(1);
    expect(after.slice(before.length)).toContain(JSON.stringify(file));
    // The appended entry overrides the old one: a warm run parses nothing and reports what a fresh run reports.
    const warm = await run(cwd, location);
    expect([warm.cache.hits, warm.cache.misses]).toEqual([files, 0]);
    expect(findings(warm.result)).toEqual(findings(await lint({ cwd, config: workflowConfig })));
    expect(findings(warm.result).some((f) => f.startsWith(file))).toBe(true);
    // Appended lines beyond a fifth of the entries (plus a few): the file is rewritten without the lines they override.
    const edits = Math.ceil(12 + files / 5);
    for (let n = 2; n <= edits; n++) await edit(n);
    const lines = readFileSync(location, 'utf8').split('\n').filter(Boolean);
    const ofFile = lines.filter((line) => line.includes(JSON.stringify(file))).length;
    expect(ofFile).toBeGreaterThanOrEqual(1);
    expect(ofFile).toBeLessThan(edits);
    // The model's entry is one more entry (the last line of a path counts, as for a file).
    expect(lines.length).toBeLessThanOrEqual(1 + (files + 1) * 1.2 + 8);
    const last = await run(cwd, location);
    expect(last.cache.misses).toBe(0);
    expect(findings(last.result)).toEqual(findings(await lint({ cwd, config: workflowConfig })));
  });

  it('a recently modified file is read and hashed, not trusted by its stamp', async () => {
    const cwd = smallRepo(); // modified now: within the granularity window of the save
    const location = path.join(temp('nilecare-cache-'), 'facts');
    const files = (await run(cwd, location)).cache.misses;
    expect(files).toBe(5);
    const warm = await run(cwd, location);
    expect([warm.cache.hits, warm.cache.stampHits]).toEqual([files, 0]);
  });

  it('the one-file path (`--affected --cache <file>`, warm) reports what a run without cache reports', async () => {
    const cwd = temp('nilecare-cache-one-');
    cpSync(sample, cwd, { recursive: true });
    ageFiles(cwd);
    const location = path.join(temp('nilecare-cache-'), 'facts');
    await cli(cwd, ['--cache', '--cache-location', location]);
    const file = 'services/billing-service/src/services/InvoiceService.ts';
    const text = readFileSync(path.join(cwd, file), 'utf8');
    writeFile(cwd, file, `${text}\nexport const leak = () => db.query('SELECT * FROM payments');\n`);
    const added = text.split('\n').length + 1;
    const args = ['--format', 'json', '--affected', file];
    const warm = await cli(cwd, [...args, '--cache', '--cache-location', location]);
    const cold = await cli(cwd, args);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
    // The new cross-service query is among the findings: the run read the edited file.
    const report = JSON.parse(warm.stdout) as { results: Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }> };
    const messages = report.results.find((r) => r.filePath.endsWith(file))?.messages ?? [];
    expect(messages.filter((m) => m.line === added).map((m) => m.ruleId)).toContain('no-cross-service-query');
    const again = await cli(cwd, [...args, '--cache', '--cache-location', location]);
    expect(again.stdout).toBe(cold.stdout);
  });

  it('the one-file path over a changed migration re-checks the files naming its tables, told by their summaries: as a run without cache', async () => {
    const cwd = temp('nilecare-cache-migration-');
    cpSync(sample, cwd, { recursive: true });
    ageFiles(cwd);
    const location = path.join(temp('nilecare-cache-'), 'facts');
    await cli(cwd, ['--cache', '--cache-location', location]);
    const file = 'services/payment-gateway-service/migrations/V1__create_payments.sql';
    writeFile(cwd, file, `${readFileSync(path.join(cwd, file), 'utf8')}\n-- reviewed\n`);
    const args = ['--format', 'json', '--affected', file];
    const warm = await cli(cwd, [...args, '--cache', '--cache-location', location]);
    const cold = await cli(cwd, args);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
    const report = JSON.parse(warm.stdout) as { summary: { notices: string[] } };
    expect(
      report.summary.notices.some((notice) => /^\d+ unchanged file\(s\) that use tables the change declares were re-checked/.test(notice)),
    ).toBe(true);
  });

  it('the one-file path sees MariaDB where a cached file names it, and where the changed file comes to name it', async () => {
    // MariaDB's syntax is valid only in a service shown to run on MariaDB (mariadb-evidence.ts): a parse error otherwise.
    const audit = 'services/billing/src/audit.js';
    const queries = "exports.history = (id) => pool.query('SELECT * FROM billing_audit FOR SYSTEM_TIME ALL WHERE id = ?', [id]);\n";
    const config: NilecareConfig = {
      services: [{ name: 'billing', roots: ['services/billing'] }],
      rules: { ...Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off' as const])), 'parse-error': 'error' },
    };
    const oneFile = async (cwd: string, location: string, text: string) => {
      writeFile(cwd, audit, text);
      const args = ['--format', 'json', '--affected', audit];
      const warm = await cli(cwd, [...args, '--cache', '--cache-location', location]);
      const cold = await cli(cwd, args);
      expect(warm.stdout).toBe(cold.stdout);
      const report = JSON.parse(warm.stdout) as { results: Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }> };
      return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}:${m.line}`));
    };
    const repo = (url: string) => {
      const cwd = makeRepo(
        {
          'services/billing/package.json': '{"name":"billing","dependencies":{"mysql2":"^3.9.0"}}\n',
          'services/billing/flyway.conf': `flyway.url=${url}\n`,
          [audit]: queries,
        },
        config,
      );
      ageFiles(cwd);
      return cwd;
    };

    // Named by the Flyway URL of a file the warm run takes from the cache, unread until the model asks for its text.
    const onMariadb = repo('jdbc:mariadb://billing-db:3306/billing');
    const cached = path.join(temp('nilecare-cache-'), 'facts');
    await cli(onMariadb, ['--cache', '--cache-location', cached]);
    expect(await oneFile(onMariadb, cached, `${queries}// edited\n`)).toEqual([]);

    // On MySQL by every file: a parse error, until the changed file itself names MariaDB.
    const onMysql = repo('jdbc:mysql://billing-db:3306/billing');
    const location = path.join(temp('nilecare-cache-'), 'facts');
    await cli(onMysql, ['--cache', '--cache-location', location]);
    expect(await oneFile(onMysql, location, `${queries}// edited\n`)).toEqual(['parse-error:1']);
    expect(await oneFile(onMysql, location, `${queries}// production: jdbc:mariadb://billing-db:3306/billing\n`)).toEqual([]);
    expect(await oneFile(onMysql, location, `${queries}// edited again\n`)).toEqual(['parse-error:1']);
  });
});
