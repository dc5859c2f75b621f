/**
 * Rails, Laravel and EF Core migrations read by tokens (HELDOUT8 #3): the tables they create, rename, drop, change and
 * reference become table references located at the name's text (without quotes or the symbol's colon), as a knex
 * migration's are; their reverting halves, comments, heredocs and SQL strings name nothing.
 */
import { describe, expect, it } from 'vitest';
import type { OrmTableRef } from '../../src/analysis/facts.js';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { readSchemaCode } from '../../src/analysis/migrations/index.js';
import { parseEfCoreMigration } from '../../src/analysis/migrations/efcore.js';
import { parseLaravelMigration } from '../../src/analysis/migrations/laravel.js';
import { parseRailsSchema, pluralize } from '../../src/analysis/migrations/rails.js';
import { describeRef } from '../support/table-refs.js';

/** Each reference as `library action table@written[=>new@written][<-declaring]`, its spans checked against the text. */
function show(text: string, refs: OrmTableRef[]): string[] {
  return refs.map((ref) => describeRef(text, ref, true));
}

const RAILS_MIGRATION = [
  'class CreateOrders < ActiveRecord::Migration[7.1]',
  '  def change',
  '    create_table :orders do |t|',
  '      t.references :customer, null: false, foreign_key: true',
  '      t.belongs_to :buyer, foreign_key: { to_table: :accounts }',
  '      t.references :item, polymorphic: true, foreign_key: true',
  '      t.references :coupon',
  '      t.string :note # create_table :commented',
  '      t.timestamps',
  '    end',
  '    add_reference :line_items, :category, foreign_key: true',
  '    add_foreign_key "shipments", "billing.addresses", column: :address_id',
  '    rename_table :carts, :baskets',
  '    create_table("order_events", id: :uuid) { |t| t.string :kind }',
  '    execute <<~SQL',
  "      CREATE TABLE isn't_read (id int);",
  '      drop_table :heredoc',
  '    SQL',
  '    add_index :orders, :note',
  '=begin',
  '    drop_table :block_comment',
  '=end',
  '  end',
  '',
  '  def down',
  '    drop_table :orders',
  '  end',
  'end',
].join('\n');

const RAILS_SCHEMA = [
  '# This file is auto-generated from the current state of the database.',
  'ActiveRecord::Schema[7.1].define(version: 2024_03_01_120000) do',
  '  enable_extension "plpgsql"',
  '',
  '  create_table "orders", force: :cascade do |t|',
  '    t.bigint "customer_id", null: false',
  '    t.index ["customer_id"], name: "index_orders_on_customer_id"',
  '  end',
  '',
  '  add_foreign_key "orders", "customers"',
  'end',
].join('\n');

const LARAVEL = [
  '<?php',
  '',
  'use Illuminate\\Database\\Migrations\\Migration;',
  "// Schema::create('commented', fn ($t) => $t->id());",
  'return new class extends Migration',
  '{',
  '    public function up(): void',
  '    {',
  "        Schema::create('orders', function (Blueprint $table) {",
  '            $table->id();',
  "            $table->foreignId('user_id')->constrained()->cascadeOnDelete();",
  "            $table->foreignUuid('warehouse_id')->constrained('depots');",
  "            $table->unsignedBigInteger('category_id');",
  "            $table->foreign('category_id')->references('id')->on('catalog.categories');",
  "            $table->foreignId('coupon_id')->nullable();",
  '        });',
  "        Schema::table('invoices', fn (Blueprint $t) => $t->foreign('order_id')->references('id')->on('orders'));",
  "        Schema::connection('reporting')->create('order_stats', function (Blueprint $table) {});",
  "        Schema::rename('carts', 'baskets');",
  "        Schema::dropIfExists('legacy_orders');",
  "        DB::statement('CREATE TABLE not_read (id int)');",
  '    }',
  '',
  '    public function down(): void',
  '    {',
  "        Schema::dropIfExists('orders');",
  '    }',
  '};',
].join('\n');

