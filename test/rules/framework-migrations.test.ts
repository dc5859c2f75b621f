/**
 * Rails, Laravel and EF Core services' tables (HELDOUT8 #3): their migrations, read by tokens, make their tables
 * theirs, in the order of the migrations' versions, so a Node service reading them gets no-cross-service-query (not
 * unknown-table), a table a later migration renamed away is unknown, and a foreign key one of these migrations
 * declares to another service's table is no-cross-service-foreign-key at the name in the migration.
 */
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import crossServiceForeignKey from '../../rules/no-cross-service-foreign-key.js';
import unknownTable from '../../rules/unknown-table.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const config: NilecareConfig = {
  dialect: 'postgresql',
  services: ['accounts', 'catalog', 'billing', 'reports'].map((name) => ({ name, roots: [`services/${name}`] })),
};

const files = {
  'services/accounts/Gemfile': 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "pg"\n',
  // The later migration renames `members` away; the versions order them, whatever the listing order.
  'services/accounts/db/migrate/20240301090000_rename_members.rb':
    'class RenameMembers < ActiveRecord::Migration[7.1]\n  def change\n    rename_table :members, :customers\n  end\nend\n',
  'services/accounts/db/migrate/20240110120000_create_users.rb': [
    'class CreateUsers < ActiveRecord::Migration[7.1]',
    '  def change',
    '    create_table :users do |t|',
    '      t.string :email, null: false',
    '    end',
    '    create_table :members',
    '  end',
    'end',
    '',
  ].join('\n'),
  'services/catalog/composer.json': '{ "require": { "laravel/framework": "^11.0" } }\n',
  'services/catalog/database/migrations/2024_01_15_000000_create_products_table.php': [
    '<?php',
    'return new class extends Migration {',
    '    public function up(): void',
    '    {',
    "        Schema::create('products', function (Blueprint $table) {",
    '            $table->id();',
    '        });',
    '    }',
    '};',
    '',
  ].join('\n'),
  'services/billing/Billing.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
  'services/billing/Migrations/20240201093000_InitialCreate.cs': [
    'public partial class InitialCreate : Migration',
    '{',
    '    protected override void Up(MigrationBuilder migrationBuilder)',
    '    {',
    '        migrationBuilder.CreateTable(name: "invoices", columns: table => new { Id = table.Column<long>() });',
    '    }',
    '}',
    '',
  ].join('\n'),
  'services/reports/migrations/V1__report_runs.sql': 'CREATE TABLE report_runs (id BIGSERIAL PRIMARY KEY);',
};

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "a Node service's own table beside Rails, Laravel and EF Core services'",
      filename: 'services/reports/src/index.js',
      code: "module.exports = () => pool.query('SELECT id FROM report_runs');",
      files,
      config,
    },
  ],
  invalid: [
    {
      name: 'a Node service reading the tables Rails, Laravel and EF Core migrations create (HELDOUT8 #3)',
      filename: 'services/reports/src/index.js',
      code: [
        "const { Pool } = require('pg');",
        'const pool = new Pool();',
        "exports.run = () => pool.query('SELECT u.email, p.id, i.id FROM users u JOIN products p ON true JOIN invoices i ON true JOIN customers c ON true');",
      ].join('\n'),
      files,
      config,
      errors: [
        { messageId: 'foreignTable', line: 3, column: 65, endLine: 3, endColumn: 70, data: { table: 'users', owner: 'accounts' } },
        { messageId: 'foreignTable', line: 3, column: 78, endLine: 3, endColumn: 86, data: { table: 'products', owner: 'catalog' } },
        { messageId: 'foreignTable', line: 3, column: 102, endLine: 3, endColumn: 110, data: { table: 'invoices', owner: 'billing' } },
        { messageId: 'foreignTable', line: 3, column: 126, endLine: 3, endColumn: 135, data: { table: 'customers', owner: 'accounts' } },
      ],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: 'the tables of Rails, Laravel and EF Core migrations are known',
      filename: 'services/reports/src/index.js',
      code: "pool.query('SELECT 1 FROM users JOIN products ON true JOIN invoices ON true JOIN customers ON true');",
      files,
      config,
    },
  ],
  invalid: [
    {
      name: 'the name a later Rails migration renamed away is unknown',
      filename: 'services/reports/src/index.js',
      code: "pool.query('SELECT 1 FROM members');",
      files,
      config,
      errors: [{ messageId: 'unknownTable', line: 1, column: 27, endLine: 1, endColumn: 34 }],
    },
  ],
});

ruleTester.run(crossServiceForeignKey, {
  valid: [
    {
      name: "a Rails reference to its own service's table (users, pluralised from :user)",
      filename: 'services/accounts/db/migrate/20240401000000_create_sessions.rb',
      code: 'class CreateSessions < ActiveRecord::Migration[7.1]\n  def change\n    create_table :sessions do |t|\n      t.references :user, foreign_key: true\n    end\n  end\nend\n',
      files,
      config,
    },
  ],
  invalid: [
    {
      name: "foreign keys to another service's table in a Rails, a Laravel and an EF Core migration",
      filename: 'services/accounts/db/migrate/20240401000000_create_orders.rb',
      code: [
        'class CreateOrders < ActiveRecord::Migration[7.1]',
        '  def change',
        '    create_table :orders do |t|',
        '      t.references :product, foreign_key: true',
        '    end',
        '    add_foreign_key :users, :invoices, column: :last_invoice_id',
        '  end',
        'end',
      ].join('\n'),
      files,
      config,
      errors: [
        {
          messageId: 'foreignKey',
          line: 4,
          column: 21,
          endLine: 4,
          endColumn: 28,
          data: { table: 'orders', referenced: 'products', owner: 'catalog' },
        },
        {
          messageId: 'foreignKey',
          line: 6,
          column: 30,
          endLine: 6,
          endColumn: 38,
          data: { table: 'users', referenced: 'invoices', owner: 'billing' },
        },
      ],
    },
    {
      name: "a Laravel constrained() foreign id and an EF Core principalTable naming another service's table",
      filename: 'services/catalog/database/migrations/2024_02_01_000000_create_reviews_table.php',
      code: [
        '<?php',
        "Schema::create('reviews', function (Blueprint $table) {",
        "    $table->foreignId('user_id')->constrained();",
        '});',
      ].join('\n'),
      files: {
        ...files,
        'services/billing/Migrations/20240301000000_AddPayer.cs':
          'migrationBuilder.AddForeignKey(name: "FK_invoices_users", table: "invoices", column: "payer_id", principalTable: "users");\n',
      },
      config,
      errors: [
        {
          messageId: 'foreignKey',
          line: 1,
          column: 115,
          endLine: 1,
          endColumn: 120,
          file: 'services/billing/Migrations/20240301000000_AddPayer.cs',
          data: { table: 'invoices', referenced: 'users', owner: 'accounts' },
        },
        {
          messageId: 'foreignKey',
          line: 3,
          column: 24,
          endLine: 3,
          endColumn: 28,
          data: { table: 'reviews', referenced: 'users', owner: 'accounts' },
        },
      ],
    },
  ],
});
