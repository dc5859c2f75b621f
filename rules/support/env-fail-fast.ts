/**
 * The code changes behind `no-unsafe-env-default`'s suggestions, made with ts-morph: reading a
 * variable through the project's fail-fast helper instead of a hard-coded fallback (adding or
 * merging the helper's import in the file's own style), and dropping a validation schema's
 * default so the library requires the value. Loaded only when suggestions are computed: ts-morph
 * brings its own TypeScript, which a plain lint run must not pay for.
 *
 * Edits are computed from the parsed file, in the file's original offsets, then replayed on the
 * ts-morph source file, which refuses a change that leaves a syntax error: a suggestion that
 * would break the code is dropped, never offered.
 */
import { Node, Project, SyntaxKind, type CallExpression, type Expression, type PropertyAccessExpression, type SourceFile } from 'ts-morph';
import type { Span } from '../../src/analysis/facts.js';
import type { FileChange, TextEdit } from '../../src/engine/fix.js';
import type { HelperPlan } from './env-helper.js';

export interface EnvDefaultSite {
  file: { path: string; text: string };
  /** The variable. */
  name: string;
  /** The fact's shape: `||`, `??`, `ternary`, `destructuring`, `assignment`, `joi`, `yup`, `zod`, `envalid`, `convict`. */
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
  const read = readEdits(literal, site, call);
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
      ? envalidEdits(literal)
      : site.shape === 'convict'
        ? convictEdits(literal)
        : chainEdits(literal, site.shape === 'zod' ? 'zod' : 'joi');
  if (edits.length === 0) return [];
  return [{ kind: 'edit', file: site.file.path, edits: verified(source, edits) }];
}

// ---------------------------------------------------------------------------
// Parsing and checking
// ---------------------------------------------------------------------------

function parse(file: { path: string; text: string }): SourceFile {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true } });
  return project.createSourceFile(`/${file.path}`, file.text);
}

/** The node spanning exactly `span` (the literal a fact points at). */
function nodeAt(source: SourceFile, span: Span): Node | undefined {
  let node: Node | undefined = source.getDescendantAtPos(span.start);
  while (node && !(node.getStart() === span.start && node.getEnd() === span.end)) {
    node = node.getParent();
    if (node && (node.getStart() < span.start || node.getEnd() > span.end)) return undefined;
  }
  return node;
}

/**
 * Replays the edits (last first) on the ts-morph source file, which throws when a change leaves
 * a syntax error, and returns them in file order. Overlapping edits are a bug here: refused.
 */
function verified(source: SourceFile, edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) throw new Error('overlapping edits');
  for (const edit of [...sorted].reverse()) {
    if (edit.start === edit.end) source.insertText(edit.start, edit.text);
    else source.replaceText([edit.start, edit.end], edit.text);
  }
  return sorted;
}

const unwrapUp = (node: Node): Node => {
  let n = node;
  for (
    let p = n.getParent();
    p && (Node.isParenthesizedExpression(p) || Node.isAsExpression(p) || Node.isNonNullExpression(p));
    p = p.getParent()
  )
    n = p;
  return n;
};

const unwrapDown = (node: Node): Node => {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isNonNullExpression(n)) n = n.getExpression();
  return n;
};

const replace = (node: Node, text: string): TextEdit => ({ start: node.getStart(), end: node.getEnd(), text });

// ---------------------------------------------------------------------------
// Reading through the helper
// ---------------------------------------------------------------------------

function readEdits(literal: Node, site: EnvDefaultSite, call: string): TextEdit[] {
  const outer = unwrapUp(literal);
  const parent = outer.getParent();
  if (!parent) return [];
  switch (site.shape) {
    case '||':
    case '??': {
      if (!Node.isBinaryExpression(parent) || parent.getRight() !== outer || !isFallback(parent)) return [];
      const left = parent.getLeft();
      // `A || B || 'x'` holds two variables: which one to require is the author's call.
      if (Node.isBinaryExpression(unwrapDown(left)) && isFallback(unwrapDown(left))) return [];
      return replaceExpression(parent, left, site.name, call);
    }
    case 'ternary': {
      if (!Node.isConditionalExpression(parent)) return [];
      const other =
        parent.getWhenFalse() === outer ? parent.getWhenTrue() : parent.getWhenTrue() === outer ? parent.getWhenFalse() : undefined;
      return other ? replaceExpression(parent, other, site.name, call) : [];
    }
    case 'destructuring':
      return Node.isBindingElement(parent) && parent.getInitializer() === outer ? destructuringEdits(parent, call) : [];
    case 'assignment':
      return assignmentEdits(outer, site.name, call);
    default:
      return [];
  }
}

