import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltCli, repoRoot } from '../built-cli.js';
import {
  expectedReport,
  normalise,
  removeScratchDirs,
  run,
  scratchDir,
  scratchProject,
  scratchRepository,
  succeed,
  userEnv,
} from './install-helpers.js';

/**
 * The package as `npm publish` would ship it: `npm pack`, installed into a scratch project, imported
 * as a library and run as a command on a scratch repository.
 */
describe('installed from the packed tarball', () => {
  let tarball: string;
  let project: string;
  let repository: string;
  let expected: string;
  let installLog: string;

  afterAll(removeScratchDirs);

  beforeAll(async () => {
    await loadBuiltCli(); // refuses a dist/ older than the sources
    const packDir = scratchDir('nilecare-e2e-pack-');
    // dist/ is built and checked fresh above; --ignore-scripts spares a second build.
    const pack = await succeed('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: repoRoot });
    const [{ filename }] = JSON.parse(pack.stdout) as Array<{ filename: string }>;
    tarball = path.join(packDir, filename);

    repository = scratchRepository();
    expected = await expectedReport(repository);
    project = scratchProject();
    const install = await succeed('npm', ['install', '--prefer-offline', tarball], { cwd: project });
    installLog = install.stdout + install.stderr;
  }, 900_000);

  it('ships the built JavaScript, its declarations and the rule docs, and no sources or tests', async () => {
    const { stdout } = await succeed('tar', ['-tzf', tarball], { cwd: repoRoot });
    const files = stdout.split('\n').filter(Boolean);
    for (const file of [
      'package/package.json',
      'package/bin/nilecare-lint.js',
      'package/dist/src/index.js',
      'package/dist/src/index.d.ts',
      'package/dist/src/cli.js',
      // The bundle the bin runs (scripts/bundle-cli.mjs), with the SQL worker beside the module that starts it.
      'package/dist/cli/cli.js',
      // The same as one CommonJS file, run through V8's code cache by the loader beside it (any command but a help text).
      'package/dist/cli/cli.cjs',
      'package/dist/cli/code-cache.js',
      'package/dist/cli/modules.json',
      'package/dist/cli/sql/worker.js',
    ]) {
      expect(files).toContain(file);
    }
    expect(files.some((f) => f.startsWith('package/rules/') && f.endsWith('.md'))).toBe(true);
    expect(files.filter((f) => /^package\/(src|test|fixtures|bench)\//.test(f) || /\.ts$/.test(f.replace(/\.d\.ts$/, '')))).toEqual([]);
  });

  it('installs only the runtime dependencies', () => {
    const installed = JSON.parse(readFileSync(path.join(project, 'node_modules/nilecare-lint/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const name of Object.keys(installed.dependencies)) {
      expect(() => readFileSync(path.join(project, 'node_modules', name, 'package.json')), name).not.toThrow();
    }
    for (const devOnly of ['vitest', 'eslint', 'tsx', '@microsoft/sarif-multitool']) {
      expect(() => readFileSync(path.join(project, 'node_modules', devOnly, 'package.json')), devOnly).toThrow();
    }
    expect(installLog).not.toMatch(/npm error/);
  });

  it('runs as a command on a scratch repository, with the findings the repository build reports', async () => {
    const bin = path.join(project, 'node_modules/.bin/nilecare-lint');
    const outcome = await run(bin, ['--format', 'json'], { cwd: repository });
    expect(outcome.code, outcome.stderr).toBe(1);
    expect(normalise(outcome.stdout)).toBe(expected);
    expect(expected).toContain('"ruleId": "no-cross-service-query"');
  });

  it("import('nilecare-lint') gives the public API, and its lint() matches the command", async () => {
    const script = path.join(project, 'use-api.mjs');
    writeFileSync(
      script,
      [
        "import { lint, formatResult, ruleRegistry, reporterNames, toolVersion, loadConfig, PathPatternError } from 'nilecare-lint';",
        'const cwd = process.argv[2];',
        // The command's JSON carries suggestions; an API caller asks for them (computing them costs a parse per finding).
        'const run = await lint({ cwd, suggestions: true });',
        "let missing = 'no error';",
        "try { await lint({ cwd, paths: ['no-such-file.ts'] }); } catch (error) { missing = error instanceof PathPatternError ? 'PathPatternError' : String(error); }",
        'console.log(JSON.stringify({',
        "  report: JSON.parse(formatResult('json', run, { color: false, toolVersion: toolVersion() })),",
        '  rules: Object.keys(ruleRegistry).length,',
        '  reporterNames,',
        '  config: loadConfig(cwd)?.file !== undefined,',
        '  missing,',
        '}));',
      ].join('\n'),
    );
    const outcome = await succeed(process.execPath, [script, repository], { cwd: project });
    const api = JSON.parse(outcome.stdout) as { report: unknown; rules: number; reporterNames: string[]; config: boolean; missing: string };
    expect(JSON.stringify(api.report, null, 2)).toBe(expected);
    expect(api.rules).toBeGreaterThan(10);
    expect(api.reporterNames).toEqual(expect.arrayContaining(['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit']));
    expect(api.config).toBe(true);
    expect(api.missing).toBe('PathPatternError');
  });

  it('type-checks a TypeScript consumer against the shipped declarations (skipLibCheck off)', async () => {
    writeFileSync(
      path.join(project, 'consumer.ts'),
      [
        "import { lint, formatResult, type LintOptions, type LintRun, type NilecareConfig, type ReporterName } from 'nilecare-lint';",
        "const options: LintOptions = { cwd: '.' };",
        'const run: LintRun = await lint(options);',
        "const name: ReporterName = 'sarif';",
        "const config: NilecareConfig = { rules: { 'no-cross-service-query': 'error' } };",
        'export const text: string = formatResult(name, run, { color: false, toolVersion: String(config) });',
      ].join('\n'),
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          // The declarations name Node's types (fs, process); a consumer has @types/node, here borrowed from this repository.
          typeRoots: [path.join(repoRoot, 'node_modules/@types')],
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    const outcome = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, env: userEnv() });
    expect(outcome.stdout + outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
  });
});
