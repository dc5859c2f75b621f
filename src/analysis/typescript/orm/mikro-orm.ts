/**
 * MikroORM: entities (`@Entity({ tableName })`, `@Entity({ collection })`, `@Entity()` named by its
 * default `UnderscoreNamingStrategy`: `ReviewVote` → `review_vote`). Its `EntityManager` calls
 * (`em.find(Review, …)`) are read with TypeORM's, and `EntitySchema` with TypeORM's too.
 */
import ts from '../ts.js';
import { nodeSpan, type ExtractContext } from '../context.js';
import { unwrapExpression } from '../scope.js';
import { mikroOrmTableName } from './naming.js';
import type { DecoratedClass } from './compiled-decorators.js';
import { nameArg, objectProp, pushDef, type NameArg } from './shared.js';

const { isObjectLiteralExpression } = ts;

/** `@Entity({ tableName | collection, schema })` / `@Entity()` imported from `@mikro-orm/*`. */
export function mikroOrmEntityDecorator(ctx: ExtractContext, cls: DecoratedClass | undefined, args: ts.NodeArray<ts.Expression>): void {
  if (!cls) return;
  const options = args[0] && isObjectLiteralExpression(unwrapExpression(args[0])) ? args[0] : undefined;
  if (args[0] && !options) return;
  const named = objectProp(options, 'tableName') ?? objectProp(options, 'collection');
  let table: NameArg | undefined;
  if (named) {
    table = nameArg(ctx, named);
    if (!table) return;
  }
  table ??= { value: mikroOrmTableName(cls.name.text), span: nodeSpan(cls.name, ctx.sf) };
  pushDef(ctx, 'mikro-orm', cls.name.text, table, nameArg(ctx, objectProp(options, 'schema'))?.value);
}
