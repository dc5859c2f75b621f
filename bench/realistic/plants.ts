/**
 * Cross-service accesses planted in TypeScript, in the shapes REAL-CODE-PATTERNS.md lists:
 * a multi-line template, a one-line string, SQL built in a variable, a `sql +=` branch, a
 * `${this.field}` or `${CONST}` hole bound to the foreign table, the second statement of a
 * transaction, a knex builder and a Prisma `$queryRaw` template. Each records the line the
 * linter must report (the line holding the foreign table or the hole naming it).
 */
import { camel, pascal, singular } from '../generate.js';
import type { Service, Table } from './catalogue.js';
import type { Doc, Ledger } from './ledger.js';
import { placeholder, statusColumn } from './sql-text.js';
import { codeDialect, type Runner } from './ts-sql.js';

export type TsPlantStyle = 'template' | 'string' | 'variable' | 'builder' | 'field' | 'const' | 'transaction' | 'knex' | 'prisma-raw';

export interface TsPlant {
  style: TsPlantStyle;
  /** The foreign table as written (`clinical_data.patients`, `invoices`). */
  target: string;
}

const bareName = (target: string) => target.split('.').pop()!;
export const constName = (target: string) => `${bareName(target).toUpperCase()}_TABLE`;
export const fieldName = (target: string) => `${camel(singular(bareName(target)))}Table`;
const methodSuffix = (target: string) => pascal(singular(bareName(target)));

/** Module-level lines a plant needs (its `const` table name). */
export function plantPrelude(plants: TsPlant[], scope: 'class' | 'module'): string[] {
  const consts = plants.filter((p) => p.style === 'const' || (scope === 'module' && p.style === 'field'));
  return consts.length === 0 ? [] : [...new Set(consts.map((p) => `const ${constName(p.target)} = '${p.target}';`)), ''];
}

/**
 * Writes the statements of one plant at `indent`, leaving the rows in `rows`. In module scope
 * (route handlers) a `field` plant reads a module constant instead of a class field.
 */
