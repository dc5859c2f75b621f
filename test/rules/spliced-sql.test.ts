/**
 * SQL composed from pieces in one file (HELDOUT11 #13, pg-boss's plans.js): a statement's text whose holes the file's
 * own functions and constants fill. The CTEs it declares — written, or declared by what fills a hole of its WITH list —
 * are no tables in its pieces, and a piece (a routine body's `IF … END IF;`, a lone `WITH w AS (…)`) is no statement.
 */
import parseError from '../../rules/parse-error.js';
import unknownTable from '../../rules/unknown-table.js';
import { ruleTester } from '../rule-tester.js';

const config = { dialect: 'postgresql' as const, services: [{ name: 'queue', roots: ['services/queue'] }] };
const files = {
  'services/queue/migrations/V1__init.sql':
    'CREATE TABLE job (id uuid PRIMARY KEY, name text, state text, output jsonb);\nCREATE TABLE queue (name text PRIMARY KEY, partition bool);',
};

/** failJobs(): `WITH ${failJobsBody(…)} ${settledCountAndIds()}`, the body's CTEs read by the tail and the condition. */
const FAIL_JOBS = [
  'function settledCountAndIds() {',
  '  return "SELECT COUNT(*), COALESCE(array_agg(id), \'{}\'::uuid[]) AS ids FROM results";',
  '}',
  'function failJobsBody(schema, where, output) {',
  '  return `deleted_jobs AS (',
  '      DELETE FROM ${schema}.job WHERE ${where} RETURNING *',
  '    ),',
  '    results AS (',
  '      INSERT INTO ${schema}.job (id, name, output) SELECT id, name, ${output} FROM deleted_jobs RETURNING id',
  '    )`;',
  '}',
  'export function failJobs(schema, where, output, returnIds) {',
  '  return `WITH ${failJobsBody(schema, where, output)}',
  '    ${returnIds ? settledCountAndIds() : "SELECT COUNT(*) FROM results"}`;',
  '}',
  'export function failJobsByIdWithOutputs(schema) {',
  "  const where = `name = $1 AND id IN (SELECT id FROM output_map) AND state = 'active'`;",
  "  const output = '(SELECT om.output FROM output_map om WHERE om.id = deleted_jobs.id)';",
  '  return `WITH output_map AS (SELECT * FROM json_to_recordset($2::text::json) AS x (id uuid, output jsonb)),',
  '    ${failJobsBody(schema, where, output)}',
  '    ${settledCountAndIds()}`;',
  '}',
].join('\n');

/** A CTE a function returns as an item of the list, its name read by the UPDATE another function returns; items after it. */
const RESOLVE_FLOW = [
  'function lockedChildrenCte(schema) {',
  '  return `locked_children AS (SELECT j.name, j.id FROM ${schema}.job j WHERE j.state = $2 FOR UPDATE OF j)`;',
  '}',
  'function unblockChildrenUpdate(schema) {',
  '  return `UPDATE ${schema}.job j SET state = $3 FROM locked_children lc WHERE j.id = lc.id`;',
  '}',
  'export function resolveFlowJobs(schema) {',
  '  return {',
  '    text: `WITH locked_parents AS (SELECT j.id FROM ${schema}.job j WHERE j.name = ANY($1::text[])),',
  '    ${lockedChildrenCte(schema)},',
  '    unblocked AS (${unblockChildrenUpdate(schema)} RETURNING 1),',
  '    cleared AS (UPDATE ${schema}.job j SET state = $4 FROM locked_parents p WHERE j.id = p.id RETURNING 1)',
  '    SELECT COUNT(*)::int AS resolved FROM cleared`,',
  '  };',
  '}',
].join('\n');

/** A hole glued to the next CTE's name (`${lock.cte}win AS (`), and a tail that reads the list's CTE. */
const LOCK_AND_TAIL = [
  'function tryAdvisoryLock(noLocks) {',
  "  return noLocks ? { cte: '', guard: '' } : { cte: 'lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(1) AS got),', guard: '' };",
  '}',
  'export function trueUp(schema, noLocks) {',
  '  const lock = tryAdvisoryLock(noLocks);',
  '  return `WITH ${lock.cte}win AS (SELECT q.name FROM ${schema}.queue q) SELECT w.name FROM win w`;',
  '}',
  'export function updateJob(schema, notify) {',
  '  const tail = notify',
  "    ? `, notified AS (SELECT pg_notify('q', 'x') FROM upd LIMIT 1) SELECT id FROM upd WHERE (SELECT count(*) FROM notified) >= 0`",
  '    : `SELECT id FROM upd`;',
  '  return `WITH upd AS (UPDATE ${schema}.job SET state = $2 WHERE id = $1 RETURNING id) ${tail}`;',
  '}',
].join('\n');

