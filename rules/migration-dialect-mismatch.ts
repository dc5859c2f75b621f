import { defineRule } from '../src/engine/define-rule.js';
import type { Dialect } from '../src/analysis/facts.js';
import type { ProjectModel, Service } from '../src/model/model.js';

const DIALECT_NAMES: Record<Dialect, string> = { mysql: 'MySQL', postgresql: 'PostgreSQL' };

/** The service's dialect: its own setting or drivers, else the config's default dialect for services. */
function serviceDialect(service: Service, project: ProjectModel): Dialect | undefined {
  return service.dialect ?? project.config.dialect;
}

export default defineRule({
  meta: {
    id: 'migration-dialect-mismatch',
    category: 'migrations',
    description: "Disallow SQL syntax of another database engine in a service's SQL files",
    rationale:
      "A migration or schema file written for PostgreSQL fails on MySQL and the other way round (`SERIAL`, `JSONB`, `::` casts versus backticks, `AUTO_INCREMENT`, `ENGINE=`). Such a file was never applied to the service's real database, so the schema it describes is not the one the service runs on.",
    defaultSeverity: 'error',
    messages: {
      foreignSyntax: "Service '{{service}}' runs on {{serviceDialect}} but this statement uses {{syntaxDialect}} syntax '{{feature}}'.",
    },
    examples: {
      invalid: [
        {
          filename: 'services/clinical/migrations/V2__add_notes.sql',
          code: 'CREATE TABLE clinical_notes (id INT AUTO_INCREMENT PRIMARY KEY, body TEXT);',
        },
      ],
      valid: [
        {
          filename: 'services/clinical/migrations/V2__add_notes.sql',
          code: 'CREATE TABLE clinical_notes (id SERIAL PRIMARY KEY, body TEXT);',
        },
      ],
    },
  },
  create(context) {
    return {
      sqlStatement(event) {
        const { service, statement } = event;
        // SQL embedded in code is checked by the query rules; this rule is about files a database runs.
        if (event.embedded || event.file.kind !== 'sql' || !service) return;
        const expected = serviceDialect(service, context.project);
        if (!expected) return;
        // A service that also connects to a database of the marker's engine may hold SQL for both.
        const engines = new Set(service.databases.map((d) => d.kind));
        const seen = new Set<string>();
        for (const marker of statement.dialectMarkers) {
          if (marker.dialect === expected || engines.has(marker.dialect)) continue;
          const key = `${marker.dialect}\0${marker.feature.toLowerCase()}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const syntaxDialect = DIALECT_NAMES[marker.dialect];
          context.report({
            messageId: 'foreignSyntax',
            data: { syntaxDialect, feature: marker.feature, service: service.name, serviceDialect: DIALECT_NAMES[expected] },
            at: { range: event.locate(marker.span) },
            help: `Rewrite this for ${DIALECT_NAMES[expected]}, or, if '${service.name}' really uses ${syntaxDialect}, set its \`dialect\` in the config.`,
            fingerprintText: `${statement.text}\0${marker.feature}`,
          });
        }
      },
    };
  },
});
