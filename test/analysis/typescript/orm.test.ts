import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { extractFixture, rangeOf } from './helpers.js';

const { text, script } = extractFixture('orm-shapes.ts');
const refs = script.ormRefs.map((r) => ({ ...r, at: rangeOf(text, r.fileSpan), spanText: text.slice(r.fileSpan.start, r.fileSpan.end) }));
const ref = (name: string, library = 'knex') => {
  const found = refs.filter((r) => r.name === name && r.library === library);
  expect(found, `${library} ref ${name}`).toHaveLength(1);
  return found[0];
};

describe('knex', () => {
  it('reads knex(), db() and trx() roots with the action of the chain', () => {
    expect(ref('patients')).toMatchObject({
      action: 'select',
      spanText: 'patients',
      at: { line: 14, column: 15, endLine: 14, endColumn: 23 },
    });
    expect(ref('invoices')).toMatchObject({ qualifier: 'billing', action: 'update', spanText: 'billing.invoices' });
    expect(ref('payments')).toMatchObject({ action: 'insert' });
    expect(ref('sessions')).toMatchObject({ action: 'delete' });
  });

  it("a MongoDB client's db(name).collection(…) is no knex table; this.db('t') still is", () => {
    const { script: mongo } = extractScript(
      'x.ts',
      "const events = mongo.db('notification_events').collection('receipts');\nconst rows = await this.db('orders').select('id');\n",
    );
    expect(mongo.ormRefs.map((r) => `${r.library} ${r.name}`)).toEqual(['knex orders']);
  });

  it('reads .from(), .into() and joins, stripping aliases and splitting schemas', () => {
    expect(ref('appointments')).toMatchObject({ action: 'select' });
    expect(ref('visits')).toMatchObject({ qualifier: 'clinical_data', action: 'select', spanText: 'clinical_data.visits' });
    expect(ref('audit_logs')).toMatchObject({ action: 'insert' });
  });

  it('applies withSchema() as the qualifier', () => {
    expect(ref('medications')).toMatchObject({ qualifier: 'clinical', action: 'select' });
  });

  it('reads knex.schema builders', () => {
    expect(ref('lab_orders')).toMatchObject({ action: 'create' });
    expect(ref('legacy_orders')).toMatchObject({ action: 'drop' });
  });

  it('ignores Array#join, path.join and Buffer.from', () => {
    expect(refs.map((r) => r.name)).not.toContain('src');
    expect(refs.map((r) => r.name)).not.toContain('a');
    expect(refs.filter((r) => r.name === 'patients' && r.library === 'knex')).toHaveLength(1);
  });

  it('resolves constant table names and reports them at the use', () => {
    const code = "const T = 'ledger';\nknex(T).select('*');";
    const [r] = extractScript('k.ts', code).script.ormRefs;
    expect(r).toMatchObject({ name: 'ledger', library: 'knex', fileSpan: { start: 25, end: 26 } });
  });

  it('does not guess a table from a parameter', () => {
    expect(extractScript('k.ts', 'function f(t) { return knex(t).select(); }').script.ormRefs).toEqual([]);
  });
});

