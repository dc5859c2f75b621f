import { defineRule } from '../src/engine/define-rule.js';
import { qualifiedName } from '../src/model/table-names.js';

export default defineRule({
  meta: {
    id: 'no-cross-service-foreign-key',
    category: 'architecture',
    description: "Disallow foreign keys that reference another service's table",
    rationale:
      'A foreign key across a service boundary ties two schemas together at the database level: neither service can move to its own database, and deletes in one service fail or cascade into another.',
    defaultSeverity: 'error',
    messages: {
      foreignKey: "Table '{{table}}' of service '{{service}}' has a foreign key to '{{referenced}}' owned by service '{{owner}}'.",
    },
    examples: {
      invalid: [
        {
          filename: 'services/billing/migrations/V1__claims.sql',
          code: 'CREATE TABLE claims (id CHAR(36) PRIMARY KEY, patient_id CHAR(36), FOREIGN KEY (patient_id) REFERENCES clinical_data.patients(id));',
        },
      ],
      valid: [
        {
          filename: 'services/billing/migrations/V1__claims.sql',
          code: 'CREATE TABLE claims (id CHAR(36) PRIMARY KEY, invoice_id CHAR(36), FOREIGN KEY (invoice_id) REFERENCES invoices(id));',
        },
      ],
    },
  },
  create(context) {
    return {
      foreignKey(event) {
        const { resolution, accessor, foreignKey, table } = event;
        if (!accessor || resolution.kind !== 'owned' || resolution.owner === accessor) return;
        const owner = resolution.owner.name;
        const column = foreignKey.columns[0] ?? `${foreignKey.references.name}_id`;
        context.report({
          messageId: 'foreignKey',
          data: { table: qualifiedName(table), service: accessor.name, referenced: qualifiedName(foreignKey.references), owner },
          at: { range: event.range },
          help: `Drop the constraint and keep '${column}' as a plain indexed column; validate the reference through the API or events of '${owner}'.`,
          fingerprintText: `${qualifiedName(table)}\0${foreignKey.columns.join(',')}\0${qualifiedName(foreignKey.references)}`,
        });
      },
    };
  },
});
