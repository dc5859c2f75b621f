import type { PrismaDatasource, PrismaModel } from './facts.js';

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
    const schema = /@@schema\(\s*"([^"]+)"/.exec(body);
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

const DATASOURCE = /^[ \t]*datasource[ \t]+([A-Za-z_]\w*)[ \t]*\{/gm;

/** The `datasource` blocks of a schema.prisma: `provider`, `url = env("…")`, `schemas`. */
export function parsePrismaDatasources(text: string): PrismaDatasource[] {
  const out: PrismaDatasource[] = [];
  for (const match of text.matchAll(DATASOURCE)) {
    const nameStart = match.index + match[0].lastIndexOf(match[1]);
    const bodyStart = match.index + match[0].length;
    const close = text.indexOf('}', bodyStart);
    const body = text.slice(bodyStart, close < 0 ? text.length : close);
    const source: PrismaDatasource = { name: match[1], span: { start: nameStart, end: nameStart + match[1].length } };
    const provider = /^[ \t]*provider[ \t]*=[ \t]*"([^"\n]*)"/m.exec(body);
    if (provider) {
      const at = bodyStart + provider.index + provider[0].lastIndexOf('"' + provider[1]) + 1;
      source.provider = provider[1];
      source.providerSpan = { start: at, end: at + provider[1].length };
    }
    const url = /^[ \t]*url[ \t]*=[ \t]*env\([ \t]*"([^"\n]+)"[ \t]*\)/m.exec(body);
    if (url) source.urlEnv = url[1];
    const schemas = /^[ \t]*schemas[ \t]*=[ \t]*\[([^\]\n]*)\]/m.exec(body);
    if (schemas) source.schemas = [...schemas[1].matchAll(/"([^"\n]+)"/g)].map((m) => m[1]);
    out.push(source);
  }
  return out;
}
