import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../built-cli.js';
import { tempDir } from '../temp-dirs.js';
import { run } from './install-helpers.js';

it('bin/nilecare-lint.js without dist/ (no build yet, or a git install whose prepare npm skipped) explains itself and exits 2', async () => {
  const dir = tempDir('nilecare-e2e-nodist-');
  mkdirSync(path.join(dir, 'bin'));
  copyFileSync(path.join(repoRoot, 'bin/nilecare-lint.js'), path.join(dir, 'bin/nilecare-lint.js'));
  const outcome = await run(process.execPath, [path.join(dir, 'bin/nilecare-lint.js'), '--help'], { cwd: dir });
  expect(outcome).toEqual({
    code: 2,
    stdout: '',
    stderr: expect.stringMatching(/^nilecare-lint: dist\/ is missing.*\n.*npm ci.*\n.*npm install-scripts approve nilecare-lint/) as string,
  });
});
