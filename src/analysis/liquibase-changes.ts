/**
 * The tables a Liquibase changelog's declarative changeSets name, in YAML, JSON or XML:
 * `createTable` / `createView` (created), `renameTable` / `renameView` (renamed), `dropTable` /
 * `dropView` (dropped), foreign keys (`addForeignKeyConstraint` `baseTableName` →
 * `referencedTableName`, and a column's `constraints` `references: accounts(id)` or
 * `referencedTableName`), the changes that alter a table (`addColumn`, `createIndex`, …) and the ones
 * that write rows (`insert`, `update`, `delete`, `loadData`). Each is an `OrmTableRef` of library
 * `liquibase`, located at the table name's value (without its quotes), as a knex migration's
 * `createTable('t')` is; the model reads them as it reads a migration builder's.
 *
 * Only the changes of a `changeSet` are read, never its `rollback` (the reverting half) nor its
 * `preConditions`; a name holding a changelog parameter (`${schema}`) is not a name. The `include`
 * / `sqlFile` entries are the model's (src/model/tool-migrations.ts). XML is read by a scanner of
 * elements and attributes (linear: one pass, `indexOf` for every delimiter, nesting capped): no
 * XML library reports where an attribute's value lies, which a finding needs. Never throws; a
 * YAML or JSON changelog its parser rejects is a problem of the file.
 */
import type { Node } from 'yaml';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { OrmTableRef, Span, SyntaxProblem, TableAction } from './facts.js';
import { isMap, isScalar, isSeq, parseDocument } from './yaml-module.js';
import { rejectedDocument } from './yaml-problems.js';
import { localName, xmlStartTag } from './xml-tags.js';

/** A changelog's content, whatever its syntax: maps (XML: attributes and child elements), lists and located strings. */
type Tree = { map: Array<[string, Tree]> } | { seq: Tree[] } | { scalar: string; span: Span };

/** No changelog nests deeper; a hostile file must not recurse without end. */
const MAX_DEPTH = 48;

/** A file that may be a Liquibase changelog: YAML, JSON or XML naming its root key or element. */
export function mayBeLiquibaseChangelog(path: string, text: string): boolean {
  return /\.(?:ya?ml|json|xml)$/i.test(path) && text.includes('databaseChangeLog') && text.includes('changeSet');
}

/** The table references of the changelog's changeSets (see the module comment), in document order. */
export function parseLiquibaseChanges(path: string, text: string, report: (problem: SyntaxProblem) => void): OrmTableRef[] {
  const root = /\.xml$/i.test(path) ? xmlTree(text) : /\.json$/i.test(path) ? jsonTree(text) : yamlTree(text, report);
  const changeLog = root && member(root, 'databaseChangeLog');
  if (!changeLog) return [];
  const refs: OrmTableRef[] = [];
  for (const changeSet of [...items(changeLog).map((item) => member(item, 'changeSet')), ...members(changeLog, 'changeSet')])
    if (changeSet) for (const [type, change] of changesOf(changeSet)) refs.push(...refsOfChange(type, change));
  return refs;
}

/** What each change type does to the table it names (`tableName` unless said otherwise). */
const ALTERS = new Set([
  'addAutoIncrement',
  'addColumn',
  'addDefaultValue',
  'addNotNullConstraint',
  'addPrimaryKey',
  'addUniqueConstraint',
  'createIndex',
  'dropColumn',
  'dropDefaultValue',
  'dropIndex',
  'dropNotNullConstraint',
  'dropPrimaryKey',
  'dropUniqueConstraint',
  'modifyDataType',
  'renameColumn',
  'setColumnRemarks',
  'setTableRemarks',
]);
const WRITES: Readonly<Record<string, TableAction>> = {
  insert: 'insert',
  loadData: 'insert',
  loadUpdateData: 'insert',
  update: 'update',
  delete: 'delete',
};

/** The changes of a changeSet: YAML/JSON `changes: [ { createTable: {…} } ]`, XML's child elements. */
function changesOf(changeSet: Tree): Array<[string, Tree]> {
  const out: Array<[string, Tree]> = [];
  const changes = member(changeSet, 'changes');
  if (changes) for (const item of items(changes)) if ('map' in item) out.push(...item.map);
  if ('map' in changeSet) for (const entry of changeSet.map) if (isChangeType(entry[0])) out.push(entry);
  return out;
}

function isChangeType(name: string): boolean {
  return (
    ALTERS.has(name) ||
    name in WRITES ||
    /^(?:create|drop)(?:Table|View)$|^rename(?:Table|View)$|^(?:add|drop)ForeignKeyConstraint$/.test(name)
  );
}

