/**
 * A Supabase CLI project (`supabase/config.toml` beside `supabase/migrations/*.sql`, the CLI's
 * fixed layout) is the schema of the one database its apps use: its migrations create the tables,
 * its edge functions (`supabase/functions/`) and the apps reach them. Outside every service, its
 * tables had no owner and each app's query on them was `unknown-table`; the project is the owner.
 *
 * As with a data package, the apps that keep no data of their own (no migrations, Prisma schema,
 * ORM config, entities or SQL: a worker with `postgres` and a `DATABASE_URL`) and the apps using
 * Supabase's client (`@supabase/supabase-js`, `@supabase/ssr`: front ends included) are one
 * service with the project: one application on one database by design, with no service boundary
 * inside it. An app with a schema of its own stays a service of its own.
 */
import path from 'node:path';

/** A Supabase project folder and the file that marks it. */
export interface SupabaseProject {
  /** Repo-relative folder (`supabase`, `apps/web/supabase`). */
  root: string;
  /** Its `config.toml` (Hasura's: `config.yaml`). */
  config: string;
  /**
   * Whose project: the Supabase CLI's (`supabase/config.toml`, `supabase/migrations/*.sql`) or the Hasura
   * CLI's (`hasura/config.yaml`, `hasura/migrations/<database>/<version>_<name>/up.sql`): either is the
   * schema of the one database the apps around it use.
   */
  tool: 'supabase' | 'hasura';
}

/**
 * The Supabase projects among the listed files: a `supabase/config.toml` whose folder also holds
 * SQL migrations among the files read. A project inside a folder in `taken` (an app's own
 * `apps/web/supabase/`) belongs to that app and is left to it.
 */
export function supabaseProjects(listed: readonly string[], files: readonly string[], taken: readonly string[]): SupabaseProject[] {
  const out: SupabaseProject[] = [];
  for (const file of listed) {
    const name = path.posix.basename(file);
    const root = path.posix.dirname(file);
    const folder = path.posix.basename(root);
    const tool =
      name === 'config.toml' && folder === 'supabase' ? 'supabase' : name === 'config.yaml' && folder === 'hasura' ? 'hasura' : undefined;
    if (!tool) continue;
    if (taken.some((t) => root.startsWith(`${t}/`))) continue;
    if (!files.some((f) => f.startsWith(`${root}/migrations/`) && f.endsWith('.sql'))) continue;
    out.push({ root, config: file, tool });
  }
  return out.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}

/** Supabase's client libraries (`@supabase/supabase-js`, `@supabase/ssr`, auth helpers); the `supabase` CLI package is tooling. */
export function isSupabaseClient(dependency: string): boolean {
  return dependency.startsWith('@supabase/');
}
