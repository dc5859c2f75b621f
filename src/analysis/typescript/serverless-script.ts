/**
 * A `serverless.ts` / `.js` read from the syntax tree the script's extraction parsed: the object literal
 * it exports, as serverless-config.ts's tree of settings. Apart from that module so that reading a
 * serverless.yml (or any file but a script) never loads TypeScript.
 */
import ts from './ts.js';
import type { OrmConfigFacts } from '../facts.js';
import { configFacts, MAX_DEPTH, OTHER, type ConfigMap, type ConfigNode } from '../serverless-config.js';

/** A `serverless.ts` / `.js`, from the syntax tree the script's extraction parsed. */
export function serverlessConfigOfSource(sf: ts.SourceFile): OrmConfigFacts | undefined {
  const root = scriptRoot(sf);
  return root ? configFacts(root, sf.text) : undefined;
}

/**
 * The object a serverless.ts exports: `module.exports = x`, `export default x`, `export = x`, where
 * `x` is an object literal or a top-level `const` bound to one.
 */
function scriptRoot(sf: ts.SourceFile): ConfigNode | undefined {
  const constants = new Map<string, ts.Expression>();
  let exported: ts.Expression | undefined;
  for (const statement of sf.statements) {
    if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name) && declaration.initializer) constants.set(declaration.name.text, declaration.initializer);
    } else if (ts.isExportAssignment(statement)) exported = statement.expression;
    else if (
      ts.isExpressionStatement(statement) &&
      ts.isBinaryExpression(statement.expression) &&
      statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      isModuleExports(statement.expression.left)
    )
      exported = statement.expression.right;
  }
  if (!exported) return undefined;
  const text = sf.text;
  const convert = (expression: ts.Expression, depth: number, seen: ReadonlySet<string>): ConfigNode => {
    const node = unwrap(expression);
    if (depth >= MAX_DEPTH) return OTHER;
    if (ts.isIdentifier(node)) {
      const bound = constants.get(node.text);
      return bound && !seen.has(node.text) ? convert(bound, depth + 1, new Set([...seen, node.text])) : OTHER;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const span = { start: node.getStart(sf), end: node.end };
      return {
        kind: 'scalar',
        value: node.text,
        span,
        ...(text.startsWith(node.text, span.start + 1) ? { contentStart: span.start + 1 } : {}),
      };
    }
    if (ts.isNumericLiteral(node)) return { kind: 'scalar', value: node.text, span: { start: node.getStart(sf), end: node.end } };
    if (!ts.isObjectLiteralExpression(node)) return OTHER;
    const entries: ConfigMap['entries'] = [];
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property)) {
        const key = propertyKey(property.name);
        if (key !== undefined)
          entries.push({
            key,
            keySpan: { start: property.name.getStart(sf), end: property.name.end },
            value: convert(property.initializer, depth + 1, seen),
          });
      } else if (ts.isShorthandPropertyAssignment(property)) {
        entries.push({
          key: property.name.text,
          keySpan: { start: property.name.getStart(sf), end: property.name.end },
          value: convert(property.name, depth + 1, seen),
        });
      }
    }
    return { kind: 'map', entries };
  };
  return convert(exported, 0, new Set());
}

function isModuleExports(node: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'module' &&
    node.name.text === 'exports'
  );
}

/** `(x)`, `x as AWS`, `x satisfies AWS`, `<AWS>x`, `x!`: the expression itself. */
function unwrap(expression: ts.Expression): ts.Expression {
  let node = expression;
  for (;;) {
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isNonNullExpression(node)
    )
      node = node.expression;
    else return node;
  }
}

function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name))
    return name.text;
  return undefined;
}
