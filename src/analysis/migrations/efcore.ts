/**
 * An EF Core service's tables, read from the tokens of the migrations `dotnet ef migrations add` writes
 * (`Migrations/<timestamp>_<Name>.cs`), never run: `migrationBuilder.CreateTable(name: "Orders", schema: "billing", …)`
 * (declares), `RenameTable(name: "a", newName: "b")` (renames), `DropTable(name: "x")` (drops), the changes of one
 * table (`AddColumn`, `CreateIndex`, `AlterColumn`, … with `table: "Orders"`: alter); foreign keys:
 * `table.ForeignKey(…, principalTable: "Users", principalSchema: …)` in a CreateTable's `constraints`, and
 * `AddForeignKey(table: "Orders", …, principalTable: "Users")`. The body of `Down(` (the reverting half) is left out,
 * as are the `.Designer.cs` halves (the model as it stood, repeated per migration); `migrationBuilder.Sql("…")` is not
 * read. The model snapshot (`<Context>ModelSnapshot.cs`) declares the tables of the current model: each entity's
 * `b.ToTable("users", "public")`.
 */
import type { OrmTableRef, Span } from '../facts.js';
import { isName, isOp, literalArg, matchBrackets, namedArg, splitArgs, tokenize, type Tok } from './tokens.js';

const LIBRARY = 'efcore';

/** C# in a `Migrations/` folder: a migration, its designer half or the model snapshot. */
export function isEfCoreMigrationFile(path: string): boolean {
  return path.endsWith('.cs') && /(?:^|\/)Migrations\//.test(path);
}

/** `migrationBuilder.X(…)` calls that change the one table of their `table:` argument. */
const ALTERS = new Set([
  'AddColumn',
  'AlterColumn',
  'DropColumn',
  'RenameColumn',
  'CreateIndex',
  'DropIndex',
  'RenameIndex',
  'AddPrimaryKey',
  'DropPrimaryKey',
  'AddUniqueConstraint',
  'DropUniqueConstraint',
  'AddCheckConstraint',
  'DropCheckConstraint',
  'DropForeignKey',
  'AlterTable',
  'InsertData',
  'UpdateData',
  'DeleteData',
]);

export function parseEfCoreMigration(text: string, path: string): OrmTableRef[] {
  if (path.endsWith('.Designer.cs')) return [];
  const toks = tokenize(text, 'csharp');
  const match = matchBrackets(toks);
  const refs: OrmTableRef[] = [];
  const ref = (action: OrmTableRef['action'], value: { value: string; span: Span }, schema?: string) => {
    if (!/^[^.\s"]+$/.test(value.value)) return undefined;
    const out: OrmTableRef = { name: value.value, action, library: LIBRARY, fileSpan: value.span };
    if (schema !== undefined) out.qualifier = schema;
    refs.push(out);
    return out;
  };
  const snapshot = /ModelSnapshot\.cs$/.test(path);
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    // protected override void Down(MigrationBuilder migrationBuilder) { … }
    if (isName(tok, 'Down') && isName(toks[i - 1], 'void') && isOp(toks[i + 1], '(')) {
      const body = match[i + 1] + 1;
      if (isOp(toks[body], '{')) i = match[body];
      continue;
    }
    if (tok.t !== 'name' || !isOp(toks[i + 1], '.') || toks[i + 2]?.t !== 'name') continue;
    const method = (toks[i + 2] as { v: string }).v;
    // `CreateTable<T>`-style generic arguments are no part of these calls; `AddColumn<string>(…)` is.
    let open = i + 3;
    if (isOp(toks[open], '<')) {
      while (open < toks.length && !isOp(toks[open], '>') && open < i + 12) open++;
      open++;
    }
    if (!isOp(toks[open], '(')) continue;
    const args = splitArgs(toks, match, open + 1, match[open]);
    if (snapshot) {
      // modelBuilder.Entity("Accounts.User", b => { …; b.ToTable("users", "public"); })
      if (method === 'ToTable') {
        const table = literalArg(toks, args[0]);
        if (table) ref('create', table, literalArg(toks, args[1])?.value);
      }
      continue;
    }
    if (!isName(tok, 'migrationBuilder')) {
      // table.ForeignKey(…, principalTable: "Users") inside CreateTable's constraints: handled with its table below.
      continue;
    }
    const schema = stringNamed(toks, args, 'schema');
    if (method === 'CreateTable') {
      const table = literalNamed(toks, args, 'name') ?? literalArg(toks, args[0]);
      const created = table && ref('create', table, schema);
      if (created) foreignKeysIn(toks, match, args, created, ref);
    } else if (method === 'DropTable') {
      const table = literalNamed(toks, args, 'name') ?? literalArg(toks, args[0]);
      if (table) ref('drop', table, schema);
    } else if (method === 'RenameTable') {
      const table = literalNamed(toks, args, 'name') ?? literalArg(toks, args[0]);
      const to = literalNamed(toks, args, 'newName');
      const renamed = table && to ? ref('alter', table, schema) : undefined;
      const newSchema = stringNamed(toks, args, 'newSchema') ?? schema;
      if (renamed && to)
        renamed.renamedTo = { name: to.value, ...(newSchema !== undefined ? { qualifier: newSchema } : {}), fileSpan: to.span };
    } else if (method === 'AddForeignKey') {
      const table = literalNamed(toks, args, 'table');
      const principal = literalNamed(toks, args, 'principalTable');
      const fk = table && principal ? ref('references', principal, stringNamed(toks, args, 'principalSchema')) : undefined;
      if (fk && table) fk.declaringTable = schema !== undefined ? { name: table.value, qualifier: schema } : { name: table.value };
    } else if (ALTERS.has(method)) {
      const table = literalNamed(toks, args, 'table');
      if (table) ref('alter', table, schema);
    } else continue;
    i = match[open];
  }
  return refs.sort((a, b) => a.fileSpan.start - b.fileSpan.start);
}

/** `table.ForeignKey(…, principalTable: "Users", principalSchema: "s")` in a CreateTable's `constraints:` lambda. */
function foreignKeysIn(
  toks: readonly Tok[],
  match: Int32Array,
  args: ReadonlyArray<[number, number]>,
  table: OrmTableRef,
  ref: (action: OrmTableRef['action'], value: { value: string; span: Span }, schema?: string) => OrmTableRef | undefined,
): void {
  const constraints = namedArg(toks, args, 'constraints');
  if (!constraints) return;
  for (let j = constraints[0]; j < constraints[1]; j++) {
    if (!(isOp(toks[j], '.') && isName(toks[j + 1], 'ForeignKey') && isOp(toks[j + 2], '('))) continue;
    const inner = splitArgs(toks, match, j + 3, match[j + 2]);
    const principal = literalNamed(toks, inner, 'principalTable');
    const fk = principal && ref('references', principal, stringNamed(toks, inner, 'principalSchema'));
    if (fk) fk.declaringTable = table.qualifier !== undefined ? { name: table.name, qualifier: table.qualifier } : { name: table.name };
    j = match[j + 2];
  }
}

function literalNamed(toks: readonly Tok[], args: ReadonlyArray<[number, number]>, key: string): { value: string; span: Span } | undefined {
  return literalArg(toks, namedArg(toks, args, key));
}

function stringNamed(toks: readonly Tok[], args: ReadonlyArray<[number, number]>, key: string): string | undefined {
  return literalNamed(toks, args, key)?.value;
}
