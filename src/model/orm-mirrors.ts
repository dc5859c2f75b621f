/**
 * ORM "mirror" declarations: a service that manages its schema with versioned migrations and
 * also declares, in its ORM schema, a table none of its own migrations create (a Drizzle
 * `mysqlTable('users')` kept out of drizzle-kit by `tablesFilter`, a Prisma model from
 * `prisma db pull`) uses that declaration to read a table someone else manages. Counting it as
 * a creation would make the reader a co-owner, turn the table ambiguous and hide every real
 * cross-service query and foreign key on it. A service without migrations keeps its ORM
 * declarations: there the ORM schema may be how its tables come to exist (`prisma db push`,
 * `drizzle-kit push`, TypeORM `synchronize`) — unless the ORM cannot create them there: a TypeORM entity
 * whose service's connections never synchronize, or one that says `synchronize: false`, is a
 * mirror too, whether or not the service migrates. A stub in a service's tests, scripts or docs
 * (schema-stubs.ts) is a mirror the same way, whether or not the service migrates; and a table only its tests create
 * and use, which nobody creates for real, is their fixture, not its table.
 */
import type { TableDeclaration } from './model.js';

export interface OwnerDeclarations<Owner> {
  owner: Owner;
  declarations: TableDeclaration[];
  /** The owner creates tables in versioned migrations. */
  migrates: boolean;
  /** Its ORM declarations make it an owner: not for definitions outside every service, which registrations claim. */
  ormDeclares: boolean;
  /** Declarations made in the owner's tests, scripts or docs (schema-stubs.ts): stubs of what they need. */
  stub?: (declaration: TableDeclaration) => boolean;
  /**
   * Declarations in the owner's tests of a table nothing but tests uses (a race test's scratch table, a unit test's
   * fixture): when nobody creates the table for real, the tests' fixture, never a table of the owner's schema.
   */
  fixture?: (declaration: TableDeclaration) => boolean;
  /**
   * Declarations in another package's code that a bundler copied into the owner's file (`//#region ../../src/plans.ts`):
   * that package creates the table; the copy, whose setup its host may never run, defers to any other creator.
   */
  bundled?: (declaration: TableDeclaration) => boolean;
  /** ORM declarations that create nothing whether or not the owner migrates (a TypeORM entity its connection never synchronizes). */
  createsNothing?: (declaration: TableDeclaration) => boolean;
  /**
   * Whether such a declaration (of an owner without migrations) may be `other`'s table: they share a
   * database, or the declaration names one `other` connects to. Otherwise it maps a table of its own database.
   */
  mayMap?: (declaration: TableDeclaration, other: Owner) => boolean;
}

export interface OwnerTables {
  /** What makes the owner an owner. */
  declarations: TableDeclaration[];
  /** Its stubs of tables another owner declares for real, and its tests' fixtures (`fixture`), dropped from `declarations`. */
  stubs: TableDeclaration[];
  /** Its stubs of tables it declares for real itself (a test schema's copy of its own table), kept in `declarations`. */
  copies: TableDeclaration[];
}

const fromOrm = (declaration: TableDeclaration) => declaration.via === 'orm' || declaration.via === 'prisma';

/**
 * Each owner's declarations without its mirrors. A mirror is only dropped when another owner
 * declares the table for real: with nobody else creating it, the ORM declaration (or the stub) is
 * the best evidence there is (a migration the parser could not read, a table made by hand), and
 * dropping it would turn the service's own accesses into unknown tables.
 */
export function withoutOrmMirrors<Owner>(owners: ReadonlyArray<OwnerDeclarations<Owner>>): Map<Owner, OwnerTables> {
  const isStub = (entry: OwnerDeclarations<Owner>, declaration: TableDeclaration) => entry.stub?.(declaration) === true;
  // A table the owner's own SQL creates is no ORM mirror; a stub of it in a test does not make it its own.
  const sqlCreated = new Map(
    owners.map((entry) => [
      entry,
      new Set(entry.declarations.filter((d) => !fromOrm(d) && !isStub(entry, d)).map((d) => d.table.toLowerCase())),
    ]),
  );
  const isBundled = (entry: OwnerDeclarations<Owner>, declaration: TableDeclaration) => entry.bundled?.(declaration) === true;
  const isMirror = (entry: OwnerDeclarations<Owner>, declaration: TableDeclaration) =>
    isStub(entry, declaration) ||
    isBundled(entry, declaration) ||
    ((entry.migrates || entry.createsNothing?.(declaration) === true) &&
      fromOrm(declaration) &&
      !sqlCreated.get(entry)!.has(declaration.table.toLowerCase()));
  // Who declares each table other than through a mirror: the owners a mirror may defer to.
  const realCreators = new Map<string, Set<Owner>>();
  for (const entry of owners)
    for (const declaration of entry.declarations) {
      if (isMirror(entry, declaration) || entry.fixture?.(declaration) === true || (!entry.ormDeclares && fromOrm(declaration))) continue;
      const key = declaration.table.toLowerCase();
      realCreators.set(key, (realCreators.get(key) ?? new Set()).add(entry.owner));
    }
  const deferring = (entry: OwnerDeclarations<Owner>, declaration: TableDeclaration) => {
    if (!isMirror(entry, declaration)) return false;
    const creators = realCreators.get(declaration.table.toLowerCase());
    // Only a stub or a migrating owner's mirror defers to any creator; a non-migrating owner's entity only to one it may map.
    const anywhere = entry.migrates || isStub(entry, declaration) || isBundled(entry, declaration);
    return (
      creators !== undefined &&
      [...creators].some((creator) => creator !== entry.owner && (anywhere || entry.mayMap?.(declaration, creator) === true))
    );
  };
  // A fixture of the owner's tests: a table nothing creates for real and only tests use.
  const fixture = (entry: OwnerDeclarations<Owner>, declaration: TableDeclaration) =>
    entry.fixture?.(declaration) === true && !realCreators.has(declaration.table.toLowerCase());
  const dropped = (entry: OwnerDeclarations<Owner>, declaration: TableDeclaration) =>
    deferring(entry, declaration) || fixture(entry, declaration);
  return new Map(
    owners.map((entry) => [
      entry.owner,
      {
        declarations: entry.declarations.filter((declaration) => !dropped(entry, declaration)),
        stubs: entry.declarations.filter(
          (declaration) => (isStub(entry, declaration) && deferring(entry, declaration)) || fixture(entry, declaration),
        ),
        copies: entry.declarations.filter(
          (declaration) => isStub(entry, declaration) && realCreators.get(declaration.table.toLowerCase())?.has(entry.owner) === true,
        ),
      },
    ]),
  );
}
