/**
 * The project model as data (src/model/model-data.ts) on every fixture repository: build → encode →
 * decode → a model whose resolvers read the decoded data alone answers every question the built one
 * answers — every table reference of every file, every ORM entity use, every import, which services run
 * each module, which files are migrations, whose routine a call names — and the rules find the same.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseProject, checkProject } from '../../src/lint.js';
import { decodeModelData, encodeModelData, projectModelFromData } from '../../src/model/model-data.js';
import type { ProjectModel, Service } from '../../src/model/model.js';
import { fixtureFacts, fixtureListings } from '../fixture-tree.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const roots = [
  path.join(fixtures, 'sample-monorepo'),
  path.join(fixtures, 'real-patterns'),
  ...readdirSync(path.join(fixtures, 'layouts'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(fixtures, 'layouts', e.name)),
];

/** Answers as text, a service written as its name: the two models' services are different objects. */
function answers(model: ProjectModel): string {
  const out: unknown[] = [];
  const services = new Set<unknown>(model.services);
  for (const file of model.files) {
    const service = model.serviceOf(file.path);
    out.push(file.path, service?.name, model.fileDatabase(file.path), model.servicesImporting(file.path));
    out.push(
      model.migrations.isMigration(file),
      model.migrations.inMigrationFolder(file.path),
      model.migrations.isVersionedName(file.path),
    );
    out.push(model.nameHistory.folders.get(path.posix.dirname(file.path)));
    const script = file.script;
    for (const imported of script?.imports ?? []) out.push(model.resolveModule(file.path, imported.specifier));
    for (const use of script?.ormEntityUses ?? []) out.push(model.resolveEntityUse(file, use));
    for (const ref of script?.ormRefs ?? []) out.push(model.resolveTable(ref, service, file.path), model.resolveTable(ref));
    for (const analysis of [file.sql, ...(file.embeddedAnalyses ?? [])])
      for (const statement of analysis?.statements ?? []) {
        for (const ref of statement.tableRefs) {
          out.push(model.resolveTable(ref, service, file.path), model.resolveTable(ref), model.declarationsOf(ref.name, ref.qualifier));
          out.push(model.isSchemaStub(file.path, ref.name));
          for (const other of model.services) out.push(model.resolveTable(ref, other));
        }
        for (const call of statement.calls ?? []) out.push(model.resolveRoutine(call, service));
      }
  }
  out.push(
    model.services,
    model.sharedDatabases(),
    model.declarationsOutsideServices,
    model.schemaStubs,
    model.migrations.configuredPatterns,
  );
  return JSON.stringify(out, (_key, value: unknown) =>
    services.has(value) ? `service:${(value as Service).name}` : value instanceof Map ? [...value] : value,
  );
}

describe('the model as data', () => {
  for (const cwd of roots) {
    it(`answers as the built model does after a round trip: ${path.relative(fixtures, cwd)}`, async () => {
      const config = existsSync(path.join(cwd, 'nilecare-lint.config.json')) ? undefined : {};
      const project = await analyseProject({ cwd, config, factsCache: fixtureFacts(), listingCache: fixtureListings });
      const built = project.model;
      expect(built.modelData).toBeDefined();
      const text = encodeModelData(built.modelData!);
      const decoded = decodeModelData(text);
      expect(encodeModelData(decoded)).toBe(text);
      // No serviceOf handed over: the decoded services' roots and migration folders decide, as in a later run.
      const stored = projectModelFromData(decoded, {
        cwd: built.cwd,
        config: built.config,
        ...(built.configSource ? { configSource: built.configSource } : {}),
        files: built.files,
        unreadManifests: built.unreadManifests,
        scriptSecrets: built.scriptSecrets,
      });
      expect(stored.services).not.toBe(built.services);
      expect(answers(stored)).toBe(answers(built));
      const fromBuilt = await checkProject(project);
      const fromStored = await checkProject({ ...project, model: stored });
      expect(JSON.stringify(fromStored.diagnostics)).toBe(JSON.stringify(fromBuilt.diagnostics));
      expect(fromStored.notices).toEqual(fromBuilt.notices);
    }, 60_000);
  }
});
