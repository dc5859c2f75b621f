/**
 * The tables a Django migration (`<app>/migrations/0001_initial.py`, written by `makemigrations`) creates, renames,
 * drops and references, read from its tokens (never run), and the SQL of its `RunSQL` operations:
 *
 * - `migrations.CreateModel(name="Order", …)` creates the model's table: `options={"db_table": "orders"}` when given,
 *   else Django's default `<app_label>_<model name lower-cased>` (`shop_order`), the app label being the folder that
 *   holds `migrations/`; `"managed": False` creates nothing (Django leaves an unmanaged model's table alone).
 * - `DeleteModel(name=…)` drops it, `AlterModelTable(name=…, table=…)` renames it (`table=None`: back to the default
 *   name), `RenameModel(old_name=…, new_name=…)` renames a default-named table to the new model's default name.
 * - `ForeignKey(to="users.user")` / `OneToOneField(…)` in a `CreateModel`'s fields, an `AddField` or an `AlterField`
 *   references the target model's table when this file declares that model (an unmanaged model mapping another
 *   service's table among them). A target declared in another migration is left alone: it is a model of the same
 *   Django project (the migration depends on it), so its table is the service's own, and its name may be a `db_table`
 *   this file cannot see (its default name would be an unknown table).
 * - `RunSQL("…")` (`sql=`, a list of strings or of `(sql, params)` pairs): each plain literal is SQL of the migration,
 *   `reverse_sql` (the reverting half) is not read.
 * - `dependencies = [("shop", "0004_a"), ("shop", "0004_b")]` and a squashed migration's `replaces = [("shop",
 *   "0001_initial"), …]`: the migrations it comes after and stands for (DjangoMigrationLinks), as written — a merge
 *   migration's two dependencies are how Django joins two branches of an app's history.
 *
 * Each table is an `OrmTableRef` (library `django`) located at the literal that names it (the `db_table` value, else
 * the model's name), as Alembic's are (python-schema.ts). One pass over the tokens; never throws.
 */
import type { DjangoMigrationKey, DjangoMigrationLinks, EmbeddedSql, OrmTableRef, Span } from './facts.js';
import {
  callArgs,
  embeddedSqlAt,
  isKeyword,
  isName,
  isOp,
  keywordLiteral,
  keywordRange,
  positional,
  splitName,
  stringArg,
  pythonTokens,
  type Literal,
  type Tok,
} from './python-schema.js';

/** A Django migration module: `<app>/migrations/0001_initial.py` (not Flask-Migrate's `migrations/versions/`). */
export const DJANGO_MIGRATION = /(?:^|\/)migrations\/\d{4,}_\w+\.py$/;

/** A file worth reading: a migration module that declares its `Migration` class. */
export function mayBeDjangoMigration(path: string, text: string): boolean {
  return isDjangoMigrationPath(path) && /\bclass\s+Migration\b/.test(text);
}

/** Whether the path is where Django keeps a migration: asked first, so a file of any other path is never read. */
export function isDjangoMigrationPath(path: string): boolean {
  return DJANGO_MIGRATION.test(path);
}

/** The app label of the migration at `path`: the folder holding `migrations/`, undefined at the repository root. */
export function djangoAppLabel(path: string): string | undefined {
  const parts = path.split('/');
  return parts.length >= 3 ? parts[parts.length - 3].toLowerCase() : undefined;
}

const OPERATIONS = new Set(['CreateModel', 'DeleteModel', 'AlterModelTable', 'RenameModel', 'AddField', 'AlterField', 'RunSQL']);
const RELATIONS = new Set(['ForeignKey', 'OneToOneField']);

