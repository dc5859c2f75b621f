/**
 * CockroachDB's own SQL in a service that runs on CockroachDB (HELDOUT6 #11): PostgreSQL's parser rejects
 * `UPSERT INTO`, so there such a statement is read by tokens and counted as unsupported, never a
 * parse error; in a plain PostgreSQL service it stays one. Its tables are still read (`UPSERT INTO t`
 * inserts into t).
 */
import { describe, expect, it } from 'vitest';
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import parseError from '../../rules/parse-error.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { lint } from '../../src/lint.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { ruleTester } from '../rule-tester.js';

const bank: NilecareConfig = {
  services: [
    { name: 'ledger', roots: ['services/ledger'], databases: ['ledger'] },
    { name: 'accounts', roots: ['services/accounts'], databases: ['accounts'] },
  ],
};
const UPSERT = "UPSERT INTO balances (account_id, amount) VALUES ('a1', 0);";
const ledgerTable = 'CREATE TABLE IF NOT EXISTS balances (account_id TEXT PRIMARY KEY, amount BIGINT NOT NULL DEFAULT 0);';
const prismaCockroach = 'datasource db {\n  provider = "cockroachdb"\n  url      = env("DATABASE_URL")\n}\n';

/** jackson's TypeORM migrations, generated once per engine into migration/<engine>/ of one package. */
const sso: NilecareConfig = { services: [{ name: 'sso', roots: ['packages/sso'] }] };
const multiEngine = {
  'packages/sso/package.json': '{"name":"sso","dependencies":{"pg":"^8.11.0","mysql2":"^3.9.0","typeorm":"^0.3.20"}}',
  'packages/sso/migration/mysql/1669204920448-ms_Initial.ts':
    'export class MsInitial { async up(q) { await q.query("CREATE TABLE `jackson_ttl` (`key` varchar(1500) NOT NULL, PRIMARY KEY (`key`))"); } }\n',
};
const crdbMigration = [
  'export class PgInitial1733850225778 {',
  '  async up(queryRunner) {',
  '    await queryRunner.query(`CREATE TABLE "jackson_store" ("key" varchar(1500) NOT NULL, "value" string NOT NULL, "createdAt" timestamp NOT NULL DEFAULT current_timestamp(), CONSTRAINT "PK_87b6fc1475fbd1228d2f53c6f4a" PRIMARY KEY ("key"))`);',
  '    await queryRunner.query(`DROP INDEX "jackson_store"@"_jackson_store_namespace" CASCADE`);',
  '  }',
  '}',
  '',
].join('\n');

