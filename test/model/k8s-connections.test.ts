/** Database names and connection URLs in Kubernetes manifests feed ownership inference like .env files. */
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { lint } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';
import { memoryTree } from '../../src/io/source-tree.js';

/** Two services without configured databases: everything is inferred. */
const config: NilecareConfig = {
  dialect: 'mysql',
  services: [
    { name: 'billing-service', roots: ['services/billing-service'] },
    { name: 'payment-service', roots: ['services/payment-service'] },
  ],
};

/** lint() over the repository in memory: the manifests' text is the subject, not the disk. */
async function lintRepo(files: Record<string, string>) {
  const tree = memoryTree(files);
  const rules: NonNullable<NilecareConfig['rules']> = {};
  for (const id of Object.keys(ruleRegistry)) rules[id] = id === 'no-shared-database' ? 'error' : 'off';
  const run = await lint({ cwd: tree.root, tree, config: { ...config, rules } });
  expect(run.internalErrors).toEqual([]);
  const databasesOf = (service: string) =>
    run.model
      .serviceByName(service)!
      .databases.map((d) => `${d.name}:${d.kind}@${d.sources.map((s) => `${s.file}:${s.range.line}:${s.range.column} ${s.key}`).join(',')}`)
      .sort();
  return { run, databasesOf };
}

const BILLING_MANIFESTS = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: billing-service-config',
  'data:',
  '  DB_HOST: mysql.internal',
  '  DB_NAME: nilecare',
  '  PG_URL: postgres://billing@pg:5432/billing_ledger',
  '  CACHE_DB: "{{ .Values.cache.db }}"',
  '---',
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: billing-service-db',
  'data:',
  '  MONGO_DB: YXVkaXQ=',
  'stringData:',
  '  MONGO_URL: mongodb://mongo:27017/billing_events',
  '',
].join('\r\n');