describe('TypeORM', () => {
  it('defines entities from @Entity(name) and @Entity({ name, schema })', () => {
    const defs = script.ormEntities.filter((e) => e.library === 'typeorm');
    expect(defs.map((d) => [d.symbol, d.table, d.qualifier])).toEqual([
      ['Patient', 'patients', undefined],
      ['Prescription', 'prescriptions', 'pharmacy'],
    ]);
    expect(rangeOf(text, defs[0].fileSpan)).toEqual({ line: 30, column: 10, endLine: 30, endColumn: 18 });
  });

  it('reports repository, manager, query-builder, relation and injection uses', () => {
    const uses = script.ormEntityUses
      .filter((u) => u.library === 'typeorm')
      .map((u) => [u.symbol, u.action, rangeOf(text, u.fileSpan).line]);
    expect(uses).toEqual([
      ['Patient', 'references', 37],
      ['Patient', 'other', 42],
      ['Prescription', 'select', 45],
      ['Patient', 'select', 46],
      ['Patient', 'select', 50],
    ]);
  });

  it('reads createQueryBuilder joins on table names but not relation paths', () => {
    expect(ref('visits', 'typeorm')).toMatchObject({ action: 'select' });
    expect(refs.map((r) => r.name)).not.toContain('prescriptions');
  });

  it("reads a builder's update('table') as a write, as its from / into / delete().from are (heldout5 typeorm-querybuilder-string-table)", () => {
    const code = [
      "import { DataSource } from 'typeorm';",
      "export const markPaid = (ds: DataSource) => ds.createQueryBuilder().update('orders').set({ status: 'paid' }).execute();",
      "export const other = (db: any) => db('orders').update('status', 'paid');",
      "export const bump = (knex: any) => knex('orders').update({ status: 'paid' });",
    ].join('\n');
    const found = extractScript('q.ts', code).script.ormRefs.map((r) => [
      r.library,
      r.action,
      r.name,
      code.slice(r.fileSpan.start, r.fileSpan.end),
    ]);
    expect(found.filter((r) => r[0] === 'typeorm')).toEqual([['typeorm', 'update', 'orders', 'orders']]);
  });

  it('does not define an entity whose table name the file does not fix', () => {
    expect(extractScript('e.ts', '@Entity(process.env.T)\nclass Foo {}').script.ormEntities).toEqual([]);
    expect(extractScript('e.ts', '@Entity({ name: tableOf(1) })\nclass Foo {}').script.ormEntities).toEqual([]);
  });
});

