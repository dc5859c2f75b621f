/**
 * Django migrations read by tokens (HELDOUT8 #3): each operation's table (the `db_table` option, else Django's
 * `<app_label>_<model>` default) located at the literal that names it, and RunSQL's literals as SQL of the migration.
 */
import { describe, expect, it } from 'vitest';
import type { OrmTableRef } from '../../src/analysis/facts.js';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { decodeFacts, encodeFacts } from '../../src/analysis/facts-codec.js';
import { djangoAppLabel, mayBeDjangoMigration, parseDjangoMigration } from '../../src/analysis/django-migrations.js';
import { describeRef } from '../support/table-refs.js';

const PATH = 'services/shop/orders/migrations/0002_order_items.py';

/** Each reference as `action table@written[=>new@written][<-declaring]`, its spans checked against the text. */
function read(text: string, path = PATH): string[] {
  return parseDjangoMigration(path, text).tables.map((ref: OrmTableRef) => {
    expect(ref.library).toBe('django');
    return describeRef(text, ref);
  });
}

const MIGRATION = [
  'from django.conf import settings',
  'from django.db import migrations, models',
  'import django.db.models.deletion',
  '',
  '',
  'class Migration(migrations.Migration):',
  '    dependencies = [("orders", "0001_initial"), ("catalog", "0003_product_sku")]',
  '',
  '    operations = [',
  '        migrations.CreateModel(',
  '            name="OrderItem",',
  '            fields=[',
  '                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),',
  '                ("order", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="orders.order")),',
  '                ("product", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="catalog.product")),',
  '                ("buyer", models.ForeignKey(on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL)),',
  '            ],',
  '        ),',
  '        migrations.CreateModel(',
  '            name="Shipment",',
  '            fields=[("id", models.BigAutoField(primary_key=True, serialize=False))],',
  '            options={"db_table": "shipments", "ordering": ["-id"]},',
  '        ),',
  '        migrations.CreateModel(',
  '            name="LegacyInvoice",',
  '            fields=[("id", models.IntegerField(primary_key=True, serialize=False))],',
  '            options={"db_table": "billing_invoices", "managed": False},',
  '        ),',
  '        migrations.AddField(',
  '            model_name="shipment",',
  '            name="item",',
  '            field=models.OneToOneField(on_delete=models.CASCADE, to="orders.orderitem"),',
  '        ),',
  '        migrations.AddField(',
  '            model_name="shipment",',
  '            name="invoice",',
  '            field=models.ForeignKey(on_delete=models.CASCADE, to="orders.legacyinvoice"),',
  '        ),',
  '        migrations.AlterModelTable(name="order", table="orders"),',
  '        migrations.RenameModel(old_name="Cart", new_name="Basket"),',
  '        migrations.RenameModel(old_name="Shipment", new_name="Delivery"),',
  '        migrations.DeleteModel(name="Coupon"),',
  '        # migrations.DeleteModel(name="Commented")',
  '        migrations.DeleteModel(name=MODEL),',
  '    ]',
  '',
].join('\n');

