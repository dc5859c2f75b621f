/**
 * Code that opens a connection or starts a server: a package that does either is deployed with its
 * own database, whatever its scripts say. Matched on the text: service discovery reads it before
 * analysis, and the facts keep the answer (`FileFacts.opensConnection`) so that what the model is
 * built from can be compared without the text (src/model/declaration-signature.ts).
 */
/**
 * A factory's argument that is its connection settings: an object, a URL, the env, or a variable or field holding them
 * (`knex(config)`, `knex(this.config)`, `postgres(this.options)`: DBOS's datasources open the connection from the settings
 * they are given, HELDOUT11 #24). Not any variable: `knex(tableName)` is a query on a knex instance.
 */
export const CONNECTS =
  /\bnew\s+(?:Pool|Client|DataSource|Sequelize|PrismaClient)\s*\(|\b(?:createPool|createConnection|createPoolCluster|createClient|drizzle|knex|postgres)\s*\(\s*(?:\{|['"`]|process\.env|(?:this\.#?)?(?:config|options|knexConfig|dbConfig|connectionConfig|connectionOptions)\b)|\bMikroORM\.init\s*\(|\bTypeOrmModule\.forRoot(?:Async)?\s*\(/;
export const LISTENS = /\.listen\s*\(/;

/** Whether code opens a connection or starts a server (discovery's evidence that a library folder is deployed). */
export function codeOpensConnection(text: string): boolean {
  return CONNECTS.test(text) || LISTENS.test(text);
}
