/**
 * A config keeps the naming rules' defaults; on a schema with a convention of its own that must not
 * turn into dozens of unexplained warnings (blind evaluation, nest-tickets): the run says why once.
 * Each case is a copy of a layout in memory with the config the test writes (test/cli-memory.ts), its
 * files' facts from the worker's memory: the subject is the notice, not the disk.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { layoutsRoot } from '../acceptance/layout-case.js';
import { fixtureCopyInMemory, type MemoryFiles } from '../cli-memory.js';

const CONFIG = 'nilecare-lint.config.json';

/** A copy of the layout case in memory, outside git, with `config` as its config file. */
function copyOfCase(caseName: string, config: string): MemoryFiles {
  const dir = fixtureCopyInMemory(path.join(layoutsRoot, caseName), [CONFIG]);
  writeConfig(dir, config);
  return dir;
}

const writeConfig = (dir: MemoryFiles, text: string) => dir.write(dir.resolve(CONFIG), text, { root: dir.resolve('.') });
const lintIn = (dir: MemoryFiles) => lint({ cwd: dir.resolve('.'), ...dir.source() });

const notice = (notices: readonly string[]) =>
  notices.filter((n) => n.startsWith("This repository's schema follows a naming convention of its own"));

describe('a config that leaves the naming rules at their defaults', () => {
  it('on a camelCase schema: one notice naming the convention and the way to write it down', async () => {
    const dir = copyOfCase('camelcase-convention', '{ "dialect": "postgresql" }\n');
    const run = await lintIn(dir);
    const said = notice(run.notices);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/column names: camelCase/);
    expect(said[0]).toContain('identifier-case');
    expect(said[0]).toContain('nilecare-lint init --force');
  }, 120_000);

  it('is silent once the config sets those rules, and on a schema that follows the defaults', async () => {
    const dir = copyOfCase('camelcase-convention', '{ "rules": { "identifier-case": "off" } }\n');
    expect(notice((await lintIn(dir)).notices)).toEqual([]);
    const standard = copyOfCase('learned-prefixes', '{}\n');
    expect(notice((await lintIn(standard)).notices)).toEqual([]);
  }, 120_000);

  it("an override is about its own files: one service's setting leaves the other's schema to the notice; every file's, silent", async () => {
    const config = (files: string[]) => JSON.stringify({ overrides: [{ files, rules: { 'identifier-case': 'off' } }] });
    const dir = copyOfCase('camelcase-convention', config(['services/account-service']));
    const said = notice((await lintIn(dir)).notices);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('identifier-case');
    expect(said[0]).toMatch(
      /for 2 of the 3 files it was learned from \(outside its overrides' files: services\/product-service\/src\/migrations\/\S+\.ts, services\/product-service\//,
    );
    expect(said[0]).not.toContain('account-service');
    writeConfig(dir, config(['services/account-service', 'services/product-service']));
    expect(notice((await lintIn(dir)).notices)).toEqual([]);
  }, 120_000);
});
