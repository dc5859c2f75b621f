/**
 * Code that opens a connection or starts a server: a package that does either is deployed with its
 * own database, whatever its scripts say. Matched on the text: service discovery reads it before
 * analysis, and the facts keep the answer (`FileFacts.opensConnection`) so that what the model is
 * built from can be compared without the text (src/model/declaration-signature.ts).
 */
export const CONNECTS =
  /\bnew\s+(?:Pool|Client|DataSource|Sequelize|PrismaClient)\s*\(|\b(?:createPool|createConnection|createPoolCluster|createClient|drizzle|knex|postgres)\s*\(\s*(?:\{|['"`]|process\.env|config\b)|\bMikroORM\.init\s*\(|\bTypeOrmModule\.forRoot(?:Async)?\s*\(/;
export const LISTENS = /\.listen\s*\(/;

/** Whether code opens a connection or starts a server (discovery's evidence that a library folder is deployed). */
export function codeOpensConnection(text: string): boolean {
  return CONNECTS.test(text) || LISTENS.test(text);
}
