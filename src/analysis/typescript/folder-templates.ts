/**
 * Paths a module builds with a variable folder (ScriptFacts.folderTemplates): a migration runner that keeps one set of
 * migrations per database and chooses the set at run time, as blocklet-server's umzug does
 * (`glob: [\`migrations/${group}/*.js\`, { cwd: __dirname }]`, one SequelizeStorage per database file), or
 * `` `${__dirname}/migrations/${tenant}/*.sql` ``. The facts keep only the literal path before the variable folder and
 * what it is relative to; src/model/migrations.ts (`migrationGroups`) matches it against the folders that hold migrations.
 */
import ts from './ts.js';
import type { FolderTemplate } from '../facts.js';
import { nodeSpan, type ExtractContext } from './context.js';
import { unwrapExpression } from './scope.js';

const { isIdentifier } = ts;

/** What may follow the variable folder: nothing, a folder, a glob or a file of migrations (`/*.js`, `/`, `/*.{ts,js}`, `/up.sql`). */
const REST = /^(?:\/(?:[\w.*-]|\{[\w.,*-]{0,60}\})*)*$/;
/** The literal path before it: folder names only (`migrations/`, `../db/migrations/`, `./drizzle/`), never a URL or a route. */
const PREFIX = /^(?:\.{1,2}\/)*[\w@.-]+(?:\/[\w@.-]+)*\/$/;

/** A path template with one variable folder (see the module comment); undefined for any other template. */
export function folderTemplate(ctx: ExtractContext, node: ts.TemplateExpression): void {
  const spans = node.templateSpans;
  let relativeTo: FolderTemplate['relativeTo'] = 'cwd';
  let prefix = node.head.text;
  let first = 0;
  // `${__dirname}/migrations/${group}/…`: from the module's own folder.
  if (prefix === '' && spans.length > 1 && isDirname(spans[0].expression)) {
    relativeTo = 'file';
    prefix = spans[0].literal.text.replace(/^\/+/, '');
    first = 1;
  }
  // One variable after the fixed part, a whole folder of the path; more only inside the names below it (`*.${EXT}`).
  if (spans.length <= first) return;
  const variable = spans[first];
  if (!PREFIX.test(prefix) || prefix.replace(/^(?:\.{1,2}\/)+/, '') === '') return;
  const later = spans.slice(first + 1);
  const rest = [variable.literal.text, ...later.map((span) => span.literal.text)].join('*');
  if (
    later.some(
      (span, i) => /(?:^|\/)$/.test(i === 0 ? variable.literal.text : later[i - 1].literal.text) && /^(?:\/|$)/.test(span.literal.text),
    )
  )
    return;
  if (!REST.test(rest)) return;
  // A bare folder (`./drizzle/${dialect}`) or one with files named below it; `users/${id}/profile` names no files.
  if (rest !== '' && rest !== '/' && !/[*{]|\.(?:[cm]?[jt]s|sql)$/.test(rest)) return;
  const e = unwrapExpression(variable.expression);
  if (isDirname(e)) return;
  (ctx.facts.folderTemplates ??= []).push({
    prefix: prefix.replace(/^(?:\.\/)+/, '').replace(/\/+$/, ''),
    relativeTo,
    fileSpan: nodeSpan(node, ctx.sf),
  });
}

const isDirname = (e: ts.Expression) => {
  const inner = unwrapExpression(e);
  return isIdentifier(inner) && inner.text === '__dirname';
};
