/**
 * PostgreSQL folds a name written without quotes to lower case (HELDOUT12 #10, PostGIS topology's `SRID INTEGER`): one
 * written in capitals only is its lower-case name for every naming rule; quoted (`"SRID"`) it keeps its case, and
 * MySQL stores column and index names as written. A mixed-case unquoted name (`noteText`) is judged as written.
 */
import foreignKeyColumnName from '../../rules/foreign-key-column-name.js';
import identifierCase from '../../rules/identifier-case.js';
import indexName from '../../rules/index-name.js';
import timestampColumns from '../../rules/timestamp-columns.js';
import { ruleTester } from '../rule-tester.js';

const pg = { dialect: 'postgresql' as const, services: [{ name: 'gis', roots: ['services/gis'] }] };
const mysql = { dialect: 'mysql' as const, services: [{ name: 'gis', roots: ['services/gis'] }] };

const TOPOLOGY = [
  'CREATE TABLE gis_topology (',
  '  id SERIAL NOT NULL PRIMARY KEY,',
  '  name VARCHAR NOT NULL UNIQUE,',
  '  SRID INTEGER NOT NULL,',
  '  created_at timestamptz NOT NULL,',
  '  updated_at timestamptz NOT NULL',
  ');',
].join('\n');
const SHOUTED = [
  'CREATE TABLE GIS_LAYERS (ID SERIAL PRIMARY KEY, TOPOLOGY_ID INTEGER NOT NULL REFERENCES gis_topology (id), CREATED_AT timestamptz NOT NULL, UPDATED_AT timestamptz NOT NULL);',
  'CREATE INDEX IDX_GIS_LAYERS_TOPOLOGY_ID ON GIS_LAYERS (TOPOLOGY_ID);',
].join('\n');

ruleTester.run(identifierCase, {
  valid: [
    {
      name: 'an unquoted upper-case column in PostgreSQL is its lower-case name',
      filename: 'services/gis/migrations/V1__topology.sql',
      code: TOPOLOGY,
      config: pg,
    },
    { name: 'unquoted upper-case tables and columns', filename: 'services/gis/migrations/V2__layers.sql', code: SHOUTED, config: pg },
  ],
  invalid: [
    {
      name: 'quoted, the name keeps its capitals',
      filename: 'services/gis/migrations/V1__topology.sql',
      code: TOPOLOGY.replace('SRID INTEGER', '"SRID" INTEGER'),
      config: pg,
      errors: [{ messageId: 'column', line: 4, column: 3, endLine: 4, endColumn: 9 }],
    },
    {
      name: 'MySQL stores the column as written',
      filename: 'services/gis/migrations/V1__topology.sql',
      code: TOPOLOGY.replace('SERIAL', 'INT AUTO_INCREMENT')
        .replace(/timestamptz/g, 'DATETIME')
        .replace('VARCHAR', 'VARCHAR(64)'),
      config: mysql,
      errors: [{ messageId: 'column', line: 4, column: 3, endLine: 4, endColumn: 7 }],
    },
    {
      name: 'a mixed-case unquoted name is judged as written: folded, its word boundaries are lost',
      filename: 'services/gis/migrations/V1__topology.sql',
      code: TOPOLOGY.replace('SRID INTEGER', 'spatialRefId INTEGER'),
      config: pg,
      errors: [{ messageId: 'column', line: 4, column: 3, endLine: 4, endColumn: 15 }],
    },
  ],
});

const files = { 'services/gis/migrations/V1__topology.sql': TOPOLOGY };

ruleTester.run(timestampColumns, {
  valid: [
    { name: 'CREATED_AT unquoted is created_at', filename: 'services/gis/migrations/V2__layers.sql', code: SHOUTED, files, config: pg },
  ],
  invalid: [
    {
      name: '"CREATED_AT" quoted is another column',
      filename: 'services/gis/migrations/V2__layers.sql',
      code: SHOUTED.replace('CREATED_AT', '"CREATED_AT"'),
      files,
      config: pg,
      errors: [{ messageId: 'misspelled', line: 1, column: 108, endLine: 1, endColumn: 120 }],
    },
  ],
});

ruleTester.run(foreignKeyColumnName, {
  valid: [
    { name: 'TOPOLOGY_ID unquoted is topology_id', filename: 'services/gis/migrations/V2__layers.sql', code: SHOUTED, files, config: pg },
  ],
  invalid: [
    {
      name: '"TOPOLOGY_ID" quoted is not snake_case',
      filename: 'services/gis/migrations/V2__layers.sql',
      code: SHOUTED.replace('TOPOLOGY_ID INTEGER', '"TOPOLOGY_ID" INTEGER').replace('(TOPOLOGY_ID)', '("TOPOLOGY_ID")'),
      files,
      config: pg,
      errors: [{ messageId: 'notSnakeCase', line: 1, column: 49, endLine: 1, endColumn: 62 }],
    },
  ],
});

ruleTester.run(indexName, {
  valid: [
    {
      name: 'IDX_GIS_LAYERS_TOPOLOGY_ID unquoted is idx_gis_layers_topology_id',
      filename: 'services/gis/migrations/V2__layers.sql',
      code: SHOUTED,
      files,
      config: pg,
    },
  ],
  invalid: [
    {
      name: 'in MySQL the index keeps its capitals',
      filename: 'services/gis/migrations/V2__layers.sql',
      code: 'CREATE TABLE gis_layers (id INT PRIMARY KEY, topology_id INT NOT NULL);\nCREATE INDEX IDX_GIS_LAYERS_TOPOLOGY_ID ON gis_layers (topology_id);',
      config: mysql,
      errors: [{ messageId: 'badPrefix', line: 2, column: 14, endLine: 2, endColumn: 40 }],
    },
  ],
});
