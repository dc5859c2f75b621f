/**
 * action.yml against the action metadata schema (action-metadata.schema.json, written from
 * GitHub's documented syntax), and against itself: every expression names a declared input or an
 * earlier step, every variable the script reads is set by the step that runs it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionRoot } from './fixtures.js';

interface Step {
  id?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  if?: string;
}
interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const text = readFileSync(path.join(actionRoot, 'action.yml'), 'utf8');
const action = parse(text) as ActionYml;
const schema = JSON.parse(readFileSync(path.join(actionRoot, 'test', 'action', 'action-metadata.schema.json'), 'utf8')) as object;
const script = readFileSync(path.join(actionRoot, 'action', 'run.mjs'), 'utf8');

describe('action.yml', () => {
  const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);

  it('matches the action metadata schema', () => {
    expect(validate(action), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema rejects what GitHub rejects: a run step without shell, an input without description, an unknown key', () => {
    const broken = (change: (a: ActionYml & Record<string, unknown>) => void) => {
      const copy = structuredClone(action) as ActionYml & Record<string, unknown>;
      change(copy);
      return validate(copy);
    };
    expect(broken((a) => delete (a.runs.steps[0] as Record<string, unknown>).shell)).toBe(false);
    expect(broken((a) => delete (a.inputs.config as Record<string, unknown>).description)).toBe(false);
    expect(broken((a) => (a.runz = {}))).toBe(false);
    expect(broken((a) => (a.runs.steps[1].uses = 'github/codeql-action/upload-sarif'))).toBe(false);
  });

  it('has the inputs of issue 18, with their documented choices', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([
      'comment',
      'config',
      'fail-on',
      'github-token',
      'sarif-category',
      'working-directory',
    ]);
    expect(action.inputs['fail-on'].description).toContain('added-edges');
    expect(action.inputs['fail-on'].description).toContain('added-findings');
    expect(action.inputs['fail-on'].description).toContain('never');
    for (const mode of ['off', 'on', 'update']) expect(action.inputs.comment.description).toContain(`${mode} (`);
    expect(action.inputs['github-token'].default).toBe('${{ github.token }}');
  });

  it('every expression names a declared input or an earlier step, and every step script variable is set', () => {
    const ids: string[] = [];
    for (const step of action.runs.steps) {
      const texts = [step.run, step.if, ...Object.values(step.env ?? {}), ...Object.values(step.with ?? {})].filter(
        (t): t is string => !!t,
      );
      for (const t of texts) {
        for (const [, input] of t.matchAll(/\binputs\.([\w-]+)/g)) expect(action.inputs, `inputs.${input}`).toHaveProperty([input]);
        for (const [, id] of t.matchAll(/\bsteps\.([\w-]+)\./g)) expect(ids, `steps.${id} before it runs`).toContain(id);
      }
      if (step.id) ids.push(step.id);
      if (step.run?.includes('action/run.mjs')) {
        // The script reads INPUT_* from the step's env: composite actions map no input by themselves.
        for (const [, name] of script.matchAll(/value\('([A-Z_]+)'/g)) expect(step.env, `INPUT_${name}`).toHaveProperty([`INPUT_${name}`]);
      }
    }
    for (const output of Object.values(action.outputs))
      for (const [, id] of output.value.matchAll(/\bsteps\.([\w-]+)\./g)) expect(ids).toContain(id);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.uses).toBe('github/codeql-action/upload-sarif@v4');
    expect(upload?.with).toMatchObject({ sarif_file: '${{ steps.lint.outputs.sarif-file }}', category: '${{ inputs.sarif-category }}' });
    const drift = action.runs.steps.find((s) => s.id === 'drift');
    expect(drift?.env?.GITHUB_TOKEN).toBe('${{ inputs.github-token }}');
  });
});
