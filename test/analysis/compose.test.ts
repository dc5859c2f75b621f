/** What a docker-compose file says about each service's environment: `environment:` entries and `env_file:` files. */
import { describe, expect, it } from 'vitest';
import { parseComposeFile } from '../../src/analysis/compose.js';

const at = (text: string, needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });

describe('env_file', () => {
  it('one path, a list, and the long form with path:', () => {
    const text = [
      'services:',
      '  orders:',
      '    env_file: ./config/orders.env',
      '  billing:',
      '    env_file:',
      '      - ./config/common.env',
      '      - config/billing.env',
      '  catalog:',
      '    env_file:',
      '      - path: ./config/catalog.env',
      '        required: false',
      '',
    ].join('\n');
    const services = parseComposeFile(text);
    expect(services.map((s) => [s.service, s.envFiles])).toEqual([
      ['orders', [{ path: './config/orders.env', span: at(text, './config/orders.env') }]],
      [
        'billing',
        [
          { path: './config/common.env', span: at(text, './config/common.env') },
          { path: 'config/billing.env', span: at(text, 'config/billing.env') },
        ],
      ],
      ['catalog', [{ path: './config/catalog.env', span: at(text, './config/catalog.env') }]],
    ]);
  });

  it('a service without env_file has none; interpolated and empty paths name no file', () => {
    const text = [
      'services:',
      '  orders:',
      '    environment: { DB_NAME: orders }',
      '  billing:',
      '    env_file: ["${ENV_DIR}/billing.env", ""]',
      '',
    ].join('\n');
    const [orders, billing] = parseComposeFile(text);
    expect(orders).toEqual({ service: 'orders', entries: [expect.objectContaining({ key: 'DB_NAME', value: 'orders' })] });
    expect(billing).toEqual({ service: 'billing', entries: [] });
  });
});

describe('YAML anchors and interpolation defaults', () => {
  it('follows `environment: *anchor`, `<<:` merge keys (one or a list) and a service-level merge; own keys win', () => {
    const text = [
      'x-db: &db',
      '  DB_HOST: mysql',
      '  DB_NAME: platform',
      'x-log: &log',
      '  LOG_LEVEL: info',
      'x-common: &common',
      '  environment: *db',
      '  env_file: ./common.env',
      'services:',
      '  orders:',
      '    environment: *db',
      '  billing:',
      '    environment:',
      '      <<: [*db, *log]',
      '      DB_NAME: billing',
      '  catalog:',
      '    <<: *common',
      '',
    ].join('\n');
    const [orders, billing, catalog] = parseComposeFile(text);
    const pairs = (s: typeof orders) => s.entries.map((e) => [e.key, e.value, e.keySpan.start]);
    expect(pairs(orders)).toEqual([
      ['DB_HOST', 'mysql', text.indexOf('DB_HOST')],
      ['DB_NAME', 'platform', text.indexOf('DB_NAME')],
    ]);
    expect(pairs(billing)).toEqual([
      ['DB_HOST', 'mysql', text.indexOf('DB_HOST')],
      ['LOG_LEVEL', 'info', text.indexOf('LOG_LEVEL')],
      ['DB_NAME', 'billing', text.lastIndexOf('DB_NAME')],
    ]);
    expect(pairs(catalog)).toEqual(pairs(orders));
    expect(catalog.envFiles).toEqual([{ path: './common.env', span: at(text, './common.env') }]);
  });

  it('a map that merges itself, or an alias of an unknown anchor, adds nothing and never loops', () => {
    const text = [
      'x: &self',
      '  A: 1',
      '  <<: *self',
      'services:',
      '  a:',
      '    environment: *self',
      '  b:',
      '    environment: *nope',
      '',
    ].join('\n');
    const services = parseComposeFile(text);
    expect(services.map((s) => [s.service, s.entries.map((e) => e.key)])).toEqual([
      ['a', ['A']],
      ['b', []],
    ]);
  });

  it("an interpolation with a default is its default (span on the default), a secret-named key's too (HELDOUT6 #19)", () => {
    const text = [
      'services:',
      '  orders:',
      '    environment:',
      '      DB_NAME: ${APP_DB_NAME:-platform}',
      "      DB_HOST: '${DB_HOST-mysql}'",
      '      DB_USER: ${DB_USER}',
      '      DB_PASSWORD: ${DB_PASSWORD:-devpass}',
      '      URL: ${A:-x}${B:-y}',
      '',
    ].join('\n');
    const [orders] = parseComposeFile(text);
    expect(orders.entries.map((e) => [e.key, e.value, text.slice(e.valueSpan.start, e.valueSpan.end), e.defaultOf])).toEqual([
      ['DB_NAME', 'platform', 'platform', 'APP_DB_NAME'],
      ['DB_HOST', 'mysql', 'mysql', 'DB_HOST'],
      ['DB_USER', '${DB_USER}', '${DB_USER}', undefined],
      ['DB_PASSWORD', 'devpass', 'devpass', 'DB_PASSWORD'],
      ['URL', '${A:-x}${B:-y}', '${A:-x}${B:-y}', undefined],
    ]);
  });
});

