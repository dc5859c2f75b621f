/**
 * Secrets never leave the analysis (issue 13): the repository is built in the test with planted
 * values (bench/hostile/secrets.ts), the CLI is run, and every output and written file is searched
 * for each value, every 6-character fragment of it and its base64 (`findLeaks`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLeaks } from '../../bench/hostile/secrets.js';
import { PLANTED } from '../../bench/hostile/secrets.js';
import { writeBaseRepo } from '../../bench/hostile/repo.js';
import { tempDir } from '../temp-dirs.js';
import { cli } from './helpers.js';

describe('a connection URL whose password holds a raw / (issue 13, row 9)', () => {
  const tail = PLANTED.urlTail.value;
  const env = `DB_HOST=billing-db\nDB_USER=billing\nDATABASE_URL=postgres://app:${tail}@db:5432/billing\n`;

  it('map and init print the database, never a part of the password; lint reports the password', async () => {
    const dir = tempDir('nilecare-row9-');
    writeBaseRepo(dir, { config: false, extra: { 'services/billing-service/.env': env } });
    const map = await cli(['map', '--cwd', dir]);
    const mapJson = await cli(['map', '--cwd', dir, '-f', 'json']);
    const init = await cli(['init', '--cwd', dir]);
    const lint = await cli(['--cwd', dir, '-f', 'json']);
    const outputs = [
      { where: 'map', text: map.stdout + map.stderr },
      { where: 'map -f json', text: mapJson.stdout + mapJson.stderr },
      { where: 'init', text: init.stdout + init.stderr },
      { where: 'config written by init', text: readFileSync(path.join(dir, 'nilecare-lint.config.json'), 'utf8') },
      { where: 'lint', text: lint.stdout + lint.stderr },
    ];
    // `Secret` (a fragment of the value) is also a word of the tool's own messages.
    expect(findLeaks(outputs, [tail], new Set(['Secret']))).toEqual([]);
    expect(map.code).toBe(0);
    const map_ = JSON.parse(mapJson.stdout) as { services: Array<{ name: string; databases: string[] }> };
    expect(map_.services.find((s) => s.name === 'billing-service')?.databases).toEqual(['billing']);
    const line = env.split('\n')[2];
    const findings = (JSON.parse(lint.stdout) as { results: Array<{ filePath: string; messages: Array<Record<string, unknown>> }> }).results
      .filter((r) => r.filePath.endsWith('services/billing-service/.env'))
      .flatMap((r) => r.messages)
      .filter((m) => m.ruleId === 'no-hardcoded-credentials');
    expect(findings).toMatchObject([
      { line: 3, column: line.indexOf(tail) + 1, endLine: 3, endColumn: line.indexOf(tail) + tail.length + 1 },
    ]);
  });
});
