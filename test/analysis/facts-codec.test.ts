/**
 * The facts cache's codec: every fact the analysers produce on the fixture repositories survives
 * a round trip, and the shape check refuses what the analysers never produce. A field added to
 * FileFacts but not to the codec's shape fails the round trip here (if a fixture exercises it)
 * rather than silently turning every cached entry into a miss.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FactsCache } from '../../src/analysis/facts-cache.js';
import { decodeFacts, encodeFacts } from '../../src/analysis/facts-codec.js';
import type { FileFacts } from '../../src/analysis/facts.js';
import { lint } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';
import { fixtureFacts, fixtureListings } from '../fixture-tree.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const roots = [
  path.join(fixtures, 'sample-monorepo'),
  path.join(fixtures, 'real-patterns'),
  ...readdirSync(path.join(fixtures, 'layouts'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(fixtures, 'layouts', e.name)),
];

/** Every file's facts, as lint() hands them to a cache. */
let corpus: FileFacts[] = [];

/**
 * Every rule off on the command line's terms (`--rule`): the facts are analysis's, read before any
 * rule runs, and the config's rule options that analysis reads (secretPatterns) stay as written.
 * The same facts, byte for byte once encoded (all 700 of main 6cfa70f), for ~20% less CPU than with the rules on.
 */
const rulesOff = Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off' as const]));

beforeAll(async () => {
  for (const cwd of roots) {
    // Every file analysed here (no hits), and kept for the acceptance files and map-golden in this worker.
    const shared = fixtureFacts();
    const recorder: FactsCache = {
      ...shared,
      get: () => undefined,
      set: (facts, stamp) => {
        corpus.push(facts);
        shared.set(facts, stamp);
      },
    };
    // A fixture without a config is its own project (an inline config), not a folder of this repository.
    const config = existsSync(path.join(cwd, 'nilecare-lint.config.json')) ? undefined : {};
    await lint({ cwd, config, factsCache: recorder, listingCache: fixtureListings, ruleOverrides: rulesOff });
  }
  corpus = corpus.filter((facts) => facts.hash !== '');
}, 180_000);

/** What JSON keeps of a value: undefined fields dropped. */
const asStored = (facts: FileFacts) => {
  const { text: _text, ...stored } = facts;
  return JSON.parse(JSON.stringify(stored)) as unknown;
};

