/**
 * Seeded fuzzing: real fixture files are mutated (truncation, byte flips, SQL keywords and
 * quote characters inserted, slices deleted or repeated) and linted. `lint()` must never
 * throw nor report internal errors (rule crashes), and `analyzeFile` must never throw.
 *
 * Reproduce a failure with FUZZ_SEED=<seed> (printed in the failure message); raise
 * FUZZ_ITERATIONS for a longer local run.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { analyzeFile, loadScriptAnalysers } from '../../src/analysis/analyze-file.js';
import { fileKindOf } from '../../src/discovery/file-kind.js';
import { Rng } from '../../bench/generate.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { baseConfig, cliChild, expectNormalFinding, hostileDir, jsonDiagnostics, makeRepo, repoRoot } from '../robustness/helpers.js';

// Scripts are parsed with TypeScript, which a run loads only when it has one to parse.
await loadScriptAnalysers();

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const LINT_ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 150);
const FILE_ITERATIONS = LINT_ITERATIONS * 30;
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 14_000);

const INSERTS = [
  'SELECT ',
  ' FROM ',
  ' JOIN ',
  ' WHERE ',
  'INSERT INTO ',
  'UPDATE ',
  'DELETE FROM ',
  'CREATE TABLE ',
  'ALTER TABLE ',
  ' REFERENCES ',
  'FOREIGN KEY ',
  'DELIMITER $$\n',
  'DELIMITER ;\n',
  'BEGIN ',
  ' END',
  'END$$',
  ' $$ ',
  '$body$',
  ';',
  ';;',
  '--',
  "-- it's\n",
  '/*',
  '*/',
  "'",
  '"',
  '`',
  '${',
  '}',
  '${x}',
  '\\',
  '\\`',
  '\n',
  '\r\n',
  '\r',
  '\u0000',
  '\ufeff',
  '💥',
  'é',
  '(',
  ')',
  '((',
  'process.env.',
  " || ''",
  ' ?? ',
  'sql`',
  '.query(',
  '.execute(',
  'knex.raw(',
  '\\c db\n',
  'COPY t FROM stdin;\n',
  '\\.\n',
  'USE other_db;',
  'CREATE PROCEDURE p() BEGIN ',
  ' LANGUAGE plpgsql',
  'AS $$',
  '/**/',
  '#',
];

/** Every text fixture small enough to mutate quickly. */
function corpus(): Array<{ file: string; bytes: Buffer }> {
  const out: Array<{ file: string; bytes: Buffer }> = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const abs = path.join(dir, name);
      const relative = rel ? `${rel}/${name}` : name;
      const stat = statSync(abs);
      if (stat.isDirectory()) walk(abs, relative);
      else if (stat.size < 64 * 1024 && fileKindOf(relative) !== 'other') out.push({ file: relative, bytes: readFileSync(abs) });
    }
  };
  walk(path.join(repoRoot, 'fixtures/sample-monorepo'), '');
  walk(hostileDir, 'hostile');
  if (existsSync(path.join(repoRoot, 'fixtures/real-patterns'))) walk(path.join(repoRoot, 'fixtures/real-patterns'), 'real-patterns');
  return out;
}

