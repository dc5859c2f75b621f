/**
 * The services of the realistic profile: the sixteen-odd services of the NileCare audit
 * (`/work/shared/seed/`), with their engines, databases (eleven of them on the shared `nilecare`
 * MySQL database, two on `nilecare_business`), their tables and how they reach them (raw
 * mysql2/pg, Sequelize, TypeORM, knex, Prisma), then — for larger sizes — further domain
 * services with a database each, so a 10,000-file tree is still a service monorepo and not one
 * service blown up.
 */
import { Rng, singular } from '../generate.js';

export type Dialect = 'mysql' | 'postgresql';
export type Orm = 'raw' | 'sequelize' | 'typeorm' | 'knex' | 'prisma' | 'mongo';

export type ColumnType = 'str' | 'text' | 'money' | 'int' | 'bool' | 'date' | 'ts' | 'json' | 'enum' | 'fk';

export interface Column {
  name: string;
  type: ColumnType;
  /** enum values, or the referenced table of an `fk` column (same service). */
  values?: string[];
  ref?: string;
}

export interface Table {
  name: string;
  columns: Column[];
}

/** Where a service's tables are declared. */
export type SchemaHome =
  | { kind: 'migrations' }
  /** Root `database/<engine>/…` file for a logical database the config gives to this service. */
  | { kind: 'root'; database: string; file: string };

export interface Service {
  name: string;
  dir: string;
  dialect: Dialect;
  orm: Orm;
  /** The database its settings name (`DB_NAME`, code default, manifests). */
  database: string;
  tables: Table[];
  /** Extra tables declared in a root schema file of a database this service owns. */
  rootTables: Table[];
  rootHome?: { database: string; file: string };
  port: number;
  /** Code files to write for it (set by `sizeServices`). */
  codeFiles: number;
  /** Part of the original audit (fixed shapes and plants), or a generated domain service. */
  core: boolean;
}

/**
 * Compact table spec: `name: col:type col:type …` where type is str, text, money, int, bool,
 * date, ts, json, enum(a|b|c) or fk(table).
 */
function table(spec: string): Table {
  const colon = spec.indexOf(':');
  const name = spec.slice(0, colon).trim();
  const columns = spec
    .slice(colon + 1)
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((c): Column => {
      const [col, typeSpec] = c.split(':') as [string, string];
      const enumMatch = /^enum\((.*)\)$/.exec(typeSpec);
      if (enumMatch) return { name: col, type: 'enum', values: enumMatch[1].split('|') };
      const fkMatch = /^fk\((.*)\)$/.exec(typeSpec);
      if (fkMatch) return { name: col, type: 'fk', ref: fkMatch[1] };
      return { name: col, type: typeSpec as ColumnType };
    });
  return { name, columns };
}

interface CoreSpec {
  name: string;
  dialect: Dialect;
  orm: Orm;
  database: string;
  port: number;
  weight: number;
  tables: string[];
  root?: { database: string; file: string; tables: string[] };
}

