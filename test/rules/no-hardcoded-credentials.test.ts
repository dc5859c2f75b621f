import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-hardcoded-credentials.js';
import { ruleRegistry } from '../../rules/index.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { redact } from '../../rules/support/redact.js';
import { describeSecret, isFirebaseWebApiKey, isPublicClientKey } from '../../src/analysis/secrets.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { fixtureFacts, fixtureListings } from '../fixture-tree.js';
import { formatResult, reporterNames } from '../../src/reporters/index.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

describe('redact', () => {
  it('shows a length class, never the value', () => {
    expect(redact(describeSecret(''))).toBe('(empty)');
    expect(redact(describeSecret('root'))).toBe('**** (1-7 chars)');
    expect(redact(describeSecret('S3cr3t!Pass'))).toBe('**** (8-15 chars)');
    expect(redact(describeSecret('a-very-long-production-password'))).toBe('**** (16+ chars)');
  });
  it("reads an on/off value as a setting's switch, and as a password where the value is one (HELDOUT11 #19)", () => {
    for (const value of ['true', 'FALSE', 'yes', 'No', 'on', 'off', '0', '1', ' true '])
      expect(describeSecret(value).kind, value).toBe('switch');
    for (const value of ['truee', '2', '01', 'y']) expect(describeSecret(value).kind, value).toBe('literal');
    expect(describeSecret('1', undefined, true).kind).toBe('literal');
  });
});

/** A Serverless Framework config in TypeScript whose environment holds a connection URL with a password. */
const SERVERLESS_TS = [
  "import type { AWS } from '@serverless/typescript';",
  'const config: AWS = {',
  "  service: 'trips',",
  "  provider: { name: 'aws', environment: { DATABASE_URL: 'postgres://trips:Tr1ps-Url-pw@trips.example.com:5432/trips' } },",
  '};',
  'export default config;',
  '',
].join('\n');

