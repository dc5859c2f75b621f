import { describe, expect, it } from 'vitest';
import type { K8sManifest } from '../../src/facts.js';
import { mayBeK8sConfig } from '../../src/parsers/k8s-sniff.js';
import { parseK8sManifests } from '../../src/parsers/k8s.js';
import { fileKindOf, SOURCE_GLOBS } from '../../src/project/file-kind.js';
import { analyzeFile } from '../../src/project/analyze-file.js';
import { discoverFiles } from '../../src/project/discover.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../temp-dirs.js';

/** Each entry as `section key=value @ key text | value text`, the texts cut from the source by their spans. */
function entriesOf(text: string, manifests: K8sManifest[]): string[] {
  return manifests.flatMap((m) =>
    m.entries.map((e) => `${m.kind}/${m.name} ${e.section} ${e.key}=${e.value} @ ${text.slice(e.keySpan.start, e.keySpan.end)} | ${text.slice(e.valueSpan.start, e.valueSpan.end)}${e.templated ? ' (templated)' : ''}`),
  );
}

const CONFIG_MAP = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: billing-service-config',
  '  namespace: billing',
  'data:',
  '  DB_HOST: mysql.internal',
  '  DB_NAME: "billing"',
  "  DB_PASSWORD: 'it''s-a-secret'",
  '  DB_PORT: 03306   # as written, not a number',
  '  EMPTY:',
  '  SCRIPT: |',
  '    echo one',
  '    echo two',
  '',
].join('\n');

describe('parseK8sManifests', () => {
  it('reads ConfigMap data with exact key and value spans (inside quotes, block scalars without their header)', () => {
    const manifests = parseK8sManifests(CONFIG_MAP);
    expect(manifests.map((m) => [m.kind, m.name, m.namespace])).toEqual([['ConfigMap', 'billing-service-config', 'billing']]);
    expect(entriesOf(CONFIG_MAP, manifests)).toEqual([
      'ConfigMap/billing-service-config data DB_HOST=mysql.internal @ DB_HOST | mysql.internal',
      'ConfigMap/billing-service-config data DB_NAME=billing @ DB_NAME | billing',
      "ConfigMap/billing-service-config data DB_PASSWORD=it's-a-secret @ DB_PASSWORD | it''s-a-secret",
      'ConfigMap/billing-service-config data DB_PORT=03306 @ DB_PORT | 03306',
      'ConfigMap/billing-service-config data EMPTY= @ EMPTY | ',
      'ConfigMap/billing-service-config data SCRIPT=echo one\necho two\n @ SCRIPT | echo one\n    echo two',
    ]);
    expect(manifests[0].entries.every((e) => e.encoding === 'plain')).toBe(true);
  });

  it('keeps a Secret\'s data as written (base64, never decoded) and reads its stringData as plain text', () => {
    const text = 'apiVersion: v1\nkind: Secret\nmetadata: { name: billing-db }\ntype: Opaque\ndata:\n  DB_PASSWORD: aHVudGVyMg==\nstringData:\n  JWT_SECRET: plain-text\n';
    const [secret] = parseK8sManifests(text);
    expect(secret.entries.map((e) => [e.section, e.key, e.value, e.encoding])).toEqual([
      ['data', 'DB_PASSWORD', 'aHVudGVyMg==', 'base64'],
      ['stringData', 'JWT_SECRET', 'plain-text', 'plain'],
    ]);
    expect(JSON.stringify(secret)).not.toContain('hunter2');
  });

  it('reads every ConfigMap and Secret of a multi-document file, and only those, at file offsets', () => {
    const text = [
      '# rendered by kustomize',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: billing }',
      'spec: { replicas: 2 }',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: first }',
      'data: { A: one }',
      '--- # a comment after the marker',
      'apiVersion: v1',
      'kind: Secret',
      'metadata: { name: second }',
      'stringData:',
      '  B: two',
      '---',
      '',
    ].join('\n');
    const manifests = parseK8sManifests(text);
    expect(entriesOf(text, manifests)).toEqual(['ConfigMap/first data A=one @ A | one', 'Secret/second stringData B=two @ B | two']);
  });

  it('handles CRLF line ends', () => {
    const text = CONFIG_MAP.replace(/\n/g, '\r\n');
    const entries = parseK8sManifests(text)[0].entries;
    expect(entries.map((e) => text.slice(e.valueSpan.start, e.valueSpan.end)).slice(0, 4)).toEqual(['mysql.internal', 'billing', "it''s-a-secret", '03306']);
  });

  it('reads Helm templates: template actions are masked, and the entries they touch are marked templated', () => {
    const text = [
      '{{- if .Values.secret.enabled }}',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: {{ include "billing.fullname" . }}-db',
      'stringData:',
      '  DB_PASSWORD: {{ .Values.db.password | quote }}',
      '  API_KEY: "{{ .Values.apiKey }}"',
      '  LITERAL: not-from-values',
      '  {{- range $key, $value := .Values.extra }}',
      '  {{ $key }}: {{ $value | quote }}',
      '  {{- end }}',
      '{{- end }}',
      '',
    ].join('\n');
    const manifests = parseK8sManifests(text);
    expect(manifests.map((m) => m.name)).toEqual(['{{ include "billing.fullname" . }}-db']);
    expect(entriesOf(text, manifests)).toEqual([
      'Secret/{{ include "billing.fullname" . }}-db stringData DB_PASSWORD={{ .Values.db.password | quote }} @ DB_PASSWORD | {{ .Values.db.password | quote }} (templated)',
      'Secret/{{ include "billing.fullname" . }}-db stringData API_KEY={{ .Values.apiKey }} @ API_KEY | {{ .Values.apiKey }} (templated)',
      'Secret/{{ include "billing.fullname" . }}-db stringData LITERAL=not-from-values @ LITERAL | not-from-values',
      'Secret/{{ include "billing.fullname" . }}-db stringData {{ $key }}={{ $value | quote }} @ {{ $key }} | {{ $value | quote }} (templated)',
    ]);
  });

  it('skips documents it cannot parse, other kinds, non-scalar values and stringData of a ConfigMap; never throws', () => {
    expect(parseK8sManifests('apiVersion: v1\nkind: ConfigMap\ndata:\n  A: [broken\n  B: "unterminated\n')).toEqual([]);
    expect(parseK8sManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata:\n  NESTED: { a: 1 }\n  LIST: [1]\n  OK: yes\nstringData:\n  IGNORED: x\n')[0].entries.map((e) => e.key)).toEqual(['OK']);
    expect(parseK8sManifests('apiVersion: v1\nkind: ConfigMapList\nitems: []\n')).toEqual([]);
    expect(parseK8sManifests('apiVersion: v1\nkind: Secret\nmetadata:\n  name: no-data\n')).toEqual([{ kind: 'Secret', name: 'no-data', entries: [] }]);
    for (const hostile of ['kind: Secret\n', 'kind: Secret\n---\n---\n', 'kind: Secret\n&a [*a]\n', 'kind: Secret\n{{{{}}\n', '\u0000kind: Secret', 'kind: ConfigMap\ndata: !!binary x\n']) {
      expect(() => parseK8sManifests(hostile)).not.toThrow();
    }
  });
});