const CORE: CoreSpec[] = [
  {
    name: 'auth-service',
    dialect: 'mysql',
    orm: 'raw',
    database: 'nilecare',
    port: 7020,
    weight: 1.3,
    tables: [
      'auth_users: email:str username:str password_hash:str first_name:str last_name:str phone:str is_active:bool is_verified:bool mfa_enabled:bool last_login_at:ts',
      'auth_roles: name:str description:text permissions:json is_system:bool',
      'auth_permissions: name:str resource:str action:str description:text',
      'auth_user_roles: user_id:fk(auth_users) role_id:fk(auth_roles) facility_id:str granted_by:str',
      'auth_refresh_tokens: user_id:fk(auth_users) token:str expires_at:ts revoked_at:ts ip_address:str',
      'auth_devices: user_id:fk(auth_users) fingerprint:str device_name:str is_verified:bool last_seen_at:ts',
      'auth_audit_logs: user_id:fk(auth_users) action:str resource:str result:enum(success|failure|denied) ip_address:str user_agent:text',
      'auth_login_attempts: email:str ip_address:str is_success:bool attempted_at:ts',
    ],
    root: {
      database: 'identity_management',
      file: 'database/mysql/schema/identity_management.sql',
      tables: [
        'auth_mfa_factors: user_id:str factor_type:enum(totp|sms|email) secret_ref:str is_enabled:bool',
        'auth_password_history: user_id:str password_hash:str changed_at:ts',
        'auth_api_clients: client_name:str client_key:str scopes:json is_active:bool',
        'auth_oauth_tokens: client_id:fk(auth_api_clients) user_id:str scope:str expires_at:ts',
      ],
    },
  },
  {
    name: 'business',
    dialect: 'mysql',
    orm: 'raw',
    database: 'nilecare_business',
    port: 7010,
    weight: 1.2,
    tables: [
      'waitlist: patient_id:str facility_id:str priority:enum(routine|urgent|emergency) requested_at:ts notes:text',
      'insurance_policies: patient_id:str provider_name:str policy_number:str coverage_percent:int valid_from:date valid_to:date is_active:bool',
      'suppliers: name:str contact_email:str phone:str tax_number:str is_active:bool',
      'purchase_orders: supplier_id:fk(suppliers) order_number:str total_amount:money status:enum(draft|submitted|received|cancelled) ordered_at:ts',
      'purchase_order_items: purchase_order_id:fk(purchase_orders) item_code:str quantity:int unit_price:money',
      'business_settings: setting_key:str setting_value:text facility_id:str',
    ],
    root: {
      database: 'business_operations',
      file: 'database/mysql/schema/business_operations.sql',
      tables: [
        'claims: patient_id:str facility_id:str policy_number:str claim_amount:money status:enum(pending|submitted|approved|rejected|paid) submitted_at:ts',
        'claim_documents: claim_id:fk(claims) document_url:str document_type:str',
        'cost_centers: code:str name:str facility_id:str budget_amount:money',
        'vendor_contracts: supplier_ref:str contract_number:str starts_on:date ends_on:date contract_value:money',
        'budget_lines: cost_center_id:fk(cost_centers) fiscal_year:int amount:money',
      ],
    },
  },
  {
    name: 'billing-service',
    dialect: 'mysql',
    orm: 'sequelize',
    database: 'nilecare',
    port: 7050,
    weight: 1.6,
    tables: [
      'billing_accounts: patient_id:str account_number:str balance:money currency:str is_active:bool',
      'invoices: billing_account_id:fk(billing_accounts) patient_id:str invoice_number:str total_amount:money paid_amount:money status:enum(draft|issued|paid|void) due_date:date issued_at:ts',
      'invoice_line_items: invoice_id:fk(invoices) charge_code:str description:text quantity:int unit_price:money line_total:money',
      'invoice_payment_allocations: invoice_id:fk(invoices) payment_ref:str allocated_amount:money allocated_at:ts',
      'insurance_claims: invoice_id:fk(invoices) payer_name:str claim_number:str claimed_amount:money status:enum(open|submitted|settled|denied)',
      'claim_line_items: insurance_claim_id:fk(insurance_claims) line_code:str amount:money',
      'billing_adjustments: invoice_id:fk(invoices) reason:str amount:money approved_by:str',
      'billing_audit_log: table_name:str record_id:str action:enum(insert|update|delete) old_values:json new_values:json',
      'charge_master: charge_code:str description:text unit_price:money department_code:str is_active:bool',
    ],
  },
  {
    name: 'payment-gateway-service',
    dialect: 'mysql',
    orm: 'raw',
    database: 'nilecare',
    port: 7030,
    weight: 1.4,
    tables: [],
    root: {
      database: 'payment_system',
      file: 'database/mysql/schema/payment_system.sql',
      tables: [
        'payment_providers: name:str provider_code:str api_base_url:str is_active:bool',
        'payments: provider_id:fk(payment_providers) invoice_ref:str patient_id:str amount:money currency:str status:enum(pending|authorized|confirmed|failed|refunded) external_ref:str confirmed_at:ts',
        'payment_refunds: payment_id:fk(payments) amount:money reason:text status:enum(requested|approved|completed|rejected)',
        'payment_reconciliation: payment_id:fk(payments) provider_amount:money difference:money reconciled_at:ts',
        'invoice_payments: payment_id:fk(payments) invoice_ref:str amount:money',
        'payment_installment_plans: patient_id:str total_amount:money installments:int starts_on:date',
        'installment_schedule: plan_id:fk(payment_installment_plans) due_on:date amount:money is_paid:bool',
        'payment_webhooks: provider_id:fk(payment_providers) event_type:str payload:json processed_at:ts',
        'payment_disputes: payment_id:fk(payments) reason:text status:enum(open|won|lost) opened_at:ts',
        'payment_analytics_daily: day:date provider_id:fk(payment_providers) total_amount:money payment_count:int',
      ],
    },
  },
  {
    name: 'device-integration-service',
    dialect: 'postgresql',
    orm: 'raw',
    database: 'nilecare_devices',
    port: 7070,
    weight: 1.0,
    tables: [],
    root: {
      database: 'nilecare_devices',
      file: 'database/postgresql/devices.sql',
      tables: [
        'devices: serial_number:str device_type:str model:str facility_id:str is_active:bool last_seen_at:ts',
        'vital_signs: device_id:fk(devices) patient_id:str heart_rate:int blood_pressure_systolic:int blood_pressure_diastolic:int spo2:int recorded_at:ts',
        'device_alerts: device_id:fk(devices) severity:enum(info|warning|critical) message:text acknowledged_at:ts',
        'calibration_records: device_id:fk(devices) calibrated_by:str calibrated_at:ts next_due_on:date',
      ],
    },
  },
  {
    name: 'notification-service',
    dialect: 'postgresql',
    orm: 'prisma',
    database: 'nilecare_notifications',
    port: 3002,
    weight: 1.0,
    tables: [
      'notifications: recipient_id:str channel:enum(email|sms|push|in_app) subject:str body:text status:enum(queued|sent|failed|read) sent_at:ts',
      'notification_templates: template_key:str channel:str subject:str body:text is_active:bool',
      'notification_preferences: user_id:str channel:str is_enabled:bool quiet_hours:json',
      'delivery_attempts: notification_id:fk(notifications) attempt_no:int provider_response:text attempted_at:ts',
    ],
  },
  {
    name: 'ehr-service',
    dialect: 'postgresql',
    orm: 'typeorm',
    database: 'ehr_service',
    port: 4001,
    weight: 1.3,
    tables: [
      'medical_records: patient_id:str facility_id:str record_type:str summary:text',
      'soap_notes: medical_record_id:fk(medical_records) subjective:text objective:text assessment:text plan:text signed_by:str signed_at:ts',
      'progress_notes: medical_record_id:fk(medical_records) author_id:str note:text',
      'care_plans: medical_record_id:fk(medical_records) goal:text status:enum(active|completed|cancelled) review_on:date',
      'problem_lists: medical_record_id:fk(medical_records) icd10_code:str description:text is_resolved:bool',
    ],
  },
  {
    name: 'facility-service',
    dialect: 'mysql',
    orm: 'raw',
    database: 'nilecare',
    port: 7060,
    weight: 0.9,
    tables: [
      'facilities: name:str facility_code:str address:text phone:str facility_type:enum(hospital|clinic|lab|pharmacy) is_active:bool',
      'departments: facility_id:fk(facilities) name:str department_code:str head_user_id:str',
      'wards: department_id:fk(departments) name:str capacity:int',
      'beds: ward_id:fk(wards) bed_number:str status:enum(available|occupied|cleaning|maintenance) is_isolation:bool',
      'facility_settings: facility_id:fk(facilities) setting_key:str setting_value:text',
    ],
  },
  {
    name: 'lab-service',
    dialect: 'mysql',
    orm: 'raw',
    database: 'nilecare',
    port: 7080,
    weight: 1.1,
    tables: [
      'lab_panels: panel_code:str name:str turnaround_hours:int is_active:bool',
      'lab_orders: patient_id:str encounter_id:str panel_id:fk(lab_panels) ordered_by:str priority:enum(routine|urgent|stat) status:enum(ordered|collected|processing|resulted|cancelled) ordered_at:ts',
      'lab_specimens: lab_order_id:fk(lab_orders) specimen_type:str collected_by:str collected_at:ts',
      'lab_results: lab_order_id:fk(lab_orders) test_code:str result_value:str unit:str reference_range:str is_abnormal:bool resulted_at:ts',
      'lab_reference_ranges: test_code:str low_value:str high_value:str unit:str',
    ],
  },
  {
    name: 'medication-service',
    dialect: 'mysql',
    orm: 'raw',
    database: 'nilecare',
    port: 7090,
    weight: 1.0,
    tables: [
      'medications: name:str generic_name:str strength:str form:str atc_code:str is_controlled:bool',
      'prescriptions: patient_id:str medication_id:fk(medications) prescribed_by:str dosage:str frequency:str duration_days:int status:enum(active|completed|cancelled)',
      'medication_orders: prescription_id:fk(prescriptions) quantity:int status:enum(pending|dispensed|cancelled) ordered_at:ts',
      'dispensing_records: medication_order_id:fk(medication_orders) dispensed_by:str quantity:int dispensed_at:ts',
      'medication_administration: prescription_id:fk(prescriptions) administered_by:str dose_given:str administered_at:ts',
    ],
  },
  {
    name: 'inventory-service',
    dialect: 'mysql',
    orm: 'knex',
    database: 'nilecare',
    port: 7100,
    weight: 0.9,
    tables: [
      'inventory_locations: facility_id:str name:str location_code:str',
      'inventory_items: sku:str name:str category:str unit:str reorder_level:int is_active:bool',
      'stock_levels: item_id:fk(inventory_items) location_id:fk(inventory_locations) quantity:int updated_by:str',
      'inventory_transactions: item_id:fk(inventory_items) location_id:fk(inventory_locations) quantity:int transaction_type:enum(receipt|issue|transfer|adjustment) reference:str',
      'stock_adjustments: item_id:fk(inventory_items) quantity:int reason:text approved_by:str',
    ],
  },
  {
    name: 'appointment-service',
    dialect: 'mysql',
    orm: 'raw',
    database: 'nilecare_business',
    port: 7040,
    weight: 1.0,
    tables: [
      'provider_schedules: provider_id:str facility_id:str weekday:int starts_at:str ends_at:str',
      'appointment_slots: schedule_id:fk(provider_schedules) slot_start:ts slot_end:ts is_booked:bool',
      'appointments: patient_id:str provider_id:str facility_id:str slot_id:fk(appointment_slots) status:enum(pending|confirmed|completed|cancelled|no_show) reason:text scheduled_at:ts',
      'appointment_reminders: appointment_id:fk(appointments) channel:str send_at:ts sent_at:ts',
    ],
  },
  {
    name: 'cds-service',
    dialect: 'mysql',
    orm: 'raw',
    database: 'nilecare',
    port: 7110,
    weight: 0.7,
    tables: [
      'cds_rules: rule_code:str name:str expression:text severity:enum(info|warning|critical) is_active:bool',
      'drug_interactions: drug_a_code:str drug_b_code:str severity:enum(minor|moderate|major) description:text',
      'cds_alerts: rule_id:fk(cds_rules) patient_id:str encounter_id:str message:text acknowledged_by:str',
      'cds_overrides: alert_id:fk(cds_alerts) overridden_by:str reason:text',
    ],
  },
  {
    name: 'fhir-service',
    dialect: 'mysql',
    orm: 'mongo',
    database: 'fhir_resources',
    port: 7120,
    weight: 0.6,
    tables: [],
  },
  {
    name: 'hl7-service',
    dialect: 'mysql',
    orm: 'raw',
    database: 'nilecare',
    port: 7130,
    weight: 0.6,
    tables: [
      'hl7_channels: name:str host:str port:int is_active:bool',
      'hl7_messages: channel_id:fk(hl7_channels) message_type:str control_id:str raw_message:text status:enum(received|parsed|failed) received_at:ts',
      'hl7_acks: message_id:fk(hl7_messages) ack_code:str ack_message:text',
      'hl7_mappings: segment:str field_path:str target_column:str',
    ],
  },
  {
    name: 'main-nilecare',
    dialect: 'mysql',
    orm: 'raw',
    database: 'nilecare',
    port: 5000,
    weight: 1.5,
    tables: [],
  },
  {
    name: 'clinical-service',
    dialect: 'postgresql',
    orm: 'raw',
    database: 'clinical_data',
    port: 7140,
    weight: 1.3,
    tables: [
      'care_teams: patient_id:str team_name:str lead_provider_id:str',
      'clinical_tasks: care_team_id:fk(care_teams) title:str due_at:ts status:enum(open|done|cancelled)',
      'observation_codes: loinc_code:str display_name:str unit:str',
    ],
    root: {
      database: 'clinical_data',
      file: 'database/mysql/schema/clinical_data.sql',
      tables: [
        'patients: mrn:str first_name:str last_name:str date_of_birth:date gender:enum(male|female|other|unknown) phone:str email:str',
        'encounters: patient_id:fk(patients) facility_id:str encounter_type:enum(outpatient|inpatient|emergency) status:enum(planned|in_progress|finished|cancelled) started_at:ts ended_at:ts',
        'diagnoses: encounter_id:fk(encounters) patient_id:fk(patients) icd10_code:str description:text is_primary:bool',
        'allergies: patient_id:fk(patients) allergen:str reaction:text severity:enum(mild|moderate|severe)',
        'procedures: encounter_id:fk(encounters) cpt_code:str description:text performed_by:str performed_at:ts',
        'immunizations: patient_id:fk(patients) vaccine_code:str dose_number:int administered_at:ts',
        'clinical_notes: encounter_id:fk(encounters) author_id:str note_type:str body:text',
        'audit_log: table_name:str record_id:str action:enum(insert|update|delete) user_id:str new_values:json',
      ],
    },
  },
  {
    name: 'gateway-service',
    dialect: 'mysql',
    orm: 'raw',
    database: 'nilecare',
    port: 8080,
    weight: 0.8,
    tables: [],
  },
];

