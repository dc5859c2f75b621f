/**
 * The tables a Django app's models declare (`<app>/models.py`, or the modules of a `<app>/models/` package), read from
 * their tokens (never run), for a project whose migrations are not committed (`makemigrations` at deploy, or
 * `migrate --run-syncdb`): where the app has migrations, they are its tables' history and the model layer drops these
 * (Service.migratedDjangoApps, model/ddl-events.ts), so nothing is declared twice.
 *
 * - `class Order(models.Model):` declares its table: `class Meta: db_table = "orders"` when given (`'"billing"."invoices"'`,
 *   PostgreSQL's schema-qualified form, too), else Django's default `<app_label>_<model name lower-cased>`
 *   (`shop_order`), the app label being `Meta.app_label` or the app's folder. Located at the `db_table` literal, else
 *   at the class name.
 * - A model is a class whose base is `models.Model` / `Model`, another model of the file, a class imported from a
 *   models module of the project (`from catalog.models import TimeStamped`, `from .models import Base`), or an imported
 *   base named like a model (`TimeStampedModel`, `AbstractUser`); a base imported from pydantic, SQLModel, SQLAlchemy,
 *   `typing`, `enum` or `dataclasses` is none (a pydantic `BaseModel` beside the models).
 * - `managed = False` declares nothing (the table is someone else's: Django never creates it), nor `abstract = True`
 *   (its fields go to its children, with its Meta when a child declares none or extends it) nor `proxy = True` (the
 *   parent's table).
 * - `ForeignKey(Customer, …)` / `ForeignKey("shop.Customer")` / `OneToOneField` / `to=` reference the target's table when
 *   the target is a model of this file (an unmanaged model mapping another service's table among them: that is where
 *   a Django project's cross-service foreign key is; a model of another app is the same project's, its table the
 *   service's own). `ManyToManyField` declares its join table (`<model table>_<field>`, or its `db_table=`), which
 *   references the target; one with `through=` declares none (the through model does).
 *
 * Each table is an `OrmTableRef` (library `django-models`). One pass over the tokens; never throws.
 */
import type { OrmTableRef, Span } from './facts.js';
import { isDjangoMigrationPath } from './django-migrations.js';
import {
  callArgs,
  isKeyword,
  isName,
  isOp,
  keywordLiteral,
  keywordRange,
  splitName,
  pythonTokens,
  type Literal,
  type Tok,
} from './python-schema.js';

/** The library of the references this module yields. */
export const DJANGO_MODELS = 'django-models';

/** A module importing Django's models (`from django.db import models`, `from django.db.models import …`, GeoDjango's). */
const DJANGO_MODELS_IMPORT =
  /^[ \t]*(?:from[ \t]+django(?:\.contrib\.gis)?\.db[ \t]+import[ \t][^\n]*\bmodels\b|from[ \t]+django(?:\.contrib\.gis)?\.db\.models[ \t]+import\b|import[ \t]+django\.db\.models\b)/m;

/** `<app>/models.py` or a module of `<app>/models/`, as Django finds an app's models; never a migration. */
export function isDjangoModelsPath(path: string): boolean {
  return /(?:^|\/)models\.py$/.test(path) || /(?:^|\/)models\/(?:[^/]+\/)*[^/]+\.py$/.test(path);
}

/** A file worth reading: a models module that imports Django's models. */
export function mayDeclareDjangoModels(path: string, text: string): boolean {
  return isDjangoModelsPath(path) && !isDjangoMigrationPath(path) && DJANGO_MODELS_IMPORT.test(text);
}

/** The folder of the app whose models module `path` is (`services/shop/catalog` for `…/catalog/models/product.py`). */
export function djangoModelsAppFolder(path: string): string | undefined {
  const parts = path.split('/');
  const at = parts[parts.length - 1] === 'models.py' ? parts.length - 1 : parts.lastIndexOf('models', parts.length - 2);
  return at > 0 ? parts.slice(0, at).join('/') : undefined;
}

/** Imported bases that are no Django model, by the module they come from. */
const NOT_DJANGO = new Set(['pydantic', 'sqlmodel', 'sqlalchemy', 'typing', 'enum', 'dataclasses', 'abc', 'typing_extensions']);
/**
 * A module of the project's models (`catalog.models`, `.models`, `core.models.base`): what it exports to subclass is a
 * model. By segments, not one regex: `(?:[\w.]*\.)?models(?:\.\w+)*` backtracked quadratically on a long module name.
 */
