/**
 * A Laravel service's tables, read from the tokens of its migrations (`database/migrations/*.php`), never run:
 * `Schema::create('orders', …)` (declares; also through `Schema::connection('x')->create`), `Schema::rename('a', 'b')`
 * (renames), `Schema::drop('x')` / `Schema::dropIfExists('x')` (drops), `Schema::table('orders', …)` (alter); in the
 * closure of a create or table call, foreign keys: `$table->foreign('user_id')->references('id')->on('users')`, and
 * `$table->foreignId('user_id')->constrained()` (Laravel's convention: the column without `_id`, pluralised) or
 * `->constrained('accounts')`. The body of `function down` (the reverting half) is left out; SQL in `DB::statement`
 * strings is not read.
 */
import type { OrmTableRef, Span } from '../facts.js';
import { pluralize } from './rails.js';
import { isName, isOp, literalArg, matchBrackets, splitArgs, splitQualified, tableRefCollector, tokenize, type Tok } from './tokens.js';

const LIBRARY = 'laravel';

/** Laravel's `database/migrations/` (and below it): PHP migration classes. */
export function isLaravelMigration(path: string): boolean {
  return path.endsWith('.php') && /(?:^|\/)database\/migrations\//.test(path);
}

const FOREIGN_ID = new Set(['foreignId', 'foreignUuid', 'foreignUlid']);

export function parseLaravelMigration(text: string): OrmTableRef[] {
  const toks = tokenize(text, 'php');
  const match = matchBrackets(toks);
  const { refs, ref } = tableRefCollector(LIBRARY);
  // The closures of Schema::create / Schema::table open at each point: their end, their table and its variable.
  const closures: Array<{ end: number; variable: string; table: OrmTableRef }> = [];
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    // function down(): void { … }: the reverting half.
    if (isName(tok, 'function') && isName(toks[i + 1], 'down') && isOp(toks[i + 2], '(')) {
      let body = match[i + 2] + 1;
      // `: void {` at most: a return type, never a scan to the end of the file.
      const limit = Math.min(toks.length, body + 6);
      while (body < limit && !isOp(toks[body], '{') && !isOp(toks[body], ';')) body++;
      if (isOp(toks[body], '{')) i = match[body];
      continue;
    }
    while (closures.length > 0 && closures[closures.length - 1].end < i) closures.pop();
    if (tok.t !== 'name') continue;
    const closure = closures[closures.length - 1];
    // $table->foreign('user_id')->references('id')->on('users'); $table->foreignId('user_id')->constrained()
    if (closure && tok.v === closure.variable && isOp(toks[i + 1], '->')) {
      const fk = foreignKeyOfChain(toks, match, i + 2);
      const created = fk && ref('references', fk.target);
      if (created) created.declaringTable = declaring(closure.table);
      if (fk) i = fk.end;
      continue;
    }
    // Schema::create('orders', function (Blueprint $table) { … }), Schema::connection('x')->create(…)
    if (tok.v !== 'Schema' || !isOp(toks[i + 1], '::')) continue;
    let at = i + 2;
    if (isName(toks[at], 'connection') && isOp(toks[at + 1], '(') && isOp(toks[match[at + 1] + 1], '->')) at = match[at + 1] + 2;
    const method = toks[at];
    if (method?.t !== 'name' || !isOp(toks[at + 1], '(')) continue;
    const args = splitArgs(toks, match, at + 2, match[at + 1]);
    const table = literalArg(toks, args[0]);
    if (!table) continue;
    if (method.v === 'create' || method.v === 'table') {
      const declared = ref(method.v === 'create' ? 'create' : 'alter', table);
      const variable = args[1] && closureVariable(toks, args[1]);
      if (declared && variable) closures.push({ end: args[1][1], variable, table: declared });
    } else if (method.v === 'drop' || method.v === 'dropIfExists') ref('drop', table);
    else if (method.v === 'rename') {
      const to = literalArg(toks, args[1]);
      const target = to && splitQualified(to.value);
      const renamed = target ? ref('alter', table) : undefined;
      if (renamed && target && to)
        renamed.renamedTo = {
          name: target.name,
          ...(target.qualifier !== undefined ? { qualifier: target.qualifier } : {}),
          fileSpan: to.span,
        };
    }
    i = at + 1;
  }
  return refs.sort((a, b) => a.fileSpan.start - b.fileSpan.start);
}

const declaring = (table: OrmTableRef) =>
  table.qualifier !== undefined ? { name: table.name, qualifier: table.qualifier } : { name: table.name };

/** The Blueprint variable of `function (Blueprint $table) {` or `fn (Blueprint $table) =>`. */
function closureVariable(toks: readonly Tok[], [a, b]: [number, number]): string | undefined {
  let j = a;
  if (isName(toks[j], 'static')) j++;
  if (!(isName(toks[j], 'function') || isName(toks[j], 'fn')) || !isOp(toks[j + 1], '(')) return undefined;
  for (let k = j + 2; k < b && !isOp(toks[k], ')'); k++) {
    const tok = toks[k];
    if (tok.t === 'name' && tok.v.startsWith('$')) return tok.v;
  }
  return undefined;
}

/**
 * The foreign key a `$table->…` chain starting at `at` (the method after `->`) declares: its target table and the
 * index of the chain's last token.
 */
function foreignKeyOfChain(
  toks: readonly Tok[],
  match: Int32Array,
  at: number,
): { target: { value: string; span: Span }; end: number } | undefined {
  const steps: Array<{ name: string; args: Array<[number, number]>; open: number }> = [];
  let j = at;
  while (toks[j]?.t === 'name' && isOp(toks[j + 1], '(')) {
    const open = j + 1;
    steps.push({ name: (toks[j] as { v: string }).v, args: splitArgs(toks, match, open + 1, match[open]), open });
    j = match[open] + 1;
    if (!isOp(toks[j], '->')) break;
    j++;
  }
  const end = Math.max(at, j - 1);
  if (steps.length === 0) return undefined;
  const head = steps[0];
  if (head.name === 'foreign') {
    const on = steps.find((s) => s.name === 'on');
    const target = on && literalArg(toks, on.args[0]);
    return target ? { target, end } : undefined;
  }
  if (FOREIGN_ID.has(head.name)) {
    const constrained = steps.find((s) => s.name === 'constrained');
    if (!constrained) return undefined;
    const named = literalArg(toks, constrained.args[0]);
    if (named) return { target: named, end };
    // Laravel's guess: `user_id` → `users`, at the column's name.
    const column = literalArg(toks, head.args[0]);
    const stem = column?.value.endsWith('_id') ? column.value.slice(0, -3) : undefined;
    const plural = stem ? pluralize(stem) : undefined;
    return column && plural ? { target: { value: plural, span: { start: column.span.start, end: column.span.end - 3 } }, end } : undefined;
  }
  return undefined;
}
