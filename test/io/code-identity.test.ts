/**
 * codeIdentity (src/io/code-identity.ts): the bundle's digest from its first line, read alone (the bundle is ~4 MB and
 * every run that keeps a model asks); a module without that line is identified by the files beside it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codeIdentity } from '../../src/io/code-identity.js';

const dir = mkdtempSync(path.join(tmpdir(), 'nilecare-code-identity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('codeIdentity', () => {
  it("is a bundle's digest, from its first line", () => {
    const digest = 'ab'.repeat(32);
    const bundle = path.join(dir, 'cli.cjs');
    writeFileSync(bundle, `// nilecare-lint bundle sha256:${digest}\n"use strict";\n${'x'.repeat(1 << 20)}\n`);
    expect(codeIdentity(pathToFileURL(bundle).href)).toBe(digest);
  });

  it('is a digest of the files beside a module without that line, and another digest than a bundle’s', () => {
    const module = path.join(dir, 'lint.js');
    writeFileSync(module, `// nilecare-lint bundle sha256:${'ab'.repeat(31)}\nexport {};\n`);
    const identity = codeIdentity(pathToFileURL(module).href);
    expect(identity).toMatch(/^[0-9a-f]{64}$/);
    expect(identity).not.toBe('ab'.repeat(32));
  });
});
