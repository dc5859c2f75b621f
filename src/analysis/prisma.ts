import type { PrismaModel } from './facts.js';

const MODEL = /^[ \t]*model[ \t]+([A-Za-z_]\w*)[ \t]*\{/gm;

/**
 * Models of a schema.prisma and their table names (`@@map("t")`, else the model name), with the
 * PostgreSQL schema of a multi-schema datasource (`@@schema("billing")`).
 */
export function parsePrismaSchema(text: string): PrismaModel[] {
  const models: PrismaModel[] = [];
  for (const match of text.matchAll(MODEL)) {
    const nameStart = match.index + match[0].indexOf(match[1], match[0].indexOf('model') + 5);
    const bodyEnd = text.indexOf('\n}', match.index);
    const body = text.slice(match.index, bodyEnd < 0 ? text.length : bodyEnd);
    const mapped = /@@map\(\s*(?:name\s*:\s*)?"([^"]+)"/.exec(body);
    const schema = /@@schema\(\s*(?:map\s*:\s*)?"([^"]+)"/.exec(body);
    const model: PrismaModel = {
      model: match[1],
      table: mapped ? mapped[1] : match[1],
      span: { start: nameStart, end: nameStart + match[1].length },
    };
    if (schema) model.schema = schema[1];
    models.push(model);
  }
  return models;
}