const EXTRA_DOMAINS = [
  'referral',
  'triage',
  'admission',
  'discharge',
  'consent',
  'reporting',
  'messaging',
  'document',
  'nutrition',
  'radiology',
  'surgery',
  'oncology',
  'dental',
  'maternity',
  'pediatrics',
  'telehealth',
  'analytics',
  'catalog',
  'pricing',
  'procurement',
  'staff',
  'roster',
  'payroll',
  'ambulance',
  'bloodbank',
  'feedback',
  'survey',
  'search',
  'imaging',
  'dialysis',
  'physio',
  'mental-health',
  'vaccination',
  'insurance',
  'transport',
  'housekeeping',
  'laundry',
  'kitchen',
  'security',
  'visitor',
  'hospice',
  'genetics',
  'cardiology',
  'neurology',
  'dermatology',
  'urology',
  'orthopedics',
  'ophthalmology',
  'audiology',
  'pathology',
  'toxicology',
  'sterilization',
  'wayfinding',
  'parking',
  'chaplaincy',
  'interpreter',
  'volunteer',
  'research',
  'trials',
  'biobank',
];
const EXTRA_QUALIFIERS = ['', 'core', 'sync', 'ops', 'hub', 'portal', 'worker', 'edge', 'batch', 'archive'];
const EXTRA_ENTITIES = [
  'requests',
  'records',
  'events',
  'schedules',
  'assignments',
  'documents',
  'reviews',
  'approvals',
  'tasks',
  'notes',
  'attachments',
  'batches',
  'settings',
  'templates',
  'reports',
  'queues',
  'rules',
  'contacts',
];
const EXTRA_COLUMNS = [
  'title:str',
  'reference_code:str',
  'description:text',
  'amount:money',
  'quantity:int',
  'priority:enum(low|normal|high|urgent)',
  'status:enum(pending|active|completed|cancelled)',
  'is_active:bool',
  'due_on:date',
  'started_at:ts',
  'finished_at:ts',
  'payload:json',
  'patient_id:str',
  'facility_id:str',
  'requested_by:str',
  'approved_by:str',
];

