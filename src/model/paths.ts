/** Test code: its settings and defaults are not the service's configuration. */
export function isTestFile(path: string): boolean {
  return /(?:^|\/)(?:__tests__|__mocks__|tests?|e2e|spec)\//.test(path) || /\.(?:test|spec|e2e-spec|e2e)\.[cm]?[jt]sx?$/.test(path);
}
