/** Entity uses record the import that decides whose definition they mean (resolved by the model). */
import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';

/** `symbol ← imported from 'specifier' "binding as written"` per use, or `symbol (local)`. */
const origins = (code: string) =>
  extractScript('services/a/src/x.ts', code).script.ormEntityUses.map((u) =>
    u.origin
      ? `${u.library} ${u.symbol} ← ${u.origin.imported} from '${u.origin.specifier}' "${code.slice(u.origin.fileSpan.start, u.origin.fileSpan.end)}"`
      : `${u.library} ${u.symbol} (local)`,
  );

describe('entity origins', () => {
  it('named, aliased, default, namespace-free and CommonJS imports; a class of the file has none', () => {
    const code = [
      "import { Order, Address as OrderAddress } from '../../orders/src/entities';",
      "import Shipment from './shipment.entity';",
      "import Parcel = require('./parcel');",
      "const { Invoice: Bill } = require('../../billing/src/models');",
      'class Note {}',
      'export const f = async (ds: any) => {',
      '  await ds.getRepository(Order).find();',
      "  await ds.createQueryBuilder(OrderAddress, 'a').getMany();",
      '  await ds.manager.find(Shipment, {});',
      '  await Parcel.findAll();',
      '  await Bill.findAll();',
      '  await ds.getRepository(Note).find();',
      '};',
    ].join('\n');
    expect(origins(code)).toEqual([
      `typeorm Order ← Order from '../../orders/src/entities' "Order"`,
      `typeorm OrderAddress ← Address from '../../orders/src/entities' "Address as OrderAddress"`,
      `typeorm Shipment ← default from './shipment.entity' "Shipment"`,
      `* Parcel ← * from './parcel' "Parcel"`,
      `* Bill ← Invoice from '../../billing/src/models' "Invoice: Bill"`,
      'typeorm Note (local)',
    ]);
  });

  it('a parameter of the same name is no entity', () => {
    expect(origins("import { Order } from './order';\nexport const f = (Order: any, ds: any) => ds.getRepository(Order);")).toEqual([]);
  });
});

describe('Prisma client origins', () => {
  // `this.ledger.invoice` is no Prisma use at all: only receivers named like a client are (PRISMA_RECEIVERS).
  it("the client's import, class, property type, or the client a transaction runs on", () => {
    const code = [
      "import { PrismaClient } from '@prisma/client';",
      "import { PrismaService } from '../../billing/src/prisma.service';",
      "import { prisma as sharedPrisma } from '../../../packages/db';",
      'const prisma = new PrismaClient();',
      'export class Payments {',
      '  private readonly ledgerPrisma: PrismaService;',
      '  constructor(private readonly prismaService: PrismaService, db: PrismaService) {}',
      '  a() { return prisma.payment.findMany(); }',
      '  b() { return this.prismaService.invoice.findMany(); }',
      '  c() { return this.ledgerPrisma.invoice.count(); }',
      '  g() { return this.ledger.invoice.count(); }',
      '  d() { return sharedPrisma.$transaction(async (tx) => tx.refund.create({ data: {} })); }',
      '  e() { return sharedPrisma.user.findFirst(); }',
      '  f(client) { return client.user.findFirst(); }',
      '}',
    ].join('\n');
    expect(origins(code)).toEqual([
      `prisma payment ← PrismaClient from '@prisma/client' "PrismaClient"`,
      `prisma invoice ← PrismaService from '../../billing/src/prisma.service' "PrismaService"`,
      `prisma invoice ← PrismaService from '../../billing/src/prisma.service' "PrismaService"`,
      `prisma refund ← prisma from '../../../packages/db' "prisma as sharedPrisma"`,
      `prisma user ← prisma from '../../../packages/db' "prisma as sharedPrisma"`,
      'prisma user (local)',
    ]);
  });
});