function extraService(rng: Rng, index: number): CoreSpec {
  const domain = EXTRA_DOMAINS[index % EXTRA_DOMAINS.length];
  const qualifier = EXTRA_QUALIFIERS[Math.floor(index / EXTRA_DOMAINS.length) % EXTRA_QUALIFIERS.length];
  const base = qualifier ? `${domain}-${qualifier}` : domain;
  const snake = base.replace(/-/g, '_');
  const entities = rng.shuffle([...EXTRA_ENTITIES]).slice(0, rng.int(3, 7));
  const tables = entities.map((entity, i) => {
    const cols = rng.shuffle([...EXTRA_COLUMNS]).slice(0, rng.int(4, 8));
    if (i > 0) {
      const parent = entities[rng.int(0, i - 1)];
      cols.unshift(`${singular(parent)}_id:fk(${snake}_${parent})`);
    }
    return `${snake}_${entity}: ${cols.join(' ')}`;
  });
  const dialect: Dialect = rng.chance(0.6) ? 'mysql' : 'postgresql';
  const orms: Orm[] = dialect === 'mysql' ? ['raw', 'raw', 'raw', 'knex', 'sequelize'] : ['raw', 'raw', 'typeorm', 'prisma', 'knex'];
  return {
    name: `${base}-service`,
    dialect,
    orm: rng.pick(orms),
    database: `nilecare_${snake}`,
    port: 7200 + index,
    weight: 0.6 + rng.next() * 0.8,
    tables,
  };
}

