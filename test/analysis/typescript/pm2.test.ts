import { describe, expect, it } from 'vitest';
import { extractFileFacts, loadScriptAnalysers } from '../../../src/analysis/analyze-file.js';
import { newSecretKey } from '../../../src/analysis/secrets.js';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { onlyImportsPossible } from '../../../src/analysis/typescript/prefilter.js';
import type { Span } from '../../../src/analysis/facts.js';

// Scripts are parsed with TypeScript, which a run loads only when it has one to parse.
await loadScriptAnalysers();

const at = (text: string, span: Span) => text.slice(span.start, span.end);

const ECOSYSTEM = [
  "require('dotenv').config();",
  'module.exports = {',
  '  apps: [',
  '    {',
  "      name: 'auth-service',",
  "      cwd: './services/auth-service',",
  "      script: 'dist/index.js',",
  "      env: { NODE_ENV: 'development', DB_HOST: 'localhost', DB_NAME: 'auth_dev', DB_PORT: 3306 },",
  "      env_production: { DB_HOST: 'db.internal', DB_NAME: 'platform', DB_USER: process.env.DB_USER, DB_PASSWORD: 'Pl4tf0rm-Pr0d!' },",
  '    },',
  "    { name: 'worker', script: './services/worker/index.js', env: { DATABASE_URL: `mysql://worker:W0rker-pw@db.internal/platform` } },",
  '    notAnApp,',
  '  ],',
  '};',
  '',
].join('\n');

describe('PM2 ecosystem files (HELDOUT5 #15)', () => {
  it("reads each app's name, cwd, script and environments as data, literals only, at their spans", () => {
    const { script } = extractScript('ecosystem.config.js', ECOSYSTEM);
    expect(script.pm2Apps?.map((app) => [app.name, app.cwd, app.script, app.environments.map((e) => e.name)])).toEqual([
      ['auth-service', './services/auth-service', 'dist/index.js', ['env', 'env_production']],
      ['worker', undefined, './services/worker/index.js', ['env']],
    ]);
    const [auth] = script.pm2Apps!;
    expect(auth.environments[0].entries.map((e) => [e.key, e.value, at(ECOSYSTEM, e.keySpan), at(ECOSYSTEM, e.valueSpan)])).toEqual([
      ['NODE_ENV', 'development', 'NODE_ENV', "'development'"],
      ['DB_HOST', 'localhost', 'DB_HOST', "'localhost'"],
      ['DB_NAME', 'auth_dev', 'DB_NAME', "'auth_dev'"],
      ['DB_PORT', '3306', 'DB_PORT', '3306'],
    ]);
    // `process.env.DB_USER` is what the host supplies: left out.
    expect(auth.environments[1].entries.map((e) => e.key)).toEqual(['DB_HOST', 'DB_NAME', 'DB_PASSWORD']);
    expect(at(ECOSYSTEM, auth.fileSpan)).toMatch(/^\{\n {6}name: 'auth-service',[\s\S]*\}$/);
    // The file's `apps:` keeps it from the imports-only scanner, though it requires a module.
    expect(onlyImportsPossible(ECOSYSTEM)).toBe(false);
  });

  it('export default, a constant, and a shorthand `apps`; other file names and exports without apps give none', () => {
    const viaConstant =
      "const apps = [{ name: 'billing', env: { DB_NAME: 'billing' } }];\nconst config = { apps };\nmodule.exports = config;\n";
    expect(extractScript('pm2.config.cjs', viaConstant).script.pm2Apps?.map((a) => a.name)).toEqual(['billing']);
    const esm = "export default { apps: [{ name: 'billing', env_production: { DB_NAME: 'billing' } }] };\n";
    expect(extractScript('deploy/ecosystem.production.config.mjs', esm).script.pm2Apps?.map((a) => a.name)).toEqual(['billing']);
    expect(extractScript('src/config.js', esm).script.pm2Apps).toBeUndefined();
    expect(
      extractScript('ecosystem.config.js', 'module.exports = { deploy: { production: { ref: "main" } } };\n').script.pm2Apps,
    ).toBeUndefined();
  });

  it('secrets in an environment are described, never kept: a secret-named literal, a URL password', () => {
    const facts = extractFileFacts('ecosystem.config.js', ECOSYSTEM, { sqlCallees: [], secrets: { key: newSecretKey() } });
    const apps = facts.script!.pm2Apps!;
    const password = apps[0].environments[1].entries.find((e) => e.key === 'DB_PASSWORD')!;
    expect(password.value).toBeUndefined();
    expect(password.secret).toMatchObject({ kind: 'literal', length: '8-15' });
    const url = apps[1].environments[0].entries[0];
    expect(url.value).toBe('mysql://worker:*********@db.internal/platform');
    expect(at(ECOSYSTEM, url.secretsInValue![0].fileSpan)).toBe('W0rker-pw');
    expect(JSON.stringify({ ...facts, text: '' })).not.toMatch(/Pl4tf0rm|W0rker-pw/);
  });
});