export function emitPlantBody(
  doc: Doc,
  indent: string,
  runner: Runner,
  plant: TsPlant,
  service: Service,
  own: Table | undefined,
  scope: 'class' | 'module',
  file: string,
  ledger: Ledger,
): void {
  const dialect = codeDialect(service);
  const now = dialect === 'mysql' ? 'NOW()' : 'now()';
  const ph = (n: number) => placeholder(dialect, n);
  const record = (kind: string) => ledger.plant('no-cross-service-query', file, doc.nextLine, `ts-${kind}`, plant.target);
  const read = (ref: string, kind: string) => {
    doc.push(
      `${indent}${runner.rows} await ${runner.call}${runner.generic}(`,
      `${indent}  \`SELECT ref.id,`,
      `${indent}          ref.created_at`,
    );
    record(kind);
    doc.push(
      `${indent}     FROM ${ref} ref`,
      `${indent}    WHERE ref.id = ${ph(1)}\`,`,
      `${indent}  ${runner.params(['id'], true)},`,
      `${indent});`,
    );
  };
  switch (plant.style) {
    case 'template': {
      const status = own ? statusColumn(own).name : 'id';
      doc.push(`${indent}${runner.rows} await ${runner.call}${runner.generic}(`);
      if (own) {
        doc.push(
          `${indent}  \`SELECT o.id,`,
          `${indent}          o.${status},`,
          `${indent}          ref.created_at AS reference_created_at`,
          `${indent}     FROM ${own.name} o`,
        );
        record('template');
        doc.push(
          `${indent}     JOIN ${plant.target} ref ON ref.id = o.id`,
          `${indent}    WHERE o.id = ${ph(1)}`,
          `${indent}      AND o.deleted_at IS NULL\`,`,
        );
      } else {
        doc.push(`${indent}  \`SELECT ref.*`);
        record('template');
        doc.push(
          `${indent}     FROM ${plant.target} ref`,
          `${indent}    WHERE ref.id = ${ph(1)}`,
          `${indent}    ORDER BY ref.created_at DESC\`,`,
        );
      }
      doc.push(`${indent}  ${runner.params(['id'], true)},`, `${indent});`);
      break;
    }
    case 'string': {
      record('string');
      doc.push(
        `${indent}await ${runner.call}('UPDATE ${plant.target} SET updated_at = ${now} WHERE id = ${ph(1)}', ${runner.params(['id'], false)});`,
      );
      doc.push(`${indent}const rows = [{ id }];`);
      break;
    }
    case 'variable': {
      doc.push(`${indent}const sql = \``, `${indent}  SELECT ref.id, ref.created_at`);
      record('variable');
      doc.push(`${indent}    FROM ${plant.target} ref`, `${indent}   WHERE ref.id = ${ph(1)}`, `${indent}\`;`);
      doc.push(`${indent}${runner.rows} await ${runner.call}${runner.generic}(sql, ${runner.params(['id'], true)});`);
      break;
    }
    case 'builder': {
      const table = own!;
      const status = statusColumn(table).name;
      doc.push(
        `${indent}let sql = \`SELECT o.id, o.${status} FROM ${table.name} o\`;`,
        `${indent}const params: unknown[] = [];`,
        `${indent}if (withReference) {`,
      );
      record('builder');
      doc.push(
        `${indent}  sql += ' JOIN ${plant.target} ref ON ref.id = o.id';`,
        `${indent}}`,
        `${indent}sql += ' WHERE o.deleted_at IS NULL';`,
        `${indent}if (id) {`,
      );
      doc.push(
        dialect !== 'postgresql' ? `${indent}  sql += ' AND o.id = ?';` : `${indent}  sql += \` AND o.id = $\${params.length + 1}\`;`,
        `${indent}  params.push(id);`,
        `${indent}}`,
      );
      doc.push(`${indent}${runner.rows} await ${runner.call}${runner.generic}(sql, ${runner.params(['...params'], true)});`);
      break;
    }
    case 'field':
    case 'const':
      read(
        `\${${plant.style === 'field' && scope === 'class' ? `this.${fieldName(plant.target)}` : constName(plant.target)}}`,
        plant.style,
      );
      break;
    case 'transaction': {
      const table = own!;
      if (service.dialect === 'mysql') {
        doc.push(
          `${indent}const connection: PoolConnection = await ${scope === 'class' ? 'this.' : ''}pool.getConnection();`,
          `${indent}try {`,
          `${indent}  await connection.beginTransaction();`,
          `${indent}  await connection.execute(`,
          `${indent}    \`UPDATE ${table.name}`,
          `${indent}        SET updated_at = NOW()`,
          `${indent}      WHERE id = ?\`,`,
          `${indent}    [id],`,
          `${indent}  );`,
          `${indent}  await connection.execute(`,
        );
        record('transaction');
        doc.push(
          `${indent}    \`UPDATE ${plant.target}`,
          `${indent}        SET updated_at = NOW()`,
          `${indent}      WHERE id = ?\`,`,
          `${indent}    [id],`,
          `${indent}  );`,
          `${indent}  await connection.commit();`,
          `${indent}} catch (error) {`,
          `${indent}  await connection.rollback();`,
          `${indent}  throw error;`,
          `${indent}} finally {`,
          `${indent}  connection.release();`,
          `${indent}}`,
        );
      } else {
        doc.push(
          `${indent}const client: PoolClient = await ${scope === 'class' ? 'this.' : ''}pool.connect();`,
          `${indent}try {`,
          `${indent}  await client.query('BEGIN');`,
          `${indent}  await client.query(\`UPDATE ${table.name} SET updated_at = now() WHERE id = $1\`, [id]);`,
        );
        record('transaction');
        doc.push(
          `${indent}  await client.query(\`UPDATE ${plant.target} SET updated_at = now() WHERE id = $1\`, [id]);`,
          `${indent}  await client.query('COMMIT');`,
          `${indent}} catch (error) {`,
          `${indent}  await client.query('ROLLBACK');`,
          `${indent}  throw error;`,
          `${indent}} finally {`,
          `${indent}  client.release();`,
          `${indent}}`,
        );
      }
      doc.push(`${indent}const rows = [{ id }];`);
      break;
    }
    case 'knex': {
      const self = scope === 'class' ? 'this.' : '';
      doc.push(`${indent}const rows = await ${self}db`);
      record('knex');
      doc.push(
        `${indent}  .from('${plant.target}')`,
        `${indent}  .select('id', 'created_at')`,
        `${indent}  .where({ id })`,
        `${indent}  .limit(50);`,
      );
      break;
    }
    case 'prisma-raw': {
      const self = scope === 'class' ? 'this.' : '';
      doc.push(`${indent}const rows = await ${self}prisma.$queryRaw<Array<{ id: string }>>\``, `${indent}  SELECT ref.id, ref.created_at`);
      record('prisma-raw');
      doc.push(`${indent}    FROM ${plant.target} ref`, `${indent}   WHERE ref.id = \${id}`, `${indent}\`;`);
      break;
    }
  }
}

/** A class method around one plant. */
export function emitPlantMethod(
  doc: Doc,
  runner: Runner,
  plant: TsPlant,
  service: Service,
  own: Table | undefined,
  file: string,
  ledger: Ledger,
): void {
  if (plant.style === 'field') doc.push(`  private readonly ${fieldName(plant.target)} = '${plant.target}';`, '');
  const name = `${plant.style === 'builder' ? 'listWith' : plant.style === 'transaction' ? 'settleWith' : 'load'}${methodSuffix(plant.target)}`;
  doc.push(`  async ${name}(id: string${plant.style === 'builder' ? ', withReference = true' : ''}): Promise<unknown[]> {`);
  emitPlantBody(doc, '    ', runner, plant, service, own, 'class', file, ledger);
  doc.push('    return rows as unknown[];', '  }', '');
}

/** An Express handler around one plant. */
export function emitPlantRoute(
  doc: Doc,
  runner: Runner,
  plant: TsPlant,
  service: Service,
  own: Table | undefined,
  file: string,
  ledger: Ledger,
): void {
  const slug = bareName(plant.target).replace(/_/g, '-');
  doc.push(
    `router.get('/${slug}/:id', authenticate, async (req: Request, res: Response, next: NextFunction) => {`,
    '  try {',
    '    const id = req.params.id;',
  );
  if (plant.style === 'builder') doc.push("    const withReference = req.query.expand === 'true';");
  emitPlantBody(doc, '    ', runner, plant, service, own, 'module', file, ledger);
  doc.push('    res.json({ success: true, data: rows });', '  } catch (error) {', '    next(error);', '  }', '});', '');
}
