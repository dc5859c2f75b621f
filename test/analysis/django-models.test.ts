/**
 * Django models read by tokens (issue 14): a project that commits no migrations declares its tables in its apps'
 * `models.py` (`Meta.db_table`, else `<app_label>_<model>`), located at the literal or the class name; unmanaged,
 * abstract and proxy models declare nothing; relations to a model of the file reference its table.
 */
import { describe, expect, it } from 'vitest';
import type { OrmTableRef } from '../../src/analysis/facts.js';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { decodeFacts, encodeFacts } from '../../src/analysis/facts-codec.js';
import { djangoModelsAppFolder, isDjangoModelsPath, mayDeclareDjangoModels, parseDjangoModels } from '../../src/analysis/django-models.js';

const PATH = 'services/shop/orders/models.py';

/** Each reference as `action table@written[<-declaring]`, its spans checked against the text. */
function read(text: string, path = PATH): string[] {
  return parseDjangoModels(path, text).map((ref: OrmTableRef) => {
    expect(ref.library).toBe('django-models');
    const qualified = ref.qualifier ? `${ref.qualifier}.${ref.name}` : ref.name;
    const declaring = ref.declaringTable
      ? ` <-${ref.declaringTable.qualifier ? `${ref.declaringTable.qualifier}.` : ''}${ref.declaringTable.name}`
      : '';
    return `${ref.action} ${qualified}@${text.slice(ref.fileSpan.start, ref.fileSpan.end)}${declaring}`;
  });
}

const MODELS = [
  'from django.conf import settings',
  'from django.db import models',
  'from pydantic import BaseModel',
  '',
  '',
  'class TimeStamped(models.Model):',
  '    created_at = models.DateTimeField(auto_now_add=True)',
  '    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)',
  '    account = models.ForeignKey("Account", on_delete=models.PROTECT)',
  '',
  '    class Meta:',
  '        abstract = True',
  '',
  '',
  'class Account(models.Model):',
  '    """The billing service\'s accounts, read here (Django never creates them)."""',
  '',
  '    class Meta:',
  '        managed = False',
  '        db_table = "billing_accounts"',
  '',
  '',
  'class Customer(TimeStamped):',
  '    name = models.CharField(max_length=200)',
  '',
  '    class Meta:',
  '        db_table = "customers"',
  '',
  '',
  'class Order(TimeStamped):',
  '    # customer = models.ForeignKey("Commented", on_delete=models.CASCADE)',
  '    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")',
  '    parent = models.ForeignKey("self", null=True, on_delete=models.SET_NULL)',
  '    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT)',
  '    tags = models.ManyToManyField("Tag")',
  '    coupons = models.ManyToManyField("Coupon", through="OrderCoupon")',
  '    watchers = models.ManyToManyField(to="orders.Customer", db_table="order_watchers")',
  '',
  '    class Status(models.TextChoices):',
  '        OPEN = "open"',
  '',
  '    def __str__(self):',
  '        return f"Order {self.pk}"',
  '',
  '',
  'class RushOrder(Order):',
  '    priority = models.IntegerField()',
  '',
  '',
  'class OrderProxy(Order):',
  '    class Meta:',
  '        proxy = True',
  '',
  '',
  'class Tag(models.Model):',
  '    label = models.SlugField()',
  '',
  '    class Meta:',
  '        app_label = "labels"',
  '',
  '',
  'class Invoice(models.Model):',
  '    class Meta:',
  '        db_table = \'"billing"."invoices"\'',
  '',
  '',
  'class OrderManager(models.Manager):',
  '    pass',
  '',
  '',
  'class Payload(BaseModel):',
  '    order_id: int',
].join('\n');

