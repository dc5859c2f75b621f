import { describe, expect, it } from 'vitest';
import type { K8sManifest } from '../../src/analysis/facts.js';
import { mayBeK8sManifest } from '../../src/discovery/k8s-sniff.js';
import { parseK8sManifests } from '../../src/analysis/k8s.js';
import { fileKindOf, SOURCE_GLOBS } from '../../src/discovery/file-kind.js';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { discoverFiles } from '../../src/discovery/discover.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../temp-dirs.js';

/** Each entry as `section key=value @ key text | value text`, the texts cut from the source by their spans. */
function entriesOf(text: string, manifests: K8sManifest[]): string[] {
  return manifests.flatMap((m) =>
    m.entries.map(
      (e) =>
        `${m.kind}/${m.name} ${e.section} ${e.key}=${e.value} @ ${text.slice(e.keySpan.start, e.keySpan.end)} | ${text.slice(e.valueSpan.start, e.valueSpan.end)}${e.templated ? ' (templated)' : ''}`,
    ),
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

  it("keeps a Secret's data as written (base64, never decoded) and reads its stringData as plain text", () => {
    const text =
      'apiVersion: v1\nkind: Secret\nmetadata: { name: billing-db }\ntype: Opaque\ndata:\n  DB_PASSWORD: aHVudGVyMg==\nstringData:\n  JWT_SECRET: plain-text\n';
    const [secret] = parseK8sManifests(text);
    expect(secret.entries.map((e) => [e.section, e.key, e.value, e.encoding])).toEqual([
      ['data', 'DB_PASSWORD', 'aHVudGVyMg==', 'base64'],
      ['stringData', 'JWT_SECRET', 'plain-text', 'plain'],
    ]);
    expect(JSON.stringify(secret)).not.toContain('hunter2');
  });

  it('reads every ConfigMap, Secret and workload of a multi-document file, and only those, at file offsets', () => {
    const text = [
      '# rendered by kustomize',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: billing }',
      'spec: { replicas: 2 }',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: billing }',
      'spec: { ports: [{ port: 80 }] }',
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
    expect(manifests.map((m) => `${m.kind}/${m.name}`)).toEqual(['Deployment/billing', 'ConfigMap/first', 'Secret/second']);
    expect(entriesOf(text, manifests)).toEqual(['ConfigMap/first data A=one @ A | one', 'Secret/second stringData B=two @ B | two']);
  });

  it('handles CRLF line ends', () => {
    const text = CONFIG_MAP.replace(/\n/g, '\r\n');
    const entries = parseK8sManifests(text)[0].entries;
    expect(entries.map((e) => text.slice(e.valueSpan.start, e.valueSpan.end)).slice(0, 4)).toEqual([
      'mysql.internal',
      'billing',
      "it''s-a-secret",
      '03306',
    ]);
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
    expect(
      parseK8sManifests(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata:\n  NESTED: { a: 1 }\n  LIST: [1]\n  OK: yes\nstringData:\n  IGNORED: x\n',
      )[0].entries.map((e) => e.key),
    ).toEqual(['OK']);
    expect(parseK8sManifests('apiVersion: v1\nkind: ConfigMapList\nitems: []\n')).toEqual([]);
    expect(parseK8sManifests('apiVersion: v1\nkind: Secret\nmetadata:\n  name: no-data\n')).toEqual([
      { kind: 'Secret', name: 'no-data', entries: [] },
    ]);
    for (const hostile of [
      'kind: Secret\n',
      'kind: Secret\n---\n---\n',
      'kind: Secret\n&a [*a]\n',
      'kind: Secret\n{{{{}}\n',
      '\u0000kind: Secret',
      'kind: ConfigMap\ndata: !!binary x\n',
    ]) {
      expect(() => parseK8sManifests(hostile)).not.toThrow();
    }
  });
});