describe('a Prisma client under a name of the file’s choosing', () => {
  // A service imports a second client beside its own `prisma` under an alias; its name alone says nothing.
  it('aliased import, aliased require and `new PrismaClient()` keep the client and its origin', () => {
    const code = [
      "import { PrismaClient } from '@prisma/client';",
      "import { prisma } from './db';",
      "import { prisma as driversDb } from '@fleetops/drivers/src/db.js';",
      "const { prismaService: billing } = require('../../billing/src/db');",
      'const reporting = new PrismaClient();',
      'export async function assign(ledger: any) {',
      '  await driversDb.vehicle.findFirst({ where: { available: true } });',
      '  await billing.invoice.count();',
      '  await reporting.report.create({ data: {} });',
      '  await ledger.invoice.count();',
      '  return prisma.trip.update({ where: { id: 1 }, data: {} });',
      '}',
    ].join('\n');
    expect(origins(code)).toEqual([
      `prisma vehicle ← prisma from '@fleetops/drivers/src/db.js' "prisma as driversDb"`,
      `prisma invoice ← prismaService from '../../billing/src/db' "prismaService: billing"`,
      `prisma report ← PrismaClient from '@prisma/client' "PrismaClient"`,
      `prisma trip ← prisma from './db' "prisma"`,
    ]);
  });

  it('an aliased import of something else is no client', () => {
    expect(origins("import { orders as o } from './orders';\nexport const f = () => o.item.findFirst();")).toEqual([]);
  });
});

describe('custom repositories', () => {
  it('@EntityRepository(E) binds the class to the entity, with the entity’s import', () => {
    const code =
      "import { User } from '../entities/user.entity';\n@EntityRepository(User)\nexport class UserRepository extends Repository<User> {}";
    const { script } = extractScript('services/a/src/user.repository.ts', code);
    expect(script.ormRepositories).toEqual([
      {
        symbol: 'UserRepository',
        entity: 'User',
        origin: { specifier: '../entities/user.entity', imported: 'User', fileSpan: { start: 9, end: 13 } },
        fileSpan: { start: 85, end: 99 },
      },
    ]);
    expect(extractScript('x.ts', '@EntityRepository()\nexport class R {}').script.ormRepositories).toBeUndefined();
  });
});

describe('entities registered with a connection', () => {
  /** `library symbol ← imported from 'specifier'` per registration, or `library symbol (local)`. */
  const registrations = (code: string) =>
    (extractScript('services/a/src/x.ts', code).script.ormRegistrations ?? []).map(
      (r) =>
        `${r.library} ${code.slice(r.fileSpan.start, r.fileSpan.end)}${r.origin ? ` ← ${r.origin.imported} from '${r.origin.specifier}'` : ' (local)'}`,
    );

  it('the entities option of any object, a const array it names, and forFeature of the Nest modules', () => {
    const code = [
      "import { Order, Invoice as Bill } from '@app/database';",
      "import { Shipment } from './shipment.entity';",
      'class Local {}',
      'const FEATURES = [Shipment];',
      "export const options: DataSourceOptions = { type: 'postgres', entities: [Order, Bill, Local, 'dist/**/*.entity.js', ...more] };",
      'export default new DataSource({ entities: FEATURES });',
      '@Module({ imports: [TypeOrmModule.forFeature([Order]), MikroOrmModule.forFeature([Shipment]), SequelizeModule.forFeature([Bill])] })',
      'export class AppModule {}',
    ].join('\n');
    expect(registrations(code)).toEqual([
      "* Order ← Order from '@app/database'",
      "* Bill ← Invoice from '@app/database'",
      '* Local (local)',
      "* Shipment ← Shipment from './shipment.entity'",
      "typeorm Order ← Order from '@app/database'",
      "mikro-orm Shipment ← Shipment from './shipment.entity'",
      "sequelize Bill ← Invoice from '@app/database'",
    ]);
    // A registration is no access.
    expect(extractScript('services/a/src/x.ts', code).script.ormEntityUses).toEqual([]);
  });

  it('files that only import and register entities are parsed, not just scanned for imports; other shapes register nothing', () => {
    expect(registrations("import { Order } from '@app/db';\nexport const options = { entities: [Order] };\n")).toEqual([
      "* Order ← Order from '@app/db'",
    ]);
    expect(
      registrations("import { Order } from '@app/db';\n@Module({ imports: [TypeOrmModule.forFeature([Order])] })\nclass M {}\n"),
    ).toEqual(["typeorm Order ← Order from '@app/db'"]);
    expect(registrations('const entities = [Order];\nGraphQLModule.forFeature([Order]);\nconst x = { entities: loadAll() };\n')).toEqual(
      [],
    );
  });
});