function isFallback(node: Node): boolean {
  if (!Node.isBinaryExpression(node)) return false;
  const kind = node.getOperatorToken().getKind();
  return kind === SyntaxKind.BarBarToken || kind === SyntaxKind.QuestionQuestionToken;
}

/**
 * `whole` becomes `kept` with its reads of the variable replaced by the helper's call:
 * `parseInt(process.env.DB_PORT || '5432', 10)` → `parseInt(requireEnv('DB_PORT'), 10)`. Parentheses
 * that only grouped the fallback go when what remains is a call or a member access.
 */
function replaceExpression(whole: Node, kept: Expression, name: string, call: string): TextEdit[] {
  const reads = envReads(kept, name);
  if (reads.length === 0) return [];
  const base = kept.getStart();
  let text = kept.getText();
  for (const read of [...reads].sort((a, b) => b.getStart() - a.getStart())) {
    text = text.slice(0, read.getStart() - base) + call + text.slice(read.getEnd() - base);
  }
  let target = whole;
  const simple = unwrapDown(kept);
  if (Node.isCallExpression(simple) || Node.isPropertyAccessExpression(simple) || Node.isElementAccessExpression(simple)) {
    while (Node.isParenthesizedExpression(target.getParent())) target = target.getParentOrThrow();
  }
  return [replace(target, text)];
}

/** `process.env.X`, `process.env['X']`, `env.X` (an alias) inside `node`. */
function envReads(node: Node, name: string): Node[] {
  const candidates = [node, ...node.getDescendants()];
  return candidates.filter((n) => {
    if (Node.isPropertyAccessExpression(n)) return n.getName() === name && isEnvObject(n.getExpression());
    if (Node.isElementAccessExpression(n)) {
      const argument = n.getArgumentExpression();
      return !!argument && Node.isStringLiteral(argument) && argument.getLiteralText() === name && isEnvObject(n.getExpression());
    }
    return false;
  });
}

/** What the extractor accepted as the environment: `process.env`, `import.meta.env` or a plain identifier bound to it. */
function isEnvObject(node: Node): boolean {
  const inner = unwrapDown(node);
  return Node.isIdentifier(inner) || (Node.isPropertyAccessExpression(inner) && inner.getName() === 'env');
}

/**
 * `const { DB_HOST, DB_PASSWORD = 'root' } = process.env;` → the default's binding leaves the
 * pattern and becomes a declaration of its own that requires it:
 * `const DB_PASSWORD = requireEnv('DB_PASSWORD');` (exported, `let` or `var` as the original).
 */
function destructuringEdits(element: Node, call: string): TextEdit[] {
  if (!Node.isBindingElement(element)) return [];
  const pattern = element.getParent();
  const declaration = pattern.getParent();
  const list = declaration?.getParent();
  const statement = list?.getParent();
  if (!Node.isVariableDeclaration(declaration) || !Node.isVariableDeclarationList(list) || !Node.isVariableStatement(statement)) return [];
  if (list.getDeclarations().length !== 1 || element.getDotDotDotToken()) return [];
  const local = element.getNameNode();
  if (!Node.isIdentifier(local)) return [];
  const keyword = list.getDeclarationKindKeywords()[0]?.getText() ?? 'const';
  const exported = statement.isExported() ? 'export ' : '';
  const semicolon = statement.getText().trimEnd().endsWith(';') ? ';' : '';
  const declared = `${exported}${keyword} ${local.getText()} = ${call}${semicolon}`;
  const elements = Node.isObjectBindingPattern(pattern) ? pattern.getElements() : [];
  if (elements.length === 1) return [replace(statement, declared)];
  const index = elements.indexOf(element);
  const removal: TextEdit =
    index < elements.length - 1
      ? { start: element.getStart(), end: elements[index + 1].getStart(), text: '' }
      : { start: elements[index - 1].getEnd(), end: element.getEnd(), text: '' };
  const end = statement.getEnd();
  return [removal, { start: end, end, text: `\n${indentationOf(statement)}${declared}` }];
}

