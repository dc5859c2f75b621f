/** The pre-commit hook definition stays in step with the CLI and the files the linter reads. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { fileKindOf } from '../../src/discovery/file-kind.js';
import { CONFIG_FILE_NAMES } from '../../src/config/load.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

it('.pre-commit-hooks.yaml runs the package binary on every file kind the linter reads', () => {
  const hooks = parse(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  expect(hooks).toHaveLength(1);
  const [hook] = hooks;
  expect(hook).toMatchObject({ id: 'nilecare-lint', language: 'node', pass_filenames: true, require_serial: true });
  const bin = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).bin as Record<string, string>;
  expect(Object.keys(bin)).toContain(String(hook.entry).split(' ')[0]);
  expect(String(hook.entry)).toContain('--affected');
  // Between commits only changed files need parsing.
  expect(String(hook.entry)).toContain('--cache');

  // pre-commit applies `files` with Python's re.search; this pattern means the same in JavaScript.
  const files = new RegExp(String(hook.files));
  const read = [
    'services/billing/src/repo.ts',
    'apps/web/page.tsx',
    'lib/db.mjs',
    'lib/db.cjs',
    'src/a.js',
    'src/a.mts',
    'services/billing/migrations/V1__init.sql',
    'prisma/schema.prisma',
    'docker-compose.yml',
    'compose.prod.yaml',
    'services/billing/.env',
    'services/billing/.env.example',
    'config/env.production',
    'deploy/staging.env',
  ];
  for (const file of read) {
    expect(fileKindOf(file), file).not.toBe('other');
    expect(files.test(file), file).toBe(true);
  }
  // Kubernetes manifests are told apart from other YAML by their content, so every YAML file goes through.
  for (const file of ['k8s/billing/configmap.yaml', 'deploy/secret.yml']) {
    expect(fileKindOf(file, 'apiVersion: v1\nkind: ConfigMap\ndata:\n  DB_NAME: billing\n'), file).toBe('k8s');
    expect(files.test(file), file).toBe(true);
  }
  for (const name of CONFIG_FILE_NAMES) expect(files.test(name), name).toBe(true);
  for (const file of ['README.md', 'package.json', 'docs/schema.png', 'services/billing/tsconfig.json'])
    expect(files.test(file), file).toBe(false);
});
