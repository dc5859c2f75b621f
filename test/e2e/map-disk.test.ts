import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { fixtureListings } from '../fixture-tree.js';
import { tempDir } from '../temp-dirs.js';
import { captureIo } from '../support/capture-io.js';

// `map` over the sample on disk, its page and summary written to files there. What it draws, prints and writes is
// tested in memory (test/commands/map.test.ts, map-html.test.ts).
const sample = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'sample-monorepo');

describe('nilecare-lint map on disk', () => {
  it('writes --output files (creating their folder) with what it prints on stdout', async () => {
    const dir = tempDir('nilecare-map-disk-');
    const printed = captureIo({ listingCache: fixtureListings });
    expect(await runCli(['map', '--cwd', sample, '--format', 'html'], printed)).toBe(0);
    expect(printed.out).toContain('<title>sample-monorepo — nilecare-lint map</title>');
    const page = path.join(dir, 'map.html');
    const io = captureIo({ listingCache: fixtureListings });
    expect(await runCli(['map', '--cwd', sample, '-f', 'html', '-o', page], io)).toBe(0);
    expect(io.out).toBe('');
    expect(readFileSync(page, 'utf8')).toBe(printed.out);
    const summary = path.join(dir, 'nested', 'summary.json');
    expect(await runCli(['map', '--cwd', sample, '--summary', '--format', 'json', '--output', summary], io)).toBe(0);
    expect(JSON.parse(readFileSync(summary, 'utf8')).total).toBeGreaterThan(0);
  });
});