/**
 * `process.env.X = process.env.X || 'v'`, `process.env.X ||= 'v'` and
 * `if (!process.env.X) { process.env.X = 'v'; }` become `requireEnv('X');`: the variable is checked
 * where the default was written, and nothing overwrites the environment.
 */
function assignmentEdits(outer: Node, name: string, call: string): TextEdit[] {
  const parent = outer.getParent();
  if (!Node.isBinaryExpression(parent)) return [];
  const operator = parent.getOperatorToken().getKind();
  let assignment: Node | undefined;
  if (operator === SyntaxKind.BarBarEqualsToken || operator === SyntaxKind.QuestionQuestionEqualsToken) assignment = parent;
  else if (isFallback(parent)) {
    // Only a plain `process.env.X || 'v'`: anything between would be dropped with it.
    if (envReads(parent.getLeft(), name)[0] !== unwrapDown(parent.getLeft())) return [];
    const up = unwrapUp(parent).getParent();
    if (Node.isBinaryExpression(up) && up.getOperatorToken().getKind() === SyntaxKind.EqualsToken) assignment = up;
  } else if (operator === SyntaxKind.EqualsToken) {
    const statement = parent.getParent();
    if (!Node.isExpressionStatement(statement)) return [];
    let branch: Node = statement;
    const holder = statement.getParent();
    if (Node.isBlock(holder)) {
      if (holder.getStatements().length !== 1) return [];
      branch = holder;
    }
    const conditional = branch.getParent();
    if (!Node.isIfStatement(conditional) || conditional.getThenStatement() !== branch || conditional.getElseStatement()) return [];
    return [replace(conditional, `${call};`)];
  }
  const statement = assignment?.getParent();
  return Node.isExpressionStatement(statement) ? [replace(statement, `${call};`)] : [];
}