describe('which YAML is a Kubernetes manifest', () => {
  const WORKFLOW = 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
  const OPENAPI = 'openapi: 3.0.0\ninfo: { title: x, version: "1" }\ncomponents:\n  schemas:\n    Secret:\n      properties:\n        kind: { type: string }\n';

  it('decides by a cheap text test: a top-level apiVersion and kind ConfigMap or Secret', () => {
    expect(mayBeK8sConfig(CONFIG_MAP)).toBe(true);
    expect(mayBeK8sConfig('apiVersion: v1\r\nkind: "Secret"\r\n')).toBe(true);
    expect(mayBeK8sConfig(WORKFLOW)).toBe(false);
    expect(mayBeK8sConfig(OPENAPI)).toBe(false);
    expect(mayBeK8sConfig('apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      volumes: [{ secret: { secretName: x } }]\n')).toBe(false);
    expect(mayBeK8sConfig('items:\n  - apiVersion: v1\n    kind: ConfigMap\n')).toBe(false);
  });

  it('file kinds: compose and env files keep theirs; other YAML is k8s only when it names a ConfigMap or Secret', () => {
    expect(fileKindOf('deploy/k8s/configmap.yaml', CONFIG_MAP)).toBe('k8s');
    expect(fileKindOf('deploy/k8s/configmap.yml', CONFIG_MAP)).toBe('k8s');
    expect(fileKindOf('deploy/k8s/configmap.yaml')).toBe('other');
    expect(fileKindOf('.github/workflows/ci.yml', WORKFLOW)).toBe('other');
    expect(fileKindOf('docs/openapi.yaml', OPENAPI)).toBe('other');
    expect(fileKindOf('docker-compose.yml', CONFIG_MAP)).toBe('compose');
    expect(fileKindOf('config/env.yaml', CONFIG_MAP)).toBe('env');
    expect(SOURCE_GLOBS).toContain('**/*.{yml,yaml}');
  });

  it('non-manifest YAML gets no facts and is not parsed', () => {
    const settings = { defaultDialect: 'mysql' as const, sqlCallees: [] };
    const workflow = analyzeFile('.github/workflows/ci.yml', WORKFLOW, settings);
    expect(workflow).toMatchObject({ kind: 'other', problems: [] });
    expect(workflow.k8s).toBeUndefined();
    const manifest = analyzeFile('k8s/configmap.yaml', CONFIG_MAP, settings);
    expect(manifest.kind).toBe('k8s');
    expect(manifest.k8s?.[0].entries).toHaveLength(6);
  });

  it('discovery reads YAML anywhere but in ignored folders, and never pnpm-lock.yaml', () => {
    const root = tempDir('nilecare-k8s-discover-');
    const files = ['k8s/billing/configmap.yaml', '.github/workflows/ci.yml', 'charts/app/templates/secret.yaml', 'node_modules/x/config.yaml', 'dist/k8s.yaml', 'pnpm-lock.yaml', 'services/a/pnpm-lock.yaml'];
    for (const file of files) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), CONFIG_MAP);
    }
    const discovery = discoverFiles({ cwd: root, ignores: [], defaultIgnores: true });
    expect(discovery.files).toEqual(['.github/workflows/ci.yml', 'charts/app/templates/secret.yaml', 'k8s/billing/configmap.yaml']);
    expect(discovery.skipped).toBe(1);
  });
});