function isProjectModels(module: string): boolean {
  if (module.startsWith('django.') || !/^[\w.]+$/.test(module)) return false;
  const parts = module.split('.');
  const at = parts.lastIndexOf('models');
  return at >= 0 && parts.slice(at + 1).every((part) => part !== '');
}
/** A base named like a model: `models.Model`, `TimeStampedModel`, `PolymorphicModel`, `AbstractUser`, `AbstractBaseUser`. */
const MODEL_BASE = /(?:^|\.)(?:\w*Model|Abstract\w*User)$/;
const RELATIONS = new Set(['ForeignKey', 'OneToOneField', 'ManyToManyField']);
/** PostgreSQL's identifier limit: Django truncates (and hashes) a longer join table's name, which is not rebuilt here. */
const MAX_NAME = 63;

interface Relation {
  many: boolean;
  /** The target as written: a model name (`shop.Customer`, `Customer`, `self`) and where it is. */
  target: Literal;
  /** A many-to-many field's name, its join table's `db_table=`, and whether a `through=` model holds it. */
  field?: Literal;
  joinTable?: Literal;
  through?: boolean;
}

interface Meta {
  table?: Literal;
  managed?: boolean;
  abstract?: boolean;
  proxy?: boolean;
  appLabel?: string;
}

interface ModelClass {
  name: Literal;
  /** Its bases that are earlier models of the file, in order. */
  parents: ModelClass[];
  meta?: Meta;
  /** The bases of its `class Meta(…)`: `Base.Meta` extends that parent's. */
  metaBases: string[];
  relations: Relation[];
}

