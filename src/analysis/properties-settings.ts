/**
 * Credentials in Java-properties files a service deploys or migrates with: Spring Boot's `application.properties` /
 * `application-<profile>.properties` (and `bootstrap*.properties`), Flyway's `flyway.conf` and Liquibase's
 * `liquibase.properties`; and in Alembic's `alembic.ini`, whose `key = value` lines read the same. Kept as settings (`YamlSetting`, the facts of "other configuration files"): a key whose last
 * dotted word names a credential (`spring.datasource.password`, `flyway.password`, `password`) with its value, and any
 * key whose value may hold a connection string with a password (`flyway.url=jdbc:postgresql://u:pw@…`); values are
 * described, never kept (describe-secrets.ts). `key=value`, `key: value` and `key value` lines; `#`, `!` and `;` comments; a
 * value continued over lines (a trailing `\`) is not read. In Spring Boot's own files (`databaseUrls`), a datasource URL
 * (`spring.datasource.url=jdbc:postgresql://ledger-db:5432/ledger`) is kept too, with or without a password: the service's
 * database, as its `application.yml` names it (src/model/connections.ts). Linear, never throws.
 */
import { isCredentialProperty } from './describe-secrets.js';
import type { YamlSetting } from './facts.js';
import { isDatabaseUrlValue, mayHoldConnectionPassword } from './yaml-settings.js';

/**
 * `application.properties`, `application-prod.properties`, `bootstrap.properties`, `flyway.conf`, `liquibase.properties`,
 * and Alembic's `alembic.ini` (Mailman's `alembic.cfg`), whose `sqlalchemy.url = postgresql://user:pw@host/db` lines read
 * the same (an INI section header holds no `=`, a `;` line is a comment).
 */
export function isPropertiesSettingsFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === 'flyway.conf' || base === 'alembic.ini' || base === 'alembic.cfg' || PROPERTIES_NAME.test(base);
}
/** Anchored, one `[\w.-]*` run before a literal suffix: linear. */
const PROPERTIES_NAME = /^(?:application|bootstrap|liquibase)(?:[-.][\w.-]*)?\.properties$/;

export function parsePropertiesSettings(text: string, options: { databaseUrls?: boolean } = {}): YamlSetting[] {
  const databaseUrls = options.databaseUrls === true;
  const out: YamlSetting[] = [];
  let continued = false;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start && text[end - 1] === '\r') end--;
    const wasContinued = continued;
    continued = endsWithOddBackslash(text, start, end);
    if (!wasContinued && !continued) {
      const setting = lineSetting(text, start, end, databaseUrls);
      if (setting) out.push(setting);
    }
    start = next;
  }
  return out;
}

function endsWithOddBackslash(text: string, start: number, end: number): boolean {
  let n = 0;
  for (let i = end - 1; i >= start && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\f';
}

function lineSetting(text: string, start: number, end: number, databaseUrls: boolean): YamlSetting | undefined {
  let i = start;
  while (i < end && isBlank(text[i])) i++;
  if (i >= end || text[i] === '#' || text[i] === '!' || text[i] === ';') return undefined;
  const keyStart = i;
  while (i < end && text[i] !== '=' && text[i] !== ':' && !isBlank(text[i])) i += text[i] === '\\' ? 2 : 1;
  const keyEnd = Math.min(i, end);
  while (i < end && isBlank(text[i])) i++;
  if (i < end && (text[i] === '=' || text[i] === ':')) i++;
  while (i < end && isBlank(text[i])) i++;
  let valueEnd = end;
  while (valueEnd > i && isBlank(text[valueEnd - 1])) valueEnd--;
  const name = text.slice(keyStart, keyEnd);
  const value = text.slice(i, valueEnd);
  if (name === '' || value === '') return undefined;
  const words = name.split('.');
  const key = words[words.length - 1];
  const path = words.slice(0, -1);
  if (!isCredentialProperty(key, path, value) && !mayHoldConnectionPassword(value) && !(databaseUrls && isDatabaseUrlValue(value)))
    return undefined;
  return { key, path, value, keySpan: { start: keyStart, end: keyEnd }, valueSpan: { start: i, end: valueEnd } };
}
