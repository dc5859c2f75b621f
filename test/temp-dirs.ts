import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

const pending = new Set<string>();
process.once('exit', () => {
  for (const dir of pending) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh temporary folder, removed when the current test finishes (or, when created
 * outside a test, when the worker exits). Workers are shared between test files, so a
 * module-level afterAll in a helper would run for one file only and leak the rest.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  pending.add(dir);
  try {
    onTestFinished(() => {
      rmSync(dir, { recursive: true, force: true });
      pending.delete(dir);
    });
  } catch {
    // Not inside a test (a describe body or beforeAll): removed at exit.
  }
  return dir;
}
