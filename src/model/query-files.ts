/**
 * SQL files outside every service normally act for the owner of what they declare (a root
 * `database/` folder of schema files). A file that declares nothing and reads or changes rows —
 * the query files of an app the linter does not see as a service (a Python service's
 * `queries/*.sql`, a reporting app's SQL) — acts for its folder, like code there. Seeds and
 * bootstrap SQL (`scripts/`, `seeds/`, `initdb.d/`, fixtures, files of INSERTs only) fill
 * databases for development and act for nobody. A query file in a folder named after a service
 * (`sql/billing/open-total.sql`, which billing's code loads) holds that service's own queries, as
 * `k8s/billing/` manifests are billing's: it acts for the service.
 */
import path from 'node:path';
import type { FileFacts, StatementKind } from '../analysis/facts.js';
import type { Service } from './model.js';
import { isTestFile } from './paths.js';
import { serviceKey } from './service-names.js';

const DECLARING: ReadonlySet<StatementKind> = new Set([
  'create_table',
  'alter_table',
  'create_index',
  'create_view',
  'create_routine',
  'create_other',
  'drop',
]);
/** Folders of development tooling: seeding, database bootstrap, examples. */
const TOOLING_FOLDER =
  /^(?:scripts?|bin|tools?|seeds?|seeders?|seeding|seed-data|fixtures?|mocks?|initdb(?:\.d)?|docker-entrypoint-initdb\.d|docker|dev|examples?|samples?|demo|docs?)$/i;
const TOOLING_NAME = /seed|fixture|sample|example|demo/i;

/** A query-only SQL file that acts for its folder when it lies outside every service (see above). */
export function isQueryFile(file: FileFacts): boolean {
  // Asked once per table reference of the file (no-cross-service-query, the model's accesses): a file's
  // answer is kept, or a 160,000-line SQL file outside every service cost seconds per reference (HELDOUT17).
  let known = queryFiles.get(file);
  if (known === undefined) queryFiles.set(file, (known = judgeQueryFile(file)));
  return known;
}

const queryFiles = new WeakMap<FileFacts, boolean>();

function judgeQueryFile(file: FileFacts): boolean {
  if (!file.sql || isTestFile(file.path)) return false;
  const folders = file.path.split('/').slice(0, -1);
  if (folders.some((folder) => TOOLING_FOLDER.test(folder)) || TOOLING_NAME.test(path.posix.basename(file.path))) return false;
  let readsOrChanges = false;
  for (const statement of file.sql.statements) {
    if (DECLARING.has(statement.kind)) return false;
    if (statement.tableRefs.some((ref) => ref.action === 'select' || ref.action === 'update' || ref.action === 'delete'))
      readsOrChanges = true;
  }
  return readsOrChanges;
}

/**
 * The service a query file outside every service acts for: the one a folder of its path is named
 * after (`sql/billing/`, `queries/billing-service/`; spellings as service-names.ts matches them),
 * when exactly one service is named so. Undefined for other files and folders.
 */
export function queryFileService(file: FileFacts, services: readonly Service[]): Service | undefined {
  if (!isQueryFile(file)) return undefined;
  const named = new Set<Service>();
  for (const folder of file.path.split('/').slice(0, -1)) {
    const key = serviceKey(folder);
    if (key === '') continue;
    for (const service of services) if (serviceKey(service.name) === key) named.add(service);
  }
  return named.size === 1 ? [...named][0] : undefined;
}
