/** Test code: its settings and defaults are not the service's configuration. */
export function isTestFile(path: string): boolean {
  return /(?:^|\/)(?:__tests__|__mocks__|tests?|e2e|spec)\//.test(path) || /\.(?:test|spec|e2e-spec|e2e)\.[cm]?[jt]sx?$/.test(path);
}

/**
 * The folder naming code outside every service: the two leading folders of its path
 * (`packages/common`, `reporting/dashboard`, `apps/admin`), or the one folder of a file directly
 * below a top-level folder (`scripts/backfill.ts` → `scripts`); undefined at the repository root.
 */
export function outsideFolder(path: string): string | undefined {
  const folders = path.split('/').slice(0, -1);
  if (folders.length === 0) return undefined;
  return folders.slice(0, Math.min(2, folders.length)).join('/');
}