describe('parseDjangoMigration', () => {
  it("reads each operation's table: db_table, else <app>_<model>; unmanaged models create nothing; foreign keys to this file's models", () => {
    expect(read(MIGRATION)).toEqual([
      // Order (0001's) and catalog.product (another app's) are models other migrations declare: left alone.
      'create orders_orderitem@OrderItem',
      'create shipments@shipments',
      'references orders_orderitem@orders.orderitem <-shipments',
      // An unmanaged model's table is still the one a foreign key to it names.
      'references billing_invoices@orders.legacyinvoice <-shipments',
      'alter orders_order@order =>orders@orders',
      'alter orders_cart@Cart =>orders_basket@Basket',
      'drop orders_coupon@Coupon',
    ]);
  });

  it('AlterModelTable(table=None) goes back to the default name; a db_table follows its model through a rename', () => {
    const text = [
      'class Migration(migrations.Migration):',
      '    operations = [',
      '        migrations.CreateModel("Invoice", [("id", models.AutoField(primary_key=True))], {"db_table": "invoices"}),',
      '        migrations.AlterModelTable(name="invoice", table=None),',
      '        migrations.DeleteModel("Invoice"),',
      '    ]',
    ].join('\n');
    expect(read(text, 'billing/migrations/0001_initial.py')).toEqual([
      'create invoices@invoices',
      'alter invoices@invoice =>billing_invoice@invoice',
      'drop billing_invoice@Invoice',
    ]);
  });

  it('gives exact spans (without quotes); a migration at the root has no app label, so only db_table names a table', () => {
    const text =
      'class Migration(migrations.Migration):\n    operations = [migrations.CreateModel(name="A", options={"db_table": "a_t"}), migrations.CreateModel(name="B")]\n';
    expect(parseDjangoMigration('migrations/0001_initial.py', text).tables).toEqual([
      { name: 'a_t', action: 'create', library: 'django', fileSpan: { start: 112, end: 115 } },
    ]);
    expect(djangoAppLabel('migrations/0001_initial.py')).toBeUndefined();
    expect(djangoAppLabel('src/Shop/migrations/0001_initial.py')).toBe('shop');
    // Unterminated calls end the file, never the scan.
    expect(read('class Migration:\n    operations = [migrations.CreateModel(name="Cart", fields=[(\n')).toEqual([
      'create orders_cart@Cart',
    ]);
  });

  it('is read only for migration modules: <app>/migrations/NNNN_name.py declaring class Migration', () => {
    const text = 'class Migration(migrations.Migration):\n    pass\n';
    expect(mayBeDjangoMigration('shop/orders/migrations/0001_initial.py', text)).toBe(true);
    expect(mayBeDjangoMigration('shop/orders/migrations/0001_initial.py', 'import os\n')).toBe(false);
    expect(mayBeDjangoMigration('shop/orders/migrations/__init__.py', text)).toBe(false);
    expect(mayBeDjangoMigration('shop/migrations/versions/0001_initial.py', text)).toBe(false);
    expect(mayBeDjangoMigration('shop/orders/migrations/0001_initial.pyc', text)).toBe(false);
  });

  it("reads RunSQL's literals (one, a list, (sql, params) pairs, triple-quoted) as SQL at their place, never reverse_sql", () => {
    const text = [
      'class Migration(migrations.Migration):',
      '    operations = [',
      '        migrations.RunSQL("CREATE INDEX orders_created ON orders_order (created_at)", reverse_sql="DROP INDEX orders_created"),',
      '        migrations.RunSQL(sql=["UPDATE orders_order SET state = \'new\'", ("DELETE FROM orders_cart WHERE id = %s", [1])]),',
      '        migrations.RunSQL("""',
      '            CREATE VIEW order_totals AS SELECT id FROM orders_order',
      '        """, migrations.RunSQL.noop),',
      '        migrations.RunSQL(f"DROP TABLE {name}"),',
      '        migrations.RunSQL(migrations.RunSQL.noop, "SELECT 1"),',
      '    ]',
    ].join('\n');
    const sites = parseDjangoMigration(PATH, text).sql;
    expect(sites.map((s) => s.text.trim())).toEqual([
      'CREATE INDEX orders_created ON orders_order (created_at)',
      "UPDATE orders_order SET state = 'new'",
      'DELETE FROM orders_cart WHERE id = %s',
      'CREATE VIEW order_totals AS SELECT id FROM orders_order',
    ]);
    for (const site of sites) {
      expect(text.slice(site.fileSpan.start, site.fileSpan.end)).toBe(site.text);
      expect(site.segments).toEqual([{ sql: { start: 0, end: site.text.length }, fileOffset: site.fileSpan.start, mode: 'exact' }]);
      expect(site.callee).toBe('migrations.RunSQL');
    }
  });

  it('keeps its tables and SQL in the file facts, through the facts codec', () => {
    const text = [
      'class Migration(migrations.Migration):',
      '    operations = [',
      '        migrations.CreateModel(name="Order", fields=[]),',
      '        migrations.RunSQL("CREATE INDEX orders_order_idx ON orders_order (id)"),',
      '    ]',
    ].join('\n');
    const facts = analyzeFile('services/shop/orders/migrations/0001_initial.py', text, { sqlCallees: [], defaultDialect: 'postgresql' });
    expect(facts.kind).toBe('other');
    expect(facts.schemaChanges?.map((r) => `${r.action} ${r.name}`)).toEqual(['create orders_order']);
    expect(facts.script?.embeddedSql.map((s) => s.text)).toEqual(['CREATE INDEX orders_order_idx ON orders_order (id)']);
    const decoded = decodeFacts(encodeFacts(facts), facts.path, facts.hash);
    expect(decoded?.schemaChanges).toEqual(facts.schemaChanges);
    expect(decoded?.script?.embeddedSql).toEqual(facts.script?.embeddedSql);
  });
  it('reads dependencies and replaces as (app, name) pairs, a swappable dependency left out, and keeps them through the codec', () => {
    const text = [
      'from django.conf import settings',
      'from django.db import migrations',
      '',
      '',
      'class Migration(migrations.Migration):',
      '    replaces = [("orders", "0001_initial"), ("orders", "0002_order_items")]',
      '',
      '    dependencies = [',
      '        migrations.swappable_dependency(settings.AUTH_USER_MODEL),',
      '        ("orders", "0003_more"),',
      "        ('orders', '0003_other'),",
      '        ("catalog", "0003_product_sku", ),',
      '    ]',
      '',
      '    operations = []',
    ].join('\n');
    const path = 'services/shop/orders/migrations/0004_merge_20240301_1200.py';
    expect(parseDjangoMigration(path, text).django).toEqual({
      dependencies: [
        { app: 'orders', name: '0003_more' },
        { app: 'orders', name: '0003_other' },
        { app: 'catalog', name: '0003_product_sku' },
      ],
      replaces: [
        { app: 'orders', name: '0001_initial' },
        { app: 'orders', name: '0002_order_items' },
      ],
    });
    const facts = analyzeFile(path, text, { sqlCallees: [], defaultDialect: 'postgresql' });
    expect(facts.djangoMigration?.dependencies).toHaveLength(3);
    expect(decodeFacts(encodeFacts(facts), facts.path, facts.hash)?.djangoMigration).toEqual(facts.djangoMigration);
    // A migration that names neither (the first of an app with no dependency) has none.
    expect(
      parseDjangoMigration(path, 'class Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n').django,
    ).toBeUndefined();
  });
});
