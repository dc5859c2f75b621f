/**
 * Deployables without a package.json of their own: a folder built into its own image (a
 * `Dockerfile` beside its code, as a one-package repository's `services/orders/` built by compose
 * with `dockerfile: services/orders/Dockerfile`), a Serverless Framework service (`serverless.yml`,
 * or a `path:` of the root's `serverless-compose.yml`: one root package.json bundled into every
 * function), or a service in another language (`go.mod`, `pyproject.toml`, `pom.xml`, …). The
 * linter reads none of a foreign service's code, but its migrations and SQL files are plain SQL it
 * does read: when the folder keeps data there, it is a service, and the tables its SQL creates are
 * its own. Left out, its database would go to whichever TypeScript service reads it, and that
 * reader's cross-service access would vanish.
 *
 * Not every folder with a Dockerfile is a deployable: a database image (`FROM postgres:16` with an
 * init script) or a migration runner (`FROM flyway/flyway`) holds the repository's schema for
 * every service, and a folder named like a library never is one.
 */
import path from 'node:path';
import { FileAccessError } from '../io/file-access-error.js';
import { readTreeText, readTreeTextIfReadable } from '../io/source-tree.js';
import { serverlessComposeServices } from '../analysis/serverless-compose.js';
import type { PackageIndex } from './packages.js';
import { EGG_INFO_METADATA, eggInfoRoot, foldersOfListing } from './egg-info.js';

/** Build files that make a folder an image of its own. */
const CONTAINER_FILE = /^(?:Dockerfile|Containerfile)$/;
/** Manifests of other languages' deployables: the folder is a program, not a folder of scripts. */
/** A Serverless Framework service's definition: the folder is deployed as its own stack. */
const SERVERLESS_FILE = /^serverless\.(?:ya?ml|json|[cm]?[jt]s)$/;
/** Serverless Compose (v3.15+) at the repository root, listing each service's folder as `path:`. */
const SERVERLESS_COMPOSE = ['serverless-compose.yml', 'serverless-compose.yaml'];
const DENO_MANIFEST = /^deno\.jsonc?$/;
/** A file under a Supabase project's `supabase/functions/` folder. */
const SUPABASE_FUNCTIONS = /(?:^|\/)supabase\/functions\//;
const FOREIGN_MANIFEST =
  /^(?:go\.mod|deno\.jsonc?|pyproject\.toml|requirements\.txt|Pipfile|setup\.py|pom\.xml|build\.gradle(?:\.kts)?|Gemfile|Cargo\.toml|composer\.json|mix\.exs|[\w.-]+\.csproj)$/;
/**
 * Images that are the database or a migration tool, not an application: their SQL is the
 * repository's schema bootstrap. Matched on the image name of `FROM` (registry and tag removed).
 */
const DATA_IMAGE =
  /^(?:postgres|postgis\/postgis|timescale\/timescaledb(?:-ha)?|bitnami\/(?:postgresql|mysql|mariadb)|mysql|mariadb|percona(?:\/percona-server)?|mongo|redis|cockroachdb\/cockroach|supabase\/postgres|flyway\/flyway|liquibase\/liquibase|migrate\/migrate|arigaio\/atlas|amacneil\/dbmate|sqitch\/sqitch|mssql\/server)$/i;
/** Folders of the repository's database tooling: an image built there runs the schema, it is no service. */
const TOOLING_FOLDER =
  /^(?:db|databases?|migrations?|schemas?|sql|initdb(?:\.d)?|docker|infra(?:structure)?|deploy(?:ment)?s?|ops|scripts?|seeds?|tools?)$/i;
const MAX_DOCKERFILE_BYTES = 256 * 1024;

/** What makes a folder a deployable. */
export interface DeployableMark {
  /** Repo-relative folder. */
  root: string;
  /** The build file or manifest that marks it (`services/ledger/go.mod`). */
  file: string;
}

export type DeployableVerdict = { deployable: DeployableMark } | { root: string; reason: string };

/**
 * The folders below the repository root that hold a container build file or another language's
 * manifest, outside `taken` (folders of packages and workspace projects, which discovery judges
 * by their package.json), and not containing any of them. A folder inside another such folder is
 * part of it (`services/fraud/docker/Dockerfile` belongs to `services/fraud`).
 */