const EF_MIGRATION = [
  'using Microsoft.EntityFrameworkCore.Migrations;',
  '',
  'namespace Billing.Migrations',
  '{',
  '    /// <inheritdoc />',
  '    public partial class InitialCreate : Migration',
  '    {',
  '        protected override void Up(MigrationBuilder migrationBuilder)',
  '        {',
  '            migrationBuilder.EnsureSchema(name: "billing");',
  '            migrationBuilder.CreateTable(',
  '                name: "Invoices",',
  '                schema: "billing",',
  '                columns: table => new',
  '                {',
  '                    Id = table.Column<long>(type: "bigint", nullable: false),',
  '                    CustomerId = table.Column<long>(type: "bigint", nullable: false)',
  '                },',
  '                constraints: table =>',
  '                {',
  '                    table.PrimaryKey("PK_Invoices", x => x.Id);',
  '                    table.ForeignKey(',
  '                        name: "FK_Invoices_Customers_CustomerId",',
  '                        column: x => x.CustomerId,',
  '                        principalSchema: "crm",',
  '                        principalTable: "Customers",',
  '                        principalColumn: "Id",',
  '                        onDelete: ReferentialAction.Cascade);',
  '                });',
  '            // migrationBuilder.DropTable(name: "Commented");',
  '            migrationBuilder.AddColumn<string>(name: "Note", schema: "billing", table: "Invoices", nullable: true);',
  '            migrationBuilder.AddForeignKey(name: "FK_Lines_Orders", table: "InvoiceLines", column: "OrderId", principalTable: "Orders");',
  '            migrationBuilder.RenameTable(name: "Carts", newName: "Baskets");',
  '            migrationBuilder.DropTable(name: "LegacyInvoices");',
  '            migrationBuilder.Sql(@"CREATE TABLE ""NotRead"" (id int)");',
  '        }',
  '',
  '        protected override void Down(MigrationBuilder migrationBuilder)',
  '        {',
  '            migrationBuilder.DropTable(name: "Invoices", schema: "billing");',
  '        }',
  '    }',
  '}',
].join('\n');

const EF_SNAPSHOT = [
  '[DbContext(typeof(BillingDbContext))]',
  'partial class BillingDbContextModelSnapshot : ModelSnapshot',
  '{',
  '    protected override void BuildModel(ModelBuilder modelBuilder)',
  '    {',
  '        modelBuilder.Entity("Billing.Invoice", b =>',
  '            {',
  '                b.Property<long>("Id");',
  '                b.ToTable("Invoices", "billing");',
  '            });',
  '    }',
  '}',
].join('\n');

describe('Rails migrations and db/schema.rb', () => {
  it('reads create_table, references with foreign keys, rename_table, add_index; never def down, comments or heredocs', () => {
    expect(show(RAILS_MIGRATION, parseRailsSchema(RAILS_MIGRATION))).toEqual([
      'activerecord create orders@orders',
      'activerecord references customers@customer <-orders',
      'activerecord references accounts@accounts <-orders',
      'activerecord alter line_items@line_items',
      'activerecord references categories@category <-line_items',
      'activerecord references billing.addresses@billing.addresses <-shipments',
      'activerecord alter carts@carts =>baskets@baskets',
      'activerecord create order_events@order_events',
      'activerecord alter orders@orders',
    ]);
  });

  it('reads the schema dump: its tables and add_foreign_key', () => {
    expect(show(RAILS_SCHEMA, parseRailsSchema(RAILS_SCHEMA))).toEqual([
      'activerecord create orders@orders',
      'activerecord references customers@customers <-orders',
    ]);
  });

  it("old-style def self.up / def self.down: only the up half; a variable's name is no table", () => {
    const text = [
      'class AddUsers < ActiveRecord::Migration',
      '  def self.up',
      '    create_table :users',
      '    drop_table table_name',
      '  end',
      '  def self.down',
      '    drop_table :users',
      '  end',
      'end',
    ].join('\n');
    expect(show(text, parseRailsSchema(text))).toEqual(['activerecord create users@users']);
  });

  it("pluralises a reference's name as Rails' default inflections do", () => {
    expect(['user', 'category', 'address', 'box', 'person', 'order_item', 'equipment', 'day', 'Bad-Name'].map(pluralize)).toEqual([
      'users',
      'categories',
      'addresses',
      'boxes',
      'people',
      'order_items',
      'equipment',
      'days',
      undefined,
    ]);
  });
});

