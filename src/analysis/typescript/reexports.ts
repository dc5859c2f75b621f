/**
 * What a module re-exports or exports under another name (`export { Patient as PatientEntity }
 * from './patient.entity'`, `export * as entities from './entities'`): the entity resolver follows
 * these from the module an import names to the file that declares the entity.
 */
import ts from './ts.js';
import type { ReexportFact } from '../facts.js';
import type { ExtractContext } from './context.js';
import { originOf } from './orm/shared.js';

const { isNamedExports, isNamespaceExport, isStringLiteral } = ts;

export function pushReexports(ctx: ExtractContext, d: ts.ExportDeclaration): void {
  const specifier = d.moduleSpecifier && isStringLiteral(d.moduleSpecifier) ? d.moduleSpecifier.text : undefined;
  if (d.moduleSpecifier && specifier === undefined) return;
  const out: ReexportFact[] = [];
  const clause = d.exportClause;
  if (!clause) {
    if (specifier !== undefined) out.push({ specifier, imported: '*', exported: '*' });
  } else if (isNamespaceExport(clause)) {
    if (specifier !== undefined) out.push({ specifier, imported: '*', exported: nameText(clause.name) });
  } else if (isNamedExports(clause)) {
    for (const element of clause.elements) {
      const imported = nameText(element.propertyName ?? element.name);
      const exported = nameText(element.name);
      if (specifier !== undefined) {
        out.push({ specifier, imported, exported });
        continue;
      }
      // `export { Patient as PatientEntity }` of an imported name: where that name comes from.
      const local = element.propertyName ?? element.name;
      const origin = ts.isIdentifier(local) ? originOf(ctx, local) : undefined;
      if (origin) out.push({ specifier: origin.specifier, imported: origin.imported, exported });
      else if (imported !== exported) out.push({ imported, exported });
    }
  }
  if (out.length > 0) (ctx.facts.reexports ??= []).push(...out);
}

const nameText = (name: ts.ModuleExportName): string => name.text;
