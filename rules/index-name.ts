import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { IndexKind, Range } from '../src/analysis/facts.js';
import { isTemplateHole, toSnakeCase } from './support/naming.js';

const options = z.strictObject({
  prefixes: z
    .strictObject({
      index: z.string().default('idx_').describe('Prefix of plain (and spatial) indexes'),
      unique: z.string().default('uk_').describe('Prefix of unique indexes and UNIQUE constraints'),
      foreignKey: z.string().default('fk_').describe('Prefix of named FOREIGN KEY constraints'),
      fulltext: z.string().default('ftidx_').describe('Prefix of FULLTEXT indexes'),
    })
    .default({ index: 'idx_', unique: 'uk_', foreignKey: 'fk_', fulltext: 'ftidx_' })
    .describe('Name prefix for each kind of index or constraint'),
  requireColumns: z
    .boolean()
    .default(false)
    .describe('Require the full `{prefix}{table}_{columns}` name rather than only the prefix (the table may drop its service prefix)'),
  requireNames: z.boolean().default(false).describe('Report indexes and foreign keys left for the database to name'),
});

type Prefixes = z.output<typeof options>['prefixes'];
type NamedKind = Exclude<IndexKind, 'primary'> | 'foreignKey';

const KIND_LABEL: Record<NamedKind, string> = {
  index: 'Index',
  spatial: 'Spatial index',
  unique: 'Unique index',
  fulltext: 'Full-text index',
  foreignKey: 'Foreign key',
};

function prefixOf(kind: NamedKind, prefixes: Prefixes): string {
  switch (kind) {
    case 'unique':
      return prefixes.unique;
    case 'fulltext':
      return prefixes.fulltext;
    case 'foreignKey':
      return prefixes.foreignKey;
    default:
      return prefixes.index;
  }
}

/** `email` → `email`, `name(20)` (prefix length) → `name`, `lower(email)` → `lower_email`, `patientId` → `patient_id`. */
function columnWords(column: string): string {
  const prefixLength = /^\s*[`"[]?(\w+)[`"\]]?\s*\(\s*\d+\s*\)/.exec(column);
  if (prefixLength) return toSnakeCase(prefixLength[1]);
  return toSnakeCase(
    column
      .split(/\W+/)
      .filter((word) => word && !/^(?:asc|desc)$/i.test(word))
      .join('_'),
  );
}

/** PostgreSQL truncates identifiers at 63 bytes, MySQL rejects index names over 64 characters. */
const MAX_NAME_LENGTH = 63;

export default defineRule({
  meta: {
    id: 'index-name',
    category: 'naming',
    description: 'Require index and constraint names of the form `idx_{table}_{columns}`, `uk_…`, `fk_…` and `ftidx_…`',
    rationale:
      'Index names show up in EXPLAIN output, deadlock reports and migration errors; a name that says its kind, table and columns can be read there without a schema lookup, and two services cannot pick the same name by accident.',
    defaultSeverity: 'warn',
    messages: {
      badPrefix: "{{kind}} '{{name}}' on table '{{table}}' does not start with '{{prefix}}'; expected a name like '{{expected}}'.",
      badName: "{{kind}} '{{name}}' on table '{{table}}' should be named '{{expected}}'.",
      unnamed: "{{kind}} on table '{{table}}' has no name; name it '{{expected}}'.",
    },
    options,
    examples: {
      invalid: [
        { filename: 'services/billing/migrations/V5__indexes.sql', code: 'CREATE INDEX invoice_patient ON billing_invoices (patient_id);' },
      ],
      valid: [
        {
          filename: 'services/billing/migrations/V5__indexes.sql',
          code: 'CREATE INDEX idx_billing_invoices_patient_id ON billing_invoices (patient_id);',
        },
      ],
    },
  },
  create(context) {
    const { prefixes, requireColumns, requireNames } = context.options;
    const servicePrefixes = [...new Set(context.project.services.flatMap((service) => service.prefixes))].filter(Boolean);

    /** Accepted full names: with the whole table name, and with the table's service prefix dropped. */
    function fullNames(prefix: string, table: string, columns: string[]): string[] {
      const bare = toSnakeCase(table);
      const suffix = columns.map(columnWords).filter(Boolean).join('_');
      const tables = [
        bare,
        ...servicePrefixes.filter((p) => bare.startsWith(p.toLowerCase()) && bare.length > p.length).map((p) => bare.slice(p.length)),
      ];
      return tables.map((t) => (suffix ? `${prefix}${t}_${suffix}` : `${prefix}${t}`));
    }

    function check(kind: NamedKind, name: string | undefined, table: string, columns: string[], range: Range): void {
      if ((name !== undefined && isTemplateHole(name)) || columns.some(isTemplateHole)) return;
      const prefix = prefixOf(kind, prefixes);
      const names = fullNames(prefix, table, columns);
      const expected = names[0];
      const data = { kind: KIND_LABEL[kind], table, expected };
      if (name === undefined) {
        if (requireNames) {
          context.report({
            messageId: 'unnamed',
            data,
            at: { range },
            help: `Give it an explicit name, e.g. '${expected}', so migrations can drop or alter it by name.`,
          });
        }
        return;
      }
      if (!name.startsWith(prefix)) {
        context.report({
          messageId: 'badPrefix',
          data: { ...data, name, prefix },
          at: { range },
          help: `Rename it to '${expected}'.`,
        });
        return;
      }
      // A generated name over the identifier limit would be truncated or rejected; the prefix is all we can ask for.
      if (!requireColumns || expected.length > MAX_NAME_LENGTH || names.includes(name)) return;
      context.report({ messageId: 'badName', data: { ...data, name }, at: { range }, help: `Rename it to '${expected}'.` });
    }

    return {
      indexDefinition(event) {
        const { index } = event;
        if (index.kind === 'primary') return;
        check(index.kind, index.name, index.table, index.columns, event.locate(index.span));
      },
      tableDefinition(event) {
        const { table } = event;
        for (const foreignKey of table.foreignKeys) {
          check('foreignKey', foreignKey.name, table.name, foreignKey.columns, event.locate(foreignKey.nameSpan ?? foreignKey.span));
        }
      },
    };
  },
});
