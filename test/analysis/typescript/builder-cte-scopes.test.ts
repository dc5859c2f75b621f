/**
 * The CTE names query builders declare, grouped by scope once (review, session 17): a reference or a SQL site is
 * looked up through the scopes around it, never against every CTE of the file (5,000 `.with(…)` calls took 14 s).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BuilderCteScopes, type BuilderCte } from '../../../src/analysis/typescript/orm/builder-names.js';
import { extractScript } from '../../../src/analysis/typescript/index.js';

afterEach(() => vi.restoreAllMocks());

describe('BuilderCteScopes', () => {
  // A file of 1,000 characters: a class [100, 600) with a method [150, 300), a function [700, 900).
  const ctes: BuilderCte[] = [
    { name: 'ranked', scope: { start: 150, end: 300 } },
    { name: 'tree', scope: { start: 100, end: 600 } },
    { name: 'totals', scope: { start: 700, end: 900 } },
    { name: 'top', scope: { start: 0, end: 1000 } },
    { name: 'ranked', scope: { start: 150, end: 300 } },
  ];
  const scopes = new BuilderCteScopes(ctes);

  it('a name is a CTE in its own scope and the scopes inside it, not in a sibling or outside', () => {
    expect(scopes.declares('Ranked', { start: 200, end: 210 })).toBe(true);
    expect(scopes.declares('ranked', { start: 400, end: 410 })).toBe(false); // the class, outside the method
    expect(scopes.declares('tree', { start: 200, end: 210 })).toBe(true); // the class's, inside its method
    expect(scopes.declares('tree', { start: 800, end: 810 })).toBe(false);
    expect(scopes.declares('totals', { start: 800, end: 810 })).toBe(true);
    expect(scopes.declares('totals', { start: 200, end: 210 })).toBe(false);
    expect(scopes.declares('top', { start: 950, end: 960 })).toBe(true);
    expect(scopes.declares('top', { start: 200, end: 210 })).toBe(true);
    // A span that runs out of the method is not inside it.
    expect(scopes.declares('ranked', { start: 290, end: 310 })).toBe(false);
  });

  it('a site carries the CTEs around it that its text names, as words, lower-cased', () => {
    expect(scopes.mentionedAt('select * from RANKED join tree_x on true join "tree" t on t.id = top.id', { start: 200, end: 260 })).toEqual(
      ['ranked', 'tree', 'top'],
    );
    expect(scopes.mentionedAt('select * from totals', { start: 200, end: 260 })).toEqual([]);
    expect(new BuilderCteScopes([]).mentionedAt('select * from ranked', { start: 0, end: 5 })).toEqual([]);
  });

  it('looks up through the scopes around a span, not every CTE: 5,000 functions with 5,000 CTEs, 10,000 lookups', () => {
    const many: BuilderCte[] = [];
    for (let i = 0; i < 5_000; i++) many.push({ name: `cte_${i}`, scope: { start: 100 * i + 10, end: 100 * i + 90 } });
    const index = new BuilderCteScopes(many);
    const has = vi.spyOn(Set.prototype, 'has');
    let found = 0;
    for (let i = 0; i < 5_000; i++) {
      if (index.declares(`cte_${i}`, { start: 100 * i + 20, end: 100 * i + 30 })) found++;
      if (index.declares(`cte_${i}`, { start: 100 * i + 95, end: 100 * i + 99 })) found++; // between two functions
    }
    expect(found).toBe(5_000);
    // One name set looked at per lookup inside a function, none between two (the old search compared each of 5,000).
    expect(has.mock.calls.length).toBeLessThanOrEqual(5_000);
  });
});

describe('builder CTEs in a script', () => {
  it("drops a builder's own CTE references and gives each site only the CTE names its SQL mentions", () => {
    const lines = ["import knex from 'knex';", 'const db = knex({});', 'export async function report() {'];
    for (let i = 0; i < 50; i++) lines.push(`  await db.with('cte_${i}', db.raw('select id from orders_${i}')).from('cte_${i}');`);
    lines.push("  return db.raw('select * from cte_7 join cte_8 using (id) join orders using (id)');", '}', "db.from('cte_9');");
    const { script } = extractScript('src/report.ts', lines.join('\n'));
    expect(script.ormRefs.map((r) => r.name)).toEqual(['cte_9']); // outside the function that declares it
    const sites = script.embeddedSql;
    expect(sites).toHaveLength(51);
    expect(sites.slice(0, 50).every((s) => s.ctes === undefined)).toBe(true);
    expect(sites[50].ctes).toEqual(['cte_7', 'cte_8']);
  });
});
