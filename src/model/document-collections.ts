/**
 * MongoDB through an ORM: Prisma models under `provider = "mongodb"`, TypeORM entities of a
 * `type: 'mongodb'` connection, MikroORM's `@mikro-orm/mongodb`. What their models declare are
 * collections, which no SQL migration creates or changes.
 */
import type { FileFacts } from '../analysis/facts.js';
import { ENGINE_OPTION_KEYS } from '../analysis/database-packages.js';
import type { Service } from './model.js';

const MONGO = /^mongodb$/i;

/**
 * Every table the service declares is a MongoDB collection: each comes from an ORM definition
 * (none from SQL), each Prisma model's schema names `provider = "mongodb"`, and entities count only
 * when the service's code or ORM config names MongoDB as its engine and its dialect was decided by
 * no SQL evidence. False when it declares nothing.
 */
export function declaresOnlyCollections(service: Service, files: readonly FileFacts[]): boolean {
  const declarations = service.createdTables;
  if (declarations.length === 0) return false;
  const byPath = new Map(files.map((file) => [file.path, file]));
  let entities = false;
  for (const declaration of declarations) {
    if (declaration.via === 'prisma') {
      const datasources = byPath.get(declaration.file)?.prismaDatasources ?? [];
      if (datasources.length === 0 || !datasources.every((d) => d.provider !== undefined && MONGO.test(d.provider))) return false;
    } else if (declaration.via === 'orm') entities = true;
    else return false;
  }
  return !entities || (service.dialectDecision?.dialect === undefined && files.some(namesMongoEngine));
}

/** Packages whose import means the code talks to MongoDB: the driver, Mongoose and its wrappers. */
const MONGO_MODULE = /^(?:mongodb|mongoose|@nestjs\/mongoose|@typegoose\/typegoose|@mikro-orm\/mongodb)(?:\/|$)/;

/**
 * The service keeps documents in MongoDB: a connection of its names MongoDB (`mongodb://…`, `MONGO_URI`), its code
 * imports the driver or Mongoose, or its ORM names `mongodb` as its engine. Its collections (Mongoose models,
 * `db.collection('x')`) are no SQL tables: the linter does not read them.
 */
export function runsOnMongo(service: Service, files: readonly FileFacts[]): boolean {
  if (service.databases.some((d) => d.kind === 'mongodb')) return true;
  return files.some((file) => file.script?.imports.some((i) => MONGO_MODULE.test(i.specifier)) || namesMongoEngine(file));
}

/** `type: 'mongodb'` (TypeORM, also in ormconfig), or an import of MikroORM's MongoDB driver. */
function namesMongoEngine(file: FileFacts): boolean {
  if (file.ormConfig?.engines.some((engine) => MONGO.test(engine.type))) return true;
  const script = file.script;
  if (!script) return false;
  if (script.imports.some((i) => i.specifier === '@mikro-orm/mongodb')) return true;
  return script.configProperties.some((p) => ENGINE_OPTION_KEYS.has(p.key) && p.value !== undefined && MONGO.test(p.value));
}
