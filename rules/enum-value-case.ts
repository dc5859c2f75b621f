import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { isTemplateHole } from './support/naming.js';

const options = z.strictObject({
  allow: z.array(z.string()).default([]).describe("Values accepted as written, e.g. codes from an external standard such as 'A+' or 'USD'"),
});

/** Lowercase words of letters and digits joined by single underscores. */
const SNAKE_VALUE = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

/** `PENDING` → `pending`, `In Progress` → `in_progress`, `partiallyPaid` → `partially_paid`, `CO-PAY` → `co_pay`. */
export function enumValueCase(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase())
    .join('_');
}

export default defineRule({
  meta: {
    id: 'enum-value-case',
    category: 'naming',
    description: 'Require ENUM values in lowercase snake_case',
    rationale:
      "Enum values travel into events, APIs and other services' code; MySQL compares them case-insensitively but TypeScript and PostgreSQL do not, so `PENDING` in one table and `pending` in a consumer silently stop matching.",
    defaultSeverity: 'warn',
    messages: {
      badValue: "Enum value '{{value}}' of column '{{column}}' should be lowercase snake_case '{{expected}}'.",
      badTypeValue: "Enum value '{{value}}' of type '{{type}}' should be lowercase snake_case '{{expected}}'.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/payment/migrations/V2__payment_status.sql',
          code: "ALTER TABLE payments ADD COLUMN status ENUM('pending', 'COMPLETED') NOT NULL DEFAULT 'pending';",
        },
      ],
      valid: [
        {
          filename: 'services/payment/migrations/V2__payment_status.sql',
          code: "ALTER TABLE payments ADD COLUMN status ENUM('pending', 'completed') NOT NULL DEFAULT 'pending';",
        },
      ],
    },
  },
  create(context) {
    const allowed = new Set(context.options.allow);
    /** The snake_case spelling to suggest, or undefined when `value` is fine as written. */
    const badValue = (value: string): string | undefined => {
      if (value === '' || SNAKE_VALUE.test(value) || allowed.has(value) || isTemplateHole(value)) return undefined;
      const expected = enumValueCase(value);
      return expected && expected !== value ? expected : undefined;
    };
    const help = (value: string, expected: string) =>
      `Use '${expected}' in the definition and in the code that writes '${value}'; existing rows need a data migration.`;
    return {
      tableDefinition(event) {
        for (const column of event.table.columns) {
          for (const { value, span } of column.enumValues ?? []) {
            const expected = badValue(value);
            if (!expected) continue;
            context.report({
              messageId: 'badValue',
              data: { value, column: column.name, expected },
              at: { range: event.locate(span) },
              help: help(value, expected),
            });
          }
        }
      },
      // PostgreSQL `CREATE TYPE … AS ENUM (…)` and `ALTER TYPE … ADD VALUE '…'`.
      sqlStatement(event) {
        for (const type of event.statement.enumTypes ?? []) {
          for (const { value, span } of type.values) {
            const expected = badValue(value);
            if (!expected) continue;
            context.report({
              messageId: 'badTypeValue',
              data: { value, type: type.name, expected },
              at: { range: event.locate(span) },
              help: help(value, expected),
            });
          }
        }
      },
    };
  },
});
