/**
 * A Supabase project's own app is part of its service however the app is laid out (HELDOUT8 #1): the root
 * package.json when it is the app (Supabase's and Vercel's Next.js starters: no workspaces, Supabase's
 * client or a driver among its dependencies) and Nx applications without a package.json of their own
 * (`apps/<x>/project.json`) whose code imports Supabase's client or a driver join the service as further
 * roots, as workspace apps with a package.json already did. Before, each of their queries was "outside
 * every service" (an error). A root package of tooling alone, an Nx app that touches no database and an app
 * with a schema of its own stay as they were.
 */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';

const SUPABASE: Record<string, string> = {
  'supabase/config.toml': 'project_id = "notes"\n',
  'supabase/migrations/20240101000000_init.sql':
    'create table public.notes (\n  id bigint generated always as identity primary key,\n  title text not null,\n  created_at timestamptz default now()\n);\n',
  '.env.example': 'DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:54322/postgres\n',
};
const RULES = ['no-cross-service-query', 'unknown-table', 'ambiguous-table-owner'];

async function run(files: Record<string, string>) {
  const tree = memoryTree({ ...SUPABASE, ...files }, { root: '/supabase-app-roots' });
  const result = await lint({ cwd: tree.root, tree });
  expect(result.internalErrors).toEqual([]);
  return {
    services: result.model.services.map((s) => `${s.name} ${s.roots.join(',')}: ${s.createdTables.map((d) => d.table).join(', ')}`),
    rejected: (result.serviceDiscovery?.rejected ?? []).map((r) => `${r.root}: ${r.reason}`),
    findings: result.diagnostics
      .filter((d) => RULES.includes(d.ruleId))
      .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`),
  };
}

const ROOT_APP: Record<string, string> = {
  'package.json': JSON.stringify({
    name: 'notes-app',
    private: true,
    scripts: { dev: 'next dev', build: 'next build' },
    dependencies: { '@supabase/ssr': '^0.3.0', '@supabase/supabase-js': '^2.43.4', next: '14.2.3', react: '18.3.1', postgres: '^3.4.4' },
    devDependencies: { supabase: '^1.167.4' },
  }),
  'app/notes/page.tsx': [
    "import { createClient } from '@/utils/supabase/server';",
    '',
    'export default async function Notes() {',
    '  const supabase = createClient();',
    "  const { data: notes } = await supabase.from('notes').select();",
    '  return <pre>{JSON.stringify(notes)}</pre>;',
    '}',
    '',
  ].join('\n'),
  'lib/db.ts': [
    "import postgres from 'postgres';",
    '',
    'export const sql = postgres(process.env.DATABASE_URL!);',
    'export const countNotes = () => sql`select count(*) from public.notes`;',
    '',
  ].join('\n'),
  'utils/supabase/server.ts':
    "import { createServerClient } from '@supabase/ssr';\nexport const createClient = () => createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { cookies: {} });\n",
};

describe('the root package.json that is the app of a Supabase project', () => {
  it('joins the Supabase service with the folders of its code: its queries are the service’s own', async () => {
    const { services, findings } = await run(ROOT_APP);
    expect(services).toEqual(['supabase supabase,app,lib,utils: notes']);
    expect(findings).toEqual([]);
  });

  it('does not when the root package is tooling alone: code at the root that reads the tables is still outside every service', async () => {
    const { services, findings } = await run({
      'package.json': JSON.stringify({ name: 'notes', private: true, devDependencies: { supabase: '^1.167.4', prettier: '^3.2.5' } }),
      'scripts/count-notes.ts':
        "import { Client } from 'pg';\nconst client = new Client();\nexport const run = () => client.query('SELECT count(*) FROM notes');\n",
    });
    expect(services).toEqual(['supabase supabase: notes']);
    expect(findings).toEqual([
      "no-cross-service-query scripts/count-notes.ts:3:61-3:66 Code in 'scripts', outside every service, reads table 'notes' owned by service 'supabase'.",
    ]);
  });

  it('does not when the root package.json declares workspaces: a monorepo root is no app', async () => {
    const { services, findings } = await run({
      'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*'], dependencies: { pg: '^8.11.5' } }),
      'scripts/count-notes.ts':
        "import { Client } from 'pg';\nconst client = new Client();\nexport const run = () => client.query('SELECT count(*) FROM notes');\n",
    });
    expect(services).toEqual(['supabase supabase: notes']);
    expect(findings).toEqual([
      "no-cross-service-query scripts/count-notes.ts:3:61-3:66 Code in 'scripts', outside every service, reads table 'notes' owned by service 'supabase'.",
    ]);
  });
});

const NX: Record<string, string> = {
  'package.json': JSON.stringify({
    name: '@acme/source',
    private: true,
    dependencies: { '@supabase/supabase-js': '^2.43.4', pg: '^8.11.5', next: '14.2.3' },
    devDependencies: { nx: '19.1.0', supabase: '^1.167.4' },
  }),
  'nx.json': '{ "defaultBase": "main" }\n',
  'apps/web/project.json': JSON.stringify({ name: 'web', projectType: 'application', sourceRoot: 'apps/web' }),
  'apps/web/src/notes.ts':
    "import { createClient } from '@supabase/supabase-js';\n\nconst supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);\nexport const list = () => supabase.from('notes').select('id, title');\n",
  'apps/worker/project.json': JSON.stringify({ name: 'worker', projectType: 'application', sourceRoot: 'apps/worker/src' }),
  'apps/worker/src/main.ts':
    "import { Pool } from 'pg';\n\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL });\nexport const recent = () => pool.query('SELECT id, title FROM notes ORDER BY created_at DESC LIMIT 10');\n",
  // An application that reaches no database stays outside.
  'apps/landing/project.json': JSON.stringify({ name: 'landing', projectType: 'application' }),
  'apps/landing/src/main.ts': "import { render } from './render';\nexport const page = () => render('notes');\n",
};

describe('Nx applications (project.json, no package.json) around a Supabase project', () => {
  it('join the service when their code imports Supabase’s client or a driver; one that reaches no database does not', async () => {
    const { services, rejected, findings } = await run(NX);
    expect(services).toEqual(['supabase supabase,apps/web,apps/worker: notes']);
    expect(rejected).toEqual([
      'apps/landing: an application of apps/landing/project.json without data of its own (no migrations, Prisma schema, ORM config, entities or Drizzle tables)',
    ]);
    expect(findings).toEqual([]);
  });

  it('an application with a schema of its own stays a service: its read of the Supabase tables is cross-service', async () => {
    const { services, findings } = await run({
      ...NX,
      'apps/analytics/project.json': JSON.stringify({ name: 'analytics', projectType: 'application' }),
      'apps/analytics/migrations/001_daily_stats.sql': 'CREATE TABLE daily_stats (day DATE PRIMARY KEY, notes INT NOT NULL);\n',
      'apps/analytics/src/main.ts':
        "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const count = () => pool.query('SELECT count(*) FROM notes');\n",
    });
    expect(services).toEqual(['analytics apps/analytics: daily_stats', 'supabase supabase,apps/web,apps/worker: notes']);
    expect(findings).toEqual([
      "no-cross-service-query apps/analytics/src/main.ts:3:61-3:66 Service 'analytics' reads table 'notes' owned by service 'supabase'.",
    ]);
  });
});
