import { defineRule } from '../src/engine/define-rule.js';
import type { Service, TableDeclaration } from '../src/project/model.js';

export default defineRule({
  meta: {
    id: 'ambiguous-table-owner',
    category: 'architecture',
    description: 'Report tables that more than one service creates in the same database',
    rationale:
      'When two services create the same table in one database, neither owns it: schema changes by one break the other, and the linter cannot tell which access is cross-service. Same-named tables in separate databases are fine.',
    defaultSeverity: 'warn',
    messages: {
      createdTwice: "Table '{{table}}' is created by service '{{service}}' and also by {{others}}.",
    },
  },
  create(context) {
    return {
      project() {
        const { project } = context;
        const groups = new Map<string, Array<{ service: Service; declaration: TableDeclaration }>>();
        for (const service of project.services) {
          for (const declaration of service.createdTables) {
            const key = `${declaration.table.toLowerCase()}@${declaration.database?.toLowerCase() ?? ''}`;
            const list = groups.get(key) ?? [];
            list.push({ service, declaration });
            groups.set(key, list);
          }
        }
        // A declaration with an unknown database collides with every database of the same table name.
        for (const [key, list] of groups) {
          if (!key.endsWith('@')) continue;
          const name = key.slice(0, -1);
          for (const [otherKey, other] of groups) if (otherKey !== key && otherKey.startsWith(`${name}@`)) list.push(...other);
        }
        const reported = new Set<TableDeclaration>();
        for (const list of groups.values()) {
          const owners = [...new Set(list.map((entry) => entry.service))];
          if (owners.length < 2) continue;
          const resolution = project.resolveTable({ name: list[0].declaration.table, qualifier: list[0].declaration.database });
          if (resolution.kind === 'owned' && resolution.via === 'config') continue;
          for (const entry of list) {
            if (reported.has(entry.declaration)) continue;
            reported.add(entry.declaration);
            const others = list.filter((o) => o.service !== entry.service);
            const otherNames = [...new Set(others.map((o) => `'${o.service.name}'`))].join(', ');
            context.report({
              messageId: 'createdTwice',
              data: { table: entry.declaration.table, service: entry.service.name, others: `service ${otherNames}` },
              at: { file: entry.declaration.file, range: entry.declaration.range },
              help: `Decide which service owns '${entry.declaration.table}' (\`services[].tables\` in the config) and drop the other CREATE TABLE, or move one copy to its own database.`,
              related: others.map((o) => ({ file: o.declaration.file, range: o.declaration.range, message: `'${o.service.name}' creates '${o.declaration.table}' here` })),
              fingerprintText: `${entry.declaration.table}\0${otherNames}`,
            });
          }
        }
      },
    };
  },
});
