/**
 * Zero-config services: the deployables that keep data, at any depth (`services/x`, `apps/x`,
 * `apps/services/x`, `backend/services/x`, `packages/x`, `stock/` or `x-service/` at the root).
 * A folder is a service when it has its own package.json and evidence of data — a driver or ORM
 * among its dependencies (directly, or through a wrapper package its lock file shows), a Prisma
 * schema, migrations, an ORM config or entities — and is neither a front end nor a library.
 *
 * Folders are real folders: the walk never enters a symbolic link, so `apps/auth -> services/auth`
 * yields one service, rooted where its files are read.
 *
 * Workspaces with one package.json at the root declare their deployables elsewhere: Nest CLI's
 * monorepo mode (`nest-cli.json` `projects` of `"type": "application"`) and Nx (`project.json` with
 * `"projectType": "application"`). Such an application folder is a service when its own files keep
 * data (migrations, a Prisma schema, an ORM config, entities, SQL files): the root's dependencies
 * are every application's, so they say nothing about which one keeps data.
 */
import { withoutTrailingSlashes } from '../io/repository-paths.js';
import path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { DEFAULT_IGNORED_DIRS, folderGlob, isInIgnoredDir } from '../discovery/discover.js';
import { walkFiles } from '../io/walk-files.js';
import { driverEngine, isDataPackage, isFrontEndPackage, packageOfSpecifier } from '../analysis/database-packages.js';
import type { PackageManifest } from '../analysis/package-manifest.js';
import { FileAccessError } from '../io/file-access-error.js';
import { foldersOf, readTreeText, readTreeTextIfReadable } from '../io/source-tree.js';
import { fileKindOf } from '../discovery/file-kind.js';
import { parseEnvFile } from '../analysis/env.js';
import { parseWranglerConfig } from '../analysis/wrangler-config.js';
import { CONNECTS, LISTENS, codeOpensConnection } from '../analysis/opens-connection.js';
import { isDatabaseUrlKey } from './database-settings.js';
import type { PackageIndex } from './packages.js';
import { isCodeMigration, isMigrationRunnerModule, migrationFolderMatch } from './migrations.js';
import { isTestFile } from './paths.js';
import { ALEMBIC_REVISION } from './tool-migrations.js';
import {
  alembicScriptDirectories,
  isAlembicEnv,
  isAlembicIni,
  isAlembicRevisionOf,
  unnamedAlembicScriptDirectories,
} from './alembic-scripts.js';
import { isMigrateConfig, migrateRepositoryId, migrateVersionNumber } from './migrate-repositories.js';
import { isDjangoModelsPath, mayDeclareDjangoModels, parseDjangoModels } from '../analysis/django-models.js';
import { resolvedSchemaPaths, SQLC_CONFIG_NAMES, sqlcSchemaPaths } from './sqlc-schema.js';
import { deployableFolders, describeDeployable, isServerlessMark, type DeployableMark } from './folder-deployables.js';
import { EGG_INFO_METADATA } from './egg-info.js';
import { transitiveDrivers, workspaceGraph, type WorkspaceGraph } from './transitive-drivers.js';
import { workspacePackages } from './workspace-packages.js';
import { isSupabaseClient, supabaseProjects } from './supabase-project.js';
import { isMoleculerProject, moleculerServices, type DatabaseArgument } from './moleculer-services.js';

/** Why a folder counts as keeping data. */
export type ServiceEvidence =
  | { kind: 'dependency'; package: string }
  | { kind: 'lock-file'; file: string; chain: string[] }
  /** A driver a workspace package depends on (`@shop/common → pg`); `file` is the package.json naming the driver. */
  | { kind: 'workspace-package'; file: string; chain: string[] }
  /** A driver or ORM only a package.json above declares (`manifest`), which the folder's code imports (`file`) and connects with. */
  | { kind: 'hoisted-dependency'; package: string; manifest: string; file: string }
  | { kind: 'prisma-schema'; file: string }
  | { kind: 'migrations'; folder: string; files: number }
  /** A Liquibase changelog (`db/changelog/db.changelog-master.yaml`): its changeSets are the folder's migrations. */
  | { kind: 'liquibase-changelog'; file: string }
  /** Alembic revisions (`alembic/versions/0001_users.py`, Flask-Migrate's `migrations/versions/`): a Python service's migrations. */
  | { kind: 'alembic-migrations'; folder: string; files: number }
  /** A sqlalchemy-migrate repository (`migrate.cfg` naming `repository`) and its `versions/` (`folder`): a Python service's migrations. */
  | { kind: 'migrate-repository'; folder: string; files: number; repository: string }
  /** SQLAlchemy / SQLModel models (`file`) that the program's `create_all` (in `creator`) creates: a Python service without Alembic. */
  | { kind: 'python-models'; file: string; creator: string }
  /**
   * Django models (`file`) of a Django project (`project`: its `manage.py`, or the egg-info `PKG-INFO` of an app shipped as
   * a distribution) that commits no migrations: `migrate` makes them.
   */
  | { kind: 'django-models'; file: string; project: string }
  | { kind: 'orm-config'; file: string }
  | { kind: 'entities'; files: number }
  /**
   * A NocoBase plugin's collections (`src/server/collections/users.ts`: `defineCollection({ name: 'users', … })`), which
   * the app syncs to tables of its database: the plugin's schema, in a package naming `@nocobase/server` or `@nocobase/database`.
   */
  | { kind: 'nocobase-collections'; folder: string; files: number }
  /** Drizzle table declarations (`mysqlTable('t', …)`) in `file`, in an application whose code opens a connection. */
  | { kind: 'drizzle-schema'; file: string }
  | { kind: 'sql-files'; files: number }
  | { kind: 'workspace-project'; file: string }
  | { kind: 'deployable'; mark: DeployableMark }
  | { kind: 'supabase-project'; file: string; clients: string[]; tool?: 'hasura'; rootApp?: string[] }
  | { kind: 'moleculer-service'; project: string; name: string }
  | {
      kind: 'data-package-users';
      package: string;
      users: string[];
      /**
       * A migrations-only package nothing depends on (graphile-migrate's `.gmrc` + `migrations/committed/`): the one
       * database setting of the repository's root env file (`DATABASE_URL` in `.env.example`) that it and its users share.
       */
      setting?: { file: string; key: string };
    }
  /** The folder's one package sits below it (`services/orders/api`), its data beside that package (`services/orders/db/migrations`). */
  | { kind: 'package-below'; package: string }
  /** The schema files or folders outside the service that its sqlc config (`file`) compiles its queries against. */
  | { kind: 'sqlc-schema'; file: string; paths: string[] }
  /** A Cloudflare Worker's wrangler config (`file`) binding D1 databases (`[[d1_databases]]`), by their `database_name`s. */
  | { kind: 'd1-binding'; file: string; databases: string[] }
  /**
   * A folder below the repository root whose package.json declares workspaces (`services/billing` with `api/`, `worker/`)
   * and that keeps data beside its packages (its migrations): one service, its packages' processes included.
   */
  | { kind: 'workspace-service'; file: string; members: string[] }
  /**
   * Data the repository keeps at its root for its apps (a root Prisma schema, a root knexfile's migrations), which
   * `clients` (apps without data of their own) reach: one application on one database, as a data package is.
   */
  | { kind: 'root-data'; file: string; clients: string[] }
  /**
   * The repository's one package (`package.json` at the root: no workspaces, no workspace tool's file beside it, no
   * application declared) with a driver or ORM among its `dependencies`, when no folder below is a service: the app itself.
   */
  | { kind: 'root-package'; file: string }
  /** Migrations in a folder outside every service named like this one (`migrations/scheduling/` for `scheduling-service`). */
  | { kind: 'named-migrations'; folder: string; files: number }
  /**
   * A folder named like a library (`services/core`) that is deployed and keeps data or connects itself: the signs that
   * outweigh its name (none listed for a workspace application or a deployable without package.json, which are deployed by what marks them).
   */
  | { kind: 'named-like-library'; signs: string[] };

export interface DiscoveredService {
  name: string;
  /** Repo-relative real folder. */
  root: string;
  /**
   * Folders of the packages that reach the database only through this one (a data package such as
   * Turborepo's `packages/db` and the apps depending on it): one application, one database by design.
   */
  clientRoots?: string[];
  evidence: ServiceEvidence[];
  /** Literals the service passes to a mixin factory (Moleculer's `DbMixin("orders_db")`): database candidates. */
  databaseArguments?: DatabaseArgument[];
  /** The folder of the service's package.json when it is below the root (a root widened to the package's parent). */
  packageRoot?: string;
  /**
   * Migration folders outside every service root that are named like this service and no other
   * (`migrations/scheduling/` for `scheduling-service`, the audit's recommended layout): its migrations.
   */
  migrationFolders?: string[];
  /**
   * Schema files or folders outside every service root that this service's sqlc config, and no other service's, names
   * (`schema: ../../db/schema/inventory.sql`): its files, as its roots are.
   */
  schemaRoots?: string[];
}

export interface RejectedFolder {
  root: string;
  reason: string;
}

export interface ServiceDiscovery {
  services: DiscoveredService[];
  /** Folders with a package.json that are not services, and why (init prints them). */
  rejected: RejectedFolder[];
}

/** How deep package.json files are looked for (`apps/services/orders` is 3). */
const MAX_DEPTH = 6;

const ORM_CONFIG =
  /^(?:(?:knexfile|ormconfig|drizzle\.config|mikro-orm\.config|(?:[\w-]+[.-])?data-?source)\.[cm]?[jt]s|ormconfig\.(?:json|ya?ml))$/i;
const ENTITY_FILE = /(?:\.entity\.[cm]?[jt]s$|(?:^|\/)entit(?:y|ies)\/[^/]+\.[cm]?[jt]s$)/i;
const SCRIPT = /\.[cm]?[jt]sx?$/i;
/** An SQL file, whatever the case of its extension (`V1__init.SQL`). */
const SQL_FILE = /\.sql$/i;
const TEST_FILE = /(?:^|\/)(?:__tests__|__mocks__|tests?|e2e)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/i;

/** Folder names of libraries: shared code, tooling, tests, UI kits. */
const LIBRARY_NAME =
  /^(?:shared|common|core|libs?|utils?|types|typings|configs?|helpers?|sdk|tooling|tools|scripts|e2e|tests?|testing|docs?|ui|design-system|eslint-config|tsconfig)$|^shared[-_]|[-_](?:shared|common|utils?|libs?|sdk|types|helpers?|client|config)$/i;
/** Evidence that a folder keeps its data's schema itself (loose `.sql` files are no such sign: seeds, fixtures, tooling hold them too). */
const OWN_SCHEMA: ReadonlySet<ServiceEvidence['kind']> = new Set([
  'prisma-schema',
  'migrations',
  'nocobase-collections',
  'liquibase-changelog',
  'alembic-migrations',
  'migrate-repository',
  'orm-config',
]);
/** Scripts that run a process: a package with one is deployed, not only imported. */
const RUN_SCRIPT = /^(?:start|start:prod|start:dev|serve|server)$/;
/**
 * The script that runs the package as a process: a run script, unless it only runs a file of its tests (a plugin's
 * dev server) or only compiles the package (`"start": "tsc --watch"`, a library's rebuild-on-change).
 */