function refsOfChange(type: string, change: Tree): OrmTableRef[] {
  const at = (nameKey: string, schemaKey = 'schemaName') => tableAt(change, nameKey, schemaKey);
  const ref = (table: LocatedTable | undefined, action: TableAction, extra: Partial<OrmTableRef> = {}): OrmTableRef[] =>
    table ? [{ ...tableRef(table, action), ...extra }] : [];
  switch (type) {
    case 'createTable': {
      const table = at('tableName');
      if (!table) return [];
      return [tableRef(table, 'create'), ...columnReferences(change, table)];
    }
    case 'createView':
      return ref(at('viewName'), 'create');
    case 'dropTable':
      return ref(at('tableName'), 'drop');
    case 'dropView':
      return ref(at('viewName'), 'drop');
    case 'renameTable':
    case 'renameView': {
      const noun = type === 'renameTable' ? 'Table' : 'View';
      const from = at(`old${noun}Name`);
      const to = at(`new${noun}Name`);
      if (!from || !to) return [];
      const renamedTo = { name: to.name, ...(to.qualifier ? { qualifier: to.qualifier } : {}), fileSpan: to.span };
      return [{ ...tableRef(from, 'alter'), renamedTo }];
    }
    case 'addForeignKeyConstraint': {
      const base = at('baseTableName', 'baseTableSchemaName');
      const referenced = at('referencedTableName', 'referencedTableSchemaName');
      if (!base) return [];
      return [tableRef(base, 'alter'), ...(referenced ? [foreignKey(referenced, base)] : [])];
    }
    case 'dropForeignKeyConstraint':
      return ref(at('baseTableName', 'baseTableSchemaName'), 'alter');
    case 'addColumn': {
      const table = at('tableName');
      return table ? [tableRef(table, 'alter'), ...columnReferences(change, table)] : [];
    }
    default:
      if (ALTERS.has(type)) return ref(at('tableName'), 'alter');
      if (type in WRITES) return ref(at('tableName'), WRITES[type]);
      return [];
  }
}

interface LocatedTable {
  name: string;
  qualifier?: string;
  span: Span;
}

function tableRef(table: LocatedTable, action: TableAction): OrmTableRef {
  return {
    name: table.name,
    ...(table.qualifier ? { qualifier: table.qualifier } : {}),
    action,
    library: 'liquibase',
    fileSpan: table.span,
  };
}

function foreignKey(referenced: LocatedTable, holder: LocatedTable): OrmTableRef {
  const declaringTable = { name: holder.name, ...(holder.qualifier ? { qualifier: holder.qualifier } : {}) };
  return { ...tableRef(referenced, 'references'), declaringTable };
}

/** The table a change names in `nameKey`, qualified by `schemaKey` (or by a `schema.` in the name itself). */
function tableAt(change: Tree, nameKey: string, schemaKey: string): LocatedTable | undefined {
  const name = scalarOf(member(change, nameKey));
  if (!name) return undefined;
  const table = locatedName(name.scalar, name.span);
  if (!table) return undefined;
  const schema = scalarOf(member(change, schemaKey));
  const qualifier = schema && isName(schema.scalar) ? unquote(schema.scalar) : undefined;
  return qualifier && !table.qualifier ? { ...table, qualifier } : table;
}

/**
 * A column's foreign key: `constraints: { references: accounts(id) }` (the table before the
 * parenthesis, `schema.table` allowed) or `referencedTableName` / `referencedTableSchemaName`.
 */
function columnReferences(change: Tree, holder: LocatedTable): OrmTableRef[] {
  const columns = [...members(change, 'column'), ...items(member(change, 'columns')).map((item) => member(item, 'column'))];
  const out: OrmTableRef[] = [];
  for (const column of columns) {
    const constraints = column && member(column, 'constraints');
    if (!constraints) continue;
    const named = tableAt(constraints, 'referencedTableName', 'referencedTableSchemaName');
    if (named) {
      out.push(foreignKey(named, holder));
      continue;
    }
    const references = scalarOf(member(constraints, 'references'));
    const paren = references ? references.scalar.indexOf('(') : -1;
    if (!references || paren <= 0) continue;
    const written = references.scalar.slice(0, paren);
    const lead = written.length - written.trimStart().length;
    const table = locatedName(written.trim(), {
      start: references.span.start + lead,
      end: references.span.start + lead + written.trim().length,
    });
    if (table) out.push(foreignKey(table, holder));
  }
  return out;
}

/** A written table name (`accounts`, `billing.invoices`, `"Order"`), split at its last dot; none for a changelog parameter. */
function locatedName(written: string, span: Span): LocatedTable | undefined {
  if (!isName(written)) return undefined;
  const dot = written.lastIndexOf('.');
  const name = unquote(written.slice(dot + 1));
  if (dot < 0) return { name, span };
  const qualifier = unquote(written.slice(0, dot));
  return { name, qualifier, span };
}

