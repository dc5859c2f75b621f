import { describe, expect, it } from 'vitest';
import type { YamlSetting } from '../../src/analysis/facts.js';
import {
  isApplicationConfig,
  isHelmValuesFile,
  mayHoldUrlPassword,
  parseYamlSettings,
  parseYamlUrlSettings,
} from '../../src/analysis/yaml-settings.js';

describe('connection URLs with a password in application YAML', () => {
  it('finds them at any depth and in lists, with key, path and exact spans', () => {
    const text = [
      'spring:',
      '  datasource:',
      "    url: 'jdbc:postgresql://app:S3cret@db:5432/app'",
      'replicas:',
      '  - mysql://ro:R0-pass@replica/app',
      'plain: https://example.com/docs',
      'noPassword: postgres://app@db/app',
      '---',
      'cache:',
      '  url: redis://:R3dis@cache:6379/0',
      '',
    ].join('\n');
    const found = parseYamlUrlSettings(text).map((s) => ({
      key: s.key,
      path: s.path.join('.'),
      key_: text.slice(s.keySpan.start, s.keySpan.end),
      value: text.slice(s.valueSpan.start, s.valueSpan.end),
    }));
    expect(found).toEqual([
      { key: 'url', path: 'spring.datasource', key_: 'url', value: 'jdbc:postgresql://app:S3cret@db:5432/app' },
      { key: 'replicas', path: '', key_: 'replicas', value: 'mysql://ro:R0-pass@replica/app' },
      { key: 'url', path: 'cache', key_: 'url', value: 'redis://:R3dis@cache:6379/0' },
    ]);
  });

  it('does not parse YAML that holds no URL password, and skips documents the parser rejects', () => {
    expect(mayHoldUrlPassword('openapi: 3.0.0\nservers:\n  - url: https://api.example.com\n')).toBe(false);
    expect(parseYamlUrlSettings('a: [postgres://u:p@h/db\nb: {')).toEqual([]);
  });
});

describe('credentials by key in application configuration', () => {
  it('knows application configuration by its path', () => {
    const yes = [
      'services/a/src/main/resources/application.yml',
      'services/a/src/main/resources/application-prod.yaml',
      'services/a/bootstrap.yml',
      'services/a/config/default.yaml',
      'config/production.yml',
      'charts/a/values.yaml',
      'charts/a/values-prod.yaml',
      'deploy/prod.values.yaml',
    ];
    const no = [
      'services/a/config/custom-environment-variables.yaml',
      'services/a/config/locales/en.yaml',
      'services/a/openapi.yaml',
      'services/a/config/default.json',
      'mkdocs.yml',
    ];
    expect(yes.filter((p) => !isApplicationConfig(p))).toEqual([]);
    expect(no.filter((p) => isApplicationConfig(p))).toEqual([]);
  });

  it('keeps secret-named string settings and long numbers only when asked, and never tagged, ERB or Secret-key settings', () => {
    const text = [
      'db:',
      '  password: "S3cret-pw"',
      '  existingSecret: db-creds',
      '  userPasswordKey: password',
      '  token: !vault |',
      '    $ANSIBLE_VAULT;1.1;AES256',
      "  apiKey: <%= ENV['API_KEY'] %>",
      '  auth: jwt',
      '  secret: 42',
      '  token: 3600',
      'cache:',
      '  password: 84736251',
      '',
    ].join('\n');
    const found = parseYamlSettings(text, { secretKeys: true }).map(
      (s) => `${[...s.path, s.key].join('.')}=${text.slice(s.valueSpan.start, s.valueSpan.end)}`,
    );
    expect(found).toEqual(['db.password=S3cret-pw', 'cache.password=84736251']);
    expect(parseYamlSettings(text)).toEqual([]);
  });
});

describe('Helm values files', () => {
  it('are known by name', () => {
    for (const path of [
      'deploy/charts/orders/values.yaml',
      'values.yml',
      'chart/values-prod.yaml',
      'chart/values.staging.yaml',
      'chart/prod-values.yaml',
    ])
      expect(isHelmValuesFile(path), path).toBe(true);
    for (const path of [
      'chart/Chart.yaml',
      'chart/templates/deployment.yaml',
      'config/values.json',
      'chart/valuesx.yaml',
      'chart/my-values.txt',
    ])
      expect(isHelmValuesFile(path), path).toBe(false);
  });

  it('give every scalar with its path and spans, and env-style list items by their name, from the one parse', () => {
    const text = [
      'image:',
      '  tag: "1.4.2"',
      'database:',
      '  host: mysql.internal',
      '  name: platform',
      '  port: 3306',
      'postgresql:',
      '  enabled: false',
      'extraEnv:',
      '  - name: DB_SCHEMA',
      "    value: 'orders'",
      '  - plain-string-item',
      'empty:',
      'list: [a, b]',
      '',
    ].join('\n');
    const values: YamlSetting[] = [];
    expect(parseYamlSettings(text, { values })).toEqual([]);
    expect(
      values.map(
        (v) =>
          `${[...v.path, v.key].join('.')}=${v.value} @ ${text.slice(v.keySpan.start, v.keySpan.end)}|${text.slice(v.valueSpan.start, v.valueSpan.end)}`,
      ),
    ).toEqual([
      'image.tag=1.4.2 @ tag|1.4.2',
      'database.host=mysql.internal @ host|mysql.internal',
      'database.name=platform @ name|platform',
      'database.port=3306 @ port|3306',
      'postgresql.enabled=false @ enabled|false',
      'extraEnv.DB_SCHEMA=orders @ DB_SCHEMA|orders',
    ]);
  });

  it('keep nothing of a document the parser rejects', () => {
    const values: YamlSetting[] = [];
    parseYamlSettings('database:\n  name: [broken\n', { values });
    expect(values).toEqual([]);
  });
});
