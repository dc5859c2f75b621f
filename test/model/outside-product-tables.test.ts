/**
 * A product's schema outside every service (zabbix's database/mysql/schema.sql beside Redmine, HELDOUT10 #22): its
 * `CREATE TABLE users` names no database, and neither does Redmine's `create_table :users`. Two declarations are one table
 * only when both say where they live: zabbix's `users` is its own, owned by nobody like its other tables, and what the
 * files of its folder say of `users` is about it. A root copy of a service's own schema stays that service's.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { unownedDeclaredTables } from '../../src/model/unowned-tables.js';

const REDMINE: Record<string, string> = {
  'services/redmine/Gemfile': "source 'https://rubygems.org'\ngem 'rails', '6.1.7'\ngem 'mysql2', '~> 0.5.0'\n",
  'services/redmine/db/migrate/001_setup.rb': [
    'class Setup < ActiveRecord::Migration[4.2]',
    '  def self.up',
    '    create_table "users", :force => true do |t|',
    '      t.column "login", :string, :limit => 30, :default => "", :null => false',
    '    end',
    '    create_table "settings", :force => true do |t|',
    '      t.column "name", :string, :limit => 30, :default => "", :null => false',
    '    end',
    '    create_table "issues", :force => true do |t|',
    '      t.column "subject", :string, :default => "", :null => false',
    '    end',
    '  end',
    'end',
    '',
  ].join('\n'),
};

const ZABBIX: Record<string, string> = {
  'services/zabbix-server/database/mysql/schema.sql': [
    "CREATE TABLE `users` (`userid` bigint unsigned NOT NULL, `username` varchar(100) DEFAULT '' NOT NULL, PRIMARY KEY (userid));",
    "CREATE TABLE `hosts` (`hostid` bigint unsigned NOT NULL, `host` varchar(128) DEFAULT '' NOT NULL, PRIMARY KEY (hostid));",
    'CREATE TABLE `items` (`itemid` bigint unsigned NOT NULL, `hostid` bigint unsigned NOT NULL, PRIMARY KEY (itemid));',
    "CREATE TABLE `sessions` (`sessionid` varchar(32) DEFAULT '' NOT NULL, `userid` bigint unsigned NOT NULL, PRIMARY KEY (sessionid));",
    'ALTER TABLE `sessions` ADD CONSTRAINT `c_sessions_1` FOREIGN KEY (`userid`) REFERENCES `users` (`userid`) ON DELETE CASCADE;',
    '',
  ].join('\n'),
  'services/zabbix-server/database/mysql/images.sql': "INSERT INTO users (userid, username) VALUES (1, 'Admin');\n",
};

async function run(files: Record<string, string>, config: object = { rules: { 'no-cross-service-query': 'error' } }) {
  const memory = memoryTree(files, { root: '/ops-tools' });
  const result = await lint({ cwd: memory.root, tree: memory, config });
  expect(result.internalErrors).toEqual([]);
  return result;
}

const at = (d: { ruleId: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string }) =>
  `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`;

describe("a product's schema outside every service beside a service's tables of the same names (HELDOUT10 #22)", () => {
  it("zabbix's users is its own table, nobody's: listed with its siblings, and its folder's files mean it", async () => {
    const result = await run({
      ...REDMINE,
      ...ZABBIX,
      // A query file of zabbix's folder (code outside every service acts for its folder): it reads zabbix's users, no crossing.
      'services/zabbix-server/database/mysql/active-users.sql': 'SELECT username FROM users WHERE userid > 1;\n',
    });
    expect(result.model.services.map((s) => s.name)).toEqual(['redmine']);
    expect(unownedDeclaredTables(result.model).map((t) => t.name)).toEqual(['hosts', 'items', 'sessions', 'users']);
    const images = 'services/zabbix-server/database/mysql/images.sql';
    expect(result.model.resolveTable({ name: 'users' }, undefined, images).kind).toBe('unknown');
    // Redmine's own users is still Redmine's.
    const redmine = result.model.serviceByName('redmine')!;
    const own = result.model.resolveTable({ name: 'users' }, redmine, 'services/redmine/app/models/user.rb');
    expect(own.kind === 'owned' && own.owner.name).toBe('redmine');
    expect(result.diagnostics.filter((d) => d.ruleId === 'no-cross-service-query').map(at)).toEqual([]);
  });

  it('after init claims Redmine\'s users by name ("tables": ["users", …]), zabbix\'s is still its own', async () => {
    const result = await run(
      { ...REDMINE, ...ZABBIX },
      {
        services: [{ name: 'redmine', roots: ['services/redmine'], tables: ['issues', 'settings', 'users'] }],
        rules: { 'no-cross-service-query': 'error' },
      },
    );
    expect(unownedDeclaredTables(result.model).map((t) => t.name)).toEqual(['hosts', 'items', 'sessions', 'users']);
    expect(result.diagnostics.filter((d) => d.ruleId === 'no-cross-service-query').map(at)).toEqual([]);
  });

  it("a claim of the outside table by a service that creates none is the config's word: the table is that service's", async () => {
    const result = await run(
      {
        ...REDMINE,
        ...ZABBIX,
        'services/monitoring/package.json': JSON.stringify({ name: 'monitoring', dependencies: { mysql2: '^3.0.0' } }),
      },
      {
        services: [
          { name: 'redmine', roots: ['services/redmine'] },
          { name: 'monitoring', roots: ['services/monitoring'], tables: ['hosts', 'items'] },
        ],
      },
    );
    // users is still no table of Redmine's: the file is no copy of Redmine's schema.
    expect(unownedDeclaredTables(result.model).map((t) => t.name)).toEqual(['sessions', 'users']);
    const hosts = result.model.resolveTable({ name: 'hosts' }, undefined, 'services/zabbix-server/database/mysql/images.sql');
    expect(hosts.kind === 'owned' && hosts.owner.name).toBe('monitoring');
  });

  it("a query in another folder outside every service still reads Redmine's users; a root copy of Redmine's schema is Redmine's", async () => {
    const result = await run({
      ...REDMINE,
      ...ZABBIX,
      'reports/monthly.sql': '-- monthly report\nSELECT login FROM users WHERE id > 1;\n',
      'database/redmine-schema.sql':
        'CREATE TABLE users (id integer NOT NULL, login varchar(30) NOT NULL, PRIMARY KEY (id));\nCREATE TABLE issues (id integer NOT NULL, PRIMARY KEY (id));\n',
      'database/admins.sql': "SELECT id FROM users WHERE login = 'admin';\n",
    });
    expect(unownedDeclaredTables(result.model).map((t) => t.name)).toEqual(['hosts', 'items', 'sessions', 'users']);
    expect(unownedDeclaredTables(result.model).find((t) => t.name === 'users')?.files).toEqual([
      'services/zabbix-server/database/mysql/schema.sql',
    ]);
    expect(result.diagnostics.filter((d) => d.ruleId === 'no-cross-service-query').map(at)).toEqual([
      "no-cross-service-query database/admins.sql:1:16-1:21 Code in 'database', outside every service, reads table 'users' owned by service 'redmine'.",
      "no-cross-service-query reports/monthly.sql:2:19-2:24 Code in 'reports', outside every service, reads table 'users' owned by service 'redmine'.",
    ]);
  });
});
