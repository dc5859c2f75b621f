/**
 * The code changes behind `no-unsafe-env-default`'s suggestions: reading a variable through the
 * project's fail-fast helper instead of a hard-coded fallback (adding or merging the helper's
 * import in the file's own style), and dropping a validation schema's default so the library
 * requires the value. Loaded only when suggestions are computed (JSON, SARIF, code actions).
 *
 * Made with the TypeScript parser the analysis already loads, as text edits from node positions.
 * (These were made with ts-morph, which brings its own 9–12 MB TypeScript: +1.1–1.5 s CPU and
 * +45 MiB for every JSON or SARIF run, for what is a parse and a few node positions.)
 *
 * Edits are computed from the parsed file, in the file's original offsets. The edited text is
 * parsed again: a change that would leave a syntax error the file did not have is refused, so a
 * suggestion that would break the code is dropped, never offered.
 */
import type { Span } from '../../src/analysis/facts.js';
import ts from '../../src/analysis/typescript/ts.js';
import type { FileChange, TextEdit } from '../../src/engine/fix.js';
import type { HelperPlan } from './env-helper.js';

type Node = ts.Node;
const Kind = ts.SyntaxKind;

export interface EnvDefaultSite {
  file: { path: string; text: string };
  /** The variable. */
  name: string;
  /** The fact's shape: `||`, `??`, `ternary`, `destructuring`, `assignment`, `joi`, `yup`, `zod`, `envalid`, `convict`, `adonis`, `nestjs-config`, `env-var`, `env-helper`. */
  shape: string;
  /** The fallback literal's span. */
  span: Span;
}

/** The changes reading the variable through the helper (the helper's module written first when it is missing); none when the shape is not one this rewrites. */
export function failFastReadChanges(site: EnvDefaultSite, helper: HelperPlan, specifier: string | undefined): FileChange[] {
  const source = parse(site.file);
  const literal = nodeAt(source, site.span);
  if (!literal) return [];
  const style = codeStyle(source);
  const importEdit = helperImport(source, helper.name, specifier, helper.commonJs, style);
  const call = `${importEdit.callee}(${style.quote}${site.name}${style.quote})`;
  const read = readEdits(source, literal, site, call);
  if (read.length === 0) return [];
  const edits = verified(source, [...read, ...(importEdit.edit ? [importEdit.edit] : [])]);
  const changes: FileChange[] = [];
  if (helper.module) {
    const { file, text, existingText } = helper.module;
    if (existingText === undefined) changes.push({ kind: 'create', file, text });
    else {
      const at = existingText.length;
      const gap = existingText === '' ? '' : existingText.endsWith('\n\n') ? '' : existingText.endsWith('\n') ? '\n' : '\n\n';
      changes.push({ kind: 'edit', file, edits: [{ start: at, end: at, text: `${gap}${text}` }] });
    }
  }
  changes.push({ kind: 'edit', file: site.file.path, edits });
  return changes;
}

/** The change dropping a validation schema's default so that it requires the variable; none when the schema is not written as expected. */
export function schemaRequiredChanges(site: EnvDefaultSite): FileChange[] {
  const source = parse(site.file);
  const literal = nodeAt(source, site.span);
  if (!literal) return [];
  const edits =
    site.shape === 'envalid'
      ? envalidEdits(source, literal)
      : site.shape === 'adonis'
        ? adonisEdits(literal)
        : site.shape === 'nestjs-config'
          ? nestConfigEdits(source, literal)
          : site.shape === 'env-var'
            ? envVarEdits(source, literal)
            : site.shape === 'convict'
              ? convictEdits(source, literal)
              : chainEdits(source, literal, site.shape === 'zod' ? 'zod' : 'joi');
  if (edits.length === 0) return [];
  return [{ kind: 'edit', file: site.file.path, edits: verified(source, edits) }];
}

// ---------------------------------------------------------------------------
// Parsing and checking
// ---------------------------------------------------------------------------

/**
 * The file as the suggestion sees it: the script kind from its name, parent pointers set (the
 * edits walk up from the literal), JSDoc parsed (a JSDoc type is part of the tree the quote
 * style is read from).
 */
function parse(file: { path: string; text: string }): ts.SourceFile {
  const fileName = `/${file.path}`;
  if (lastParsed && lastParsed.fileName === fileName && lastParsed.text === file.text) return lastParsed;
  lastParsed = ts.createSourceFile(fileName, file.text, ts.ScriptTarget.Latest, /* setParentNodes */ true);
  return lastParsed;
}