const runScript = (manifest: PackageManifest): string | undefined =>
  manifest.scripts.find((s) => RUN_SCRIPT.test(s) && !manifest.testServerScripts?.includes(s) && !manifest.compileScripts?.includes(s));
/** An entry point that runs a process (`src/main.ts`, `server.js`): a barrel `index.ts` is no such sign. */
const MAIN_FILE = /^(?:src\/)?(?:main|server|app|worker|bootstrap)\.[cm]?[jt]s$/i;
/** Folders that hold packages to import (Nx `libs/`, `packages/`). */
const LIBRARY_PARENT = /^(?:libs?|packages)$/i;
/** Evidence that the folder keeps data itself, beyond depending on a driver or defining entities. */
const OWN_DATA: ReadonlySet<ServiceEvidence['kind']> = new Set([
  'prisma-schema',
  'migrations',
  'nocobase-collections',
  'liquibase-changelog',
  'alembic-migrations',
  'migrate-repository',
  'python-models',
  'django-models',
  'orm-config',
  'sql-files',
  'd1-binding',
]);
/**
 * A CI service's folder (`.github/workflows/changelog.yml`, a workflow that checks a pull request's changelog entry; GitLab's
 * and CircleCI's likewise): its YAML configures the CI, never a database.
 */
const CI_FOLDER = /(?:^|\/)\.(?:github|gitlab|circleci|buildkite)\//i;
/**
 * A Liquibase changelog as projects name it (`db.changelog-master.yaml`, `changelog.xml`), or a changelog file in a `changelog/` or
 * `liquibase/` folder; never one in a CI service's folder (HELDOUT15 #11).
 */
function isLiquibaseChangelogPath(file: string): boolean {
  const name = base(file).toLowerCase();
  if (!/\.(?:ya?ml|xml|json)$/.test(name) || !name.includes('changelog') || CI_FOLDER.test(file)) return false;
  return (
    name.startsWith('db.changelog') || /^changelog(?:[-.]master)?\.[a-z]+$/.test(name) || /(?:^|\/)(?:changelogs?|liquibase)\//i.test(file)
  );
}
/**
 * Module specifiers of `import … from 'x'`, `import 'x'`, `require('x')`, `import('x')`, read from the text.
 * `^[ \t]*`, not `^\s*`: each line has its own `^`, and `\s*` ran from every line start over all the
 * blank lines after it (quadratic on a file of newlines).
 */
export const IMPORTED = /\bfrom\s*(['"])([^'"\n]+)\1|\b(?:require|import)\s*\(\s*(['"])([^'"\n]+)\3|^[ \t]*import\s*(['"])([^'"\n]+)\5/gm;
/** How many of a candidate library's files are read for a connection (libraries are small; a huge one is read in part). */
const MAX_FILES_READ = 200;
const MAX_FILE_BYTES = 512 * 1024;

/** The files discovery listed: `files` to read (ignores applied), `listed` every file of any kind (git's list, or the walk). */
export interface ListedFiles {
  files: readonly string[];
  listed?: readonly string[];
}

/**
 * Finds the services of the repository at `cwd`. Their package.json files come from `listed`
 * (what git tracks, so a committed build copy under an ignored folder is no candidate), or from a
 * walk when it is absent; `files` are the source files discovery found (real paths, ignores
 * applied), the evidence of migrations, schemas and entities. `ignores` are the config's globs.
 */
export function discoverServices(cwd: string, given: ListedFiles, packages: PackageIndex, ignores: string[] = []): ServiceDiscovery {
  // Walked once when git lists nothing: manifests, workspace files and deployables all come from it.
  const listing = { ...given, listed: listedFiles(cwd, given) };
  // A marker (`{"type": "commonjs"}` in dist/migrations/) is no package: its folder's files are the package's above.
  const manifests = packageManifests(cwd, listing, ignores).filter((file) => !packages.isMarker(path.posix.dirname(file)));
  const files = listing.files;
  const roots = manifests.map((file) => path.posix.dirname(file));
  // Applications of a Nest / Nx workspace that have no package.json of their own.
  const projects = workspaceApplications(cwd, listing, packages, ignores).filter((p) => !roots.includes(p.root));
  const rootSet = new Set([...roots, ...projects.map((p) => p.root)]);

  // Each source file belongs to the nearest folder with a package.json above it.
  const filesOf = new Map<string, string[]>([...rootSet].map((root) => [root, []]));
  for (const file of files) {
    for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) {
      if (rootSet.has(dir)) {
        filesOf.get(dir)!.push(file.slice(dir.length + 1));
        break;
      }
    }
  }

  const read = new Map<string, PackageManifest>();
  const rejected: RejectedFolder[] = [];
  const unparsed = new Map<string, string>();
  for (const root of roots) {
    const manifest = packages.manifest(root);
    if (!manifest) continue; // a link or a vanished file: nothing to read
    if (manifest.ok) read.set(root, manifest.manifest);
    // A package.json a merge conflict broke still marks a deployable: its own migrations, schema or driver imports decide.
    else if (manifest.notJson) unparsed.set(root, manifest.reason);
    else rejected.push({ root, reason: manifest.reason });
  }
  const workspaces = workspaceGraph(workspacePackages(manifests, packages), packages);
  const nxLibsDir = nxLibraryFolder(packages, listing.listed);
  const rootManifest = packages.manifest('');
  // Packages other packages depend on are libraries, unless they also run as a process.
  const dependedOn = new Set<string>();
  // Named in some package's `dependencies`: what that package runs as part of itself. A devDependency (built into the
  // dependent's bundle, or its tests') or a peerDependency (the application hosting the dependent brings it) is not.
  const runtimeDependedOn = new Set<string>();
  for (const manifest of [...read.values(), ...(rootManifest?.ok ? [rootManifest.manifest] : [])]) {
    for (const dep of [...manifest.dependencies, ...manifest.otherDependencies]) dependedOn.add(dep);
    for (const dep of manifest.dependencies) runtimeDependedOn.add(dep);
  }

  const accepted: Array<{
    root: string;
    name?: string;
    clientRoots?: string[];
    evidence: ServiceEvidence[];
    databaseArguments?: DatabaseArgument[];
    /** Accepted by its own package.json (the only kind whose root may widen to its parent). */
    byManifest?: true;
    packageRoot?: string;
  }> = [];
  const dataPackages: Array<{ root: string; name: string; evidence: ServiceEvidence[]; reason: string }> = [];
  for (const [root, reason] of unparsed) {
    const verdict = classify(root, NO_MANIFEST, filesOf.get(root) ?? [], {
      packages,
      dependedOn,
      runtimeDependedOn,
      workspaces,
      nxLibsDir,
    });
    if ('reason' in verdict || 'dataPackage' in verdict) rejected.push({ root, reason });
    else accepted.push({ root, evidence: verdict.evidence, byManifest: true });
  }
  for (const [root, manifest] of read) {
    const verdict = classify(root, manifest, filesOf.get(root) ?? [], { packages, dependedOn, runtimeDependedOn, workspaces, nxLibsDir });
    if ('dataPackage' in verdict)
      dataPackages.push({ root, name: verdict.dataPackage, evidence: verdict.evidence, reason: verdict.reason });
    else if ('reason' in verdict) rejected.push({ root, reason: verdict.reason });
    else accepted.push({ root, evidence: verdict.evidence, byManifest: true });
  }
  for (const data of dataPackages) {
    // The packages that depend on it: when none of them keeps data of its own, they all reach the
    // database through it — one application whose data package owns the schema, not services.
    const users = [...read].filter(([, m]) => [...m.dependencies, ...m.otherDependencies].includes(data.name)).map(([root]) => root);
    // A user whose only data is the driver this package brings, or a query builder or ORM with no driver of its own
    // (@cumulus/api's knex, on @cumulus/db's `pg`), is its client: it keeps no schema and opens no connection itself.
    // A driver of its own (`pg`) is a connection of its own: that user is a service, and this package a library.
    // So is one whose driver is that of the Prisma driver adapter it builds the package's Prisma client with (Turborepo
    // with-prisma on Prisma 7: `pg` beside `@prisma/adapter-pg`, `new PrismaPg(…)` handed to the package's PrismaClient).
    const prismaData = data.evidence.some((e) => e.kind === 'prisma-schema');
    const client = (a: (typeof accepted)[number]) =>
      a.evidence.every((e) =>
        e.kind === 'dependency'
          ? driverEngine(e.package) === undefined || (prismaData && adaptsPrisma(read.get(a.root), e.package))
          : (e.kind === 'lock-file' || e.kind === 'workspace-package') && e.chain[0] === data.name,
      );
    const services = accepted.filter((a) => users.includes(a.root) && !client(a));
    if (services.length > 0) {
      // A user connecting itself (a driver of its own) with no schema of its own keeps its data in this package's
      // schema: the package is its library. When every such user has a schema of its own (bsky's migrations beside
      // @atproto/pds's) or reaches data only through other packages (dev-env), the package's own migrations make its
      // own tables: a service, their owner, however many depend on it (HELDOUT14 #3).
      const ownsItsTables = data.evidence.some((e) => OWN_SCHEMA.has(e.kind)) && !services.some(usesSchemaOf);
      if (ownsItsTables) accepted.push({ root: data.root, evidence: data.evidence, byManifest: true });
      else rejected.push({ root: data.root, reason: data.reason });
      continue;
    }
    for (let i = accepted.length - 1; i >= 0; i--) if (users.includes(accepted[i].root)) accepted.splice(i, 1);
    const clientRoots = users.filter((root) => root !== data.root && !dataPackages.some((d) => d.root === root)).sort();
    for (let i = rejected.length - 1; i >= 0; i--) if (clientRoots.includes(rejected[i].root)) rejected.splice(i, 1);
    accepted.push({
      root: data.root,
      clientRoots,
      evidence: [...data.evidence, { kind: 'data-package-users', package: data.name, users: clientRoots }],
    });
  }
  // Nx / Nest applications without data of their own: a Supabase project's clients when their code reaches its database.
  const datalessProjects: string[] = [];
  for (const project of projects) {
    const verdict = classifyProject(project, filesOf.get(project.root) ?? [], packages);
    if ('reason' in verdict) rejected.push({ root: project.root, reason: verdict.reason });
    else accepted.push({ root: project.root, evidence: verdict.evidence });
    if ('dataless' in verdict) datalessProjects.push(project.root);
  }
  for (const verdict of deployableFolders(listing.listed, rootSet, packages)) {
    if ('reason' in verdict) rejected.push(verdict);
    else {
      const { root } = verdict.deployable;
      const own = files.filter((f) => f.startsWith(`${root}/`)).map((f) => f.slice(root.length + 1));
      const listedOwn = listing.listed.filter((f) => f.startsWith(`${root}/`)).map((f) => f.slice(root.length + 1));
      const result = classifyDeployable(verdict.deployable, own, packages, listedOwn);
      if ('reason' in result) rejected.push({ root, reason: result.reason });
      else accepted.push({ root, evidence: result.evidence });
    }
  }
  const rootData = repositoryRootData(files, packages, [...rootSet, ...accepted.map((a) => a.root)]);
  if (rootData) {
    // Its clients: the apps whose only data is a driver or ORM dependency (their schema and migrations are the root's).
    const clients = accepted.filter((a) => !a.clientRoots && a.byManifest && a.evidence.every((e) => CLIENT_EVIDENCE.has(e.kind)));
    if (clients.length > 0) {
      for (const client of clients) accepted.splice(accepted.indexOf(client), 1);
      const clientRoots = clients.map((c) => c.root).sort();
      const own = files.filter((f) => f.startsWith(`${rootData.folder}/`)).map((f) => f.slice(rootData.folder.length + 1));
      const rootName = rootManifest?.ok ? rootManifest.manifest.name?.replace(/^@[^/]+\//, '') : undefined;
      const taken = new Set(accepted.map((a) => a.name ?? path.posix.basename(a.root)));
      accepted.push({
        root: rootData.folder,
        ...(rootName && /^[\w.-]+$/.test(rootName) && !taken.has(rootName) ? { name: rootName } : {}),
        clientRoots,
        evidence: [{ kind: 'root-data', file: rootData.file, clients: clientRoots }, ...fileEvidence(rootData.folder, own)],
      });
    }
  }
  for (const project of supabaseProjects(listing.listed, files, [...rootSet, ...accepted.map((a) => a.root)])) {
    // Its clients: the services without data of their own, and the packages using Supabase's client.
    const noData = accepted.filter((a) => !a.clientRoots && a.evidence.every((e) => e.kind === 'dependency' || e.kind === 'lock-file'));
    const keepsData = new Set(accepted.filter((a) => !noData.includes(a)).map((a) => a.root));
    const supabaseUsers = [...read]
      .filter(() => project.tool === 'supabase')
      .filter(([root, m]) => !keepsData.has(root) && [...m.dependencies, ...m.otherDependencies].some(isSupabaseClient))
      .map(([root]) => root);
    // Applications without a package.json (Nx's project.json) show their use of the database in their code alone.
    const projectUsers =
      project.tool === 'supabase' ? datalessProjects.filter((root) => importsDatabaseClient(packages, root, filesOf.get(root) ?? [])) : [];
    // The root package when it is the app (no workspaces, no applications declared): the folders of its code no package holds.
    const rootApp =
      project.tool === 'supabase' && projects.length === 0 && rootManifest?.ok && isRootApp(rootManifest.manifest, listing.listed)
        ? rootAppFolders(files, [...rootSet, ...accepted.map((a) => a.root), project.root])
        : [];
    const clients = [...new Set([...noData.map((a) => a.root), ...supabaseUsers, ...projectUsers, ...rootApp])].sort();
    for (let i = accepted.length - 1; i >= 0; i--) if (clients.includes(accepted[i].root)) accepted.splice(i, 1);
    for (let i = rejected.length - 1; i >= 0; i--) if (clients.includes(rejected[i].root)) rejected.splice(i, 1);
    const own = files.filter((f) => f.startsWith(`${project.root}/`)).map((f) => f.slice(project.root.length + 1));
    accepted.push({
      root: project.root,
      clientRoots: clients,
      evidence: [
        {
          kind: 'supabase-project',
          file: project.config,
          clients,
          ...(project.tool === 'hasura' ? { tool: project.tool } : {}),
          ...(rootApp.length > 0 ? { rootApp } : {}),
        },
        ...fileEvidence(project.root, own),
      ],
    });
  }
  // A Moleculer project's services are its service files: the package holding them is none.
  const packageFolders = [...(rootManifest?.ok ? [['', rootManifest.manifest] as const] : []), ...read];
  for (const [folder, manifest] of packageFolders) {
    if (!isMoleculerProject(manifest, folder, listing.listed)) continue;
    const found = moleculerServices(folder, files, packages);
    if (found.length === 0) continue;
    for (let i = accepted.length - 1; i >= 0; i--) if (accepted[i].root === folder) accepted.splice(i, 1);
    for (let i = rejected.length - 1; i >= 0; i--) if (rejected[i].root === folder) rejected.splice(i, 1);
    for (const service of found)
      accepted.push({
        root: service.file,
        name: service.name,
        evidence: [{ kind: 'moleculer-service', project: folder ? `${folder}/package.json` : 'package.json', name: service.name }],
        ...(service.databaseArguments.length > 0 ? { databaseArguments: service.databaseArguments } : {}),
      });
  }
  // A one-package repository (cnpmjs.org: `sequelize` and `mysql` in the root package.json, its models and SQL beside it):
  // the root package is the deployable when no folder below is a service.
  if (accepted.length === 0 && projects.length === 0 && rootManifest?.ok) {
    const own = files.filter((f) => ![...rootSet].some((root) => f.startsWith(`${root}/`)));
    const verdict = classifyRootPackage(rootManifest.manifest, own, listing.listed, packages);
    if (verdict && 'reason' in verdict) rejected.push({ root: '.', reason: verdict.reason });
    else if (verdict) {
      const rootName = rootManifest.manifest.name?.replace(/^@[^/]+\//, '');
      accepted.push({ root: '.', name: rootName && /^[\w.-]+$/.test(rootName) ? rootName : 'app', evidence: verdict.evidence });
    }
  }
  absorbWorkspaceMembers(accepted);
  for (const service of accepted) {
    if (!service.byManifest || service.clientRoots) continue;
    const parent = path.posix.dirname(service.root);
    const others = [...rootSet, ...accepted.map((a) => a.root)].filter((r) => r !== service.root);
    const widened = widenedRoot(service.root, parent, others, files, packages);
    if (!widened) continue;
    service.packageRoot = service.root;
    service.root = parent;
    service.evidence = [...service.evidence, { kind: 'package-below', package: service.packageRoot }, ...widened];
  }
  // A migrations package with a folder per service (packages/db-migrations/migrations/<service>/) is theirs, no service.
  for (const tooling of migrationPackages(accepted, files)) {
    accepted.splice(accepted.indexOf(tooling), 1);
    rejected.push({
      root: tooling.root,
      reason: 'a migrations package whose folders are named after the services: each folder is the migrations of its service',
    });
  }
  const shared = sharedSettingMigrations(accepted, read, dependedOn, files, packages);
  if (shared) {
    const { data, clients, setting } = shared;
    for (const client of clients) accepted.splice(accepted.indexOf(client), 1);
    data.clientRoots = clients.map((c) => c.root).sort();
    data.evidence = [...data.evidence, { kind: 'data-package-users', package: shared.name, users: data.clientRoots, setting }];
  }
  const schemas = sqlcSchemas(accepted, files, packages);
  const names = serviceNames(accepted.map((a) => a.root));
  const named = namedMigrationFolders(
    accepted.map((a, i) => ({ name: a.name ?? names[i], roots: [a.root, ...(a.clientRoots ?? [])] })),
    files,
  );
  return {
    services: accepted.map((a, i) => {
      const folders = named.get(i);
      const schema = schemas.get(i);
      const evidence = folders ? [...a.evidence, ...folders.map((f) => ({ kind: 'named-migrations' as const, ...f }))] : a.evidence;
      return {
        name: a.name ?? names[i],
        root: a.root,
        ...(a.clientRoots && a.clientRoots.length > 0 ? { clientRoots: a.clientRoots } : {}),
        evidence: schema ? [...evidence, { kind: 'sqlc-schema' as const, ...schema }] : evidence,
        ...(schema ? { schemaRoots: schema.paths } : {}),
        ...(a.databaseArguments ? { databaseArguments: a.databaseArguments } : {}),
        ...(a.packageRoot ? { packageRoot: a.packageRoot } : {}),
        ...(folders ? { migrationFolders: folders.map((f) => f.folder) } : {}),
      };
    }),
    rejected: rejected.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0)),
  };
}

