/**
 * Deterministic generator of the realistic benchmark profile: a NileCare-shaped, SQL-heavy
 * service monorepo (`microservices/<name>/`, the audit's services and databases, root schema
 * files per logical database, Kubernetes manifests, docker-compose), in the proportions of
 * REAL-CODE-PATTERNS.md: SQL in every repository, most routes and half the services and jobs;
 * 20–40-statement schema files; ORM entities; env files. Violations are planted where the audit
 * found them, decoys where real code has look-alikes, and both are listed in the manifest with
 * the exact line a rule must (or must not) report.
 *
 * Same seed and size → byte-identical tree.
 *
 *   node --import tsx bench/realistic/generate.ts <dir> [codeFiles=600]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pascal, Rng, singular } from '../generate.js';
import { makeServices, ownTables, type Service, type Table } from './catalogue.js';
import {
  controllerFile,
  eventsFile,
  genericHelperFile,
  jobFile,
  middlewareFile,
  repositoryFile,
  routesFile,
  serviceFile,
  sharedLibraryFile,
  testFile,
  typesFile,
  utilsFile,
  validatorFile,
  type FileContext,
} from './code-files.js';
import {
  appIndexFile,
  databaseConfigFile,
  envFile,
  envSchemaFile,
  errorsFile,
  knexfile,
  knexMigrationFile,
  loggerFile,
  modelFile,
  ormConfigFile,
  prismaSchema,
  routesIndexFile,
  typeormMigrationFile,
  type SecretShape,
} from './config-files.js';
import {
  ciWorkflow,
  decoyBuildOutput,
  dockerCompose,
  envCommitted,
  envExample,
  GITIGNORE,
  k8sManifests,
  lintConfig,
  rootPackageJson,
  servicePackageJson,
  type K8sSecretPlan,
} from './infra-files.js';
import { Doc, Ledger, type Decoy, type Planted } from './ledger.js';
import type { TsPlant, TsPlantStyle } from './plants.js';
import { rootSchemaFile, serviceMigrations, type FkPlant, type SqlQueryPlant } from './schema-files.js';

export interface RealisticRepo {
  root: string;
  services: number;
  codeFiles: string[];
  sqlFiles: number;
  otherFiles: number;
  decoyFiles: number;
  /** Bytes of the files the linter reads (decoys excluded). */
  lintedBytes: number;
  planted: Planted[];
  decoys: Decoy[];
  /** Code files with SQL in them (share of the profile). */
  codeFilesWithSql: number;
  /** The file a pre-commit run names: a billing service file with planted cross-service queries. */
  preCommitFile: string;
}

type Kind =
  | 'repositories'
  | 'routes'
  | 'services'
  | 'controllers'
  | 'models'
  | 'validators'
  | 'types'
  | 'utils'
  | 'middleware'
  | 'jobs'
  | 'events'
  | 'tests';

const KIND_WEIGHTS: Array<[Kind, number]> = [
  ['repositories', 0.16],
  ['routes', 0.13],
  ['services', 0.16],
  ['controllers', 0.1],
  ['models', 0.07],
  ['validators', 0.06],
  ['types', 0.06],
  ['utils', 0.05],
  ['middleware', 0.04],
  ['jobs', 0.05],
  ['events', 0.04],
  ['tests', 0.08],
];
/** Services without tables of their own (orchestrators, a document store) have no repositories or models. */
const KIND_WEIGHTS_NO_TABLES: Array<[Kind, number]> = [
  ['routes', 0.2],
  ['services', 0.24],
  ['controllers', 0.15],
  ['validators', 0.08],
  ['types', 0.08],
  ['utils', 0.06],
  ['middleware', 0.05],
  ['jobs', 0.04],
  ['events', 0.04],
  ['tests', 0.06],
];
const MEDIAN_BYTES: Record<Kind, number> = {
  repositories: 7000,
  routes: 5000,
  services: 5500,
  controllers: 3500,
  models: 1500,
  validators: 2000,
  types: 1800,
  utils: 2000,
  middleware: 2500,
  jobs: 2500,
  events: 2000,
  tests: 3000,
};
const VARIANTS = [
  '',
  'reporting',
  'sync',
  'admin',
  'export',
  'legacy',
  'v2',
  'audit',
  'batch',
  'search',
  'cache',
  'archive',
  'bulk',
  'public',
  'internal',
];