describe('Laravel migrations', () => {
  it("reads Schema::create / table / rename / dropIfExists and the closure's foreign keys; never down(), comments or SQL strings", () => {
    expect(show(LARAVEL, parseLaravelMigration(LARAVEL))).toEqual([
      'laravel create orders@orders',
      'laravel references users@user <-orders',
      'laravel references depots@depots <-orders',
      'laravel references catalog.categories@catalog.categories <-orders',
      'laravel alter invoices@invoices',
      'laravel references orders@orders <-invoices',
      'laravel create order_stats@order_stats',
      'laravel alter carts@carts =>baskets@baskets',
      'laravel drop legacy_orders@legacy_orders',
    ]);
  });
});

describe('EF Core migrations and the model snapshot', () => {
  it("reads CreateTable with its constraints' foreign keys, AddColumn, AddForeignKey, RenameTable, DropTable; never Down(), comments or Sql()", () => {
    expect(show(EF_MIGRATION, parseEfCoreMigration(EF_MIGRATION, 'Migrations/20240201093000_InitialCreate.cs'))).toEqual([
      'efcore create billing.Invoices@Invoices',
      'efcore references crm.Customers@Customers <-billing.Invoices',
      'efcore alter billing.Invoices@Invoices',
      'efcore references Orders@Orders <-InvoiceLines',
      'efcore alter Carts@Carts =>Baskets@Baskets',
      'efcore drop LegacyInvoices@LegacyInvoices',
    ]);
  });

  it("reads the snapshot's ToTable; a designer half (the model repeated per migration) names nothing", () => {
    expect(show(EF_SNAPSHOT, parseEfCoreMigration(EF_SNAPSHOT, 'Migrations/BillingDbContextModelSnapshot.cs'))).toEqual([
      'efcore create billing.Invoices@Invoices',
    ]);
    expect(parseEfCoreMigration(EF_SNAPSHOT, 'Migrations/20240201093000_InitialCreate.Designer.cs')).toEqual([]);
  });
});

describe('the schema-code readers in the pipeline', () => {
  it("hands each file to its framework by path: facts.schemaChanges; other Ruby, PHP and C# are no reader's", () => {
    const facts = analyzeFile('services/orders/db/migrate/20240110120000_create_orders.rb', RAILS_MIGRATION, {
      sqlCallees: [],
      defaultDialect: 'postgresql',
    });
    expect(facts.kind).toBe('other');
    expect(facts.schemaChanges?.map((r) => `${r.action} ${r.name}`).slice(0, 2)).toEqual(['create orders', 'references customers']);
    expect(readSchemaCode('services/orders/app/models/order.rb', RAILS_MIGRATION)).toBeUndefined();
    expect(readSchemaCode('services/orders/app/Models/Order.php', LARAVEL)).toBeUndefined();
    expect(readSchemaCode('services/billing/Data/BillingDbContext.cs', EF_MIGRATION)).toBeUndefined();
    expect(readSchemaCode('services/catalog/database/migrations/2024_01_15_000000_create_orders_table.php', LARAVEL)?.tables).toHaveLength(
      9,
    );
  });

  it('never throws on broken or hostile text', () => {
    for (const text of [
      '',
      '<<~',
      'create_table :',
      'Schema::create(',
      'migrationBuilder.CreateTable(name:',
      '"unclosed',
      "'",
      '@"',
      '/*',
      '=begin',
    ]) {
      expect(() => parseRailsSchema(text)).not.toThrow();
      expect(() => parseLaravelMigration(text)).not.toThrow();
      expect(() => parseEfCoreMigration(text, 'Migrations/1.cs')).not.toThrow();
    }
  });
});