export function deployableFolders(listed: readonly string[], taken: ReadonlySet<string>, packages: PackageIndex): DeployableVerdict[] {
  const marks = new Map<string, string>();
  let folders: Set<string> | undefined;
  for (const file of listed) {
    // A distribution's egg-info (no setup.py or pyproject.toml left) marks the folder of the program it describes (egg-info.ts).
    if (EGG_INFO_METADATA.test(file)) {
      const root = eggInfoRoot(file, packages, (folders ??= foldersOfListing(listed)));
      const seen = root === undefined ? undefined : marks.get(root);
      if (root !== undefined && (!seen || strengthOf(seen) < 3)) marks.set(root, file);
      continue;
    }
    const name = path.posix.basename(file);
    const strength = markStrength(name);
    if (strength === 0) continue;
    // Supabase's edge functions are Deno projects of the Supabase project around them (its service), no deployables apart.
    if (DENO_MANIFEST.test(name) && SUPABASE_FUNCTIONS.test(file)) continue;
    const root = path.posix.dirname(file);
    if (root === '.') continue; // the repository root is never a service
    // Another language's manifest says more than a serverless.yml, which says more than a
    // Dockerfile (each marks the folder; keep the first seen of the strongest).
    const seen = marks.get(root);
    if (!seen || strengthOf(seen) < strength) marks.set(root, file);
  }
  // A compose file's folders are deployables even where their serverless.yml is a `.ts` the walk
  // missed or is generated: the compose file is the repository's own list of them.
  for (const { root, file } of serverlessComposeFolders(listed, packages)) {
    const seen = marks.get(root);
    if (!seen || strengthOf(seen) < 2) marks.set(root, file);
  }
  const takenList = [...taken];
  const inside = (folder: string, parent: string) => folder.startsWith(`${parent}/`);
  const roots = [...marks.keys()].filter((root) => !taken.has(root) && !takenList.some((t) => inside(root, t) || inside(t, root))).sort();
  const out: DeployableVerdict[] = [];
  for (const root of roots) {
    if (roots.some((other) => inside(root, other))) continue;
    const file = marks.get(root)!;
    const image = CONTAINER_FILE.test(path.posix.basename(file)) ? baseImage(packages, file) : undefined;
    if (TOOLING_FOLDER.test(path.posix.basename(root)))
      out.push({ root, reason: `database tooling by its name (${file}), not an application` });
    else if (image && DATA_IMAGE.test(image))
      out.push({ root, reason: `a database or migration image (${file}: FROM ${image}), not an application` });
    else out.push({ deployable: { root, file } });
  }
  return out;
}

/** How much a file says about its folder being a deployable: 0 nothing, 1 a Dockerfile, 2 serverless.yml, 3 another language's manifest (an egg-info's too). */
function markStrength(name: string): number {
  if (FOREIGN_MANIFEST.test(name)) return 3;
  if (SERVERLESS_FILE.test(name)) return 2;
  return CONTAINER_FILE.test(name) ? 1 : 0;
}

/** markStrength of a marking file's path: an egg-info's metadata says what another language's manifest says. */
function strengthOf(file: string): number {
  return EGG_INFO_METADATA.test(file) ? 3 : markStrength(path.posix.basename(file));
}

/** Whether the mark is a Serverless Framework service (its code is JavaScript bundled with the root's dependencies). */
export function isServerlessMark(mark: DeployableMark): boolean {
  const name = path.posix.basename(mark.file);
  return SERVERLESS_FILE.test(name) || SERVERLESS_COMPOSE.includes(name);
}

/**
 * The folders the repository root's `serverless-compose.yml` lists (`path:` relative to it),
 * inside the repository. A compose file that does not parse lists none, with a notice.
 */
function serverlessComposeFolders(listed: readonly string[], packages: PackageIndex): Array<{ root: string; file: string }> {
  const out: Array<{ root: string; file: string }> = [];
  for (const file of SERVERLESS_COMPOSE) {
    if (!listed.includes(file)) continue;
    let text: string | undefined;
    try {
      text = readTreeText(packages.tree, file, { maxBytes: MAX_DOCKERFILE_BYTES, symlinks: 'never' });
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      packages.problems.push(`${error.message} (its services were not used to find services)`);
      continue;
    }
    if (text === undefined) continue;
    const read = serverlessComposeServices(text);
    if (read.rejected) packages.problems.push(`${file}: ${read.rejected} (its services were not used to find services)`);
    for (const service of read.services) {
      const root = path.posix.normalize(service.path.replace(/\\/g, '/')).replace(/^\.\/|\/+$/g, '');
      if (root === '.' || root === '' || root.startsWith('..') || path.posix.isAbsolute(root)) continue;
      out.push({ root, file });
    }
  }
  return out;
}

/** The image name of a Dockerfile's last `FROM` (the stage that runs), without registry host, tag or digest. */
function baseImage(packages: PackageIndex, file: string): string | undefined {
  const text = readTreeTextIfReadable(packages.tree, file, MAX_DOCKERFILE_BYTES);
  if (text === undefined) return undefined;
  let image: string | undefined;
  for (const match of text.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)/gim)) image = match[1];
  if (!image) return undefined;
  const bare = image.replace(/@.*$/, '').replace(/:[^/]*$/, '');
  // `docker.io/library/postgres`, `ghcr.io/acme/x`: a first segment with a dot or port is a registry.
  const segments = bare.split('/');
  if (segments.length > 1 && /[.:]|^localhost$/.test(segments[0])) segments.shift();
  if (segments[0] === 'library') segments.shift();
  return segments.join('/');
}

/** How init describes the mark (`go.mod`, `Dockerfile`). */
export function describeDeployable(mark: DeployableMark): string {
  if (isServerlessMark(mark)) return `a Serverless Framework service (${mark.file})`;
  if (EGG_INFO_METADATA.test(mark.file)) return `a Python distribution known by its egg-info (${mark.file})`;
  return CONTAINER_FILE.test(path.posix.basename(mark.file)) ? `its own image (${mark.file})` : `a deployable of its own (${mark.file})`;
}