/** Unleash's middleware importing its own ApiUser through a tsconfig `paths` alias (JSONC, from an extended base). */
const aliasedPrincipal = {
  'services/unleash/tsconfig.base.json':
    '{\n  // shared settings\n  "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/lib/*"], }, },\n}\n',
  'services/unleash/tsconfig.json': '{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }\n',
  'services/unleash/src/lib/types/api-user.ts':
    'export default class ApiUser {\n  constructor(readonly options: { permissions: string[]; secret: string }) {}\n}\n',
};
const aliasedPrincipalCode = (from: string) =>
  [
    `import ApiUser from '${from}';`,
    'export function anonymous(req) {',
    "  req.user = new ApiUser({ tokenName: 'unknown', permissions: ['FRONTEND'], secret: 'unknown' });",
    "  req.real = new ApiUser({ permissions: ['ADMIN'], secret: '*:*.be7a3c1fd29e4417' });",
    '}',
    '',
  ].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: "alembic.ini: Alembic's template URL (driver://user:pass@localhost/dbname), %(here)s paths and a ; comment are no credential",
      filename: 'services/keystone/keystone/common/sql/migrations/alembic.ini',
      code: [
        '# A generic, single database configuration.',
        '[alembic]',
        'script_location = %(here)s',
        '; sqlalchemy.url = postgresql://keystone:Kx9vT2pLqW@db.internal/keystone',
        'sqlalchemy.url = driver://user:pass@localhost/dbname',
        '',
        '[loggers]',
        'keys = root,sqlalchemy,alembic',
        '',
      ].join('\n'),
    },
    {
      name: "a made-up principal's placeholder token of the project's own class imported through a tsconfig paths alias (JSONC, extends)",
      filename: 'services/unleash/src/lib/middleware/no-authentication.ts',
      code: aliasedPrincipalCode('@app/types/api-user').replace(/\n {2}req\.real.*\n/, '\n'),
      files: aliasedPrincipal,
    },
    {
      name: 'Terraform: variables, random_password, secrets-manager data, interpolations, comments and heredocs are no literal credential (HELDOUT7 #8)',
      filename: 'infra/terraform/rds.tf',
      code: [
        'variable "db_password" {',
        '  type      = string',
        '  sensitive = true',
        '}',
        'resource "random_password" "billing" {',
        '  length  = 24',
        '  special = true',
        '}',
        'data "aws_secretsmanager_secret_version" "ledger" {',
        '  secret_id = "prod/ledger/db"',
        '}',
        'resource "aws_db_instance" "orders" {',
        '  username = "orders_admin"',
        '  password = var.db_password',
        '}',
        'resource "aws_rds_cluster" "billing" {',
        '  master_username = "billing"',
        '  master_password = random_password.billing.result',
        '}',
        'resource "aws_db_instance" "ledger" {',
        '  password = "${jsondecode(data.aws_secretsmanager_secret_version.ledger.secret_string)["password"]}"',
        '  # password = "Old-Ledger-Pa55word"',
        '  /* password = "Older-Ledger-Pa55word" */',
        '  manage_master_user_password = true',
        '}',
        'resource "aws_instance" "bastion" {',
        '  user_data = <<-EOT',
        '    password = "Heredoc-Bastion-Pa55"',
        '  EOT',
        '}',
      ].join('\n'),
      files: {
        'infra/terraform/terraform.tfvars': 'region = "eu-west-1"\ndb_password_arn = "arn:aws:secretsmanager:eu-west-1:1:secret:db"\n',
        'infra/cdk/lib/db.ts':
          "import { SecretValue } from 'aws-cdk-lib';\nexport const a = SecretValue.secretsManager('prod/orders/db');\nexport const b = SecretValue.unsafePlainText(process.env.ORDERS_DB_PASSWORD!);\n",
      },
    },
    {
      name: 'UI labels under a password key: the key named, translated, a phrase; a documentation example equal to its key (HELDOUT5 #4)',
      filename: 'services/accounts/src/i18n.ts',
      code: [
        'export const labels = {',
        "  en: { email: 'E-mail', password: 'Password' },",
        "  fr: { email: 'Courriel', password: 'Mot de passe' },",
        '};',
        'export const fieldLabels = {',
        "  ar: { username: 'اسم المستخدم', password: 'كلمة المرور' },",
        "  fr: { username: \"Nom d'utilisateur\", password: 'Mot de passe' },",
        '};',
        "export const form = { password: 'Passwort', hint: { password: 'Enter your password' }, mask: { password: '********' } };",
        "export const swaggerExample = { username: 'jane.doe', password: 'password' };",
        "export const docs = { dbPassword: '<your-password>', apiToken: 'API token' };",
        '',
      ].join('\n'),
    },
    {
      name: 'documentation and translation objects: JSON-schema examples, a language-keyed table, a translation file, text handed to i18n or a response',
      filename: 'services/accounts/src/openapi.ts',
      code: [
        "export const login = { type: 'object', examples: [{ username: 'jane', password: 'S3cure-Passw0rd' }] };",
        "export const strings = { 'pt-BR': { password: 'Palavra-chave' } };",
        "i18next.init({ resources: { de: { translation: { password: 'Kennwort' } } } });",
        "res.json({ user: 'jane', password: '********' });",
        '',
      ].join('\n'),
      files: { 'services/accounts/src/locales/hr.ts': "export default { login: { username: 'Korisnik', password: 'Lozinka2' } };\n" },
    },
    {
      name: 'an auth option naming a strategy, not a credential',
      filename: 'services/billing/src/routes.ts',
      code: "server.route({ method: 'GET', path: '/invoices', options: { auth: 'jwt', handler } });",
    },
    {
      name: 'credentials read from the environment',
      filename: 'services/billing/src/config/database.ts',
      code: 'export const pool = mysql.createPool({ host: process.env.DB_HOST, user: process.env.DB_USER, password: process.env.DB_PASSWORD });',
    },
    {
      name: 'an empty password literal is left to no-unsafe-env-default and reviewers',
      filename: 'services/billing/src/config/database.ts',
      code: "export const pool = mysql.createPool({ host: 'localhost', user: 'root', password: '' });",
    },
    {
      name: 'an env fallback is no-unsafe-env-default’s finding, not this rule’s',
      filename: 'services/payment/src/db.ts',
      code: "export const pool = mysql.createPool({ password: process.env.DB_PASSWORD || 'postgres' });",
    },
    {
      name: 'a user name alone is not a credential',
      filename: 'services/billing/src/config/database.ts',
      code: "export const pool = mysql.createPool({ host: 'db', user: 'billing_service', database: 'nilecare' });",
    },
    {
      name: 'a connection URL without a password',
      filename: 'services/billing/src/config/database.ts',
      code: "export const pool = mysql.createPool('mysql://billing@db:3306/nilecare');\nexport const pg = new Pool({ connectionString: 'postgres://db:5432/clinical_data' });",
    },
    {
      name: 'a connection URL built from the environment',
      filename: 'services/billing/src/config/database.ts',
      code: 'export const url = `mysql://${process.env.DB_USER}:${process.env.DB_PASSWORD}@${process.env.DB_HOST}/nilecare`;',
    },
    {
      name: 'a password in a test file',
      filename: 'services/billing/src/config/database.test.ts',
      code: "const pool = mysql.createPool({ host: 'localhost', password: 'test-only' });",
    },
    {
      name: 'a connection string in a test folder',
      filename: 'services/billing/test/db.ts',
      code: "export const url = 'mysql://root:test@localhost/nilecare_test';",
    },
    {
      name: '.env.example may hold real-looking values (a documented decision)',
      filename: 'services/billing/.env.example',
      code: 'DB_PASSWORD=your_password_here\nJWT_SECRET=dev-secret\nDATABASE_URL=postgres://billing:billing@localhost:5432/billing\n',
    },
    {
      name: 'env.sample and .env.test are examples too',
      filename: 'services/auth/env.sample',
      code: 'JWT_SECRET=replace-me-please\n',
      files: { 'services/auth/.env.test': 'DB_PASSWORD=test-password\n' },
    },
    {
      name: 'placeholders and references in a real .env',
      filename: 'services/auth/.env',
      code: 'DB_HOST=localhost\nDB_PASSWORD=\nJWT_SECRET=${JWT_SECRET}\nSMTP_PASSWORD=<smtp password>\nAPI_KEY=changeme\n',
    },
    {
      name: 'env files are skipped when the option is off',
      filename: 'services/auth/.env',
      code: 'DB_PASSWORD=actual-password\n',
      options: { envFiles: false },
    },
    {
      name: 'a ConfigMap with placeholders, references, Helm templates and settings about secrets',
      filename: 'services/billing/k8s/configmap.yaml',
      code: [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: billing-config',
        'data:',
        '  DB_HOST: mysql.internal',
        '  DB_PASSWORD: ""',
        '  JWT_SECRET: ${JWT_SECRET}',
        '  API_KEY: <changeme>',
        '  REDIS_PASSWORD: changeme',
        '  SMTP_PASSWORD: {{ .Values.smtp.password }}',
        '  PAYMENT_TOKEN: "{{ .Values.payment.token | quote }}"',
        '  DATABASE_URL: mysql://billing:{{ .Values.db.password }}@mysql:3306/nilecare',
        '  READONLY_URL: mysql://billing@mysql:3306/nilecare',
        '  JWT_EXPIRES_IN: 1h',
        '  DB_PASSWORD_FILE: /var/run/secrets/db-password',
        '',
      ].join('\n'),
    },
    {
      name: 'a committed Secret holding only placeholders, empty values and SOPS-encrypted values',
      filename: 'deploy/k8s/billing-secret.yaml',
      code: [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: billing-db',
        'data:',
        '  DB_PASSWORD: Y2hhbmdlbWU=',
        '  JWT_SECRET: ""',
        '  API_KEY: not base64 at all!',
        'stringData:',
        '  SMTP_PASSWORD: ENC[AES256_GCM,data:Tr7o8g==,iv:1sGz,tag:kU3e,type:str]',
        '  STRIPE_SECRET_KEY: <stripe key>',
        'sops:',
        '  version: 3.8.1',
        '',
      ].join('\n'),
    },
    {
      name: 'YAML that is no ConfigMap or Secret: a GitHub workflow with a CI database password',
      filename: '.github/workflows/ci.yml',
      code: 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      DB_PASSWORD: ci-password\n    services:\n      mysql:\n        image: mysql:8\n        env: { MYSQL_ROOT_PASSWORD: ci-password }\n    steps:\n      - run: npm test\n',
    },
    {
      name: 'a broken ConfigMap is skipped silently, as broken compose files are',
      filename: 'services/billing/k8s/broken.yaml',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-config\ndata:\n  DB_PASSWORD: "billing-2024\n  DB_HOST: [mysql\n',
    },
    {
      name: 'example and test manifests may hold real-looking values',
      filename: 'deploy/k8s/secret.example.yaml',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\nstringData:\n  DB_PASSWORD: billing-2024\n',
      files: {
        'services/billing/test/fixtures/configmap.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test\ndata:\n  DB_PASSWORD: test-password\n',
      },
    },
    {
      name: 'manifests are skipped when the option is off',
      filename: 'deploy/k8s/billing-secret.yaml',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\nstringData:\n  DB_PASSWORD: billing-2024\n',
      options: { manifests: false },
    },
    {
      name: 'a Deployment reading its secrets from Secrets, with placeholders, references and settings about secrets as literals',
      filename: 'services/billing/k8s/deployment.yaml',
      code: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: billing-service }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          envFrom: [{ secretRef: { name: billing-env } }]',
        '          env:',
        '            - name: DB_PASSWORD',
        '              valueFrom: { secretKeyRef: { name: billing-db, key: password } }',
        '            - name: DB_NAME',
        '              value: billing',
        '            - name: JWT_SECRET',
        '              value: ${JWT_SECRET}',
        '            - name: API_KEY',
        '              value: changeme',
        '            - name: REDIS_PASSWORD',
        '              value: ""',
        '            - name: SMTP_PASSWORD',
        '            - name: DATABASE_URL',
        '              value: mysql://billing:$(DB_PASSWORD)@mysql:3306/billing',
        '            - name: READONLY_URL',
        '              value: mysql://billing@mysql:3306/billing',
        '            - name: DB_PASSWORD_FILE',
        '              value: /var/run/secrets/db/password',
        '            - name: JWT_EXPIRES_IN',
        '              value: 1h',
        '',
      ].join('\n'),
    },
    {
      name: 'a Helm workload template: values from .Values are no literals, inside a URL too',
      filename: 'charts/billing/templates/deployment.yaml',
      code: [
        '{{- if .Values.enabled }}',
        'apiVersion: apps/v1',
        'kind: StatefulSet',
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
        '            {{- range $k, $v := .Values.secretEnv }}',
        '            - name: {{ $k }}',
        '              value: {{ $v | quote }}',
        '            {{- end }}',
        '            {{- with .Values.extraEnv }}',
        '            {{- toYaml . | nindent 12 }}',
        '            {{- end }}',
        '{{- end }}',
        '',
      ].join('\n'),
    },
    {
      name: 'YAML that is no workload: a top-level workflow env, Helm values with an env list',
      filename: '.github/workflows/test.yml',
      code: 'name: test\non: [pull_request]\nenv:\n  DB_PASSWORD: x\n  JWT_SECRET: ci-jwt-secret\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
      files: { 'charts/billing/values.yaml': 'replicaCount: 1\nenv:\n  - name: DB_PASSWORD\n    value: values-Passw0rd\n' },
    },
    {
      name: 'example and test workloads may hold real-looking values',
      filename: 'deploy/k8s/deployment.example.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: billing }\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          env: [{ name: DB_PASSWORD, value: billing-2024 }]\n',
      files: {
        'services/billing/test/k8s/pod.yaml':
          'apiVersion: v1\nkind: Pod\nmetadata: { name: it }\nspec:\n  containers:\n    - name: db\n      env: [{ name: MYSQL_ROOT_PASSWORD, value: test-root }]\n',
      },
    },
    {
      name: 'workloads are skipped when the manifests option is off',
      filename: 'deploy/k8s/deployment.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: billing }\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          env: [{ name: DB_PASSWORD, value: billing-2024 }]\n',
      options: { manifests: false },
    },
    {
      name: 'compose: references, *_FILE settings, a compose-escaped $$ reference and short-lived names are no secrets',
      filename: 'docker-compose.yml',
      code: [
        'services:',
        '  api:',
        '    environment:',
        '      JWT_SECRET: ${JWT_SECRET:?set JWT_SECRET}',
        '      DB_PASSWORD_FILE: /run/secrets/db_password',
        '      PAYPAL_CLIENT_SECRET: ${PAYPAL_CLIENT_SECRET}',
        '      REDIS_PASSWORD: "$${REDIS_PASSWORD}"',
        '      REDIS_URL: redis://:${REDIS_PASSWORD}@cache:6379/0',
        '',
      ].join('\n'),
    },
    {
      name: 'compose: an empty interpolation default, in a secret or a URL password, is no literal',
      filename: 'docker-compose.yml',
      code: [
        'services:',
        '  api:',
        '    environment:',
        '      JWT_SECRET: ${JWT_SECRET:-}',
        '      REDIS_URL: redis://:${REDIS_PASSWORD:-}@cache:6379/0',
        '      DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app',
        '',
      ].join('\n'),
    },
    {
      name: 'SQL: a psql variable, socket authentication and a password hash are no literal passwords',
      filename: 'services/auth/migrations/V0__roles.sql',
      code: [
        "CREATE USER payments_ro WITH PASSWORD :'ro_password';",
        "CREATE USER 'ops'@'localhost' IDENTIFIED WITH auth_socket;",
        "CREATE USER 'app'@'%' IDENTIFIED WITH mysql_native_password AS '*6C8989366EAF75BB670AD8EA7A7FC1176A95CEF4';",
        '',
      ].join('\n'),
    },
    {
      name: 'SQL: a FEDERATED table naming a server, or a URL without a password',
      filename: 'services/orders/migrations/V3__remote.sql',
      code: [
        "CREATE TABLE orders_remote_a (id INT PRIMARY KEY) ENGINE=FEDERATED CONNECTION='fed_products/products';",
        "CREATE TABLE orders_remote_b (id INT PRIMARY KEY) ENGINE=FEDERATED CONNECTION='mysql://fed_reader@mysql:3306/products_db/stock';",
        '',
      ].join('\n'),
    },
    {
      name: 'a bcrypt hash as a seed user password, and a mocked API response',
      filename: 'services/auth/src/mocks/paypal.handlers.ts',
      code: "export const seed = { password: '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234' };\nHttpResponse.json({ clientSecret: 'mock_secret' });",
    },
    {
      name: 'SQL in a test folder',
      filename: 'services/auth/test/fixtures/users.sql',
      code: "CREATE USER tester IDENTIFIED BY 'test-only-pass';",
    },
    {
      name: 'YAML configuration: a URL password from the environment, a CI workflow database, a test config',
      filename: 'services/payments/config/default.yaml',
      code: 'database:\n  url: postgres://app:${DB_PASSWORD}@db:5432/payments\n  replica: postgres://db-replica:5432/payments\n',
      files: {
        '.github/workflows/ci.yml':
          'jobs:\n  test:\n    env:\n      DATABASE_URL: postgres://postgres:postgres-ci-pw@localhost:5432/test\n',
        'services/payments/config/test.yaml': 'database:\n  url: postgres://app:test-only-pass@localhost:5432/payments_test\n',
      },
    },
    {
      name: 'secret-named YAML settings that hold no credential: references, templates, ERB, tags, empty values, placeholders, the names of Secret keys',
      filename: 'charts/payments/values.yaml',
      code: [
        'postgresql:',
        '  auth:',
        '    password: ""',
        '    existingSecret: payments-db',
        '    secretKeys:',
        '      adminPasswordKey: postgres-password',
        '    replicationPasswordKey: replication-password',
        '    apiKey: "{{ .Values.global.apiKey }}"',
        '    jwtSecret: ${JWT_SECRET}',
        "    clientSecret: <%= ENV['CLIENT_SECRET'] %>",
        '    token: !vault |',
        '      $ANSIBLE_VAULT;1.1;AES256',
        '      6231386563336437',
        '    pass: changeme',
        '  auth: jwt',
        '  passwordMinLength: "12"',
        '',
      ].join('\n'),
    },
    {
      name: 'secret-named keys outside application configuration (a locale file, an OpenAPI spec, node-config env mapping, a CI workflow, an example and a mock)',
      filename: 'services/payments/config/locales/en.yaml',
      code: 'login:\n  password: Password\n  secret: Secret question\n',
      files: {
        'services/payments/openapi.yaml':
          'components:\n  schemas:\n    Login:\n      properties:\n        password:\n          type: string\n          example: S3cure-Passw0rd\n',
        'services/payments/config/custom-environment-variables.yaml': 'paypal:\n  clientSecret: PAYPAL_CLIENT_SECRET\n',
        '.github/workflows/application.yml': 'env:\n  password: ci-only-Passw0rd\n',
        'services/payments/src/main/resources/application-example.yml': 'spring:\n  datasource:\n    password: example-Passw0rd\n',
        'services/payments/src/mocks/config/default.yaml': 'paypal:\n  clientSecret: mock-client-Secret\n',
      },
    },
    {
      name: 'SQL passwords in code that are no literal: a ${…} hole, a SCRAM verifier, a test file and a mocked handler',
      filename: 'services/payments/src/bootstrap.ts',
      code: [
        "import { pool } from './db';",
        'export async function bootstrap(): Promise<void> {',
        "  await pool.query(`ALTER USER payments_ro PASSWORD '${process.env.RO_PASSWORD}'`);",
        '  await pool.query("ALTER ROLE payments_app PASSWORD \'SCRAM-SHA-256$4096:c2FsdHNhbHQ=$c3RvcmVka2V5:c2VydmVya2V5\'");',
        '}',
        '',
      ].join('\n'),
      files: {
        'services/payments/src/bootstrap.test.ts': 'await pool.query("CREATE USER tester WITH PASSWORD \'test-only-Pass1\'");\n',
        'services/payments/src/mocks/db.handlers.ts': 'await pool.query("CREATE USER mock_user WITH PASSWORD \'mock-Passw0rd\'");\n',
      },
    },
    {
      name: 'Sequelize config/config.json: null, empty and placeholder passwords, use_env_variable; a test copy; a config.json that is no connection file',
      filename: 'services/orders/config/config.json',
      code: '{\n  "development": { "username": "root", "password": null, "database": "orders_dev", "host": "127.0.0.1", "dialect": "mysql" },\n  "test": { "username": "root", "password": "", "database": "orders_test", "dialect": "mysql" },\n  "staging": { "username": "orders", "password": "changeme", "database": "orders", "dialect": "mysql" },\n  "production": { "use_env_variable": "DATABASE_URL", "dialect": "mysql" }\n}\n',
      files: {
        'services/orders/test/config/config.json':
          '{ "test": { "username": "root", "password": "t3st-Only-pw", "database": "orders_test", "dialect": "mysql" } }\n',
        'services/web/config/config.json': '{ "production": { "apiKey": "not-a-connection-file", "url": "https://example.test" } }\n',
        'services/orders/ormconfig.json': '{ "type": "mysql", "password": "${DB_PASSWORD}", "url": "mysql://orders@db:3306/orders" }\n',
      },
    },
    {
      name: 'serverless.yml: ${ssm:…}, ${env:…}, ${self:…}, ${cf:…}, !Ref, !GetAtt, Fn::GetAtt and an empty value are references, not secrets',
      filename: 'services/payouts/serverless.yml',
      code: [
        'service: payouts',
        'provider:',
        '  name: aws',
        '  environment:',
        '    DB_NAME: payouts',
        '    DB_PASSWORD: ${ssm:/ridebook/${sls:stage}/payouts/db-password}',
        '    JWT_SECRET: ${env:JWT_SECRET}',
        '    API_KEY: ${self:custom.apiKey}',
        '    STRIPE_SECRET_KEY: ${cf:billing-${sls:stage}.StripeKey}',
        '    DB_HOST: !GetAtt PayoutsCluster.Endpoint.Address',
        '    SMTP_PASSWORD: ""',
        'functions:',
        '  weekly:',
        '    handler: handler.weekly',
        '    environment:',
        '      REPORT_TOKEN: !Ref ReportToken',
        'resources:',
        '  Resources:',
        '    PayoutsCluster:',
        '      Type: AWS::RDS::DBCluster',
        '      Properties:',
        '        DatabaseName: payouts',
        '        MasterUserPassword: ${ssm:/ridebook/payouts/db-password}',
        '    Other:',
        '      Type: AWS::RDS::DBInstance',
        '      Properties:',
        '        MasterUserPassword:',
        "          Fn::Sub: '{{resolve:secretsmanager:${Secret}:SecretString:password}}'",
        '',
      ].join('\n'),
    },
    {
      name: "node-config: default.json's development values, custom-environment-variables (variable names), the test environment, placeholders",
      filename: 'services/orders/config/default.json',
      code: '{\n  "db": { "host": "localhost", "user": "orders", "password": "dev-only-pw", "database": "shop" }\n}\n',
      files: {
        'services/orders/config/custom-environment-variables.json': '{ "db": { "password": "DB_PASSWORD", "database": "DB_NAME" } }\n',
        'services/orders/config/test.json': '{ "db": { "host": "localhost", "password": "t3st-Only-pw", "database": "shop_test" } }\n',
        'services/orders/config/staging.json': '{ "db": { "host": "mysql-stg", "password": "", "database": "shop" } }\n',
      },
    },
    {
      name: "an Ace / CodeMirror highlighter rule's token is a token type, not a credential (HELDOUT10 #8)",
      filename: 'services/wiki/modules/mode-filter.js',
      code: [
        'export const rules = {',
        "  start: [{ token: 'comment', regex: '\\\\/\\\\*', next: 'comment' }, { token: 'keyword.operator', regex: /[+*]/ }],",
        "  comment: [{ token: 'comment', regex: '\\\\*\\\\/', next: 'start' }, { defaultToken: 'comment' }],",
        '};',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a setup template whose comments say to change the password is a documented placeholder, a warning; a real password beside it and a value no instruction names stay errors (HELDOUT10 #12)',
      filename: 'services/clinical/db/setup.sql',
      code: [
        '/*',
        ' * setup.sql -- PostgreSQL commands for creating the RADIUS user.',
        ' *',
        " *	WARNING: You should change 'localhost' and 'radpass'",
        ' *		 to something else.  Also update raddb/mods-available/sql',
        ' *		 with the new RADIUS password.',
        ' */',
        '',
        '/* Create default administrator for RADIUS */',
        "CREATE USER radius WITH PASSWORD 'radpass';",
        "CREATE USER radius_admin WITH PASSWORD 'Adm1n-radius-77';",
        '-- the password of radius_ro is radpass2, keep it',
        "CREATE USER radius_ro WITH PASSWORD 'radpass2';",
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'sqlPlaceholderPassword',
          line: 10,
          column: 34,
          endLine: 10,
          endColumn: 43,
          severity: 'warn',
          data: { statement: 'CREATE USER', redacted: '**** (1-7 chars)' },
        },
        {
          messageId: 'sqlPassword',
          line: 11,
          column: 40,
          endLine: 11,
          endColumn: 57,
          severity: 'error',
          data: { statement: 'CREATE USER', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'sqlPassword',
          line: 13,
          column: 37,
          endLine: 13,
          endColumn: 47,
          severity: 'error',
          data: { statement: 'CREATE USER', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'a comment with an everyday instruction word that names the value unquoted (a role name) documents no placeholder',
      filename: 'services/billing/db/roles.sql',
      code: ['-- Update the postgres role grants', "ALTER USER postgres WITH PASSWORD 'postgres';", ''].join('\n'),
      errors: [
        {
          messageId: 'sqlPassword',
          line: 2,
          column: 35,
          endLine: 2,
          endColumn: 45,
          severity: 'error',
          data: { statement: 'ALTER USER', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "MySQL's ## header comments name the placeholder for CREATE USER and SET PASSWORD alike (HELDOUT10 #12)",
      filename: 'services/billing/db/setup.sql',
      code: [
        '##',
        '## setup.sql -- MySQL commands for creating the RADIUS user.',
        '##',
        "##	WARNING: You should change 'localhost' and 'radpass'",
        '##		 to something else.',
        '##',
        "CREATE USER 'radius'@'localhost' IDENTIFIED BY 'radpass';",
        "SET PASSWORD FOR 'radius'@'localhost' = PASSWORD('radpass');",
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'sqlPlaceholderPassword',
          line: 7,
          column: 48,
          endLine: 7,
          endColumn: 57,
          severity: 'warn',
          data: { statement: 'CREATE USER', redacted: '**** (1-7 chars)' },
        },
        {
          messageId: 'sqlPlaceholderPassword',
          line: 8,
          column: 50,
          endLine: 8,
          endColumn: 59,
          severity: 'warn',
          data: { statement: 'SET PASSWORD', redacted: '**** (1-7 chars)' },
        },
      ],
    },
    {
      name: 'alembic.ini: a real password in sqlalchemy.url is reported at the password (it was not read at all)',
      filename: 'services/keystone/keystone/common/sql/migrations/alembic.ini',
      code: '[alembic]\nscript_location = %(here)s\nsqlalchemy.url = postgresql://keystone:Kx9vT2pLqW@db.internal/keystone\n',
      errors: [
        {
          messageId: 'configFileConnectionString',
          line: 3,
          column: 40,
          endLine: 3,
          endColumn: 50,
          data: { key: 'url', scheme: 'postgresql', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "through the alias, a real token stays reported; a library's class (a bare specifier no tsconfig maps) keeps its placeholder reported",
      filename: 'services/unleash/src/lib/middleware/no-authentication.ts',
      code:
        aliasedPrincipalCode('@app/types/api-user') +
        aliasedPrincipalCode('@unleash/auth-sdk')
          .replace('ApiUser', 'SdkUser')
          .replace(/ApiUser\(/g, 'SdkUser(')
          .replace('export function anonymous', 'export function sdk'),
      files: aliasedPrincipal,
      errors: [
        {
          messageId: 'credentialProperty',
          line: 4,
          column: 60,
          endLine: 4,
          endColumn: 82,
          data: { key: 'secret', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 8,
          column: 85,
          endLine: 8,
          endColumn: 94,
          data: { key: 'secret', redacted: '**** (1-7 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 9,
          column: 60,
          endLine: 9,
          endColumn: 82,
          data: { key: 'secret', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: "a made-up principal's placeholder token (own class, authorization fields, a word for no token) and a lookup table's group name are no credentials; a real token beside them, a library's client, a record beside a connection key, a record whose fields all say the same and a small object still are (HELDOUT9 #15, #16)",
      filename: 'services/unleash/src/lib/middleware/no-authentication.js',
      code: [
        "import ApiUser from '../types/api-user.js';",
        "import { ApiTokenType } from '../types/model.js';",
        "import { Client } from 'some-auth-sdk';",
        'class ServiceToken { constructor(o) { Object.assign(this, o); } }',
        'export function anonymous(req) {',
        "  req.user = new ApiUser({ tokenName: 'unknown', permissions: ['FRONTEND'], type: ApiTokenType.FRONTEND, secret: 'unknown' });",
        "  req.demo = new ApiUser({ permissions: [], environment: 'default', type: ApiTokenType.CLIENT, secret: 'a' });",
        "  req.svc = new ServiceToken({ roles: ['admin'], token: 'none' });",
        "  req.real = new ApiUser({ permissions: ['ADMIN'], type: ApiTokenType.ADMIN, secret: '*:*.be7a3c1fd29e4417' });",
        "  req.lib = new Client({ scopes: ['read'], secret: 'unknown' });",
        "  req.conn = new ApiUser({ host: 'auth.internal', roles: ['x'], secret: 'none' });",
        '}',
        'export const keyGroup = {',
        "  title: 'site',",
        "  description: 'site',",
        "  logo: 'site',",
        "  twitter_image: 'site',",
        "  active_theme: 'theme',",
        "  is_private: 'private',",
        "  password: 'private',",
        "  public_hash: 'private',",
        "  labs: 'labs',",
        '};',
        "export const seed = { name: 'admin', role: 'admin', email: 'admin', password: 'admin', org: 'admin', team: 'admin' };",
        "export const user = { user: 'admin', password: 'admin', role: 'admin', group: 'admin', a: 'x', b: 'x', c: 'x' };",
        "export const fewer = { mode: 'private', password: 'private', kind: 'private', a: 'b' };",
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'credentialProperty',
          line: 9,
          column: 86,
          endLine: 9,
          endColumn: 108,
          data: { key: 'secret', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 10,
          column: 52,
          endLine: 10,
          endColumn: 61,
          data: { key: 'secret', redacted: '**** (1-7 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 11,
          column: 73,
          endLine: 11,
          endColumn: 79,
          data: { key: 'secret', redacted: '**** (1-7 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 24,
          column: 79,
          endLine: 24,
          endColumn: 86,
          data: { key: 'password', redacted: '**** (1-7 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 25,
          column: 48,
          endLine: 25,
          endColumn: 55,
          data: { key: 'password', redacted: '**** (1-7 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 26,
          column: 51,
          endLine: 26,
          endColumn: 60,
          data: { key: 'password', redacted: '**** (1-7 chars)' },
        },
      ],
    },
    {
      name: 'serverless.ts: a URL with a password in provider.environment is one finding, serverlessConnectionString at the password (it was connectionStringPassword too, at the same span)',
      filename: 'services/trips/serverless.ts',
      code: SERVERLESS_TS,
      errors: [
        {
          messageId: 'serverlessConnectionString',
          line: 4,
          column: 75,
          endLine: 4,
          endColumn: 87,
          data: { where: 'provider.environment', key: 'DATABASE_URL', scheme: 'postgres', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'serverless.ts without the configuration-file checks (configFiles: false): the URL in code is still connectionStringPassword, once',
      filename: 'services/trips/serverless.ts',
      code: SERVERLESS_TS,
      options: { configFiles: false },
      errors: [
        {
          messageId: 'connectionStringPassword',
          line: 4,
          column: 75,
          endLine: 4,
          endColumn: 87,
          data: { scheme: 'postgres', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "Terraform: an aws_db_instance's password, an aws_rds_cluster's master_password, a secret variable's default (HELDOUT7 #8)",
      filename: 'infra/terraform/rds.tf',
      code: [
        'resource "aws_db_instance" "orders" {',
        '  engine   = "postgres"',
        '  username = "orders_admin"',
        '  password = "Tf-Orders-Adm1n!"',
        '}',
        'resource "aws_rds_cluster" "billing" {',
        '  master_password = "Bill1ng-Cluster-Pw" # rotate',
        '}',
        'variable "ledger_db_password" {',
        '  type    = string',
        '  default = "Ledger-Default-Pw9"',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'terraformSecret',
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 31,
          data: { where: "'aws_db_instance.orders' ", key: 'password', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'terraformSecret',
          line: 7,
          column: 22,
          endLine: 7,
          endColumn: 40,
          data: { where: "'aws_rds_cluster.billing' ", key: 'master_password', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'terraformSecret',
          line: 11,
          column: 14,
          endLine: 11,
          endColumn: 32,
          data: { where: "variable 'ledger_db_password' ", key: 'ledger_db_password', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: 'Terraform: a secret-named assignment of a .tfvars file',
      filename: 'infra/terraform/prod.auto.tfvars',
      code: 'region = "eu-west-1"\nreporting_db_password = "Rep0rting-Pw-2024"\n',
      errors: [
        {
          messageId: 'terraformSecret',
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 43,
          data: { where: '', key: 'reporting_db_password', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: "AWS CDK: SecretValue.unsafePlainText('…') of a database's credentials (HELDOUT7 8b)",
      filename: 'infra/cdk/lib/database-stack.ts',
      code: [
        "import { SecretValue } from 'aws-cdk-lib';",
        "import * as rds from 'aws-cdk-lib/aws-rds';",
        "export const credentials = rds.Credentials.fromPassword('orders_admin', SecretValue.unsafePlainText('Cdk-Orders-5512-zz'));",
      ].join('\n'),
      errors: [
        {
          messageId: 'credentialProperty',
          line: 3,
          column: 101,
          endLine: 3,
          endColumn: 121,
          data: { key: 'secret', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: 'node-config: a literal password in config/production.json, nested connection options included',
      filename: 'services/orders/config/production.json',
      code: '{\n  "db": { "host": "mysql-prod.internal", "user": "orders", "password": "0rd3rs-Pr0d-pw", "database": "shop" },\n  "reporting": { "knex": { "client": "pg", "connection": { "host": "pg", "password": "R3p0rt-pw-2024", "database": "reports" } } }\n}\n',
      errors: [
        {
          messageId: 'ormConfigSecret',
          line: 2,
          column: 72,
          endLine: 2,
          endColumn: 88,
          data: { orm: 'node-config', connection: "'db' ", key: 'password', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'ormConfigSecret',
          line: 3,
          column: 86,
          endLine: 3,
          endColumn: 102,
          data: { orm: 'node-config', connection: "'reporting.knex.connection' ", key: 'password', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "serverless.yml: literal secrets of provider.environment, a function's environment and an RDS cluster's MasterUserPassword",
      filename: 'services/trips/serverless.yml',
      code: [
        'service: trips',
        'provider:',
        '  name: aws',
        '  environment:',
        '    DB_NAME: trips',
        '    DB_PASSWORD: R1deb00k-Tr1ps',
        'functions:',
        '  complete:',
        '    handler: handler.complete',
        '    environment:',
        "      JWT_SECRET: 'tr1ps-jwt-K3y'",
        'resources:',
        '  Resources:',
        '    TripsCluster:',
        '      Type: AWS::RDS::DBCluster',
        '      Properties:',
        '        Engine: aurora-mysql',
        '        DatabaseName: trips',
        '        MasterUserPassword: Tr1ps-M4ster-pw',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'serverlessSecret',
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 32,
          data: { where: 'provider.environment', key: 'DB_PASSWORD', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'serverlessSecret',
          line: 11,
          column: 19,
          endLine: 11,
          endColumn: 34,
          data: { where: 'functions.complete.environment', key: 'JWT_SECRET', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'serverlessSecret',
          line: 19,
          column: 29,
          endLine: 19,
          endColumn: 44,
          data: { where: "resource 'TripsCluster'", key: 'MasterUserPassword', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "a literal password in the Sequelize CLI's config/config.json",
      filename: 'backend/services/inventory/config/config.json',
      code: '{\n  "development": {\n    "username": "root",\n    "password": null,\n    "database": "inventory",\n    "dialect": "mysql"\n  },\n  "production": {\n    "username": "inventory",\n    "password": "Inv3nt-pw-2023",\n    "database": "inventory",\n    "host": "mysql.internal",\n    "dialect": "mysql"\n  }\n}\n',
      errors: [
        {
          messageId: 'ormConfigSecret',
          line: 10,
          column: 17,
          endLine: 10,
          endColumn: 33,
          data: { orm: 'Sequelize', connection: "'production' ", key: 'password', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "a literal password in TypeORM's ormconfig.json, a URL password in a named connection of ormconfig.yml (once)",
      filename: 'pharmacy-service/ormconfig.json',
      code: '{\n  "type": "mysql",\n  "username": "pharmacy",\n  "password": "ph4rm@cy-2023",\n  "database": "pharmacy"\n}\n',
      files: {
        'reporting-service/ormconfig.json':
          '[{ "name": "reports", "type": "postgres",\n  "url": "postgres://reporter:R3port-pw-2024@reports-db:5432/reports" }]\n',
        'audit-service/ormconfig.yml': 'default:\n  type: postgres\n  url: postgres://auditor:Aud1t-pw-2024@audit-db:5432/audit\n',
      },
      errors: [
        {
          file: 'audit-service/ormconfig.yml',
          messageId: 'configFileConnectionString',
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 40,
          data: { key: 'url', scheme: 'postgres', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'ormConfigSecret',
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 30,
          data: { orm: 'TypeORM', connection: '', key: 'password', redacted: '**** (8-15 chars)' },
        },
        {
          file: 'reporting-service/ormconfig.json',
          messageId: 'ormConfigConnectionString',
          line: 2,
          column: 31,
          endLine: 2,
          endColumn: 45,
          data: { orm: 'TypeORM', connection: "'reports' ", key: 'url', scheme: 'postgres', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "a URL password in a JSON file of connection settings the service requires (its 'password' key is not kept)",
      filename: 'services/orders/src/db.config.json',
      code: ['{', '  "url": "postgres://app:Kx9vQm2LpZr7@db:5432/orders",', '  "password": "Kx9vQm2LpZr7"', '}', ''].join('\n'),
      errors: [
        {
          messageId: 'ormConfigConnectionString',
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 38,
          data: { orm: 'JSON settings file', connection: '', key: 'url', scheme: 'postgres', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "a Dockerfile ENV password is baked into the final image; a build stage's and a reference are not",
      filename: 'services/orders/Dockerfile',
      code: [
        'FROM node:20 AS build',
        'ENV NPM_TOKEN=Zq8vNm3KpLr6Ws',
        'FROM node:20-alpine',
        'ENV NODE_ENV=production \\',
        '    DB_PASSWORD=0rders-Img-Pw!',
        'ENV API_KEY=${API_KEY}',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'dockerfileSecret',
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 31,
          data: { key: 'DB_PASSWORD', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'a numeric password in application YAML (a number to YAML, the password to the application), and a numeric port that is none',
      filename: 'services/payments/config/application.yaml',
      code: ['database:', '  host: db', '  port: 5432', '  password: 84736251', ''].join('\n'),
      errors: [
        {
          messageId: 'configFileSecret',
          line: 4,
          column: 13,
          endLine: 4,
          endColumn: 21,
          data: { key: 'database.password', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'secret-named settings with literal values in application YAML (Spring application.yml, dotted and kebab keys), at the bare value',
      filename: 'services/payments/src/main/resources/application.yml',
      code: [
        'spring:',
        '  datasource:',
        '    url: jdbc:postgresql://db:5432/payments',
        '    username: payments_app',
        '    password: Pa55-payments-2024',
        'paypal:',
        "  client-secret: 'EHk2-pp-Sandbox'",
        'spring.security.oauth2.client.registration.github.client-secret: gh-0auth-Secret',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'configFileSecret',
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 33,
          data: { key: 'spring.datasource.password', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'configFileSecret',
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 34,
          data: { key: 'paypal.client-secret', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'configFileSecret',
          line: 8,
          column: 66,
          endLine: 8,
          endColumn: 81,
          data: { key: 'spring.security.oauth2.client.registration.github.client-secret', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'secret-named settings in node-config config/*.yaml and a Helm values file: db_password, apiKey, a Helm password',
      filename: 'services/orders/config/production.yaml',
      code: ['db:', '  host: orders-db', '  db_password: "0rders-prod-Pw"', 'stripe:', '  apiKey: sk_live_51abcDEF', ''].join('\n'),
      files: { 'deploy/helm/orders/values-prod.yaml': 'postgresql:\n  auth:\n    password: helm-0rders-Pw\n' },
      errors: [
        {
          messageId: 'configFileSecret',
          file: 'deploy/helm/orders/values-prod.yaml',
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 29,
          data: { key: 'postgresql.auth.password', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'configFileSecret',
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 31,
          data: { key: 'db.db_password', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'configFileSecret',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 27,
          data: { key: 'stripe.apiKey', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: 'SQL passwords in code: a template string and a string passed to a query call, at the literal with its quotes',
      filename: 'services/payments/src/bootstrap.ts',
      code: [
        "import { pool } from './db';",
        'export async function bootstrap(): Promise<void> {',
        "  await pool.query(`CREATE USER payments_batch WITH PASSWORD 'b4tch-Payments-8'`);",
        "  await pool.query(\"CREATE USER 'auth_support'@'%' IDENTIFIED BY 'Supp0rt-ro'\");",
        '}',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'sqlPassword',
          line: 3,
          column: 62,
          endLine: 3,
          endColumn: 80,
          data: { statement: 'CREATE USER', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'sqlPassword',
          line: 4,
          column: 66,
          endLine: 4,
          endColumn: 78,
          data: { statement: 'CREATE USER', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'URL passwords in application YAML (node-config default.yaml: the base of every environment), plain and quoted, nested and in a list',
      filename: 'services/payments/config/default.yaml',
      code: [
        'database:',
        '  url: postgres://payments_app:Pa55-payments-2024@localhost:5432/payments',
        'replicas:',
        '  - "mysql://ro:R3plica-Pass@replica:3306/payments"',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'configFileConnectionString',
          line: 2,
          column: 32,
          endLine: 2,
          endColumn: 50,
          data: { key: 'url', scheme: 'postgres', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'configFileConnectionString',
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 29,
          data: { key: 'replicas', scheme: 'mysql', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'a secret in an anchored block merged into two compose services is one finding, at the anchor',
      filename: 'docker-compose.yml',
      code: [
        'x-db-env: &db-env',
        '  DB_PASSWORD: shared-pw-7731',
        'services:',
        '  billing:',
        '    environment:',
        '      <<: *db-env',
        '  payment:',
        '    environment: *db-env',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'composeSecret',
          line: 2,
          column: 16,
          endLine: 2,
          endColumn: 30,
          data: { service: 'billing', key: 'DB_PASSWORD', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "compose interpolation defaults: a secret's default and a URL password's default are the values the container gets when the variable is unset (HELDOUT6 #19)",
      filename: 'docker-compose.prod.yml',
      code: [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_DB: orders',
        '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-Pr0d-Fallback-2025}',
        '  orders:',
        '    environment:',
        '      DATABASE_URL: postgres://orders:${ORDERS_DB_PASSWORD:-0rders-Fallback!}@db:5432/orders',
        '      DB_PASSWORD: ${ORDERS_DB_PASSWORD}',
        '  billing:',
        '    environment:',
        '      - JWT_SECRET=${BILLING_JWT_SECRET-billing-jwt-77}',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'composeSecretDefault',
          line: 6,
          column: 47,
          endLine: 6,
          endColumn: 65,
          data: { service: 'db', key: 'POSTGRES_PASSWORD', variable: 'POSTGRES_PASSWORD', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'composeConnectionString',
          line: 9,
          column: 61,
          endLine: 9,
          endColumn: 77,
          data: { service: 'orders', key: 'DATABASE_URL', scheme: 'postgres', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'composeSecretDefault',
          line: 13,
          column: 41,
          endLine: 13,
          endColumn: 55,
          data: { service: 'billing', key: 'JWT_SECRET', variable: 'BILLING_JWT_SECRET', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'compose environment secrets, map and list form, and a URL password',
      filename: 'docker-compose.yml',
      code: [
        'services:',
        '  mysql:',
        '    environment:',
        '      MYSQL_ROOT_PASSWORD: rootpass-8812',
        '  redis:',
        '    environment:',
        '      - REDIS_PASSWORD=r3dis-cache-pw',
        '  payments:',
        '    environment:',
        '      DATABASE_URL: postgres://payments_app:Pa55-payments-2024@postgres:5432/payments',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'composeSecret',
          line: 4,
          column: 28,
          endLine: 4,
          endColumn: 41,
          data: { service: 'mysql', key: 'MYSQL_ROOT_PASSWORD', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'composeSecret',
          line: 7,
          column: 24,
          endLine: 7,
          endColumn: 38,
          data: { service: 'redis', key: 'REDIS_PASSWORD', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'composeConnectionString',
          line: 10,
          column: 45,
          endLine: 10,
          endColumn: 63,
          data: { service: 'payments', key: 'DATABASE_URL', scheme: 'postgres', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: 'SQL passwords: MySQL IDENTIFIED BY, PostgreSQL CREATE USER and ALTER USER … PASSWORD, at the string literal',
      filename: 'services/auth/migrations/V0__roles.sql',
      code: [
        "CREATE USER IF NOT EXISTS 'auth_migrator'@'%' IDENTIFIED BY 'migr4te-Auth!';",
        "CREATE USER payments_app WITH PASSWORD 'Pa55-payments-2024';",
        "ALTER USER payments_report WITH PASSWORD 'x';",
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'sqlPassword',
          line: 1,
          column: 61,
          endLine: 1,
          endColumn: 76,
          data: { statement: 'CREATE USER', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'sqlPassword',
          line: 2,
          column: 40,
          endLine: 2,
          endColumn: 60,
          data: { statement: 'CREATE USER', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'sqlPassword',
          line: 3,
          column: 42,
          endLine: 3,
          endColumn: 45,
          data: { statement: 'ALTER USER', redacted: '**** (1-7 chars)' },
        },
      ],
    },
    {
      name: "a FEDERATED table's CONNECTION URL, at the password",
      filename: 'services/orders/migrations/V2__remote_products.sql',
      code: [
        'CREATE TABLE orders_remote_products (id INT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=FEDERATED',
        "  CONNECTION='mysql://fed_reader:F3d-reader-2023@mysql:3306/products_db/products';",
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'sqlPassword',
          line: 2,
          column: 34,
          endLine: 2,
          endColumn: 49,
          data: { statement: 'CREATE TABLE … CONNECTION', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'a ConfigMap holding a real password and a connection string with one',
      filename: 'services/billing/k8s/configmap.yaml',
      code: [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: billing-config',
        'data:',
        '  DB_HOST: mysql.internal',
        '  DB_PASSWORD: "billing-2024"',
        '  DATABASE_URL: mysql://billing:billing-2024@mysql:3306/nilecare',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'configMapSecret',
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 29,
          data: { name: 'billing-config', key: 'DB_PASSWORD', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'configMapConnectionString',
          line: 8,
          column: 33,
          endLine: 8,
          endColumn: 45,
          data: { name: 'billing-config', key: 'DATABASE_URL', scheme: 'mysql' },
        },
      ],
    },
    {
      name: 'a committed Secret in a multi-document CRLF file outside every service: base64 data and stringData',
      filename: 'deploy/k8s/billing.yaml',
      code: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: billing }',
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: billing-db',
        'type: Opaque',
        'data:',
        '  DB_PASSWORD: YmlsbGluZy0yMDI0',
        '  DB_USER: YmlsbGluZw==',
        '  JWT_SECRET: ""',
        'stringData:',
        '  API_KEY: changeme',
        '  STRIPE_SECRET_KEY: sk_live_abc123',
        '  DATABASE_URL: postgres://billing:pw-2024@db:5432/billing',
        '',
      ].join('\r\n'),
      errors: [
        {
          messageId: 'committedSecret',
          line: 11,
          column: 16,
          endLine: 11,
          endColumn: 32,
          data: { name: 'billing-db', key: 'DB_PASSWORD', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'committedSecret',
          line: 16,
          column: 22,
          endLine: 16,
          endColumn: 36,
          data: { name: 'billing-db', key: 'STRIPE_SECRET_KEY' },
        },
        {
          messageId: 'committedSecret',
          line: 17,
          column: 36,
          endLine: 17,
          endColumn: 43,
          data: { key: 'DATABASE_URL', redacted: '**** (1-7 chars)' },
        },
      ],
    },
    {
      name: 'a Helm template: the literal is reported, the values from .Values are not',
      filename: 'charts/billing/templates/secret.yaml',
      code: [
        '{{- if .Values.secret.enabled }}',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: {{ include "billing.fullname" . }}-db',
        'stringData:',
        '  DB_PASSWORD: {{ .Values.db.password | quote }}',
        '  JWT_SECRET: "n1le-care-jwt"',
        '{{- end }}',
        '',
      ].join('\n'),
      errors: [{ messageId: 'committedSecret', line: 8, column: 16, endLine: 8, endColumn: 29, data: { name: '…-db', key: 'JWT_SECRET' } }],
    },
    {
      name: 'literal env values of a Deployment: a secret of a container and a URL password of an init container; valueFrom is fine',
      filename: 'services/billing/k8s/deployment.yaml',
      code: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: billing-service }',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '        - name: migrate',
        '          env:',
        '            - name: DATABASE_URL',
        '              value: "mysql://billing:Bill1ng-2024@mysql:3306/billing"',
        '      containers:',
        '        - name: api',
        '          env:',
        '            - name: DB_PASSWORD',
        '              value: "s3cr3t-Pa55"',
        '            - name: DB_NAME',
        '              value: billing',
        '            - name: JWT_SECRET',
        '              valueFrom: { secretKeyRef: { name: jwt, key: secret } }',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'workloadEnvConnectionString',
          line: 11,
          column: 39,
          endLine: 11,
          endColumn: 51,
          data: {
            kind: 'Deployment',
            name: 'billing-service',
            key: 'DATABASE_URL',
            container: 'migrate',
            scheme: 'mysql',
            redacted: '**** (8-15 chars)',
          },
        },
        {
          messageId: 'workloadEnvSecret',
          line: 16,
          column: 23,
          endLine: 16,
          endColumn: 34,
          data: { kind: 'Deployment', name: 'billing-service', key: 'DB_PASSWORD', container: 'api', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "a CronJob: the env of its jobTemplate's pod template, a flow-style item",
      filename: 'deploy/k8s/reports/cronjob.yaml',
      code: [
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata:',
        '  name: nightly-report',
        'spec:',
        '  schedule: "0 3 * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          restartPolicy: OnFailure',
        '          containers:',
        '            - name: report',
        '              image: report:1.0',
        '              env:',
        "                - { name: REPORT_DB_PASSWORD, value: 'r3port-pw' }",
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'workloadEnvSecret',
          line: 16,
          column: 55,
          endLine: 16,
          endColumn: 64,
          data: { kind: 'CronJob', name: 'nightly-report', container: 'report', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'a multi-document CRLF file with a ConfigMap and a Deployment, each reported in its own words',
      filename: 'deploy/k8s/billing.yaml',
      code: [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: { name: billing-config }',
        'data:',
        '  DB_HOST: mysql.internal',
        '  DB_PASSWORD: cm-Passw0rd',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: billing }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          env:',
        '            - name: DB_HOST',
        '              value: mysql.internal',
        '            - name: SMTP_PASSWORD',
        '              value: sm7p-Passw0rd',
        '',
      ].join('\r\n'),
      errors: [
        {
          messageId: 'configMapSecret',
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 27,
          data: { name: 'billing-config', key: 'DB_PASSWORD' },
        },
        {
          messageId: 'workloadEnvSecret',
          line: 20,
          column: 22,
          endLine: 20,
          endColumn: 35,
          data: { kind: 'Deployment', name: 'billing', key: 'SMTP_PASSWORD', container: 'api' },
        },
      ],
    },
    {
      name: 'a Helm workload template: the literal under an if block is reported, the values from .Values are not',
      filename: 'charts/billing/templates/deployment.yaml',
      code: [
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
        '            {{- if .Values.stripe.enabled }}',
        '            - name: STRIPE_SECRET_KEY',
        '              value: sk_live_51HxAbC',
        '            {{- end }}',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'workloadEnvSecret',
          line: 15,
          column: 22,
          endLine: 15,
          endColumn: 37,
          data: { kind: 'Deployment', name: '…', key: 'STRIPE_SECRET_KEY', container: '…' },
        },
      ],
    },
    {
      name: 'a Pod without container name: an unquoted secret',
      filename: 'services/auth/k8s/debug-pod.yml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: { name: auth-debug }\nspec:\n  containers:\n    - image: auth:debug\n      env:\n        - name: JWT_SECRET\n          value: n1le-care-jwt\n',
      errors: [
        {
          messageId: 'workloadEnvSecret',
          line: 9,
          column: 18,
          endLine: 9,
          endColumn: 31,
          data: { kind: 'Pod', name: 'auth-debug', key: 'JWT_SECRET', container: '(unnamed)' },
        },
      ],
    },
    {
      name: 'a label-like value, a phrase or a placeholder that is in use: passed to a driver, jwt.sign or session(), or beside connection settings (HELDOUT5 #4)',
      filename: 'services/accounts/src/db.ts',
      code: [
        "export const pool = mysql.createPool({ host: 'db', user: 'app', password: 'password' });",
        "export const local = { host: 'localhost', port: 3306, password: 'Password' };",
        "app.use(session({ secret: 'Keyboard Cat' }));",
        "export const token = jwt.sign({ sub: 1 }, 'changeme');",
        "export const sessionConfig = { secret: 'keyboard cat' };",
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'credentialProperty',
          line: 1,
          column: 75,
          endLine: 1,
          endColumn: 85,
          data: { key: 'password', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 2,
          column: 65,
          endLine: 2,
          endColumn: 75,
          data: { key: 'password', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 41,
          data: { key: 'secret', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 4,
          column: 43,
          endLine: 4,
          endColumn: 53,
          data: { key: 'secret', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 5,
          column: 40,
          endLine: 5,
          endColumn: 54,
          data: { key: 'secret', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'PM2 ecosystem env blocks: a literal password and a URL password in env_production; placeholders, env reads and env_test are not (HELDOUT5 #15)',
      filename: 'ecosystem.config.js',
      code: [
        'module.exports = {',
        '  apps: [',
        '    {',
        "      name: 'billing',",
        "      cwd: './services/billing',",
        "      env: { DB_PASSWORD: 'changeme', JWT_SECRET: process.env.JWT_SECRET },",
        "      env_production: { DB_PASSWORD: 'B1ll1ng-Pr0d!', DATABASE_URL: 'mysql://billing:B1ll1ng-Pr0d!@db.internal/billing' },",
        "      env_test: { DB_PASSWORD: 'test-only-pw' },",
        '    },',
        '  ],',
        '};',
        '',
      ].join('\n'),
      files: {
        'ecosystem.example.config.js': "module.exports = { apps: [{ name: 'billing', env: { DB_PASSWORD: 'Example-Pw-123' } }] };\n",
      },
      errors: [
        {
          messageId: 'pm2Secret',
          line: 7,
          column: 38,
          endLine: 7,
          endColumn: 53,
          data: { app: 'billing', key: 'DB_PASSWORD', block: 'env_production', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'connectionStringPassword',
          line: 7,
          column: 86,
          endLine: 7,
          endColumn: 99,
          data: { scheme: 'mysql', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'a realistic value in a labels-looking object that is no translation table is still a credential',
      filename: 'services/accounts/src/seed.ts',
      code: "export const admin = { email: 'admin@example.org', password: 'Adm1n-2024!' };\nexport const demo = { email: 'demo@ledgerly.app', password: 'demo' };\n",
      errors: [
        { messageId: 'credentialProperty', line: 1, column: 62, endLine: 1, endColumn: 75, data: { key: 'password' } },
        { messageId: 'credentialProperty', line: 2, column: 61, endLine: 2, endColumn: 67, data: { key: 'password' } },
      ],
    },
    {
      name: 'user:password in an auth option',
      filename: 'services/billing/src/http.ts',
      code: "export const client = axios.create({ baseURL: url, auth: 'admin:S3cr3t' });",
      errors: [{ messageId: 'credentialProperty', line: 1, column: 58, endLine: 1, endColumn: 72 }],
    },
    {
      name: 'createPool({ password: literal })',
      filename: 'services/billing/src/config/database.ts',
      code: "import mysql from 'mysql2/promise';\n\nexport const pool = mysql.createPool({\n  host: 'db',\n  user: 'billing',\n  password: 'billing-2024',\n});\n",
      errors: [
        {
          messageId: 'credentialProperty',
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 27,
          data: { key: 'password', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "new Sequelize('db', 'user', 'pass')",
      filename: 'services/business/src/db.ts',
      code: "import { Sequelize } from 'sequelize';\n\nexport const sequelize = new Sequelize('nilecare', 'root', 'r00t-pass', { dialect: 'mysql' });\n",
      errors: [{ messageId: 'credentialProperty', line: 3, column: 60, endLine: 3, endColumn: 71, data: { key: 'password' } }],
    },
    {
      name: 'knex connection options',
      filename: 'services/clinical/src/db.ts',
      code: "export const db = knex({\n  client: 'pg',\n  connection: { host: 'db', user: 'clinical', password: 'clinical-pw', database: 'clinical_data' },\n});\n",
      errors: [{ messageId: 'credentialProperty', line: 3, column: 57, endLine: 3, endColumn: 70 }],
    },
    {
      name: 'a TypeORM DataSource with pwd',
      filename: 'services/auth/src/data-source.ts',
      code: "export const dataSource = new DataSource({\n  type: 'postgres',\n  username: 'app',\n  pwd: 'typeorm-pass',\n});\n",
      errors: [{ messageId: 'credentialProperty', line: 4, column: 8, endLine: 4, endColumn: 22, data: { key: 'pwd' } }],
    },
    {
      name: 'jwtSecret and apiKey in a config object',
      filename: 'services/auth/src/config.ts',
      code: "export const config = {\n  jwtSecret: 'super-secret-jwt',\n  apiKey: 'ak_live_1234567890',\n};\n",
      errors: [
        {
          messageId: 'credentialProperty',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 32,
          data: { key: 'jwtSecret', redacted: '**** (16+ chars)' },
        },
        { messageId: 'credentialProperty', line: 3, column: 11, endLine: 3, endColumn: 31, data: { key: 'apiKey' } },
      ],
    },
    {
      name: 'a password taken from a module constant',
      filename: 'services/clinical/src/db.ts',
      code: "const DB_PASSWORD = 'from-a-constant';\n\nexport const pool = new Pool({ host: 'db', password: DB_PASSWORD });\n",
      errors: [{ messageId: 'credentialProperty', line: 3, column: 54, endLine: 3, endColumn: 65 }],
    },
    {
      name: 'a password inside a connection URL, reported at the password',
      filename: 'services/billing/src/config/database.ts',
      code: "export const pool = mysql.createPool('mysql://root:S3cr3t@localhost:3306/nilecare');\n",
      errors: [
        {
          messageId: 'connectionStringPassword',
          line: 1,
          column: 52,
          endLine: 1,
          endColumn: 58,
          data: { scheme: 'mysql', redacted: '**** (1-7 chars)' },
        },
      ],
    },
    {
      name: 'a connection URL passed to Sequelize on its own line',
      filename: 'services/business/src/db.ts',
      code: "const sequelize = new Sequelize(\n  'postgres://app:pg-pw@db:5432/app',\n);\n",
      errors: [{ messageId: 'connectionStringPassword', line: 2, column: 19, endLine: 2, endColumn: 24, data: { scheme: 'postgres' } }],
    },
    {
      name: 'a committed .env with a password and a URL holding one',
      filename: 'services/billing/.env',
      code: 'DB_HOST=db\nDB_PASSWORD=billing-2024\nDATABASE_URL=postgres://billing:billing-2024@db:5432/billing\n',
      errors: [
        { messageId: 'envFileSecret', line: 2, column: 13, endLine: 2, endColumn: 25, data: { key: 'DB_PASSWORD' } },
        { messageId: 'connectionStringPassword', line: 3, column: 33, endLine: 3, endColumn: 45 },
      ],
    },
    {
      name: 'a quoted, exported secret in .env.production',
      filename: 'services/auth/.env.production',
      code: '# production settings\nexport JWT_SECRET="prod-jwt-secret"\n',
      errors: [{ messageId: 'envFileSecret', line: 2, column: 20, endLine: 2, endColumn: 35, data: { key: 'JWT_SECRET' } }],
    },
    {
      name: 'an OAuth clientSecret in an auth client configuration',
      filename: 'services/auth/src/config/oauth.ts',
      code: "export const oauth = new AuthorizationCode({\n  client: { id: 'nilecare-web', clientSecret: 'abc123' },\n  auth: { tokenHost: 'https://sso.nilecare.example' },\n});\n",
      errors: [{ messageId: 'credentialProperty', line: 2, column: 47, endLine: 2, endColumn: 55, data: { key: 'clientSecret' } }],
    },
    {
      name: 'a token beside a connection setting, not a highlighter rule, is still a credential',
      filename: 'services/wiki/src/client.ts',
      code: "export const client = createClient({ url: 'https://wiki.nilecare.example', token: 'wk-Api-7f3a9c1e' });\n",
      errors: [{ messageId: 'credentialProperty', line: 1, column: 83, endLine: 1, endColumn: 100, data: { key: 'token' } }],
    },
    {
      name: 'a secret passed positionally to jwt.sign (not to jwt.verify reading the environment)',
      filename: 'services/auth/src/tokens.ts',
      code: "import jwt from 'jsonwebtoken';\nexport const issue = (userId: string) => jwt.sign({ sub: userId }, 'n1le-care-jwt', { expiresIn: '1h' });\nexport const check = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);\n",
      errors: [{ messageId: 'credentialProperty', line: 2, column: 68, endLine: 2, endColumn: 83, data: { key: 'secret' } }],
    },
    {
      name: "Spring application-<profile>.properties: a literal datasource password; a password file's path, a reference, a test resource's and an example's (HELDOUT7 #7)",
      filename: 'services/ledger/src/main/resources/application-prod.properties',
      code: [
        'spring.datasource.url=jdbc:postgresql://pg.prod.internal:5432/ledger',
        'spring.datasource.username=ledger',
        'spring.datasource.password=Pr0d-Ledger-2024!',
        'spring.datasource.hikari.password-file=/run/secrets/db',
        'spring.flyway.password=${FLYWAY_PASSWORD}',
        'management.endpoint.health.show-details=always',
        '',
      ].join('\n'),
      files: {
        'services/ledger/src/test/resources/application.properties': 'spring.datasource.password=Test-Ledger-2024\n',
        'services/ledger/src/main/resources/application-example.properties': 'spring.datasource.password=Example-Ledger-2024\n',
      },
      errors: [
        {
          messageId: 'configFileSecret',
          line: 3,
          column: 28,
          endLine: 3,
          endColumn: 45,
          data: { key: 'spring.datasource.password', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: 'flyway.conf and liquibase.properties: literal passwords and a URL password; references and placeholders are quiet (HELDOUT7 #26)',
      filename: 'services/ledger/flyway.conf',
      code: [
        'flyway.url=jdbc:postgresql://flyway:Fly-url-pw-9@pg.internal:5432/ledger',
        'flyway.user=ledger_owner',
        'flyway.password = Fly-conf-pw-2024',
        'flyway.locations=filesystem:sql',
        '',
      ].join('\n'),
      files: {
        'services/ledger/liquibase.properties': [
          'changeLogFile: db/changelog.xml',
          'url: jdbc:postgresql://pg.internal:5432/ledger',
          'username: ledger',
          'password: Liq-props-2024',
          '',
        ].join('\n'),
        'services/orders/flyway.conf': 'flyway.url=jdbc:postgresql://pg.internal:5432/orders\nflyway.password=${FLYWAY_PASSWORD}\n',
        'services/billing/flyway.conf': 'flyway.password=changeme\n! flyway.password=Old-commented-pw\n',
        'services/billing/liquibase.properties': 'password: \\\n  Continued-pw-2024\n',
      },
      errors: [
        {
          messageId: 'configFileConnectionString',
          line: 1,
          column: 37,
          endLine: 1,
          endColumn: 49,
          data: { key: 'url', scheme: 'postgresql', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'configFileSecret',
          line: 3,
          column: 19,
          endLine: 3,
          endColumn: 35,
          data: { key: 'flyway.password', redacted: '**** (16+ chars)' },
        },
        {
          file: 'services/ledger/liquibase.properties',
          messageId: 'configFileSecret',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 25,
          data: { key: 'password', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'a Go MySQL DSN and a libpq conninfo with literal passwords in a committed env file, at the password (HELDOUT7 #20)',
      filename: 'services/inventory/.env.production',
      code: [
        'MYSQL_DSN=inventory:Inv-Dsn-2024x@tcp(mysql.prod.internal:3306)/inventory?parseTime=true',
        `DATABASE_DSN="host=pg.prod.internal port=5432 user=ledger password='Ldg conn 99' dbname=ledger sslmode=require"`,
        'REPLICA_DSN=reader:${READER_PASSWORD}@tcp(mysql-ro:3306)/inventory',
        'LOCAL_DSN="host=localhost dbname=inventory password=changeme"',
        'NOTE="password=x is not a conninfo"',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'connectionStringPassword',
          line: 1,
          column: 21,
          endLine: 1,
          endColumn: 34,
          data: { scheme: 'mysql', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'connectionStringPassword',
          line: 2,
          column: 69,
          endLine: 2,
          endColumn: 80,
          data: { scheme: 'postgres', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: '.NET appsettings ConnectionStrings (Npgsql, SQL Server) with literal passwords; Development and Test files, a passwordless LocalDB string (HELDOUT7 #21)',
      filename: 'services/billing/appsettings.Production.json',
      code: [
        '{',
        '  "ConnectionStrings": {',
        '    "Default": "Host=pg.prod.internal;Database=billing;Username=billing;Password=Bill-2024-pw",',
        '    "Reports": "Server=tcp:sql.prod.internal,1433;Initial Catalog=reports;User Id=rep;Password=Rep0rts-pw;Encrypt=True"',
        '  }',
        '}',
        '',
      ].join('\n'),
      files: {
        'services/billing/Billing.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
        'services/billing/appsettings.json':
          '{ "ConnectionStrings": { "Default": "Server=(localdb)\\\\mssqllocaldb;Database=billing;Trusted_Connection=True" } }\n',
        'services/billing/appsettings.Development.json':
          '{ "ConnectionStrings": { "Default": "Host=localhost;Database=billing;Username=postgres;Password=postgres-dev" } }\n',
        'services/billing/appsettings.Testing.json':
          '{ "ConnectionStrings": { "Default": "Host=localhost;Database=billing_test;Username=postgres;Password=postgres-test" } }\n',
      },
      errors: [
        {
          messageId: 'ormConfigConnectionString',
          line: 3,
          column: 82,
          endLine: 3,
          endColumn: 94,
          data: {
            orm: '.NET appsettings',
            connection: '',
            key: 'ConnectionStrings:Default',
            scheme: 'postgres',
            redacted: '**** (8-15 chars)',
          },
        },
        {
          messageId: 'ormConfigConnectionString',
          line: 4,
          column: 96,
          endLine: 4,
          endColumn: 106,
          data: {
            orm: '.NET appsettings',
            connection: '',
            key: 'ConnectionStrings:Reports',
            scheme: 'sqlserver',
            redacted: '**** (8-15 chars)',
          },
        },
      ],
    },
    {
      name: "a .NET Framework web.config's <connectionStrings> (HELDOUT8 #11): a literal Password= at its place; Integrated Security, pipeline tokens, an empty password and a commented-out entry are none",
      filename: 'services/ledger/Web.config',
      code: [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<configuration>',
        '  <connectionStrings>',
        '    <!-- <add name="Old" connectionString="Server=sql00;Database=Ledger;User Id=ledger;Password=Old-Ledger-2019" /> -->',
        '    <add name="Ledger" providerName="System.Data.SqlClient" connectionString="Data Source=sql01.corp.internal;Initial Catalog=Ledger;User ID=ledger_web;Pwd=Ldg#Web-5521" />',
        '    <add name="Reports" connectionString="Data Source=sql01.corp.internal;Initial Catalog=Reports;Integrated Security=True" />',
        '    <add name="Audit" connectionString="Server=sql02;Database=Audit;User Id=audit;Password=$(Audit.DbPassword);" />',
        '    <add name="Archive" connectionString="Server=sql02;Database=Archive;User Id=archive;Password=#{ArchiveDbPassword}#;" />',
        '    <add name="Queue" connectionString="Server=sql02;Database=Queue;User Id=queue;Password=__QueueDbPassword__;" />',
        '    <add name="Cache" connectionString="Server=sql02;Database=Cache;User Id=cache;Password=;" />',
        '  </connectionStrings>',
        '  <appSettings>',
        '    <add key="ReportsConnection" value="Reports" />',
        '  </appSettings>',
        '</configuration>',
        '',
      ].join('\n'),
      files: {
        'services/ledger/Ledger.csproj': '<Project ToolsVersion="15.0"></Project>\n',
        'services/ledger/packages.config':
          '<?xml version="1.0" encoding="utf-8"?>\n<packages>\n  <package id="EntityFramework" version="6.4.4" />\n</packages>\n',
        // The local build's transform: a stand-in for the developer's SQL Server.
        'services/ledger/Web.Debug.config':
          '<configuration xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">\n  <connectionStrings>\n    <add name="Ledger" connectionString="Server=localhost;Database=Ledger;User Id=sa;Password=Local-Dev-Pa55" xdt:Transform="SetAttributes" xdt:Locator="Match(name)" />\n  </connectionStrings>\n</configuration>\n',
      },
      errors: [
        {
          messageId: 'ormConfigConnectionString',
          line: 5,
          column: 157,
          endLine: 5,
          endColumn: 169,
          data: {
            orm: '.NET Web.config',
            connection: '',
            key: 'ConnectionStrings:Ledger',
            scheme: 'sqlserver',
            redacted: '**** (8-15 chars)',
          },
        },
      ],
    },
    {
      name: "a release transform and an app.config (HELDOUT8 #11): the password at its place, or the whole attribute when an entity is in it; a configSource file's <connectionStrings> root",
      filename: 'services/ledger/Web.Release.config',
      code: [
        '<configuration xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">',
        '  <connectionStrings>',
        '    <add name="Ledger" connectionString="Server=sql-prod.corp.internal;Database=Ledger;User Id=ledger_web;Password=Prod-Ledger-0042" xdt:Transform="SetAttributes" xdt:Locator="Match(name)" />',
        '  </connectionStrings>',
        '</configuration>',
        '',
      ].join('\n'),
      files: {
        'services/ledger-worker/App.config': [
          '<configuration>',
          '  <connectionStrings>',
          '    <add name="Jobs" connectionString="Server=sql-prod;Database=Jobs;User Id=jobs;Password=J&amp;bs-Runner-77" />',
          '  </connectionStrings>',
          '</configuration>',
          '',
        ].join('\n'),
        'services/ledger-worker/connectionStrings.config':
          '<connectionStrings>\n  <add name="Outbox" connectionString="Server=sql-prod;Database=Outbox;User Id=outbox;Password=0utbox-Relay-19" />\n</connectionStrings>\n',
      },
      errors: [
        {
          messageId: 'ormConfigConnectionString',
          file: 'services/ledger-worker/App.config',
          line: 3,
          column: 40,
          endLine: 3,
          endColumn: 110,
          data: { orm: '.NET App.config', key: 'ConnectionStrings:Jobs', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'ormConfigConnectionString',
          file: 'services/ledger-worker/connectionStrings.config',
          line: 2,
          column: 96,
          endLine: 2,
          endColumn: 111,
          data: { orm: '.NET connectionStrings.config', key: 'ConnectionStrings:Outbox', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'ormConfigConnectionString',
          line: 3,
          column: 116,
          endLine: 3,
          endColumn: 132,
          data: { orm: '.NET Web.Release.config', key: 'ConnectionStrings:Ledger', scheme: 'ado.net', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: "the Sequelize CLI's development and test passwords are local stand-ins, production's is a credential (HELDOUT7 #11)",
      filename: 'services/billing/config/config.json',
      code: [
        '{',
        '  "development": { "username": "postgres", "password": "postgres", "database": "billing_dev", "host": "127.0.0.1", "dialect": "postgres" },',
        '  "test": { "username": "postgres", "password": "postgres", "database": "billing_test", "host": "127.0.0.1", "dialect": "postgres" },',
        '  "production": { "username": "billing", "password": "Bill-prod-2024", "database": "billing", "host": "pg.internal", "dialect": "postgres" }',
        '}',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'ormConfigSecret',
          line: 4,
          column: 54,
          endLine: 4,
          endColumn: 70,
          data: { orm: 'Sequelize', connection: "'production' ", key: 'password', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "a conninfo and a Go MySQL DSN in a Go service's YAML config, at the password (HELDOUT7 #20)",
      filename: 'services/ledger/config.production.yaml',
      code: [
        'database:',
        '  dsn: "host=pg.internal port=5432 user=app password=Yml-conn-77 dbname=app sslmode=require"',
        '  replica: app:Yml-dsn-88@tcp(mysql:3306)/app',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'configFileConnectionString',
          line: 2,
          column: 54,
          endLine: 2,
          endColumn: 65,
          data: { key: 'dsn', scheme: 'postgres', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'configFileConnectionString',
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 26,
          data: { key: 'replica', scheme: 'mysql', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'a Go MySQL DSN string in code, at the password; a sentence with "password =" is none (HELDOUT7 #20)',
      filename: 'services/inventory/src/db.ts',
      code: [
        "import sql from 'mysql2';",
        '',
        "export const dsn = 'app:Code-dsn-55@tcp(db:3306)/app?parseTime=true';",
        "export const label = 'host name and password = secret';",
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'connectionStringPassword',
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 36,
          data: { scheme: 'mysql', redacted: '**** (8-15 chars)' },
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------
// Redaction through the whole pipeline: no format may carry the value.
// ---------------------------------------------------------------------------

const SECRET = 'S3cr3t!Pass';
const securityRules = ['no-hardcoded-credentials', 'no-insecure-db-tls', 'no-unsafe-env-default'];

function projectWith(secret: string): Record<string, string> {
  return {
    'services/billing/src/config/database.ts': [
      "import mysql from 'mysql2/promise';",
      "import { Sequelize } from 'sequelize';",
      "import { Pool } from 'pg';",
      '',
      `export const pool = mysql.createPool({ host: 'db', user: 'billing', password: '${secret}' });`,
      `export const fallback = process.env.DB_PASSWORD || '${secret}';`,
      `export const url = 'mysql://billing:${secret}@db:3306/nilecare?ssl-mode=DISABLED';`,
      `export const sequelize = new Sequelize('nilecare', 'billing', '${secret}');`,
      'export const pg = new Pool({ connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } });',
      '',
    ].join('\n'),
    'services/billing/.env': `DB_PASSWORD=${secret}\nDATABASE_URL=postgres://billing:${secret}@db/billing?sslmode=disable\n`,
    // A Go MySQL DSN, a libpq conninfo (quoted: the value has a space) and an ADO.NET string (HELDOUT7 #20, #21).
    'services/billing/.env.production': `MYSQL_DSN=billing:${secret}@tcp(db:3306)/billing\nDATABASE_DSN="host=db user=billing password='${secret}' dbname=billing"\n`,
    'services/billing/flyway.conf': `flyway.password=${secret}\n`,
    'services/billing/src/main/resources/application.properties': `spring.datasource.password=${secret}\n`,
    'services/billing/appsettings.Production.json': `{ "ConnectionStrings": { "Default": "Host=db;Database=billing;Username=billing;Password=${secret}" } }\n`,
    'services/billing/k8s/manifests.yaml': [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: billing-config }',
      'data:',
      `  DB_PASSWORD: "${secret}"`,
      `  DATABASE_URL: mysql://billing:${secret}@db:3306/nilecare`,
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata: { name: billing-db }',
      'data:',
      `  JWT_SECRET: ${Buffer.from(secret).toString('base64')}`,
      'stringData:',
      `  API_KEY: '${secret}'`,
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: billing-service }',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          env:',
      '            - name: DB_PASSWORD',
      `              value: "${secret}"`,
      '            - name: DATABASE_URL',
      `              value: postgres://billing:${secret}@db:5432/billing`,
      '',
    ].join('\n'),
  };
}

async function lintProject(files: Record<string, string>) {
  const tree = memoryTree(files);
  const rules: NonNullable<NilecareConfig['rules']> = {};
  for (const id of Object.keys(ruleRegistry)) rules[id] = securityRules.includes(id) ? 'error' : 'off';
  const run = await lint({ cwd: tree.root, tree, config: { ...defaultTestConfig, rules } });
  expect(run.internalErrors).toEqual([]);
  return run;
}

describe('secret values in output', () => {
  it('appear in no reporter format, message, data, help or related location', async () => {
    const run = await lintProject(projectWith(SECRET));
    expect([...new Set(run.diagnostics.map((d) => d.ruleId))].sort()).toEqual(securityRules);
    expect(run.diagnostics.length).toBeGreaterThanOrEqual(14);
    expect(run.diagnostics.filter((d) => d.file === 'services/billing/k8s/manifests.yaml').map((d) => d.messageId)).toEqual([
      'configMapSecret',
      'configMapConnectionString',
      'committedSecret',
      'committedSecret',
      'workloadEnvSecret',
      'workloadEnvConnectionString',
    ]);
    for (const diagnostic of run.diagnostics) {
      expect(JSON.stringify(diagnostic)).not.toContain(SECRET);
      expect(JSON.stringify(diagnostic)).not.toContain(Buffer.from(SECRET).toString('base64'));
    }
    for (const name of reporterNames) {
      const output = formatResult(name, run, { color: false, toolVersion: '0.0.0-test' });
      expect(output, name).not.toContain(SECRET);
      expect(output, name).not.toContain(encodeURIComponent(SECRET));
      expect(output, name).not.toContain(SECRET.replace('!', '&#33;'));
      expect(output, name).not.toContain(Buffer.from(SECRET).toString('base64'));
    }
  });

  it('do not feed fingerprints: changing only the password keeps every fingerprint', async () => {
    const first = await lintProject(projectWith(SECRET));
    const second = await lintProject(projectWith('An0ther-Secret9'));
    const fingerprints = (run: typeof first) => run.diagnostics.map((d) => `${d.ruleId} ${d.line} ${d.fingerprint}`);
    expect(fingerprints(second)).toEqual(fingerprints(first));
  });

  it('stay out of the output for the sample monorepo, where every security rule fires', async () => {
    const cwd = path.join(import.meta.dirname, '..', '..', 'fixtures', 'sample-monorepo');
    // The sample's facts from the worker's memory (test/fixture-tree.ts): this test's subject is the output, not the analysis.
    const run = await lint({ cwd, listingCache: fixtureListings, factsCache: fixtureFacts() });
    expect(run.internalErrors).toEqual([]);
    const fired = new Set(run.diagnostics.map((d) => d.ruleId));
    for (const id of securityRules) expect(fired.has(id), id).toBe(true);
    for (const name of reporterNames)
      expect(formatResult(name, run, { color: false, toolVersion: '0.0.0-test' }), name).not.toContain(SECRET);
  });
});

describe('the same secret in several places', () => {
  const configMap = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: analytics',
    'data:',
    '  MYSQL_PASSWORD: "Xk9#mQ2$vL7!pR4w"',
    '',
  ].join('\n');
  const fallback = "export const password = process.env.MYSQL_PASSWORD || 'Xk9#mQ2$vL7!pR4w';\n";
  const rules = Object.fromEntries(
    Object.keys(ruleRegistry).map((id) => [id, id === 'no-hardcoded-credentials' || id === 'no-unsafe-env-default' ? 'error' : 'off']),
  ) as NonNullable<NilecareConfig['rules']>;

  /** Lints a manifest and a code fallback with the two secret rules on. */
  async function lintPair(manifest: string, code: string) {
    const tree = memoryTree({ 'k8s/analytics/configmap.yaml': manifest, 'services/analytics/src/db.ts': code });
    return lint({ cwd: tree.root, tree, config: { services: [{ name: 'analytics', roots: ['services/analytics'] }], rules } });
  }

  it('a ConfigMap secret points at the code fallback holding the same value, and back, without the value', async () => {
    const run = await lintPair(configMap, fallback);
    expect(
      run.diagnostics.map((d) => ({
        rule: d.ruleId,
        at: `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`,
        related: d.related,
      })),
    ).toEqual([
      {
        rule: 'no-hardcoded-credentials',
        at: 'k8s/analytics/configmap.yaml:6:20-6:36',
        related: [
          {
            file: 'services/analytics/src/db.ts',
            range: { line: 1, column: 55, endLine: 1, endColumn: 73 },
            message: "the same value is the code fallback of 'MYSQL_PASSWORD' here",
          },
        ],
      },
      {
        rule: 'no-unsafe-env-default',
        at: 'services/analytics/src/db.ts:1:55-1:73',
        related: [
          {
            file: 'k8s/analytics/configmap.yaml',
            range: { line: 6, column: 20, endLine: 6, endColumn: 36 },
            message: "the same value is 'MYSQL_PASSWORD' of ConfigMap 'analytics' here",
          },
        ],
      },
    ]);
    for (const name of reporterNames)
      expect(formatResult(name, run, { color: false, toolVersion: '0.0.0-test' }), name).not.toContain('Xk9#mQ2$vL7!pR4w');
  });

  it('short values are defaults anyone types, not one leaked secret: no related location', async () => {
    const run = await lintPair(configMap.replace('"Xk9#mQ2$vL7!pR4w"', 'secret1'), fallback.replace("'Xk9#mQ2$vL7!pR4w'", "'secret1'"));
    expect(run.diagnostics.map((d) => d.ruleId).sort()).toEqual(['no-hardcoded-credentials', 'no-unsafe-env-default']);
    for (const d of run.diagnostics) expect(d.related ?? []).toEqual([]);
  });
});

describe('serverless.ts: a connection string with a password in an environment (serverlessConnectionString)', () => {
  const code = SERVERLESS_TS;
  const findings = async () => {
    const tree = memoryTree({ 'services/trips/serverless.ts': code });
    const run = await lint({ cwd: tree.root, tree, config: defaultTestConfig, suppressions: false });
    return run.diagnostics.filter((d) => d.ruleId === 'no-hardcoded-credentials');
  };

  it('is reported at the password, redacted', async () => {
    expect((await findings()).filter((d) => d.messageId === 'serverlessConnectionString')).toMatchObject([
      {
        messageId: 'serverlessConnectionString',
        file: 'services/trips/serverless.ts',
        line: 4,
        column: 75,
        endLine: 4,
        endColumn: 87,
        data: { where: 'provider.environment', key: 'DATABASE_URL', scheme: 'postgres', redacted: '**** (8-15 chars)' },
      },
    ]);
  });

  // The URL literal is a connection string in code too: reported once, by the Serverless check (as a serverless.yml's).
  it('is one finding, not two at the same span', async () => {
    expect((await findings()).map((d) => `${d.messageId} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual([
      'serverlessConnectionString 4:75-4:87',
    ]);
  });
});

/**
 * Supabase's anon key is public by design (HELDOUT8 #4): shipped to every browser, RLS guards the data. It is told
 * by its JWT payload (`"iss": "supabase"`, `"role": "anon"`), never by its name: the service-role key stays an error
 * under any name. The tokens are built here (payloads only; a fake signature).
 */
const supabaseJwt = (role: string, iss = 'supabase') =>
  [
    Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url'),
    Buffer.from(JSON.stringify({ iss, ref: 'qwertyuiopasdfghjklz', role, iat: 1716000000, exp: 2031576000 })).toString('base64url'),
    'c2lnbmF0dXJlLW5vdC1jaGVja2Vk',
  ].join('.');
const ANON = supabaseJwt('anon');
const SERVICE_ROLE = supabaseJwt('service_role');

describe('isPublicClientKey', () => {
  it('is true for a Supabase anon JWT only', () => {
    expect(isPublicClientKey(ANON)).toBe(true);
    expect(isPublicClientKey(` ${supabaseJwt('anon', 'supabase-demo')} `)).toBe(true);
    expect(isPublicClientKey(SERVICE_ROLE)).toBe(false);
    expect(isPublicClientKey(supabaseJwt('anon', 'https://auth.example.com'))).toBe(false);
    expect(isPublicClientKey(supabaseJwt('authenticated'))).toBe(false);
    expect(isPublicClientKey('eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.x')).toBe(false);
    expect(isPublicClientKey('eyJ.eyJ')).toBe(false);
    expect(isPublicClientKey('prod-anon-key-2024')).toBe(false);
  });
});

ruleTester.run(rule, {
  valid: [
    {
      name: "Supabase's anon key in a front end's committed env file, under each framework's public prefix (HELDOUT8 #4)",
      filename: 'apps/web/.env.production',
      code: `NEXT_PUBLIC_SUPABASE_URL=https://qwertyuiopasdfghjklz.supabase.co\nNEXT_PUBLIC_SUPABASE_ANON_KEY=${ANON}\nVITE_SUPABASE_ANON_KEY=${ANON}\nEXPO_PUBLIC_SUPABASE_ANON_KEY=${ANON}\nPUBLIC_SUPABASE_ANON_KEY=${ANON}\nSUPABASE_KEY=${ANON}\n`,
    },
  ],
  invalid: [
    {
      name: 'the service-role key beside the anon key is a secret (it bypasses row-level security)',
      filename: 'apps/web/.env.production',
      code: `NEXT_PUBLIC_SUPABASE_ANON_KEY=${ANON}\nSUPABASE_SERVICE_ROLE_KEY=${SERVICE_ROLE}\n`,
      errors: [
        {
          messageId: 'envFileSecret',
          line: 2,
          column: 27,
          endLine: 2,
          endColumn: 27 + SERVICE_ROLE.length,
          data: { key: 'SUPABASE_SERVICE_ROLE_KEY', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: 'a service-role key under an anon name, and an anon-named value that is no Supabase anon JWT, stay secrets',
      filename: 'apps/web/.env',
      code: `VITE_SUPABASE_ANON_KEY=${SERVICE_ROLE}\nNEXT_PUBLIC_SUPABASE_ANON_KEY=prod-anon-key-2024-x\n`,
      errors: [
        {
          messageId: 'envFileSecret',
          line: 1,
          column: 24,
          endLine: 1,
          endColumn: 24 + SERVICE_ROLE.length,
          data: { key: 'VITE_SUPABASE_ANON_KEY' },
        },
        { messageId: 'envFileSecret', line: 2, column: 31, endLine: 2, endColumn: 51, data: { key: 'NEXT_PUBLIC_SUPABASE_ANON_KEY' } },
      ],
    },
  ],
});

/**
 * A Firebase web app's `apiKey` is an identifier of the project that every browser gets (HELDOUT8 #4b): Firebase's
 * documentation says it is fine in code. It is told by its shape (`AIza` + 35 characters) and its place: the `apiKey` of
 * an object with `authDomain` / `appId` / `messagingSenderId`, or a variable named for Firebase's API key. A Google key
 * elsewhere (a Gemini or Maps key of a server) and a service account's private key stay secrets.
 */
const FIREBASE_KEY = 'AIzaSyDq3vN8kLm2Pw7Rt5Yz1Bc4Df6Gh9Jk0Ls';
const GEMINI_KEY = 'AIzaSyA7-Rm3Qz9Xw1Vb5Nc2Lk8Jh4Gf6Ds0Pa_';

describe('isFirebaseWebApiKey', () => {
  it("takes a Google API key's shape, and a name of Firebase's API key when there is one", () => {
    expect([FIREBASE_KEY.length, GEMINI_KEY.length]).toEqual([39, 39]);
    expect(isFirebaseWebApiKey(FIREBASE_KEY)).toBe(true);
    expect(isFirebaseWebApiKey(` ${FIREBASE_KEY} `, 'NEXT_PUBLIC_FIREBASE_API_KEY')).toBe(true);
    expect(isFirebaseWebApiKey(FIREBASE_KEY, 'firebaseApiKey')).toBe(true);
    expect(isFirebaseWebApiKey(FIREBASE_KEY, 'FIREBASE_WEB_APIKEY')).toBe(true);
    expect(isFirebaseWebApiKey(FIREBASE_KEY, 'GEMINI_API_KEY')).toBe(false);
    expect(isFirebaseWebApiKey(FIREBASE_KEY, 'FIREBASE_API_KEY_ID')).toBe(false);
    expect(isFirebaseWebApiKey(FIREBASE_KEY, 'API_KEY')).toBe(false);
    expect(isFirebaseWebApiKey(FIREBASE_KEY.slice(0, -1))).toBe(false);
    expect(isFirebaseWebApiKey(`${FIREBASE_KEY}x`)).toBe(false);
    expect(isFirebaseWebApiKey('prod-firebase-api-key-2024-abcdefghijklm', 'FIREBASE_API_KEY')).toBe(false);
  });

  it('a code fallback of a Firebase API key variable is no unsafe default either', async () => {
    const rules = Object.fromEntries(
      Object.keys(ruleRegistry).map((id) => [id, id === 'no-hardcoded-credentials' || id === 'no-unsafe-env-default' ? 'error' : 'off']),
    ) as NonNullable<NilecareConfig['rules']>;
    const code = (name: string, key: string) => `export const apiKey = process.env.${name} ?? '${key}';\n`;
    const tree = memoryTree({
      'apps/web/src/firebase.ts': code('NEXT_PUBLIC_FIREBASE_API_KEY', FIREBASE_KEY),
      'services/search/src/gemini.ts': code('GEMINI_API_KEY', GEMINI_KEY),
    });
    const run = await lint({ cwd: tree.root, tree, config: { services: [{ name: 'search', roots: ['services/search'] }], rules } });
    expect(run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual([
      'no-unsafe-env-default services/search/src/gemini.ts:1:53-1:94',
    ]);
  });
});

ruleTester.run(rule, {
  valid: [
    {
      name: "a Firebase web config's apiKey in a front end, and the Firebase API key variables of its env file (HELDOUT8 #4b)",
      filename: 'apps/web/src/lib/firebase.ts',
      code: [
        "import { initializeApp } from 'firebase/app';",
        '',
        'export const app = initializeApp({',
        `  apiKey: '${FIREBASE_KEY}',`,
        "  authDomain: 'tidewater-prod.firebaseapp.com',",
        "  projectId: 'tidewater-prod',",
        "  storageBucket: 'tidewater-prod.appspot.com',",
        "  messagingSenderId: '402318877154',",
        "  appId: '1:402318877154:web:9c1f7e2ab54d03e8',",
        '});',
        '',
      ].join('\n'),
      files: {
        'apps/web/package.json': '{ "name": "web", "dependencies": { "firebase": "^10.12.0", "next": "14.2.3" } }\n',
        'apps/web/.env.production': `NEXT_PUBLIC_FIREBASE_API_KEY=${FIREBASE_KEY}\nNEXT_PUBLIC_FIREBASE_AUTH_DOMAIN=tidewater-prod.firebaseapp.com\n`,
        'apps/mobile/.env': `EXPO_PUBLIC_FIREBASE_API_KEY=${FIREBASE_KEY}\nVITE_FIREBASE_APIKEY=${FIREBASE_KEY}\n`,
      },
    },
  ],
  invalid: [
    {
      name: "a Google key that is no Firebase web config's, a Firebase config's apiKey that is no Google key, a service account's private key (HELDOUT8 #4b)",
      filename: 'services/search/src/clients.ts',
      code: [
        "import { cert, initializeApp } from 'firebase-admin/app';",
        "import { GoogleGenerativeAI } from '@google/generative-ai';",
        '',
        `export const gemini = new GoogleGenerativeAI({ apiKey: '${GEMINI_KEY}', projectId: 'tidewater-prod' });`,
        "export const web = { apiKey: 'tidewater-firebase-web-key-2024', authDomain: 'tidewater-prod.firebaseapp.com' };",
        'export const admin = initializeApp({',
        "  credential: cert({ projectId: 'tidewater-prod', clientEmail: 'sa@tidewater-prod.iam.gserviceaccount.com', privateKey: '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n' }),",
        '});',
        '',
      ].join('\n'),
      files: {
        'services/search/.env.production': `GEMINI_API_KEY=${GEMINI_KEY}\nFIREBASE_PRIVATE_KEY=MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n`,
      },
      errors: [
        {
          messageId: 'envFileSecret',
          file: 'services/search/.env.production',
          line: 1,
          column: 16,
          endLine: 1,
          endColumn: 55,
          data: { key: 'GEMINI_API_KEY' },
        },
        {
          messageId: 'envFileSecret',
          file: 'services/search/.env.production',
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 54,
          data: { key: 'FIREBASE_PRIVATE_KEY' },
        },
        { messageId: 'credentialProperty', line: 4, column: 56, endLine: 4, endColumn: 97, data: { key: 'apiKey' } },
        { messageId: 'credentialProperty', line: 5, column: 30, endLine: 5, endColumn: 63, data: { key: 'apiKey' } },
        { messageId: 'credentialProperty', line: 7, column: 121, endLine: 7, endColumn: 213, data: { key: 'privateKey' } },
      ],
    },
  ],
});

/**
 * Tools' configs committed beside the services (HELDOUT8 #12, a scope call: read): a Kafka Connect / Debezium connector's
 * JSON and a Supabase project's config.toml. Their own references (Connect's config providers, Supabase's `env(…)`) are
 * no values.
 */
ruleTester.run(rule, {
  valid: [
    {
      name: "connector configs whose passwords are Connect config-provider references, a JSON in a connectors folder that is no connector's, supabase/config.toml's env() references (HELDOUT8 #12)",
      filename: 'platform/connectors/ledger-outbox.json',
      code: [
        '{',
        '  "name": "ledger-outbox",',
        '  "config": {',
        '    "connector.class": "io.debezium.connector.mysql.MySqlConnector",',
        '    "database.hostname": "mysql.data.internal",',
        '    "database.user": "cdc",',
        '    "database.password": "${file:/opt/kafka/secrets/ledger.properties:password}",',
        '    "schema.history.internal.kafka.bootstrap.servers": "kafka:9092"',
        '  }',
        '}',
        '',
      ].join('\n'),
      files: {
        'platform/connectors/audit-sink.json':
          '{ "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector", "connection.url": "jdbc:postgresql://pg:5432/audit", "connection.user": "audit", "connection.password": "${env:AUDIT_DB_PASSWORD}" }\n',
        'platform/connectors/topics.json': '{ "password": "not-a-connector-setting-9921" }\n',
        'supabase/config.toml': [
          'project_id = "tidewater"',
          '',
          '[auth.external.github]',
          'enabled = true',
          'client_id = "env(GITHUB_CLIENT_ID)"',
          'secret = "env(SUPABASE_AUTH_EXTERNAL_GITHUB_SECRET)"',
          '',
          '[auth.sms.twilio]',
          'enabled = false',
          'account_sid = ""',
          'auth_token = "env(SUPABASE_AUTH_SMS_TWILIO_AUTH_TOKEN)"',
          '',
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      name: "a Debezium connector's literal database.password, a flat JDBC sink config's URL password (HELDOUT8 #12)",
      filename: 'deploy/debezium/ledger-outbox-connector.json',
      code: [
        '{',
        '  "name": "ledger-outbox",',
        '  "config": {',
        '    "connector.class": "io.debezium.connector.postgresql.PostgresConnector",',
        '    "database.hostname": "pg.data.internal",',
        '    "database.user": "debezium",',
        '    "database.password": "Cdc-Ledger-4471-qz",',
        '    "database.dbname": "ledger"',
        '  }',
        '}',
        '',
      ].join('\n'),
      files: {
        'deploy/kafka-connect/audit-sink.json':
          '{ "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector", "connection.url": "jdbc:postgresql://audit:Aud1t-Sink-pw@pg:5432/audit" }\n',
      },
      errors: [
        {
          messageId: 'configFileSecret',
          line: 7,
          column: 27,
          endLine: 7,
          endColumn: 45,
          data: { key: 'config.database.password', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'configFileConnectionString',
          file: 'deploy/kafka-connect/audit-sink.json',
          line: 1,
          column: 112,
          endLine: 1,
          endColumn: 125,
          data: { key: 'connection.url', scheme: 'postgresql', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: "supabase/config.toml: an OAuth provider's literal secret and Twilio auth token (HELDOUT8 #12)",
      filename: 'supabase/config.toml',
      code: [
        'project_id = "tidewater"',
        '',
        '[auth.external.github]',
        'enabled = true',
        'client_id = "Iv1.3c9d0e7a5b1f2468"',
        'secret = "9b1e4c7a2d5f8e0b3a6c9d1f4e7a0b2c5d8e1f3a"',
        '',
        '[auth.sms.twilio]',
        'enabled = true',
        "auth_token = 'Twl-Auth-0f3e5a7c9b'  # rotated monthly",
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'configFileSecret',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 51,
          data: { key: 'auth.external.github.secret', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'configFileSecret',
          line: 10,
          column: 15,
          endLine: 10,
          endColumn: 34,
          data: { key: 'auth.sms.twilio.auth_token', redacted: '**** (16+ chars)' },
        },
      ],
    },
  ],
});

/** A workspace's test network (HELDOUT14 #4, atproto's dev-env): no tables of its own, imported by the services' tests only. */
const harnessConfig: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'bsky', roots: ['packages/bsky'] },
    { name: 'dev-env', roots: ['packages/dev-env'] },
  ],
};
const seedUsers = "export const users = {\n  alice: { handle: 'alice.test', password: 'alice-pass' },\n};\n";
const harnessFiles = {
  'packages/bsky/migrations/V1__init.sql': 'CREATE TABLE actor (did VARCHAR(255) PRIMARY KEY);\n',
  'packages/bsky/tests/feed.test.ts': "import { users } from '../../dev-env/src/seed/users.js';\nexport const alice = users.alice;\n",
};

ruleTester.run(rule, {
  valid: [
    {
      name: "a test harness's seed accounts are fixtures: a service with no tables only other services' tests import (HELDOUT14 #4)",
      filename: 'packages/dev-env/src/seed/users.ts',
      code: seedUsers,
      files: harnessFiles,
      config: harnessConfig,
    },
  ],
  invalid: [
    {
      name: 'the same seed in a package production code imports is reported (HELDOUT14 #4)',
      filename: 'packages/dev-env/src/seed/users.ts',
      code: seedUsers,
      files: {
        ...harnessFiles,
        'packages/bsky/src/bootstrap.ts': "import { users } from '../../dev-env/src/seed/users.js';\nexport const admin = users.alice;\n",
      },
      config: harnessConfig,
      errors: [
        {
          messageId: 'credentialProperty',
          line: 2,
          column: 44,
          endLine: 2,
          endColumn: 56,
          data: { key: 'password', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'a production seed of a service with tables keeps its admin password reported, whoever imports it (HELDOUT14 #4)',
      filename: 'packages/bsky/src/seed/admin.ts',
      code: "export const admin = {\n  handle: 'admin',\n  password: 'Adm1n-Pr0d-2024',\n};\n",
      files: harnessFiles,
      config: harnessConfig,
      errors: [
        {
          messageId: 'credentialProperty',
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 30,
          data: { key: 'password', redacted: '**** (8-15 chars)' },
        },
      ],
    },
  ],
});

/**
 * cnpmjs.org's config/index.js (HELDOUT15 #5): defaults a deployment's config/config.js overrides
 * (`copy(require(customConfig)).override(config)`), with a session secret written as a test phrase, koa-limit's Redis
 * key namespace under `token` and a mail password that says to put yours there.
 */
const cnpmConfig = (values: { sessionSecret: string; token: string; pass: string }) =>
  [
    "var copy = require('copy-to');",
    'var config = {',
    `  sessionSecret: '${values.sessionSecret}',`,
    `  limit: { enable: false, token: '${values.token}', limit: 1000 },`,
    `  mail: { enable: false, auth: { user: 'address@gmail.com', pass: '${values.pass}' } },`,
    "  database: { db: 'cnpmjs_test', username: 'root', password: '', host: '127.0.0.1' },",
    '};',
    'if (customConfig) copy(require(customConfig)).override(config);',
    'module.exports = config;',
    '',
  ].join('\n');
const CNPM_DEFAULTS = { sessionSecret: 'cnpmjs.org test session secret', token: 'koa-limit:download', pass: 'your password' };
const cnpmConfigSettings = { dialect: 'mysql' as const, services: [{ name: 'registry', roots: ['.'] }] };

ruleTester.run(rule, {
  valid: [
    {
      name: "a test phrase naming the secret, a Redis key namespace and 'your password' in overridable defaults are no credential (HELDOUT15 #5)",
      filename: 'config/index.js',
      code: cnpmConfig(CNPM_DEFAULTS),
      config: cnpmConfigSettings,
    },
    {
      name: 'the same shapes as a lodash merge / Object.assign of defaults, and "change me" words',
      filename: 'config/defaults.js',
      code: [
        "const defaults = { jwtSecret: 'example jwt secret', cache: { token: 'myapp:cache:users' }, smtp: { password: 'change me' } };",
        'export const settings = _.merge(defaults, loadFile());',
        "export const merged = Object.assign({}, { apiKey: 'enter api key' });",
        '',
      ].join('\n'),
      config: cnpmConfigSettings,
    },
  ],
  invalid: [
    {
      name: 'real-looking values in the same places stay reported: a password with a space, a colon-separated random token, a passphrase',
      filename: 'config/index.js',
      code: cnpmConfig({ sessionSecret: 'keyboard cat', token: 'k9Fq:2Lx7pZ', pass: 'Tr0ub4dor &3' }),
      config: cnpmConfigSettings,
      errors: [
        {
          messageId: 'credentialProperty',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 32,
          data: { key: 'sessionSecret', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 4,
          column: 34,
          endLine: 4,
          endColumn: 47,
          data: { key: 'token', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 5,
          column: 67,
          endLine: 5,
          endColumn: 81,
          data: { key: 'pass', redacted: '**** (8-15 chars)' },
        },
      ],
    },
    {
      name: 'a namespace shape under a password key, a repeated word and a part naming a secret are no key namespace',
      filename: 'config/index.js',
      code: cnpmConfig({ sessionSecret: 'sess:user:password', token: 'admin:admin', pass: 'koa-limit:download' }),
      config: cnpmConfigSettings,
      errors: [
        {
          messageId: 'credentialProperty',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 38,
          data: { key: 'sessionSecret', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 4,
          column: 34,
          endLine: 4,
          endColumn: 47,
          data: { key: 'token', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 5,
          column: 67,
          endLine: 5,
          endColumn: 87,
          data: { key: 'pass', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: 'a placeholder or a test phrase that is in use (signing tokens, a session middleware) stays reported',
      filename: 'src/app.js',
      code: [
        "export const token = jwt.sign({ sub: 1 }, 'your secret');",
        "app.use(session({ secret: 'cnpmjs.org test session secret' }));",
        '',
      ].join('\n'),
      config: cnpmConfigSettings,
      errors: [
        {
          messageId: 'credentialProperty',
          line: 1,
          column: 43,
          endLine: 1,
          endColumn: 56,
          data: { key: 'secret', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 2,
          column: 27,
          endLine: 2,
          endColumn: 59,
          data: { key: 'secret', redacted: '**** (16+ chars)' },
        },
      ],
    },
  ],
});
