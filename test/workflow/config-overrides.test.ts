/**
 * The config's `overrides` (ESLint's): rule settings for some files, such as the per-service naming settings `init`
 * writes where services follow different conventions (issue 14).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint, resolveRules } from '../../src/lint.js';
import { ruleRegistry } from '../../rules/index.js';

const onlyIndexName = (): NonNullable<NilecareConfig['rules']> => ({
  ...Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off'])),
  'index-name': ['warn', { suffixes: { index: '_idx' } }],
});

const services: NilecareConfig['services'] = [
  { name: 'analytics', roots: ['services/analytics'] },
  { name: 'identity', roots: ['services/identity'] },
];

const files = {
  'services/analytics/migrations/V1__init.sql':
    'CREATE TABLE events (id INT PRIMARY KEY, name TEXT);\nCREATE INDEX events_name_idx ON events (name);\n',
  'services/identity/migrations/V1__init.sql':
    'CREATE TABLE users (id INT PRIMARY KEY, name TEXT);\nCREATE INDEX users_name_idx ON users (name);\n',
};

async function findings(config: NilecareConfig): Promise<string[]> {
  const tree = memoryTree(files, { root: '/config-overrides' });
  const run = await lint({ cwd: tree.root, tree, config: { dialect: 'postgresql', services, ...config } });
  return run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`);
}

describe("the config's overrides", () => {
  it('set a rule for the files they match; the top-level setting judges the others', async () => {
    expect(
      await findings({
        rules: onlyIndexName(),
        overrides: [{ files: ['services/identity'], rules: { 'index-name': ['warn', { suffixes: { index: '_index' } }] } }],
      }),
    ).toEqual([
      "index-name services/identity/migrations/V1__init.sql:2:14-2:28 Index 'users_name_idx' on table 'users' neither starts with 'idx_' nor ends with '_index'; expected a name like 'users_name_index'.",
    ]);
  });

  it("take the last matching entry; a severity alone keeps the top-level options; 'off' turns the rule off there", async () => {
    const strict: NonNullable<NilecareConfig['rules']> = { 'index-name': ['warn', { suffixes: { index: '_index' } }] };
    // Both entries match identity's files: the second ('warn' alone, the top-level options: _idx accepted) wins.
    expect(
      await findings({
        rules: onlyIndexName(),
        overrides: [
          { files: ['services/**'], rules: strict },
          { files: ['services/identity/**'], rules: { 'index-name': 'warn' } },
        ],
      }),
    ).toEqual([
      "index-name services/analytics/migrations/V1__init.sql:2:14-2:29 Index 'events_name_idx' on table 'events' neither starts with 'idx_' nor ends with '_index'; expected a name like 'events_name_index'.",
    ]);
    expect(
      await findings({
        rules: { ...onlyIndexName(), 'index-name': ['warn', { suffixes: { index: '_index' } }] },
        overrides: [{ files: ['services/analytics'], rules: { 'index-name': 'off' } }],
      }),
    ).toEqual([
      "index-name services/identity/migrations/V1__init.sql:2:14-2:28 Index 'users_name_idx' on table 'users' neither starts with 'idx_' nor ends with '_index'; expected a name like 'users_name_index'.",
    ]);
  });

  it('are config errors naming their key path: an unknown rule, invalid options, a rule that judges the whole project', async () => {
    expect(() => resolveRules({ overrides: [{ files: ['a'], rules: { 'index-nam': 'warn' } }] })).toThrow(
      /^overrides\[0\]\.rules\.index-nam: /,
    );
    expect(() => resolveRules({ overrides: [{ files: ['a'], rules: { 'index-name': ['warn', { prefix: 'x' }] } }] })).toThrow(
      /overrides\[0\]\.rules\.index-name\[1\]\./,
    );
    await expect(
      findings({ rules: onlyIndexName(), overrides: [{ files: ['services/analytics'], rules: { 'no-shared-database': 'warn' } }] }),
    ).rejects.toThrow(
      new ConfigError(`overrides: 'no-shared-database' judges the whole project, so it is set in "rules" only, not for some files`),
    );
  });
});

describe("a rule's options", () => {
  const indexName = ruleRegistry['index-name'];
  const defaults = indexName.meta.options!.parse({});
  const entryOf = (active: ReturnType<typeof resolveRules>, id: string) => active.filter((entry) => entry.rule.meta.id === id);

  it('written for a rule that is off are still checked', () => {
    expect(() => resolveRules({ rules: { 'index-name': ['off', { prefix: 'x' }] } })).toThrow(
      /^invalid options:\n {2}rules\.index-name\[1\]\./,
    );
    expect(() =>
      resolveRules({ rules: { 'index-name': 'off' }, overrides: [{ files: ['a'], rules: { 'index-name': ['off', { prefix: 'x' }] } }] }),
    ).toThrow(/overrides\[0\]\.rules\.index-name\[1\]\./);
  });

  it("are the rule's defaults wherever a rule with none written is turned on: by --rule, by an override, by its own default", () => {
    expect(entryOf(resolveRules({ rules: { 'index-name': 'off' } }), 'index-name')).toEqual([]);
    expect(entryOf(resolveRules({ rules: { 'index-name': 'off' } }, { 'index-name': 'warn' }), 'index-name')).toEqual([
      { rule: indexName, severity: 'warn', options: defaults },
    ]);
    const overridden = entryOf(
      resolveRules({ rules: { 'index-name': 'off' }, overrides: [{ files: ['services/identity'], rules: { 'index-name': 'error' } }] }),
      'index-name',
    );
    expect(overridden.map(({ severity, options }) => ({ severity, options }))).toEqual([{ severity: 'error', options: defaults }]);
    expect(overridden[0].files?.('services/identity/migrations/V1__init.sql')).toBe(true);
    expect(entryOf(resolveRules({}), 'index-name')).toEqual([
      { rule: indexName, severity: indexName.meta.defaultSeverity, options: defaults },
    ]);
  });
});
