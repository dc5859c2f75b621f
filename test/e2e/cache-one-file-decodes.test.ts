/**
 * The one-file path (issue 16): a warm `--cache` run naming one changed file (the pre-commit hook's `--staged`, and
 * `--affected <file>`) takes the stored model and decodes the cached facts of the few files it reads, not of the
 * repository. A scan over every file's facts on that path (72a4b6d: a project rule's first versionOf made
 * migrationGroups read every file's script.folderTemplates, 3fe3ea5 asks the summary first) decodes every entry and
 * costs the run seconds at 10,000 files while its report stays the same: only a count of the entries decoded sees it.
 * Counted in process, by the lazily decoded facts' `decoded` (every field read goes through it; NILECARE_LAZY_TRACE
 * prints the same from a bin run), over a generated repository on disk (stamps need the disk).
 */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, mkdirSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFactsCache } from '../../src/analysis/facts-cache.js';
import { lazyFacts } from '../../src/analysis/facts-codec.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { lint, type LintOptions } from '../../src/lint.js';

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const SERVICES = ['billing', 'payment', 'orders', 'users'];

/** Per service: three SQL migrations, a Knex migration, a migration runner, five modules querying its own and a neighbour's tables. */
function generatedRepo(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'nilecare-one-file-decodes-'));
  temps.push(cwd);
  const files: Record<string, string> = {};
  SERVICES.forEach((service, i) => {
    const next = SERVICES[(i + 1) % SERVICES.length];
    const root = `services/${service}`;
    files[`${root}/package.json`] = `{"name":"${service}","dependencies":{"pg":"^8.11.0","knex":"^3.1.0"}}\n`;
    files[`${root}/migrations/V1__${service}_items.sql`] =
      `CREATE TABLE ${service}_items (id UUID PRIMARY KEY, name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now());\n`;
    files[`${root}/migrations/V2__${service}_events.sql`] =
      `CREATE TABLE ${service}_events (id UUID PRIMARY KEY, item_id UUID NOT NULL REFERENCES ${service}_items (id), kind TEXT NOT NULL);\n`;
    files[`${root}/migrations/V3__${service}_index.sql`] = `CREATE INDEX ${service}_events_kind ON ${service}_events (kind);\n`;
    files[`${root}/src/db/migrations/20240101000000_${service}_notes.ts`] =
      `import type { Knex } from 'knex';\n` +
      `export async function up(knex: Knex): Promise<void> {\n` +
      `  await knex.schema.createTable('${service}_notes', (t) => { t.uuid('id').primary(); t.text('body').notNullable(); });\n}\n` +
      `export async function down(knex: Knex): Promise<void> {\n  await knex.schema.dropTable('${service}_notes');\n}\n`;
    files[`${root}/src/db/migrate.ts`] =
      `import knex from 'knex';\n` +
      `export const migrate = (url: string) => knex({ client: 'pg', connection: url }).migrate.latest({ directory: './migrations' });\n`;
    for (let n = 1; n <= 5; n++)
      files[`${root}/src/repo/module${n}.ts`] =
        `import { Pool } from 'pg';\nconst pool = new Pool();\n` +
        `export const list${n} = () => pool.query('SELECT id, name FROM ${service}_items WHERE name = $1', ['${n}']);\n` +
        `export const events${n} = (id: string) => pool.query('SELECT kind FROM ${service}_events WHERE item_id = $1', [id]);\n` +
        (n === 5 ? `export const peek = () => pool.query('SELECT id FROM ${next}_items');\n` : '');
  });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
    writeFileSync(path.join(cwd, file), text);
  }
  const config: NilecareConfig = {
    dialect: 'postgresql',
    services: SERVICES.map((name) => ({ name, roots: [`services/${name}`], prefixes: [`${name}_`] })),
  };
  writeFileSync(path.join(cwd, 'nilecare-lint.config.json'), `${JSON.stringify(config, null, 2)}\n`);
  // Modified long before the cache's save: trusted by their stamps.
  const then = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(cwd, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), then, then);
  return cwd;
}

/** The lazily decoded facts' class: its `decoded` is called by every field read, and decodes on the first. */
const lazyClass = Object.getPrototypeOf(
  lazyFacts(
    'probe',
    'probe',
    { kind: 'other' },
    () => undefined,
    () => undefined,
  ),
) as { decoded(this: { path: string }): unknown };

/** A run with the cache at `location`, saved after it, and the paths whose cached facts it decoded. */
async function counted(cwd: string, location: string, options: Partial<LintOptions> = {}) {
  const decoded = new Set<string>();
  const decode = lazyClass.decoded;
  lazyClass.decoded = function (this: { path: string }) {
    decoded.add(this.path);
    return decode.call(this);
  };
  try {
    const cache = FileFactsCache.open({ base: cwd, location, toolVersion: '1.0.0' });
    const run = await lint({ cwd, factsCache: cache, ...options });
    cache.save();
    return { run, cache, decoded: [...decoded].sort() };
  } finally {
    lazyClass.decoded = decode;
  }
}

const findings = (diagnostics: ReadonlyArray<{ ruleId: string; file: string; line: number; column: number }>) =>
  diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}`);

describe('a warm one-file run decodes only the cached entries it reads (issue 16)', () => {
  const changed = 'services/billing/src/repo/module2.ts';

  it.each([
    ['the pre-commit hook (--staged: files, affected)', { files: [changed], affected: true }],
    ['--affected <file> (paths, affected)', { paths: [changed], affected: true }],
  ] as Array<[string, Partial<LintOptions>]>)('%s', async (_name, options) => {
    const cwd = generatedRepo();
    const location = path.join(cwd, '.nilecare-lint-cache');
    const cold = await counted(cwd, location);
    // Every file with facts analysed (the package.json files and the config are read, not cached): 40 entries.
    const entries = cold.cache.misses;
    expect([cold.run.storedModel, entries]).toEqual([{ stored: true }, 40]);
    appendFileSync(path.join(cwd, changed), "export const audit = () => pool.query('SELECT id FROM payment_items');\n");

    const warm = await counted(cwd, location, options);
    // The stored model stands, the other files are taken by their stamps, the changed one is analysed again.
    expect([warm.run.storedModel, warm.cache.misses, warm.cache.stampHits]).toEqual([{ taken: true }, 1, entries - 1]);
    // The other 39 files' facts came lazily, to be decoded when read (the path this test is about is taken)…
    expect(warm.run.model.files.filter((file) => Object.getPrototypeOf(file) === lazyClass)).toHaveLength(entries - 1);
    // … and a handful at most is read: none here; all 39 with 3fe3ea5's summary check taken out of migrationGroups.
    expect(warm.decoded.length, warm.decoded.join(', ')).toBeLessThanOrEqual(6);
    // … and the run finds what a run without a cache finds, the new cross-service query included.
    const fresh = await lint({ cwd, ...options });
    expect(findings(warm.run.diagnostics)).toEqual(findings(fresh.diagnostics));
    expect(findings(warm.run.diagnostics)).toContain(`no-cross-service-query ${changed}:5:55`);
  });
});
