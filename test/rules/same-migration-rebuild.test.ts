/**
 * TypeORM's SQLite table rebuild inside one migration (`CREATE TABLE "temporary_x"`, copy, `DROP TABLE "x"`, `ALTER
 * TABLE "temporary_x" RENAME TO "x"`) leaves history, not names (HELDOUT13 #17): the temporary name is judged nowhere;
 * its columns, which live on in `x`, stay judged (the first declaration is history through the DROP), and a table no
 * later statement of the migration renames is judged as ever.
 */
import booleanColumnName from '../../rules/boolean-column-name.js';
import tablePrefix from '../../rules/table-prefix.js';
import { ruleTester } from '../rule-tester.js';

const typeorm = (name: string, up: string[], down: string[] = []) =>
  `export class ${name} {\n  async up(queryRunner) {\n${up.map((q) => `    await queryRunner.query(\`${q}\`);\n`).join('')}  }\n  async down(queryRunner) {\n${down.map((q) => `    await queryRunner.query(\`${q}\`);\n`).join('')}  }\n}\n`;

const REBUILD = typeorm('Rebuild1716476500487', [
  'CREATE TABLE "billing_index" ("id" integer PRIMARY KEY NOT NULL, "key" varchar(250) NOT NULL)',
  'CREATE TABLE "temporary_billing_index" ("id" integer PRIMARY KEY NOT NULL, "key" varchar(250) NOT NULL, "storeKey" varchar(250))',
  'INSERT INTO "temporary_billing_index"("id", "key") SELECT "id", "key" FROM "billing_index"',
  'DROP TABLE "billing_index"',
  'ALTER TABLE "temporary_billing_index" RENAME TO "billing_index"',
]);

ruleTester.run(tablePrefix, {
  valid: [
    {
      name: "jackson's rebuild: temporary_<table> renamed back in the same migration (HELDOUT13 #17)",
      filename: 'services/billing/src/migrations/sqlite/1716476500487-Rebuild.ts',
      code: REBUILD,
    },
  ],
  invalid: [
    {
      name: 'a temporary table the up half never renames is judged; a rename in the down half does not count',
      filename: 'services/billing/src/migrations/sqlite/1716476500488-Scratch.ts',
      code: typeorm(
        'Scratch1716476500488',
        ['CREATE TABLE "temp_billing_runs" ("id" integer PRIMARY KEY NOT NULL)'],
        ['ALTER TABLE "temp_billing_runs" RENAME TO "billing_runs"'],
      ),
      errors: [{ messageId: 'missingPrefix', data: { table: 'temp_billing_runs' }, line: 3, column: 43, endLine: 3, endColumn: 62 }],
    },
  ],
});

ruleTester.run(booleanColumnName, {
  valid: [
    {
      name: 'a rebuild keeping is_deployed: nothing to judge',
      filename: 'services/billing/src/migrations/sqlite/1693920824108-ModifyChatFlow.ts',
      code: typeorm('ModifyChatFlow1693920824108', [
        'CREATE TABLE "temp_billing_flow" ("id" varchar PRIMARY KEY NOT NULL, "is_deployed" boolean)',
        'DROP TABLE billing_flow',
        'ALTER TABLE temp_billing_flow RENAME TO billing_flow',
      ]),
    },
  ],
  invalid: [
    {
      name: "flowise's rebuild of chat_flow: the first declaration of `deployed` is history through the DROP, the rebuild's is the live one and stays judged (HELDOUT13 #17)",
      filename: 'services/billing/src/migrations/sqlite/1693920824108-ModifyChatFlow.ts',
      code: typeorm('ModifyChatFlow1693920824108', [
        'CREATE TABLE "temp_billing_flow" ("id" varchar PRIMARY KEY NOT NULL, "deployed" boolean)',
        'INSERT INTO "temp_billing_flow" ("id", "deployed") SELECT "id", "deployed" FROM "billing_flow"',
        'DROP TABLE billing_flow',
        'ALTER TABLE temp_billing_flow RENAME TO billing_flow',
      ]),
      files: {
        'services/billing/src/migrations/sqlite/1693891895163-Init.ts': typeorm('Init1693891895163', [
          'CREATE TABLE "billing_flow" ("id" varchar PRIMARY KEY NOT NULL, "deployed" boolean)',
        ]),
      },
      errors: [
        {
          messageId: 'badName',
          data: { column: 'deployed', table: 'temp_billing_flow' },
          line: 3,
          column: 99,
          endLine: 3,
          endColumn: 109,
        },
      ],
    },
  ],
});