/**
 * The last file parsed, reused while the next suggestion is in the same file with the same text: a
 * run computes its suggestions in finding order, so a file's come one after another (the realistic
 * profile: 82 suggestions in 22 files, each parsed once instead of once per finding). Nothing here
 * changes the tree; edits are text. One tree is kept, so memory stays bounded in a long session.
 */
let lastParsed: ts.SourceFile | undefined;

/** The node spanning exactly `span` (the literal a fact points at): walking up from the token at its start, the first node reaching its end. */
function nodeAt(source: ts.SourceFile, span: Span): Node | undefined {
  let node: Node | undefined = tokenAt(source, span.start);
  while (node && !(start(source, node) === span.start && node.end === span.end)) {
    node = node.parent;
    if (node && (start(source, node) < span.start || node.end > span.end)) return undefined;
  }
  return node;
}

/** The deepest node (tokens included) whose full range holds `pos`. */
function tokenAt(source: ts.SourceFile, pos: number): Node | undefined {
  let found: Node | undefined;
  let parent: Node = source;
  for (;;) {
    if (pos < parent.pos || pos >= parent.end) return found;
    const child: Node | undefined = parent.getChildren(source).find((c) => pos >= c.pos && pos < c.end);
    if (!child) return found;
    found = parent = child;
  }
}

/** A node's start without its leading trivia (and without its JSDoc unless asked). */
const start = (source: ts.SourceFile, node: Node, withJsDoc = false): number => node.getStart(source, withJsDoc);
const textOf = (source: ts.SourceFile, node: Node): string => node.getText(source);

/**
 * Checks the edits (overlapping edits are a bug here: refused) and that the edited file parses
 * without a syntax error it did not have; returns them in file order.
 */
function verified(source: ts.SourceFile, edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) throw new Error('overlapping edits');
  let text = source.text;
  for (const edit of [...sorted].reverse()) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  const after = ts.createSourceFile(source.fileName, text, ts.ScriptTarget.Latest, false);
  if (syntaxErrors(after) > syntaxErrors(source)) throw new Error('the change would leave a syntax error');
  return sorted;
}

const syntaxErrors = (source: ts.SourceFile): number =>
  (source as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length;

const isWrapper = (node: Node | undefined): node is ts.ParenthesizedExpression | ts.AsExpression | ts.NonNullExpression =>
  !!node && (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node));

const unwrapUp = (node: Node): Node => {
  let n = node;
  while (isWrapper(n.parent)) n = n.parent;
  return n;
};

const unwrapDown = (node: Node): Node => {
  let n = node;
  while (isWrapper(n)) n = n.expression;
  return n;
};

const replace = (source: ts.SourceFile, node: Node, text: string): TextEdit => ({ start: start(source, node), end: node.end, text });

