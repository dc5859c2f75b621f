import { mayBeK8sManifest } from './k8s-sniff.js';
import { SCHEMA_CODE_GLOBS } from './schema-code.js';

/** How the linter reads a file, decided by its name (and, for YAML, a cheap look at its text). */
export type FileKind = 'script' | 'sql' | 'env' | 'prisma' | 'compose' | 'k8s' | 'tsconfig' | 'other';

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/i;
const YAML = /\.ya?ml$/;
/** `tsconfig.json`, `tsconfig.base.json`, `tsconfig.app.json`, `jsconfig.json`: their `paths` resolve imports. */
const TSCONFIG = /^(?:tsconfig(?:\.[\w-]+)*|jsconfig)\.json$/;

/**
 * The kind of a file, from its name; other YAML than compose and env files (`env.yaml` is read
 * as dotenv lines) is a Kubernetes manifest (`k8s`) only when `text` is given and names a
 * ConfigMap, Secret or workload (Deployment, StatefulSet, Job, …), `other` otherwise.
 */
export function fileKindOf(path: string, text?: string): FileKind {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (SCRIPT.test(base) && !base.endsWith('.d.ts')) return 'script';
  // Cassandra's CQL files are read as SQL of that engine, by tokens (their tables are the Cassandra service's).
  if (base.endsWith('.sql') || base.endsWith('.cql')) return 'sql';
  if (base.endsWith('.prisma')) return 'prisma';
  if (TSCONFIG.test(base)) return 'tsconfig';
  if (/^(?:docker-)?compose(?:[.-][\w-]+)?\.ya?ml$/.test(base)) return 'compose';
  if (base === '.env' || base.startsWith('.env.') || base.startsWith('env.') || base.endsWith('.env') || base === 'env') return 'env';
  if (YAML.test(base)) return text !== undefined && mayBeK8sManifest(text) ? 'k8s' : 'other';
  return 'other';
}

/** Globs of every file kind the linter reads. YAML includes compose files and Kubernetes manifests. */
export const SOURCE_GLOBS = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  // Any case: Windows tools and SSMS / Workbench exports write `V1__Init.SQL`, which Flyway and the databases read as SQL.
  '**/*.[sS][qQ][lL]',
  '**/*.cql',
  '**/*.prisma',
  '**/tsconfig*.json',
  '**/jsconfig.json',
  // TypeORM's legacy connection file: the entity files a service registers, its engine.
  '**/ormconfig.json',
  // The Sequelize CLI's connection file: each environment's dialect, database and password.
  '**/config/config.json',
  // node-config's environments (`config/default.json`, `config/production.json`): connection settings and passwords.
  '**/config/*.json',
  // db-migrate's connection file: each environment's driver, database and password.
  '**/database.json',
  // Connection settings a service's code requires (`require('./db.config.json')`): counted where it does (service-databases.ts).
  '**/{db,database,datasource,connection}{,[-._]*}.json',
  // An ASP.NET Core service's settings: its `ConnectionStrings` (src/analysis/dotnet-settings.ts).
  '**/appsettings*.json',
  // Tools' configs, for their credentials (src/analysis/tool-secrets.ts): Kafka Connect / Debezium connectors, a Supabase project's config.
  '**/*connector*.json',
  '**/{debezium,connectors,kafka-connect}/**/*.json',
  '**/supabase/config.toml',
  // A .NET Framework service's XML configuration (`web.config`, `app.config`, `Web.Release.config`): its `<connectionStrings>`.
  '**/*.config',
  // A Laravel application's database config: the driver of its default connection (src/analysis/laravel-config.ts).
  '**/config/database.php',
  // A Django project's settings (src/analysis/django-settings.ts): its DATABASES' engines, databases and passwords, its SECRET_KEY.
  '**/settings.py',
  '**/settings/*.py',
  // A Serverless Framework service in JSON (serverless.yml and serverless.ts are read as YAML and code).
  '**/serverless.json',
  '**/*.{yml,yaml}',
  // Migration tools' plans, changelogs and configs: which SQL files are migrations, in which order.
  '**/sqitch.plan',
  // Sqitch's config: where its plan and scripts are.
  '**/sqitch.conf',
  '**/flyway.conf',
  // Spring Boot's and Liquibase's properties: the credentials they hold (src/analysis/properties-settings.ts).
  '**/{application,bootstrap,liquibase}*.properties',
  '**/flyway.toml',
  // Alembic's config: the script directories (`script_location`, `version_locations`) whose revisions are migrations.
  '**/alembic.ini',
  '**/alembic.cfg',
  // sqlalchemy-migrate's config: a repository (`repository_id`) whose `versions/<number>_<name>.py` are migrations.
  '**/migrate.cfg',
  '**/*changelog*.{xml,json}',
  // A Liquibase changelog's nested changelogs, named for their changes (`db/changelog/changes/001-create-users.xml`).
  '**/{changelog,changelogs,liquibase}/**/*.{xml,json}',
  // A Cloudflare Worker's wrangler config: the D1 (SQLite) databases it binds, and their migrations (src/analysis/wrangler-config.ts).
  '**/wrangler.toml',
  '**/wrangler.json',
  '**/wrangler.jsonc',
  // Terraform: the literal credentials of what deploys the databases (src/analysis/terraform.ts).
  '**/*.{tf,tfvars}',
  // MyBatis mappers and iBatis SQL maps (src/analysis/mybatis-mapper.ts): a Java service's SQL, in a mapper folder or named for its interface.
  '**/{mapper,mappers,mybatis,sqlmap,sqlmaps}/**/*.xml',
  '**/*{Mapper,Dao,DAO,SqlMap,-mapper,_mapper}.xml',
  // Schema code in other languages (Python, Ruby, PHP, C#): where each framework keeps its migrations and models.
  ...SCHEMA_CODE_GLOBS,
  // The image's environment (`ENV DB_NAME=…`): a service's settings, and a password baked into a layer.
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/*.Dockerfile',
  '**/*.dockerfile',
  '**/Containerfile',
  '**/.env',
  '**/.env.*',
  '**/env.*',
  '**/*.env',
];

/** Generated YAML that can run to megabytes and never holds a manifest: not even read. */
export const GENERATED_YAML = ['**/pnpm-lock.yaml'];
