/**
 * ORM "mirror" declarations: a service that manages its schema with versioned migrations and
 * also declares, in its ORM schema, a table none of its own migrations create (a Drizzle
 * `mysqlTable('users')` kept out of drizzle-kit by `tablesFilter`, a Prisma model from
 * `prisma db pull`) uses that declaration to read a table someone else manages. Counting it as
 * a creation would make the reader a co-owner, turn the table ambiguous and hide every real
 * cross-service query and foreign key on it. A service without migrations keeps its ORM
 * declarations: there the ORM schema may be how its tables come to exist (`prisma db push`,
 * `drizzle-kit push`, TypeORM `synchronize`).
 */
import type { TableDeclaration } from './model.js';

export interface OwnerDeclarations<Owner> {
  owner: Owner;
  declarations: TableDeclaration[];
  /** The owner creates tables in versioned migrations. */
  migrates: boolean;
  /** Its ORM declarations make it an owner: not for definitions outside every service, which registrations claim. */
  ormDeclares: boolean;
}

const fromOrm = (declaration: TableDeclaration) => declaration.via === 'orm' || declaration.via === 'prisma';

/**
 * Each owner's declarations without its mirrors. A mirror is only dropped when another owner
 * declares the table for real: with nobody else creating it, the ORM declaration is the best
 * evidence there is (a migration the parser could not read, a table made by hand), and dropping
 * it would turn the service's own accesses into unknown tables.
 */
export function withoutOrmMirrors<Owner>(owners: ReadonlyArray<OwnerDeclarations<Owner>>): Map<Owner, TableDeclaration[]> {
  const isMirror = (entry: OwnerDeclarations<Owner>, declaration: TableDeclaration, createdBySql: Set<string>) =>
    entry.migrates && fromOrm(declaration) && !createdBySql.has(declaration.table.toLowerCase());
  const sqlCreated = new Map(
    owners.map((entry) => [entry, new Set(entry.declarations.filter((d) => !fromOrm(d)).map((d) => d.table.toLowerCase()))]),
  );
  // Who declares each table other than through a mirror: the owners a mirror may defer to.
  const realCreators = new Map<string, Set<Owner>>();
  for (const entry of owners)
    for (const declaration of entry.declarations) {
      if (isMirror(entry, declaration, sqlCreated.get(entry)!) || (!entry.ormDeclares && fromOrm(declaration))) continue;
      const key = declaration.table.toLowerCase();
      realCreators.set(key, (realCreators.get(key) ?? new Set()).add(entry.owner));
    }
  return new Map(
    owners.map((entry) => [
      entry.owner,
      entry.declarations.filter((declaration) => {
        if (!isMirror(entry, declaration, sqlCreated.get(entry)!)) return true;
        const creators = realCreators.get(declaration.table.toLowerCase());
        return !creators || ![...creators].some((creator) => creator !== entry.owner);
      }),
    ]),
  );
}
