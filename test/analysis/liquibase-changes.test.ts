import { describe, expect, it } from 'vitest';
import type { OrmTableRef, SyntaxProblem } from '../../src/analysis/facts.js';
import { mayBeLiquibaseChangelog, parseLiquibaseChanges } from '../../src/analysis/liquibase-changes.js';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { decodeFacts, encodeFacts } from '../../src/analysis/facts-codec.js';
import { describeRef } from '../support/table-refs.js';

/** Each reference as `action table@written[->declaring]`, its span checked against the text. */
function read(path: string, text: string): string[] {
  const problems: SyntaxProblem[] = [];
  const refs = parseLiquibaseChanges(path, text, (p) => problems.push(p));
  expect(problems).toEqual([]);
  return refs.map((ref: OrmTableRef) => describeRef(text, ref));
}

const yamlChangelog = [
  'databaseChangeLog:',
  '  - changeSet:',
  '      id: 1',
  '      author: platform',
  '      changes:',
  '        - createTable:',
  '            tableName: accounts',
  '            schemaName: identity',
  '            columns:',
  '              - column:',
  '                  name: id',
  '                  type: BIGINT',
  '              - column:',
  '                  name: org_id',
  '                  constraints:',
  '                    foreignKeyName: fk_accounts_org',
  '                    references: crm.orgs(id)',
  '              - column:',
  '                  name: plan_id',
  '                  constraints:',
  "                    referencedTableName: 'plans'",
  '      rollback:',
  '        - dropTable:',
  '            tableName: accounts',
  '  - changeSet:',
  '      id: 2',
  '      author: platform',
  '      preConditions:',
  '        - tableExists:',
  '            tableName: legacy_accounts',
  '      changes:',
  '        - renameTable:',
  '            oldTableName: "account_tokens"',
  '            newTableName: tokens',
  '        - addForeignKeyConstraint:',
  '            baseTableName: tokens',
  '            baseColumnNames: account_id',
  '            referencedTableName: accounts',
  '            referencedTableSchemaName: identity',
  '            referencedColumnNames: id',
  '            constraintName: fk_tokens_account',
  '        - addColumn:',
  '            tableName: tokens',
  '            columns:',
  '              - column: { name: note, type: TEXT }',
  '        - insert:',
  '            tableName: plans',
  '            columns:',
  '              - column: { name: id, value: 1 }',
  '        - dropTable:',
  '            tableName: ${legacy}',
  '        - dropTable:',
  '            tableName: old_tokens',
  '        - sql:',
  '            sql: DELETE FROM sessions',
  '',
].join('\n');