/** The audit's cross-service queries in code: [service, kind, style, foreign table as written]. */
const CORE_TS_PLANTS: Array<[string, Kind | 'data-routes', TsPlantStyle, string]> = [
  ['billing-service', 'services', 'template', 'clinical_data.patients'],
  ['billing-service', 'services', 'string', 'auth_users'],
  ['billing-service', 'repositories', 'builder', 'payments'],
  ['payment-gateway-service', 'services', 'transaction', 'invoices'],
  ['payment-gateway-service', 'repositories', 'field', 'clinical_data.patients'],
  ['business', 'services', 'template', 'appointments'],
  ['main-nilecare', 'data-routes', 'string', 'invoices'],
  ['main-nilecare', 'data-routes', 'template', 'lab_results'],
  ['main-nilecare', 'data-routes', 'variable', 'appointments'],
  ['main-nilecare', 'data-routes', 'const', 'patients'],
  ['gateway-service', 'data-routes', 'string', 'invoices'],
  ['gateway-service', 'data-routes', 'template', 'lab_results'],
  ['gateway-service', 'data-routes', 'variable', 'appointments'],
  ['gateway-service', 'data-routes', 'const', 'patients'],
  ['lab-service', 'repositories', 'field', 'clinical_data.patients'],
  ['cds-service', 'repositories', 'template', 'prescriptions'],
  ['cds-service', 'services', 'variable', 'lab_results'],
  ['appointment-service', 'routes', 'template', 'facilities'],
  ['appointment-service', 'repositories', 'builder', 'departments'],
  ['hl7-service', 'services', 'string', 'lab_results'],
  ['hl7-service', 'repositories', 'template', 'encounters'],
  ['notification-service', 'services', 'prisma-raw', 'appointments'],
  ['inventory-service', 'repositories', 'knex', 'purchase_orders'],
  ['inventory-service', 'services', 'template', 'medications'],
  ['ehr-service', 'repositories', 'template', 'patients'],
  ['medication-service', 'services', 'transaction', 'inventory_items'],
  ['facility-service', 'repositories', 'const', 'appointments'],
  ['clinical-service', 'services', 'variable', 'lab_orders'],
  ['auth-service', 'services', 'string', 'notification_preferences'],
  ['device-integration-service', 'repositories', 'template', 'encounters'],
];

/** Cross-service foreign keys and SQL accesses in schema files: [service, table, column, target, style]. */
const CORE_FK_PLANTS: Array<[string, string, string, string, FkPlant['style']]> = [
  ['business', 'claims', 'patient_id', 'clinical_data.patients', 'inline'],
  ['payment-gateway-service', 'invoice_payments', 'invoice_ref', 'invoices', 'inline'],
  ['appointment-service', 'appointments', 'facility_id', 'facilities', 'inline'],
  ['lab-service', 'lab_orders', 'patient_id', 'clinical_data.patients', 'alter'],
  ['billing-service', 'invoice_payment_allocations', 'payment_ref', 'payments', 'alter'],
];
const CORE_SQL_QUERY_PLANTS: Array<[string, string, SqlQueryPlant['style']]> = [
  ['business', 'clinical_data.patients', 'view'],
  ['medication-service', 'inventory_items', 'trigger'],
];

