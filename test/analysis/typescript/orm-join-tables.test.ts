/**
 * The join tables of TypeORM many-to-many relations (ScriptFacts.ormJoinTables): the owning side's `@JoinTable()`, written
 * or compiled, with the related class as written and its import; the model names and owns them (src/model/join-tables.ts).
 */
import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { decodeFacts, encodeFacts } from '../../../src/analysis/facts-codec.js';
import type { FileFacts } from '../../../src/analysis/facts.js';
import { rangeOf } from './helpers.js';

const POST = [
  "import { Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';",
  "import { Category } from './category.entity';",
  "import * as entities from './entities';",
  '',
  '@Entity()',
  'export class Post {',
  '  @PrimaryGeneratedColumn() id!: number;',
  '  @ManyToMany(() => Category)',
  '  @JoinTable()',
  '  categories!: Category[];',
  '  @ManyToMany(() => entities.Tag, (tag) => tag.posts, { cascade: true })',
  "  @JoinTable({ name: 'post_tags', schema: 'blog' })",
  '  tags!: entities.Tag[];',
  '  @ManyToMany(() => Category)',
  "  @JoinTable({ name: 'legacy_links', synchronize: false })",
  '  legacy!: Category[];',
  '  @ManyToMany(() => Post, (post) => post.categories)',
  '  related!: Post[];',
  '}',
].join('\n');

const joinsOf = (file: string, code: string) =>
  (extractScript(file, code).script.ormJoinTables ?? []).map(({ fileSpan, targetOrigin, ...join }) => ({
    ...join,
    ...(targetOrigin ? { from: `${targetOrigin.specifier}#${targetOrigin.imported}` } : {}),
    at: rangeOf(code, fileSpan),
  }));

describe('TypeORM join tables', () => {
  it("reads the owning side's @JoinTable(), its name and schema, the target with its import; not the inverse side, nor a join table schema sync leaves alone", () => {
    expect(joinsOf('services/blog/src/post.entity.ts', POST)).toEqual([
      {
        owner: 'Post',
        property: 'categories',
        target: 'Category',
        from: './category.entity#Category',
        at: { line: 9, column: 4, endLine: 9, endColumn: 13 },
      },
      {
        owner: 'Post',
        property: 'tags',
        target: 'Tag',
        from: './entities#Tag',
        name: 'post_tags',
        qualifier: 'blog',
        at: { line: 12, column: 23, endLine: 12, endColumn: 32 },
      },
    ]);
  });

  it("reads tsc's compiled form: __decorate([(0, typeorm_1.ManyToMany)(() => role_1.Role), (0, typeorm_1.JoinTable)()], User.prototype, 'roles')", () => {
    const code = [
      '"use strict";',
      'const typeorm_1 = require("typeorm");',
      'const role_1 = require("./role");',
      'let User = class User {',
      '};',
      '__decorate([',
      '    (0, typeorm_1.ManyToMany)(() => role_1.Role),',
      '    (0, typeorm_1.JoinTable)(),',
      '    __metadata("design:type", Array)',
      '], User.prototype, "roles", void 0);',
      'User = __decorate([(0, typeorm_1.Entity)()], User);',
    ].join('\n');
    expect(joinsOf('lib/user.js', code)).toEqual([
      { owner: 'User', property: 'roles', target: 'Role', from: './role#Role', at: { line: 8, column: 19, endLine: 8, endColumn: 28 } },
    ]);
  });

  it('keeps them in the file facts through the facts codec', () => {
    const script = extractScript('services/blog/src/post.entity.ts', POST).script;
    const facts: FileFacts = {
      path: 'services/blog/src/post.entity.ts',
      kind: 'script',
      hash: 'h',
      lineStarts: [0],
      text: POST,
      comments: [],
      problems: [],
      script,
    };
    expect(facts.script?.ormJoinTables).toHaveLength(2);
    expect(decodeFacts(encodeFacts(facts), facts.path, facts.hash)?.script?.ormJoinTables).toEqual(facts.script?.ormJoinTables);
  });
});