describe('databases from Kubernetes manifests', () => {
  it("a service folder's ConfigMap and Secret stringData name its databases, at the value (CRLF); base64 data and templates do not", async () => {
    const { databasesOf } = await lintRepo({ 'services/billing-service/k8s/manifests.yaml': BILLING_MANIFESTS });
    expect(databasesOf('billing-service')).toEqual([
      'billing_events:mongodb@services/billing-service/k8s/manifests.yaml:18:14 MONGO_URL',
      'billing_ledger:postgresql@services/billing-service/k8s/manifests.yaml:8:11 PG_URL',
      'nilecare:mysql@services/billing-service/k8s/manifests.yaml:7:12 DB_NAME',
    ]);
  });

  it("feed no-shared-database: a ConfigMap and another service's .env naming one database", async () => {
    const { run } = await lintRepo({
      'services/billing-service/k8s/manifests.yaml': BILLING_MANIFESTS,
      'services/payment-service/.env.example': 'DB_HOST=localhost\nDB_NAME=nilecare\n',
    });
    expect(
      run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.data?.service}`),
    ).toEqual([
      'no-shared-database services/billing-service/k8s/manifests.yaml:7:12-7:20 billing-service',
      'no-shared-database services/payment-service/.env.example:2:9-2:17 payment-service',
    ]);
  });

  it('a manifest outside every service folder feeds the service its folder or metadata.name names', async () => {
    const byFolder = await lintRepo({ 'k8s/billing-service/configmap.yaml': BILLING_MANIFESTS });
    expect(byFolder.databasesOf('billing-service')).toEqual([
      'billing_events:mongodb@k8s/billing-service/configmap.yaml:18:14 MONGO_URL',
      'billing_ledger:postgresql@k8s/billing-service/configmap.yaml:8:11 PG_URL',
      'nilecare:mysql@k8s/billing-service/configmap.yaml:7:12 DB_NAME',
    ]);
    expect(byFolder.databasesOf('payment-service')).toEqual([]);

    // `billing-service-config` and `billing-service-db` both name billing-service.
    const byName = await lintRepo({ 'deploy/manifests.yaml': BILLING_MANIFESTS });
    expect(byName.databasesOf('billing-service')).toEqual([
      'billing_events:mongodb@deploy/manifests.yaml:18:14 MONGO_URL',
      'billing_ledger:postgresql@deploy/manifests.yaml:8:11 PG_URL',
      'nilecare:mysql@deploy/manifests.yaml:7:12 DB_NAME',
    ]);
  });

  it('a shared manifest naming no service, or a templated name, feeds nothing', async () => {
    const platform = BILLING_MANIFESTS.replace('billing-service-config', 'platform-config').replace(
      'billing-service-db',
      '{{ .Release.Name }}-db',
    );
    const { databasesOf } = await lintRepo({ 'deploy/manifests.yaml': platform });
    expect(databasesOf('billing-service')).toEqual([]);
    expect(databasesOf('payment-service')).toEqual([]);
  });

  it("a test manifest and YAML that is no manifest (a workflow's env, Helm values) feed nothing", async () => {
    const { databasesOf } = await lintRepo({
      'services/billing-service/test/k8s/configmap.yaml': BILLING_MANIFESTS,
      'services/billing-service/test/k8s/deployment.yaml': BILLING_DEPLOYMENT,
      'services/billing-service/.github/workflows/ci.yml': 'name: CI\non: [push]\nenv:\n  DB_NAME: billing_ci\n',
      'services/billing-service/charts/billing/values.yaml': 'env:\n  - name: DB_NAME\n    value: billing_values\n',
    });
    expect(databasesOf('billing-service')).toEqual([]);
  });
});

const BILLING_DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: billing-service',
  'spec:',
  '  template:',
  '    spec:',
  '      initContainers:',
  '        - name: migrate',
  '          env: [{ name: PG_URL, value: "postgres://billing@pg:5432/billing_ledger" }]',
  '      containers:',
  '        - name: api',
  '          env:',
  '            - name: DB_NAME',
  '              value: nilecare',
  '            - name: MONGO_DB',
  '              valueFrom: { configMapKeyRef: { name: billing-config, key: MONGO_DB } }',
  '            - name: CACHE_DB',
  '              value: "{{ .Values.cache.db }}"',
  '            - name: AUDIT_DB',
  '              value: $(BILLING_AUDIT_DB)',
  '',
].join('\r\n');

describe('databases from Kubernetes workload env values', () => {
  it("a service folder's Deployment names its databases with its literal env values, at the value (CRLF); references and templates do not", async () => {
    const { databasesOf } = await lintRepo({ 'services/billing-service/k8s/deployment.yaml': BILLING_DEPLOYMENT });
    expect(databasesOf('billing-service')).toEqual([
      'billing_ledger:postgresql@services/billing-service/k8s/deployment.yaml:10:41 PG_URL',
      'nilecare:mysql@services/billing-service/k8s/deployment.yaml:15:22 DB_NAME',
    ]);
  });

  it("feed no-shared-database: a Deployment's env and another service's .env naming one database", async () => {
    const { run } = await lintRepo({
      'services/billing-service/k8s/deployment.yaml': BILLING_DEPLOYMENT,
      'services/payment-service/.env.example': 'DB_HOST=localhost\nDB_NAME=nilecare\n',
    });
    expect(
      run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.data?.service}`),
    ).toEqual([
      'no-shared-database services/billing-service/k8s/deployment.yaml:15:22-15:30 billing-service',
      'no-shared-database services/payment-service/.env.example:2:9-2:17 payment-service',
    ]);
  });

  it('a workload outside every service folder feeds the service its folder names, or its metadata.name with at most a kind suffix', async () => {
    const byFolder = await lintRepo({ 'k8s/billing/deployment.yaml': BILLING_DEPLOYMENT.replace('name: billing-service', 'name: api') });
    expect(byFolder.databasesOf('billing-service')).toEqual([
      'billing_ledger:postgresql@k8s/billing/deployment.yaml:10:41 PG_URL',
      'nilecare:mysql@k8s/billing/deployment.yaml:15:22 DB_NAME',
    ]);
    for (const name of ['billing-service', 'billing', 'billing-service-deployment', 'billing_statefulset', 'billing-job']) {
      const { databasesOf } = await lintRepo({
        'deploy/workloads.yaml': BILLING_DEPLOYMENT.replace('name: billing-service', `name: ${name}`),
      });
      expect(databasesOf('billing-service'), name).toEqual([
        'billing_ledger:postgresql@deploy/workloads.yaml:10:41 PG_URL',
        'nilecare:mysql@deploy/workloads.yaml:15:22 DB_NAME',
      ]);
      expect(databasesOf('payment-service'), name).toEqual([]);
    }
  });

  it("a workload whose name adds a role (billing-api, billing-worker) or a config suffix (billing-db) is not the service's", async () => {
    for (const name of ['billing-api', 'billing-worker', 'billing-db', 'billing-service-config', '{{ .Release.Name }}-billing']) {
      const { databasesOf } = await lintRepo({
        'deploy/workloads.yaml': BILLING_DEPLOYMENT.replace('name: billing-service', `name: ${JSON.stringify(name)}`),
      });
      expect(databasesOf('billing-service'), name).toEqual([]);
    }
  });
});