export function parseDjangoModels(path: string, text: string): OrmTableRef[] {
  const tokens = pythonTokens(text);
  if (!tokens) return [];
  const { toks, match } = tokens;
  const folder = djangoModelsAppFolder(path);
  const folderLabel = folder?.split('/').pop()?.toLowerCase();
  const imports = importedNames(toks);
  const models = new Map<string, ModelClass>();
  // Every model class in declaration order (a name declared twice is a second model: the map keeps the later one).
  const declared: ModelClass[] = [];
  // The classes open at each point: a model, its Meta, or another class; innermost last.
  const open: Array<{ indent: number; model?: ModelClass; metaOf?: ModelClass }> = [];
  let field: Literal | undefined; // the name the current statement of a model's body assigns
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok.lineStart) {
      while (open.length > 0 && open[open.length - 1].indent >= tok.indent) open.pop();
      field = undefined;
      const top = open[open.length - 1];
      if (isName(tok, 'class') && toks[i + 1]?.t === 'name') {
        const name = toks[i + 1] as Extract<Tok, { t: 'name' }>;
        const bases = isOp(toks[i + 2], '(') ? baseNames(toks, callArgs(toks, match, i + 2)) : [];
        if (top?.model && name.v === 'Meta') {
          top.model.meta ??= {};
          top.model.metaBases = bases;
          open.push({ indent: tok.indent, metaOf: top.model });
          continue;
        }
        const isModel = bases.some((base) => {
          const head = base.split('.')[0];
          const from = imports.get(head);
          if (models.has(base) || (from !== undefined && isProjectModels(from))) return true;
          return MODEL_BASE.test(base) && !NOT_DJANGO.has(head) && !NOT_DJANGO.has(from?.split('.')[0] ?? '');
        });
        if (!isModel || top) {
          open.push({ indent: tok.indent });
          continue;
        }
        const model: ModelClass = {
          name: { value: name.v, span: { start: name.start, end: name.start + name.v.length } },
          parents: bases.flatMap((base) => models.get(base) ?? []),
          metaBases: [],
          relations: [],
        };
        models.set(name.v, model);
        declared.push(model);
        open.push({ indent: tok.indent, model });
        continue;
      }
      if (top?.metaOf && tok.t === 'name' && isOp(toks[i + 1], '=')) {
        readMetaOption(top.metaOf.meta!, tok.v, toks[i + 2]);
        continue;
      }
      if (top?.model && tok.t === 'name' && (isOp(toks[i + 1], '=') || isOp(toks[i + 1], ':')))
        field = { value: tok.v, span: { start: tok.start, end: tok.start + tok.v.length } };
    }
    const top = open[open.length - 1];
    if (!top?.model || tok.t !== 'name' || !RELATIONS.has(tok.v) || !isOp(toks[i + 1], '(')) continue;
    const args = callArgs(toks, match, i + 1);
    const targetRange = keywordRange(toks, args, 'to') ?? (args[0] && !isKeyword(toks, args[0]) ? args[0] : undefined);
    const target = targetRange && modelReference(toks, targetRange);
    if (!target) continue;
    const relation: Relation = { many: tok.v === 'ManyToManyField', target };
    if (relation.many) {
      if (field) relation.field = field;
      const joinTable = keywordLiteral(toks, args, 'db_table');
      if (joinTable) relation.joinTable = joinTable;
      if (keywordRange(toks, args, 'through')) relation.through = true;
    }
    top.model.relations.push(relation);
    i = match[i + 1];
  }

  // Each model's Meta, and the abstract ancestors whose fields it holds, in declaration order: a parent is always an
  // earlier class (a name is a model once its class is read), so each is computed once, from its parents' already.
  const metas = new Map<ModelClass, Meta>();
  const carriers = new Map<ModelClass, ModelClass[]>();
  for (const model of declared) {
    const own = model.meta ?? {};
    let meta = own;
    for (const parent of model.parents) {
      const inherited = metas.get(parent)!;
      // A child takes an abstract parent's Meta when it declares none, or extends that parent's (`class Meta(Base.Meta)`).
      if (!inherited.abstract || (model.meta && !model.metaBases.includes(`${parent.name.value}.Meta`))) continue;
      meta = { managed: own.managed ?? inherited.managed, appLabel: own.appLabel ?? inherited.appLabel, ...own };
      break;
    }
    metas.set(model, meta);
    // The abstract parents holding fields, through those holding none (a chain of them is walked once, here).
    const holders = model.parents
      .filter((parent) => metas.get(parent)!.abstract)
      .flatMap((parent) => (parent.relations.length > 0 ? [parent] : carriers.get(parent)!));
    carriers.set(model, [...new Set(holders)]);
  }
  const metaOf = (model: ModelClass) => metas.get(model)!;
  /** The relations a model has: its own and its abstract ancestors' fields (in no order: references are sorted at the end). */
  const relationsOf = (model: ModelClass): Relation[] => {
    const out = [...model.relations];
    const seen = new Set<ModelClass>();
    const pending = [...carriers.get(model)!];
    for (let holder = pending.pop(); holder; holder = pending.pop()) {
      if (seen.has(holder)) continue;
      seen.add(holder);
      out.push(...holder.relations);
      pending.push(...carriers.get(holder)!);
    }
    return out;
  };
  /** The table a model's rows live in, and where it is named; undefined for an abstract or proxy model. */
  const tableOf = (model: ModelClass): { table: { name: string; qualifier?: string }; span: Span; declares: boolean } | undefined => {
    const meta = metaOf(model);
    if (meta.abstract || meta.proxy) return undefined;
    const declares = meta.managed !== false;
    if (meta.table) {
      const named = djangoTableName(meta.table);
      return named && { table: named.table, span: named.span, declares };
    }
    const label = meta.appLabel?.toLowerCase() ?? folderLabel;
    return label ? { table: { name: `${label}_${model.name.value.toLowerCase()}` }, span: model.name.span, declares } : undefined;
  };

  const refs: OrmTableRef[] = [];
  const push = (action: OrmTableRef['action'], table: { name: string; qualifier?: string }, span: Span): OrmTableRef => {
    const ref: OrmTableRef = { name: table.name, action, library: DJANGO_MODELS, fileSpan: span };
    if (table.qualifier !== undefined) ref.qualifier = table.qualifier;
    refs.push(ref);
    return ref;
  };
  for (const model of declared) {
    const own = tableOf(model);
    if (!own?.declares) continue;
    push('create', own.table, own.span);
    const label = metaOf(model).appLabel?.toLowerCase() ?? folderLabel;
    for (const relation of relationsOf(model)) {
      const target = relation.target.value === 'self' ? model : targetModel(models, relation.target.value, label);
      const targetTable = target && tableOf(target);
      let declaring = own.table;
      if (relation.many) {
        if (relation.through) continue;
        const join = relation.joinTable ? djangoTableName(relation.joinTable) : undefined;
        const name =
          join?.table ??
          (relation.field ? { name: `${own.table.name}_${relation.field.value}`, qualifier: own.table.qualifier } : undefined);
        const span = join?.span ?? relation.field?.span;
        if (!name || !span || name.name.length > MAX_NAME) continue;
        declaring = name.qualifier === undefined ? { name: name.name } : { name: name.name, qualifier: name.qualifier };
        push('create', declaring, span);
      }
      if (!targetTable || target === model) continue;
      push('references', targetTable.table, relation.target.span).declaringTable = declaring;
    }
  }
  return refs.sort((a, b) => a.fileSpan.start - b.fileSpan.start);
}

