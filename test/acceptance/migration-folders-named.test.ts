/**
 * fixtures/layouts/migration-folders-named-like-services: root `migrations/<x>/` folders named like
 * one service each (HELDOUT5 nileops). The zero-config run and the config `init` writes give the
 * same findings; init writes each folder as the service's `migrations`, roots unchanged, and says why.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { proposeConfig, renderConfigJsonc, renderInitReport, type ConfigProposal } from '../../src/commands/init-config.js';
import { parseConfigText } from '../../src/config/load.js';
import { lint, type LintRun } from '../../src/lint.js';
import { MemoryFactsCache } from '../../src/analysis/memory-facts-cache.js';
import { fixtureListings } from '../fixture-tree.js';
import { findingsOf, keyOf, layoutsRoot, readExpected, textAt } from './layout-case.js';

const CASE = 'migration-folders-named-like-services';

describe(`fixtures/layouts/${CASE}`, () => {
  const expected = readExpected(CASE);
  const dir = path.join(layoutsRoot, CASE);
  const factsCache = new MemoryFactsCache();
  let run: LintRun;
  let proposal: ConfigProposal;
  beforeAll(async () => {
    run = await lint({ cwd: dir, config: {}, listingCache: fixtureListings, factsCache });
    proposal = proposeConfig(run.model, run.serviceDiscovery);
  }, 120_000);

  it('every expected range covers its token, and each finding carries its service, table and owner', () => {
    expect(expected.findings.map((f) => `${keyOf(f)} «${textAt(CASE, f)}»`)).toEqual(
      expected.findings.map((f) => `${keyOf(f)} «${f.token}»`),
    );
    for (const finding of expected.findings) {
      const diagnostic = run.diagnostics.find((d) => keyOf(d) === keyOf(finding));
      expect(diagnostic?.data, keyOf(finding)).toMatchObject(finding.data ?? {});
    }
  });

  it("init writes each named folder as the service's migrations, says why, and leaves the folder named like no service outside", () => {
    const config = renderConfigJsonc(proposal);
    expect(config).toContain(
      '"migrations": ["migrations/scheduling"], // its migrations outside its roots: migrations/scheduling/ (1 file) (a folder outside every service named like it, and like no other service); their files are the service\'s',
    );
    expect(config).toContain('"migrations": ["migrations/pharmacy"], // its migrations outside its roots: migrations/pharmacy/ (2 files)');
    expect(proposal.services.map((s) => [s.name, s.roots, s.migrations?.folders])).toEqual([
      ['pharmacy-service', ['services/pharmacy-service'], ['migrations/pharmacy']],
      ['scheduling-service', ['services/scheduling-service'], ['migrations/scheduling']],
    ]);
    const report = renderInitReport(proposal);
    expect(report).toContain('migrations/scheduling/ (1 file: migrations outside every service, in a folder named like it)');
    expect(report).toContain('migrations/reporting/V1__report_runs.sql creates tables outside every service');
    expect(report).not.toContain('creates no tables');
  });

  it('the config init writes gives exactly the zero-config findings of the exhaustive rules', async () => {
    const written = parseConfigText(renderConfigJsonc(proposal), path.join(dir, 'nilecare-lint.config.json'));
    const configured = await lint({ cwd: dir, config: written, listingCache: fixtureListings, factsCache });
    expect(findingsOf(configured.diagnostics, expected.exhaustiveRules)).toEqual(expected.findings.map(keyOf).sort());
    expect(findingsOf(run.diagnostics, expected.exhaustiveRules)).toEqual(expected.findings.map(keyOf).sort());
  }, 120_000);
});
