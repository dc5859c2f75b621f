import { defineRule } from '../src/engine/define-rule.js';
import type { Dialect } from '../src/analysis/facts.js';

const DIALECT_NAMES: Record<Dialect, string> = { mysql: 'MySQL', postgresql: 'PostgreSQL' };

export default defineRule({
  meta: {
    id: 'migration-dialect-mismatch',
    category: 'migrations',
    description: "Disallow SQL syntax of another database engine in a service's SQL files",
    rationale:
      "A migration or schema file written for PostgreSQL fails on MySQL and the other way round (`BIGSERIAL`, `JSONB`, `::` casts versus backticks, `AUTO_INCREMENT`, `ENGINE=`). Such a file was never applied to the service's real database, so the schema it describes is not the one the service runs on. Only statements the service's own parser rejects and the other engine's parser accepts are reported: a word that merely looks foreign (plain SERIAL, a column named `key`) is valid SQL.",
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
        // The service's own dialect: one nothing decides has none to mismatch, with or without a config whose top-level
        // `dialect` only says how SQL no evidence puts on an engine is parsed (init writes that, and the finding set stays).
        const expected = service.dialect;
        // Only what the service's own parser rejects and the other dialect's parser accepts: a token
        // that merely looks foreign (plain SERIAL, a column named `key`) is valid SQL of the service.
        const foreign = statement.dialectSignal;
        // MariaDB's syntax that PostgreSQL also accepts (`ADD COLUMN IF NOT EXISTS`, `RETURNING`): the service's own on MariaDB.
        if (statement.mariadb && service.dialectDecision?.mariadb) return;
        if (!expected || !foreign || foreign === expected || event.dialect !== expected) return;
        // A service that also connects to a database of the other engine may hold SQL for both.
        if (service.databases.some((d) => d.kind === foreign)) return;
        const syntaxDialect = DIALECT_NAMES[foreign];
        const report = (feature: string, span: { start: number; end: number }) =>
          context.report({
            messageId: 'foreignSyntax',
            data: { syntaxDialect, feature, service: service.name, serviceDialect: DIALECT_NAMES[expected] },
            at: { range: event.locate(span) },
            help: `Rewrite this for ${DIALECT_NAMES[expected]}, or, if '${service.name}' really uses ${syntaxDialect}, set its \`dialect\` in the config.`,
            fingerprintText: `${statement.text}\0${feature}`,
          });
        const seen = new Set<string>();
        for (const marker of statement.dialectMarkers) {
          if (marker.dialect !== foreign || seen.has(marker.feature.toLowerCase())) continue;
          seen.add(marker.feature.toLowerCase());
          report(marker.feature, marker.span);
        }
        // No known marker: the token the service's parser stopped at is the foreign construct.
        if (seen.size === 0 && statement.parseError) {
          const { span } = statement.parseError;
          const token = statement.text.slice(span.start - statement.span.start, span.end - statement.span.start);
          report(token.length > 0 && token.length <= 40 ? token : 'syntax', span);
        }
      },
    };
  },
});