describe('Sequelize', () => {
  it('defines models from define() and Model.init()', () => {
    const defs = script.ormEntities
      .filter((e) => e.library === 'sequelize')
      .map((d) => [d.symbol, d.table, text.slice(d.fileSpan.start, d.fileSpan.end)]);
    expect(defs).toEqual([
      ['Invoice', 'billing_invoices', 'billing_invoices'],
      ['Claim', 'Claims', 'Claim'], // no tableName: Sequelize pluralises the model name
      ['Payment', 'payments', 'payments'],
    ]);
  });

  it('reads sequelize-typescript @Table({ tableName })', () => {
    const defs = extractScript('m.ts', "@Table({ tableName: 'lab_tests', schema: 'lab' })\nexport class LabTest extends Model {}").script
      .ormEntities;
    expect(defs).toEqual([
      { library: 'sequelize', symbol: 'LabTest', table: 'lab_tests', qualifier: 'lab', fileSpan: { start: 21, end: 30 } },
    ]);
  });

  describe('default table names (no tableName): the model name pluralised as Sequelize does', () => {
    const tables = (code: string) =>
      extractScript('m.ts', code).script.ormEntities.map((e) => [e.symbol, e.table, code.slice(e.fileSpan.start, e.fileSpan.end)]);

    it('pluralises regular and irregular English nouns, and keeps uncountable ones', () => {
      const code = ['Invoice', 'Category', 'Address', 'Person', 'Diagnosis', 'Status', 'Equipment', 'LabResult', 'Staff', 'Invoices']
        .map((m) => `export const ${m}Model = sequelize.define('${m}', {});`)
        .join('\n');
      expect(tables(code).map(([, table]) => table)).toEqual([
        'Invoices',
        'Categories',
        'Addresses',
        'People',
        'Diagnoses',
        'Statuses',
        'Equipment',
        'LabResults',
        'Staffs',
        'Invoices',
      ]);
    });

    it('the span stays on the model name', () => {
      const code = "export const Invoice = db.define('Invoice', { total: DataTypes.DECIMAL });";
      const [def] = extractScript('m.ts', code).script.ormEntities;
      expect(def).toEqual({ library: 'sequelize', symbol: 'Invoice', table: 'Invoices', fileSpan: { start: 34, end: 41 } });
    });

    it('define on a private field, as written (this.#sequelize) or as Babel and tsc compile it, declares the model (HELDOUT14 #23)', () => {
      const code = [
        'class DB {',
        '  #sequelize;',
        "  setup() { this.Models = { platform: this.#sequelize.define('platform', {}) }; }",
        "  babel() { this.Models = { idtoken: (0, _classPrivateFieldGet2.default)(this, _sequelize).define('idtoken', {}) }; }",
        "  babel724() { const state = _classPrivateFieldGet(_sequelize, this).define('state', {}); }",
        "  loose() { const key = _classPrivateFieldLooseBase(this, _sequelize)[_sequelize].define('key', {}); }",
        '  tsc() { const nonce = __classPrivateFieldGet(this, _DB_sequelize, "f").define(\'nonce\', {}); }',
        // Not a Sequelize instance: a private field of another name, a helper that is no private-field read.
        "  other() { const a = (0, _classPrivateFieldGet2.default)(this, _registry).define('widget', {}); }",
        "  helper() { const b = getField(this, _sequelize).define('gadget', {}); }",
        '}',
      ].join('\n');
      const defs = extractScript('DB.js', code).script.ormEntities;
      const at = (name: string) => {
        const start = code.indexOf(`'${name}'`) + 1;
        return { start, end: start + name.length };
      };
      expect(defs.map((d) => [d.library, d.table, d.fileSpan])).toEqual([
        ['sequelize', 'platforms', at('platform')],
        ['sequelize', 'idtokens', at('idtoken')],
        ['sequelize', 'states', at('state')],
        ['sequelize', 'keys', at('key')],
        ['sequelize', 'nonces', at('nonce')],
      ]);
    });

    it('underscored snake_cases the plural; freezeTableName keeps the name; tableName wins over both', () => {
      const code = [
        "const A = sequelize.define('InvoiceItem', {}, { underscored: true });",
        "const B = sequelize.define('InvoiceItem', {}, { freezeTableName: true, underscored: true });",
        "const C = sequelize.define('InvoiceItem', {}, { freezeTableName: false });",
        "const D = sequelize.define('InvoiceItem', {}, { tableName: 'line_items', freezeTableName: false });",
      ].join('\n');
      expect(tables(code)).toEqual([
        ['A', 'invoice_items', 'InvoiceItem'],
        ['B', 'InvoiceItem', 'InvoiceItem'],
        ['C', 'InvoiceItems', 'InvoiceItem'],
        ['D', 'line_items', 'line_items'],
      ]);
    });

    it('the define options of a new Sequelize(…) in the same file apply, unless the model overrides them', () => {
      const code = [
        "const A = sequelize.define('Category', {});",
        "const B = sequelize.define('Category', {}, { freezeTableName: false });",
        "export const sequelize = new Sequelize(process.env.DB_URL!, { dialect: 'mysql', define: { freezeTableName: true, underscored: true } });",
      ].join('\n');
      expect(tables(code)).toEqual([
        ['A', 'Category', 'Category'],
        ['B', 'categories', 'Category'],
      ]);
      const other =
        "export const sequelize = new Sequelize('db', 'u', process.env.P, { define: { timestamps: false } });\nconst A = sequelize.define('Category', {});";
      expect(tables(other)).toEqual([['A', 'Categories', 'Category']]);
    });

    it('Model.init takes modelName, else the class name', () => {
      const code = [
        'export class Person extends Model {}',
        'Person.init({}, { sequelize });',
        'export class Refund extends Model {}',
        "Refund.init({}, { sequelize, modelName: 'PaymentRefund', underscored: true });",
      ].join('\n');
      expect(tables(code)).toEqual([
        ['Person', 'People', 'Person'],
        ['Refund', 'payment_refunds', 'PaymentRefund'],
      ]);
    });

    it("this.init(…) in a static method of a Model subclass is that class's Model.init; not in an instance method", () => {
      const code = [
        'const sequelize_1 = require("sequelize");',
        'function createCertificateModel() {',
        '  var _a;',
        '  return _a = class Certificate extends sequelize_1.Model {',
        '    static initialize(sequelize) {',
        "      this.init({ id: {} }, { sequelize, modelName: 'Certificate', tableName: 'certificates' });",
        '    }',
        '  }, _a;',
        '}',
        'const Session = class extends Model {',
        '  static setup(sequelize) { this.init({}, { sequelize }); }',
        '};',
        'class Widget extends Model {',
        "  boot(sequelize) { this.init({}, { sequelize, tableName: 'not_a_model_init' }); }",
        "  static later(sequelize) { return function () { this.init({}, { sequelize, tableName: 'inner_this' }); }; }",
        '}',
        'class Plain {',
        "  static initialize(sequelize) { this.init({}, { sequelize, tableName: 'plain_init' }); }",
        '}',
      ].join('\n');
      expect(tables(code)).toEqual([
        ['Certificate', 'certificates', 'certificates'],
        ['Session', 'Sessions', 'Session'],
      ]);
      const cert = extractScript('m.js', code).script.ormEntities[0];
      expect(rangeOf(code, cert.fileSpan)).toEqual({ line: 6, column: 80, endLine: 6, endColumn: 92 });
    });

    it('sequelize-typescript @Table and @Table({…}) on a Model class', () => {
      const code = [
        '@Table',
        'export class Patient extends Model<Patient> {}',
        '@Table({ timestamps: true, underscored: true })',
        'export class LabOrder extends Model {}',
        "@Table({ modelName: 'Visit', freezeTableName: true })",
        'export class Encounter extends Model {}',
        '@Table',
        'export class NotAModel {}',
      ].join('\n');
      expect(tables(code)).toEqual([
        ['Patient', 'Patients', 'Patient'],
        ['LabOrder', 'lab_orders', 'LabOrder'],
        ['Encounter', 'Visit', 'Visit'],
      ]);
    });
  });

  it('ignores customElements.define', () => {
    expect(extractScript('c.ts', "customElements.define('x-button', XButton);").script.ormEntities).toEqual([]);
  });
});

