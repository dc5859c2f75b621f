/**
 * A Django service's tables (HELDOUT8 #3): its migrations (`<app>/migrations/0001_initial.py`) make the tables their
 * operations create the service's (`db_table`, else `<app>_<model>`), so another service reading them gets
 * no-cross-service-query (not unknown-table); a ForeignKey to another service's model is no-cross-service-foreign-key;
 * RunSQL is SQL of the migration; and Django migrations are versioned migrations (service-without-migrations: in
 * test/rules/python-services.test.ts).
 */
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import crossServiceForeignKey from '../../rules/no-cross-service-foreign-key.js';
import migrationFileName from '../../rules/migration-file-name.js';
import serviceWithoutMigrations from '../../rules/service-without-migrations.js';
import unknownTable from '../../rules/unknown-table.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const config: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'accounts', roots: ['services/accounts'] },
    { name: 'billing', roots: ['services/billing'] },
  ],
};
const INITIAL = [
  'from django.db import migrations, models',
  '',
  '',
  'class Migration(migrations.Migration):',
  '    initial = True',
  '    dependencies = []',
  '',
  '    operations = [',
  '        migrations.CreateModel(',
  '            name="User",',
  '            fields=[("id", models.BigAutoField(primary_key=True, serialize=False))],',
  '            options={"db_table": "users"},',
  '        ),',
  '        migrations.CreateModel(',
  '            name="Profile",',
  '            fields=[',
  '                ("id", models.BigAutoField(primary_key=True, serialize=False)),',
  '                ("user", models.OneToOneField(on_delete=models.CASCADE, to="people.user")),',
  '            ],',
  '        ),',
  '        migrations.CreateModel(name="Invite", fields=[]),',
  '    ]',
  '',
].join('\n');
const SECOND = [
  'from django.db import migrations',
  '',
  'class Migration(migrations.Migration):',
  '    dependencies = [("people", "0001_initial")]',
  '    operations = [',
  '        migrations.DeleteModel(name="Invite"),',
  '        migrations.RunSQL("CREATE TABLE people_audit (id BIGSERIAL PRIMARY KEY, user_id BIGINT NOT NULL)"),',
  '    ]',
  '',
].join('\n');
const files = {
  'services/accounts/requirements.txt': 'Django==5.0.6\npsycopg[binary]==3.1.19\n',
  'services/accounts/manage.py': 'import os\n',
  'services/accounts/people/migrations/__init__.py': '',
  'services/accounts/people/migrations/0001_initial.py': INITIAL,
  'services/accounts/people/migrations/0002_drop_invites.py': SECOND,
  'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id BIGSERIAL PRIMARY KEY, user_id BIGINT NOT NULL);',
};

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "a Node service's own table beside a Django service's",
      filename: 'services/billing/src/index.js',
      code: "module.exports = () => pool.query('SELECT id FROM invoices');",
      files,
      config,
    },
    {
      name: 'a model a later migration deletes is nobody’s table to cross into',
      filename: 'services/billing/src/index.js',
      code: "module.exports = () => pool.query('SELECT id FROM people_invite');",
      files,
      config,
    },
  ],
  invalid: [
    {
      name: "a Node service reading a Django service's tables: db_table, the default <app>_<model> name, a RunSQL table (HELDOUT8 #3)",
      filename: 'services/billing/src/index.js',
      code: [
        "const { Pool } = require('pg');",
        'const pool = new Pool();',
        "module.exports = () => pool.query('SELECT u.id FROM users u JOIN people_profile p ON p.user_id = u.id JOIN people_audit a ON a.user_id = u.id');",
      ].join('\n'),
      files,
      config,
      errors: [
        { messageId: 'foreignTable', line: 3, column: 53, endLine: 3, endColumn: 58, data: { table: 'users', owner: 'accounts' } },
        { messageId: 'foreignTable', line: 3, column: 66, endLine: 3, endColumn: 80, data: { table: 'people_profile', owner: 'accounts' } },
        { messageId: 'foreignTable', line: 3, column: 108, endLine: 3, endColumn: 120, data: { table: 'people_audit', owner: 'accounts' } },
      ],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: "a Django service's tables are known",
      filename: 'services/billing/src/index.js',
      code: "pool.query('SELECT 1 FROM users u JOIN people_profile p ON p.user_id = u.id');",
      files,
      config,
    },
  ],
  invalid: [
    {
      name: 'the deleted model’s table is unknown after its migration',
      filename: 'services/billing/src/index.js',
      code: "pool.query('SELECT 1 FROM people_invite');",
      files,
      config,
      errors: [{ messageId: 'unknownTable', line: 1, column: 27, endLine: 1, endColumn: 40 }],
    },
  ],
});

