import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { parseConfigText } from '../../src/config/load.js';
import { tempDir } from '../temp-dirs.js';
import { captureIo } from '../support/capture-io.js';

// init on disk: the config written to the folder, merged there with --force, and a repository of symbolic links.
// What init infers, prints and merges is tested in memory (test/commands/init.test.ts).
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONFIG = 'nilecare-lint.config.json';

/** A fresh copy of a fixture repository without its config. */
function copyOf(fixture: string): string {
  const dir = path.join(tempDir('nilecare-init-disk-'), 'repo');
  cpSync(fixture, dir, { recursive: true, verbatimSymlinks: true });
  rmSync(path.join(dir, CONFIG), { force: true });
  return dir;
}

describe('nilecare-lint init on disk', () => {
  it('writes the config into the folder, refuses to touch it without --force, merges into it with --force', async () => {
    const dir = copyOf(path.join(root, 'fixtures', 'init', 'undecided'));
    const printed = captureIo();
    expect(await runCli(['init', '--cwd', dir, '--stdout'], printed)).toBe(0);
    expect(existsSync(path.join(dir, CONFIG))).toBe(false);

    const io = captureIo();
    expect(await runCli(['init', '--cwd', dir], io), io.err).toBe(0);
    expect(io.out).toContain(`Wrote ${CONFIG}`);
    expect(readFileSync(path.join(dir, CONFIG), 'utf8')).toBe(printed.out);

    const own = '{\n  // agreed with the reports team\n  "rules": { "unknown-table": "warn" }\n}\n';
    writeFileSync(path.join(dir, CONFIG), own);
    const refused = captureIo();
    expect(await runCli(['init', '--cwd', dir], refused)).toBe(2);
    expect(readFileSync(path.join(dir, CONFIG), 'utf8')).toBe(own);
    const forced = captureIo();
    expect(await runCli(['init', '--cwd', dir, '--force'], forced), forced.err).toBe(0);
    const merged = readFileSync(path.join(dir, CONFIG), 'utf8');
    // The user's comment and rule stay; init's learned setting joins them (the fixture's six tables keep no timestamps).
    expect(
      merged.startsWith(
        '{\n  // agreed with the reports team\n  "rules": { "unknown-table": "warn", "timestamp-columns": ["warn", { "required": [] }] },\n  "$schema": ',
      ),
    ).toBe(true);
    expect(parseConfigText(merged, CONFIG).services).toEqual(parseConfigText(printed.out, CONFIG).services);
  });

  it('a repository whose services are linked from apps/: one service each, at the real folder', async () => {
    const dir = copyOf(path.join(root, 'fixtures', 'layouts', 'symlinked-services'));
    const io = captureIo();
    expect(await runCli(['init', '--cwd', dir, '--stdout'], io)).toBe(0);
    const config = parseConfigText(io.out, CONFIG);
    expect(config.services!.map((s) => [s.name, s.roots])).toEqual([
      ['auth-service', ['services/auth-service']],
      ['billing-service', ['services/billing-service']],
      ['notification-service', ['services/notification-service']],
    ]);
    expect(io.err).toContain('  auth-service (services/auth-service): 5 file(s), 3 table(s)\n');
    expect(io.err).not.toMatch(/has no files|creates no tables/);
  });
});