/**
 * A service that is a workspace of its own takes in the services found among its packages (its api and worker
 * processes), unless one keeps data of its own (migrations, a schema): that one stays a service, inside it.
 */
function absorbWorkspaceMembers(accepted: Array<{ root: string; evidence: ServiceEvidence[] }>): void {
  for (const workspace of accepted.filter((a) => a.evidence[0]?.kind === 'workspace-service')) {
    const members = accepted.filter(
      (a) => a !== workspace && a.root.startsWith(`${workspace.root}/`) && !a.evidence.some((e) => OWN_DATA.has(e.kind)),
    );
    for (const member of members) accepted.splice(accepted.indexOf(member), 1);
    const [mark, ...rest] = workspace.evidence;
    if (mark.kind !== 'workspace-service') continue;
    workspace.evidence = [{ ...mark, members: members.map((m) => m.root).sort() }, ...rest];
  }
}

/**
 * A migrations-only package (graphile-migrate's `.gmrc` + `migrations/committed/*.sql`, node-pg-migrate's `migrations/`: no
 * code outside its migrations, no runner) that no package depends on, beside packages whose only data is a driver or ORM,
 * when they all connect through the one database setting at the top of the repository (a `DATABASE_URL` in the root
 * `.env` / `.env.example` and no env file in any of their folders): the data package of one application, as the Graphile
 * Starter's `@app/db` is for `@app/server` and `@app/worker`. Any other package keeping data of its own, a second
 * migrations package, an env file of a package's own or no root database setting: no join.
 */
function sharedSettingMigrations<T extends { root: string; evidence: ServiceEvidence[]; byManifest?: true; clientRoots?: string[] }>(
  accepted: readonly T[],
  read: ReadonlyMap<string, PackageManifest>,
  dependedOn: ReadonlySet<string>,
  files: readonly string[],
  packages: PackageIndex,
): { data: T; name: string; clients: T[]; setting: { file: string; key: string } } | undefined {
  const keepsData = accepted.filter((a) => !a.evidence.every((e) => CLIENT_EVIDENCE.has(e.kind)));
  if (keepsData.length !== 1) return undefined;
  const data = keepsData[0];
  const manifest = read.get(data.root);
  if (!data.byManifest || data.clientRoots || !manifest?.name || dependedOn.has(manifest.name)) return undefined;
  if (!data.evidence.some((e) => e.kind === 'migrations')) return undefined;
  const own = files.filter((f) => f.startsWith(`${data.root}/`)).map((f) => f.slice(data.root.length + 1));
  if (own.some((f) => SCRIPT.test(f) && !migrationFolderMatch(f))) return undefined;
  const clients = accepted.filter((a) => a !== data);
  if (clients.length === 0 || clients.some((c) => !c.byManifest || c.clientRoots)) return undefined;
  const isEnv = (f: string) => fileKindOf(f) === 'env';
  if ([data, ...clients].some((a) => files.some((f) => f.startsWith(`${a.root}/`) && isEnv(f)))) return undefined;
  for (const file of files.filter((f) => !f.includes('/') && isEnv(f) && !/^\.env\.test(?:\.|$)/.test(f)).sort()) {
    const text = readTreeTextIfReadable(packages.tree, file, MAX_FILE_BYTES);
    const key = text === undefined ? undefined : parseEnvFile(text).find((e) => isDatabaseUrlKey(e.key))?.key;
    if (key !== undefined) return { data, name: manifest.name, clients: [...clients], setting: { file, key } };
  }
  return undefined;
}

/** What an app that reaches a database only through data kept elsewhere shows of it: a driver or ORM, no schema or migrations. */
const CLIENT_EVIDENCE: ReadonlySet<ServiceEvidence['kind']> = new Set([
  'dependency',
  'lock-file',
  'workspace-package',
  'hoisted-dependency',
]);

const KNEXFILE = /^knexfile\.[cm]?[jt]s$/;

