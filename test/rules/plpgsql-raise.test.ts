/**
 * Inside a plpgsql body, `FOR r IN SELECT … FROM t LOOP` ends its query at LOOP, and `RAISE … 'fmt', args` is a
 * statement whose format string is text and whose arguments are expressions (HELDOUT12 #7, pg-replication's
 * `RAISE WARNING $$… re-deploy using x.deploy('%')$$, v_rec.set_name;`): no table is read from them.
 */
import rule from '../../rules/unknown-table.js';
import { ruleTester } from '../rule-tester.js';

const config = { dialect: 'postgresql' as const, services: [{ name: 'a', roots: ['services/a'] }] };

ruleTester.run(rule, {
  valid: [
    {
      name: 'a RAISE after a FOR … IN SELECT … LOOP names no table, dollar-quoted or quoted',
      filename: 'services/a/migrations/V1__a.sql',
      code: [
        'CREATE TABLE a_items (id int PRIMARY KEY);',
        'DO $BUILD$',
        'DECLARE v_rec record;',
        'BEGIN',
        'FOR v_rec IN SELECT id AS set_name FROM a_items LOOP',
        "RAISE WARNING $$Objects changed - you must manually re-deploy using a.deploy('%')$$, v_rec.set_name;",
        "RAISE NOTICE 'read from %', v_rec.set_name USING HINT = 'from the items';",
        'END LOOP;',
        'END',
        '$BUILD$;',
      ].join('\n'),
      config,
    },
  ],
  invalid: [
    {
      name: "the FOR query's own tables and a subquery in a RAISE argument are still read",
      filename: 'services/a/migrations/V1__a.sql',
      code: [
        'CREATE TABLE a_items (id int PRIMARY KEY);',
        'DO $$',
        'DECLARE v_rec record;',
        'BEGIN',
        '  FOR v_rec IN SELECT i.id FROM a_items i, item_sets s LOOP',
        "    RAISE NOTICE 'items: %', (SELECT count(*) FROM totals), v_rec.id;",
        '  END LOOP;',
        'END',
        '$$;',
      ].join('\n'),
      config,
      errors: [
        { messageId: 'unknownTable', line: 5, column: 44, endLine: 5, endColumn: 53 },
        { messageId: 'unknownTable', line: 6, column: 52, endLine: 6, endColumn: 58 },
      ],
    },
  ],
});
