/**
 * The facts cache finds its entries in the file's bytes and decodes an entry's facts only when a
 * run asks for them: byte offsets, not character offsets, so paths and facts outside ASCII (a
 * two-byte `ü`, a four-byte emoji) must come back exactly, also after an entry's stamp is
 * rewritten and after entries are appended.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFactsCache } from '../../src/analysis/facts-cache.js';
import { encodeFacts, textReadLater, withTextRead } from '../../src/analysis/facts-codec.js';
import { factsFields, factsSummary, type FileFacts } from '../../src/analysis/facts.js';
import { storedFacts } from '../../src/analysis/stored-facts.js';
import { declaredFacts } from '../../src/model/declaration-signature.js';
import { summariseFacts } from '../../src/analysis/facts-summary.js';
import type { FileStamp } from '../../src/io/file-stamp.js';

const root = mkdtempSync(path.join(tmpdir(), 'nilecare-cache-entries-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const facts = (file: string, hash: string, message: string): FileFacts => ({
  path: file,
  kind: 'other',
  hash,
  lineStarts: [0, 7],
  text: '',
  comments: [],
  problems: [{ message, fileSpan: { start: 0, end: 1 } }],
});
// Modified long before any save: trusted by its stamp alone.
const stamp = (ino: number): FileStamp => ({ dev: 1, ino, size: 10, mtimeMs: 1_000_000, ctimeMs: 1_000_000 });
const open = (location: string) => {
  const cache = FileFactsCache.open({ base: root, location, toolVersion: '1.0.0' });
  cache.prepare('settings');
  return cache;
};

describe('entries outside ASCII', () => {
  const names = ['src/über/naïve.txt', 'src/😀/emoji-✓.txt', 'src/plain.txt'];

  it('come back exactly: by stamp, by hash, after a new stamp is stored and after an append', () => {
    const location = path.join(root, 'facts');
    const first = open(location);
    names.forEach((name, i) => first.set(facts(name, `hash-${i}`, `problème ${i} — 😀`), stamp(i + 1)));
    first.save();

    const second = open(location);
    names.forEach((name, i) => {
      expect(second.getUnchanged(name, stamp(i + 1))).toEqual(
        expect.objectContaining({ path: name, hash: `hash-${i}`, problems: [expect.objectContaining({ message: `problème ${i} — 😀` })] }),
      );
    });
    // Same content, another stamp (the file was touched): the entry is stored again with the new stamp.
    expect(second.get(names[0], 'hash-0', stamp(40))?.problems[0].message).toBe('problème 0 — 😀');
    second.save();

    const third = open(location);
    expect(third.getUnchanged(names[0], stamp(1))).toBeUndefined();
    expect(third.get(names[0], 'hash-0', stamp(40))?.path).toBe(names[0]);
    expect(third.getUnchanged(names[1], stamp(2))?.problems[0].message).toBe('problème 1 — 😀');
    // One changed file: appended, not rewritten.
    third.get(names[1], 'hash-1', stamp(2));
    third.get(names[2], 'hash-2', stamp(3));
    third.set(facts(names[2], 'hash-new', 'ünïcode again'), stamp(30));
    const before = readFileSync(location);
    third.save();
    const after = readFileSync(location);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);

    const fourth = open(location);
    expect(fourth.get(names[2], 'hash-2')).toBeUndefined();
    expect(fourth.get(names[2], 'hash-new')?.problems[0].message).toBe('ünïcode again');
    expect(fourth.get(names[0], 'hash-0')?.path).toBe(names[0]);
  });

  it('a line without tabs, an empty line or a cut-off last line is a miss, and the other entries still count', () => {
    const location = path.join(root, 'damaged');
    const cache = open(location);
    cache.set(facts(names[0], 'hash-0', 'kept'), stamp(1));
    cache.set(facts(names[1], 'hash-1', 'cut'), stamp(2));
    cache.save();
    const [header, kept, cut] = readFileSync(location, 'utf8').split('\n');
    writeFileSync(location, [header, 'no tabs at all ü', '', kept, cut.slice(0, cut.length - 5)].join('\n'));
    const reopened = open(location);
    expect(reopened.get(names[0], 'hash-0')?.problems[0].message).toBe('kept');
    expect(reopened.get(names[1], 'hash-1')).toBeUndefined();
  });
});

describe('facts taken by their stamp, decoded on first read (lazy)', () => {
  const scriptFacts = (file: string, hash: string): FileFacts => ({
    ...facts(file, hash, 'unreadable'),
    kind: 'script',
    problems: [{ message: 'too large', fileSpan: { start: 0, end: 1 }, unanalysed: 'too-large' }],
  });

  it('tell their path, hash, kind and summary without decoding; a damaged entry is found when first read, and said', () => {
    const location = path.join(root, 'lazy');
    const first = open(location);
    first.set(scriptFacts('src/a.ts', 'hash-a'), stamp(1));
    first.set(scriptFacts('src/b.ts', 'hash-b'), stamp(2));
    first.save();
    // b's facts no longer decode; its summary (the field before them) is whole.
    const lines = readFileSync(location, 'utf8').split('\n');
    writeFileSync(
      location,
      lines.map((line) => (line.includes('"src/b.ts"\t') ? line.replace(/\t\{"path"[^]*$/, '\t{"path":') : line)).join('\n'),
    );

    const cache = open(location);
    const a = cache.getUnchanged('src/a.ts', stamp(1), true)!;
    const b = cache.getUnchanged('src/b.ts', stamp(2), true)!;
    expect([a.path, a.hash, a.kind, a.unread, b.path, b.hash, b.kind]).toEqual([
      'src/a.ts',
      'hash-a',
      'script',
      undefined,
      'src/b.ts',
      'hash-b',
      'script',
    ]);
    expect(factsSummary(b)).toEqual({ kind: 'script', unanalysed: true });
    expect(cache.damaged).toBe(false);
    expect(a.problems[0].message).toBe('too large');
    expect(factsFields(a)).toEqual(expect.objectContaining({ lineStarts: [0, 7], comments: [] }));
    expect(cache.damaged).toBe(false);
    // Read: a file without facts, and the cache says so (lint() runs again, reading every entry at once).
    expect(b.problems).toEqual([]);
    expect(cache.damaged).toBe(true);
    // Not asked for lazily: decoded at once, and a damaged entry is a miss.
    const eager = open(location);
    expect(factsSummary(eager.getUnchanged('src/a.ts', stamp(1))!)).toBeUndefined();
    expect(eager.getUnchanged('src/b.ts', stamp(2))).toBeUndefined();
    expect(eager.damaged).toBe(false);
  });

  it('give every field by the list of fields, as the facts decoded at once: what copies, signs or stores facts reads them so', () => {
    const location = path.join(root, 'lazy-fields');
    const first = open(location);
    first.set({ ...scriptFacts('src/a.ts', 'hash-a'), opensConnection: true, liquibaseFormatted: true }, stamp(1));
    first.save();
    const cache = open(location);
    const lazy = cache.getUnchanged('src/a.ts', stamp(1), true)!;
    const eager = open(location).getUnchanged('src/a.ts', stamp(1))!;
    expect(factsSummary(lazy)).toEqual({ kind: 'script', unanalysed: true });
    expect(factsSummary(eager)).toBeUndefined();
    // Its own fields are those the summary tells; the rest are its prototype's, which a spread does not see.
    expect(Object.keys(lazy)).toEqual(['path', 'hash', 'kind', 'unread']);
    expect(JSON.stringify(declaredFacts(lazy, true))).toBe(JSON.stringify(declaredFacts(eager, true)));
    expect(JSON.stringify(declaredFacts(lazy, true))).toContain('"liquibaseFormatted":true');
    expect(factsFields(lazy)).toEqual(factsFields(eager));
    expect(factsFields(lazy)).toEqual(expect.objectContaining({ opensConnection: true, problems: eager.problems }));
    let reads = 0;
    const read = () => {
      reads++;
      return 'const a = 1;\n';
    };
    const withText = withTextRead(lazy, read);
    expect(withText).toBe(lazy);
    expect(textReadLater(withText)).toBe(true);
    expect(storedFacts(withText)).toEqual(storedFacts(withTextRead(eager, read)));
    expect(encodeFacts(withText)).toBe(encodeFacts(withTextRead(eager, read)));
    expect(reads).toBe(0);
    expect([withText.text, withText.text, reads]).toEqual(['const a = 1;\n', 'const a = 1;\n', 1]);
    withText.text = 'changed';
    expect(withText.text).toBe('changed');
    expect(textReadLater({ ...eager, text: '' })).toBe(false);
    expect(cache.damaged).toBe(false);
  });

  it("the summary holds the tables the run told with the facts (the model's part), and says nothing of them otherwise", () => {
    const location = path.join(root, 'lazy-tables');
    const first = open(location);
    first.set(scriptFacts('src/a.ts', 'hash-a'), stamp(1), { tables: ['invoices', 'orders'], importedNames: true });
    first.set(scriptFacts('src/b.ts', 'hash-b'), stamp(2));
    first.save();
    const cache = open(location);
    expect(factsSummary(cache.getUnchanged('src/a.ts', stamp(1), true)!)).toEqual({
      kind: 'script',
      unanalysed: true,
      tables: ['invoices', 'orders'],
      importedNames: true,
    });
    expect(factsSummary(cache.getUnchanged('src/b.ts', stamp(2), true)!)).toEqual({ kind: 'script', unanalysed: true });
    expect(cache.damaged).toBe(false);
  });

  it('the summary says what the scans over every file would find', () => {
    const summary = summariseFacts({
      ...facts('db/V1__a.sql', 'h', 'x'),
      kind: 'sql',
      sql: {
        dialect: 'postgresql',
        statements: [],
        secrets: [{ statement: 'CREATE USER', span: { start: 0, end: 1 }, secret: { kind: 'password', length: 9, fingerprint: 'fp-1' } }],
      } as unknown as NonNullable<FileFacts['sql']>,
    });
    expect(summary).toEqual({ kind: 'sql', fingerprints: ['fp-1'] });
  });
});