const CORE_SECRETS: Record<string, SecretShape> = {
  'auth-service': 'or-empty',
  business: 'nullish-empty',
  'billing-service': 'or-empty',
  'payment-gateway-service': 'or-empty',
  'device-integration-service': 'or-postgres',
  'ehr-service': 'or-postgres',
  'facility-service': 'assign-empty',
  'lab-service': 'or-empty',
  'medication-service': 'required',
  'inventory-service': 'or-empty',
  'appointment-service': 'or-empty',
  'cds-service': 'required',
  'hl7-service': 'required',
  'main-nilecare': 'real-password',
  'clinical-service': 'required',
  'gateway-service': 'or-empty',
};
const EXTRA_SECRETS: SecretShape[] = ['required', 'or-empty', 'required', 'nullish-empty', 'required'];

const EXTRA_TARGETS = [
  'patients',
  'invoices',
  'appointments',
  'lab_results',
  'payments',
  'clinical_data.encounters',
  'medications',
  'facilities',
  'auth_users',
  'inventory_items',
];
const EXTRA_STYLES: TsPlantStyle[] = ['template', 'string', 'variable', 'builder', 'field', 'const'];

const K8S_PLANS: Record<string, K8sSecretPlan> = {
  'main-nilecare': { configMapPassword: true },
  'billing-service': { secret: 'stringData' },
  'auth-service': { secret: 'data' },
  'payment-gateway-service': { workloadSecret: true },
};

const kebab = (s: string) => s.replace(/_/g, '-');

interface PlannedFile {
  path: string;
  kind: Kind | 'data-routes';
  table?: Table;
  withSql: boolean;
  plants: TsPlant[];
}

/** Largest-remainder split of `n` files over weighted kinds. */
function splitKinds(n: number, weights: Array<[Kind, number]>): Map<Kind, number> {
  const total = weights.reduce((a, [, w]) => a + w, 0);
  const exact = weights.map(([k, w]) => [k, (n * w) / total] as const);
  const counts = new Map<Kind, number>(exact.map(([k, x]) => [k, Math.floor(x)]));
  let left = n - [...counts.values()].reduce((a, b) => a + b, 0);
  for (const [k] of [...exact].sort((a, b) => (b[1] % 1) - (a[1] % 1))) {
    if (left-- <= 0) break;
    counts.set(k, counts.get(k)! + 1);
  }
  return counts;
}

function pathFor(kind: Kind, service: Service, table: Table | undefined, variant: number, index: number): string {
  const entity = table
    ? pascal(singular(table.name))
    : pascal(['gateway', 'proxy', 'summary', 'dashboard', 'search', 'report', 'health', 'session'][index % 8]);
  const base = table ? kebab(singular(table.name)) : kebab(entity.toLowerCase());
  const v = VARIANTS[variant] ?? String(variant);
  const suffix = v ? `-${v}` : '';
  switch (kind) {
    case 'repositories':
      return `src/repositories/${base}${suffix}.repository.ts`;
    case 'services':
      return `src/services/${entity}${v ? pascal(v) : ''}Service.ts`;
    case 'routes':
      return `src/routes/${base}${suffix}.routes.ts`;
    case 'controllers':
      return `src/controllers/${base}${suffix}.controller.ts`;
    case 'models':
      return service.orm === 'typeorm' ? `src/entities/${entity}.ts` : `src/models/${entity}.ts`;
    case 'validators':
      return `src/validators/${base}${suffix}.validator.ts`;
    case 'types':
      return `src/types/${base}${suffix}.types.ts`;
    case 'utils':
      return `src/utils/${['date', 'money', 'pagination', 'crypto', 'format', 'retry', 'cache', 'csv', 'ids', 'http'][index % 10]}${index >= 10 ? `-${index}` : ''}.ts`;
    case 'middleware':
      return `src/middleware/${['rate-limit', 'audit', 'tenant', 'validate', 'request-log', 'cors-policy'][index % 6]}${index >= 6 ? `-${index}` : ''}.ts`;
    case 'jobs':
      return `src/jobs/${base}-${['cleanup', 'report', 'sync', 'reminder'][variant % 4]}${variant >= 4 ? `-${variant}` : ''}.job.ts`;
    case 'events':
      return `src/events/${base}${suffix}.events.ts`;
    case 'tests':
      return index % 2 === 0 ? `tests/${base}${suffix}.test.ts` : `src/__tests__/${base}${suffix}.service.test.ts`;
  }
}

