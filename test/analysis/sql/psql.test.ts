import { describe, expect, it } from 'vitest';
import { analyzeSql, initSqlParsers } from '../../../src/analysis/sql/index.js';
import { refTuples } from './helpers.js';

await initSqlParsers();

/** Each statement as [text, parse, parse error, unsupported construct]. */
function read(sql: string) {
  return analyzeSql(sql, 'postgresql').statements.map((s) => [s.text, s.parse, s.parseError?.message, s.unsupported]);
}

describe('psql scripts', () => {
  it('a trailing \\gexec / \\gset ends the statement, and the next one is read on its own', () => {
    const sql = [
      "SELECT format('CREATE DATABASE %I', 'geo') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'geo')\\gexec",
      'SELECT count(*) AS region_count FROM geo.regions \\gset',
      'UPDATE geo.regions SET name = upper(name);',
    ].join('\n');
    expect(read(sql)).toEqual([
      [
        "SELECT format('CREATE DATABASE %I', 'geo') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'geo')",
        'full',
        undefined,
        undefined,
      ],
      ['\\gexec', 'skipped', undefined, undefined],
      ['SELECT count(*) AS region_count FROM geo.regions', 'full', undefined, undefined],
      ['\\gset', 'skipped', undefined, undefined],
      ['UPDATE geo.regions SET name = upper(name)', 'full', undefined, undefined],
    ]);
    const refs = analyzeSql(sql, 'postgresql').statements.flatMap((s) => refTuples(sql, s.tableRefs));
    expect(refs).toEqual([
      ['select', 'pg_database', 'pg_database'],
      ['select', 'geo.regions', 'geo.regions'],
      ['update', 'geo.regions', 'geo.regions'],
    ]);
  });

  it('psql variables :\'var\', :"var" and :var are bound in place; a variable is never a table', () => {
    const sql = [
      "COPY aggtest FROM :'filename';",
      'GRANT USAGE ON SCHEMA geo TO :"app_user";',
      'REINDEX SCHEMA CONCURRENTLY :temp_schema_name;',
      'SELECT * FROM :"source_table" WHERE id = :id;',
    ].join('\n');
    expect(read(sql).map((r) => r.slice(1))).toEqual([
      ['full', undefined, undefined],
      ['full', undefined, undefined],
      ['full', undefined, undefined],
      // the table psql puts in is not known here: the statement is counted, never dropped silently (HELDOUT9 #8)
      ['full', undefined, 'psql variable'],
    ]);
    expect(analyzeSql(sql, 'postgresql').statements.flatMap((s) => refTuples(sql, s.tableRefs))).toEqual([['other', 'aggtest', 'aggtest']]);
  });

  it('a psql variable as the schema (:SCHEMA.jobs, :"schema".jobs) leaves the table, in a schema not known here (HELDOUT9 #8, graphile-worker\'s migrations)', () => {
    const sql = [
      'create table :GRAPHILE_WORKER_SCHEMA.job_queues (queue_name text not null primary key, job_count int not null);',
      'alter table :GRAPHILE_WORKER_SCHEMA.job_queues enable row level security;',
      'create index on :GRAPHILE_WORKER_SCHEMA.job_queues (job_count);',
      'insert into :"worker_schema".jobs (queue_name) select queue_name from :GRAPHILE_WORKER_SCHEMA.job_queues where queue_name = :\'q\';',
      'alter table :GRAPHILE_WORKER_SCHEMA.jobs rename to _private_jobs;',
    ].join('\n');
    const statements = analyzeSql(sql, 'postgresql').statements;
    expect(read(sql).map((r) => r.slice(1))).toEqual(statements.map(() => ['full', undefined, undefined]));
    expect(statements.map((s) => s.tables.map((t) => [t.name, t.qualifier]))).toEqual([
      [['job_queues', undefined]],
      [['job_queues', undefined]],
      [],
      [],
      [['jobs', undefined]],
    ]);
    expect(statements[4].tables[0].renamedTo?.name).toBe('_private_jobs');
    // the name as written, from the colon on
    expect(statements.flatMap((s) => refTuples(sql, s.tableRefs))).toEqual([
      ['create', 'job_queues', ':GRAPHILE_WORKER_SCHEMA.job_queues'],
      ['alter', 'job_queues', ':GRAPHILE_WORKER_SCHEMA.job_queues'],
      ['other', 'job_queues', ':GRAPHILE_WORKER_SCHEMA.job_queues'],
      ['insert', 'jobs', ':"worker_schema".jobs'],
      ['select', 'job_queues', ':GRAPHILE_WORKER_SCHEMA.job_queues'],
      ['alter', 'jobs', ':GRAPHILE_WORKER_SCHEMA.jobs'],
    ]);
  });

  it('a statement a psql variable stands in for a part of is counted, not reported', () => {
    expect(read('EXPLAIN (COSTS OFF) :qry;')).toEqual([['EXPLAIN (COSTS OFF) :qry', 'partial', undefined, 'psql variable']]);
  });

  it('without a psql variable, invalid PostgreSQL is still a parse error', () => {
    expect(read('SELECT * FROM WHERE x = 1;')).toEqual([
      ['SELECT * FROM WHERE x = 1', 'partial', 'syntax error at or near "WHERE"', undefined],
    ]);
  });

  it('\\copy … FROM stdin: its data lines up to \\. are not SQL, and the table it fills is kept', () => {
    const sql = [
      '\\copy geo.regions (code, name) FROM stdin WITH (FORMAT csv)',
      'EU-W,Western Europe',
      'EU-N,Northern Europe',
      '\\.',
      'SELECT count(*) FROM geo.regions;',
    ].join('\n');
    const statements = analyzeSql(sql, 'postgresql').statements;
    expect(statements.map((s) => [s.parse, s.parseError?.message])).toEqual([
      ['skipped', undefined],
      ['skipped', undefined],
      ['full', undefined],
    ]);
    expect(refTuples(sql, statements[0].tableRefs)).toEqual([['other', 'geo.regions', 'geo.regions']]);
    expect(statements[1].text).toBe('EU-W,Western Europe\nEU-N,Northern Europe\n\\.');
  });

  it('CREATE RULE … DO INSTEAD (a; b) is one statement, as psql sends it', () => {
    const sql =
      'create rule qqq as on delete to copydml_test do instead (insert into copydml_test default values; insert into copydml_test default values);\nselect 1;';
    expect(read(sql).map((r) => r.slice(1))).toEqual([
      ['full', undefined, undefined],
      ['full', undefined, undefined],
    ]);
  });

  it('in MySQL a backslash is no meta-command and a rule is no statement: nothing changes there', () => {
    const statements = analyzeSql("SELECT 'a\\\\gset' FROM t;\nSELECT 2;", 'mysql').statements;
    expect(statements.map((s) => s.parse)).toEqual(['full', 'full']);
  });
});