describe('facts codec', () => {
  it('round-trips the facts of every fixture file, and the corpus exercises every kind of fact', () => {
    expect(corpus.length).toBeGreaterThan(200);
    const failed = corpus.filter((facts) => decodeFacts(encodeFacts(facts), facts.path, facts.hash) === undefined).map((f) => f.path);
    expect(failed).toEqual([]);
    for (const facts of corpus.slice(0, 50)) expect(decodeFacts(encodeFacts(facts), facts.path, facts.hash)).toEqual(asStored(facts));
    const present = new Set(
      corpus.flatMap((facts) => Object.keys(facts).filter((key) => (facts as unknown as Record<string, unknown>)[key] !== undefined)),
    );
    for (const key of [
      'script',
      'sql',
      'embeddedAnalyses',
      'env',
      'prisma',
      'prismaDatasources',
      'compose',
      'k8s',
      'lineStarts',
      'problems',
      'comments',
      'engineWords',
      'd1Databases',
    ]) {
      expect(present, key).toContain(key);
    }
  });

  it('refuses an entry for another file or another content hash', () => {
    const facts = corpus.find((f) => f.script && f.script.embeddedSql.length > 0)!;
    const json = encodeFacts(facts);
    expect(decodeFacts(json, facts.path, facts.hash)).toBeDefined();
    expect(decodeFacts(json, `${facts.path}x`, facts.hash)).toBeUndefined();
    expect(decodeFacts(json, facts.path, `${facts.hash}0`)).toBeUndefined();
  });

  it("stores an embedded statement's text once, in its site, and gives it back as the slice at its span", () => {
    const withSql = corpus.filter((f) => f.embeddedAnalyses?.some((analysis) => analysis.statements.length > 0));
    expect(withSql.length).toBeGreaterThan(20);
    let statements = 0;
    for (const facts of withSql) {
      const stored = JSON.parse(encodeFacts(facts)) as { embeddedAnalyses: Array<{ statements: Array<Record<string, unknown>> }> };
      facts.embeddedAnalyses!.forEach((analysis, i) =>
        analysis.statements.forEach((statement, j) => {
          statements++;
          const sliced = facts.script!.embeddedSql[i].text.slice(statement.span.start, statement.span.end) === statement.text;
          expect(Object.hasOwn(stored.embeddedAnalyses[i].statements[j], 'text'), `${facts.path} #${i}.${j}`).toBe(!sliced);
        }),
      );
      const decoded = decodeFacts(encodeFacts(facts), facts.path, facts.hash);
      expect(decoded).toEqual(asStored(facts));
      // As the analyser writes a statement: its text first.
      expect(Object.keys(decoded!.embeddedAnalyses![0].statements[0] ?? { text: '' })[0]).toBe('text');
    }
    expect(statements).toBeGreaterThan(50);
  });

  it('keeps the text of a statement that is not the slice of its site at its span', () => {
    const facts = corpus.find((f) => f.embeddedAnalyses?.[0]?.statements.length)!;
    const copy = structuredClone(facts);
    copy.embeddedAnalyses![0].statements[0].text = 'SELECT 1 /* not the site */';
    const stored = JSON.parse(encodeFacts(copy)) as { embeddedAnalyses: Array<{ statements: Array<{ text?: string }> }> };
    expect(stored.embeddedAnalyses[0].statements[0].text).toBe('SELECT 1 /* not the site */');
    expect(decodeFacts(encodeFacts(copy), copy.path, copy.hash)!.embeddedAnalyses![0].statements[0].text).toBe(
      'SELECT 1 /* not the site */',
    );
  });

  it('refuses a statement stored without its text whose span is not inside its site, or whose site has no SQL', () => {
    const facts = corpus.find((f) => f.embeddedAnalyses?.[0]?.statements.length)!;
    const siteLength = facts.script!.embeddedSql[0].text.length;
    const spans: unknown[] = [{ start: 0, end: siteLength + 1 }, { start: 2, end: 1 }, { start: -1, end: 1 }, { start: '0', end: 1 }, null];
    for (const span of spans) {
      const stored = JSON.parse(encodeFacts(facts)) as {
        embeddedAnalyses: Array<{ statements: Array<Record<string, unknown>> }>;
      };
      const statement = stored.embeddedAnalyses[0].statements[0];
      delete statement.text;
      statement.span = span;
      expect(decodeFacts(JSON.stringify(stored), facts.path, facts.hash), JSON.stringify(span)).toBeUndefined();
    }
    const stored = JSON.parse(encodeFacts(facts)) as {
      script: { embeddedSql: Array<Record<string, unknown>> };
      embeddedAnalyses: Array<{ statements: Array<Record<string, unknown>> }>;
    };
    delete stored.embeddedAnalyses[0].statements[0].text;
    stored.script.embeddedSql[0].text = 42;
    expect(decodeFacts(JSON.stringify(stored), facts.path, facts.hash)).toBeUndefined();
    // A site with fewer analyses than statements' sites: no site, no text, refused.
    const orphan = JSON.parse(encodeFacts(facts)) as {
      script: { embeddedSql: unknown[] };
      embeddedAnalyses: Array<{ statements: Array<Record<string, unknown>> }>;
    };
    delete orphan.embeddedAnalyses[0].statements[0].text;
    orphan.script.embeddedSql = [];
    expect(decodeFacts(JSON.stringify(orphan), facts.path, facts.hash)).toBeUndefined();
  });

  it('refuses one wrong leaf anywhere: a string for a number, a missing key, an unknown key, a bad enum value', () => {
    const facts = corpus.find((f) => f.script && f.script.embeddedSql.length > 0 && f.embeddedAnalyses?.[0]?.statements.length)!;
    const statement = ['embeddedAnalyses', 0, 'statements', 0];
    const DELETE = Symbol('delete');
    const mutations: Array<[Array<string | number>, unknown]> = [
      [[...statement, 'span', 'start'], '0'],
      [[...statement, 'span', 'start'], -1],
      [[...statement, 'span', 'start'], 1.5],
      [[...statement, 'tableRefs'], DELETE],
      [[...statement, 'kind'], 'execute'],
      [['script', 'embeddedSql', 0, 'extra'], true],
      [['script', 'imports'], {}],
      [['comments'], null],
      [['unread'], false],
      [['kind'], 'binary'],
      // The last item of an array; an optional key with a wrong value.
      [['script', 'imports', facts.script!.imports.length - 1, 'specifier'], 7],
      [['script', 'embeddedSql', 0, 'holes'], [{ index: -1 }]],
    ];
    for (const [where, value] of mutations) {
      const stored = JSON.parse(encodeFacts(facts)) as unknown;
      let parent = stored as Record<string | number, unknown>;
      for (const key of where.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      const last = where[where.length - 1];
      if (value === DELETE) delete parent[last];
      else parent[last] = value;
      expect(decodeFacts(JSON.stringify(stored), facts.path, facts.hash), `${where.join('.')} = ${String(value)}`).toBeUndefined();
    }
    expect(decodeFacts('not json', facts.path, facts.hash)).toBeUndefined();
    // A required key gone while an optional one takes its place: every required key must be there.
    const swapped = JSON.parse(encodeFacts(facts)) as { script: { embeddedSql: Array<Record<string, unknown>> } };
    delete swapped.script.embeddedSql[0]!.text;
    swapped.script.embeddedSql[0]!.holes = [];
    expect(decodeFacts(JSON.stringify(swapped), facts.path, facts.hash)).toBeUndefined();
    // A key JSON.parse makes an own property but assignment cannot: `__proto__` is an unknown key like any other.
    const stored = encodeFacts(facts);
    expect(decodeFacts(stored, facts.path, facts.hash)).toBeDefined();
    expect(decodeFacts(stored.replace(/^\{/, '{"__proto__":{},'), facts.path, facts.hash)).toBeUndefined();
    const site = stored.replace('"embeddedSql":[{', '"embeddedSql":[{"__proto__":{"text":"x"},');
    expect(site).not.toBe(stored);
    expect(decodeFacts(site, facts.path, facts.hash)).toBeUndefined();
  });
});