describe('parseDjangoModels', () => {
  it('reads each model’s table, its relations to the models of the file, and never an abstract, unmanaged or proxy one', () => {
    expect(read(MODELS)).toEqual([
      // The abstract parent's relation, once for each child holding it (a multi-table child's rows keep theirs in the parent's table).
      'references billing_accounts@Account <-customers',
      'references billing_accounts@Account <-orders_order',
      'create customers@customers',
      'create orders_order@Order',
      'references customers@Customer <-orders_order',
      'create orders_order_tags@tags',
      'references labels_tag@Tag <-orders_order_tags',
      'references customers@orders.Customer <-order_watchers',
      'create order_watchers@order_watchers',
      'create orders_rushorder@RushOrder',
      'create labels_tag@Tag',
      'create billing.invoices@invoices',
    ]);
  });

  it("takes an abstract parent's Meta when a child declares none or extends it, and a models package's app", () => {
    const text = [
      'from django.db import models',
      '',
      'class Legacy(models.Model):',
      '    class Meta:',
      '        abstract = True',
      '        managed = False',
      '        app_label = "ledger"',
      '',
      'class Entry(Legacy):',
      '    pass',
      '',
      'class Line(Legacy):',
      '    class Meta(Legacy.Meta):',
      '        db_table = "ledger_lines"',
      '',
      'class Batch(Legacy):',
      '    class Meta:',
      '        ordering = ["id"]',
    ].join('\n');
    expect(read(text, 'services/books/accounting/models/entries.py')).toEqual(['create accounting_batch@Batch']);
    expect(djangoModelsAppFolder('services/books/accounting/models/entries.py')).toBe('services/books/accounting');
    expect(djangoModelsAppFolder('services/books/accounting/models.py')).toBe('services/books/accounting');
    expect(djangoModelsAppFolder('models.py')).toBeUndefined();
    // A models module at the repository root has no app: its default names are unknown, a db_table is not.
    expect(
      read(
        'from django.db import models\nclass A(models.Model):\n    pass\nclass B(models.Model):\n    class Meta:\n        db_table = "b"\n',
        'models.py',
      ),
    ).toEqual(['create b@b']);
  });

  it("takes a class imported from the project's models modules as a model base, and nothing pydantic's or a Manager's", () => {
    const text = [
      'from django.db import models',
      'from django.db.models import Manager',
      'from catalog.models import TimeStamped',
      'from ..core.models.base import Audited as AuditedBase',
      'import pydantic',
      '',
      'class Order(TimeStamped):',
      '    pass',
      '',
      'class Refund(AuditedBase):',
      '    pass',
      '',
      'class Active(Manager):',
      '    pass',
      '',
      'class Payload(pydantic.BaseModel):',
      '    pass',
    ].join('\n');
    expect(read(text, 'services/shop/checkout/models.py')).toEqual(['create checkout_order@Order', 'create checkout_refund@Refund']);
  });

  it('reads only models modules that import Django', () => {
    expect(mayDeclareDjangoModels(PATH, MODELS)).toBe(true);
    expect(mayDeclareDjangoModels('services/shop/orders/models/order.py', 'from django.contrib.gis.db import models\n')).toBe(true);
    expect(mayDeclareDjangoModels('services/shop/orders/models/order.py', 'from django.db.models import Model, CharField\n')).toBe(true);
    expect(mayDeclareDjangoModels(PATH, 'from sqlalchemy.orm import DeclarativeBase\n')).toBe(false);
    expect(mayDeclareDjangoModels('services/shop/orders/views.py', MODELS)).toBe(false);
    expect(mayDeclareDjangoModels('services/shop/orders/migrations/0001_initial.py', MODELS)).toBe(false);
    expect(mayDeclareDjangoModels(PATH, '# from django.db import models\n')).toBe(false);
    expect(isDjangoModelsPath('app/db/models.py')).toBe(true);
    expect(isDjangoModelsPath('app/db/session.py')).toBe(false);
  });

  it('keeps its references in the file facts, through the facts codec; unterminated text ends the scan', () => {
    const facts = analyzeFile(PATH, MODELS, { sqlCallees: [], defaultDialect: 'postgresql' });
    expect(facts.kind).toBe('other');
    expect(facts.schemaChanges?.filter((r) => r.action === 'create').map((r) => r.name)).toEqual([
      'customers',
      'orders_order',
      'orders_order_tags',
      'order_watchers',
      'orders_rushorder',
      'labels_tag',
      'invoices',
    ]);
    expect(decodeFacts(encodeFacts(facts), facts.path, facts.hash)?.schemaChanges).toEqual(facts.schemaChanges);
    expect(read('from django.db import models\nclass A(models.Model):\n    b = models.ForeignKey("A", (\n')).toEqual(['create orders_a@A']);
    expect(read('from django.db import models\nclass A(models.Model):\n    class Meta:\n        db_table = "a\n')).toEqual(['create a@a']);
  });
});
