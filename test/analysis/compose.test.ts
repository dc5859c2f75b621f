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
