/**
 * Inline directives in `#`-comment files: .env files, docker-compose files and Kubernetes
 * manifests. Each form suppresses exactly the findings it should (asserted by line and column),
 * a `#` inside a value is never a directive, directive problems are reported where the
 * directive stands, and suppressed findings reach SARIF and the cache like any other. Repositories are held in memory
 * (the directives are read from the files' text), but for the cache, whose file is on disk.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import type { Diagnostic } from '../../src/engine/types.js';
import { lint } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';
import { tempDir } from '../temp-dirs.js';
import { cli, jsonRun, makeRepo, memoryRepo } from './helpers.js';
import type { MemoryFiles } from '../cli-memory.js';

const ENV = 'services/billing/.env';
const COMPOSE = 'docker-compose.yml';
const K8S = 'deploy/billing/config.yaml';

/** Databases come from the env files, so sharing one is reported at its `DB_NAME=` line. */
const config: NilecareConfig = {
  dialect: 'mysql',
  services: [
    { name: 'billing', roots: ['services/billing'] },
    { name: 'payment', roots: ['services/payment'] },
  ],
  rules: {
    ...Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off' as const])),
    'no-hardcoded-credentials': 'error',
    'no-insecure-db-tls': 'error',
    'no-shared-database': 'error',
  },
};

type LintOverrides = Pick<Parameters<typeof lint>[0], 'reportUnusedDisableDirectives' | 'requireDisableReason'>;

/** lint() over a repository in memory: directives are read from the files' text, not the disk. */
const lintIn = (repo: MemoryFiles, overrides: LintOverrides = {}) => lint({ cwd: repo.resolve('.'), ...repo.source(), ...overrides });

async function lintFile(
  file: string,
  lines: string[],
  overrides: LintOverrides = {},
  others: Record<string, string> = {},
): Promise<Diagnostic[]> {
  const run = await lintIn(memoryRepo({ ...others, [file]: `${lines.join('\n')}\n` }, config), overrides);
  expect(run.internalErrors).toEqual([]);
  return run.diagnostics.filter((d) => d.file === file);
}

/** `line:column rule` of each diagnostic, suppressed ones marked. */
const found = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}${d.suppressed ? ' (suppressed)' : ''}`);

/** `line:column rule messageId severity` of the directive problems. */
const problems = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.ruleId.endsWith('-disable-directive'))
    .map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.messageId} ${d.severity}`);

