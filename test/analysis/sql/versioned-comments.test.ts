import { describe, expect, it } from 'vitest';
import { analyzeSql, initSqlParsers } from '../../../src/analysis/sql/index.js';
import { slice } from './helpers.js';

await initSqlParsers();

describe("mysqldump's executable comments (`/*!50001 … */`) are SQL MySQL runs", () => {
  const dump = [
    '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;',
    '/*!40101 SET NAMES utf8mb4 */;',
    'DROP TABLE IF EXISTS `v_totals`;',
    '/*!50001 CREATE VIEW `v_totals` AS SELECT',
    ' 1 AS `order_id`*/;',
    'LOCK TABLES `invoices` WRITE;',
    '/*!40000 ALTER TABLE `invoices` DISABLE KEYS */;',
    'UNLOCK TABLES;',
    'DELIMITER ;;',
    '/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER `trg_bi` BEFORE INSERT ON `invoices` FOR EACH ROW BEGIN',
    '  INSERT INTO `audit_log` (`at`) VALUES (NOW());',
    'END */;;',
    'DELIMITER ;',
    '/*!50001 DROP VIEW IF EXISTS `v_totals`*/;',
    '/*!50001 CREATE ALGORITHM=UNDEFINED */',
    '/*!50013 DEFINER=`root`@`%` SQL SECURITY DEFINER */',
    '/*!50001 VIEW `v_totals` AS select `i`.`order_id` AS `order_id` from (`invoices` `i` join `orders` `o` on((`o`.`id` = `i`.`order_id`))) */;',
    '/*M!999999\\- enable the sandbox mode */',
  ].join('\n');
  const statements = analyzeSql(dump, 'mysql').statements;

  it('every statement is read, none is a parse error, each keeps its text as written', () => {
    expect(statements.filter((s) => s.parseError)).toEqual([]);
    const view = statements.filter((s) => s.kind === 'create_view');
    expect(view.map((s) => s.text.slice(0, 15))).toEqual(['CREATE VIEW `v_', 'CREATE ALGORITH']);
    expect(view.map((s) => s.views.map((v) => slice(dump, v.span)))).toEqual([['`v_totals`'], ['`v_totals`']]);
  });

  it("the final view's tables are read at their places inside the comment", () => {
    const view = statements.filter((s) => s.kind === 'create_view')[1];
    const invoices = dump.indexOf('`invoices` `i`');
    const orders = dump.indexOf('`orders`');
    expect(view.tableRefs.map((r) => [r.action, r.name, r.span])).toEqual([
      ['select', 'invoices', { start: invoices, end: invoices + '`invoices`'.length }],
      ['select', 'orders', { start: orders, end: orders + '`orders`'.length }],
    ]);
  });

  it("the trigger fires on its table, and its body's writes are read", () => {
    const trigger = statements.find((s) => s.trigger);
    expect(trigger && slice(dump, trigger.trigger!.span)).toBe('`invoices`');
    expect(trigger?.tableRefs.map((r) => [r.action, slice(dump, r.span)])).toContainEqual(['insert', '`audit_log`']);
  });

  it('DISABLE KEYS is an ALTER TABLE of the dumped table', () => {
    const alter = statements.find((s) => s.kind === 'alter_table');
    expect(alter?.tableRefs.map((r) => [r.action, slice(dump, r.span)])).toEqual([['alter', '`invoices`']]);
  });

  it('a broken statement inside an executable comment is located there', () => {
    const sql = 'SELECT 1;\n/*!50001 CREATE VIEW v AS SELECT * FROM t WHERE WHERE id = 1 */;';
    const bad = analyzeSql(sql, 'mysql').statements[1];
    // Where node-sql-parser stops on the same statement written without the comment.
    expect(bad.parseError?.span).toEqual({ start: sql.indexOf('id = 1'), end: sql.indexOf('id = 1') + 2 });
  });

  it('PostgreSQL reads `/*!` as the comment it is there', () => {
    const st = analyzeSql('/*!50001 CREATE VIEW v AS SELECT 1 */ SELECT 2', 'postgresql').statements;
    expect(st.map((s) => s.kind)).toEqual(['select']);
  });
});