/**
 * The data a repository keeps at its root for its apps, outside every package: the Prisma schema the root
 * package.json names (`"prisma": { "schema": "prisma/schema.prisma" }`) or `prisma/schema.prisma` (the layout
 * `prisma init` creates), else the migrations folder of a root knexfile (`migrations.directory: './db/migrations'`,
 * `migrations` by default). Returns the top folder holding it, which no package or service holds.
 */
function repositoryRootData(
  files: readonly string[],
  packages: PackageIndex,
  taken: readonly string[],
): { folder: string; file: string } | undefined {
  const free = (folder: string) =>
    folder !== '' &&
    folder !== '.' &&
    !taken.some((root) => root === folder || root.startsWith(`${folder}/`) || folder.startsWith(`${root}/`));
  const holds = (folder: string) => files.some((f) => f.startsWith(`${folder}/`));
  const rootText = readRootText(packages, 'package.json');
  let schema: string | undefined;
  if (rootText !== undefined) {
    const value: unknown = parseJsonc(rootText, [], { allowTrailingComma: true });
    const prisma = isObject(value) && isObject(value.prisma) ? value.prisma.schema : undefined;
    if (typeof prisma === 'string') schema = path.posix.normalize(prisma.replace(/^\.\//, ''));
  }
  schema ??= files.includes('prisma/schema.prisma') ? 'prisma/schema.prisma' : undefined;
  if (schema && !schema.startsWith('..') && files.some((f) => f === schema || f.startsWith(`${schema}/`))) {
    const folder = schema.split('/')[0];
    if (schema.includes('/') && free(folder)) return { folder, file: schema };
  }
  const knexfile = files.find((f) => KNEXFILE.test(f));
  if (knexfile) {
    const text = readRootText(packages, knexfile) ?? '';
    const directory = /\bdirectory\s*:\s*['"`]([^'"`\n]+)['"`]/.exec(text)?.[1];
    const migrations = path.posix.normalize((directory ?? 'migrations').replace(/^\.\//, ''));
    const folder = migrations.split('/')[0];
    if (!migrations.startsWith('..') && free(folder) && holds(migrations)) return { folder, file: knexfile };
  }
  return undefined;
}

function readRootText(packages: PackageIndex, file: string): string | undefined {
  return readTreeTextIfReadable(packages.tree, file, MAX_FILE_BYTES);
}

/** `scheduling` for `scheduling-service`, `scheduling_svc`, `Scheduling`: a name without its service suffix. */
export function serviceStem(name: string): string {
  return name
    .toLowerCase()
    .replace(/[-_.]?(?:service|svc|srv)$/, '')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The audit's recommended layout keeps each service's migrations in a root folder named after it
 * (`migrations/scheduling/V1__appointments.sql` + `flyway.conf` for `microservices/scheduling-service`).
 * A migration file outside every service root belongs to the service its nearest folder is named
 * like, without the `-service` suffix (or with `-svc`, `_service`…), when exactly one service has
 * that name; a folder named like two services, or like none, gives its files to no service.
 * Returns, per index of `services`, the folders and how many migration files each holds.
 */
function namedMigrationFolders(
  services: ReadonlyArray<{ name: string; roots: readonly string[] }>,
  files: readonly string[],
): Map<number, Array<{ folder: string; files: number }>> {
  const byStem = new Map<string, number[]>();
  services.forEach((service, index) => {
    const stem = serviceStem(service.name);
    if (stem !== '') byStem.set(stem, [...(byStem.get(stem) ?? []), index]);
  });
  const inRoot = (file: string) => services.some((s) => s.roots.some((root) => root === '.' || file.startsWith(`${root}/`)));
  const counts = new Map<string, { index: number; files: number }>();
  for (const file of files) {
    if (!(SQL_FILE.test(file) || SCRIPT.test(file)) || !migrationFolderMatch(file) || inRoot(file)) continue;
    for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) {
      const matches = byStem.get(serviceStem(path.posix.basename(dir)));
      if (!matches) continue;
      if (matches.length === 1) {
        const entry = counts.get(dir) ?? { index: matches[0], files: 0 };
        entry.files++;
        counts.set(dir, entry);
      }
      break;
    }
  }
  const out = new Map<number, Array<{ folder: string; files: number }>>();
  for (const [folder, { index, files: count }] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    out.set(index, [...(out.get(index) ?? []), { folder, files: count }]);
  return out;
}

/**
 * Per index of `accepted`, the schema paths outside every service root that its sqlc config names (sqlc-schema.ts), when
 * no other service's config names them too: a schema file several services compile against belongs to none of them.
 */
function sqlcSchemas(
  accepted: ReadonlyArray<{ root: string; clientRoots?: string[] }>,
  files: readonly string[],
  packages: PackageIndex,
): Map<number, { file: string; paths: string[] }> {
  const roots = accepted.flatMap((a) => [a.root, ...(a.clientRoots ?? [])]);
  const inSomeRoot = (p: string) => roots.some((root) => root === '' || root === '.' || p === root || p.startsWith(`${root}/`));
  const named = new Map<number, { file: string; paths: string[] }>();
  const namers = new Map<string, number>();
  accepted.forEach((a, index) => {
    for (const name of SQLC_CONFIG_NAMES) {
      const file = a.root === '' || a.root === '.' ? name : `${a.root}/${name}`;
      if (packages.tree.entry(file) !== 'file') continue;
      const text = readRootText(packages, file);
      if (text === undefined) continue;
      const paths = resolvedSchemaPaths(path.posix.dirname(file), sqlcSchemaPaths(name, text), files).filter((p) => !inSomeRoot(p));
      if (paths.length === 0) continue;
      named.set(index, { file, paths });
      for (const p of paths) namers.set(p, (namers.get(p) ?? 0) + 1);
      break;
    }
  });
  const out = new Map<number, { file: string; paths: string[] }>();
  for (const [index, found] of named) {
    const paths = found.paths.filter((p) => namers.get(p) === 1);
    if (paths.length > 0) out.set(index, { file: found.file, paths });
  }
  return out;
}

/**
 * Packages that only keep other services' migrations: every migration file of the package lies in a
 * folder named like exactly one other service (`packages/db-migrations/migrations/orders/`, run with
 * `node-pg-migrate -m migrations/orders`). The audit's advice — migrations per service — kept in one
 * tooling package; as a service it would own every table and make each service's own queries
 * cross-service. Its folders then go to their services, as a root `migrations/<service>/` does.
 * A package with application code of its own (`src/server.js` next to `db/migrations/`) is a service
 * itself, and the folder names every tool uses for migrations (`db/`, `database/`, `migrations/`)
 * name no service here: a Turborepo data package `packages/db` is the service `db`, and every app
 * keeping its migrations in `db/migrations` or Nest's `src/database/migrations` was given to it (HELDOUT7 #10).
 */
function migrationPackages<T extends { root: string; name?: string }>(accepted: readonly T[], files: readonly string[]): T[] {
  const names = serviceNames(accepted.map((a) => a.root));
  const out: T[] = [];
  for (const candidate of accepted) {
    const root = candidate.root;
    if (root === '.' || root === '') continue;
    const stems = new Map<string, number>();
    accepted.forEach((other, i) => {
      if (other === candidate || other.root.startsWith(`${root}/`)) return;
      const stem = serviceStem(other.name ?? names[i]);
      if (stem !== '') stems.set(stem, (stems.get(stem) ?? 0) + 1);
    });
    const own = files.filter((f) => f.startsWith(`${root}/`));
    if (own.some((f) => isApplicationCode(f.slice(root.length + 1)))) continue;
    // A package named `migrations` puts every path of it in a migration folder: its runner and its knexfile are its tooling.
    const migrations = own.filter(
      (f) =>
        (SQL_FILE.test(f) || SCRIPT.test(f)) &&
        migrationFolderMatch(f) &&
        !isMigrationRunnerModule(f) &&
        !ORM_CONFIG.test(path.posix.basename(f)),
    );
    if (migrations.length === 0) continue;
    const folders = new Set<string>();
    const all = migrations.every((file) => {
      for (let dir = path.posix.dirname(file); dir.length > root.length; dir = path.posix.dirname(dir)) {
        const name = path.posix.basename(dir);
        if (!MIGRATION_FOLDER_NAME.test(name) && stems.get(serviceStem(name)) === 1) return (folders.add(dir), true);
      }
      return false;
    });
    if (all && folders.size > 0) out.push(candidate);
  }
  return out;
}

/** Names every migration tool gives the folder of a service's own migrations: no service's name, whatever the services are called. */
const MIGRATION_FOLDER_NAME = /^(?:db|database|databases|migrations?|migrate|sql|schema)$/i;
/**
 * Application code: a script under the package's source folder, outside its migrations, configs and tests. A runner
 * module (`src/migrate.js` running `knex.migrate.latest()` on `migrations/<service>`) is the tooling's own entry point: a package whose only code it is serves the services its folders are named after.
 */
const SOURCE_FOLDER = /^(?:src|lib|app|server)\//;

function isApplicationCode(file: string): boolean {
  return (
    SOURCE_FOLDER.test(file) &&
    SCRIPT.test(file) &&
    !TEST_FILE.test(file) &&
    !ORM_CONFIG.test(path.posix.basename(file)) &&
    !isMigrationRunnerModule(file) &&
    !migrationFolderMatch(file)
  );
}

/** Folders that hold services side by side: the parent of a lone package there is no deployable of its own. */
const CONTAINER_FOLDER =
  /^(?:services|apps|applications|packages|libs?|modules|projects|backend|frontend|server|src|microservices|functions|workers)$/i;

/**
 * A package one level below its deployable (`services/orders/{api/package.json, db/migrations,
 * Dockerfile}`: compose builds the folder, copies `api/` into the image, mounts `db/migrations`
 * into the service's own database). Rooted at the package, the service's migrations would create
 * tables outside every service and its own queries would be unknown-table. The root widens to the
 * parent when the parent has no package.json, this is the only package or service in it, the
 * parent is not a folder of services (`services/`, `apps/`), and the parent holds data outside the
 * package (migrations, SQL files, a Prisma schema, an ORM config). Returns that data's evidence.
 */
function widenedRoot(
  root: string,
  parent: string,
  others: readonly string[],
  files: readonly string[],
  packages: PackageIndex,
): ServiceEvidence[] | undefined {
  if (parent === '.' || CONTAINER_FOLDER.test(path.posix.basename(parent)) || LIBRARY_NAME.test(path.posix.basename(parent)))
    return undefined;
  if (packages.manifest(parent) !== undefined) return undefined;
  if (others.some((other) => other === parent || other.startsWith(`${parent}/`) || parent.startsWith(`${other}/`))) return undefined;
  const outside = files.filter((f) => f.startsWith(`${parent}/`) && !f.startsWith(`${root}/`)).map((f) => f.slice(parent.length + 1));
  const evidence = fileEvidence(parent, outside).filter((e) => OWN_DATA.has(e.kind));
  return evidence.length > 0 ? evidence : undefined;
}

/**
 * The package.json files below the root (not the root's own), at most `MAX_DEPTH` folders deep,
 * outside build output and the config's ignores: from `listed` (what git tracks), or a walk.
 */
export function packageManifests(cwd: string, listing: ListedFiles, ignores: string[] = []): string[] {
  const ignored = ignores.map(folderGlob);
  const isCandidate = (file: string) =>
    file !== 'package.json' &&
    file.endsWith('/package.json') &&
    file.split('/').length <= MAX_DEPTH + 1 &&
    !isInIgnoredDir(file) &&
    !ignored.some((matches) => matches(file));
  return listedFiles(cwd, listing).filter(isCandidate).sort();
}

/** Every file discovery may look at: what git tracks, or a walk of the folders discovery searches. */
function listedFiles(cwd: string, listing: ListedFiles): readonly string[] {
  return listing.listed ?? walkFiles(cwd, { skipFolders: DEFAULT_IGNORED_DIRS, maxDepth: MAX_DEPTH + 1 });
}

/** What classifying a package folder reads beyond its own files. */
interface Repository {
  packages: PackageIndex;
  /** Names of the packages some package.json depends on. */
  dependedOn: ReadonlySet<string>;
  /** Names of the packages some package.json lists in `dependencies`. */
  runtimeDependedOn: ReadonlySet<string>;
  workspaces: WorkspaceGraph;
  /** The libraries' folder of an Nx workspace (`nx.json` `workspaceLayout.libsDir`, `libs` by default); absent without nx.json. */
  nxLibsDir?: string;
}

/** What a package.json that does not parse says: nothing; the folder's own files are the evidence. */
const NO_MANIFEST: PackageManifest = { dependencies: [], otherDependencies: [], scripts: [], workspaces: false };

function classify(
  root: string,
  manifest: PackageManifest,
  files: string[],
  { packages, dependedOn, runtimeDependedOn, workspaces, nxLibsDir }: Repository,
): { evidence: ServiceEvidence[] } | { reason: string } | { reason: string; dataPackage: string; evidence: ServiceEvidence[] } {
  if (manifest.workspaces) {
    // A service that is a small workspace itself (`services/billing/{api,worker}` + `services/billing/migrations`):
    // its data beside its packages is what they share, one service; a folder of services (`apps/`) is none.
    const folder = path.posix.basename(root);
    const own = fileEvidence(root, files).filter((e) => OWN_DATA.has(e.kind));
    if (own.length === 0 || CONTAINER_FOLDER.test(folder) || LIBRARY_NAME.test(folder))
      return { reason: 'a workspace root (its package.json declares workspaces)' };
    return { evidence: [{ kind: 'workspace-service', file: `${root}/package.json`, members: [] }, ...own] };
  }
  const deps = [...manifest.dependencies, ...manifest.otherDependencies];
  const evidence: ServiceEvidence[] = deps.filter(isDataPackage).map((name) => ({ kind: 'dependency', package: name }));
  let strong =
    evidence.length > 0 ||
    files.some((f) => f.endsWith('.prisma') || (migrationFolderMatch(f) && !isTestFile(f)) || ORM_CONFIG.test(base(f)));
  evidence.push(...fileEvidence(root, files));
  const collections = nocobaseCollections(root, deps, files);
  if (collections) {
    evidence.push(collections);
    strong = true;
  }
  // A Worker binding a D1 database keeps data, with no driver package (the binding is its connection).
  const d1 = d1Binding(root, files, packages);
  if (d1) {
    evidence.push(d1);
    strong = true;
  }
  if (!evidence.some((e) => e.kind === 'dependency')) {
    // A driver behind a wrapper or a workspace helper: only the lock file or the helper's package.json shows it.
    for (const { chain, file, via } of transitiveDrivers(
      root,
      manifest.dependencies,
      packages,
      workspaces,
      (name) => driverEngine(name) !== undefined,
    ))
      evidence.push({ kind: via, file, chain });
    // Nothing of its own but entities: its driver may be hoisted to the workspace root.
    if (!evidence.some((e) => e.kind !== 'entities')) {
      const hoisted = hoistedEvidence(root, files, packages);
      evidence.push(...hoisted);
      strong ||= hoisted.length > 0;
    }
  }
  if (evidence.length === 0) return { reason: 'no driver, ORM, migrations, Prisma schema or entities' };
  const frontEnd = deps.find(isFrontEndPackage);
  if (frontEnd && !strong) return { reason: `a front end (${frontEnd})` };
  const folder = path.posix.basename(root);
  if (LIBRARY_NAME.test(folder)) {
    const deployed = deployedDespiteName(packages, root, manifest, files, evidence);
    if ('reason' in deployed) return deployed;
    evidence.unshift(deployed);
  }
  if (manifest.name && dependedOn.has(manifest.name) && !runsAsProcess(packages, root, manifest)) {
    // Named only as a devDependency or a peerDependency, and creating its tables itself (a job queue's schema, set up by
    // the package whoever runs it): the owner of those tables, a service, not code of the packages that name it.
    if (!runtimeDependedOn.has(manifest.name) && createsOwnTables(packages, root, files, evidence)) return { evidence };
    const reason = `a library (other packages depend on ${manifest.name})`;
    // A library that keeps the data itself (its schema, its migrations) may be the one owner of it.
    return evidence.some((e) => OWN_DATA.has(e.kind)) ? { reason, dataPackage: manifest.name, evidence } : { reason };
  }
  // A library by its declaration rather than its looks, though nothing here depends on it: it keeps no schema of its
  // own (migrations, a Prisma schema, an ORM config) and nothing deploys it, so its tables, connection and driver serve
  // the applications that import it (elsewhere).
  if (!evidence.some((e) => OWN_SCHEMA.has(e.kind)) && !runsAsProcess(packages, root, manifest)) {
    const declared = declaredLibrary(root, manifest, packages, nxLibsDir);
    if (declared !== undefined)
      return {
        reason: `a library (${declared}; no migrations, schema or ORM config of its own, and no start script or Dockerfile runs it)`,
      };
  }
  // A driver or entities alone make a library (`libs/database` exporting entities, a pool helper):
  // a service also keeps data itself, connects to it, or is deployed.
  if (
    looksLikeLibrary(root, manifest, files) &&
    !evidence.some((e) => OWN_DATA.has(e.kind)) &&
    !runsAsProcess(packages, root, manifest, files) &&
    !opensConnection(packages, root, files)
  )
    return {
      reason: `a library: ${evidence.map(describeServiceEvidence).join(', ')}, but no migrations, schema, ORM config or connection of its own, and nothing runs it (no start script, Dockerfile or main/server file); its tables belong to the services that use it`,
    };
  return { evidence };
}

/**
 * Why a package is a library by declaration, or undefined: a package in an Nx workspace's libraries' folder
 * (`nx.json` `workspaceLayout.libsDir`, `libs` by default: `libs/accounts-typeorm`, entities for the apps'
 * connection), a `project.json` beside it saying `"projectType": "library"`, or a driver or ORM that only its
 * `peerDependencies` name (and its devDependencies, for its tests): the application installing it chooses the engine
 * (graphweaver's MikroORM provider, every `@mikro-orm/*` driver a peer).
 */
function declaredLibrary(
  root: string,
  manifest: PackageManifest,
  packages: PackageIndex,
  nxLibsDir: string | undefined,
): string | undefined {
  if (nxLibsDir !== undefined && root.startsWith(`${nxLibsDir}/`))
    return `in the Nx workspace's libraries' folder ${nxLibsDir}/ (nx.json workspaceLayout.libsDir)`;
  const projectFile = `${root}/project.json`;
  if (packages.tree.entry(projectFile) === 'file') {
    // Read quietly: workspaceApplications reports a project.json that does not parse.
    const text = readRootText(packages, projectFile);
    const project: unknown = text === undefined ? undefined : parseJsonc(text, [], { allowTrailingComma: true });
    if (isObject(project) && project.projectType === 'library') return `${projectFile} declares "projectType": "library"`;
  }
  const data = [...manifest.dependencies, ...manifest.otherDependencies].filter(isDataPackage);
  const peers = data.filter((name) => manifest.peerOnly?.includes(name));
  if (peers.length > 0 && data.every((name) => peers.includes(name) || manifest.devOnly?.includes(name)))
    return `${peers.join(', ')} only among its peerDependencies: the application installing it brings the driver`;
  return undefined;
}

/**
 * The libraries' folder of an Nx workspace: `nx.json`'s `workspaceLayout.libsDir`, `libs` when it names none; undefined
 * without an nx.json at the root, or when the applications' folder is the same one (`packages` for both says nothing).
 */
function nxLibraryFolder(packages: PackageIndex, listed: readonly string[]): string | undefined {
  if (!listed.includes('nx.json')) return undefined;
  const text = readRootText(packages, 'nx.json');
  const nx: unknown = text === undefined ? undefined : parseJsonc(text, [], { allowTrailingComma: true });
  const layout = isObject(nx) && isObject(nx.workspaceLayout) ? nx.workspaceLayout : {};
  const folder = (value: unknown, fallback: string) =>
    typeof value === 'string' ? withoutTrailingSlashes(path.posix.normalize(value.replace(/^\.\//, ''))) : fallback;
  const libs = folder(layout.libsDir, 'libs');
  const apps = folder(layout.appsDir, 'apps');
  return libs === apps || libs === '.' || libs === '' || libs.startsWith('..') ? undefined : libs;
}

/** A service connecting itself (a driver of its own) that keeps no schema or migrations of its own: it uses another's schema. */
const usesSchemaOf = (service: { evidence: readonly ServiceEvidence[] }): boolean =>
  !service.evidence.some((e) => OWN_SCHEMA.has(e.kind)) &&
  service.evidence.some((e) => e.kind === 'dependency' && driverEngine(e.package) !== undefined);

const base = (file: string) => file.slice(file.lastIndexOf('/') + 1);

/** Prisma's driver adapters, each with the drivers it runs on (Prisma 6+ `driverAdapters`, Prisma 7's default). */
const PRISMA_ADAPTERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['@prisma/adapter-pg', ['pg']],
  ['@prisma/adapter-neon', ['@neondatabase/serverless']],
  ['@prisma/adapter-planetscale', ['@planetscale/database']],
  ['@prisma/adapter-mariadb', ['mariadb']],
  ['@prisma/adapter-libsql', ['@libsql/client']],
  ['@prisma/adapter-better-sqlite3', ['better-sqlite3']],
  ['@prisma/adapter-mssql', ['mssql']],
]);

/** Whether `driver` is the driver of a Prisma driver adapter the package depends on too: what it builds a Prisma client with. */
function adaptsPrisma(manifest: PackageManifest | undefined, driver: string): boolean {
  if (!manifest) return false;
  const deps = [...manifest.dependencies, ...manifest.otherDependencies];
  return deps.some((name) => PRISMA_ADAPTERS.get(name)?.includes(driver) === true);
}

/**
 * A folder named like a library (`core`, `docs`, `sdk`, `config`, `tools`, `test`…) is one only when nothing
 * says it is deployed: the name decides when the folder's own files are silent, never against them. It is a
 * service when it runs as a process (a start script, a Dockerfile or Procfile, a main/server entry, code that
 * listens) and keeps data or connects of its own (migrations, a Prisma schema, an ORM config; code opening a
 * connection) — `services/core` with its migrations, Dockerfile and server is the platform's backend. One sign
 * alone (a seed script's connection, a package with a `start` script and a driver) leaves the name deciding,
 * and the reason says which sign was seen.
 */
function deployedDespiteName(
  packages: PackageIndex,
  root: string,
  manifest: PackageManifest,
  files: readonly string[],
  evidence: readonly ServiceEvidence[],
): Extract<ServiceEvidence, { kind: 'named-like-library' }> | { reason: string } {
  const runs: string[] = [];
  const script = runScript(manifest);
  if (script !== undefined) runs.push(`a '${script}' script`);
  const image = ['Dockerfile', 'Procfile'].find((name) => packages.tree.entry(`${root}/${name}`) === 'file');
  if (image !== undefined) runs.push(`${root}/${image}`);
  const entry = files.find((f) => MAIN_FILE.test(f));
  if (entry !== undefined) runs.push(`a server entry (${root}/${entry})`);
  const data = evidence.filter((e) => OWN_SCHEMA.has(e.kind)).map(describeServiceEvidence);
  let connects = false;
  let listens = false;
  for (const [, text] of ownCode(packages, root, files)) {
    connects ||= CONNECTS.test(text);
    listens ||= LISTENS.test(text);
    if (connects && listens) break;
  }
  if (runs.length === 0 && listens) runs.push('code that listens (.listen(…))');
  const keeps = connects ? [...data, 'code opening a connection'] : data;
  // The folder's data evidence follows in the service's own list; the signs are what outweighs the name.
  if (runs.length > 0 && keeps.length > 0)
    return { kind: 'named-like-library', signs: connects ? [...runs, 'code opening a connection'] : runs };
  if (runs.length > 0)
    return {
      reason: `a library (by its name; ${runs.join(', ')} run${runs.length === 1 ? 's' : ''} it, but it keeps no migrations, schema or ORM config and opens no connection of its own)`,
    };
  if (keeps.length > 0)
    return {
      reason: `a library (by its name; it has ${keeps.join(', ')}, but nothing runs it: no start script, Dockerfile, Procfile or server entry)`,
    };
  return { reason: 'a library (by its name)' };
}

/** An application a workspace file declares, and that file. */
interface WorkspaceProject {
  root: string;
  file: string;
}

/** End-to-end test projects (`patients-api-e2e`): applications that test one, keeping no data. */
const E2E_PROJECT = /(?:^|[-_.])e2e$/i;

/**
 * An application without a package.json is a service when its own files keep data: the root
 * package.json lists every application's dependencies, and an API gateway or a front end among
 * them keeps none.
 */
function classifyProject(
  project: WorkspaceProject,
  files: string[],
  packages: PackageIndex,
): { evidence: ServiceEvidence[] } | { reason: string; dataless?: true } {
  const folder = path.posix.basename(project.root);
  if (E2E_PROJECT.test(folder)) return { reason: `an end-to-end test project (${project.file})` };
  const evidence = fileEvidence(project.root, files);
  // An application the workspace declares runs; named like a library, its own schema still makes it a service.
  if (LIBRARY_NAME.test(folder)) {
    if (!evidence.some((e) => OWN_SCHEMA.has(e.kind))) return { reason: 'a library (by its name)' };
    evidence.unshift({ kind: 'named-like-library', signs: [] });
  }
  if (!evidence.some((e) => OWN_DATA.has(e.kind) || e.kind === 'entities')) {
    const drizzle = drizzleSchema(packages, project.root, files);
    if (!drizzle)
      return {
        reason: `an application of ${project.file} without data of its own (no migrations, Prisma schema, ORM config, entities or Drizzle tables)`,
        dataless: true,
      };
    evidence.push(drizzle);
  }
  return { evidence: [{ kind: 'workspace-project', file: project.file }, ...evidence] };
}

/** A Drizzle table declaration with a literal name: `pgTable('orders', …)`, `mysqlTable("tbl_merchants", …)`. */
const DRIZZLE_TABLE = /\b(?:pgTable|mysqlTable|sqliteTable|singlestoreTable)\s*\(\s*['"`]/;

/**
 * An application whose data is a Drizzle schema module and a connection of its own (an Nx app with
 * `schema.ts` of `mysqlTable(…)` and `drizzle(mysql.createPool(…))`, no drizzle-kit migrations):
 * its tables are its entities. Both are needed: a front end may import a schema's types.
 */
function drizzleSchema(packages: PackageIndex, root: string, files: readonly string[]): ServiceEvidence | undefined {
  let schema: string | undefined;
  let connects = false;
  for (const [file, text] of ownCode(packages, root, files)) {
    if (schema === undefined && DRIZZLE_TABLE.test(text)) schema = `${root}/${file}`;
    if (!connects && CONNECTS.test(text)) connects = true;
    if (schema !== undefined && connects) return { kind: 'drizzle-schema', file: schema };
  }
  return undefined;
}

/**
 * A deployable without a package.json (its own image, or a program in another language) is a
 * service when its own files keep data: the SQL of its migrations and queries is what the linter
 * reads of it. A Serverless Framework service is also one when its code imports a driver the
 * package.json above declares and opens a connection (a function reading another service's
 * tables keeps no migrations, and is the very code the cross-service rules are for). A folder
 * named like a library is none, whatever builds it.
 */
function classifyDeployable(
  mark: DeployableMark,
  files: string[],
  packages: PackageIndex,
  listed: readonly string[] = files,
): { evidence: ServiceEvidence[] } | { reason: string } {
  const evidence = fileEvidence(mark.root, files).filter((e) => OWN_DATA.has(e.kind) || e.kind === 'entities');
  // Named like a library, a deployable is a service only with a schema of its own (its migrations), not loose SQL or entities.
  if (LIBRARY_NAME.test(path.posix.basename(mark.root))) {
    if (!evidence.some((e) => OWN_SCHEMA.has(e.kind))) return { reason: 'a library (by its name)' };
    evidence.unshift({ kind: 'named-like-library', signs: [] });
  }
  if (isServerlessMark(mark)) evidence.push(...hoistedEvidence(mark.root, files, packages));
  if (!evidence.some((e) => e.kind === 'alembic-migrations')) evidence.push(...alembicScripts(packages, mark.root, files));
  evidence.push(...migrateRepositories(packages, mark.root, files));
  if (evidence.length === 0) {
    const models = pythonModels(packages, mark.root, files, listed) ?? djangoModels(packages, mark.root, files, listed, mark.file);
    if (models) evidence.push(models);
  }
  if (evidence.length === 0)
    return {
      reason: `${describeDeployable(mark)} without data of its own (no migrations, SQL files, Prisma schema, ORM config or entities${isServerlessMark(mark) ? ', nor code connecting with a driver it imports' : ''}${PYTHON_MARK.test(mark.file) || EGG_INFO_METADATA.test(mark.file) ? ', nor SQLAlchemy / SQLModel models its code creates with create_all' : ''})`,
    };
  return { evidence: [{ kind: 'deployable', mark }, ...evidence] };
}

/**
 * The applications a Nest CLI monorepo (`nest-cli.json` at the root, `projects` of type
 * `application` with their `root`) or an Nx workspace (`project.json` files with `projectType:
 * application`) declares, as repository folders. A file that does not parse declares nothing, with a notice.
 */
function workspaceApplications(cwd: string, listing: ListedFiles, packages: PackageIndex, ignores: string[]): WorkspaceProject[] {
  const ignored = ignores.map(folderGlob);
  const out: WorkspaceProject[] = [];
  const add = (root: string, file: string) => {
    const clean = withoutTrailingSlashes(path.posix.normalize(root.replace(/\\/g, '/')));
    if (clean === '.' || clean === '' || clean.startsWith('..') || path.posix.isAbsolute(clean)) return;
    if (isInIgnoredDir(`${clean}/x`) || ignored.some((matches) => matches(`${clean}/x`))) return;
    if (!out.some((p) => p.root === clean)) out.push({ root: clean, file });
  };
  const nest = readJson(packages, 'nest-cli.json');
  if (isObject(nest) && isObject(nest.projects))
    for (const project of Object.values(nest.projects))
      if (isObject(project) && project.type === 'application' && typeof project.root === 'string') add(project.root, 'nest-cli.json');
  const listed = listedFiles(cwd, listing);
  for (const file of listed) {
    if (!file.endsWith('/project.json') || file.split('/').length > MAX_DEPTH + 1) continue;
    const project = readJson(packages, file);
    if (isObject(project) && project.projectType === 'application') add(path.posix.dirname(file), file);
  }
  return out.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A small JSON(C) file of the tree, parsed; undefined when absent, unreadable or invalid. */
function readJson(packages: PackageIndex, file: string): unknown {
  let text: string | undefined;
  try {
    text = readTreeText(packages.tree, file, { maxBytes: MAX_FILE_BYTES, symlinks: 'never' });
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    packages.problems.push(`${error.message} (its applications were not used to find services)`);
    return undefined;
  }
  if (text === undefined) return undefined;
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length === 0) return value;
  // Its applications would be services: a file that declares none because it is broken must say so.
  packages.problems.push(`${file} is not valid JSON (its applications were not used to find services)`);
  return undefined;
}

function fileEvidence(root: string, files: string[]): ServiceEvidence[] {
  // `''` is the repository root (a one-package repository): its paths have no prefix.
  const at = root === '' ? '' : `${root}/`;
  const out: ServiceEvidence[] = [];
  const prisma = files.filter((f) => f.endsWith('.prisma')).sort();
  if (prisma.length > 0) out.push({ kind: 'prisma-schema', file: `${at}${prisma[0]}` });
  // Test sources' migrations (`src/test/resources/db/migration`) build the tests' database: no evidence, not counted with the service's.
  // Other languages' migrations (Rails db/migrate/*.rb, Laravel, EF Core) are the service's versioned migrations too.
  const migrations = files.filter(
    (f) => ((migrationFolderMatch(f) && (SQL_FILE.test(f) || SCRIPT.test(f))) || isCodeMigration(f)) && !isTestFile(f),
  );
  if (migrations.length > 0) {
    const first = migrations.sort()[0];
    const match = migrationFolderMatch(first);
    out.push({
      kind: 'migrations',
      folder: `${at}${match ? first.slice(0, match.index + match[1].length + match[2].length) : path.posix.dirname(first)}`,
      files: migrations.length,
    });
  }
  // One evidence per versions/ folder: a service with two script directories (nova's db/main and db/api) names both.
  const alembic = new Map<string, number>();
  for (const f of files.filter((f) => ALEMBIC_REVISION.test(f)).sort())
    alembic.set(path.posix.dirname(f), (alembic.get(path.posix.dirname(f)) ?? 0) + 1);
  for (const [folder, count] of alembic) out.push({ kind: 'alembic-migrations', folder: `${at}${folder}`, files: count });
  const changelog = files.filter((f) => isLiquibaseChangelogPath(f) && !migrationFolderMatch(f)).sort()[0];
  if (changelog !== undefined) out.push({ kind: 'liquibase-changelog', file: `${at}${changelog}` });
  for (const file of files.filter((f) => ORM_CONFIG.test(base(f))).sort()) out.push({ kind: 'orm-config', file: `${at}${file}` });
  const entities = files.filter((f) => ENTITY_FILE.test(f)).length;
  if (entities > 0) out.push({ kind: 'entities', files: entities });
  const sql = files.filter((f) => SQL_FILE.test(f) && !migrationFolderMatch(f)).length;
  if (sql > 0) out.push({ kind: 'sql-files', files: sql });
  return out;
}

/** A NocoBase plugin's collection files: `src/server/collections/*.ts` (1.x), `src/collections/*.ts` (0.x server-only plugins). */
const NOCOBASE_COLLECTION = /^src\/(?:server\/)?collections\/[^/]+\.[cm]?[jt]s$/;

/**
 * The collections a NocoBase plugin defines, as evidence: only in a package that names NocoBase's server or database
 * (any dependency field: plugins list them as peers), whose own collections folder NocoBase loads and syncs.
 */
function nocobaseCollections(root: string, deps: readonly string[], files: readonly string[]): ServiceEvidence | undefined {
  if (!deps.includes('@nocobase/server') && !deps.includes('@nocobase/database')) return undefined;
  const found = files.filter((f) => NOCOBASE_COLLECTION.test(f) && !isTestFile(f) && !/\.d\.[cm]?ts$/.test(f)).sort();
  if (found.length === 0) return undefined;
  return { kind: 'nocobase-collections', folder: `${root === '' ? '' : `${root}/`}${path.posix.dirname(found[0])}`, files: found.length };
}

const WRANGLER_CONFIGS = ['wrangler.toml', 'wrangler.jsonc', 'wrangler.json'];

/** The D1 databases the wrangler config beside the package.json binds, as evidence; undefined when it binds none. */
function d1Binding(root: string, files: readonly string[], packages: PackageIndex): ServiceEvidence | undefined {
  for (const name of WRANGLER_CONFIGS) {
    if (!files.includes(name)) continue;
    const file = `${root}/${name}`;
    let text: string | undefined;
    try {
      text = readTreeText(packages.tree, file, { maxBytes: MAX_FILE_BYTES, symlinks: 'never' });
    } catch (e) {
      if (e instanceof FileAccessError) continue;
      throw e;
    }
    const bindings = text === undefined ? [] : parseWranglerConfig(file, text);
    if (bindings.length === 0) continue;
    const databases = [...new Set(bindings.flatMap((b) => (b.databaseName === undefined ? [] : [b.databaseName])))];
    return { kind: 'd1-binding', file, databases };
  }
  return undefined;
}

/** A run script, a Dockerfile / Procfile beside the package.json, or (when `files` are given) a main/server file. */
function runsAsProcess(packages: PackageIndex, root: string, manifest: PackageManifest, files: readonly string[] = []): boolean {
  if (runScript(manifest) !== undefined) return true;
  if (files.some((f) => MAIN_FILE.test(f))) return true;
  return ['Dockerfile', 'Procfile'].some((name) => packages.tree.entry(root === '' ? name : `${root}/${name}`) === 'file');
}

/**
 * Code laid out to be imported: under a `libs/` or `packages/` folder, or publishing type
 * declarations or an `exports` map. A folder elsewhere with only a driver dependency stays a
 * service: its code may reach the database through a helper, and missing a service silences
 * every cross-service rule for it.
 */
function looksLikeLibrary(root: string, manifest: PackageManifest, files: readonly string[]): boolean {
  if (!files.some((f) => SCRIPT.test(f))) return false;
  if (
    root
      .split('/')
      .slice(0, -1)
      .some((segment) => LIBRARY_PARENT.test(segment))
  )
    return true;
  return manifest.entries?.types !== undefined || manifest.entries?.exports !== undefined;
}

/** `CREATE TABLE` in code: the statement a package runs to make its schema itself. */
const CREATE_TABLE = /\bcreate\s+table\b/i;

/**
 * Whether the package makes its own tables: its migrations or schema, or, with a driver of its own, `CREATE TABLE`
 * statements in its own code (not its tests).
 */
function createsOwnTables(packages: PackageIndex, root: string, files: readonly string[], evidence: readonly ServiceEvidence[]): boolean {
  if (evidence.some((e) => OWN_DATA.has(e.kind) && e.kind !== 'sql-files')) return true;
  if (!evidence.some((e) => e.kind === 'dependency')) return false;
  for (const [, text] of ownCode(packages, root, files)) if (CREATE_TABLE.test(text)) return true;
  return false;
}

/** Whether the folder's own code (not its tests) opens a database connection or listens. */
function opensConnection(packages: PackageIndex, root: string, files: readonly string[]): boolean {
  for (const [, text] of ownCode(packages, root, files)) if (codeOpensConnection(text)) return true;
  return false;
}

/** Whether the folder's own code imports Supabase's client or a database driver / ORM (`@supabase/supabase-js`, `pg`). */
function importsDatabaseClient(packages: PackageIndex, root: string, files: readonly string[]): boolean {
  for (const [, text] of ownCode(packages, root, files))
    for (const match of text.matchAll(IMPORTED)) {
      const name = packageOfSpecifier(match[2] ?? match[4] ?? match[6]);
      if (isSupabaseClient(name) || isDataPackage(name)) return true;
    }
  return false;
}

/** The Serverless Framework's compose file, listing the repository's services by folder: the root package is theirs. */
const SERVERLESS_COMPOSE = /^serverless-compose\.(?:ya?ml|json|[cm]?[jt]s)$/;
/** Workspace files of the package managers and monorepo tools: a root package.json beside one is no app. */
const WORKSPACE_FILES = new Set(['pnpm-workspace.yaml', 'lerna.json', 'rush.json', 'nx.json', 'turbo.json']);

/**
 * Whether the root package.json is the application itself (a Next.js / Vite app at the repository root, the
 * Supabase starters' layout): it declares no workspaces, no workspace tool's file sits beside it, and it
 * depends on Supabase's client or a database driver / ORM. A root package of tooling alone is no app.
 */
function isRootApp(manifest: PackageManifest, listed: readonly string[]): boolean {
  if (manifest.workspaces) return false;
  if (listed.some((file) => WORKSPACE_FILES.has(file))) return false;
  return [...manifest.dependencies, ...manifest.otherDependencies].some((name) => isSupabaseClient(name) || isDataPackage(name));
}

/**
 * The root package.json as the one deployable of a one-package repository (undefined when it shows no data at all).
 * It is one when it is no workspace root (no `workspaces`, no `pnpm-workspace.yaml` / `nx.json` / `lerna.json`… beside
 * it) and names a driver or ORM among its `dependencies`: what the running app loads. A driver only in
 * `devDependencies` serves its scripts or tests; one only in `peerDependencies` is the user's choice (a library's);
 * a package laid out to be imported (`types`, `exports`) with no data of its own, no connection and nothing running
 * it is a library, as a package below would be. `files` are the root's own files (outside every package below).
 */
function classifyRootPackage(
  manifest: PackageManifest,
  files: string[],
  listed: readonly string[],
  packages: PackageIndex,
): { evidence: ServiceEvidence[] } | { reason: string } | undefined {
  const data = [...manifest.dependencies, ...manifest.otherDependencies].filter(isDataPackage);
  const fileData = fileEvidence('', files).filter((e) => OWN_DATA.has(e.kind) || e.kind === 'entities');
  if (data.length === 0 && fileData.length === 0) return undefined;
  const place = 'the repository root';
  if (manifest.workspaces) return { reason: `${place}: a workspace root (its package.json declares workspaces)` };
  const tool = listed.find((file) => WORKSPACE_FILES.has(file) || SERVERLESS_COMPOSE.test(file));
  if (tool !== undefined) return { reason: `${place}: a workspace root (${tool} beside its package.json)` };
  const runtime = manifest.dependencies.filter(isDataPackage);
  if (runtime.length === 0) {
    const peers = data.filter((name) => manifest.peerOnly?.includes(name));
    return {
      reason:
        data.length === 0
          ? `${place}: data files but no driver or ORM among its package.json's dependencies`
          : peers.length > 0
            ? `${place}: a library (its driver or ORM, ${peers.join(', ')}, is a peerDependency its user chooses)`
            : `${place}: its driver or ORM (${data.join(', ')}) is only a devDependency, for its scripts or tests`,
    };
  }
  const evidence: ServiceEvidence[] = [
    { kind: 'root-package', file: 'package.json' },
    ...runtime.map((name): ServiceEvidence => ({ kind: 'dependency', package: name })),
    ...fileEvidence('', files),
  ];
  if (
    (manifest.entries?.types !== undefined || manifest.entries?.exports !== undefined) &&
    !evidence.some((e) => OWN_DATA.has(e.kind)) &&
    !runsAsProcess(packages, '', manifest, files) &&
    !opensConnection(packages, '', files)
  )
    return {
      reason: `${place}: a library (it publishes types or an exports map, keeps no migrations, schema or ORM config, opens no connection, and nothing runs it)`,
    };
  return { evidence };
}

/** The top folders holding the root app's code (`app`, `lib`, `utils`): those no package, service or project holds. */
function rootAppFolders(files: readonly string[], taken: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    const slash = file.indexOf('/');
    if (slash <= 0 || !SCRIPT.test(file)) continue;
    folders.add(file.slice(0, slash));
  }
  return [...folders]
    .filter((folder) => !taken.some((root) => root === folder || root.startsWith(`${folder}/`) || folder.startsWith(`${root}/`)))
    .sort();
}

/** The manifests of a Python program. */
const PYTHON_MARK = /(?:^|\/)(?:pyproject\.toml|requirements\.txt|Pipfile|setup\.py)$/;
/** A Python module that declares a table: SQLAlchemy's `__tablename__` or `Table(…)`, SQLModel's `table=True` class. */
export const PYTHON_TABLE = /\b__tablename__\s*=|\bTable\s*\(|\btable\s*=\s*True\b/;
/** `Base.metadata.create_all(engine)`, `SQLModel.metadata.create_all(engine)`, Flask-SQLAlchemy's `db.create_all()`. */
const CREATE_ALL = /\.create_all\s*\(/;

/** A file of the folder at `root`, as text; undefined when unreadable here (reported when the file is analysed). */
function readOwn(packages: PackageIndex, root: string, file: string): string | undefined {
  return readTreeTextIfReadable(packages.tree, `${root}/${file}`, MAX_FILE_BYTES);
}

/**
 * The revisions of the script directories an `alembic.ini` of the folder names (`script_location = %(here)s/alembic_migrations`,
 * `version_locations`: src/model/alembic-scripts.ts), or an `env.py` importing Alembic beside a `versions/` folder makes
 * (Neutron's sub-projects ship no ini), whatever the folders are called: a Python service's migrations, one evidence per
 * script directory that holds revisions.
 */
function alembicScripts(packages: PackageIndex, root: string, files: readonly string[]): ServiceEvidence[] {
  const inis = files.filter((f) => isAlembicIni(f) && !isTestFile(f)).sort();
  const envs = files.filter((f) => base(f) === 'env.py' && !isTestFile(f) && isAlembicEnv(f, readOwn(packages, root, f) ?? ''));
  if (inis.length === 0 && envs.length === 0) return [];
  const folders = foldersOf(files);
  const named = inis.flatMap((ini) => alembicScriptDirectories(ini, readOwn(packages, root, ini) ?? '', folders));
  const out: ServiceEvidence[] = [];
  for (const directory of [...named, ...unnamedAlembicScriptDirectories(envs, folders, named)]) {
    const revisions = files.filter((f) => isAlembicRevisionOf(directory, f));
    const folder = `${root}/${directory.versionFolders[0]}`;
    if (revisions.length > 0 && !out.some((e) => e.kind === 'alembic-migrations' && e.folder === folder))
      out.push({ kind: 'alembic-migrations', folder, files: revisions.length });
  }
  return out;
}

/**
 * The sqlalchemy-migrate repositories of the folder (src/model/migrate-repositories.ts): a `migrate.cfg` naming its
 * `repository_id`, with numbered versions in the `versions/` beside it. One evidence per repository with versions.
 */
function migrateRepositories(packages: PackageIndex, root: string, files: readonly string[]): ServiceEvidence[] {
  const out: ServiceEvidence[] = [];
  for (const config of files.filter((f) => isMigrateConfig(f) && !isTestFile(f)).sort()) {
    const repository = migrateRepositoryId(readOwn(packages, root, config) ?? '');
    const versions = repository === undefined ? 0 : files.filter((f) => migrateVersionNumber(config, f) !== undefined).length;
    if (repository !== undefined && versions > 0)
      out.push({ kind: 'migrate-repository', folder: `${root}/${path.posix.dirname(config)}/versions`, files: versions, repository });
  }
  return out;
}

/**
 * A Python program whose tables are its SQLAlchemy or SQLModel models, created at start-up by `create_all` (the FastAPI
 * and Flask tutorials' layout, no Alembic): a model module the linter reads (`files`) declares a table, and a module of
 * the folder (`listed`, its tests left out) calls `create_all`. Models alone may map tables another program creates.
 */
function pythonModels(
  packages: PackageIndex,
  root: string,
  files: readonly string[],
  listed: readonly string[],
): ServiceEvidence | undefined {
  const read = (file: string) => readOwn(packages, root, file);
  const python = (list: readonly string[]) => list.filter((f) => f.endsWith('.py') && !isTestFile(f) && !ALEMBIC_REVISION.test(f)).sort();
  const models = python(files)
    .slice(0, MAX_FILES_READ)
    .find((f) => PYTHON_TABLE.test(read(f) ?? ''));
  if (models === undefined) return undefined;
  const creator = python(listed)
    .slice(0, MAX_FILES_READ)
    .find((f) => CREATE_ALL.test(read(f) ?? ''));
  return creator === undefined ? undefined : { kind: 'python-models', file: `${root}/${models}`, creator: `${root}/${creator}` };
}

/**
 * A Django project (its `manage.py`, `listed`) whose apps' models (`files`) are its tables, with no migration committed:
 * `makemigrations` runs at deploy, or `migrate --run-syncdb` creates them. A package of models without a project (a
 * reusable app) is installed into someone else's, unless the folder is that app's distribution (`mark`: its egg-info,
 * the app shipped as it is installed).
 */
function djangoModels(
  packages: PackageIndex,
  root: string,
  files: readonly string[],
  listed: readonly string[],
  mark?: string,
): ServiceEvidence | undefined {
  const manage = listed.filter((f) => base(f) === 'manage.py' && !isTestFile(f)).sort()[0];
  const project = manage !== undefined ? `${root}/${manage}` : mark !== undefined && EGG_INFO_METADATA.test(mark) ? mark : undefined;
  if (project === undefined) return undefined;
  const models = files
    .filter((f) => isDjangoModelsPath(f) && !isTestFile(f))
    .sort()
    .slice(0, MAX_FILES_READ)
    .find((f) => {
      try {
        const text = readTreeText(packages.tree, `${root}/${f}`, { maxBytes: MAX_FILE_BYTES, symlinks: 'never' });
        return text !== undefined && mayDeclareDjangoModels(f, text) && parseDjangoModels(f, text).some((ref) => ref.action === 'create');
      } catch (error) {
        if (!(error instanceof FileAccessError)) throw error;
        return false; // unreadable here is reported when the file is analysed
      }
    });
  return models === undefined ? undefined : { kind: 'django-models', file: `${root}/${models}`, project };
}

/** The folder's own code (not its tests), file by file, up to `MAX_FILES_READ` files. */
function* ownCode(packages: PackageIndex, root: string, files: readonly string[]): Generator<[string, string]> {
  const code = files.filter((f) => SCRIPT.test(f) && !TEST_FILE.test(f)).sort();
  for (const file of code.slice(0, MAX_FILES_READ)) {
    let text: string | undefined;
    try {
      text = readTreeText(packages.tree, root === '' ? file : `${root}/${file}`, { maxBytes: MAX_FILE_BYTES, symlinks: 'never' });
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      continue; // unreadable here is reported when the file is analysed
    }
    if (text !== undefined) yield [file, text];
  }
}

/**
 * A driver or ORM declared only in a package.json above the folder (dependencies hoisted to the
 * workspace root) counts for the folder through its own code: a file importing it, and code that
 * opens a connection. The root's dependencies are every package's, libraries and front ends
 * included: by themselves they say nothing of this one.
 */
function hoistedEvidence(root: string, files: readonly string[], packages: PackageIndex): ServiceEvidence[] {
  const declaredIn = new Map<string, string>();
  for (let dir = path.posix.dirname(root); ; dir = path.posix.dirname(dir)) {
    const folder = dir === '.' ? '' : dir;
    const read = packages.manifest(folder);
    if (read?.ok)
      for (const name of [...read.manifest.dependencies, ...read.manifest.otherDependencies])
        if (isDataPackage(name) && !declaredIn.has(name)) declaredIn.set(name, folder ? `${folder}/package.json` : 'package.json');
    if (folder === '') break;
  }
  if (declaredIn.size === 0) return [];
  let imported: { package: string; file: string } | undefined;
  let connects = false;
  for (const [file, text] of ownCode(packages, root, files)) {
    connects ||= CONNECTS.test(text);
    if (!imported)
      for (const match of text.matchAll(IMPORTED)) {
        const name = packageOfSpecifier(match[2] ?? match[4] ?? match[6]);
        if (declaredIn.has(name)) {
          imported = { package: name, file };
          break;
        }
      }
    if (imported && connects) break;
  }
  if (!imported || !connects) return [];
  return [
    {
      kind: 'hoisted-dependency',
      package: imported.package,
      manifest: declaredIn.get(imported.package)!,
      file: `${root}/${imported.file}`,
    },
  ];
}

/** Folder names; where two services share one, the parent folder's name goes in front (`services-orders`). */
function serviceNames(roots: string[]): string[] {
  const names = roots.map((root) => path.posix.basename(root));
  for (let depth = 2; depth <= MAX_DEPTH; depth++) {
    const counts = new Map<string, number>();
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    if ([...counts.values()].every((n) => n === 1)) break;
    roots.forEach((root, i) => {
      if (counts.get(names[i])! > 1) names[i] = root.split('/').slice(-depth).join('-');
    });
  }
  return names;
}

/** What a piece of evidence says, for init's report (`pg`, `migrations/ (3 files)`). */
export function describeServiceEvidence(evidence: ServiceEvidence): string {
  switch (evidence.kind) {
    case 'dependency':
      return evidence.package;
    case 'lock-file':
    case 'workspace-package':
      return `${evidence.chain.join(' → ')} (${evidence.file})`;
    case 'hoisted-dependency':
      return `${evidence.package} (hoisted to ${evidence.manifest}; imported in ${evidence.file}, and its code opens a connection)`;
    case 'prisma-schema':
      return evidence.file;
    case 'migrations':
      return `${evidence.folder}/ (${evidence.files} file${evidence.files === 1 ? '' : 's'})`;
    case 'liquibase-changelog':
      return `${evidence.file} (a Liquibase changelog)`;
    case 'alembic-migrations':
      return `${evidence.folder}/ (${evidence.files} Alembic revision${evidence.files === 1 ? '' : 's'})`;
    case 'migrate-repository':
      return `${evidence.folder}/ (${evidence.files} sqlalchemy-migrate version${evidence.files === 1 ? '' : 's'} of repository '${evidence.repository}')`;
    case 'django-models':
      return EGG_INFO_METADATA.test(evidence.project)
        ? `the Django models of ${evidence.file} (a Django app's distribution, ${evidence.project}, that commits no migrations)`
        : `the Django models of ${evidence.file} (a Django project, ${evidence.project}, that commits no migrations)`;
    case 'python-models':
      return `the SQLAlchemy / SQLModel models of ${evidence.file}, which ${evidence.creator} creates with create_all`;
    case 'orm-config':
      return evidence.file;
    case 'entities':
      return `${evidence.files} entit${evidence.files === 1 ? 'y' : 'ies'}`;
    case 'nocobase-collections':
      return `${evidence.folder}/ (${evidence.files} NocoBase collection file${evidence.files === 1 ? '' : 's'})`;
    case 'drizzle-schema':
      return `the Drizzle tables of ${evidence.file} (and its code opens a connection)`;
    case 'sql-files':
      return `${evidence.files} SQL file${evidence.files === 1 ? '' : 's'}`;
    case 'workspace-project':
      return `an application in ${evidence.file}`;
    case 'deployable':
      return describeDeployable(evidence.mark);
    case 'moleculer-service':
      return `a Moleculer service ('${evidence.name}') of ${evidence.project}`;
    case 'supabase-project':
      return `the ${evidence.tool === 'hasura' ? 'Hasura' : 'Supabase'} project of ${evidence.file}${evidence.clients.length > 0 ? `, whose database ${evidence.clients.join(', ')} use${evidence.clients.length === 1 ? 's' : ''} (one application, one database by design${evidence.rootApp ? `; ${evidence.rootApp.join(', ')} hold${evidence.rootApp.length === 1 ? 's' : ''} the root package.json's app` : ''})` : ''}`;
    case 'package-below':
      return `its package.json in ${evidence.package} (the folder's only package)`;
    case 'workspace-service':
      return `a workspace of its own (${evidence.file} declares workspaces)${evidence.members.length > 0 ? ` whose packages ${evidence.members.join(', ')} ${evidence.members.length === 1 ? 'is' : 'are'} part of it` : ''}`;
    case 'root-package':
      return `the repository's one package (${evidence.file}: no workspaces, and no folder below is a service)`;
    case 'root-data':
      return `the data ${evidence.file} keeps at the repository root${evidence.clients.length > 0 ? `, which ${evidence.clients.join(', ')} reach${evidence.clients.length === 1 ? 'es' : ''} with no data of their own (one application, one database by design)` : ''}`;
    case 'd1-binding':
      return `the D1 database${evidence.databases.length === 1 ? '' : 's'} ${evidence.databases.length > 0 ? `${evidence.databases.join(', ')} ` : ''}it binds in ${evidence.file}`;
    case 'sqlc-schema':
      return `${evidence.paths.join(', ')} (the schema its ${path.posix.basename(evidence.file)} compiles its queries against)`;
    case 'named-like-library':
      return evidence.signs.length > 0
        ? `named like a library, but deployed: ${evidence.signs.join(', ')}`
        : 'named like a library, but deployed with a schema of its own';
    case 'named-migrations':
      return `${evidence.folder}/ (${evidence.files} file${evidence.files === 1 ? '' : 's'}: migrations outside every service, in a folder named like it)`;
    case 'data-package-users':
      if (evidence.setting)
        return `the migrations package ${evidence.package}, whose database ${evidence.users.join(', ')} reach${evidence.users.length === 1 ? 'es' : ''} through the one setting ${evidence.setting.key} of ${evidence.setting.file} (one application, one database by design)`;
      return `the data package ${evidence.package}, through which ${evidence.users.length > 0 ? evidence.users.join(', ') : 'nothing else'} reach${evidence.users.length === 1 ? 'es' : ''} the database (one application, one database by design)`;
  }
}

/** Each discovered service's database candidates passed to a connection factory, by service name. */
export function databaseArgumentsOf(discovery: ServiceDiscovery): Map<string, DatabaseArgument[]> {
  return new Map(discovery.services.filter((s) => s.databaseArguments).map((s) => [s.name, s.databaseArguments!]));
}
