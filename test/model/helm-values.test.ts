/**
 * Helm charts name a service's database (HELDOUT6 #8): a values file's value counts when a template hands it whole to a
 * container's env variable, or when its key plainly names a database setting; the setting is at the value.
 */
import { describe, expect, it } from 'vitest';
import { at, lintDatabases } from './database-run.js';

const pkg = (name: string) => JSON.stringify({ name, dependencies: { mysql2: '^3.9.7' } });
const code = "const pool = require('mysql2/promise').createPool({ host: process.env.DB_HOST, database: process.env.DB_NAME });\n";
const TEMPLATE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ .Chart.Name }}',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          env:',
  '            - name: DB_HOST',
  '              value: {{ .Values.database.host | quote }}',
  '            - name: DB_NAME',
  '              value: {{ required "database.name is required" .Values.database.name | quote }}',
  '            - name: APP_STATUS',
  '              value: {{ .Values.status.database }}',
  '',
].join('\n');
const values = (host: string, name: string) =>
  [
    'image:',
    '  repository: ghcr.io/acme/app',
    'database:',
    `  host: ${host}`,
    `  name: ${name}`,
    'status:',
    '  database: connected',
    '',
  ].join('\n');

function chart(service: string, valuesText: string, folder = `deploy/charts/${service}`, template = TEMPLATE): Record<string, string> {
  return {
    [`services/${service}/package.json`]: pkg(service),
    [`services/${service}/src/db.js`]: code,
    [`${folder}/Chart.yaml`]: `apiVersion: v2\nname: ${service}\nversion: 1.0.0\n`,
    [`${folder}/values.yaml`]: valuesText,
    [`${folder}/templates/deployment.yaml`]: template,
  };
}

async function run(files: Record<string, string>) {
  const { result, databases } = await lintDatabases(
    files,
    '/helm-values',
    (d) =>
      `${d.name}@${(d.hosts ?? []).join(',')} ${d.sources.map((x) => `${at(x)} ${x.key}${x.via ? ` via ${x.via.file}:${x.via.range.line}` : ''}`).join(', ')}`,
  );
  const shared = result.diagnostics
    .filter((d) => d.ruleId === 'no-shared-database')
    .map(
      (d) =>
        `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.data?.service} | ${d.related?.map((r) => `${r.file}:${r.range.line}:${r.range.column} ${r.message}`).join(' | ')}`,
    );
  return { databases, shared };
}

describe('databases named in Helm charts', () => {
  it('a value a template maps to DB_NAME, on the host mapped to DB_HOST: shared database at the values line, the template related', async () => {
    const { databases, shared } = await run({
      ...chart('orders', values('mysql.platform.svc', 'platform')),
      ...chart('billing', values('mysql.platform.svc', 'platform')),
    });
    expect(databases).toEqual({
      billing: [
        'platform@mysql.platform.svc deploy/charts/billing/values.yaml:5:9 DB_NAME via deploy/charts/billing/templates/deployment.yaml:14',
      ],
      orders: [
        'platform@mysql.platform.svc deploy/charts/orders/values.yaml:5:9 DB_NAME via deploy/charts/orders/templates/deployment.yaml:14',
      ],
    });
    expect(shared).toEqual([
      "deploy/charts/billing/values.yaml:5:9-5:17 billing | deploy/charts/billing/templates/deployment.yaml:14:22 'billing' gets this value in its environment through its chart's template here | deploy/charts/orders/values.yaml:5:9 'orders' connects to 'platform' here (DB_NAME)",
      "deploy/charts/orders/values.yaml:5:9-5:17 orders | deploy/charts/orders/templates/deployment.yaml:14:22 'orders' gets this value in its environment through its chart's template here | deploy/charts/billing/values.yaml:5:9 'billing' connects to 'platform' here (DB_NAME)",
    ]);
  });

  it('the same name on two servers is not shared; a status string mapped to a non-database variable names nothing', async () => {
    const { databases, shared } = await run({
      ...chart('orders', values('orders-db.internal', 'platform')),
      ...chart('billing', values('billing-db.internal', 'platform')),
    });
    expect(databases.orders).toEqual([
      'platform@orders-db.internal deploy/charts/orders/values.yaml:5:9 DB_NAME via deploy/charts/orders/templates/deployment.yaml:14',
    ]);
    expect(shared).toEqual([]);
  });

  it('keys that plainly name a database count without a template: an env map, database.name; not without Chart.yaml nor in a chart named for no service', async () => {
    const noTemplate = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  A: b\n';
    const files = {
      ...chart('orders', 'env:\n  DB_HOST: db.internal\n  DB_NAME: platform\n', 'services/orders/helm', noTemplate),
      ...chart('billing', 'db:\n  host: db.internal\n  name: platform\n', 'deploy/billing', noTemplate),
      'services/audit/package.json': pkg('audit'),
      'services/audit/src/db.js': code,
      'deploy/audit/values.yaml': 'database:\n  name: platform\n',
      'deploy/charts/platform-tools/Chart.yaml': 'apiVersion: v2\nname: platform-tools\n',
      'deploy/charts/platform-tools/values.yaml': 'database:\n  name: platform\n',
    };
    const { databases, shared } = await run(files);
    expect(databases).toEqual({
      audit: [],
      billing: ['platform@db.internal deploy/billing/values.yaml:3:9 DB_NAME'],
      orders: ['platform@db.internal services/orders/helm/values.yaml:3:12 DB_NAME'],
    });
    expect(shared.map((s) => s.split(' | ')[0])).toEqual([
      'deploy/billing/values.yaml:3:9-3:17 billing',
      'services/orders/helm/values.yaml:3:12-3:20 orders',
    ]);
  });

  it("a bundled bitnami subchart's database is on the chart's own server: not shared; with enabled: false it names nothing", async () => {
    const bundled = 'postgresql:\n  auth:\n    database: app\n    username: app\n';
    const { databases, shared } = await run({
      ...chart('orders', bundled),
      ...chart('billing', bundled),
      ...chart('audit', 'postgresql:\n  enabled: false\n  auth:\n    database: app\n'),
    });
    expect(databases).toEqual({
      audit: [],
      billing: ['app@billing-postgresql deploy/charts/billing/values.yaml:3:15 POSTGRES_DB'],
      orders: ['app@orders-postgresql deploy/charts/orders/values.yaml:3:15 POSTGRES_DB'],
    });
    expect(shared).toEqual([]);
  });

  it("an environment's values file sets its values over values.yaml: its database on the base file's host", async () => {
    const files = {
      ...chart('orders', values('mysql.platform.svc', 'orders')),
      'deploy/charts/orders/values-prod.yaml': 'database:\n  name: platform\n',
      ...chart('billing', values('mysql.platform.svc', 'platform')),
    };
    const { databases, shared } = await run(files);
    expect(databases.orders).toEqual([
      'platform@mysql.platform.svc deploy/charts/orders/values-prod.yaml:2:9 DB_NAME via deploy/charts/orders/templates/deployment.yaml:14',
      'orders@mysql.platform.svc deploy/charts/orders/values.yaml:5:9 DB_NAME via deploy/charts/orders/templates/deployment.yaml:14',
    ]);
    expect(shared.map((s) => s.split(' | ')[0])).toEqual([
      'deploy/charts/billing/values.yaml:5:9-5:17 billing',
      'deploy/charts/orders/values-prod.yaml:2:9-2:17 orders',
    ]);
  });
});