/** `node` and everything below it, tokens included, parents before children in source order. */
function descendantsOf(source: ts.SourceFile, node: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    out.push(next);
    const children = next.getChildren(source);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reading through the helper
// ---------------------------------------------------------------------------

function readEdits(source: ts.SourceFile, literal: Node, site: EnvDefaultSite, call: string): TextEdit[] {
  const outer = unwrapUp(literal);
  const parent = outer.parent as Node | undefined;
  if (!parent) return [];
  switch (site.shape) {
    case '||':
    case '??': {
      if (!ts.isBinaryExpression(parent) || parent.right !== outer || !isFallback(parent)) return [];
      const left = parent.left;
      // `A || B || 'x'` holds two variables: which one to require is the author's call.
      if (isFallback(unwrapDown(left))) return [];
      return replaceExpression(source, parent, left, site.name, call);
    }
    case 'ternary': {
      if (!ts.isConditionalExpression(parent)) return [];
      const other = parent.whenFalse === outer ? parent.whenTrue : parent.whenTrue === outer ? parent.whenFalse : undefined;
      return other ? replaceExpression(source, parent, other, site.name, call) : [];
    }
    case 'destructuring':
      return ts.isBindingElement(parent) && parent.initializer === outer ? destructuringEdits(source, parent, call) : [];
    case 'assignment':
      return assignmentEdits(source, outer, site.name, call);
    default:
      return [];
  }
}

function isFallback(node: Node): boolean {
  if (!ts.isBinaryExpression(node)) return false;
  const kind = node.operatorToken.kind;
  return kind === Kind.BarBarToken || kind === Kind.QuestionQuestionToken;
}

/**
 * `whole` becomes `kept` with its reads of the variable replaced by the helper's call:
 * `parseInt(process.env.DB_PORT || '5432', 10)` → `parseInt(requireEnv('DB_PORT'), 10)`. Parentheses
 * that only grouped the fallback go when what remains is a call or a member access.
 */
function replaceExpression(source: ts.SourceFile, whole: Node, kept: ts.Expression, name: string, call: string): TextEdit[] {
  const reads = envReads(source, kept, name);
  if (reads.length === 0) return [];
  const base = start(source, kept);
  let text = textOf(source, kept);
  for (const read of [...reads].sort((a, b) => start(source, b) - start(source, a))) {
    text = text.slice(0, start(source, read) - base) + call + text.slice(read.end - base);
  }
  let target = whole;
  const simple = unwrapDown(kept);
  if (ts.isCallExpression(simple) || ts.isPropertyAccessExpression(simple) || ts.isElementAccessExpression(simple)) {
    while (target.parent && ts.isParenthesizedExpression(target.parent)) target = target.parent;
  }
  return [replace(source, target, text)];
}

/** `process.env.X`, `process.env['X']`, `env.X` (an alias) inside `node`. */
function envReads(source: ts.SourceFile, node: Node, name: string): Node[] {
  return descendantsOf(source, node).filter((n) => {
    if (ts.isPropertyAccessExpression(n)) return textOf(source, n.name) === name && isEnvObject(source, n.expression);
    if (ts.isElementAccessExpression(n)) {
      const argument = n.argumentExpression as ts.Expression | undefined;
      return !!argument && ts.isStringLiteral(argument) && argument.text === name && isEnvObject(source, n.expression);
    }
    return false;
  });
}

/** What the extractor accepted as the environment: `process.env`, `import.meta.env` or a plain identifier bound to it. */
function isEnvObject(source: ts.SourceFile, node: Node): boolean {
  const inner = unwrapDown(node);
  return ts.isIdentifier(inner) || (ts.isPropertyAccessExpression(inner) && textOf(source, inner.name) === 'env');
}

/** The keyword declaring `list`: `const`, `let`, `var`, `using` (the first of `await using`). */
function declarationKeyword(list: ts.VariableDeclarationList): string {
  const flags: number = list.flags;
  const has = (flag: number) => (flags & flag) === flag;
  if (has(ts.NodeFlags.Let)) return 'let';
  if (has(ts.NodeFlags.AwaitUsing)) return 'await';
  if (has(ts.NodeFlags.Using)) return 'using';
  if (has(ts.NodeFlags.Const)) return 'const';
  return 'var';
}

const hasModifier = (node: Node, kind: ts.SyntaxKind): boolean =>
  (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []).some((m) => m.kind === kind);

/**
 * `const { DB_HOST, DB_PASSWORD = 'root' } = process.env;` → the default's binding leaves the
 * pattern and becomes a declaration of its own that requires it:
 * `const DB_PASSWORD = requireEnv('DB_PASSWORD');` (exported, `let` or `var` as the original).
 */
function destructuringEdits(source: ts.SourceFile, element: ts.BindingElement, call: string): TextEdit[] {
  const pattern = element.parent;
  const declaration = pattern.parent as Node | undefined;
  const list = declaration?.parent;
  const statement = list?.parent;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !list || !ts.isVariableDeclarationList(list)) return [];
  if (!statement || !ts.isVariableStatement(statement)) return [];
  if (list.declarations.length !== 1 || element.dotDotDotToken) return [];
  const local = element.name;
  if (!ts.isIdentifier(local)) return [];
  const exported = hasModifier(statement, Kind.ExportKeyword) ? 'export ' : '';
  const semicolon = textOf(source, statement).trimEnd().endsWith(';') ? ';' : '';
  const declared = `${exported}${declarationKeyword(list)} ${textOf(source, local)} = ${call}${semicolon}`;
  // The extractor reads defaults from object patterns only (`[A = 'x'] = process.env` reads no variable).
  if (!ts.isObjectBindingPattern(pattern)) return [];
  const elements: readonly Node[] = pattern.elements;
  if (elements.length === 1) return [replace(source, statement, declared)];
  const index = elements.indexOf(element);
  const removal: TextEdit =
    index < elements.length - 1
      ? { start: start(source, element), end: start(source, elements[index + 1]), text: '' }
      : { start: elements[index - 1].end, end: element.end, text: '' };
  const end = statement.end;
  return [removal, { start: end, end, text: `\n${indentationOf(source, statement)}${declared}` }];
}

