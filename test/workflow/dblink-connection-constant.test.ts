/**
 * A dblink connection string held in a constant (`const remote = 'dbname=billing_db …'`, then `dblink('${remote}', …)`)
 * is another database's, which the service reads through its own connection: no setting of the service's own database,
 * so no no-shared-database finding there (the read itself is no-cross-service-query's). The same constant handed to the
 * service's own pool is its connection, and shares billing's database.
 */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { usedAsDblinkConnection } from '../../src/analysis/typescript/dblink-connection.js';

const service = (name: string, database: string) => ({
  [`services/${name}/package.json`]: JSON.stringify({ name, dependencies: { pg: '^8.11.5' } }),
  [`services/${name}/.env.example`]: `DB_NAME=${database}\n`,
  [`services/${name}/migrations/V1__init.sql`]: `CREATE TABLE ${name}_entries (id int PRIMARY KEY);\n`,
});

async function findings(report: string) {
  const tree = memoryTree({
    ...service('orders', 'orders_db'),
    ...service('billing', 'billing_db'),
    'services/orders/src/report.ts': report,
  });
  const run = await lint({ cwd: tree.root, tree });
  return {
    databases: run.model.serviceByName('orders')!.databases.map((d) => d.name),
    found: run.diagnostics
      .filter((d) => d.ruleId === 'no-shared-database' || d.ruleId === 'no-cross-service-query')
      .map((d) => [d.ruleId, d.file, d.line, d.column, d.endLine, d.endColumn]),
  };
}

describe('a dblink connection string in a constant', () => {
  it("is not the service's own database: only the dblink read is reported", async () => {
    const { databases, found } = await findings(
      "import { Pool } from 'pg';\nconst pool = new Pool();\nconst remote = 'dbname=billing_db host=billing-db user=reporter';\n" +
        "export const owed = () => pool.query(`SELECT * FROM dblink('${remote}', 'SELECT id FROM billing_entries') AS t(id int)`);\n",
    );
    expect(databases).toEqual(['orders_db']);
    expect(found).toEqual([['no-cross-service-query', 'services/orders/src/report.ts', 4, 89, 4, 104]]);
  });

  it("handed to the service's own pool, it is its connection: billing's database shared", async () => {
    const { databases, found } = await findings(
      "import { Pool } from 'pg';\nconst remote = 'dbname=billing_db host=billing-db user=reporter';\nconst pool = new Pool({ connectionString: remote });\n" +
        "export const owed = () => pool.query('SELECT id FROM orders_entries');\n",
    );
    expect(databases).toEqual(['orders_db', 'billing_db']);
    expect(found).toContainEqual(['no-shared-database', 'services/orders/src/report.ts', 2, 16, 2, 65]);
  });
});

describe('usedAsDblinkConnection', () => {
  it('reads the first argument, bare, interpolated or quoted, and the second after a quoted link name', () => {
    expect(usedAsDblinkConnection("dblink('${remote}', 'SELECT 1')", 'remote')).toBe(true);
    expect(usedAsDblinkConnection('DBLINK_EXEC( ${remote} , $$DELETE FROM t$$)', 'remote')).toBe(true);
    expect(usedAsDblinkConnection("dblink_connect('link', '${remote}')", 'remote')).toBe(true);
    expect(usedAsDblinkConnection("dblink('${remoteDb}', 'SELECT 1')", 'remote')).toBe(false);
    expect(usedAsDblinkConnection("dblink('link', 'SELECT ${remote}')", 'remote')).toBe(false);
    expect(usedAsDblinkConnection('new Pool({ connectionString: remote })', 'remote')).toBe(false);
  });
});