ruleTester.run(crossServiceForeignKey, {
  valid: [
    {
      name: "a ForeignKey to a model of the service's own app",
      filename: 'services/accounts/people/migrations/0001_initial.py',
      code: INITIAL,
      files,
      config,
    },
  ],
  invalid: [
    {
      name: "a ForeignKey to an unmanaged model mapping another service's table (the carved-out service's)",
      filename: 'services/accounts/people/migrations/0003_profile_invoice.py',
      code: [
        'class Migration(migrations.Migration):',
        '    operations = [',
        '        migrations.CreateModel(name="Invoice", fields=[], options={"db_table": "invoices", "managed": False}),',
        '        migrations.AddField(model_name="profile", name="invoice", field=models.ForeignKey(on_delete=models.PROTECT, to="people.invoice")),',
        '    ]',
      ].join('\n'),
      files,
      config,
      errors: [
        {
          messageId: 'foreignKey',
          line: 4,
          column: 121,
          endLine: 4,
          endColumn: 135,
          data: { table: 'people_profile', referenced: 'invoices', owner: 'billing' },
        },
      ],
    },
  ],
});

ruleTester.run(migrationFileName, {
  valid: [
    {
      name: "Django's migration names (the app's number, then the name) are versioned",
      filename: 'services/accounts/people/migrations/0002_drop_invites.py',
      code: SECOND,
      files,
      config,
    },
    {
      name: 'sql-migrate and goose annotate their migrations: their numbered names are versioned (HELDOUT8 #7)',
      filename: 'services/billing/migrations/2_invoice_notes.sql',
      code: '-- +migrate Up\nALTER TABLE invoices ADD COLUMN note TEXT;\n\n-- +migrate Down\nALTER TABLE invoices DROP COLUMN note;\n',
      files: { 'services/billing/migrations/1_invoices.sql': '-- +migrate Up\nCREATE TABLE invoices (id BIGSERIAL PRIMARY KEY);\n' },
      config,
    },
    {
      name: "goose's annotation, in any case",
      filename: 'services/billing/migrations/00002_invoice_notes.sql',
      code: '-- +goose up\nALTER TABLE invoices ADD COLUMN note TEXT;\n',
      config,
    },
  ],
  invalid: [
    {
      name: 'a numbered file no tool annotates, nor any runner applies, is no versioned migration',
      filename: 'services/billing/migrations/2_invoice_notes.sql',
      code: '-- migrate Up by hand\nALTER TABLE invoices ADD COLUMN note TEXT;\n',
      config,
      errors: [{ messageId: 'unversioned', line: 1, column: 1, endLine: 1, endColumn: 22 }],
    },
  ],
});