/**
 * `process.env.X = process.env.X || 'v'`, `process.env.X ||= 'v'` and
 * `if (!process.env.X) { process.env.X = 'v'; }` become `requireEnv('X');`: the variable is checked
 * where the default was written, and nothing overwrites the environment.
 */
function assignmentEdits(source: ts.SourceFile, outer: Node, name: string, call: string): TextEdit[] {
  const parent = outer.parent as Node | undefined;
  if (!parent || !ts.isBinaryExpression(parent)) return [];
  const operator = parent.operatorToken.kind;
  let assignment: Node | undefined;
  if (operator === Kind.BarBarEqualsToken || operator === Kind.QuestionQuestionEqualsToken) assignment = parent;
  else if (isFallback(parent)) {
    // Only a plain `process.env.X || 'v'`: anything between would be dropped with it.
    if (envReads(source, parent.left, name)[0] !== unwrapDown(parent.left)) return [];
    const up = unwrapUp(parent).parent as Node | undefined;
    if (up && ts.isBinaryExpression(up) && up.operatorToken.kind === Kind.EqualsToken) assignment = up;
  } else if (operator === Kind.EqualsToken) {
    const statement = parent.parent as Node | undefined;
    if (!statement || !ts.isExpressionStatement(statement)) return [];
    let branch: Node = statement;
    const holder = statement.parent as Node | undefined;
    if (holder && ts.isBlock(holder)) {
      if (holder.statements.length !== 1) return [];
      branch = holder;
    }
    const conditional = branch.parent as Node | undefined;
    if (!conditional || !ts.isIfStatement(conditional) || conditional.thenStatement !== branch || conditional.elseStatement) return [];
    return [replace(source, conditional, `${call};`)];
  }
  const statement = assignment?.parent;
  return statement && ts.isExpressionStatement(statement) ? [replace(source, statement, `${call};`)] : [];
}

