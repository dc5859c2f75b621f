import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { onlyImportsPossible, scriptMayHaveFacts } from '../../../src/analysis/typescript/prefilter.js';
import { rangeOf } from './helpers.js';

/** tsc's emit of n8n's `@n8n/db` entities (HELDOUT9 #11), trimmed: tslib-less helpers, `(0, ns.fn)` calls. */
const TSC_HELPERS = [
  '"use strict";',
  'var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) { return target; };',
  'var __metadata = (this && this.__metadata) || function (k, v) { };',
  'var __param = (this && this.__param) || function (paramIndex, decorator) { };',
  'Object.defineProperty(exports, "__esModule", { value: true });',
];
const tscEntity = (entity: string) =>
  [
    ...TSC_HELPERS,
    'const typeorm_1 = require("@n8n/typeorm");',
    'const folder_1 = require("./folder");',
    'let WorkflowEntity = class WorkflowEntity extends abstract_entity_1.WithTimestampsAndStringId {',
    '};',
    'exports.WorkflowEntity = WorkflowEntity;',
    '__decorate([',
    '    (0, typeorm_1.Column)({ length: 128 }),',
    '    __metadata("design:type", String)',
    '], WorkflowEntity.prototype, "name", void 0);',
    '__decorate([',
    "    (0, typeorm_1.ManyToOne)(() => folder_1.Folder, { onDelete: 'CASCADE' }),",
    '    __metadata("design:type", Object)',
    '], WorkflowEntity.prototype, "parentFolder", void 0);',
    'exports.WorkflowEntity = WorkflowEntity = __decorate([',
    `    ${entity}`,
    '], WorkflowEntity);',
  ].join('\n');

const defsOf = (file: string, code: string) =>
  extractScript(file, code).script.ormEntities.map((d) => ({
    library: d.library,
    symbol: d.symbol,
    table: d.table,
    ...(d.qualifier ? { qualifier: d.qualifier } : {}),
    at: rangeOf(code, d.fileSpan),
  }));