export function parseDjangoMigration(
  path: string,
  text: string,
): { tables: OrmTableRef[]; sql: EmbeddedSql[]; django?: DjangoMigrationLinks } {
  const tokens = pythonTokens(text);
  if (!tokens) return { tables: [], sql: [] };
  const { toks, match } = tokens;
  const app = djangoAppLabel(path);
  const tables: OrmTableRef[] = [];
  const sql: EmbeddedSql[] = [];
  // The tables of the models this file has seen, by lower-cased model name; `custom` when a db_table names it.
  const models = new Map<string, { table: string; qualifier?: string; custom: boolean }>();
  const defaultTable = (appLabel: string | undefined, model: string) => (appLabel ? `${appLabel}_${model.toLowerCase()}` : undefined);
  const tableOf = (model: string) => {
    const known = models.get(model.toLowerCase());
    if (known) return known;
    const table = defaultTable(app, model);
    return table === undefined ? undefined : { table, custom: false };
  };
  const push = (action: OrmTableRef['action'], name: string, span: Span, qualifier?: string): OrmTableRef => {
    const ref: OrmTableRef = { name, action, library: 'django', fileSpan: span };
    if (qualifier !== undefined) ref.qualifier = qualifier;
    tables.push(ref);
    return ref;
  };
  const links: DjangoMigrationLinks = { dependencies: [], replaces: [] };
  // The operations whose fields are being read (their closing index and the table they declare), innermost last.
  const open: Array<{ end: number; table: { name: string; qualifier?: string } }> = [];
  for (let i = 0; i < toks.length; i++) {
    while (open.length > 0 && open[open.length - 1].end < i) open.pop();
    const tok = toks[i];
    // `dependencies = [("shop", "0004_a"), …]` / `replaces = […]`, an attribute of the Migration class.
    if (
      tok.t === 'name' &&
      (tok.v === 'dependencies' || tok.v === 'replaces') &&
      tok.lineStart &&
      isOp(toks[i + 1], '=') &&
      (isOp(toks[i + 2], '[') || isOp(toks[i + 2], '('))
    ) {
      links[tok.v].push(...migrationKeys(toks, match, i + 2));
      i = match[i + 2];
      continue;
    }
    if (tok.t !== 'name' || !isOp(toks[i + 1], '(')) continue;
    // `models.ForeignKey(on_delete=…, to="users.user")`: the table of the operation being read references the target's.
    if (RELATIONS.has(tok.v) && open.length > 0) {
      const args = callArgs(toks, match, i + 1);
      const target = keywordLiteral(toks, args, 'to') ?? positional(toks, args, 0);
      const dot = target ? target.value.lastIndexOf('.') : -1;
      const targetApp = target && dot > 0 ? target.value.slice(0, dot).toLowerCase() : app;
      const model = target && target.value.slice(dot + 1);
      if (!target || !model || !/^\w+$/.test(model)) continue;
      const known = targetApp === app ? models.get(model.toLowerCase()) : undefined;
      if (!known) continue;
      const ref = push('references', known.table, target.span, known.qualifier);
      ref.declaringTable = open[open.length - 1].table;
      continue;
    }
    if (!OPERATIONS.has(tok.v) || (isOp(toks[i - 1], '.') && !isName(toks[i - 2], 'migrations'))) continue;
    const args = callArgs(toks, match, i + 1);
    const end = match[i + 1];
    if (tok.v === 'RunSQL') {
      const statements = keywordRange(toks, args, 'sql') ?? (args[0] && !isKeyword(toks, args[0]) ? args[0] : undefined);
      if (statements) sql.push(...sqlLiterals(toks, match, statements));
      i = end;
      continue;
    }
    const name =
      keywordLiteral(toks, args, tok.v === 'RenameModel' ? 'old_name' : tok.v.endsWith('Field') ? 'model_name' : 'name') ??
      positional(toks, args, 0);
    if (!name || !/^\w+$/.test(name.value)) continue;
    const key = name.value.toLowerCase();
    if (tok.v === 'CreateModel') {
      const options = keywordRange(toks, args, 'options') ?? (args[2] && !isKeyword(toks, args[2]) ? args[2] : undefined);
      const dbTable = options ? dictLiteral(toks, match, options, 'db_table') : undefined;
      const named = dbTable ? splitName(dbTable.value) : undefined;
      const table = named?.name ?? defaultTable(app, name.value);
      if (table === undefined) continue;
      models.set(key, { table, ...(named?.qualifier !== undefined ? { qualifier: named.qualifier } : {}), custom: named !== undefined });
      const managed = !options || !isName(dictValue(toks, match, options, 'managed'), 'False');
      if (managed) push('create', table, (named && dbTable?.span) || name.span, named?.qualifier);
      open.push({ end, table: { name: table, ...(named?.qualifier !== undefined ? { qualifier: named.qualifier } : {}) } });
      continue;
    }
    const current = tableOf(name.value);
    if (!current) continue;
    if (tok.v === 'AddField' || tok.v === 'AlterField') {
      open.push({ end, table: { name: current.table, ...(current.qualifier !== undefined ? { qualifier: current.qualifier } : {}) } });
    } else if (tok.v === 'DeleteModel') {
      push('drop', current.table, name.span, current.qualifier);
      models.delete(key);
    } else if (tok.v === 'AlterModelTable') {
      const given = keywordLiteral(toks, args, 'table') ?? positional(toks, args, 1);
      const named = given ? splitName(given.value) : undefined;
      const to = named?.name ?? defaultTable(app, name.value);
      if (to === undefined || to === current.table) continue;
      const renamed = push('alter', current.table, name.span, current.qualifier);
      renamed.renamedTo = {
        name: to,
        ...(named?.qualifier !== undefined ? { qualifier: named.qualifier } : {}),
        fileSpan: (named && given?.span) || name.span,
      };
      models.set(key, {
        table: to,
        ...(named?.qualifier !== undefined ? { qualifier: named.qualifier } : {}),
        custom: named !== undefined,
      });
    } else if (tok.v === 'RenameModel') {
      const newName = keywordLiteral(toks, args, 'new_name') ?? positional(toks, args, 1);
      if (!newName || !/^\w+$/.test(newName.value)) continue;
      models.delete(key);
      // Django renames the table only when it has the default name; a db_table stays as it is.
      const to = current.custom ? current.table : defaultTable(app, newName.value);
      if (to === undefined) continue;
      models.set(newName.value.toLowerCase(), { ...current, table: to });
      if (to === current.table) continue;
      const renamed = push('alter', current.table, name.span, current.qualifier);
      renamed.renamedTo = { name: to, fileSpan: newName.span };
    }
  }
  const django = links.dependencies.length > 0 || links.replaces.length > 0 ? { django: links } : {};
  return { tables: tables.sort((a, b) => a.fileSpan.start - b.fileSpan.start), sql, ...django };
}