/** A Meta option read into `meta`: only a value written as a literal is set (a Meta holds no undefined option). */
function readMetaOption(meta: Meta, option: string, value: Tok | undefined): void {
  const flag = isName(value, 'True') ? true : isName(value, 'False') ? false : undefined;
  if (option === 'db_table' && value?.t === 'str' && value.v !== undefined) meta.table = { value: value.v, span: value.span };
  else if (option === 'app_label' && value?.t === 'str' && value.v !== undefined) meta.appLabel = value.v;
  else if (option === 'managed' && flag !== undefined) meta.managed = flag;
  else if (option === 'abstract' && flag !== undefined) meta.abstract = flag;
  else if (option === 'proxy' && flag !== undefined) meta.proxy = flag;
}

/** A `db_table` value: `orders`, `billing.invoices`, or PostgreSQL's quoted `"billing"."invoices"`, with the name's span. */
function djangoTableName(literal: Literal): { table: { name: string; qualifier?: string }; span: Span } | undefined {
  const quoted = /^"(\w+)"\."(\w+)"$/.exec(literal.value);
  if (quoted) {
    const at = literal.span.start + quoted[1].length + 4;
    return { table: { name: quoted[2], qualifier: quoted[1] }, span: { start: at, end: at + quoted[2].length } };
  }
  const named = splitName(literal.value);
  return named && { table: named.qualifier === undefined ? { name: named.name } : named, span: literal.span };
}

/** The model a relation names (`Customer`, `"Customer"`, `"shop.Customer"`) among this file's, when its app is this one. */
function targetModel(models: ReadonlyMap<string, ModelClass>, target: string, label: string | undefined): ModelClass | undefined {
  const dot = target.lastIndexOf('.');
  if (dot > 0 && target.slice(0, dot).toLowerCase() !== label) return undefined;
  return models.get(target.slice(dot + 1));
}

/** A relation's target: a string literal, or a bare model name (`settings.AUTH_USER_MODEL` and other attributes are none). */
function modelReference(toks: Tok[], [a, b]: [number, number]): Literal | undefined {
  if (b !== a + 1) return undefined;
  const tok = toks[a];
  if (tok.t === 'str') return tok.v !== undefined && /^(?:\w+\.)?\w+$/.test(tok.v) ? { value: tok.v, span: tok.span } : undefined;
  return tok.t === 'name' ? { value: tok.v, span: { start: tok.start, end: tok.start + tok.v.length } } : undefined;
}

/** The dotted names of a class's bases (`models.Model`, `Base`); keyword arguments (`metaclass=`) are left out. */
function baseNames(toks: Tok[], args: Array<[number, number]>): string[] {
  const out: string[] = [];
  for (const [a, b] of args) {
    let name = '';
    for (let j = a; j < b; j++) {
      const tok = toks[j];
      if (tok.t === 'name') name += tok.v;
      else if (tok.t === 'op' && tok.v === '.') name += '.';
      else {
        name = '';
        break;
      }
    }
    if (name) out.push(name);
  }
  return out;
}

/**
 * The names a module imports (`from pydantic import BaseModel`, `from ..core.models import TimeStamped as Stamped`), by
 * the name the module uses, with the module they come from as written (`pydantic`, `..core.models`).
 */
function importedNames(toks: Tok[]): Map<string, string> {
  const names = new Map<string, string>();
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (!tok.lineStart || !isName(tok, 'from')) continue;
    let module = '';
    let j = i + 1;
    for (; toks[j] && (isOp(toks[j], '.') || (toks[j].t === 'name' && !isName(toks[j], 'import'))); j++)
      module += toks[j].t === 'name' ? (toks[j] as { v: string }).v : '.';
    if (!module || !isName(toks[j], 'import')) continue;
    for (j++; j < toks.length && !toks[j].lineStart; j++) {
      const name = toks[j];
      if (name.t !== 'name' || name.v === 'as') continue;
      // `A as B` imports B: the alias is the name the module uses.
      if (isName(toks[j + 1], 'as') && toks[j + 2]?.t === 'name') {
        names.set((toks[j + 2] as { v: string }).v, module);
        j += 2;
      } else names.set(name.v, module);
    }
    i = j - 1;
  }
  return names;
}
