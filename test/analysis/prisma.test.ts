import { describe, expect, it } from 'vitest';
import { parsePrismaSchema } from '../../src/analysis/prisma.js';

describe('schema.prisma models', () => {
  it('map to @@map tables, else the model name, with the multi-schema @@schema', () => {
    const text = [
      'datasource db {\n  provider = "postgresql"\n  schemas = ["billing", "audit"]\n}',
      'model Invoice {\n  id Int @id\n  @@map("invoices")\n  @@schema("billing")\n}',
      'model Refund {\n  id Int @id\n}',
      'model AuditEntry {\n  id Int @id\n  @@schema("audit")\n}',
    ].join('\n\n');
    expect(parsePrismaSchema(text).map((m) => [m.model, m.table, m.schema, text.slice(m.span.start, m.span.end)])).toEqual([
      ['Invoice', 'invoices', 'billing', 'Invoice'],
      ['Refund', 'Refund', undefined, 'Refund'],
      ['AuditEntry', 'AuditEntry', 'audit', 'AuditEntry'],
    ]);
  });
});