function indentationOf(source: ts.SourceFile, node: Node): string {
  const text = source.text;
  const lineStart = text.lastIndexOf('\n', start(source, node) - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

// ---------------------------------------------------------------------------
// The helper's import
// ---------------------------------------------------------------------------

interface CodeStyle {
  quote: string;
  semicolon: string;
}

const isTypeOnly = (clause: ts.ImportClause | undefined): boolean => clause?.phaseModifier === Kind.TypeKeyword;

const importsOf = (source: ts.SourceFile): ts.ImportDeclaration[] => source.statements.filter(ts.isImportDeclaration);

/** Quotes and semicolons as the file's own imports (else its statements) write them. */
function codeStyle(source: ts.SourceFile): CodeStyle {
  const specifiers: Node[] = [
    ...importsOf(source).map((d) => d.moduleSpecifier),
    ...source.statements.flatMap((s) => requireCallOf(source, s)?.arguments.slice(0, 1) ?? []),
  ];
  const first = specifiers.length > 0 ? textOf(source, specifiers[0]) : firstStringLiteral(source);
  const sample = source.statements.filter((s) => ts.isImportDeclaration(s) || ts.isVariableStatement(s) || ts.isExpressionStatement(s));
  const withSemicolon = sample.filter((s) => textOf(source, s).trimEnd().endsWith(';')).length;
  return { quote: first?.startsWith('"') ? '"' : "'", semicolon: sample.length > 0 && withSemicolon * 2 < sample.length ? '' : ';' };
}

/** The first string literal of the file (JSDoc types included, as they are part of its tree). */
function firstStringLiteral(source: ts.SourceFile): string | undefined {
  const literal = descendantsOf(source, source).find((n) => ts.isStringLiteral(n));
  return literal && textOf(source, literal);
}

/** `const x = require('m')` / `const { a } = require('m')`: the require call. */
function requireCallOf(source: ts.SourceFile, statement: Node): ts.CallExpression | undefined {
  if (!ts.isVariableStatement(statement)) return undefined;
  const declarations = statement.declarationList.declarations;
  if (declarations.length !== 1) return undefined;
  const init = declarations[0].initializer;
  if (!init || !ts.isCallExpression(init)) return undefined;
  const callee = init.expression;
  if (!ts.isIdentifier(callee) || textOf(source, callee) !== 'require') return undefined;
  const argument = init.arguments[0] as ts.Expression | undefined;
  return argument && ts.isStringLiteral(argument) ? init : undefined;
}

/**
 * How the file gets at the helper: already in scope (imported, or declared in the file), through
 * a namespace import of its module, by a name added to an existing import of the module, or by a
 * new import after the last one (at the top of a file with none).
 */
function helperImport(
  source: ts.SourceFile,
  name: string,
  specifier: string | undefined,
  commonJs: boolean,
  style: CodeStyle,
): { callee: string; edit?: TextEdit } {
  if (!specifier || inScope(source, name)) return { callee: name };
  const q = style.quote;
  for (const declaration of importsOf(source)) {
    const clause = declaration.importClause;
    if ((declaration.moduleSpecifier as ts.StringLiteral).text !== specifier || isTypeOnly(clause)) continue;
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) return { callee: `${textOf(source, bindings.name)}.${name}` };
    const named = bindings && ts.isNamedImports(bindings) ? bindings.elements : [];
    if (named.length > 0) return { callee: name, edit: addToList(source, named, name) };
    const defaultImport = clause?.name;
    if (defaultImport) return { callee: name, edit: { start: defaultImport.end, end: defaultImport.end, text: `, { ${name} }` } };
  }
  const requires = source.statements.filter((s) => requireCallOf(source, s));
  for (const statement of requires) {
    const call = requireCallOf(source, statement)!;
    if (textOf(source, call.arguments[0]).slice(1, -1) !== specifier || !ts.isVariableStatement(statement)) continue;
    const binding = statement.declarationList.declarations[0].name;
    if (ts.isIdentifier(binding)) return { callee: `${textOf(source, binding)}.${name}` };
    if (ts.isObjectBindingPattern(binding) && binding.elements.length > 0)
      return { callee: name, edit: addToList(source, binding.elements, name) };
  }
  const line = commonJs
    ? `const { ${name} } = require(${q}${specifier}${q})${style.semicolon}`
    : `import { ${name} } from ${q}${specifier}${q}${style.semicolon}`;
  const imports = importsOf(source);
  const last = imports.length > 0 ? imports[imports.length - 1] : requires[requires.length - 1];
  if (last) return { callee: name, edit: { start: last.end, end: last.end, text: `\n${line}` } };
  const statements = source.statements;
  // After a 'use strict' prologue; otherwise above the first statement and its doc comment, below a file header.
  let prologue = 0;
  while (
    prologue < statements.length &&
    ts.isExpressionStatement(statements[prologue]) &&
    ts.isStringLiteral((statements[prologue] as ts.ExpressionStatement).expression)
  )
    prologue++;
  if (prologue > 0) {
    const end = statements[prologue - 1].end;
    return { callee: name, edit: { start: end, end, text: `\n${line}` } };
  }
  const at = start(source, statements[0], true);
  return { callee: name, edit: { start: at, end: at, text: `${line}\n\n` } };
}

/** Whether a node declares `name`: its name is `name`, or (a binding pattern) one of its elements does. */
function declaresName(source: ts.SourceFile, nameNode: ts.BindingName | undefined, name: string): boolean {
  if (!nameNode) return false;
  if (ts.isObjectBindingPattern(nameNode) || ts.isArrayBindingPattern(nameNode)) {
    return nameNode.elements.some((element) => !ts.isOmittedExpression(element) && declaresName(source, element.name, name));
  }
  return textOf(source, nameNode) === name;
}

/** A function the file defines (with a body) or declares as ambient (`declare function`, a `.d.ts`). */
function isDefinedFunction(source: ts.SourceFile, fn: ts.FunctionDeclaration): boolean {
  return !!fn.body || source.isDeclarationFile || hasModifier(fn, Kind.DeclareKeyword);
}

/** Whether the file binds `name` at its top level: an import, a function, a variable. */
function inScope(source: ts.SourceFile, name: string): boolean {
  for (const declaration of importsOf(source)) {
    const clause = declaration.importClause;
    if (isTypeOnly(clause)) continue;
    if (clause?.name && textOf(source, clause.name) === name) return true;
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((s) => !s.isTypeOnly && textOf(source, s.name) === name))
      return true;
  }
  for (const statement of source.statements) {
    if (
      ts.isFunctionDeclaration(statement) &&
      isDefinedFunction(source, statement) &&
      statement.name &&
      textOf(source, statement.name) === name
    )
      return true;
    if (ts.isVariableStatement(statement) && statement.declarationList.declarations.some((d) => declaresName(source, d.name, name)))
      return true;
  }
  return false;
}

