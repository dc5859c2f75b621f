import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { isEnumValueCase, isTemplateHole, toCase, type EnumValueCase } from '../src/model/naming.js';

const options = z.strictObject({
  allow: z.array(z.string()).default([]).describe("Values accepted as written, e.g. codes from an external standard such as 'A+' or 'USD'"),
  case: z
    .enum(['snake_case', 'UPPER_SNAKE_CASE', 'PascalCase', 'camelCase'])
    .default('snake_case')
    .describe(
      "Spelling of enum values: lowercase `in_progress`, or `IN_PROGRESS` where the schema's enums are upper case (Prisma's usual style), `InProgress` (PascalCase, as values mirroring TypeScript enum members) or `inProgress` (camelCase)",
    ),
});

/** How each spelling is named in the message and suggested from a value's words. */
const VALUE_CASES: Record<EnumValueCase, { label: string; spell: (words: string) => string }> = {
  snake_case: { label: 'lowercase snake_case', spell: (words) => words },
  UPPER_SNAKE_CASE: { label: 'UPPER_SNAKE_CASE', spell: (words) => words.toUpperCase() },
  PascalCase: { label: 'PascalCase', spell: (words) => toCase(words, 'PascalCase') },
  camelCase: { label: 'camelCase', spell: (words) => toCase(words, 'camelCase') },
};

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
    description: 'Require ENUM values in lowercase snake_case (or the case the schema adopts)',
    rationale:
      "Enum values travel into events, APIs and other services' code; MySQL compares them case-insensitively but TypeScript and PostgreSQL do not, so `PENDING` in one table and `pending` in a consumer silently stop matching.",
    defaultSeverity: 'warn',
    messages: {
      badValue: "Enum value '{{value}}' of column '{{column}}' should be {{case}} '{{expected}}'.",
      badTypeValue: "Enum value '{{value}}' of type '{{type}}' should be {{case}} '{{expected}}'.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/payment/migrations/V2__payment_status.sql',
          code: "ALTER TABLE payments ADD COLUMN status ENUM('pending', 'COMPLETED') NOT NULL DEFAULT 'pending';",
        },
        {
          filename: 'services/clinical/prisma/migrations/20240101000000_init/migration.sql',
          code: "CREATE TYPE \"PaymentStatus\" AS ENUM ('PENDING', 'completed');",
          options: { case: 'UPPER_SNAKE_CASE' },
        },
      ],
      valid: [
        {
          filename: 'services/payment/migrations/V2__payment_status.sql',
          code: "ALTER TABLE payments ADD COLUMN status ENUM('pending', 'completed') NOT NULL DEFAULT 'pending';",
        },
        {
          filename: 'services/clinical/prisma/migrations/20240101000000_init/migration.sql',
          code: "CREATE TYPE \"PaymentStatus\" AS ENUM ('PENDING', 'COMPLETED');",
          options: { case: 'UPPER_SNAKE_CASE' },
        },
      ],
    },
  },
  create(context) {
    const allowed = new Set(context.options.allow);
    const spelling = VALUE_CASES[context.options.case];
    const valueCase = spelling.label;
    const spelled = (value: string) => isEnumValueCase(value, context.options.case);
    /** The spelling to suggest, or undefined when `value` is fine as written. */
    const badValue = (value: string): string | undefined => {
      if (value === '' || spelled(value) || allowed.has(value) || isTemplateHole(value)) return undefined;
      const words = enumValueCase(value);
      const expected = spelling.spell(words);
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
              data: { value, column: column.name, expected, case: valueCase },
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
              data: { value, type: type.name, expected, case: valueCase },
              at: { range: event.locate(span) },
              help: help(value, expected),
            });
          }
        }
      },
    };
  },
});