function indentationOf(node: Node): string {
  const text = node.getSourceFile().getFullText();
  const lineStart = text.lastIndexOf('\n', node.getStart() - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

// ---------------------------------------------------------------------------
// The helper's import
// ---------------------------------------------------------------------------

interface CodeStyle {
  quote: string;
  semicolon: string;
}

/** Quotes and semicolons as the file's own imports (else its statements) write them. */
function codeStyle(source: SourceFile): CodeStyle {
  const specifiers = [
    ...source.getImportDeclarations().map((d) => d.getModuleSpecifier()),
    ...source.getStatements().flatMap((s) => requireCallOf(s)?.getArguments().slice(0, 1) ?? []),
  ];
  const first = specifiers[0]?.getText() ?? firstStringLiteral(source);
  const statements = source.getStatements();
  const sample = statements.filter((s) => Node.isImportDeclaration(s) || Node.isVariableStatement(s) || Node.isExpressionStatement(s));
  const withSemicolon = sample.filter((s) => s.getText().trimEnd().endsWith(';')).length;
  return { quote: first?.startsWith('"') ? '"' : "'", semicolon: sample.length > 0 && withSemicolon * 2 < sample.length ? '' : ';' };
}

function firstStringLiteral(source: SourceFile): string | undefined {
  return source.getFirstDescendant((n) => Node.isStringLiteral(n))?.getText();
}

/** `const x = require('m')` / `const { a } = require('m')`: the require call. */
function requireCallOf(statement: Node) {
  if (!Node.isVariableStatement(statement)) return undefined;
  const declarations = statement.getDeclarations();
  if (declarations.length !== 1) return undefined;
  const init = declarations[0].getInitializer();
  if (!init || !Node.isCallExpression(init)) return undefined;
  const callee = init.getExpression();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require') return undefined;
  const argument = init.getArguments()[0];
  return argument && Node.isStringLiteral(argument) ? init : undefined;
}

/**
 * How the file gets at the helper: already in scope (imported, or declared in the file), through
 * a namespace import of its module, by a name added to an existing import of the module, or by a
 * new import after the last one (at the top of a file with none).
 */
function helperImport(
  source: SourceFile,
  name: string,
  specifier: string | undefined,
  commonJs: boolean,
  style: CodeStyle,
): { callee: string; edit?: TextEdit } {
  if (!specifier || inScope(source, name)) return { callee: name };
  const q = style.quote;
  for (const declaration of source.getImportDeclarations()) {
    if (declaration.getModuleSpecifierValue() !== specifier || declaration.isTypeOnly()) continue;
    const namespace = declaration.getNamespaceImport();
    if (namespace) return { callee: `${namespace.getText()}.${name}` };
    const named = declaration.getNamedImports();
    if (named.length > 0) return { callee: name, edit: addToList(named, name) };
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) return { callee: name, edit: { start: defaultImport.getEnd(), end: defaultImport.getEnd(), text: `, { ${name} }` } };
  }
  const requires = source.getStatements().filter((s) => requireCallOf(s));
  for (const statement of requires) {
    const call = requireCallOf(statement)!;
    if (call.getArguments()[0].getText().slice(1, -1) !== specifier || !Node.isVariableStatement(statement)) continue;
    const binding = statement.getDeclarations()[0].getNameNode();
    if (Node.isIdentifier(binding)) return { callee: `${binding.getText()}.${name}` };
    if (Node.isObjectBindingPattern(binding) && binding.getElements().length > 0)
      return { callee: name, edit: addToList(binding.getElements(), name) };
  }
  const line = commonJs
    ? `const { ${name} } = require(${q}${specifier}${q})${style.semicolon}`
    : `import { ${name} } from ${q}${specifier}${q}${style.semicolon}`;
  const imports = source.getImportDeclarations();
  const last = imports.length > 0 ? imports[imports.length - 1] : requires[requires.length - 1];
  if (last) return { callee: name, edit: { start: last.getEnd(), end: last.getEnd(), text: `\n${line}` } };
  const statements = source.getStatements();
  // After a 'use strict' prologue; otherwise above the first statement and its doc comment, below a file header.
  const prologue = statements.filter((s, i) =>
    statements.slice(0, i + 1).every((p) => Node.isExpressionStatement(p) && Node.isStringLiteral(p.getExpression())),
  );
  if (prologue.length > 0) {
    const end = prologue[prologue.length - 1].getEnd();
    return { callee: name, edit: { start: end, end, text: `\n${line}` } };
  }
  const start = statements[0].getStart(true);
  return { callee: name, edit: { start, end: start, text: `${line}\n\n` } };
}

/** Whether the file binds `name` at its top level: an import, a function, a variable. */
function inScope(source: SourceFile, name: string): boolean {
  for (const declaration of source.getImportDeclarations()) {
    if (declaration.isTypeOnly()) continue;
    if (declaration.getDefaultImport()?.getText() === name) return true;
    if (declaration.getNamedImports().some((s) => !s.isTypeOnly() && (s.getAliasNode() ?? s.getNameNode()).getText() === name)) return true;
  }
  return !!(source.getFunction(name) ?? source.getVariableDeclaration(name));
}

/**
 * Adds `name` to an import's (or a `require` pattern's) list in its layout: on a line of its own
 * when the list is one item per line (keeping a trailing comma), else after the last item.
 */
function addToList(items: readonly Node[], name: string): TextEdit {
  const last = items[items.length - 1];
  const text = last.getSourceFile().getFullText();
  const after = last.getEnd();
  const trailingComma = /^\s*,/.exec(text.slice(after));
  const multiline = items.length > 0 && /\n/.test(text.slice(text.lastIndexOf('{', items[0].getStart()), items[0].getStart()));
  if (multiline) {
    const indent = indentationOf(last);
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

/**
 * Joi and yup keys are optional until `.required()`: `.default(x)` becomes `.required()` (an
 * `.optional()` in the chain becomes `.required()` too). zod keys are required unless
 * `.optional()` or `.default()`: both go.
 */
function chainEdits(literal: Node, library: 'joi' | 'zod'): TextEdit[] {
  const call = unwrapUp(literal).getParent();
  if (!Node.isCallExpression(call)) return [];
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'default') return [];
  // The chain's other links, outermost included: `Joi.string().optional().default('x').description('…')`.
  let top: Node = call;
  while (Node.isPropertyAccessExpression(top.getParent()) && Node.isCallExpression(top.getParentOrThrow().getParent())) {
    top = top.getParentOrThrow().getParentOrThrow();
  }
  const links = [top, ...top.getDescendantsOfKind(SyntaxKind.CallExpression)].filter(
    (n): n is CallExpression => Node.isCallExpression(n) && Node.isPropertyAccessExpression(n.getExpression()) && isChainLink(n, top),
  );
  const named = (method: string) => links.filter((l) => (l.getExpression() as PropertyAccessExpression).getName() === method);
  const drop = (link: CallExpression): TextEdit => ({
    start: (link.getExpression() as PropertyAccessExpression).getExpression().getEnd(),
    end: link.getEnd(),
    text: '',
  });
  const optional = named('optional').filter((l) => l.getArguments().length === 0);
  if (library === 'zod') return [drop(call), ...optional.map(drop)];
  if (named('required').length > 0) return [drop(call), ...optional.map(drop)];
  const edits = [...optional.slice(1).map(drop)];
  if (optional.length > 0) {
    const method = (optional[0].getExpression() as PropertyAccessExpression).getNameNode();
    return [drop(call), replace(method, 'required'), ...edits];
  }
  return [{ start: callee.getNameNode().getStart(), end: call.getEnd(), text: 'required()' }];
}

/** Whether `call` is a link of the method chain ending in `top` (not a call inside an argument). */
function isChainLink(call: Node, top: Node): boolean {
  for (let n: Node | undefined = call; n; n = n.getParent()) {
    if (n === top) return true;
    const parent = n.getParent();
    if (
      !(Node.isPropertyAccessExpression(parent) && parent.getExpression() === n) &&
      !(Node.isCallExpression(parent) && parent.getExpression() === n)
    )
      return false;
  }
  return false;
}

/** envalid: `str({ default: '' })` → `str()`; `str({ desc: 'x', default: '' })` → `str({ desc: 'x' })`. */
function envalidEdits(literal: Node): TextEdit[] {
  const property = unwrapUp(literal).getParent();
  if (!Node.isPropertyAssignment(property)) return [];
  const object = property.getParent();
  if (!Node.isObjectLiteralExpression(object)) return [];
  const properties = object.getProperties();
  if (properties.length === 1) {
    const call = unwrapUp(object).getParent();
    if (!Node.isCallExpression(call) || call.getArguments().length !== 1) return [];
    return [replace(call.getArguments()[0], '')];
  }
  const index = properties.indexOf(property);
  return [
    index < properties.length - 1
      ? { start: property.getStart(), end: properties[index + 1].getStart(), text: '' }
      : { start: properties[index - 1].getEnd(), end: property.getEnd(), text: '' },
  ];
}

/**
 * convict requires a `default` in every schema entry; `default: null` with a typed `format` is
 * its way of saying "required": `config.validate()` rejects the missing value. An entry without
 * a `format` gets the type its literal had, since convict infers none from `null`.
 */
function convictEdits(literal: Node): TextEdit[] {
  const outer = unwrapUp(literal);
  const property = outer.getParent();
  if (!Node.isPropertyAssignment(property)) return [];
  const object = property.getParent();
  if (!Node.isObjectLiteralExpression(object)) return [];
  const edits: TextEdit[] = [replace(outer, 'null')];
  if (!object.getProperty('format')) {
    const inner = unwrapDown(literal);
    const format =
      Node.isNumericLiteral(inner) || Node.isPrefixUnaryExpression(inner)
        ? 'Number'
        : Node.isTrueLiteral(inner) || Node.isFalseLiteral(inner)
          ? 'Boolean'
          : 'String';
    edits.push({ start: property.getStart(), end: property.getStart(), text: `format: ${format}, ` });
  }
  return edits;
}