/**
 * Adds `name` to an import's (or a `require` pattern's) list in its layout: on a line of its own
 * when the list is one item per line (keeping a trailing comma), else after the last item.
 */
function addToList(source: ts.SourceFile, items: readonly Node[], name: string): TextEdit {
  const last = items[items.length - 1];
  const text = source.text;
  const after = last.end;
  const trailingComma = /^\s*,/.exec(text.slice(after));
  const firstStart = start(source, items[0]);
  const multiline = items.length > 0 && /\n/.test(text.slice(text.lastIndexOf('{', firstStart), firstStart));
  if (multiline) {
    const indent = indentationOf(source, last);
    if (trailingComma) {
      const at = after + trailingComma[0].length;
      return { start: at, end: at, text: `\n${indent}${name},` };
    }
    return { start: after, end: after, text: `,\n${indent}${name}` };
  }
  return { start: after, end: after, text: `, ${name}` };
}

// ---------------------------------------------------------------------------
// Validation schemas
// ---------------------------------------------------------------------------

/** A call `x.method(…)`: the method's name, else undefined. */
function methodOf(source: ts.SourceFile, node: Node): string | undefined {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) ? textOf(source, node.expression.name) : undefined;
}

/**
 * Joi and yup keys are optional until `.required()`: `.default(x)` becomes `.required()` (an
 * `.optional()` in the chain becomes `.required()` too). zod keys are required unless
 * `.optional()` or `.default()`: both go.
 */
function chainEdits(source: ts.SourceFile, literal: Node, library: 'joi' | 'zod'): TextEdit[] {
  const call = unwrapUp(literal).parent as Node | undefined;
  if (!call || !ts.isCallExpression(call)) return [];
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || textOf(source, callee.name) !== 'default') return [];
  // The chain's other links, outermost included: `Joi.string().optional().default('x').description('…')`.
  let top: Node = call;
  while (top.parent && ts.isPropertyAccessExpression(top.parent) && top.parent.parent && ts.isCallExpression(top.parent.parent)) {
    top = top.parent.parent;
  }
  const links = descendantsOf(source, top).filter(
    (n): n is ts.CallExpression => ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && isChainLink(n, top),
  );
  const named = (method: string) => links.filter((l) => methodOf(source, l) === method);
  const member = (link: ts.CallExpression) => link.expression as ts.PropertyAccessExpression;
  const drop = (link: ts.CallExpression): TextEdit => ({ start: member(link).expression.end, end: link.end, text: '' });
  const optional = named('optional').filter((l) => l.arguments.length === 0);
  if (library === 'zod') return [drop(call), ...optional.map(drop)];
  if (named('required').length > 0) return [drop(call), ...optional.map(drop)];
  const edits = [...optional.slice(1).map(drop)];
  if (optional.length > 0) return [drop(call), replace(source, member(optional[0]).name, 'required'), ...edits];
  return [{ start: start(source, callee.name), end: call.end, text: 'required()' }];
}

/** Whether `call` is a link of the method chain ending in `top` (not a call inside an argument). */
function isChainLink(call: Node, top: Node): boolean {
  for (let n: Node | undefined = call; n; n = n.parent as Node | undefined) {
    if (n === top) return true;
    const parent = n.parent as Node | undefined;
    if (
      !(parent && ts.isPropertyAccessExpression(parent) && parent.expression === n) &&
      !(parent && ts.isCallExpression(parent) && parent.expression === n)
    )
      return false;
  }
  return false;
}

