/**
 * init and map call a database shared exactly when the lint does (no-shared-database): services
 * on one database name that schemas keep apart share nothing, so nothing is undecided.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { proposeConfig, renderConfigJsonc, renderInitReport, type ConfigProposal } from '../../src/commands/init-config.js';
import { buildOwnershipMap, type OwnershipMap } from '../../src/commands/ownership.js';
import { renderMarkdown, renderTable } from '../../src/commands/map-render.js';
import { renderHtml } from '../../src/commands/map-html.js';
import { lint, type LintRun } from '../../src/lint.js';
import { copyOfCase } from '../acceptance/layout-case.js';

async function runCase(name: string): Promise<{ run: LintRun; proposal: ConfigProposal; map: OwnershipMap }> {
  const run = await lint({ cwd: copyOfCase(name) });
  return { run, proposal: proposeConfig(run.model, run.serviceDiscovery), map: buildOwnershipMap(run.model, run.diagnostics) };
}

const sharedFindings = (run: LintRun) => run.diagnostics.filter((d) => d.ruleId === 'no-shared-database').map((d) => d.data?.service);

describe('a schema per service (schema-isolation: five services on `shop`, each with ?schema= / search_path / schema:)', () => {
  let result: Awaited<ReturnType<typeof runCase>>;
  beforeAll(async () => {
    result = await runCase('schema-isolation');
  }, 120_000);

  it('lint, init and map agree: not shared', () => {
    expect(sharedFindings(result.run)).toEqual([]);
    const shop = result.proposal.databases.find((d) => d.name === 'shop')!;
    expect(shop.services.length).toBeGreaterThan(1);
    expect(shop.sharedBy).toEqual([]);
    expect(shop.apartBy).toBe('schema');
    expect(shop.owner).toBeUndefined();

    const report = renderInitReport(result.proposal);
    expect(report).toContain(`shop → no owner needed: ${shop.services.join(', ')} each in its own schema`);
    expect(report).not.toMatch(/shop.*shared by|database 'shop' is shared/);
    const config = renderConfigJsonc(result.proposal);
    expect(config).not.toContain("TODO: 'shop' is shared");
    expect(config).toContain('each in its own schema: no owner needed');

    const database = result.map.databases.find((d) => d.name === 'shop')!;
    expect(database).toMatchObject({ sharedBy: [], apartBy: 'schema' });
    for (const text of [
      renderTable(result.map),
      renderMarkdown(result.map),
      renderHtml(result.map, { total: 0, errors: 0, warnings: 0, suppressed: 0, rules: [], services: [] }),
    ]) {
      expect(text).not.toContain('shared by');
      expect(text).toContain('a schema per service');
    }
  });
});

describe('two services confined to schemas by their tables, two others sharing `public` (table-schemas)', () => {
  let result: Awaited<ReturnType<typeof runCase>>;
  beforeAll(async () => {
    result = await runCase('table-schemas');
  }, 120_000);

  it('only the services the lint reports share the database, in init and map', () => {
    expect(new Set(sharedFindings(result.run))).toEqual(new Set(['admin', 'audit']));
    const clubhouse = result.proposal.databases.find((d) => d.name === 'clubhouse')!;
    expect(clubhouse.services).toEqual(['admin', 'audit', 'billing', 'members']);
    expect(clubhouse.sharedBy).toEqual(['admin', 'audit']);

    expect(renderInitReport(result.proposal)).toContain('clubhouse → undecided: shared by admin, audit');
    expect(renderInitReport(result.proposal)).toContain("database 'clubhouse' is shared by 'admin', 'audit'");
    expect(renderConfigJsonc(result.proposal)).toContain("TODO: 'clubhouse' is shared by 'admin', 'audit'");
    expect(renderTable(result.map)).toContain("Database 'clubhouse' is shared by 'admin', 'audit' and has no owner.");
  });
});