describe('Liquibase changelogs', () => {
  it('reads the changes of each changeSet in YAML, at the table name as written, never rollback or preConditions', () => {
    expect(read('services/a/db/changelog/db.changelog-master.yaml', yamlChangelog)).toEqual([
      'create identity.accounts@accounts',
      'references crm.orgs@crm.orgs <-identity.accounts',
      'references plans@plans <-identity.accounts',
      'alter account_tokens@account_tokens =>tokens@tokens',
      'alter tokens@tokens',
      'references identity.accounts@accounts <-tokens',
      'alter tokens@tokens',
      'insert plans@plans',
      'drop old_tokens@old_tokens',
    ]);
  });

  it('reads the same changes in XML, attributes located, rollback and comments skipped', () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">',
      '  <!-- <createTable tableName="commented"/> -->',
      '  <changeSet id="1" author="platform">',
      '    <createTable tableName="accounts" schemaName="identity">',
      '      <column name="id" type="BIGINT"><constraints primaryKey="true"/></column>',
      "      <column name='org_id' type='BIGINT'>",
      "        <constraints foreignKeyName='fk_accounts_org' references='orgs(id)'/>",
      '      </column>',
      '    </createTable>',
      '    <rollback><dropTable tableName="accounts"/></rollback>',
      '  </changeSet>',
      '  <changeSet id="2" author="platform">',
      '    <preConditions><tableExists tableName="legacy"/></preConditions>',
      '    <renameTable oldTableName="account_tokens" newTableName="tokens"/>',
      '    <addForeignKeyConstraint baseTableName="tokens" baseColumnNames="account_id"',
      '        referencedTableName="accounts" referencedColumnNames="id" constraintName="fk_tokens_account"/>',
      '    <sql><![CDATA[ <dropTable tableName="cdata"/> ]]></sql>',
      '    <dropTable tableName="old_tokens"/>',
      '  </changeSet>',
      '</databaseChangeLog>',
      '',
    ].join('\n');
    expect(read('services/a/src/main/resources/db/changelog/changes/001-accounts.xml', xml)).toEqual([
      'create identity.accounts@accounts',
      'references orgs@orgs <-identity.accounts',
      'alter account_tokens@account_tokens =>tokens@tokens',
      'alter tokens@tokens',
      'references accounts@accounts <-tokens',
      'drop old_tokens@old_tokens',
    ]);
  });

  it('reads JSON changelogs, the name inside its quotes', () => {
    const json = JSON.stringify(
      {
        databaseChangeLog: [
          {
            changeSet: {
              id: '1',
              author: 'p',
              changes: [{ createTable: { tableName: 'ledgers', columns: [{ column: { name: 'id' } }] } }],
            },
          },
          { changeSet: { id: '2', author: 'p', changes: [{ dropView: { viewName: 'ledger_totals' } }] } },
        ],
      },
      null,
      2,
    );
    expect(read('services/l/changelog.json', json)).toEqual(['create ledgers@ledgers', 'drop ledger_totals@ledger_totals']);
  });

  it('is no changelog without databaseChangeLog and changeSet, and a rejected YAML changelog is a problem, not a crash', () => {
    expect(mayBeLiquibaseChangelog('a/values.yaml', 'databaseChangeLog: []\n')).toBe(false);
    expect(mayBeLiquibaseChangelog('a/notes.md', 'databaseChangeLog changeSet')).toBe(false);
    const problems: SyntaxProblem[] = [];
    expect(parseLiquibaseChanges('a/db.changelog.yaml', 'databaseChangeLog:\n  - changeSet: {\n', (p) => problems.push(p))).toEqual([]);
    expect(problems.map((p) => p.unanalysed)).toEqual(['rejected-document']);
    // Malformed XML stops where it breaks: what came before is kept.
    expect(
      read('a/changelog.xml', '<databaseChangeLog><changeSet><dropTable tableName="a"/><dropTable tableName=b/><dropTable tableName="c"/>'),
    ).toEqual(['drop a@a']);
  });

  it('gives a changelog file its schema changes as facts', () => {
    const facts = analyzeFile('services/a/db/changelog/db.changelog-master.yaml', yamlChangelog, {
      defaultDialect: 'postgresql',
      sqlCallees: [],
    });
    expect(facts.kind).toBe('other');
    expect(facts.schemaChanges?.map((r) => `${r.library} ${r.action} ${r.name}`).slice(0, 2)).toEqual([
      'liquibase create accounts',
      'liquibase references orgs',
    ]);
  });
  it('keeps the schema changes through the facts cache, and reads directives in a YAML changelog', () => {
    const text = `# nilecare-lint-disable-next-line unknown-table -- created by hand in 2023\n${yamlChangelog}`;
    const path = 'services/a/db/changelog/db.changelog-master.yaml';
    const facts = analyzeFile(path, text, { defaultDialect: 'postgresql', sqlCallees: [] });
    expect(facts.comments.map((c) => c.text)).toEqual(['# nilecare-lint-disable-next-line unknown-table -- created by hand in 2023']);
    expect(decodeFacts(encodeFacts(facts), path, facts.hash)?.schemaChanges).toEqual(facts.schemaChanges);
    expect(facts.schemaChanges).toHaveLength(9);
  });
});