ruleTester.run(parseError, {
  valid: [
    {
      name: 'UPSERT in a service whose Prisma provider is cockroachdb',
      filename: 'services/ledger/migrations/V2__manual.sql',
      code: `${ledgerTable}\n${UPSERT}`,
      files: { 'services/ledger/prisma/schema.prisma': prismaCockroach },
      config: bank,
    },
    {
      name: 'UPSERT in code of a service whose compose file runs cockroachdb/cockroach, and one whose URL is on port 26257',
      filename: 'services/ledger/src/balances.ts',
      code: `import { Pool } from 'pg';\nexport const zero = (pool: Pool) => pool.query("${UPSERT}");`,
      files: {
        'services/ledger/docker-compose.yml':
          'services:\n  crdb:\n    image: cockroachdb/cockroach:v24.1.0\n    command: start-single-node\n',
        'services/accounts/.env.example': 'DATABASE_URL=postgresql://root@localhost:26257/accounts?sslmode=disable\n',
        'services/accounts/src/a.js': `exports.z = (pool) => pool.query("UPSERT INTO accounts (id) VALUES (1)");`,
      },
      config: bank,
    },
    {
      name: "TypeORM's CockroachDB migration in a migration/cockroachdb/ folder of a multi-engine service (HELDOUT13 #6)",
      filename: 'packages/sso/migration/cockroachdb/1733850225778-pg_Initial.ts',
      code: crdbMigration,
      files: multiEngine,
      config: sso,
    },
  ],
  invalid: [
    {
      name: 'the same CockroachDB statement in the migration/postgres/ folder beside it is a parse error, even where the service says CockroachDB',
      filename: 'packages/sso/migration/postgres/1733850225778-pg_Initial.ts',
      code: crdbMigration,
      files: { ...multiEngine, 'packages/sso/.env.example': 'DB_URL=postgresql://root@localhost:26257/postgres\n' },
      config: sso,
      errors: [
        { messageId: 'sqlSyntax', line: 3, column: 172, endLine: 3, endColumn: 173 },
        { messageId: 'sqlSyntax', line: 4, column: 56, endLine: 4, endColumn: 57 },
      ],
    },
    {
      name: 'the same UPSERT in a plain PostgreSQL service is a parse error',
      filename: 'services/ledger/migrations/V2__manual.sql',
      code: `${ledgerTable}\n${UPSERT}`,
      files: { 'services/ledger/package.json': '{"name":"ledger","dependencies":{"pg":"^8.11.0"}}' },
      config: bank,
      errors: [{ messageId: 'sqlSyntax', line: 2, column: 1, endLine: 2, endColumn: 7 }],
    },
  ],
});

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "UPSERT INTO the service's own table",
      filename: 'services/ledger/src/balances.ts',
      code: `import { Pool } from 'pg';\nexport const zero = (pool: Pool) => pool.query("${UPSERT}");`,
      files: { 'services/ledger/migrations/V1__balances.sql': ledgerTable, 'services/ledger/prisma/schema.prisma': prismaCockroach },
      config: bank,
    },
  ],
  invalid: [
    {
      name: "UPSERT INTO another service's table is a write into it, read from tokens",
      filename: 'services/accounts/src/seed.ts',
      code: `import { Pool } from 'pg';\nexport const zero = (pool: Pool) => pool.query("${UPSERT}");`,
      files: { 'services/ledger/migrations/V1__balances.sql': ledgerTable, 'services/ledger/prisma/schema.prisma': prismaCockroach },
      config: bank,
      errors: [
        {
          messageId: 'foreignTable',
          data: { service: 'accounts', verb: 'inserts into', table: 'balances', owner: 'ledger' },
          line: 2,
          column: 61,
          endLine: 2,
          endColumn: 69,
        },
      ],
    },
  ],
});

describe('CockroachDB evidence and the unsupported count (HELDOUT6 #11)', () => {
  it('counts the statements of a migration/cockroachdb/ folder as CockroachDB syntax, and still reads their tables (HELDOUT13 #6)', async () => {
    const tree = memoryTree({ ...multiEngine, 'packages/sso/migration/cockroachdb/1733850225778-pg_Initial.ts': crdbMigration });
    const run = await lint({ cwd: tree.root, tree, config: sso, suppressions: false });
    expect(run.unsupportedSql?.locations).toEqual([
      {
        file: 'packages/sso/migration/cockroachdb/1733850225778-pg_Initial.ts',
        line: 3,
        column: 30,
        construct: 'CockroachDB syntax',
        dialect: 'postgresql',
      },
      {
        file: 'packages/sso/migration/cockroachdb/1733850225778-pg_Initial.ts',
        line: 4,
        column: 30,
        construct: 'CockroachDB syntax',
        dialect: 'postgresql',
      },
    ]);
    expect(run.model.services.find((s) => s.name === 'sso')?.createdTables.map((t) => t.table)).toEqual(['jackson_store', 'jackson_ttl']);
    expect(run.diagnostics.filter((d) => d.ruleId === 'parse-error')).toEqual([]);
  });

  it("counts the UPSERT of a CockroachDB service as unsupported 'CockroachDB syntax', at its place", async () => {
    const tree = memoryTree({
      'services/ledger/migrations/V2__manual.sql': `${ledgerTable}\n${UPSERT}`,
      'services/ledger/prisma/schema.prisma': prismaCockroach,
    });
    const run = await lint({ cwd: tree.root, tree, config: bank, suppressions: false });
    expect(run.unsupportedSql?.locations).toEqual([
      { file: 'services/ledger/migrations/V2__manual.sql', line: 2, column: 1, construct: 'CockroachDB syntax', dialect: 'postgresql' },
    ]);
  });
});