describe('.env files', () => {
  it('disable-next-line (with a reason) and a trailing disable-line cover their line; a directive for another rule covers nothing', async () => {
    const diagnostics = await lintFile(ENV, [
      '# nilecare-lint-disable-next-line no-hardcoded-credentials -- rotated, see VAULT-12',
      'DB_PASSWORD=hunter2-prod',
      'API_TOKEN=tok-live-123 # nilecare-lint-disable-line no-hardcoded-credentials',
      'SECRET_KEY=abc-live-456',
      '# nilecare-lint-disable-next-line no-insecure-db-tls -- names another rule',
      'DB_PASS=pw-live-789',
    ]);
    expect(found(diagnostics)).toEqual([
      '2:13 no-hardcoded-credentials (suppressed)',
      '3:11 no-hardcoded-credentials (suppressed)',
      '4:12 no-hardcoded-credentials',
      '6:9 no-hardcoded-credentials',
    ]);
    expect(diagnostics[0].suppressed).toEqual({ kind: 'inSource', justification: 'rotated, see VAULT-12' });
    expect(diagnostics[1].suppressed).toEqual({ kind: 'inSource' });
  });

  it('disable … enable covers the lines between; disable-file covers the whole file for its rule', async () => {
    const diagnostics = await lintFile(ENV, [
      'PGSSLMODE=disable',
      '# nilecare-lint-disable no-hardcoded-credentials -- legacy values, see VAULT-9',
      'DB_PASSWORD=hunter2-prod',
      'API_TOKEN=tok-live-123',
      '# nilecare-lint-enable no-hardcoded-credentials',
      'SECRET_KEY=abc-live-456',
      '# nilecare-lint-disable-file no-insecure-db-tls -- local stack only',
      'DB_SSLMODE=disable',
    ]);
    expect(found(diagnostics)).toEqual([
      '1:1 no-insecure-db-tls (suppressed)',
      '3:13 no-hardcoded-credentials (suppressed)',
      '4:11 no-hardcoded-credentials (suppressed)',
      '6:12 no-hardcoded-credentials',
      '8:1 no-insecure-db-tls (suppressed)',
    ]);
    expect(diagnostics.map((d) => d.suppressed?.justification)).toEqual([
      'local stack only',
      'legacy values, see VAULT-9',
      'legacy values, see VAULT-9',
      undefined,
      'local stack only',
    ]);
  });

  it('suppresses a project-level finding reported at a DB_NAME line', async () => {
    const others = { 'services/payment/.env': 'DB_NAME=nilecare\n' };
    const repo = memoryRepo(
      { ...others, [ENV]: '# nilecare-lint-disable-next-line no-shared-database -- own schema in Q3, see ADR-31\nDB_NAME=nilecare\n' },
      config,
    );
    const run = await lintIn(repo);
    expect(run.diagnostics.map((d) => `${d.file}:${found([d])[0]}`)).toEqual([
      `${ENV}:2:9 no-shared-database (suppressed)`,
      'services/payment/.env:1:9 no-shared-database',
    ]);
  });

  it('a # inside a quoted value or glued to a value (a URL fragment) is no directive', async () => {
    const diagnostics = await lintFile(
      ENV,
      [
        'DB_PASSWORD="hunter2 # nilecare-lint-disable-line"',
        'DATABASE_URL=postgres://billing:pw@db/billing?sslmode=disable#nilecare-lint-disable-line',
        'API_TOKEN=tok-live#nilecare-lint-disable-line',
      ],
      { reportUnusedDisableDirectives: 'error' },
    );
    expect(found(diagnostics)).toEqual([
      '1:14 no-hardcoded-credentials',
      '2:33 no-hardcoded-credentials',
      '2:47 no-insecure-db-tls',
      '3:11 no-hardcoded-credentials',
    ]);
  });

  it('reports unused directives at the rule name or comment, and missing reasons, when asked', async () => {
    const lines = [
      '# nilecare-lint-disable-next-line no-hardcoded-credentials -- stale',
      'LOG_LEVEL=info',
      'DB_PASSWORD=hunter2-prod # nilecare-lint-disable-line no-hardcoded-credentials',
      '# nilecare-lint-disable-next-line',
      'LOG_FORMAT=json',
    ];
    expect(problems(await lintFile(ENV, lines))).toEqual([]);
    expect(problems(await lintFile(ENV, lines, { reportUnusedDisableDirectives: 'error' }))).toEqual([
      '1:35 unused-disable-directive unusedRule error',
      '4:1 unused-disable-directive unused error',
    ]);
    expect(problems(await lintFile(ENV, lines, { requireDisableReason: true }))).toEqual([
      '3:26 invalid-disable-directive missingReason error',
      '4:1 invalid-disable-directive missingReason error',
    ]);
  });

  it('keeps positions exact in a file with a BOM and CRLF line breaks', async () => {
    const repo = memoryRepo(
      {
        [ENV]: [
          '\uFEFF# nilecare-lint-disable-next-line no-hardcoded-credentials -- rotated',
          'DB_PASSWORD=hunter2-prod',
          'API_TOKEN=tok-live-123 # nilecare-lint-disable-line no-insecure-db-tls',
          '# nilecare-lint-disable-next-line no-hardcoded-credentials',
          'LOG_LEVEL=info',
          '',
        ].join('\r\n'),
      },
      config,
    );
    const run = await lintIn(repo, { reportUnusedDisableDirectives: 'warn' });
    expect(
      run.diagnostics.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.ruleId}${d.suppressed ? ' (suppressed)' : ''}`),
    ).toEqual([
      '2:13-2:25 no-hardcoded-credentials (suppressed)',
      '3:11-3:23 no-hardcoded-credentials',
      '3:53-3:71 unused-disable-directive',
      '4:35-4:59 unused-disable-directive',
    ]);
  });
});

describe('docker-compose files', () => {
  it('next-line, trailing line and block directives cover their findings; a directive for another rule covers nothing', async () => {
    const diagnostics = await lintFile(COMPOSE, [
      'services:',
      '  billing:',
      '    environment:',
      '      # nilecare-lint-disable-next-line no-insecure-db-tls -- local stack only',
      '      PGSSLMODE: disable',
      '      DB_SSLMODE: disable # nilecare-lint-disable-line no-insecure-db-tls',
      '      # nilecare-lint-disable-next-line no-hardcoded-credentials -- names another rule',
      '      DATABASE_SSL_MODE: disable',
      '  payment:',
      '    # nilecare-lint-disable no-insecure-db-tls -- integration stack',
      '    environment:',
      '      - PGSSLMODE=disable',
      '      - DB_SSLMODE=disable # trailing note',
      '    # nilecare-lint-enable no-insecure-db-tls',
      '  ledger:',
      '    environment:',
      '      - PG_SSLMODE=disable',
    ]);
    expect(found(diagnostics)).toEqual([
      '5:7 no-insecure-db-tls (suppressed)',
      '6:7 no-insecure-db-tls (suppressed)',
      '8:7 no-insecure-db-tls',
      '12:9 no-insecure-db-tls (suppressed)',
      '13:9 no-insecure-db-tls (suppressed)',
      '17:9 no-insecure-db-tls',
    ]);
    expect(diagnostics.map((d) => d.suppressed?.justification)).toEqual([
      'local stack only',
      undefined,
      undefined,
      'integration stack',
      'integration stack',
      undefined,
    ]);
  });

  it('disable-file covers the whole file, wherever it stands', async () => {
    const diagnostics = await lintFile(COMPOSE, [
      'services:',
      '  ci-db:',
      '    environment:',
      '      PGSSLMODE: disable',
      '      NODE_TLS_REJECT_UNAUTHORIZED: "0"',
      '# nilecare-lint-disable-file no-insecure-db-tls -- throwaway CI database',
    ]);
    expect(found(diagnostics)).toEqual(['4:7 no-insecure-db-tls (suppressed)', '5:7 no-insecure-db-tls (suppressed)']);
  });

  it('a # line in a block scalar, or a # in a quoted or glued value, is no directive', async () => {
    const diagnostics = await lintFile(
      COMPOSE,
      [
        'services:',
        '  billing:',
        '    command: |',
        '      # nilecare-lint-disable-file',
        '      node server.js',
        '    healthcheck:',
        '      test: ["CMD", "sh", "-c", "pg_isready # nilecare-lint-disable-file"]',
        '    environment:',
        '      DATABASE_URL: "postgres://db/billing?sslmode=disable # nilecare-lint-disable-line"',
        '      REPLICA_URL: postgres://replica/billing?sslmode=disable#nilecare-lint-disable-line',
        '      PGSSLMODE: disable',
      ],
      { reportUnusedDisableDirectives: 'error' },
    );
    expect(found(diagnostics)).toEqual(['9:43 no-insecure-db-tls', '10:47 no-insecure-db-tls', '11:7 no-insecure-db-tls']);
  });

  it('reports unused directives and missing reasons at the directive, when asked', async () => {
    const lines = [
      'services:',
      '  billing:',
      '    environment:',
      '      # nilecare-lint-disable-next-line no-insecure-db-tls -- stale',
      '      LOG_LEVEL: info',
      '      PGSSLMODE: disable # nilecare-lint-disable-line no-insecure-db-tls',
    ];
    expect(problems(await lintFile(COMPOSE, lines, { reportUnusedDisableDirectives: 'warn' }))).toEqual([
      '4:41 unused-disable-directive unusedRule warn',
    ]);
    expect(problems(await lintFile(COMPOSE, lines, { requireDisableReason: true }))).toEqual([
      '6:26 invalid-disable-directive missingReason error',
    ]);
  });
});

describe('Kubernetes manifests', () => {
  it('next-line, trailing line and block directives cover their findings, across documents; a directive for another rule covers nothing', async () => {
    const diagnostics = await lintFile(K8S, [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: billing-config',
      'data:',
      '  # nilecare-lint-disable-next-line no-hardcoded-credentials -- dev cluster, rotated weekly',
      '  DB_PASSWORD: hunter2-prod',
      '  API_TOKEN: tok-live-123  # nilecare-lint-disable-line no-hardcoded-credentials',
      '  # nilecare-lint-disable-next-line no-insecure-db-tls -- names another rule',
      '  SECRET_KEY: abc-live-456',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: billing-secrets',
      'stringData:',
      '  # nilecare-lint-disable no-hardcoded-credentials -- sealed in CI, see OPS-4',
      '  DB_PASSWORD: hunter2-prod',
      '  # nilecare-lint-enable no-hardcoded-credentials',
      '  API_TOKEN: tok-live-123',
    ]);
    expect(found(diagnostics)).toEqual([
      '7:16 no-hardcoded-credentials (suppressed)',
      '8:14 no-hardcoded-credentials (suppressed)',
      '10:15 no-hardcoded-credentials',
      '18:16 no-hardcoded-credentials (suppressed)',
      '20:14 no-hardcoded-credentials',
    ]);
    expect(diagnostics.map((d) => d.suppressed?.justification)).toEqual([
      'dev cluster, rotated weekly',
      undefined,
      undefined,
      'sealed in CI, see OPS-4',
      undefined,
    ]);
  });

  it('covers literal env values of a workload', async () => {
    const diagnostics = await lintFile(K8S, [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: billing-service',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          env:',
      '            - name: DB_PASSWORD',
      '              # nilecare-lint-disable-next-line no-hardcoded-credentials -- staging only, see OPS-7',
      '              value: hunter2-prod',
      '            - name: API_TOKEN',
      '              value: tok-live-123',
    ]);
    expect(found(diagnostics)).toEqual(['13:22 no-hardcoded-credentials (suppressed)', '15:22 no-hardcoded-credentials']);
    expect(diagnostics[0].suppressed?.justification).toBe('staging only, see OPS-7');
  });

  it('disable-file at the end of a Helm template covers the whole file', async () => {
    const diagnostics = await lintFile(K8S, [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: {{ include "billing.fullname" . }}-db',
      'stringData:',
      '  DB_HOST: "{{ .Values.db.host | default "db" }}"',
      '  API_TOKEN: tok-live-123',
      '{{- if .Values.legacy }}',
      '  SECRET_KEY: abc-live-456',
      '{{- end }}',
      '# nilecare-lint-disable-file no-hardcoded-credentials -- dev overlay, rotated on deploy',
    ]);
    expect(found(diagnostics)).toEqual(['7:14 no-hardcoded-credentials (suppressed)', '9:15 no-hardcoded-credentials (suppressed)']);
  });

  it('a # line in a block scalar, or a # in a quoted or glued value, is no directive', async () => {
    const diagnostics = await lintFile(
      K8S,
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: billing-config',
        'data:',
        '  init.sh: |',
        '    # nilecare-lint-disable-file',
        '    echo start',
        '{{- if .Values.debug }}',
        '    # nilecare-lint-disable-file (a Helm action alone on its line does not end the block)',
        '{{- end }}',
        '  DB_PASSWORD: "hunter2 # nilecare-lint-disable-line"',
        '  DB_URL: mysql://billing:s3cret@db/billing#nilecare-lint-disable-line',
        '  API_TOKEN: tok-live-123',
      ],
      { reportUnusedDisableDirectives: 'error' },
    );
    expect(found(diagnostics)).toEqual([
      '12:17 no-hardcoded-credentials',
      '13:27 no-hardcoded-credentials',
      '14:14 no-hardcoded-credentials',
    ]);
  });

  it('reports unused directives and missing reasons at the directive, when asked', async () => {
    const lines = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: billing-config  # nilecare-lint-disable-line no-hardcoded-credentials -- stale',
      'data:',
      '  API_TOKEN: tok-live-123  # nilecare-lint-disable-line',
    ];
    expect(problems(await lintFile(K8S, lines, { reportUnusedDisableDirectives: 'error' }))).toEqual([
      '4:54 unused-disable-directive unusedRule error',
    ]);
    expect(problems(await lintFile(K8S, lines, { requireDisableReason: true }))).toEqual([
      '6:28 invalid-disable-directive missingReason error',
    ]);
  });
});

describe('reports and cache', () => {
  const files = {
    [ENV]: 'DB_PASSWORD=hunter2-prod # nilecare-lint-disable-line no-hardcoded-credentials -- rotated, see VAULT-12\n',
    [COMPOSE]:
      'services:\n  billing:\n    environment:\n      # nilecare-lint-disable-next-line no-insecure-db-tls -- local stack\n      PGSSLMODE: disable\n',
    [K8S]:
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-config\ndata:\n  # nilecare-lint-disable-next-line -- dev cluster\n  API_TOKEN: tok-live-123\n',
  };

  it('SARIF leaves the suppressed findings out, and lists them with their justification under --sarif-include-suppressed', async () => {
    const repo = memoryRepo(files, config);
    const plain = await cli(repo, ['--format', 'sarif']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).runs[0].results).toEqual([]);
    const included = await cli(repo, ['--format', 'sarif', '--sarif-include-suppressed']);
    expect(included.code).toBe(0);
    type Result = {
      ruleId: string;
      suppressions: unknown;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
    };
    const results = (JSON.parse(included.stdout).runs[0].results as Result[]).map((r) => {
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      return [artifactLocation.uri, region.startLine, region.startColumn, r.ruleId, r.suppressions];
    });
    expect(results).toEqual([
      [K8S, 7, 14, 'no-hardcoded-credentials', [{ kind: 'inSource', justification: 'dev cluster' }]],
      [COMPOSE, 5, 7, 'no-insecure-db-tls', [{ kind: 'inSource', justification: 'local stack' }]],
      [ENV, 1, 13, 'no-hardcoded-credentials', [{ kind: 'inSource', justification: 'rotated, see VAULT-12' }]],
    ]);
  });

  it('a warm cached run suppresses what a cold run suppresses', async () => {
    const root = makeRepo(files, config);
    const location = path.join(tempDir('nilecare-hash-cache-'), 'facts');
    const args = ['--cache', '--cache-location', location];
    const cold = await jsonRun(root, args);
    // The warm run finds the directives in the cached facts, not in a new scan.
    expect(readFileSync(location, 'utf8')).toContain('# nilecare-lint-disable-next-line no-insecure-db-tls -- local stack');
    const warm = await jsonRun(root, args);
    expect(cold.messages.map((m) => [m.file, m.line, m.column, m.ruleId, m.suppressed?.justification])).toEqual([
      [K8S, 7, 14, 'no-hardcoded-credentials', 'dev cluster'],
      [COMPOSE, 5, 7, 'no-insecure-db-tls', 'local stack'],
      [ENV, 1, 13, 'no-hardcoded-credentials', 'rotated, see VAULT-12'],
    ]);
    expect(warm.stdout).toBe(cold.stdout);
    expect(cold.code).toBe(0);
  });
});