function mutate(rng: Rng, input: Buffer): Buffer {
  let bytes = Buffer.from(input);
  const rounds = rng.int(1, 4);
  for (let r = 0; r < rounds; r++) {
    const at = bytes.length === 0 ? 0 : rng.int(0, bytes.length);
    switch (rng.int(0, 5)) {
      case 0: // truncate
        bytes = bytes.subarray(0, at);
        break;
      case 1: // flip bytes
        for (let i = rng.int(1, 8); i > 0 && bytes.length > 0; i--) bytes[rng.int(0, bytes.length - 1)] ^= 1 << rng.int(0, 7);
        break;
      case 2: // insert keywords / quotes
      case 3: {
        const pieces = Array.from({ length: rng.int(1, 5) }, () => rng.pick(INSERTS)).join('');
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(pieces), bytes.subarray(at)]);
        break;
      }
      case 4: // delete a slice
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + rng.int(1, 200)))]);
        break;
      default: {
        // repeat a slice
        const end = Math.min(bytes.length, at + rng.int(1, 400));
        const slice = bytes.subarray(at, end);
        bytes = Buffer.concat([bytes.subarray(0, end), slice, slice, bytes.subarray(end)]);
      }
    }
  }
  return bytes;
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe(`fuzz (seed ${SEED})`, () => {
  const files = corpus();

  it('analyzeFile never throws on mutated files', () => {
    const rng = new Rng(SEED);
    const started = performance.now();
    let done = 0;
    for (let i = 0; i < FILE_ITERATIONS && performance.now() - started < BUDGET_MS / 2; i++) {
      const base = rng.pick(files);
      const text = new TextDecoder().decode(mutate(rng, base.bytes));
      const dialect = rng.chance(0.5) ? 'mysql' : 'postgresql';
      let facts;
      try {
        facts = analyzeFile(base.file, text, {
          defaultDialect: dialect,
          serviceDialect: rng.chance(0.5) ? dialect : undefined,
          sqlCallees: ['run'],
        });
      } catch (error) {
        throw new Error(
          `analyzeFile threw on iteration ${i} (seed ${SEED}, ${base.file}): ${(error as Error).stack}\n--- input ---\n${text.slice(0, 2000)}`,
        );
      }
      expect(facts.path).toBe(base.file);
      // Catch-alls keep a run alive, but what they catch is a defect: none may fire.
      const internal = [
        ...facts.problems,
        ...(facts.script?.syntaxProblems ?? []),
        ...[facts.sql, ...(facts.embeddedAnalyses ?? [])].flatMap(
          (a) => a?.statements.flatMap((st) => (st.parseError ? [st.parseError] : [])) ?? [],
        ),
      ].filter((p) => /internal (extractor )?error/.test(p.message));
      if (internal.length > 0) {
        throw new Error(
          `extractor failed on iteration ${i} (seed ${SEED}, ${base.file}): ${internal[0].message}\n--- input ---\n${text.slice(0, 2000)}`,
        );
      }
      done++;
    }
    expect(done).toBeGreaterThan(50);
  }, 30_000);

  it('lint() never throws nor reports internal errors on a repository of mutated files', async () => {
    const rng = new Rng(SEED ^ 0xabcdef);
    const root = mkdtempSync(path.join(tmpdir(), 'nilecare-fuzz-'));
    roots.push(root);
    cpSync(path.join(repoRoot, 'fixtures/sample-monorepo'), root, { recursive: true });
    const targets = files.filter((f) => !f.file.startsWith('hostile/') && !f.file.startsWith('real-patterns/'));
    const started = performance.now();
    let done = 0;
    for (let i = 0; i < LINT_ITERATIONS && performance.now() - started < BUDGET_MS / 2; i++) {
      // Mutate a few files in place (from their originals), plus a hostile one dropped into a service.
      const changed = rng.shuffle([...targets]).slice(0, rng.int(1, 4));
      for (const f of changed) writeFileSync(path.join(root, f.file), mutate(rng, f.bytes));
      const hostile = rng.pick(files);
      const dropped = path.join(root, 'services/billing-service/src/fuzz', `case${path.extname(hostile.file) || '.ts'}`);
      mkdirSync(path.dirname(dropped), { recursive: true });
      writeFileSync(dropped, mutate(rng, hostile.bytes));
      // Now and then the config itself is mutated: a ConfigError is the only acceptable failure.
      const mutateConfig = rng.chance(0.1);
      const configFile = path.join(root, 'nilecare-lint.config.json');
      const originalConfig = readFileSync(configFile);
      if (mutateConfig) writeFileSync(configFile, mutate(rng, originalConfig));
      try {
        const run = await lint({ cwd: root });
        if (run.internalErrors.length > 0) {
          throw new Error(
            `internal errors on iteration ${i} (seed ${SEED}; files ${changed.map((c) => c.file).join(', ')}): ${run.internalErrors.join('\n')}`,
          );
        }
        expect(run.filesLinted).toBeGreaterThan(0);
      } catch (error) {
        if (!(mutateConfig && (error as Error).name === 'ConfigError')) {
          throw new Error(`lint() threw on iteration ${i} (seed ${SEED}): ${(error as Error).stack}`);
        }
      } finally {
        if (mutateConfig) writeFileSync(configFile, originalConfig);
        for (const f of changed) writeFileSync(path.join(root, f.file), f.bytes);
      }
      done++;
    }
    expect(done).toBeGreaterThan(5);
  }, 30_000);

  it('lint() survives mutated files with the test config too (other services, other dialects)', async () => {
    const rng = new Rng(SEED ^ 0x123457);
    const root = mkdtempSync(path.join(tmpdir(), 'nilecare-fuzz-'));
    roots.push(root);
    const pool = files.filter((f) => fileKindOf(f.file) === 'sql' || fileKindOf(f.file) === 'script');
    for (let i = 0; i < Math.max(3, Math.floor(LINT_ITERATIONS / 4)); i++) {
      rmSync(path.join(root, 'services'), { recursive: true, force: true });
      for (let k = 0; k < 6; k++) {
        const f = rng.pick(pool);
        const service = rng.pick(['billing', 'payment']);
        const target = path.join(
          root,
          'services',
          service,
          fileKindOf(f.file) === 'sql' ? 'migrations' : 'src',
          `f${k}${path.extname(f.file)}`,
        );
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, mutate(rng, f.bytes));
      }
      const run = await lint({ cwd: root, config: { ...baseConfig, dialect: rng.chance(0.5) ? 'mysql' : 'postgresql' } });
      expect(run.internalErrors, `iteration ${i} (seed ${SEED})`).toEqual([]);
    }
  }, 30_000);
});