describe('compiled TypeORM decorators (HELDOUT9 #11)', () => {
  it("tsc's __decorate([(0, typeorm_1.Entity)()], X) defines the class's default table, at the class name", () => {
    const code = tscEntity('(0, typeorm_1.Entity)()');
    expect(defsOf('packages/db/src/entities/workflow-entity.js', code)).toEqual([
      { library: 'typeorm', symbol: 'WorkflowEntity', table: 'workflow_entity', at: { line: 8, column: 28, endLine: 8, endColumn: 42 } },
    ]);
  });

  it("the name option wins, as in the source form: Entity({ name: 'folder_tag' }), Entity('user_api_keys'), Entity({ name, schema })", () => {
    const named = tscEntity("(0, typeorm_1.Entity)({ name: 'folder_tag' })");
    expect(defsOf('e.js', named)).toEqual([
      { library: 'typeorm', symbol: 'WorkflowEntity', table: 'folder_tag', at: { line: 20, column: 36, endLine: 20, endColumn: 46 } },
    ]);
    expect(defsOf('e.js', tscEntity("(0, typeorm_1.Entity)('user_api_keys')")).map((d) => d.table)).toEqual(['user_api_keys']);
    expect(
      defsOf('e.js', tscEntity("(0, typeorm_1.Entity)({ name: 'jobs', schema: 'queue' })")).map((d) => [d.table, d.qualifier]),
    ).toEqual([['jobs', 'queue']]);
    expect(defsOf('e.js', tscEntity("(0, typeorm_1.ViewEntity)({ name: 'active_workflows' })")).map((d) => d.table)).toEqual([
      'active_workflows',
    ]);
  });

  it("reads the member decorators' relations as uses, and a parameter's InjectRepository through __param", () => {
    const code = [
      tscEntity('(0, typeorm_1.Entity)()'),
      'const typeorm_2 = require("@nestjs/typeorm");',
      'const workflow_entity_1 = require("./workflow-entity");',
      'let WorkflowService = class WorkflowService {};',
      'WorkflowService = __decorate([',
      '    (0, common_1.Injectable)(),',
      '    __param(0, (0, typeorm_2.InjectRepository)(workflow_entity_1.WorkflowEntity)),',
      '    __metadata("design:paramtypes", [Object])',
      '], WorkflowService);',
    ].join('\n');
    const { script } = extractScript('s.js', code);
    expect(script.ormEntityUses.map((u) => [u.symbol, u.action, rangeOf(code, u.fileSpan).line])).toEqual([
      ['Folder', 'references', 16],
      ['WorkflowEntity', 'other', 27],
    ]);
    // Injectable on a service class and the member decorators define nothing.
    expect(script.ormEntities.map((d) => d.symbol)).toEqual(['WorkflowEntity']);
  });

  it("tslib's (0, tslib_1.__decorate), esbuild's __decorateClass and swc's _ts_decorate, on a class declaration", () => {
    const tslib = [
      'const tslib_1 = require("tslib");',
      'const typeorm_1 = require("typeorm");',
      'let OrderNote = class OrderNote {};',
      'OrderNote = tslib_1.__decorate([(0, typeorm_1.Entity)()], OrderNote);',
      'class AuditLog {}',
      "AuditLog = (0, tslib_1.__decorate)([(0, typeorm_1.Entity)('audit_logs')], AuditLog);",
    ].join('\n');
    expect(defsOf('a.js', tslib).map((d) => [d.symbol, d.table, d.at.line])).toEqual([
      ['OrderNote', 'order_note', 3],
      ['AuditLog', 'audit_logs', 6],
    ]);
    const esbuild = [
      'import { Entity, Column } from "typeorm";',
      'let Invoice = class { };',
      '__decorateClass([Column()], Invoice.prototype, "total", 2);',
      'Invoice = __decorateClass([Entity({ name: "billing_invoices" })], Invoice);',
      'var _Refund = class _Refund {};',
      'let Refund = _Refund;',
      'export class Payment {}',
      'Payment = _ts_decorate([Entity()], Payment);',
    ].join('\n');
    expect(defsOf('b.js', esbuild).map((d) => [d.symbol, d.table, d.at.line, d.at.column])).toEqual([
      ['Invoice', 'billing_invoices', 4, 44],
      ['Payment', 'payment', 7, 14],
    ]);
  });

  it("Babel's legacy (_dec = Entity(), _dec(_class = class X {}) || _class)", () => {
    const code = [
      'var _typeorm = require("typeorm");',
      'var _dec, _dec2, _class, _class2, _descriptor;',
      "let FolderTag = (_dec = (0, _typeorm.Entity)({ name: 'folder_tag' }), _dec2 = (0, _typeorm.Column)(), _dec(_class = (_class2 = class FolderTag {}, _class2)) || _class);",
      'let Plain = (_dec3 = (0, _typeorm.Entity)(), _dec3(_class3 = class {}) || _class3);',
    ].join('\n');
    expect(defsOf('c.js', code).map((d) => [d.symbol, d.table, d.at.line])).toEqual([
      ['FolderTag', 'folder_tag', 3],
      ['Plain', 'plain', 4],
    ]);
  });

  it('look-alikes define nothing: another helper, a list of no decorators, a member target, a name the file does not fix', () => {
    const code = [
      'const typeorm_1 = require("typeorm");',
      'let A = class A {};',
      '__decorate([(0, typeorm_1.Entity)()], A.prototype, "id", void 0);',
      'A = __decorateMany([(0, typeorm_1.Entity)()], A);',
      'A = __decorate(decorators, A);',
      'A = __decorate([(0, typeorm_1.Entity)(process.env.TABLE)], A);',
      'A = __decorate([(1, typeorm_1.Entity)()], A);',
      'let B = (_dec = (0, typeorm_1.Column)(), _dec(_class = class B {}) || _class);',
    ].join('\n');
    expect(defsOf('d.js', code)).toEqual([]);
  });

  it('sequelize-typescript and MikroORM compiled the same way', () => {
    const code = [
      'const sequelize_typescript_1 = require("sequelize-typescript");',
      'const core_1 = require("@mikro-orm/core");',
      'let Invoice = class Invoice extends sequelize_typescript_1.Model {};',
      'Invoice = __decorate([sequelize_typescript_1.Table], Invoice);',
      'let Refund = class Refund extends sequelize_typescript_1.Model {};',
      "Refund = __decorate([(0, sequelize_typescript_1.Table)({ tableName: 'refunds' })], Refund);",
      'let ReviewVote = class ReviewVote {};',
      'ReviewVote = __decorate([(0, core_1.Entity)()], ReviewVote);',
    ].join('\n');
    expect(defsOf('m.js', code).map((d) => [d.library, d.symbol, d.table])).toEqual([
      ['sequelize', 'Invoice', 'Invoices'],
      ['sequelize', 'Refund', 'refunds'],
      ['mikro-orm', 'ReviewVote', 'review_vote'],
    ]);
  });

  it('the prefilter keeps a compiled entity file that imports nothing from a package', () => {
    const code = ['let A = class A {};', 'A = __decorate([(0, typeorm_1.Entity)()], A);'].join('\n');
    expect(scriptMayHaveFacts(code)).toBe(true);
    expect(onlyImportsPossible(`const typeorm_1 = require("typeorm");\n${code}`)).toBe(false);
    expect(defsOf('e.js', code).map((d) => d.table)).toEqual(['a']);
  });
});