/** pg-boss's deleteQueueFunction: a routine body piece kept in a const; a lone CTE list written before the statement. */
const PIECES = [
  'export function deleteQueueFunction(schema, noPartitioning) {',
  '  const deleteJobsSql = noPartitioning ? `DELETE FROM ${schema}.job WHERE name = queue_name;` : `',
  '      SELECT partition FROM ${schema}.queue WHERE name = queue_name INTO v_partition;',
  '      IF v_partition THEN',
  "        EXECUTE format('DROP TABLE IF EXISTS ${schema}.%I', queue_name);",
  '      ELSE',
  '        DELETE FROM ${schema}.job WHERE name = queue_name;',
  '      END IF;',
  '    `;',
  '  return `',
  '    CREATE FUNCTION ${schema}.delete_queue(queue_name text) RETURNS VOID AS',
  '    $$',
  '    DECLARE v_partition bool;',
  '    BEGIN',
  '      ${deleteJobsSql}',
  '    END;',
  '    $$ LANGUAGE plpgsql;',
  '  `;',
  '}',
  'export function timeline(schema, auto) {',
  "  const widthCte = auto ? 'WITH w AS (SELECT greatest($5, 1)::bigint AS secs)' : 'WITH w AS (SELECT $5::bigint AS secs)';",
  '  return `',
  '    ${widthCte}, buckets AS (SELECT w.secs FROM w)',
  '    SELECT b.secs, count(*) FROM ${schema}.job j, buckets b GROUP BY 1`;',
  '}',
].join('\n');

ruleTester.run(unknownTable, {
  valid: [
    {
      name: 'a CTE list a function fills (`WITH ${failJobsBody(…)}`), read by a tail, a conditional and a condition handed to it',
      filename: 'services/queue/src/plans.js',
      code: FAIL_JOBS,
      files,
      config,
    },
    {
      name: 'a CTE item a function returns, read by the UPDATE another returns, and the items written after it',
      filename: 'services/queue/src/flow.js',
      code: RESOLVE_FLOW,
      files,
      config,
    },
    {
      name: 'a hole glued to the next CTE name, and a tail kept in a const',
      filename: 'services/queue/src/stats.js',
      code: LOCK_AND_TAIL,
      files,
      config,
    },
    {
      name: 'a statement whose WITH list another module fills may declare any CTE it reads',
      filename: 'services/queue/src/plans.js',
      code: [
        "import { failJobsBody } from './bodies.js';",
        'export const fail = (pool, schema) => pool.query(`WITH ${failJobsBody(schema)} SELECT COUNT(*) FROM results`);',
      ].join('\n'),
      files,
      config,
    },
    {
      name: 'a lone CTE list written before the statement in a hole',
      filename: 'services/queue/src/timeline.js',
      code: PIECES,
      files,
      config,
    },
  ],
  invalid: [
    {
      name: 'a tail run on its own, never spliced into a statement declaring the CTE, names a table',
      filename: 'services/queue/src/settle.js',
      code: [
        'function settledCount() {',
        '  return "SELECT COUNT(*) FROM results";',
        '}',
        'export const settle = (pool) => pool.query(settledCount());',
      ].join('\n'),
      files,
      config,
      errors: [{ messageId: 'unknownTable', line: 2, column: 32, endLine: 2, endColumn: 39 }],
    },
    {
      name: "a piece reads a name the statement's CTE list does not declare",
      filename: 'services/queue/src/plans.js',
      code: [
        'function tail() {',
        '  return `SELECT COUNT(*) FROM result_rows`;',
        '}',
        'export const fail = (schema) => `WITH results AS (DELETE FROM ${schema}.job WHERE id = $1 RETURNING id)',
        '  ${tail()}`;',
      ].join('\n'),
      files,
      config,
      errors: [{ messageId: 'unknownTable', line: 2, column: 32, endLine: 2, endColumn: 43 }],
    },
    {
      name: 'a statement whose WITH list another module fills still names the tables it qualifies',
      filename: 'services/queue/src/plans.js',
      code: [
        "import { failJobsBody } from './bodies.js';",
        'export const fail = (pool, schema) => pool.query(`WITH ${failJobsBody(schema)} SELECT COUNT(*) FROM results, audit.job_events e`);',
      ].join('\n'),
      files,
      config,
      errors: [{ messageId: 'unknownTable', line: 2, column: 110, endLine: 2, endColumn: 126 }],
    },
  ],
});

ruleTester.run(parseError, {
  valid: [
    {
      name: 'a routine body piece and a lone CTE list, each filling a hole of a statement, are no statements',
      filename: 'services/queue/src/plans.js',
      code: PIECES,
      files,
      config,
    },
  ],
  invalid: [
    {
      name: 'the same lone CTE list run as a statement of its own is one',
      filename: 'services/queue/src/plans.js',
      code: "const width = 'WITH w AS (SELECT greatest($5, 1)::bigint AS secs)';\nexport const run = (pool) => pool.query(width);",
      files,
      config,
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 65, endLine: 1, endColumn: 66 }],
    },
  ],
});
