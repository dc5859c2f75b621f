/**
 * MikroORM: entities (`@Entity({ tableName })`, `@Entity({ collection })`, `@Entity()` named by its
 * default `UnderscoreNamingStrategy`: `ReviewVote` → `review_vote`). Its `EntityManager` calls
 * (`em.find(Review, …)`) are read with TypeORM's, and `EntitySchema` with TypeORM's too.
 */
import ts from '../ts.js';
import { nodeSpan, type ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { mikroOrmTableName } from './naming.js';
import { nameArg, objectProp, pushDef, type NameArg } from './shared.js';

const { isClassDeclaration, isObjectLiteralExpression } = ts;

/** `@Entity({ tableName | collection, schema })` / `@Entity()` imported from `@mikro-orm/*`. */
export function mikroOrmEntityDecorator(ctx: ExtractContext, target: ts.Node, args: ts.NodeArray<ts.Expression>): void {
  if (!isClassDeclaration(target) || !target.name) return;
  const options = args[0] && isObjectLiteralExpression(unwrapExpression(args[0])) ? args[0] : undefined;
  if (args[0] && !options) return;
  const named = objectProp(options, 'tableName') ?? objectProp(options, 'collection');
  let table: NameArg | undefined;
  if (named) {
    table = nameArg(ctx, named);
    if (!table) return;
  }
  table ??= { value: mikroOrmTableName(target.name.text), span: nodeSpan(target.name, ctx.sf) };
  pushDef(ctx, 'mikro-orm', target.name.text, table, nameArg(ctx, objectProp(options, 'schema'))?.value);
}