/** Each env entry as `kind/name container key=value @ name text | value text`, the texts cut from the source by their spans. */
function envOf(text: string, manifests: K8sManifest[]): string[] {
  return manifests.flatMap((m) =>
    m.entries
      .filter((e) => e.section === 'env')
      .map(
        (e) =>
          `${m.kind}/${m.name} ${e.container} ${e.key}=${e.value} @ ${text.slice(e.keySpan.start, e.keySpan.end)} | ${text.slice(e.valueSpan.start, e.valueSpan.end)}${e.templated ? ' (templated)' : ''}`,
      ),
  );
}

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: billing-service',
  '  namespace: billing',
  'spec:',
  '  replicas: 2',
  '  template:',
  '    metadata: { labels: { app: billing } }',
  '    spec:',
  '      containers:',
  '        - name: api',
  '          image: billing:1.0',
  '          envFrom: [{ secretRef: { name: billing-env } }]',
  '          env:',
  '            - name: DB_PASSWORD',
  '              value: "s3cr3t-Pa55"',
  '            - name: DB_NAME',
  '              value: billing',
  '            - name: JWT_SECRET',
  '              valueFrom: { secretKeyRef: { name: jwt, key: secret } }',
  '            - name: DB_PORT',
  '              value: 03306',
  '            - { name: EMPTY, value: "" }',
  '            - name: NO_VALUE',
  '        - name: metrics',
  '          env: [{ name: LOG_LEVEL, value: info }]',
  '      initContainers:',
  '        - name: migrate',
  '          env:',
  "            - value: 'mysql://root:pw@db/billing'",
  '              name: DATABASE_URL',
  '',
].join('\n');

