/**
 * Everything around the code in the realistic profile: the root package.json and lint config,
 * docker-compose, per-service package.json and env files, Kubernetes Deployments, ConfigMaps
 * and Secrets, a CI workflow, and the decoy build output and vendored packages that repeat
 * violations and must be skipped. Database names written here are recorded as setting sources;
 * committed secrets as planted `no-hardcoded-credentials` findings; placeholders as decoys.
 */
import type { Service } from './catalogue.js';
import { LEAKED_PASSWORD } from './config-files.js';
import { Doc, type Ledger } from './ledger.js';

const CREDS = 'no-hardcoded-credentials';

/** Keys a service's settings use for its database name. */
function dbKeys(service: Service): { name: string; host: string; user: string; password: string } {
  return service.name === 'clinical-service'
    ? { name: 'PG_DATABASE', host: 'PG_HOST', user: 'PG_USER', password: 'PG_PASSWORD' }
    : { name: 'DB_NAME', host: 'DB_HOST', user: 'DB_USER', password: 'DB_PASSWORD' };
}

export function lintConfig(services: Service[]): string {
  const owners: Record<string, string> = {};
  for (const s of services) if (s.rootHome) owners[s.rootHome.database] = s.name;
  const config = {
    $schema: './node_modules/nilecare-lint/schema/config.schema.json',
    dialect: 'mysql',
    services: services.map((s) => ({ name: s.name, roots: [s.dir] })),
    databases: owners,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

export function rootPackageJson(): string {
  return `${JSON.stringify({ name: 'nilecare-platform', private: true, workspaces: ['microservices/*', 'shared'], scripts: { lint: 'nilecare-lint', test: 'npm test --workspaces' } }, null, 2)}\n`;
}

export const GITIGNORE = 'node_modules/\ndist/\ncoverage/\n*.log\n.env.local\n';

export function servicePackageJson(service: Service): string {
  const deps: Record<string, string> = {
    express: '^4.19.2',
    dotenv: '^16.4.5',
    winston: '^3.13.0',
    axios: '^1.7.2',
    joi: '^17.13.1',
    zod: '^3.23.8',
    jsonwebtoken: '^9.0.2',
    helmet: '^7.1.0',
    cors: '^2.8.5',
    'node-cron': '^3.0.3',
  };
  if (service.orm === 'mongo') deps.mongoose = '^8.4.1';
  else if (service.dialect === 'mysql') deps.mysql2 = '^3.10.0';
  else deps.pg = '^8.12.0';
  if (service.orm === 'sequelize') deps.sequelize = '^6.37.3';
  if (service.orm === 'typeorm') Object.assign(deps, { typeorm: '^0.3.20', 'reflect-metadata': '^0.2.2' });
  if (service.orm === 'knex') deps.knex = '^3.1.0';
  if (service.orm === 'prisma') deps['@prisma/client'] = '^5.15.0';
  return `${JSON.stringify({ name: `@nilecare/${service.name}`, version: '1.0.0', private: true, main: 'dist/index.js', scripts: { build: 'tsc', start: 'node dist/index.js', dev: 'ts-node-dev src/index.ts', test: 'vitest run' }, dependencies: deps, devDependencies: { typescript: '^5.4.5', vitest: '^1.6.0', '@types/express': '^4.17.21' } }, null, 2)}\n`;
}

/** `.env.example`: a template (never a secret finding), but its database name is a setting. */
export function envExample(service: Service, ledger: Ledger): string {
  const file = `${service.dir}/.env.example`;
  const k = dbKeys(service);
  const doc = new Doc();
  doc.push(`# ${service.name} -- copy to .env and fill in`, 'NODE_ENV=development', `PORT=${service.port}`);
  if (service.orm === 'mongo') {
    ledger.setting(service.database, service.name, file, doc.nextLine);
    doc.push(`MONGO_URI=mongodb://localhost:27017/${service.database}`);
  } else if (service.orm === 'prisma') {
    ledger.setting(service.database, service.name, file, doc.nextLine);
    doc.push(`DATABASE_URL=postgresql://notify:your_password_here@localhost:5432/${service.database}?schema=public`);
  } else {
    doc.push(
      `${k.host}=localhost`,
      `${k.name.replace('NAME', 'PORT').replace('DATABASE', 'PORT')}=${service.dialect === 'mysql' ? 3306 : 5432}`,
    );
    ledger.setting(service.database, service.name, file, doc.nextLine);
    doc.push(`${k.name}=${service.database}`, `${k.user}=${service.name.replace(/-/g, '_')}`, `${k.password}=your_password_here`);
  }
  doc.push('JWT_SECRET=your-jwt-secret', 'REDIS_URL=redis://localhost:6379', 'LOG_LEVEL=info', 'AUTH_SERVICE_URL=http://localhost:7020');
  return doc.text();
}

/**
 * A committed `.env`: real secrets in one service (planted), placeholders elsewhere (decoys).
 */
export function envCommitted(service: Service, ledger: Ledger, withSecrets: boolean): string {
  const file = `${service.dir}/.env`;
  const k = dbKeys(service);
  const doc = new Doc();
  doc.push('NODE_ENV=development', `PORT=${service.port}`, `${k.host}=127.0.0.1`);
  ledger.setting(service.database, service.name, file, doc.nextLine);
  doc.push(`${k.name}=${service.database}`, `${k.user}=${service.name.replace(/-/g, '_')}`);
  if (withSecrets) {
    ledger.plant(CREDS, file, doc.nextLine, 'env-file-secret', k.password);
    doc.push(`${k.password}=Hl7!Mllp#2024x`);
    ledger.plant(CREDS, file, doc.nextLine, 'env-file-secret', 'JWT_SECRET');
    doc.push('JWT_SECRET=hl7-9f3c2a71e0b84d5f');
  } else {
    ledger.decoy(file, doc.nextLine, 'placeholder password in a committed .env');
    doc.push(`${k.password}=your_password_here`);
    ledger.decoy(file, doc.nextLine, 'placeholder secret in a committed .env');
    doc.push('JWT_SECRET=changeme');
  }
  doc.push('LOG_LEVEL=debug');
  return doc.text();
}

/** docker-compose.yml: one block per service, named as the service; DB names are settings. */
export function dockerCompose(services: Service[], ledger: Ledger): string {
  const file = 'docker-compose.yml';
  const doc = new Doc();
  doc.push(
    "version: '3.8'",
    '',
    'services:',
    '  mysql:',
    '    image: mysql:8.0',
    '    environment:',
    '      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}',
    '      MYSQL_DATABASE: nilecare',
    '    ports:',
    "      - '3306:3306'",
    '    volumes:',
    '      - mysql-data:/var/lib/mysql',
    '      - ./database/mysql/schema:/docker-entrypoint-initdb.d',
    '',
    '  postgres:',
    '    image: timescale/timescaledb:latest-pg15',
    '    environment:',
    '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}',
    '    ports:',
    "      - '5432:5432'",
    '',
    '  mongo:',
    '    image: mongo:7',
    '',
  );
  for (const s of services) {
    const k = dbKeys(s);
    doc.push(
      `  ${s.name}:`,
      `    build: ./${s.dir}`,
      '    ports:',
      `      - '${s.port}:${s.port}'`,
      '    environment:',
      '      NODE_ENV: development',
      `      PORT: '${s.port}'`,
    );
    ledger.setting(s.database, s.name, file, doc.nextLine);
    if (s.orm === 'mongo') doc.push(`      MONGO_URI: mongodb://mongo:27017/${s.database}`);
    else if (s.orm === 'prisma') doc.push(`      DATABASE_URL: postgresql://notify:\${NOTIFY_DB_PASSWORD}@postgres:5432/${s.database}`);
    else
      doc.push(
        `      ${k.name}: ${s.database}`,
        `      ${k.host}: ${s.dialect === 'mysql' ? 'mysql' : 'postgres'}`,
        `      ${k.user}: ${s.name.replace(/-/g, '_')}`,
        `      ${k.password}: \${${s.name.replace(/-/g, '_').toUpperCase()}_DB_PASSWORD}`,
      );
    doc.push('    depends_on:', `      - ${s.orm === 'mongo' ? 'mongo' : s.dialect === 'mysql' ? 'mysql' : 'postgres'}`, '');
  }
  doc.push('volumes:', '  mysql-data: {}');
  return doc.text();
}

export interface K8sSecretPlan {
  /** Literal secrets in a `kind: Secret` (stringData) or base64 `data`. */
  secret?: 'stringData' | 'data';
  /** A literal secret in the Deployment's env. */
  workloadSecret?: boolean;
  /** The leaked password in the ConfigMap. */
  configMapPassword?: boolean;
}

export function k8sManifests(service: Service, ledger: Ledger, plan: K8sSecretPlan): Array<{ path: string; text: string }> {
  const dir = `infrastructure/kubernetes/${service.name}`;
  const k = dbKeys(service);
  const out: Array<{ path: string; text: string }> = [];
  {
    const file = `${dir}/configmap.yaml`;
    const doc = new Doc();
    doc.push(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      `  name: ${service.name}-config`,
      '  namespace: nilecare',
      '  labels:',
      `    app: ${service.name}`,
      'data:',
      '  NODE_ENV: production',
      `  PORT: "${service.port}"`,
    );
    if (service.orm === 'mongo') {
      ledger.setting(service.database, service.name, file, doc.nextLine);
      doc.push(`  MONGO_URI: mongodb://mongo.nilecare.svc.cluster.local:27017/${service.database}`);
    } else if (service.orm !== 'prisma') {
      doc.push(`  ${k.host}: ${service.dialect === 'mysql' ? 'mysql' : 'postgres'}.nilecare.svc.cluster.local`);
      ledger.setting(service.database, service.name, file, doc.nextLine);
      doc.push(`  ${k.name}: ${service.database}`, `  ${k.user}: ${service.name.replace(/-/g, '_')}`);
    }
    if (plan.configMapPassword) {
      ledger.plant(CREDS, file, doc.nextLine, 'configmap-secret', k.password);
      doc.push(`  ${k.password}: "${LEAKED_PASSWORD}"`);
    }
    doc.push('  LOG_LEVEL: info');
    out.push({ path: file, text: doc.text() });
  }
  {
    const file = `${dir}/secret.yaml`;
    const doc = new Doc();
    doc.push('apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${service.name}-secrets`, '  namespace: nilecare', 'type: Opaque');
    if (plan.secret === 'stringData') {
      doc.push('stringData:');
      ledger.plant(CREDS, file, doc.nextLine, 'committed-secret', k.password);
      doc.push(`  ${k.password}: "B1ll!ng-Pr0d-2024"`);
    } else if (plan.secret === 'data') {
      doc.push('data:');
      ledger.plant(CREDS, file, doc.nextLine, 'committed-secret', 'JWT_SECRET');
      doc.push(`  JWT_SECRET: ${Buffer.from('auth-jwt-7c1e9a40b2d3').toString('base64')}`);
    } else {
      doc.push('stringData:');
      ledger.decoy(file, doc.nextLine, 'placeholder in a Secret');
      doc.push(`  ${k.password}: "<password>"`);
      ledger.decoy(file, doc.nextLine, 'Helm-style placeholder in a Secret');
      doc.push('  JWT_SECRET: "${JWT_SECRET}"');
    }
    out.push({ path: file, text: doc.text() });
  }
  {
    const file = `${dir}/deployment.yaml`;
    const doc = new Doc();
    doc.push(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${service.name}`,
      '  namespace: nilecare',
      '  labels:',
      `    app: ${service.name}`,
      'spec:',
      '  replicas: 2',
      '  selector:',
      '    matchLabels:',
      `      app: ${service.name}`,
      '  template:',
      '    metadata:',
      '      labels:',
      `        app: ${service.name}`,
      '    spec:',
      '      containers:',
      `        - name: ${service.name}`,
      `          image: registry.nilecare.example/${service.name}:1.4.2`,
      '          ports:',
      `            - containerPort: ${service.port}`,
      '          envFrom:',
      '            - configMapRef:',
      `                name: ${service.name}-config`,
      '          env:',
      `            - name: ${k.password}`,
      '              valueFrom:',
      '                secretKeyRef:',
      `                  name: ${service.name}-secrets`,
      `                  key: ${k.password}`,
    );
    if (plan.workloadSecret) {
      doc.push('            - name: PAYMENT_PROVIDER_SECRET');
      ledger.plant(CREDS, file, doc.nextLine, 'workload-env-secret', 'PAYMENT_PROVIDER_SECRET');
      doc.push('              value: "pgw-Live-7Hq2xZ41"');
    }
    doc.push(
      '          resources:',
      '            requests:',
      '              cpu: 100m',
      '              memory: 256Mi',
      '            limits:',
      '              memory: 512Mi',
      '          readinessProbe:',
      '            httpGet:',
      '              path: /health',
      `              port: ${service.port}`,
    );
    out.push({ path: file, text: doc.text() });
  }
  return out;
}

/** A CI workflow: its `env:` map looks like settings but is no manifest and no service's. */
export function ciWorkflow(): string {
  return [
    'name: ci',
    'on: [push, pull_request]',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    env:',
    '      DB_NAME: nilecare_test',
    '      DB_PASSWORD: ci-only-password',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with: { node-version: 20 }',
    '      - run: npm ci',
    '      - run: npx nilecare-lint --format sarif --output nilecare-lint.sarif',
    '',
  ].join('\n');
}

/** Build output and a vendored package repeating violations: never linted. */
export function decoyBuildOutput(service: Service, foreign: string): string {
  return [
    '"use strict";',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    'const database_1 = require("../config/database");',
    'const password = process.env.DB_PASSWORD || "";',
    'async function loadForeign(id) {',
    `    const [rows] = await database_1.pool.execute(\`SELECT * FROM ${foreign} WHERE id = ?\`, [id]);`,
    '    return rows;',
    '}',
    `exports.loadForeign = loadForeign; // ${service.name}`,
    '',
  ].join('\n');
}
