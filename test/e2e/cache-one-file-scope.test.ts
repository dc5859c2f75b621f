/**
 * The one-file path (issue 16) when the changed file is a migration: a rule judging one of its names may need other
 * files' SQL (index-name asks whether an index carries a foreign key's name, from the foreign keys of the index's
 * service), and must read that service's files only. Before, such a question built the answer for every service at
 * once, decoding every cached CREATE TABLE of the repository (8 of 8 here, every SQL schema file at 10,000 files) while
 * the report stayed the same: only a count of the entries decoded sees it (as in cache-one-file-decodes.test.ts).
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, type LintOptions } from '../../src/lint.js';
import { countedRun, writtenStale } from '../support/decode-counting.js';

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const SERVICES = ['billing', 'payment', 'orders', 'users'];

/** Per service: two CREATE TABLE migrations (one with a foreign key), an index migration and a module querying its tables. */
function generatedRepo(): string {
  const files: Record<string, string> = {};
  for (const service of SERVICES) {
    const root = `services/${service}`;
    files[`${root}/package.json`] = `{"name":"${service}","dependencies":{"pg":"^8.11.0"}}\n`;
    files[`${root}/migrations/V1__${service}_items.sql`] = `CREATE TABLE ${service}_items (id UUID PRIMARY KEY, name TEXT NOT NULL);\n`;
    files[`${root}/migrations/V2__${service}_events.sql`] =
      `CREATE TABLE ${service}_events (id UUID PRIMARY KEY, item_id UUID NOT NULL, kind TEXT NOT NULL,\n` +
      `  CONSTRAINT fk_${service}_events_item FOREIGN KEY (item_id) REFERENCES ${service}_items (id));\n`;
    files[`${root}/migrations/V3__${service}_index.sql`] = `CREATE INDEX idx_${service}_events_kind ON ${service}_events (kind);\n`;
    files[`${root}/src/repo.ts`] =
      `import { Pool } from 'pg';\nconst pool = new Pool();\n` +
      `export const events = (id: string) => pool.query('SELECT kind FROM ${service}_events WHERE item_id = $1', [id]);\n`;
  }
  files['nilecare-lint.config.json'] = `${JSON.stringify(
    { dialect: 'postgresql', services: SERVICES.map((name) => ({ name, roots: [`services/${name}`], prefixes: [`${name}_`] })) },
    null,
    2,
  )}\n`;
  const cwd = writtenStale('nilecare-one-file-scope-', files);
  temps.push(cwd);
  return cwd;
}

const findings = (diagnostics: ReadonlyArray<{ ruleId: string; file: string; line: number; column: number }>) =>
  diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}`);

describe('a warm one-file run over a changed migration reads the SQL of its own service only (issue 16)', () => {
  it('an index renamed: index-name reads the foreign key names of billing, not of every service', async () => {
    const cwd = generatedRepo();
    const location = path.join(cwd, '.nilecare-lint-cache');
    await countedRun(cwd, location);
    // Named by no convention: is it MySQL's index under a foreign key constraint's name? The model stays (the file
    // declares what it declared: an index, no table).
    const migration = 'services/billing/migrations/V3__billing_index.sql';
    writeFileSync(path.join(cwd, migration), 'CREATE INDEX kind_lookup ON billing_events (kind);\n');
    const options: Partial<LintOptions> = { paths: [migration], affected: true };
    const warm = await countedRun(cwd, location, options);
    expect(warm.run.storedModel).toEqual({ taken: true });
    expect(warm.decoded).toEqual([
      'services/billing/migrations/V1__billing_items.sql',
      'services/billing/migrations/V2__billing_events.sql',
    ]);
    const fresh = await lint({ cwd, ...options });
    expect(findings(warm.run.diagnostics)).toEqual(findings(fresh.diagnostics));
    expect(findings(warm.run.diagnostics)).toEqual([`index-name ${migration}:1:14`]);
  });
});