export interface GenerateRealisticOptions {
  root: string;
  /** Code files (TypeScript) to write; about 600 is NileCare's size. */
  codeFiles: number;
  seed?: number;
}

export function generateRealistic(options: GenerateRealisticOptions): RealisticRepo {
  const seed = options.seed ?? 20251015;
  const rng = new Rng(seed ^ options.codeFiles);
  const root = options.root;
  const sharedCount = Math.max(4, Math.round(options.codeFiles * 0.02));
  const services = makeServices(rng, options.codeFiles - sharedCount);
  const byName = new Map(services.map((s) => [s.name, s]));
  const ledger = new Ledger();
  const codeFiles: string[] = [];
  const stats = { sql: 0, other: 0, decoy: 0, lintedBytes: 0, withSql: 0 };
  const made = new Set<string>();
  const write = (relative: string, text: string, counted: 'code' | 'sql' | 'other' | 'decoy') => {
    const abs = path.join(root, relative);
    const dir = path.dirname(abs);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(abs, text);
    if (counted === 'code') codeFiles.push(relative);
    else if (counted === 'sql') stats.sql++;
    else if (counted === 'other') stats.other++;
    else stats.decoy++;
    if (counted !== 'decoy') {
      stats.lintedBytes += Buffer.byteLength(text);
      if (counted === 'code' && /`\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b|'(SELECT|INSERT|UPDATE|DELETE) |\.from\('|\$queryRaw/.test(text))
        stats.withSql++;
    }
  };

  // --- plants: curated for the audit's services, generated for the others -------------------
  const tsPlants = new Map<string, Array<{ kind: Kind | 'data-routes'; plant: TsPlant }>>();
  const addTsPlant = (service: string, kind: Kind | 'data-routes', plant: TsPlant) => {
    if (!byName.has(service)) throw new Error(`plant for unknown service ${service}`);
    tsPlants.set(service, [...(tsPlants.get(service) ?? []), { kind, plant }]);
  };
  for (const [service, kind, style, target] of CORE_TS_PLANTS) addTsPlant(service, kind, { style, target });
  const fkPlants = new Map<string, FkPlant[]>();
  const sqlPlants = new Map<string, SqlQueryPlant[]>();
  const tableOf = (service: Service, name: string) => {
    const t = ownTables(service).find((x) => x.name === name);
    if (!t) throw new Error(`${service.name} has no table ${name}`);
    return t;
  };
  for (const [service, table, column, target, style] of CORE_FK_PLANTS) {
    const s = byName.get(service)!;
    fkPlants.set(service, [...(fkPlants.get(service) ?? []), { table: tableOf(s, table), column, target, style }]);
  }
  for (const [service, target, style] of CORE_SQL_QUERY_PLANTS)
    sqlPlants.set(service, [...(sqlPlants.get(service) ?? []), { target, style }]);
  services
    .filter((s) => !s.core)
    .forEach((s, i) => {
      const kinds: Kind[] = ['repositories', 'services'];
      const count = 1 + (i % 2);
      for (let k = 0; k < count; k++) {
        const style = EXTRA_STYLES[(i + k) % EXTRA_STYLES.length];
        addTsPlant(s.name, kinds[k % 2], { style, target: EXTRA_TARGETS[(i * 3 + k) % EXTRA_TARGETS.length] });
      }
      if (i % 3 === 0 && (s.orm === 'raw' || s.orm === 'sequelize' || s.orm === 'prisma'))
        fkPlants.set(s.name, [
          {
            table: s.tables[s.tables.length - 1],
            column: 'patient_ref',
            target: 'clinical_data.patients',
            style: i % 2 === 0 ? 'inline' : 'alter',
          },
        ]);
    });

  // --- root ------------------------------------------------------------------------------------
  write('package.json', rootPackageJson(), 'other');
  write('.gitignore', GITIGNORE, 'other');
  write('nilecare-lint.config.json', lintConfig(services), 'other');
  write(
    'README.md',
    '# NileCare platform\n\nMicroservices for the NileCare healthcare platform. See docs/ for the database audit.\n',
    'other',
  );
  write('.github/workflows/ci.yml', ciWorkflow(), 'other');
  write(
    'docker-compose.yml',
    dockerCompose(
      services.filter((s) => s.core),
      ledger,
    ),
    'other',
  );

  let preCommitFile = '';
  for (const service of services) {
    const srng = new Rng(rng.int(1, 2 ** 31));
    const dir = service.dir;
    write(`${dir}/package.json`, servicePackageJson(service), 'other');
    write(`${dir}/.env.example`, envExample(service, ledger), 'other');
    if (service.name === 'hl7-service' || service.name === 'facility-service' || service.name === 'cds-service')
      write(`${dir}/.env`, envCommitted(service, ledger, service.name === 'hl7-service'), 'other');
    if (service.orm === 'prisma') write(`${dir}/prisma/schema.prisma`, prismaSchema(service), 'other');

    // --- SQL ---------------------------------------------------------------------------------
    const fks = fkPlants.get(service.name) ?? [];
    const queries = sqlPlants.get(service.name) ?? [];
    if (service.rootHome) {
      const rootFks = fks.filter((f) => service.rootTables.includes(f.table));
      const file = rootSchemaFile(
        srng,
        service,
        rootFks,
        queries.filter((q) => q.style === 'view'),
        ledger,
      );
      write(file.path, file.text, 'sql');
    }
    if (service.tables.length > 0) {
      const serviceFks = fks.filter((f) => service.tables.includes(f.table));
      const serviceQueries = queries.filter((q) => q.style === 'trigger');
      if (service.orm === 'raw' || service.orm === 'sequelize') {
        for (const f of serviceMigrations(srng, service, serviceFks, serviceQueries, ledger).files) write(f.path, f.text, 'sql');
      } else if (service.orm === 'prisma') {
        for (const f of serviceMigrations(srng, service, serviceFks, serviceQueries, ledger, 'database').files)
          write(f.path, f.text, 'sql');
      } else if (serviceFks.length > 0 || serviceQueries.length > 0) {
        throw new Error(`${service.name}: SQL plants need SQL migrations (orm ${service.orm})`);
      }
    }

    // --- code: fixed files ------------------------------------------------------------------
    const files: PlannedFile[] = [];
    const taken = new Set<string>();
    const fixed = (relative: string, doc: Doc) => {
      taken.add(relative);
      write(`${dir}/${relative}`, doc.text(), 'code');
    };
    const cfg = (relative: string) => ({ service, file: `${dir}/${relative}`, ledger, rng: srng });
    const shape: SecretShape = service.core
      ? (CORE_SECRETS[service.name] ?? 'required')
      : EXTRA_SECRETS[services.indexOf(service) % EXTRA_SECRETS.length];
    fixed('src/index.ts', appIndexFile(service));
    fixed('src/utils/logger.ts', loggerFile(service));
    fixed('src/utils/errors.ts', errorsFile());
    const secrets: Parameters<typeof envFile>[1] = [
      service.name === 'auth-service'
        ? { key: 'JWT_SECRET', prop: 'jwtSecret', fallback: 'literal', literal: 'dev-secret-key' }
        : { key: 'JWT_SECRET', prop: 'jwtSecret', fallback: 'required' },
    ];
    if (service.name === 'payment-gateway-service')
      secrets.push({
        key: 'WEBHOOK_SIGNING_SECRET',
        prop: 'webhookSigningSecret',
        fallback: 'literal',
        literal: 'local-webhook-signing-key',
      });
    if (service.name === 'notification-service') secrets.push({ key: 'SMTP_PASSWORD', prop: 'smtpPassword', fallback: 'empty' });
    fixed('src/config/env.ts', envFile(cfg('src/config/env.ts'), secrets));
    if (service.name === 'billing-service') fixed('src/config/env.schema.ts', envSchemaFile(cfg('src/config/env.schema.ts'), 'joi'));
    if (service.name === 'clinical-service') fixed('src/config/env.schema.ts', envSchemaFile(cfg('src/config/env.schema.ts'), 'zod'));
    switch (service.orm) {
      case 'raw':
        fixed('src/config/database.ts', databaseConfigFile(cfg('src/config/database.ts'), shape, service.name === 'lab-service'));
        break;
      case 'sequelize':
        fixed('src/config/sequelize.ts', ormConfigFile(cfg('src/config/sequelize.ts'), shape));
        break;
      case 'typeorm':
        fixed('src/config/data-source.ts', ormConfigFile(cfg('src/config/data-source.ts'), shape));
        if (service.tables.length > 0) fixed('src/migrations/1697356800000-InitialSchema.ts', typeormMigrationFile(service));
        break;
      case 'knex':
        fixed('knexfile.ts', knexfile(cfg('knexfile.ts'), shape));
        fixed('src/db/knex.ts', ormConfigFile(cfg('src/db/knex.ts'), shape));
        if (service.tables.length > 0) fixed('migrations/20240101120000_initial_schema.ts', knexMigrationFile(service));
        break;
      case 'prisma':
        fixed('src/db/prisma.ts', ormConfigFile(cfg('src/db/prisma.ts'), shape));
        break;
      case 'mongo':
        fixed('src/config/mongo.ts', ormConfigFile(cfg('src/config/mongo.ts'), shape));
        break;
    }
    fixed(
      'src/middleware/auth.ts',
      middlewareFile({ rng: srng, service, services, file: `${dir}/src/middleware/auth.ts`, ledger, plants: [], target: 0 }),
    );
    if (service.name === 'lab-service') {
      // A one-off import script with its own hard-coded connection (a credential, and a database setting).
      const doc = new Doc();
      const file = `${dir}/scripts/import-results.ts`;
      doc.push(
        "import mysql from 'mysql2/promise';",
        '',
        'async function main(): Promise<void> {',
        '  const connection = await mysql.createConnection({',
        "    host: 'mysql.internal',",
        "    user: 'lab_import',",
      );
      ledger.plant('no-hardcoded-credentials', file, doc.nextLine, 'credential-property', 'password');
      doc.push("    password: 'lab-import-2023',");
      ledger.setting(service.database, service.name, file, doc.nextLine);
      doc.push(
        `    database: '${service.database}',`,
        '  });',
        "  const [rows] = await connection.query('SELECT id, test_code FROM lab_results WHERE resulted_at IS NULL LIMIT 500');",
        '  console.log(`pending: ${(rows as unknown[]).length}`);',
        '  await connection.end();',
        '}',
        '',
        'main().catch((error) => {',
        '  console.error(error);',
        '  process.exit(1);',
        '});',
      );
      fixed('scripts/import-results.ts', doc);
    }
    if (service.name === 'main-nilecare') {
      // The reporting connection string with its password, pointing at the shared database.
      const doc = new Doc();
      const file = `${dir}/src/services/ReportService.ts`;
      doc.push("import mysql from 'mysql2/promise';", '', '// Read-only reporting connection (replica).');
      ledger.plant('no-hardcoded-credentials', file, doc.nextLine, 'connection-string', 'mysql://reporting');
      ledger.setting(service.database, service.name, file, doc.nextLine);
      doc.push(
        `const REPORTING_URL = 'mysql://reporting:R3port!ng2024@mysql-replica:3306/${service.database}';`,
        '',
        'export const reportingPool = mysql.createPool({ uri: REPORTING_URL, connectionLimit: 5 });',
      );
      fixed('src/services/ReportService.ts', doc);
    }

    // --- code: planned files ----------------------------------------------------------------
    const tables = ownTables(service);
    const budget = service.codeFiles - taken.size - (service.name === 'main-nilecare' || service.name === 'gateway-service' ? 1 : 0) - 1; // - routes/index.ts
    const split = splitKinds(Math.max(0, budget), tables.length > 0 ? KIND_WEIGHTS : KIND_WEIGHTS_NO_TABLES);
    if (tables.length > 0) {
      // One model per table at most; the rest of the model budget becomes types.
      const models = Math.min(split.get('models') ?? 0, tables.length);
      split.set('types', (split.get('types') ?? 0) + (split.get('models') ?? 0) - models);
      split.set('models', models);
    }
    if (service.name === 'main-nilecare' || service.name === 'gateway-service')
      files.push({ path: 'src/routes/data.routes.ts', kind: 'data-routes', withSql: false, plants: [] });
    for (const [kind, count] of split) {
      for (let i = 0; i < count; i++) {
        const table = tables.length > 0 ? tables[i % tables.length] : undefined;
        const variant = tables.length > 0 ? Math.floor(i / tables.length) : i;
        let relative = pathFor(kind, service, table, variant, i);
        for (let n = 2; taken.has(relative); n++) relative = relative.replace(/(\.[a-z]+)?\.ts$/, (m) => `-${n}${m}`);
        taken.add(relative);
        const withSql =
          table !== undefined &&
          (kind === 'repositories' ||
            (kind === 'routes' && srng.chance(0.75)) ||
            (kind === 'services' && srng.chance(0.5)) ||
            (kind === 'jobs' && srng.chance(0.5)));
        files.push({ path: relative, kind, table, withSql, plants: [] });
      }
    }
    // Each plant goes to the next file of its kind (round-robin), preferring files with a table.
    const cursor = new Map<string, number>();
    for (const { kind, plant } of tsPlants.get(service.name) ?? []) {
      const candidates = files.filter((f) => f.kind === kind && (f.table !== undefined || kind === 'data-routes'));
      if (candidates.length === 0)
        throw new Error(`${service.name}: no ${kind} file for a ${plant.style} plant (${service.codeFiles} code files)`);
      const at = cursor.get(kind) ?? 0;
      cursor.set(kind, at + 1);
      candidates[at % candidates.length].plants.push(plant);
    }
    const routeFiles: string[] = [];
    for (const planned of files) {
      const file = `${dir}/${planned.path}`;
      const kind = planned.kind;
      const ctx: FileContext = {
        rng: srng,
        service,
        services,
        file,
        ledger,
        plants: planned.plants,
        table: planned.table,
        target: srng.size(MEDIAN_BYTES[kind === 'data-routes' ? 'routes' : kind], 500, 24000),
      };
      let doc: Doc;
      switch (kind) {
        case 'repositories':
          doc = repositoryFile(ctx);
          break;
        case 'routes':
        case 'data-routes':
          doc = routesFile(ctx, planned.withSql);
          routeFiles.push(planned.path.replace('src/routes/', ''));
          break;
        case 'services':
          doc = serviceFile(ctx, planned.withSql);
          break;
        case 'controllers':
          doc = controllerFile(ctx);
          break;
        case 'models':
          doc = modelFile(service, planned.table!);
          break;
        case 'validators':
          doc = validatorFile(ctx);
          break;
        case 'types':
          doc = typesFile(ctx);
          break;
        case 'utils':
          doc = utilsFile(ctx);
          break;
        case 'middleware':
          doc = middlewareFile(ctx);
          break;
        case 'jobs':
          doc = jobFile(ctx, planned.withSql);
          break;
        case 'events':
          doc = eventsFile(ctx);
          break;
        case 'tests':
          doc = testFile(ctx);
          break;
      }
      write(file, doc.text(), 'code');
      if (!preCommitFile && service.name === 'billing-service' && planned.plants.length > 0 && kind === 'services') preCommitFile = file;
    }
    write(`${dir}/src/routes/index.ts`, routesIndexFile(routeFiles).text(), 'code');

    // --- manifests and decoys ----------------------------------------------------------------
    if (service.core && service.orm !== 'mongo')
      for (const m of k8sManifests(service, ledger, K8S_PLANS[service.name] ?? {})) write(m.path, m.text, 'other');
    if (services.indexOf(service) % 3 === 0) {
      const foreign = ownTables(services[(services.indexOf(service) + 1) % services.length])[0]?.name ?? 'patients';
      write(`${dir}/dist/services/legacy.service.js`, decoyBuildOutput(service, foreign), 'decoy');
      write(`${dir}/dist/config/database.js`, decoyBuildOutput(service, foreign), 'decoy');
    }
  }

  // --- code outside every service ----------------------------------------------------------------
  for (let i = 0; i < sharedCount; i++) {
    const relative =
      i === 0
        ? 'shared/db/touch.ts'
        : `shared/${['middleware', 'utils', 'types'][i % 3]}/${['correlation', 'money', 'dates', 'http', 'ids', 'locale'][i % 6]}${i >= 6 ? `-${i}` : ''}.ts`;
    const ctx: FileContext = { rng, service: services[0], services, file: relative, ledger, plants: [], target: rng.size(2500, 800, 8000) };
    write(relative, (i === 0 ? genericHelperFile(ctx) : sharedLibraryFile(ctx)).text(), 'code');
  }
  write('node_modules/@nilecare/legacy-db/index.js', decoyBuildOutput(services[0], 'patients'), 'decoy');
  write(
    'node_modules/@nilecare/legacy-db/package.json',
    '{ "name": "@nilecare/legacy-db", "version": "0.3.1", "main": "index.js" }\n',
    'decoy',
  );

  ledger.plantSharedDatabases();
  if (!preCommitFile) throw new Error('no billing-service file with plants for the pre-commit measurement');
  ledger.planted.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.ruleId < b.ruleId ? -1 : 1)));
  return {
    root,
    services: services.length,
    codeFiles: codeFiles.sort(),
    sqlFiles: stats.sql,
    otherFiles: stats.other,
    decoyFiles: stats.decoy,
    lintedBytes: stats.lintedBytes,
    planted: ledger.planted,
    decoys: ledger.decoys,
    codeFilesWithSql: stats.withSql,
    preCommitFile,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, size] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: generate.ts <dir> [codeFiles=600]');
    process.exit(2);
  }
  const started = performance.now();
  const codeFiles = Number(size ?? 600);
  if (!Number.isInteger(codeFiles) || codeFiles < 1) {
    console.error(`generate.ts: the size must be a positive whole number of code files, got '${size}'`);
    process.exit(2);
  }
  let repo: RealisticRepo;
  try {
    repo = generateRealistic({ root: path.resolve(dir), codeFiles });
  } catch (error) {
    console.error(`generate.ts: ${(error as Error).message}`);
    process.exit(2);
  }
  writeFileSync(path.join(repo.root, '..', `${path.basename(repo.root)}.manifest.json`), `${JSON.stringify(repo, null, 2)}\n`);
  console.log(
    `${repo.codeFiles.length} code (${repo.codeFilesWithSql} with SQL) + ${repo.sqlFiles} SQL + ${repo.otherFiles} other (+${repo.decoyFiles} decoys) in ${repo.services} services, ` +
      `${(repo.lintedBytes / 1048576).toFixed(1)} MB, ${repo.planted.length} planted, ${repo.decoys.length} decoy lines, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
