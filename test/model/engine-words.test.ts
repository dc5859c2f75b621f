/**
 * The MariaDB and CockroachDB evidence reads a file's text only when its facts say the text names the
 * engine (`engineWords`, src/analysis/engine-words.ts): a cached file's text is read from the disk when
 * asked for, and these two lookups asked for every file of every MySQL and PostgreSQL service — the
 * whole repository, again, on each warm one-file run.
 */
import { describe, expect, it } from 'vitest';
import { extractFileFacts } from '../../src/analysis/analyze-file.js';
import { engineWordsOf } from '../../src/analysis/engine-words.js';
import { decodeFacts, encodeFacts } from '../../src/analysis/facts-codec.js';
import type { FileFacts } from '../../src/analysis/facts.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { cockroachEvidence } from '../../src/model/cockroach-evidence.js';
import { composeMariadbServers, mariadbEvidence } from '../../src/model/mariadb-evidence.js';
import { PackageIndex } from '../../src/model/packages.js';

const packages = new PackageIndex(memoryTree({}));

/** The facts of `text`, as a warm run holds a cached file's: its text is read only when asked for (counted here). */
function cachedFacts(path: string, text: string, reads: string[]): FileFacts {
  const { text: _text, ...stored } = extractFileFacts(path, text, { sqlCallees: [], hash: 'h' });
  return Object.defineProperty(stored, 'text', {
    get: () => {
      reads.push(path);
      return text;
    },
    enumerable: true,
  }) as FileFacts;
}

describe('engine words', () => {
  it('names each engine a text mentions, in any case; CockroachDB by its SQL port too', () => {
    expect(engineWordsOf('DB_URL=jdbc:MariaDB://db/billing')).toEqual(['mariadb']);
    expect(engineWordsOf('image: cockroachdb/cockroach:v23.1')).toEqual(['cockroach']);
    expect(engineWordsOf('postgres://root@db:26257/ledger')).toEqual(['cockroach']);
    expect(engineWordsOf('-- mariadb, or CockroachDB')).toEqual(['mariadb', 'cockroach']);
    expect(engineWordsOf('DB_URL=mysql://db:3306/billing\nPORT=2625')).toEqual([]);
  });

  it("are kept in a file's facts and through the cache's codec; absent when the text names neither", () => {
    const named = extractFileFacts('services/billing/.env', 'DATABASE_URL=mariadb://db/billing\n', { sqlCallees: [], hash: 'h' });
    expect(named.engineWords).toEqual(['mariadb']);
    expect(decodeFacts(encodeFacts(named), named.path, 'h')?.engineWords).toEqual(['mariadb']);
    const plain = extractFileFacts('services/billing/.env', 'DATABASE_URL=mysql://db/billing\n', { sqlCallees: [], hash: 'h' });
    expect(plain.engineWords).toBeUndefined();
    expect(encodeFacts(plain)).not.toContain('engineWords');
    // The shape check refuses a word the analysis never writes.
    expect(decodeFacts(encodeFacts({ ...named, engineWords: ['oracle' as never] }), named.path, 'h')).toBeUndefined();
  });

  it('the MariaDB evidence reads the text of only the files that name MariaDB, and finds what it found there before', () => {
    const reads: string[] = [];
    const files = [
      cachedFacts('services/billing/src/db.ts', "export const url = 'mysql://db:3306/billing';\n", reads),
      cachedFacts('services/billing/.env', 'PORT=3000\nDATABASE_URL=jdbc:mariadb://billing-db/billing\n', reads),
      cachedFacts('services/billing/docker-compose.yml', 'services:\n  billing-db:\n    image: "mariadb:10.11"\n', reads),
      cachedFacts('services/billing/db/schema.sql', '-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB\nSELECT 1;\n', reads),
    ];
    expect(mariadbEvidence([], files, packages)).toEqual([
      'a jdbc:mariadb:// URL in services/billing/.env:2',
      'image: mariadb:10.11 in services/billing/docker-compose.yml:3',
      'a MariaDB dump header in services/billing/db/schema.sql:1',
    ]);
    expect(composeMariadbServers(files)).toEqual(
      new Map([['billing-db', "image: mariadb:10.11 of 'billing-db' in services/billing/docker-compose.yml:3"]]),
    );
    expect(new Set(reads)).toEqual(
      new Set(['services/billing/.env', 'services/billing/docker-compose.yml', 'services/billing/db/schema.sql']),
    );
  });

  it('the CockroachDB evidence reads the text of only the files that name it or its port', () => {
    const reads: string[] = [];
    const files = [
      cachedFacts('services/ledger/src/db.ts', "export const url = 'postgres://db:5432/ledger';\n", reads),
      cachedFacts('services/ledger/.env', 'DATABASE_URL=postgresql://root@ledger-db:26257/ledger\n', reads),
    ];
    expect(cockroachEvidence([], files, packages)).toEqual(['a CockroachDB URL in services/ledger/.env:1']);
    expect(reads).toEqual(['services/ledger/.env']);
  });
});
