/**
 * isLintableName reads base names with string tests; the globs it stands for (SOURCE_GLOBS, the
 * never-walked folders, GENERATED_YAML) run through the glob engine here, as discovery ran them
 * before, over every path built from the names below: the two must agree on each.
 */
import { describe, expect, it } from 'vitest';
import { compileGlobs } from '../../src/config/glob.js';
import { isLintableName, isNeverWalked as neverWalked } from '../../src/discovery/discover.js';
import { GENERATED_YAML, SOURCE_GLOBS } from '../../src/discovery/file-kind.js';

const isSourceName = compileGlobs(SOURCE_GLOBS);
const isNeverWalked = compileGlobs(['**/node_modules/**', '**/.git/**', ...GENERATED_YAML]);
const byGlobs = (file: string) => isSourceName(file) && !isNeverWalked(file);

/** Names near every glob's edges: empty stars, case, extensions as folder names, look-alikes. */
const NAMES = [
  'a.ts',
  'a.tsx',
  'a.mts',
  'a.cts',
  'a.js',
  'a.jsx',
  'a.mjs',
  'a.cjs',
  '.ts',
  'a.TS',
  'a.d.ts',
  'a.ts.bak',
  'ts',
  'a.tsxx',
  'a.json',
  'q.sql',
  '.sql',
  'schema.cql',
  'q.SQL',
  'V1__Init.Sql',
  '.SQL',
  'q.sQl',
  'q.SQL.bak',
  'q.SQ',
  'q.sql.gz',
  's.prisma',
  '.prisma',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfigx.json',
  'tsconfig',
  'tsconfig.jso',
  'tsconfig.json.bak',
  'xtsconfig.json',
  'jsconfig.json',
  'jsconfig.base.json',
  'ormconfig.json',
  'ormconfig.js',
  'ormconfig.yml',
  'config.json',
  'default.json',
  '.json',
  'production.json',
  'config.yml',
  'k.yml',
  'k.yaml',
  '.yml',
  'k.YML',
  'k.yml.orig',
  'pnpm-lock.yaml',
  'pnpm-lock.yml',
  'x-pnpm-lock.yaml',
  'sqitch.plan',
  'sqitch.plans',
  'sqitch.conf',
  'sqitch.config',
  'serverless.json',
  'serverless.jsonx',
  'database.json',
  'database.jsonx',
  'db.json',
  'db.config.json',
  'appsettings.json',
  'appsettings.Production.json',
  'xappsettings.json',
  'appsettings.yaml',
  // .NET Framework XML configuration: any *.config.
  'web.config',
  'Web.Release.config',
  'packages.config',
  '.config',
  'web.config.bak',
  'web.configx',
  // Tools' configs read for their credentials: Kafka Connect connectors, a Supabase project's config.toml.
  'orders-connector.json',
  'connector.json',
  'connectors.json',
  'orders-connector.json.bak',
  'config.toml',
  'config.tomlx',
  'application.properties',
  'application-prod.properties',
  'bootstrap.properties',
  'liquibase.properties',
  'gradle.properties',
  'xapplication.properties',
  'database-prod.json',
  'connection_settings.json',
  'datasource.json',
  'db..json',
  'dbx.json',
  'xdb.json',
  'db.json.bak',
  'connections.json',
  'flyway.conf',
  'flyway.toml',
  'flyway.confx',
  'wrangler.toml',
  'wrangler.json',
  'wrangler.jsonc',
  'wrangler.toml.bak',
  'my-wrangler.toml',
  'changelog.xml',
  'db.changelog-master.xml',
  'changelog.json',
  'changelog',
  'changelog.yaml',
  'change.xml',
  '.changelog.json',
  'changelogs.json',
  'a.xml',
  // Terraform
  'rds.tf',
  '.tf',
  'terraform.tfvars',
  'prod.auto.tfvars',
  'rds.tf.json',
  'rds.TF',
  'rds.tfstate',
  // MyBatis mappers: named for their interface, or in a mapper folder.
  'InvoiceMapper.xml',
  'Mapper.xml',
  'invoice-mapper.xml',
  'invoice_mapper.xml',
  'OrderDao.xml',
  'OrderDAO.xml',
  'Order_SqlMap.xml',
  'InvoiceMapper.json',
  'InvoiceMapper.xml.bak',
  'mapper.xml',
  'InvoiceMapperx.xml',
  '.env',
  '.env.local',
  '.env.',
  'env.',
  'env',
  'env.production',
  'prod.env',
  '.envrc',
  'x.env.bak',
  'environment.ts',
  'README.md',
  // Python schema code (Alembic revisions, SQLAlchemy models): only where it usually lives.
  '0001_users.py',
  'models.py',
  'model.py',
  'tables.py',
  'entities.py',
  'orm.py',
  'schema.py',
  'user_models.py',
  '_model.py',
  'order_tables.py',
  'models.pyc',
  'main.py',
  'xmodels.py',
  'models.py.bak',
  // Ruby, PHP and C# schema code (Rails, Laravel, EF Core migrations): only in their frameworks' folders.
  '20240110120000_create_users.rb',
  'schema.rb',
  'animals_schema.rb',
  'schema.rb.bak',
  'seeds.rb',
  '2024_01_15_000000_create_products_table.php',
  'User.php',
  'x.phpx',
  '20240201093000_InitialCreate.cs',
  'AccountsDbContextModelSnapshot.cs',
  'Program.cs',
  'x.csx',
  'Dockerfile',
  'Dockerfile.prod',
  'api.Dockerfile',
  'api.dockerfile',
  'Containerfile',
  'dockerfile',
  'Dockerfilex',
  'Dockerfile.',
  'node_modules',
  '.git',
  'config',
  'src',
  'node_modules.ts',
  '.git.yml',
  'a.git',
  'xnode_modules',
  'node_modulesx',
  '',
];
const FOLDERS = [
  '',
  'src/',
  'config/',
  'a/config/',
  'xconfig/',
  'config/a/',
  'configs/',
  'node_modules/',
  'a/node_modules/',
  'node_modules/a/',
  '.git/',
  'a/.git/b/',
  '.github/workflows/',
  'a.ts/',
  'my-node_modules/',
  '../',
  'supabase/',
  'a/supabase/',
  'xsupabase/',
  'supabase/a/',
  'debezium/',
  'deploy/connectors/a/',
  'kafka-connect/',
  'connector/',
  // Liquibase's nested changelogs: any XML or JSON below a changelog(s)/ or liquibase/ folder.
  'db/changelog/',
  'db/changelog/changes/',
  'changelogs/',
  'liquibase/a/',
  'xchangelog/',
  'changelogx/',
  'Changelog/',
  // Python: Alembic's versions/ folder, models/, db/ and database/ at any depth.
  'alembic/versions/',
  'migrations/versions/',
  'versions/',
  'xversions/',
  'versions/a/',
  'app/models/',
  'models/user/',
  'db/',
  'src/database/',
  'dbx/',
  // Rails: db/migrate/ and a second database's db/<name>_migrate/; Laravel: database/migrations/ and below; EF Core: Migrations/ and below.
  'db/migrate/',
  'db/animals_migrate/',
  'db/migrate/old/',
  'app/db/',
  'xdb/',
  'database/migrations/',
  'database/migrations/tenant/',
  'database/migrationsx/',
  'Migrations/',
  'src/Accounts.Infrastructure/Migrations/Postgres/',
  'migrations/',
  'Migrationsx/',
  // MyBatis: any XML below a mapper(s)/, mybatis/ or sqlmap(s)/ folder.
  'src/main/resources/mapper/',
  'mappers/a/',
  'mybatis/',
  'sqlmap/',
  'sqlmaps/',
  'xmapper/',
  'mapperx/',
  'Mapper/',
];