// A Django project that commits no migrations (issue 14): its apps' models.py declare its tables.
const SHOP_MODELS = [
  'from django.db import models',
  '',
  '',
  'class Base(models.Model):',
  '    created_at = models.DateTimeField(auto_now_add=True)',
  '',
  '    class Meta:',
  '        abstract = True',
  '',
  '',
  'class Invoice(models.Model):',
  '    class Meta:',
  '        managed = False',
  '        db_table = "invoices"',
  '',
  '',
  'class Customer(Base):',
  '    email = models.EmailField(unique=True)',
  '',
  '',
  'class Order(Base):',
  '    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)',
  '    invoice = models.ForeignKey("Invoice", null=True, on_delete=models.SET_NULL)',
  '',
  '    class Meta:',
  '        db_table = "orders"',
  '',
].join('\n');
const shopFiles = {
  'services/accounts/requirements.txt': 'Django==5.0.6\npsycopg[binary]==3.1.19\n',
  'services/accounts/manage.py': 'import os\n',
  'services/accounts/shop/models.py': SHOP_MODELS,
  'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id BIGSERIAL PRIMARY KEY, user_id BIGINT NOT NULL);',
};

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "an unmanaged model's table stays its owner's: billing reads its own invoices",
      filename: 'services/billing/src/index.js',
      code: "module.exports = () => pool.query('SELECT id FROM invoices');",
      files: shopFiles,
      config,
    },
  ],
  invalid: [
    {
      name: "a Node service reading a Django service's models' tables: db_table, and <app>_<model> for a child of an abstract model",
      filename: 'services/billing/src/index.js',
      code: [
        "const { Pool } = require('pg');",
        'const pool = new Pool();',
        "module.exports = () => pool.query('SELECT o.id FROM orders o JOIN shop_customer c ON c.id = o.customer_id');",
      ].join('\n'),
      files: shopFiles,
      config,
      errors: [
        { messageId: 'foreignTable', line: 3, column: 53, endLine: 3, endColumn: 59, data: { table: 'orders', owner: 'accounts' } },
        { messageId: 'foreignTable', line: 3, column: 67, endLine: 3, endColumn: 80, data: { table: 'shop_customer', owner: 'accounts' } },
      ],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: "a Django service's models' tables are known",
      filename: 'services/billing/src/index.js',
      code: "pool.query('SELECT 1 FROM orders o JOIN shop_customer c ON c.id = o.customer_id');",
      files: shopFiles,
      config,
    },
  ],
  invalid: [
    {
      name: 'an abstract model has no table',
      filename: 'services/billing/src/index.js',
      code: "pool.query('SELECT 1 FROM shop_base');",
      files: shopFiles,
      config,
      errors: [{ messageId: 'unknownTable', line: 1, column: 27, endLine: 1, endColumn: 36 }],
    },
  ],
});

ruleTester.run(crossServiceForeignKey, {
  valid: [
    {
      name: "a model's ForeignKey to a model of its own app",
      filename: 'services/accounts/shop/models.py',
      code: SHOP_MODELS.replace('    invoice = models.ForeignKey("Invoice", null=True, on_delete=models.SET_NULL)\n', ''),
      files: shopFiles,
      config,
    },
  ],
  invalid: [
    {
      name: "where the app commits migrations, its models add nothing: the migration's foreign key is the one finding, not the model's",
      filename: 'services/accounts/shop/models.py',
      code: SHOP_MODELS,
      files: {
        ...shopFiles,
        'services/accounts/shop/migrations/0001_initial.py': [
          'class Migration(migrations.Migration):',
          '    operations = [',
          '        migrations.CreateModel(name="Invoice", fields=[], options={"db_table": "invoices", "managed": False}),',
          '        migrations.CreateModel(name="Order", fields=[("invoice", models.ForeignKey(on_delete=models.SET_NULL, to="shop.invoice"))], options={"db_table": "orders"}),',
          '    ]',
        ].join('\n'),
      },
      config,
      errors: [
        {
          messageId: 'foreignKey',
          file: 'services/accounts/shop/migrations/0001_initial.py',
          line: 4,
          column: 115,
          endLine: 4,
          endColumn: 127,
          data: { table: 'orders', referenced: 'invoices', owner: 'billing' },
        },
      ],
    },
    {
      name: "a model's ForeignKey to an unmanaged model mapping another service's table",
      filename: 'services/accounts/shop/models.py',
      code: SHOP_MODELS,
      files: shopFiles,
      config,
      errors: [
        {
          messageId: 'foreignKey',
          line: 23,
          column: 34,
          endLine: 23,
          endColumn: 41,
          data: { table: 'orders', referenced: 'invoices', owner: 'billing' },
        },
      ],
    },
  ],
});

ruleTester.run(serviceWithoutMigrations, {
  valid: [
    {
      name: 'models beside committed migrations: the migrations are versioned',
      filename: 'services/accounts/shop/models.py',
      code: SHOP_MODELS,
      files: {
        ...shopFiles,
        'services/accounts/shop/migrations/0001_initial.py': 'class Migration(migrations.Migration):\n    operations = []\n',
      },
      config,
    },
  ],
  invalid: [
    {
      name: 'Django models without committed migrations: tables with no versioned migrations, at the first one',
      filename: 'services/accounts/shop/models.py',
      code: SHOP_MODELS,
      files: shopFiles,
      config,
      errors: [{ messageId: 'noMigrations', line: 17, column: 7, endLine: 17, endColumn: 15 }],
    },
  ],
});
