/**
 * Whether a MySQL-family service runs on MariaDB: MariaDB accepts syntax MySQL 8 rejects
 * (`CREATE OR REPLACE TABLE`, `ADD COLUMN IF NOT EXISTS`, sequences, system-versioned tables,
 * `RETURNING`), so its SQL is judged by MariaDB's grammar only when something in the service says
 * MariaDB. The evidence, each item a place a reader can check:
 *
 * - the `mariadb` driver or `@mikro-orm/mariadb` in its package.json, or imported;
 * - an ORM option naming it (TypeORM `type: 'mariadb'`, Sequelize `dialect: 'mariadb'`, also in ormconfig), Laravel's
 *   `DB_CONNECTION=mariadb`;
 * - a `mariadb://` or `jdbc:mariadb:` URL in any of its files (`.env`, `flyway.conf`, YAML, code);
 * - a compose file of its own running a `mariadb` image (`image: mariadb:10.11`, `bitnami/mariadb`);
 * - a dump of its schema written by MariaDB (`-- MariaDB dump`, `-- Server version 10.11.6-MariaDB`).
 *
 * `mysql2` and `mysql` are clients of both servers and say nothing either way.
 */
import type { FileFacts } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import type { Service } from './model.js';
import type { PackageIndex } from './packages.js';
import { connectionDriverSettings, dependencyEvidence, evidenceList, KEPT_EVIDENCE } from './engine-evidence.js';

const PACKAGES = new Set(['mariadb', '@mikro-orm/mariadb']);
const URL = /\b(?:jdbc:)?mariadb:\/\//i;
const DUMP_HEADER = /^-- (?:MariaDB dump|MySQL dump[^\n]*MariaDB|Server version[^\n]*MariaDB)/m;
const IMAGE_LINE = /^[ \t-]*image:[ \t]*(\S+)/gm;

/** Where the service's files and package.json say MariaDB (`mariadb in services/audit/package.json`); empty when nothing does. */
export function mariadbEvidence(folders: readonly string[], files: readonly FileFacts[], packages: PackageIndex): string[] {
  const evidence = evidenceList();
  const { add } = evidence;
  dependencyEvidence(folders, packages, (name) => PACKAGES.has(name), evidence);
  // Laravel 11's own MariaDB driver: `DB_CONNECTION=mariadb` (or its config/database.php default, where no env file sets one).
  for (const setting of connectionDriverSettings(files)) if (setting.value.toLowerCase() === 'mariadb') add(setting.detail);
  for (const file of files) {
    if (evidence.full()) break;
    const line = (offset: number) => spanToRange(file.lineStarts, { start: offset, end: offset }).line;
    for (const imported of file.script?.imports ?? [])
      if (PACKAGES.has(imported.specifier.replace(/\/callback$/, ''))) add(`'${imported.specifier}' imported in ${file.path}`);
    for (const property of file.script?.configProperties ?? [])
      if (property.key === 'type' || property.key === 'dialect' || property.key === 'client')
        if (property.value?.trim().toLowerCase() === 'mariadb' && property.valueKind === 'string')
          add(`${property.key}: 'mariadb' in ${file.path}:${spanToRange(file.lineStarts, property.valueSpan).line}`);
    if (file.ormConfig?.library !== 'laravel')
      for (const engine of file.ormConfig?.engines ?? [])
        if (engine.type.trim().toLowerCase() === 'mariadb') add(`${engine.key ?? 'type'}: 'mariadb' in ${file.path}`);
    // The text only of a file that names MariaDB (engine-words.ts): a cached file's is read from the disk.
    if (file.unread || !file.engineWords?.includes('mariadb')) continue;
    const text = file.text;
    const url = URL.exec(text);
    if (url) add(`a ${url[0].toLowerCase()} URL in ${file.path}:${line(url.index)}`);
    if (file.kind === 'sql') {
      const header = DUMP_HEADER.exec(text);
      if (header) add(`a MariaDB dump header in ${file.path}:${line(header.index)}`);
    }
    if (file.kind === 'compose') {
      for (const match of text.matchAll(IMAGE_LINE)) {
        const image = match[1].replace(/^["']|["']$/g, '').replace(/@.*$/, '');
        const name = image.slice(image.lastIndexOf('/') + 1).replace(/:.*$/, '');
        if (name === 'mariadb') add(`image: ${image} in ${file.path}:${line(match.index)}`);
      }
    }
  }
  return evidence.items;
}

/** A top-level compose service key (`  db:`), its indentation and name. */
const SERVICE_KEY = /^([ \t]+)([\w.-]+):[ \t]*(?:#.*)?$/;

/**
 * The compose services of any compose file of the repository (the root's too) that run a `mariadb` image: name
 * (lower-cased, as a database host names it) → where (`image: mariadb:10.11 of 'db' in docker-compose.yml:4`).
 * Read from the text line by line: the keys one level under `services:` name the services.
 */
export function composeMariadbServers(files: readonly FileFacts[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of files) {
    if (file.kind !== 'compose' || file.unread || !file.engineWords?.includes('mariadb')) continue;
    const lines = file.text.split(/\r?\n/);
    let inServices = false;
    let indent: string | undefined;
    let current: string | undefined;
    lines.forEach((text, index) => {
      if (/^services:[ \t]*(?:#.*)?$/.test(text)) {
        inServices = true;
        indent = undefined;
        current = undefined;
        return;
      }
      if (/^\S/.test(text)) inServices = false;
      if (!inServices) return;
      const key = SERVICE_KEY.exec(text);
      if (key && (indent === undefined || key[1] === indent)) {
        indent = key[1];
        current = key[2];
        return;
      }
      const image = /^[ \t]+image:[ \t]*(\S+)/.exec(text);
      if (!image || current === undefined) return;
      const ref = image[1].replace(/^["']|["']$/g, '').replace(/@.*$/, '');
      const name = ref.slice(ref.lastIndexOf('/') + 1).replace(/:.*$/, '');
      if (name === 'mariadb' && !out.has(current.toLowerCase()))
        out.set(current.toLowerCase(), `image: ${ref} of '${current}' in ${file.path}:${index + 1}`);
    });
  }
  return out;
}

/**
 * A MySQL service whose database host is a compose service running MariaDB (the root docker-compose.yml's `db`,
 * `DB_HOST=db`) runs on MariaDB, though nothing in its own folder says so: its evidence says which host and image.
 */
export function linkComposeMariadb(services: readonly Service[], files: readonly FileFacts[]): void {
  let servers: Map<string, string> | undefined;
  for (const service of services) {
    const decision = service.dialectDecision;
    if (service.dialect !== 'mysql' || decision?.mariadb || decision?.unparsedEngine) continue;
    const hosts = service.databases.flatMap((d) => (d.kind === 'mongodb' ? [] : (d.hosts ?? [])));
    if (hosts.length === 0) continue;
    servers ??= composeMariadbServers(files);
    if (servers.size === 0) return;
    const found = hosts.flatMap((host) => {
      const name = host.split('|')[0].replace(/:\d+$/, '').toLowerCase();
      const where = servers!.get(name);
      return where ? [`${where}, the host of its database`] : [];
    });
    if (found.length > 0)
      service.dialectDecision = { ...(decision ?? { basis: 'none', evidence: [] }), mariadb: found.slice(0, KEPT_EVIDENCE) };
  }
}
