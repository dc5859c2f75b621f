/**
 * Whether a PostgreSQL-family service runs on CockroachDB, which speaks PostgreSQL's wire protocol and
 * most of its grammar plus its own (`UPSERT INTO`, `INDEX` / `FAMILY` inside `CREATE TABLE`, `STRING`,
 * `AS OF SYSTEM TIME`, `SHOW RANGES`…): libpg-query rejects those, so in such a service a statement
 * PostgreSQL's parser rejects is read by tokens and counted as unsupported, never a parse error. The
 * evidence, each item a place a reader can check:
 *
 * - a Prisma datasource with `provider = "cockroachdb"`;
 * - an ORM option naming it (TypeORM `type: 'cockroachdb'`, also in ormconfig);
 * - a `@cockroachdb/…` package in its package.json, or imported;
 * - a `cockroachdb://` URL, or a connection URL on CockroachDB's port 26257, in any of its files;
 * - a compose file of its own running a `cockroachdb/cockroach` image.
 */
import type { FileFacts } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import type { PackageIndex } from './packages.js';
import { dependencyEvidence, evidenceList } from './engine-evidence.js';

const PACKAGE = /^@cockroachdb\//;
/** `cockroachdb://…`, or a postgres URL whose host is followed by CockroachDB's SQL port. */
const URL = /\bcockroachdb:\/\/|\bpostgres(?:ql)?:\/\/[^\s'"`/]{1,200}:26257\b/i;
const IMAGE = /^[ \t-]*image:[ \t]*["']?(?:[\w.-]+\/)?cockroachdb\/cockroach\b/m;

/** Where the service's files and package.json say CockroachDB (`provider = "cockroachdb" in …`); empty when nothing does. */
export function cockroachEvidence(folders: readonly string[], files: readonly FileFacts[], packages: PackageIndex): string[] {
  const evidence = evidenceList();
  const { add } = evidence;
  dependencyEvidence(folders, packages, (name) => PACKAGE.test(name), evidence);
  for (const file of files) {
    if (evidence.full()) break;
    const line = (offset: number) => spanToRange(file.lineStarts, { start: offset, end: offset }).line;
    for (const source of file.prismaDatasources ?? [])
      if (source.provider === 'cockroachdb')
        add(`provider = "cockroachdb" in ${file.path}:${line(source.providerSpan?.start ?? source.span.start)}`);
    for (const imported of file.script?.imports ?? [])
      if (PACKAGE.test(imported.specifier)) add(`'${imported.specifier}' imported in ${file.path}`);
    for (const property of file.script?.configProperties ?? [])
      if (property.key === 'type' && property.valueKind === 'string' && property.value?.trim().toLowerCase() === 'cockroachdb')
        add(`type: 'cockroachdb' in ${file.path}:${line(property.valueSpan.start)}`);
    for (const engine of file.ormConfig?.engines ?? [])
      if (engine.type.trim().toLowerCase() === 'cockroachdb') add(`${engine.key ?? 'type'}: 'cockroachdb' in ${file.path}`);
    // The text only of a file that names CockroachDB or its port (engine-words.ts): a cached file's is read from the disk.
    if (file.unread || !file.engineWords?.includes('cockroach')) continue;
    const text = file.text;
    const url = URL.exec(text);
    if (url) add(`a CockroachDB URL in ${file.path}:${line(url.index)}`);
    if (file.kind === 'compose') {
      const image = IMAGE.exec(text);
      if (image) add(`a cockroachdb/cockroach image in ${file.path}:${line(image.index)}`);
    }
  }
  return evidence.items;
}
