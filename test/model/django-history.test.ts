/**
 * Which migrations of a Django app one history joins (src/model/django-history.ts), asked of the facts alone: the
 * cases the rule's tests show through whole runs (test/rules/migration-duplicate-version.test.ts), and the ones a
 * hostile app makes — a chain too deep for a recursive walk, and a dependency cycle Django itself would refuse.
 */
import { describe, expect, it } from 'vitest';
import type { DjangoMigrationKey, FileFacts } from '../../src/analysis/facts.js';
import { djangoHistory } from '../../src/model/django-history.js';

const migration = (path: string, dependencies: DjangoMigrationKey[], replaces: DjangoMigrationKey[] = []): FileFacts => ({
  path,
  kind: 'other',
  hash: path,
  lineStarts: [0],
  text: '',
  comments: [],
  problems: [],
  djangoMigration: { dependencies, replaces },
});

const folder = 'shop/orders/migrations';
const file = (name: string) => `${folder}/${name}.py`;
const on = (...names: string[]) => names.map((name) => ({ app: 'orders', name }));

describe('a Django app’s migration history', () => {
  it('joins a migration and one after it, two a merge comes after, a squashed one and what it replaces; nothing else', () => {
    const joined = djangoHistory([
      migration(file('0001_initial'), []),
      migration(file('0002_items'), on('0001_initial')),
      migration(file('0003_a'), on('0002_items')),
      migration(file('0003_b'), on('0002_items')),
      migration(file('0003_c'), on('0002_items')),
      migration(file('0004_merge'), on('0003_a', '0003_b')),
      migration(file('0001_squashed_0002_items'), [], on('0001_initial', '0002_items')),
      migration('shop/billing/migrations/0003_a.py', [{ app: 'billing', name: '0002_x' }]),
    ]);
    expect(joined(file('0001_initial'), file('0003_c'))).toBe(true);
    expect(joined(file('0003_c'), file('0001_initial'))).toBe(true);
    expect(joined(file('0003_a'), file('0003_b'))).toBe(true);
    expect(joined(file('0001_squashed_0002_items'), file('0002_items'))).toBe(true);
    // 0003_c is a second leaf beside the merge: Django refuses to migrate the app until another merge joins it.
    expect(joined(file('0003_a'), file('0003_c'))).toBe(false);
    expect(joined(file('0003_a'), 'shop/billing/migrations/0003_a.py')).toBe(false);
  });

  it('walks a chain of 50,000 migrations without a recursion, and answers each question from it', () => {
    const names = Array.from({ length: 50_000 }, (_, i) => `${String(i + 1).padStart(5, '0')}_step`);
    const files = names.map((name, i) => migration(file(name), i === 0 ? [] : on(names[i - 1])));
    files.push(migration(file('00001_other'), []));
    const joined = djangoHistory(files);
    expect(joined(file(names[0]), file(names[49_999]))).toBe(true);
    expect(joined(file(names[49_999]), file(names[0]))).toBe(true);
    expect(joined(file(names[0]), file('00001_other'))).toBe(false);
    expect(joined(file(names[24_999]), file('00001_other'))).toBe(false);
  });

  it('stops at a dependency cycle, and joins what the cycle holds', () => {
    const joined = djangoHistory([
      migration(file('0001_a'), on('0003_c')),
      migration(file('0002_b'), on('0001_a')),
      migration(file('0003_c'), on('0002_b')),
      migration(file('0003_d'), on('0003_d')),
      migration(file('0004_e'), []),
    ]);
    expect(joined(file('0001_a'), file('0003_c'))).toBe(true);
    expect(joined(file('0002_b'), file('0003_c'))).toBe(true);
    expect(joined(file('0003_c'), file('0003_d'))).toBe(false);
    expect(joined(file('0003_d'), file('0004_e'))).toBe(false);
  });
});