/** envalid: `str({ default: '' })` → `str()`; `str({ desc: 'x', default: '' })` → `str({ desc: 'x' })`. */
function envalidEdits(source: ts.SourceFile, literal: Node): TextEdit[] {
  const property = unwrapUp(literal).parent as Node | undefined;
  if (!property || !ts.isPropertyAssignment(property)) return [];
  const object = property.parent;
  if (!ts.isObjectLiteralExpression(object)) return [];
  const properties: readonly Node[] = object.properties;
  if (properties.length === 1) {
    const call = unwrapUp(object).parent as Node | undefined;
    if (!call || !ts.isCallExpression(call) || call.arguments.length !== 1) return [];
    return [replace(source, call.arguments[0], '')];
  }
  const index = properties.indexOf(property);
  return [
    index < properties.length - 1
      ? { start: start(source, property), end: start(source, properties[index + 1]), text: '' }
      : { start: properties[index - 1].end, end: property.end, text: '' },
  ];
}

/** Whether an object literal has a member named `name` as written (`format`, not `'format'`). */
function hasMember(source: ts.SourceFile, object: ts.ObjectLiteralExpression, name: string): boolean {
  return object.properties.some((p) => !!p.name && textOf(source, p.name) === name);
}

/**
 * convict requires a `default` in every schema entry; `default: null` with a typed `format` is
 * its way of saying "required": `config.validate()` rejects the missing value. An entry without
 * a `format` gets the type its literal had, since convict infers none from `null`.
 */
/**
 * AdonisJS `env.get('DB_PASSWORD', 'shop')` → `env.get('DB_PASSWORD')`: the value is then what
 * start/env.ts validates at boot (where it must be declared required, `Env.schema.string()`).
 */
function adonisEdits(literal: Node): TextEdit[] {
  const outer = unwrapUp(literal);
  const call = outer.parent as Node | undefined;
  if (!call || !ts.isCallExpression(call) || call.arguments.length !== 2 || call.arguments[1] !== outer) return [];
  return [{ start: call.arguments[0].end, end: outer.end, text: '' }];
}

/** NestJS: `config.get<string>('X', 'v')` → `config.getOrThrow<string>('X')` (getOrThrow with a default returns the default). */
function nestConfigEdits(source: ts.SourceFile, literal: Node): TextEdit[] {
  const edits = adonisEdits(literal);
  if (edits.length === 0) return [];
  const call = unwrapUp(literal).parent as ts.CallExpression;
  const callee = unwrapDown(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return [];
  return textOf(source, callee.name) === 'get' ? [replace(source, callee.name, 'getOrThrow'), ...edits] : edits;
}

/**
 * env-var: `.default('v')` → `.required()`; beside a `.required(false)` (or any argument: env-var takes
 * `required(isRequired = true)`), the default goes and that link becomes `.required()`.
 */
function envVarEdits(source: ts.SourceFile, literal: Node): TextEdit[] {
  const call = unwrapUp(literal).parent as Node | undefined;
  if (!call || !ts.isCallExpression(call)) return [];
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || textOf(source, callee.name) !== 'default') return [];
  const links: ts.CallExpression[] = [];
  for (
    let e: ts.Expression = callee.expression;
    ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression);
    e = e.expression.expression
  )
    links.push(e);
  const required = links.find((l) => methodOf(source, l) === 'required');
  if (!required) return [{ start: start(source, callee.name), end: call.end, text: 'required()' }];
  const drop: TextEdit = { start: callee.expression.end, end: call.end, text: '' };
  return required.arguments.length === 0 ? [drop] : [drop, { start: required.arguments.pos, end: required.arguments.end, text: '' }];
}

function convictEdits(source: ts.SourceFile, literal: Node): TextEdit[] {
  const outer = unwrapUp(literal);
  const property = outer.parent as Node | undefined;
  if (!property || !ts.isPropertyAssignment(property)) return [];
  const object = property.parent;
  if (!ts.isObjectLiteralExpression(object)) return [];
  const edits: TextEdit[] = [replace(source, outer, 'null')];
  if (!hasMember(source, object, 'format')) {
    const inner = unwrapDown(literal);
    const format =
      ts.isNumericLiteral(inner) || ts.isPrefixUnaryExpression(inner)
        ? 'Number'
        : inner.kind === Kind.TrueKeyword || inner.kind === Kind.FalseKeyword
          ? 'Boolean'
          : 'String';
    const at = start(source, property);
    edits.push({ start: at, end: at, text: `format: ${format}, ` });
  }
  return edits;
}