describe('extends and interpolated values', () => {
  it('reads `extends:` in both forms, at the extended service name; an interpolated name or file names nothing', () => {
    const text = [
      'services:',
      '  base:',
      '    environment:',
      '      DB_HOST: mysql',
      '  orders:',
      '    extends: base',
      '  billing:',
      '    extends:',
      '      file: compose/common.yml',
      '      service: node-app',
      '  catalog:',
      '    extends: { service: "${BASE}" }',
      '  search:',
      '    extends: { file: "${COMMON}", service: node-app }',
      '',
    ].join('\n');
    const services = parseComposeFile(text);
    expect(services.map((s) => [s.service, s.extends])).toEqual([
      ['base', undefined],
      ['orders', { service: 'base', span: { start: text.indexOf('extends: base') + 9, end: text.indexOf('extends: base') + 13 } }],
      ['billing', { service: 'node-app', file: 'compose/common.yml', span: at(text, 'node-app') }],
      ['catalog', undefined],
      ['search', undefined],
    ]);
  });

  it('records every value that is a whole interpolation, with or without a default, map and list form', () => {
    const text = [
      'services:',
      '  orders:',
      '    environment:',
      '      DB_NAME: ${APP_DB_NAME}',
      '      DB_HOST: ${DB_HOST:-mysql}',
      '      DB_USER: app-${USER}',
      '      PORT: 80',
      '  billing:',
      '    environment:',
      '      - DB_NAME=${BILLING_DB-billing}',
      '      - LOG=${LOG_LEVEL}x',
      '',
    ].join('\n');
    const services = parseComposeFile(text);
    expect(services.map((s) => [s.service, s.interpolations])).toEqual([
      [
        'orders',
        [
          { key: 'DB_NAME', variable: 'APP_DB_NAME', span: at(text, '${APP_DB_NAME}') },
          { key: 'DB_HOST', variable: 'DB_HOST', span: at(text, '${DB_HOST:-mysql}') },
        ],
      ],
      ['billing', [{ key: 'DB_NAME', variable: 'BILLING_DB', span: at(text, '${BILLING_DB-billing}') }]],
    ]);
  });
});

describe('image', () => {
  it('keeps a plain image as written (through a merge key); none for a build, an interpolated or an empty image', () => {
    const text = [
      'x-pg: &pg',
      '  image: postgres:16-alpine',
      'services:',
      '  db:',
      '    <<: *pg',
      '  cache:',
      "    image: 'docker.io/library/redis:7'",
      '  api:',
      '    build: ./api',
      '  tools:',
      '    image: ${TOOLS_IMAGE:-alpine:3}',
      '  empty:',
      '    image: ""',
      '',
    ].join('\n');
    expect(parseComposeFile(text).map((s) => [s.service, s.image])).toEqual([
      ['db', 'postgres:16-alpine'],
      ['cache', 'docker.io/library/redis:7'],
      ['api', undefined],
      ['tools', undefined],
      ['empty', undefined],
    ]);
  });
});
