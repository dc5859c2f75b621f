import { describe, expect, it } from 'vitest';
import { pluralize, underscore } from '../../../src/analysis/typescript/inflection.js';

// Expected values are inflection 1.13.4's own output (the version Sequelize 6 requires), quirks included.
describe('inflection port (Sequelize default table names)', () => {
  it('pluralize', () => {
    const cases: Array<[string, string]> = [
      ['Invoice', 'Invoices'],
      ['Category', 'Categories'],
      ['Address', 'Addresses'],
      ['Person', 'People'],
      ['Woman', 'Women'],
      ['Child', 'Children'],
      ['Ox', 'Oxen'],
      ['Axis', 'Axes'],
      ['Octopus', 'Octopuses'],
      ['Status', 'Statuses'],
      ['Bus', 'Buses'],
      ['Bonus', 'Bonuses'],
      ['Tomato', 'Tomatoes'],
      ['Medium', 'Media'],
      ['Diagnosis', 'Diagnoses'],
      ['Knife', 'Knives'],
      ['Leaf', 'Leafs'],
      ['Wolf', 'Wolves'],
      ['Staff', 'Staffs'],
      ['Archive', 'Archives'],
      ['Query', 'Queries'],
      ['Day', 'Days'],
      ['Matrix', 'Matrices'],
      ['Index', 'Indices'],
      ['Box', 'Boxes'],
      ['Church', 'Churches'],
      ['Mouse', 'Mice'],
      ['Foot', 'feet'],
      ['Quiz', 'Quizzes'],
      ['Criterion', 'Criteria'],
      ['Genus', 'genera'],
      ['Equipment', 'Equipment'],
      ['Information', 'Information'],
      ['News', 'News'],
      ['Sheep', 'Sheep'],
      ['Invoices', 'Invoices'],
      ['People', 'People'],
      ['Data', 'Data'],
      ['Analyses', 'Analyses'],
      ['Databases', 'Databases'],
      ['LabResult', 'LabResults'],
      ['UserInformation', 'UserInformations'],
    ];
    expect(cases.map(([word]) => [word, pluralize(word)])).toEqual(cases);
  });

  it('underscore', () => {
    const cases: Array<[string, string]> = [
      ['InvoiceItems', 'invoice_items'],
      ['LabResults', 'lab_results'],
      ['HTTPRequests', 'h_t_t_p_requests'],
      ['People', 'people'],
      ['Admin::UserRoles', 'admin/user_roles'],
    ];
    expect(cases.map(([word]) => [word, underscore(word)])).toEqual(cases);
  });
});