/**
 * The pathological shapes of issue 13 (rows 5, 6, 7), seeded: long upper-case runs (the
 * quadratic `([A-Z]+)([A-Z][a-z])` word split), quote storms (pretty YAML errors, unterminated
 * strings in every tokenizer) and wildcard-heavy globs (backtracking glob engines), each in every
 * carrier that reaches that code. Sizes, letters and star counts vary with the seed; sizes are
 * kept small enough that one lint of all the shapes takes seconds, yet large enough that any of
 * the old quadratic or exponential paths takes minutes. The lint runs in a child process killed
 * after its deadline, so a regression fails instead of hanging the suite.
 */
describe(`fuzz: pathological shapes (seed ${SEED})`, () => {
  const SHAPE_ROUNDS = Number(process.env.FUZZ_SHAPE_ROUNDS ?? 2);

  /** One repository holding every shape, sizes and letters drawn from `rng`. */
  function shapesRepo(rng: Rng): { root: string; shapes: string[] } {
    const upper = (length: number) => Array.from({ length }, () => String.fromCharCode(65 + rng.int(0, 25))).join('');
    const run = () => upper(rng.int(150_000, 300_000));
    const storm = (quote: string) => quote.repeat(rng.int(100_000, 250_000));
    const letter = rng.pick(['a', 'x', '_']);
    const bomb = `${`*${letter}`.repeat(rng.int(8, 12))}*b`;
    const long = letter.repeat(rng.int(60, 100));
    const tableName = `${letter === '_' ? 't' : ''}${long}`;
    const [billing, payment] = baseConfig.services!;
    const config: NilecareConfig = {
      ...baseConfig,
      services: [
        { ...billing, migrations: [`services/billing/migrations/${bomb}`] },
        { ...payment, tables: [...payment.tables!, bomb] },
        { name: 'evil', roots: [`services/${bomb}`] },
      ],
      ignores: [`services/billing/src/${bomb}`],
      sharedPackages: [`packages/${bomb}`],
      rules: { 'no-cross-service-query': ['error', { allow: [bomb] }], 'table-prefix': ['warn', { exempt: [bomb] }] },
    };
    const envRun = run();
    const files: Record<string, string> = {
      'services/billing/.env': `${envRun}=x\nDB_HOST=billing-db\n`,
      'services/billing/src/env-run.ts': `export const v = process.env.${run()} || 'x';\n`,
      'services/billing/migrations/V2__upper.sql': `CREATE TABLE ${run()} (id BIGINT PRIMARY KEY);\n`,
      'docker-compose.yml': `services:\n  billing:\n    image: billing\n    environment:\n      ${run()}: x\n${storm('"')}\n`,
      'services/billing/migrations/V3__storm.sql': `SELECT 1;\n${storm(rng.pick(["'", '"', '`']))}\n`,
      'services/billing/src/storm.ts': `export const s = 1;\n${storm(rng.pick(["'", '"', '`']))}\n`,
      [`services/billing/src/${long}.ts`]: `import { pool } from './db.js';\n\nexport const q = () => pool.query('SELECT id FROM ${tableName}');\n`,
      [`services/${long}/index.ts`]: 'export const y = 1;\n',
      [`packages/${long}/index.ts`]: 'export const shared = 1;\n',
    };
    const shapes = [`glob ${bomb} on ${long.length}-character names`, `upper-case runs of ${envRun.length}+`, 'quote storms'];
    const root = makeRepo({ config, files });
    roots.push(root);
    return { root, shapes };
  }

  it('each repository of shapes lints in bounded time, with the sibling finding and no internal error', () => {
    const rng = new Rng(SEED ^ 0x5a5a5a);
    for (let round = 0; round < SHAPE_ROUNDS; round++) {
      const { root, shapes } = shapesRepo(rng);
      const outcome = cliChild(['--cwd', root, '--format', 'json'], 90_000);
      const what = `round ${round} (seed ${SEED}): ${shapes.join(', ')}`;
      expect(outcome.timedOut, `${what}: killed after ${Math.round(outcome.ms)} ms`).toBe(false);
      expect(outcome.code, `${what}: ${outcome.stderr.slice(0, 2000)}`).toBe(1);
      expect(outcome.stderr, what).not.toMatch(/internal error|\n\s+at /);
      expectNormalFinding(jsonDiagnostics(outcome.stdout));
    }
  }, 240_000);
});
