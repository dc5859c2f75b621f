/**
 * A config keeps the naming rules' defaults; on a schema with a convention of its own that must not
 * turn into dozens of unexplained warnings (blind evaluation, nest-tickets): the run says why once.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { copyOfCase } from '../acceptance/layout-case.js';

const notice = (notices: readonly string[]) =>
  notices.filter((n) => n.startsWith("This repository's schema follows a naming convention of its own"));

describe('a config that leaves the naming rules at their defaults', () => {
  it('on a camelCase schema: one notice naming the convention and the way to write it down', async () => {
    const dir = copyOfCase('camelcase-convention');
    writeFileSync(path.join(dir, 'nilecare-lint.config.json'), '{ "dialect": "postgresql" }\n');
    const run = await lint({ cwd: dir });
    const said = notice(run.notices);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/column names: camelCase/);
    expect(said[0]).toContain('identifier-case');
    expect(said[0]).toContain('nilecare-lint init --force');
  }, 120_000);

  it('is silent once the config sets those rules, and on a schema that follows the defaults', async () => {
    const dir = copyOfCase('camelcase-convention');
    writeFileSync(path.join(dir, 'nilecare-lint.config.json'), '{ "rules": { "identifier-case": "off" } }\n');
    expect(notice((await lint({ cwd: dir })).notices)).toEqual([]);
    const standard = copyOfCase('learned-prefixes');
    writeFileSync(path.join(standard, 'nilecare-lint.config.json'), '{}\n');
    expect(notice((await lint({ cwd: standard })).notices)).toEqual([]);
  }, 120_000);

  it("an override is about its own files: one service's setting leaves the other's schema to the notice; every file's, silent", async () => {
    const dir = copyOfCase('camelcase-convention');
    const config = (files: string[]) => JSON.stringify({ overrides: [{ files, rules: { 'identifier-case': 'off' } }] });
    writeFileSync(path.join(dir, 'nilecare-lint.config.json'), config(['services/account-service']));
    const said = notice((await lint({ cwd: dir })).notices);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('identifier-case');
    expect(said[0]).toMatch(
      /for 2 of the 3 files it was learned from \(outside its overrides' files: services\/product-service\/src\/migrations\/\S+\.ts, services\/product-service\//,
    );
    expect(said[0]).not.toContain('account-service');
    writeFileSync(path.join(dir, 'nilecare-lint.config.json'), config(['services/account-service', 'services/product-service']));
    expect(notice((await lint({ cwd: dir })).notices)).toEqual([]);
  }, 120_000);
});