const MIN_SERVICE_FILES = 12;

/** Services for a code-file count: the audit's 18 at ~600 files, more domain services above. */
export function makeServices(rng: Rng, codeFiles: number): Service[] {
  const count = Math.max(CORE.length, Math.round(CORE.length * Math.sqrt(codeFiles / 600)));
  const specs = [...CORE];
  for (let i = 0; specs.length < count; i++) specs.push(extraService(rng, i));
  const services = specs.map((spec, i): Service => ({
    name: spec.name,
    dir: `microservices/${spec.name}`,
    dialect: spec.dialect,
    orm: spec.orm,
    database: spec.database,
    tables: spec.tables.map(table),
    rootTables: spec.root?.tables.map(table) ?? [],
    rootHome: spec.root ? { database: spec.root.database, file: spec.root.file } : undefined,
    port: spec.port,
    codeFiles: 0,
    core: i < CORE.length,
  }));
  // Each service needs a dozen files for its plants (a repository, routes, services, …): below
  // that the trimming loop further down could never reach the total, and ran forever.
  if (codeFiles < MIN_SERVICE_FILES * services.length)
    throw new Error(
      `the realistic profile needs at least ${MIN_SERVICE_FILES} code files for each of its ${services.length} services: ` +
        `${codeFiles} are left after the shared packages; ask for a larger size`,
    );
  const weights = specs.map((s) => s.weight);
  const sum = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  services.forEach((s, i) => {
    s.codeFiles = Math.max(MIN_SERVICE_FILES, Math.floor((weights[i] / sum) * codeFiles));
    assigned += s.codeFiles;
  });
  for (let k = 0; assigned < codeFiles; k++, assigned++) services[k % services.length].codeFiles++;
  for (let k = 0; assigned > codeFiles; k++) {
    const s = services[k % services.length];
    if (s.codeFiles > MIN_SERVICE_FILES) {
      s.codeFiles--;
      assigned--;
    }
  }
  return services;
}

/** Every table a service owns (its migrations' and its root schema file's). */
export function ownTables(service: Service): Table[] {
  return [...service.tables, ...service.rootTables];
}