/**
 * The `("app", "0004_name")` pairs of the list or tuple opening at `open`; anything else in it (`migrations.swappable_dependency(
 * settings.AUTH_USER_MODEL)`, a name) is no migration of a known app and is left out.
 */
function migrationKeys(toks: Tok[], match: Int32Array, open: number): DjangoMigrationKey[] {
  const keys: DjangoMigrationKey[] = [];
  for (const [a, b] of callArgs(toks, match, open)) {
    if (!isOp(toks[a], '(') || match[a] !== b - 1) continue;
    const [app, name, more] = callArgs(toks, match, a).map((arg) => stringArg(toks, arg));
    if (app && name && more === undefined && /^\w+$/.test(app.value) && /^\w+$/.test(name.value))
      keys.push({ app: app.value, name: name.value });
  }
  return keys;
}

/**
 * The value token of `key` among the top-level entries of the dict at `[from, to)` (`{"db_table": "orders", …}`).
 * Nested brackets are jumped over, so each token is read by its innermost dict only: nested operations stay linear.
 */
function dictValue(toks: Tok[], match: Int32Array, [from, to]: [number, number], key: string): Tok | undefined {
  if (!isOp(toks[from], '{')) return undefined;
  for (let j = from + 1; j + 2 < to; j++) {
    const k = toks[j];
    if (k.t === 'op' && (k.v === '(' || k.v === '[' || k.v === '{')) {
      j = match[j];
      continue;
    }
    if (k.t === 'str' && k.v === key && isOp(toks[j + 1], ':')) return toks[j + 2];
  }
  return undefined;
}

/** `{"db_table": "orders"}`: the literal value of `key`. */
function dictLiteral(toks: Tok[], match: Int32Array, range: [number, number], key: string): Literal | undefined {
  const value = dictValue(toks, match, range, key);
  return value?.t === 'str' && value.v !== undefined ? { value: value.v, span: value.span } : undefined;
}

/**
 * The SQL literals of a `RunSQL` argument at `[from, to)`: one string, or a list or tuple of strings and of
 * `(sql, params)` pairs. A literal with escapes, an f-string or a name (`RunSQL.noop`) gives nothing.
 */
function sqlLiterals(toks: Tok[], match: Int32Array, [from, to]: [number, number]): EmbeddedSql[] {
  const out: EmbeddedSql[] = [];
  const literal = (j: number) => {
    const site = embeddedSqlAt(toks[j], 'migrations.RunSQL');
    if (site) out.push(site);
  };
  if (to === from + 1) {
    literal(from);
    return out;
  }
  if (!isOp(toks[from], '[') && !isOp(toks[from], '(')) return out;
  if (match[from] !== to - 1) return out;
  for (const [a, b] of callArgs(toks, match, from)) {
    if (b === a + 1) literal(a);
    else if (isOp(toks[a], '(') && match[a] === b - 1) {
      const pair = callArgs(toks, match, a)[0];
      if (pair && pair[1] === pair[0] + 1) literal(pair[0]);
    }
  }
  return out;
}
