import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Microsoft's SARIF validator, fetched on demand. It is a ~95 MB .NET binary that one test uses, so it
 * is not a devDependency (every `npm ci` would download it): the first run installs it from the npm
 * registry into a cache folder outside the repository, later runs reuse it.
 */
export const MULTITOOL_VERSION = '5.7.0';

/** Set to 1 to skip the validator where the registry cannot be reached; refused in CI, which must run it. */
export const SKIP_VARIABLE = 'NILECARE_SKIP_SARIF_VALIDATOR';

export function multitoolCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cacheHome, 'nilecare-lint-dev', `sarif-multitool-${MULTITOOL_VERSION}`);
}

/** The binary the package exports (its documented API); undefined when `dir` holds no usable install. */
function installedBinary(dir: string): string | undefined {
  try {
    const binary: string = createRequire(path.join(dir, 'package.json'))('@microsoft/sarif-multitool');
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

export type MultitoolLookup = { binary: string } | { error: string };

/** Finds the cached validator or installs it (several minutes on a slow link; call from a long beforeAll). */
export async function obtainMultitool(env: NodeJS.ProcessEnv = process.env): Promise<MultitoolLookup> {
  const dir = multitoolCacheDir(env);
  const cached = installedBinary(dir);
  if (cached) return { binary: cached };

  // Installed beside the final folder, then renamed: parallel test runs never see half an install.
  mkdirSync(path.dirname(dir), { recursive: true });
  const staging = mkdtempSync(`${dir}.partial-`);
  try {
    writeFileSync(
      path.join(staging, 'package.json'),
      JSON.stringify({
        private: true,
        dependencies: { '@microsoft/sarif-multitool': MULTITOOL_VERSION },
        // The platform packages' postinstall makes the binary executable.
        allowScripts: Object.fromEntries(['darwin', 'linux', 'win32'].map((p) => [`@microsoft/sarif-multitool-${p}`, true])),
      }),
    );
    try {
      // Asynchronous: a worker blocked for minutes would miss the test runner's heartbeats.
      await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], {
        cwd: staging,
        timeout: 600_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...env, npm_config_global: 'false' },
      });
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string };
      return { error: `could not install @microsoft/sarif-multitool@${MULTITOOL_VERSION} into ${dir}: ${stderr?.trim() || message}` };
    }
    if (!installedBinary(staging))
      return { error: `${staging}: npm install succeeded, but no @microsoft/sarif-multitool binary for ${process.platform}` };
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another run finished first: use its install.
      if (!installedBinary(dir)) throw error;
    }
    const binary = installedBinary(dir);
    return binary ? { binary } : { error: `${dir}: installed, but @microsoft/sarif-multitool exports no binary for ${process.platform}` };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
