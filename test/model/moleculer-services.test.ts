import { describe, expect, it } from 'vitest';
import { schemaName } from '../../src/model/moleculer-services.js';

describe("a Moleculer service file's schema name", () => {
  it('is the first name: of the code', () => {
    expect(schemaName('module.exports = {\n  name: "orders",\n  settings: { name: "x" },\n};\n')).toBe('orders');
    expect(schemaName("export default { name: 'billing.v2', mixins: [DbMixin('billing_db')] };\n")).toBe('billing.v2');
  });

  it('skips names in comments, strings, templates and regex literals, and longer keys ending in name', () => {
    const text = [
      '// name: "legacy-orders" was the v1 schema',
      '/* name: "draft" */',
      'const banner = \'name: "quoted"\';',
      'const help = `usage:',
      '  name: "templated"`;',
      'const pattern = /name: "regex"/;',
      'const ratio = total / count; // a division, not a regex',
      'module.exports = {',
      '  displayname: "Orders",',
      '  username: "svc",',
      '  name: "orders",',
      '};',
    ].join('\n');
    expect(schemaName(text)).toBe('orders');
  });

  it('finds none when every name: is commented out or the file ends inside a comment', () => {
    expect(schemaName('// name: "a"\nmodule.exports = { actions: {} };\n')).toBeUndefined();
    expect(schemaName('module.exports = { /* name: "a" ')).toBeUndefined();
  });
});
