/**
 * Schema stubs: a service's schema is what its migrations, schema files and ORM declarations
 * create. Its tests (`test/`, `__tests__/`, `*.test.ts`, testcontainers setup), its scripts
 * (`scripts/setup-local-db.sql`), its docs (`docs/data-model.sql`) and its fixtures also hold
 * CREATE TABLE statements, usually of the tables its queries need in a throw-away database —
 * another service's table among them, stubbed so a join runs in an integration test. Such a
 * CREATE is a stub (a mirror of the real table): when another service creates the table for real,
 * the stub makes its service no owner (orm-mirrors.ts drops it), no rule judges its design, and
 * the file that creates it — and, for a stub in tests, the service's other test files — use the
 * stub, not the owner's table. The service's own code still reads the owner's table. A table only its tests
 * create and only tests name (a race test's scratch table) is their fixture, a stub of nothing: no table of the
 * service's, and its tests' SQL means it (declared-tables.ts, orm-mirrors.ts).
 */
import { hasGlobSyntax, trimFolderPattern } from '../config/glob.js';
import type { ProjectModel, SchemaStub, Service, TableDeclaration } from './model.js';
import { isTestFile } from './paths.js';

/** Folders of a service whose SQL is not its schema: local bootstrap scripts, documentation, test fixtures. */
const AUXILIARY_FOLDER = /(?:^|\/)(?:scripts?|docs?|fixtures)\//;

/** The path below the most specific literal root of `service` that holds it (the whole path when none does). */
export function withinService(path: string, service: Service): string {
  let best = '';
  for (const raw of service.roots) {
    const root = trimFolderPattern(raw);
    if (root === '' || root === '.' || hasGlobSyntax(root)) continue;
    if (path.startsWith(`${root}/`) && root.length > best.length) best = root;
  }
  return best === '' ? path : path.slice(best.length + 1);
}

/** Where a stub of a service's SQL lives: its tests, or its scripts, docs and fixtures. */
export type StubKind = SchemaStub['kind'];

/**
 * Whether a CREATE TABLE in `path` (not a migration) of `service` would be a stub, and of which
 * kind: test code and test SQL, else SQL and code in its `scripts/`, `docs/` or `fixtures/`.
 */
export function stubKindOf(path: string, service: Service): StubKind | undefined {
  const inner = withinService(path, service);
  if (isTestFile(inner)) return 'test';
  return AUXILIARY_FOLDER.test(inner) ? 'auxiliary' : undefined;
}

/** A table the config gives a service whose only CREATE of it is a stub: `init` wrote it before stubs were told apart. */
export interface StubClaim {
  service: Service;
  /** The `tables` entry as written, and where: `services[configIndex].tables[patternIndex]`. */
  pattern: string;
  configIndex: number;
  patternIndex: number;
  stub: SchemaStub;
  /** The other services' declarations of the table. */
  creators: Array<{ service: Service; declaration: TableDeclaration }>;
}

/** The exact `tables` entries of configured services that name only a stub of theirs (the table another service creates). */
export function stubClaims(project: Pick<ProjectModel, 'services' | 'config' | 'schemaStubs'>): StubClaim[] {
  const out: StubClaim[] = [];
  if (project.schemaStubs.length === 0) return out;
  for (const service of project.services) {
    const configIndex = (project.config.services ?? []).findIndex((s) => s.name === service.name);
    if (configIndex < 0) continue;
    service.ownedPatterns.forEach((pattern, patternIndex) => {
      const dot = pattern.indexOf('.');
      const database = dot > 0 ? pattern.slice(0, dot).toLowerCase() : undefined;
      const table = (dot > 0 ? pattern.slice(dot + 1) : pattern).toLowerCase();
      if (hasGlobSyntax(table) || service.createdTables.some((d) => d.table.toLowerCase() === table)) return;
      const stub = project.schemaStubs.find(
        (s) =>
          s.service === service &&
          s.declaration.table.toLowerCase() === table &&
          (!database || !s.declaration.database || s.declaration.database.toLowerCase() === database),
      );
      if (!stub) return;
      const creators = project.services.flatMap((other) =>
        other === service
          ? []
          : other.createdTables.filter((d) => d.table.toLowerCase() === table).map((declaration) => ({ service: other, declaration })),
      );
      if (creators.length > 0) out.push({ service, pattern, configIndex, patternIndex, stub, creators });
    });
  }
  return out;
}