describe('Drizzle', () => {
  it('defines tables with the const name as symbol', () => {
    const defs = script.ormEntities.filter((e) => e.library === 'drizzle').map((d) => [d.symbol, d.table, d.qualifier]);
    expect(defs).toEqual([
      ['patientsTable', 'patients', undefined],
      ['visits', 'visits', 'clinical'],
      ['devices', 'devices', undefined],
    ]);
  });

  it('reports select / insert / update / delete uses of table objects', () => {
    const uses = script.ormEntityUses.filter((u) => u.library === 'drizzle').map((u) => [u.symbol, u.action]);
    expect(uses).toEqual([
      ['patientsTable', 'select'],
      ['visits', 'select'],
      ['devices', 'insert'],
      ['patientsTable', 'update'],
      ['visits', 'delete'],
    ]);
  });

  it('does not take Map#delete(key) for a table', () => {
    expect(script.ormEntityUses.map((u) => u.symbol)).not.toContain('key');
  });
});

describe('Prisma client', () => {
  it('reports model uses with the action of the method', () => {
    const uses = script.ormEntityUses
      .filter((u) => u.library === 'prisma')
      .map((u) => [u.symbol, u.action, text.slice(u.fileSpan.start, u.fileSpan.end)]);
    expect(uses).toEqual([
      ['patient', 'select', 'patient'],
      ['labResult', 'insert', 'labResult'],
      ['invoice', 'update', 'invoice'],
      ['appointment', 'delete', 'appointment'],
      ['payment', 'insert', 'payment'],
    ]);
  });

  it('keeps $queryRaw as embedded SQL', () => {
    expect(script.embeddedSql.map((s) => s.callee)).toEqual(['prisma.$queryRaw']);
  });

  it('ignores repositories that merely share method names', () => {
    expect(extractScript('r.ts', 'this.usersService.findMany(); this.cache.create({});').script.ormEntityUses).toEqual([]);
  });
});

describe('method names inherited from Object.prototype', () => {
  it('are not Prisma actions or knex schema builders', () => {
    const { script } = extractScript(
      'services/a/src/x.ts',
      "prisma.user.constructor();\nknex.schema.toString('x');\nprisma.user.findMany();",
    );
    expect(script.ormEntityUses.map((u) => `${u.library}:${u.symbol}:${u.action}`)).toEqual(['prisma:user:select']);
    expect(script.ormRefs).toEqual([]);
  });
});