/** A name as Liquibase takes one: letters, digits, `_`, `$`, `.` between parts, optionally quoted; no `${parameter}`. */
function isName(written: string): boolean {
  return /^["`[]?[\w$]+["`\]]?(?:\.["`[]?[\w$]+["`\]]?)?$/.test(written) && !written.includes('${');
}

function unquote(part: string): string {
  return part.replace(/^["`[]|["`\]]$/g, '');
}

// ---------------------------------------------------------------------------
// The tree, whatever the syntax
// ---------------------------------------------------------------------------

function member(tree: Tree | undefined, key: string): Tree | undefined {
  return tree && 'map' in tree ? tree.map.find(([k]) => k === key)?.[1] : undefined;
}

/** Every entry named `key` (XML repeats an element; YAML and JSON keys are unique). */
function members(tree: Tree, key: string): Tree[] {
  return 'map' in tree ? tree.map.filter(([k]) => k === key).map(([, value]) => value) : [];
}

function items(tree: Tree | undefined): Tree[] {
  return tree && 'seq' in tree ? tree.seq : [];
}

function scalarOf(tree: Tree | undefined): { scalar: string; span: Span } | undefined {
  return tree && 'scalar' in tree ? tree : undefined;
}

function yamlTree(text: string, report: (problem: SyntaxProblem) => void): Tree | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    report(rejectedDocument(doc.errors, 0));
    return undefined;
  }
  const convert = (node: Node | null | undefined, depth: number): Tree | undefined => {
    if (!node || depth > MAX_DEPTH) return undefined;
    if (isMap(node)) {
      const map: Array<[string, Tree]> = [];
      for (const pair of node.items) {
        if (!isScalar(pair.key) || typeof pair.key.value !== 'string') continue;
        const value = convert(pair.value as Node | null, depth + 1);
        if (value) map.push([pair.key.value, value]);
      }
      return { map };
    }
    if (isSeq(node)) return { seq: node.items.flatMap((item) => convert(item as Node, depth + 1) ?? []) };
    if (isScalar(node) && node.range && (typeof node.value === 'string' || typeof node.value === 'number')) {
      const value = String(node.value);
      const [start, end] = node.range;
      // A quoted value is located inside its quotes when they hold it as written.
      const inner = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? { start: start + 1, end: end - 1 } : { start, end };
      return { scalar: value, span: text.slice(inner.start, inner.end) === value ? inner : { start, end } };
    }
    return undefined;
  };
  return convert(doc.contents, 0);
}

function jsonTree(text: string): Tree | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0) return undefined;
  const convert = (node: JsonNode, depth: number): Tree | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    if (node.type === 'object') {
      const map: Array<[string, Tree]> = [];
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        const converted = key && value && typeof key.value === 'string' ? convert(value, depth + 1) : undefined;
        if (converted) map.push([key.value as string, converted]);
      }
      return { map };
    }
    if (node.type === 'array') return { seq: (node.children ?? []).flatMap((item) => convert(item, depth + 1) ?? []) };
    if (node.type === 'string' || node.type === 'number') {
      const value = String(node.value);
      const quoted = node.type === 'string' ? 1 : 0;
      const inner = { start: node.offset + quoted, end: node.offset + node.length - quoted };
      return {
        scalar: value,
        span: text.slice(inner.start, inner.end) === value ? inner : { start: node.offset, end: node.offset + node.length },
      };
    }
    return undefined;
  };
  return convert(root, 0);
}

/**
 * The document element of an XML text as a tree: each element a map of its attributes (located
 * strings) and its child elements, by local name (`<ext:createTable>` is `createTable`). Comments,
 * CDATA, processing instructions and declarations are skipped; text content is not kept. A
 * malformed element ends the reading there (what was read stays).
 */
function xmlTree(text: string): Tree | undefined {
  const stack: Array<{ name: string; map: Array<[string, Tree]> }> = [];
  let root: Tree | undefined;
  const skipTo = (marker: string, from: number) => {
    const end = text.indexOf(marker, from);
    return end < 0 ? -1 : end + marker.length;
  };
  let pos = 0;
  while (pos >= 0 && pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) pos = skipTo('-->', lt + 4);
    else if (text.startsWith('<![CDATA[', lt)) pos = skipTo(']]>', lt + 9);
    else if (text.startsWith('<?', lt)) pos = skipTo('?>', lt + 2);
    else if (text.startsWith('<!', lt)) pos = skipTo('>', lt + 2);
    else if (text.startsWith('</', lt)) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) break;
      const name = localName(text.slice(lt + 2, end).trim());
      // Close up to the element this tag closes; a stray closing tag closes nothing.
      const open = stack.map((e) => e.name).lastIndexOf(name);
      if (open >= 0) stack.length = open;
      pos = end + 1;
    } else {
      const element = xmlStartTag(text, lt + 1);
      if (!element) break;
      const node: { map: Array<[string, Tree]> } = {
        map: element.attributes.map(([name, value]): [string, Tree] => [name, { scalar: value.value, span: value.span }]),
      };
      const parent = stack[stack.length - 1];
      if (parent) parent.map.push([element.name, node]);
      else if (root)
        break; // a second document element: not XML, stop
      else root = { map: [[element.name, node]] };
      if (!element.selfClosing) {
        if (stack.length >= MAX_DEPTH) break;
        stack.push({ name: element.name, map: node.map });
      }
      pos = element.end;
    }
  }
  return root;
}
