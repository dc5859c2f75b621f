/**
 * The pieces of "same database" evidence of issue 14 (HELDOUT7 #1, #17, #23, #3), one function at a time: compose
 * projects as server scopes, scratch databases' keys, test runners' configs, kustomize generators' files, Spring's
 * JDBC URL settings. The rule-level behaviour is test/rules/no-shared-database-same-server.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseComposeFile } from '../../src/analysis/compose.js';
import { parseK8sManifests } from '../../src/analysis/k8s.js';
import { isSpringConfig, parseYamlSettings } from '../../src/analysis/yaml-settings.js';
import { parsePropertiesSettings } from '../../src/analysis/properties-settings.js';
import { separateServers } from '../../src/model/database-evidence.js';
import { isDatabaseUrlKey, isScratchDatabaseKey } from '../../src/model/database-settings.js';
import { isTestFile } from '../../src/model/paths.js';

describe('compose projects as server scopes', () => {
  const hosts = (...list: string[]) => ({ hosts: list });
  it("two projects' containers of one name are two servers; the same project's is one", () => {
    expect(separateServers(hosts('db:5432|./services/orders'), hosts('db:5432|./services/shipping'))).toBe(true);
    expect(separateServers(hosts('db:5432|platform'), hosts('db:5432|platform'))).toBe(false);
  });
  it('a host named without a project (an external network, a server outside compose) may be any project’s', () => {
    expect(separateServers(hosts('db:5432|./services/orders'), hosts('db:5432'))).toBe(false);
    expect(separateServers(hosts('db|./services/orders'), hosts('postgres'))).toBe(true);
  });
  it('a port still tells two servers apart, and a project-scoped container is never "this machine"', () => {
    expect(separateServers(hosts('db:5432|platform'), hosts('db:5433|platform'))).toBe(true);
    expect(separateServers(hosts('localhost|./a'), hosts('pg.internal'))).toBe(true);
  });
  it("reads the file's top-level `name:` (lower-cased); an interpolated or missing name gives none", () => {
    const names: string[] = [];
    parseComposeFile('name: Platform\nservices:\n  db:\n    image: postgres\n', undefined, (name) => names.push(name));
    parseComposeFile('name: ${PROJECT}\nservices: {}\n', undefined, (name) => names.push(name));
    parseComposeFile('services:\n  db:\n    image: postgres\n', undefined, (name) => names.push(name));
    expect(names).toEqual(['platform']);
  });
});

describe('databases no data lives in', () => {
  it.each(['SHADOW_DATABASE_URL', 'TEST_DATABASE_URL', 'DATABASE_URL_TEST', 'DB_NAME_TEST', 'E2E_DATABASE_URL', 'TESTING_DB_NAME'])(
    '%s is a scratch database',
    (key) => expect(isScratchDatabaseKey(key)).toBe(true),
  );
  it.each(['DATABASE_URL', 'DB_NAME', 'CONTEST_DB_NAME', 'LATEST_DATABASE_URL', 'ATTESTATION_DB'])('%s is not', (key) =>
    expect(isScratchDatabaseKey(key)).toBe(false),
  );
  it.each([
    'services/orders/vitest.config.ts',
    'services/orders/vitest.config.mts',
    'vitest.workspace.ts',
    'jest.config.js',
    'services/a/jest.setup.ts',
    'playwright.config.ts',
    'services/a/.mocharc.cjs',
  ])("%s is a test runner's: test code", (path) => expect(isTestFile(path)).toBe(true));
  it.each(['services/orders/vite.config.ts', 'services/orders/src/jest-helpers.ts', 'services/a/vitest.ts', 'config/jest.json'])(
    '%s is not test code',
    (path) => expect(isTestFile(path)).toBe(false),
  );
});

describe("kustomize generators' files", () => {
  it('keeps the files of `envs:`, `env:` and `files:` (a `key=path` item by its path) with exact spans; interpolated ones name nothing', () => {
    const text = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'configMapGenerator:',
      '  - name: orders-config',
      '    envs:',
      '      - orders.env',
      "      - 'common/db.env'",
      '  - name: shipping-config',
      '    env: shipping.env',
      'secretGenerator:',
      '  - name: billing-secret',
      '    files:',
      '      - db.env=secrets/billing.env',
      '      - ${ENV}.env',
      '',
    ].join('\n');
    const manifests = parseK8sManifests(text);
    expect(
      manifests.map(
        (m) => `${m.kind}/${m.name}: ${(m.envFiles ?? []).map((f) => `${f.path} @ ${text.slice(f.span.start, f.span.end)}`).join(', ')}`,
      ),
    ).toEqual([
      'ConfigMap/orders-config: orders.env @ orders.env, common/db.env @ common/db.env',
      'ConfigMap/shipping-config: shipping.env @ shipping.env',
      'Secret/billing-secret: secrets/billing.env @ secrets/billing.env',
    ]);
    expect(manifests.every((m) => m.entries.length === 0)).toBe(true);
  });
});

describe("Spring's datasource URL", () => {
  it('SPRING_DATASOURCE_URL and Quarkus’ QUARKUS_DATASOURCE_JDBC_URL are database URL keys; a DATASOURCE_NAME is not a URL', () => {
    expect(
      ['SPRING_DATASOURCE_URL', 'QUARKUS_DATASOURCE_JDBC_URL', 'DATASOURCE_URL', 'SPRING_DATASOURCE_NAME'].map(isDatabaseUrlKey),
    ).toEqual([true, true, true, false]);
  });
  it('application.yml / bootstrap.yml (with a profile) are Spring config; other YAML is not', () => {
    expect(
      ['src/main/resources/application.yml', 'application-prod.yaml', 'bootstrap.yml', 'config/app.yml', 'values.yaml'].map(isSpringConfig),
    ).toEqual([true, true, true, false, false]);
    expect(['application.properties', 'application-prod.properties', 'flyway.conf', 'liquibase.properties'].map(isSpringConfig)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
  it("a datasource URL without a password is kept from a .properties file only when asked (Spring's own), with its exact span", () => {
    const text =
      'spring.datasource.url = jdbc:mysql://ledger-db:3306/ledger\nspring.datasource.username=ledger\nmanagement.url=https://x\n';
    const kept = (databaseUrls: boolean) =>
      parsePropertiesSettings(text, { databaseUrls }).map(
        (s) => `${[...s.path, s.key].join('.')}=${s.value} @ ${text.slice(s.valueSpan.start, s.valueSpan.end)}`,
      );
    expect(kept(true)).toEqual(['spring.datasource.url=jdbc:mysql://ledger-db:3306/ledger @ jdbc:mysql://ledger-db:3306/ledger']);
    expect(kept(false)).toEqual([]);
  });
  it('a database URL without a password is kept only when asked (Spring config), with its path and exact span', () => {
    const text = [
      'spring:',
      '  datasource:',
      '    url: "jdbc:postgresql://pg.internal:5432/platform"',
      '  docs: https://example.com/x',
      'reporting:',
      '  url: mysql://reader@reports/ledger',
      '',
    ].join('\n');
    const kept = (databaseUrls: boolean) =>
      parseYamlSettings(text, { databaseUrls }).map(
        (s) => `${[...s.path, s.key].join('.')}=${s.value} @ ${text.slice(s.valueSpan.start, s.valueSpan.end)}`,
      );
    expect(kept(true)).toEqual([
      'spring.datasource.url=jdbc:postgresql://pg.internal:5432/platform @ jdbc:postgresql://pg.internal:5432/platform',
      'reporting.url=mysql://reader@reports/ledger @ mysql://reader@reports/ledger',
    ]);
    expect(kept(false)).toEqual([]);
  });
});