describe('isLintableName', () => {
  it('says what SOURCE_GLOBS minus the never-walked folders and generated YAML say, for every folder and name (and isNeverWalked what those globs say)', () => {
    const disagreements: string[] = [];
    let checked = 0;
    for (const folder of FOLDERS)
      for (const name of NAMES) {
        const file = folder + name;
        if (file === '') continue;
        checked++;
        if (isLintableName(file) !== byGlobs(file)) disagreements.push(`${file}: globs ${byGlobs(file)}`);
        if (neverWalked(file) !== isNeverWalked(file)) disagreements.push(`${file}: never walked by the globs ${isNeverWalked(file)}`);
      }
    expect(disagreements).toEqual([]);
    expect(checked).toBe(FOLDERS.length * NAMES.length - 1);
  });

  it('has a name for every source glob, so a glob added to SOURCE_GLOBS is compared too', () => {
    const paths = FOLDERS.flatMap((folder) => NAMES.map((name) => folder + name));
    const unmatched = SOURCE_GLOBS.filter((glob) => !paths.some(compileGlobs([glob])));
    expect(unmatched).toEqual([]);
  });

  it('reads source names and refuses the rest', () => {
    expect(
      ['src/a.ts', 'db/q.sql', 'config/default.json', 'svc/config/config.json', 'k8s/deploy.yaml', '.env.local', 'changelog.xml'].map(
        isLintableName,
      ),
    ).toEqual([true, true, true, true, true, true, true]);
    expect(
      ['src/a.md', 'default.json', 'node_modules/x/a.ts', 'a/.git/h.yml', 'pnpm-lock.yaml', 'a.d.ts.map', 'src/config.json'].map(
        isLintableName,
      ),
    ).toEqual([false, false, false, false, false, false, false]);
  });
});