describe('parseK8sManifests: workload env values', () => {
  it('reads the literal env values of every container and init container with exact spans; valueFrom and name-only items are references', () => {
    const manifests = parseK8sManifests(DEPLOYMENT);
    expect(manifests.map((m) => [m.kind, m.name, m.namespace])).toEqual([['Deployment', 'billing-service', 'billing']]);
    expect(envOf(DEPLOYMENT, manifests)).toEqual([
      'Deployment/billing-service api DB_PASSWORD=s3cr3t-Pa55 @ DB_PASSWORD | s3cr3t-Pa55',
      'Deployment/billing-service api DB_NAME=billing @ DB_NAME | billing',
      'Deployment/billing-service api DB_PORT=03306 @ DB_PORT | 03306',
      'Deployment/billing-service api EMPTY= @ EMPTY | ',
      'Deployment/billing-service metrics LOG_LEVEL=info @ LOG_LEVEL | info',
      'Deployment/billing-service migrate DATABASE_URL=mysql://root:pw@db/billing @ DATABASE_URL | mysql://root:pw@db/billing',
    ]);
    expect(manifests[0].entries.every((e) => e.section === 'env' && e.encoding === 'plain' && !e.templated)).toBe(true);
  });

  it("finds the pod template of every workload kind, a CronJob's under jobTemplate", () => {
    const podSpec = (indent: string) =>
      ['containers:', '  - name: app', '    env:', '      - name: DB_NAME', '        value: app_db']
        .map((line) => indent + line)
        .join('\n');
    const templated = (kind: string) =>
      `apiVersion: apps/v1\nkind: ${kind}\nmetadata: { name: ${kind.toLowerCase()} }\nspec:\n  template:\n    spec:\n${podSpec('      ')}\n`;
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']) {
      const text = templated(kind);
      expect(envOf(text, parseK8sManifests(text)), kind).toEqual([`${kind}/${kind.toLowerCase()} app DB_NAME=app_db @ DB_NAME | app_db`]);
    }
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: { name: debug }\nspec:\n${podSpec('  ')}\n`;
    expect(envOf(pod, parseK8sManifests(pod))).toEqual(['Pod/debug app DB_NAME=app_db @ DB_NAME | app_db']);
    const cronJob = [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: { name: nightly-report }',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      podSpec('          '),
      '',
    ].join('\n');
    const [cron] = parseK8sManifests(cronJob);
    expect(envOf(cronJob, [cron])).toEqual(['CronJob/nightly-report app DB_NAME=app_db @ DB_NAME | app_db']);
    expect(cron.entries[0].valueSpan.start).toBe(cronJob.indexOf('app_db'));
    // A CronJob is not read at a Deployment's path, nor a Deployment at a Pod's.
    expect(parseK8sManifests(templated('CronJob'))[0].entries).toEqual([]);
    expect(parseK8sManifests(pod.replace('kind: Pod', 'kind: Deployment'))[0].entries).toEqual([]);
  });

  it('handles CRLF line ends', () => {
    const text = DEPLOYMENT.replace(/\n/g, '\r\n');
    const manifests = parseK8sManifests(text);
    expect(envOf(text, manifests)).toEqual(envOf(DEPLOYMENT, parseK8sManifests(DEPLOYMENT)));
  });

  it('reads a Deployment and a ConfigMap of one file at file offsets', () => {
    const text = `${DEPLOYMENT}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: billing-config }\ndata:\n  DB_HOST: mysql.internal\n`;
    const manifests = parseK8sManifests(text);
    expect(manifests.map((m) => `${m.kind}/${m.name}`)).toEqual(['Deployment/billing-service', 'ConfigMap/billing-config']);
    expect(envOf(text, manifests)).toHaveLength(6);
    expect(entriesOf(text, manifests.slice(1))).toEqual([
      'ConfigMap/billing-config data DB_HOST=mysql.internal @ DB_HOST | mysql.internal',
    ]);
  });

  it('reads Helm templates: templated names and values are marked, control actions are masked', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "billing.fullname" . }}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: {{ .Chart.Name }}',
      '          env:',
      '            - name: DB_PASSWORD',
      '              value: {{ .Values.db.password | quote }}',
      '            - name: DATABASE_URL',
      '              value: "mysql://billing:{{ .Values.db.password }}@db/billing"',
      '            {{- if .Values.debug }}',
      '            - name: DEBUG',
      '              value: "true"',
      '            {{- end }}',
      '            {{- range $k, $v := .Values.env }}',
      '            - name: {{ $k }}',
      '              value: {{ $v | quote }}',
      '            {{- end }}',
      '            {{- with .Values.extraEnv }}',
      '            {{- toYaml . | nindent 12 }}',
      '            {{- end }}',
      '',
    ].join('\n');
    const manifests = parseK8sManifests(text);
    expect(envOf(text, manifests)).toEqual([
      'Deployment/{{ include "billing.fullname" . }} {{ .Chart.Name }} DB_PASSWORD={{ .Values.db.password | quote }} @ DB_PASSWORD | {{ .Values.db.password | quote }} (templated)',
      'Deployment/{{ include "billing.fullname" . }} {{ .Chart.Name }} DATABASE_URL=mysql://billing:{{ .Values.db.password }}@db/billing @ DATABASE_URL | mysql://billing:{{ .Values.db.password }}@db/billing (templated)',
      'Deployment/{{ include "billing.fullname" . }} {{ .Chart.Name }} DEBUG=true @ DEBUG | true',
      'Deployment/{{ include "billing.fullname" . }} {{ .Chart.Name }} {{ $k }}={{ $v | quote }} @ {{ $k }} | {{ $v | quote }} (templated)',
    ]);
    // Only a value that is one `.Values` reference under a literal name says which value the variable gets.
    expect(manifests[0].entries.map((e) => e.values?.join('.'))).toEqual(['db.password', undefined, undefined, undefined]);
  });

  it('skips what is no env list of literal scalars; never throws', () => {
    const shapes = [
      'spec:\n  template:\n    spec:\n      containers: { api: {} }\n',
      'spec:\n  template:\n    spec:\n      containers:\n        - env: { DB_NAME: x }\n',
      'spec:\n  template:\n    spec:\n      containers:\n        - env: [DB_NAME, { name: [A], value: x }, { name: B, value: [1] }, { name: C, value: { a: 1 } }]\n',
      'spec:\n  template:\n    spec:\n      containers: [just-a-string, null]\n',
      'spec:\n  template: x\n',
      'spec: [1]\n',
    ];
    for (const shape of shapes)
      expect(parseK8sManifests(`apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\n${shape}`), shape).toEqual([
        { kind: 'Deployment', name: 'x', entries: [] },
      ]);
    expect(
      parseK8sManifests(
        'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - env:\n            - name: A\n              value: "broken\n',
      ),
    ).toEqual([]);
    for (const hostile of [
      'kind: Deployment\n',
      'kind: CronJob\nspec: &a { jobTemplate: *a }\n',
      'kind: Pod\nspec: {{{{\n',
      'kind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - env: !!binary x\n',
    ]) {
      expect(() => parseK8sManifests(hostile)).not.toThrow();
    }
  });
});

describe('which YAML is a Kubernetes manifest', () => {
  const WORKFLOW = 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
  const WORKFLOW_WITH_ENV =
    'name: CI\non: [push]\nenv:\n  DB_PASSWORD: x\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      DB_NAME: ci\n    steps:\n      - run: npm test\n        env: { JWT_SECRET: ci-secret }\n';
  const HELM_VALUES =
    'replicaCount: 2\nimage: { repository: billing, tag: "1.0" }\nenv:\n  - name: DB_PASSWORD\n    value: s3cr3t\ndeployment:\n  kind: Deployment\n';
  const OPENAPI =
    'openapi: 3.0.0\ninfo: { title: x, version: "1" }\ncomponents:\n  schemas:\n    Secret:\n      properties:\n        kind: { type: string }\n';

  it('decides by a cheap text test: a top-level apiVersion and kind ConfigMap, Secret or a workload', () => {
    expect(mayBeK8sManifest(CONFIG_MAP)).toBe(true);
    expect(mayBeK8sManifest('apiVersion: v1\r\nkind: "Secret"\r\n')).toBe(true);
    expect(mayBeK8sManifest(DEPLOYMENT)).toBe(true);
    for (const kind of ['StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', "'CronJob'", 'Pod  # debug pod'])
      expect(mayBeK8sManifest(`apiVersion: v1\nkind: ${kind}\n`), kind).toBe(true);
    expect(mayBeK8sManifest(WORKFLOW)).toBe(false);
    expect(mayBeK8sManifest(WORKFLOW_WITH_ENV)).toBe(false);
    expect(mayBeK8sManifest(OPENAPI)).toBe(false);
    expect(mayBeK8sManifest(HELM_VALUES)).toBe(false);
    expect(mayBeK8sManifest('apiVersion: v1\nkind: Service\nspec: { ports: [{ port: 80 }] }\n')).toBe(false);
    expect(mayBeK8sManifest('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\n')).toBe(
      false,
    );
    expect(mayBeK8sManifest('apiVersion: argoproj.io/v1alpha1\nkind: DeploymentConfig\n')).toBe(false);
    expect(mayBeK8sManifest('items:\n  - apiVersion: v1\n    kind: ConfigMap\n')).toBe(false);
  });

  it('file kinds: compose and env files keep theirs; other YAML is k8s only when it names a ConfigMap, Secret or workload', () => {
    expect(fileKindOf('deploy/k8s/configmap.yaml', CONFIG_MAP)).toBe('k8s');
    expect(fileKindOf('deploy/k8s/deployment.yml', DEPLOYMENT)).toBe('k8s');
    expect(fileKindOf('.github/workflows/ci.yml', WORKFLOW_WITH_ENV)).toBe('other');
    expect(fileKindOf('charts/billing/values.yaml', HELM_VALUES)).toBe('other');
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
    for (const [file, text] of [
      ['.github/workflows/ci.yml', WORKFLOW],
      ['.github/workflows/test.yml', WORKFLOW_WITH_ENV],
      ['charts/billing/values.yaml', HELM_VALUES],
      ['docs/openapi.yaml', OPENAPI],
    ]) {
      const facts = analyzeFile(file, text, settings);
      expect(facts, file).toMatchObject({ kind: 'other', problems: [] });
      expect(facts.k8s, file).toBeUndefined();
    }
    const manifest = analyzeFile('k8s/configmap.yaml', CONFIG_MAP, settings);
    expect(manifest.kind).toBe('k8s');
    expect(manifest.k8s?.[0].entries).toHaveLength(6);
    const deployment = analyzeFile('k8s/deployment.yaml', DEPLOYMENT, settings);
    expect(deployment.kind).toBe('k8s');
    expect(deployment.k8s?.[0].entries).toHaveLength(6);
  });

  it('discovery reads YAML anywhere but in ignored folders, and never pnpm-lock.yaml', () => {
    const root = tempDir('nilecare-k8s-discover-');
    const files = [
      'k8s/billing/configmap.yaml',
      '.github/workflows/ci.yml',
      'charts/app/templates/secret.yaml',
      'node_modules/x/config.yaml',
      'dist/k8s.yaml',
      'pnpm-lock.yaml',
      'services/a/pnpm-lock.yaml',
    ];
    for (const file of files) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), CONFIG_MAP);
    }
    const discovery = discoverFiles({ cwd: root, ignores: [], defaultIgnores: true });
    expect(discovery.files).toEqual(['.github/workflows/ci.yml', 'charts/app/templates/secret.yaml', 'k8s/billing/configmap.yaml']);
    expect(discovery.skipped).toBe(1);
  });
});

describe('parseK8sManifests: kustomize generators', () => {
  const KUSTOMIZATION = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '  - deployment.yaml',
    'configMapGenerator:',
    '  - name: billing-service-config',
    '    literals:',
    '      - DB_HOST=mysql.prod.internal',
    '      - "DB_NAME=billing"',
    '      - NOT_A_PAIR',
    '    envs:',
    '      - config.env',
    'secretGenerator:',
    '  - name: billing-db',
    '    namespace: billing',
    '    literals:',
    '      - DB_PASSWORD=K8s-Kust0m1ze-Pw!',
    '      - "ESCAPED=a\\tb"',
    '  - name: from-files',
    '    files:',
    '      - tls.crt',
    '',
  ].join('\n');

  it("reads each generator's literals as the ConfigMap or Secret kustomize builds, plain text, with exact spans", () => {
    expect(entriesOf(KUSTOMIZATION, parseK8sManifests(KUSTOMIZATION))).toEqual([
      'ConfigMap/billing-service-config data DB_HOST=mysql.prod.internal @ DB_HOST | mysql.prod.internal',
      'ConfigMap/billing-service-config data DB_NAME=billing @ DB_NAME | billing',
      'Secret/billing-db stringData DB_PASSWORD=K8s-Kust0m1ze-Pw! @ DB_PASSWORD | K8s-Kust0m1ze-Pw!',
    ]);
    // A generator built from files only is kept for the files it names (the model reads those that are env files).
    expect(parseK8sManifests(KUSTOMIZATION).map((m) => [m.kind, m.name, m.namespace, m.envFiles?.map((f) => f.path)])).toEqual([
      ['ConfigMap', 'billing-service-config', undefined, ['config.env']],
      ['Secret', 'billing-db', 'billing', undefined],
      ['Secret', 'from-files', undefined, ['tls.crt']],
    ]);
  });

  it('is a manifest file by its kind line, with or without apiVersion (kustomize assumes it); a mention is not one', () => {
    expect(mayBeK8sManifest(KUSTOMIZATION)).toBe(true);
    expect(mayBeK8sManifest('kind: Kustomization\nsecretGenerator:\n  - name: x\n    literals: [A=b]\n')).toBe(true);
    expect(mayBeK8sManifest('# kind: Kustomization\nresources: []\n')).toBe(false);
    // Without a generator there is nothing to read: not parsed.
    expect(mayBeK8sManifest('kind: Kustomization\nresources: [deployment.yaml]\n')).toBe(false);
    expect(fileKindOf('deploy/billing/kustomization.yaml', KUSTOMIZATION)).toBe('k8s');
  });

  it("describes a generated Secret's literal as a secret: the facts keep no value", () => {
    const facts = analyzeFile('deploy/billing/kustomization.yaml', KUSTOMIZATION, { defaultDialect: 'mysql', sqlCallees: [], hash: '' });
    const password = facts.k8s?.flatMap((m) => m.entries).find((e) => e.key === 'DB_PASSWORD');
    expect(password?.value).toBeUndefined();
    expect(password?.secret?.kind).toBe('literal');
    expect(JSON.stringify({ ...facts, text: undefined })).not.toContain('Kust0m1ze');
  });
});
