-- MySQL 8.0 views, stored routines, triggers and events as migrations ship them, written for this corpus.

CREATE VIEW v_active_accounts AS SELECT id, email, display_name FROM accounts WHERE status = 'active';
CREATE OR REPLACE VIEW v_invoice_totals (account_id, invoices, total_cents) AS SELECT account_id, COUNT(*), SUM(total_cents) FROM invoices GROUP BY account_id;
CREATE OR REPLACE ALGORITHM = MERGE DEFINER = CURRENT_USER SQL SECURITY INVOKER VIEW v_open_invoices AS SELECT i.id, i.number, a.email FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE i.paid_at IS NULL;
CREATE ALGORITHM=TEMPTABLE DEFINER=`app`@`%` SQL SECURITY DEFINER VIEW `v_daily_revenue` AS select cast(`p`.`paid_at` as date) AS `day`, sum(`p`.`amount_cents`) AS `cents` from `payments` `p` group by cast(`p`.`paid_at` as date);
CREATE VIEW v_recent_orders AS SELECT * FROM orders WHERE placed_at > NOW() - INTERVAL 7 DAY WITH CHECK OPTION;
CREATE VIEW v_big_orders AS SELECT id, total FROM v_recent_orders WHERE total > 1000 WITH CASCADED CHECK OPTION;
CREATE VIEW v_eu_regions AS SELECT code, name FROM regions WHERE code IN ('DE', 'FR', 'IT') WITH LOCAL CHECK OPTION;
CREATE VIEW v_top_products AS WITH ranked AS (SELECT product_id, SUM(quantity) AS qty, RANK() OVER (ORDER BY SUM(quantity) DESC) AS rnk FROM invoice_lines l JOIN products p ON p.sku = l.description GROUP BY product_id) SELECT product_id, qty FROM ranked WHERE rnk <= 10;
CREATE VIEW v_json_products AS SELECT p.id, jt.color FROM products p, JSON_TABLE(p.attributes, '$.colors[*]' COLUMNS (color VARCHAR(20) PATH '$')) AS jt;
ALTER VIEW v_active_accounts AS SELECT id, email, display_name, created_at FROM accounts WHERE status = 'active';
ALTER ALGORITHM = UNDEFINED SQL SECURITY INVOKER VIEW v_open_invoices AS SELECT id, number FROM invoices WHERE paid_at IS NULL;
DROP VIEW IF EXISTS v_big_orders, v_recent_orders;
DROP VIEW v_eu_regions;

DELIMITER $$
CREATE PROCEDURE close_account(IN p_account_id BIGINT UNSIGNED)
BEGIN
  UPDATE accounts SET status = 'closed' WHERE id = p_account_id;
  DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = CONCAT('acct-', p_account_id));
END$$
DELIMITER ;

DELIMITER //
CREATE DEFINER=`admin`@`localhost` PROCEDURE transfer_funds(IN p_from BIGINT, IN p_to BIGINT, IN p_amount DECIMAL(19,4), OUT p_ok BOOLEAN)
    MODIFIES SQL DATA
    COMMENT 'moves money between two ledger accounts'
BEGIN
  DECLARE v_balance DECIMAL(19,4) DEFAULT 0;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    SET p_ok = FALSE;
  END;
  START TRANSACTION;
  SELECT balance_after INTO v_balance FROM ledger_entries WHERE account_id = p_from ORDER BY id DESC LIMIT 1 FOR UPDATE;
  IF v_balance < p_amount THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'insufficient funds', MYSQL_ERRNO = 1644;
  END IF;
  INSERT INTO ledger_entries (account_id, entry_type, amount, balance_after) VALUES (p_from, 'debit', p_amount, v_balance - p_amount);
  INSERT INTO ledger_entries (account_id, entry_type, amount, balance_after) VALUES (p_to, 'credit', p_amount, p_amount);
  COMMIT;
  SET p_ok = TRUE;
END //
DELIMITER ;

DELIMITER $$
CREATE PROCEDURE IF NOT EXISTS purge_sessions(IN p_before DATETIME, OUT p_deleted INT)
BEGIN
  DELETE FROM sessions WHERE expires_at < p_before;
  SET p_deleted = ROW_COUNT();
END$$
DELIMITER ;

DELIMITER $$
CREATE PROCEDURE rebuild_totals()
BEGIN
  DECLARE done INT DEFAULT FALSE;
  DECLARE v_account BIGINT;
  DECLARE cur CURSOR FOR SELECT id FROM accounts;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;
  OPEN cur;
  read_loop: LOOP
    FETCH cur INTO v_account;
    IF done THEN
      LEAVE read_loop;
    END IF;
    REPLACE INTO account_totals (account_id, total_cents)
      SELECT v_account, COALESCE(SUM(total_cents), 0) FROM invoices WHERE account_id = v_account;
  END LOOP;
  CLOSE cur;
END$$
DELIMITER ;

DELIMITER $$
CREATE PROCEDURE add_column_if_missing(IN p_table VARCHAR(64), IN p_column VARCHAR(64), IN p_definition TEXT)
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = p_table AND column_name = p_column) THEN
    SET @ddl = CONCAT('ALTER TABLE `', p_table, '` ADD COLUMN `', p_column, '` ', p_definition);
    PREPARE stmt FROM @ddl;
    EXECUTE stmt;
    DEALLOCATE PREPARE stmt;
  END IF;
END$$
DELIMITER ;

DELIMITER $$
CREATE PROCEDURE report_errors()
BEGIN
  DECLARE v_code CHAR(5) DEFAULT '00000';
  DECLARE v_msg TEXT;
  DECLARE CONTINUE HANDLER FOR SQLEXCEPTION
  BEGIN
    GET DIAGNOSTICS CONDITION 1 v_code = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT;
  END;
  INSERT INTO audit_log (message) VALUES ('start');
  IF v_code <> '00000' THEN
    INSERT INTO audit_log (message) VALUES (CONCAT('failed: ', v_code, ' ', v_msg));
  END IF;
END$$
DELIMITER ;

DELIMITER $$
CREATE PROCEDURE batch_archive(IN p_days INT)
BEGIN
  DECLARE v_rows INT DEFAULT 1;
  WHILE v_rows > 0 DO
    DELETE FROM audit_log WHERE at < NOW() - INTERVAL p_days DAY LIMIT 1000;
    SET v_rows = ROW_COUNT();
  END WHILE;
  REPEAT
    SET v_rows = v_rows + 1;
  UNTIL v_rows >= 3 END REPEAT;
END$$
DELIMITER ;

DELIMITER $$
CREATE PROCEDURE classify_order(IN p_total DECIMAL(12,2), OUT p_class VARCHAR(10))
DETERMINISTIC
BEGIN
  CASE
    WHEN p_total >= 1000 THEN SET p_class = 'large';
    WHEN p_total >= 100 THEN SET p_class = 'medium';
    ELSE SET p_class = 'small';
  END CASE;
END$$
DELIMITER ;

DELIMITER $$
CREATE FUNCTION invoice_balance(p_invoice CHAR(36)) RETURNS BIGINT
    READS SQL DATA
    DETERMINISTIC
BEGIN
  DECLARE v_total BIGINT;
  DECLARE v_paid BIGINT;
  SELECT total_cents INTO v_total FROM invoices WHERE id = p_invoice;
  SELECT COALESCE(SUM(amount_cents), 0) INTO v_paid FROM payments WHERE invoice_id = p_invoice;
  RETURN v_total - v_paid;
END$$
DELIMITER ;

DELIMITER $$
CREATE DEFINER = CURRENT_USER FUNCTION slugify(p_text VARCHAR(255)) RETURNS VARCHAR(255) CHARSET utf8mb4
NO SQL DETERMINISTIC
RETURN LOWER(REGEXP_REPLACE(TRIM(p_text), '[^A-Za-z0-9]+', '-'))$$
DELIMITER ;

CREATE FUNCTION cents_to_amount(p_cents BIGINT) RETURNS DECIMAL(19,2) DETERMINISTIC RETURN p_cents / 100;
CREATE FUNCTION IF NOT EXISTS full_name(p_first VARCHAR(100), p_last VARCHAR(100)) RETURNS VARCHAR(201) DETERMINISTIC NO SQL RETURN CONCAT_WS(' ', p_first, p_last);

DELIMITER ;;
CREATE TRIGGER trg_accounts_audit_update AFTER UPDATE ON accounts
FOR EACH ROW
BEGIN
  IF NOT (OLD.status <=> NEW.status) THEN
    INSERT INTO audit.changes (table_name, row_pk, action, old_row, new_row)
    VALUES ('accounts', NEW.id, 'update', JSON_OBJECT('status', OLD.status), JSON_OBJECT('status', NEW.status));
  END IF;
END;;
DELIMITER ;

DELIMITER $$
CREATE TRIGGER trg_invoices_before_insert BEFORE INSERT ON invoices FOR EACH ROW
BEGIN
  IF NEW.number IS NULL OR NEW.number = '' THEN
    SET NEW.number = CONCAT('INV-', DATE_FORMAT(NOW(), '%Y%m%d'), '-', LPAD(FLOOR(RAND() * 100000), 5, '0'));
  END IF;
  SET NEW.currency = UPPER(NEW.currency);
END$$
DELIMITER ;

CREATE TRIGGER trg_lines_before_update BEFORE UPDATE ON invoice_lines FOR EACH ROW SET NEW.quantity = GREATEST(NEW.quantity, 0);
CREATE DEFINER=`app`@`%` TRIGGER trg_payments_after_insert AFTER INSERT ON payments FOR EACH ROW UPDATE invoices SET paid_at = NEW.paid_at WHERE id = NEW.invoice_id;
CREATE TRIGGER IF NOT EXISTS trg_products_delete BEFORE DELETE ON products FOR EACH ROW INSERT INTO audit.changes (table_name, row_pk, action, old_row) VALUES ('products', OLD.id, 'delete', JSON_OBJECT('sku', OLD.sku));

DELIMITER $$
CREATE TRIGGER trg_patients_guard BEFORE DELETE ON patients FOR EACH ROW
BEGIN
  DECLARE v_count INT;
  SELECT COUNT(*) INTO v_count FROM appointments WHERE patient_id = OLD.id AND starts_at > NOW();
  IF v_count > 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'patient has future appointments';
  END IF;
END$$
DELIMITER ;

CREATE EVENT IF NOT EXISTS ev_purge_sessions ON SCHEDULE EVERY 1 HOUR STARTS CURRENT_TIMESTAMP + INTERVAL 5 MINUTE DO DELETE FROM sessions WHERE expires_at < NOW();
CREATE EVENT ev_nightly_rollup ON SCHEDULE EVERY 1 DAY STARTS '2024-01-01 02:00:00' ON COMPLETION PRESERVE ENABLE COMMENT 'daily metrics' DO CALL rebuild_totals();
CREATE EVENT ev_one_off ON SCHEDULE AT CURRENT_TIMESTAMP + INTERVAL 1 DAY ON COMPLETION NOT PRESERVE DO UPDATE feature_flags SET enabled = FALSE WHERE name = 'beta-banner';

DELIMITER $$
CREATE EVENT ev_archive_logs ON SCHEDULE EVERY 1 WEEK DO
BEGIN
  INSERT INTO audit_log_archive SELECT * FROM audit_log WHERE at < NOW() - INTERVAL 90 DAY;
  DELETE FROM audit_log WHERE at < NOW() - INTERVAL 90 DAY;
END$$
DELIMITER ;

ALTER EVENT ev_purge_sessions ON SCHEDULE EVERY 30 MINUTE;
ALTER EVENT ev_nightly_rollup DISABLE;
ALTER EVENT ev_one_off RENAME TO ev_disable_banner;
ALTER PROCEDURE close_account COMMENT 'closes an account and its sessions' SQL SECURITY INVOKER;
ALTER FUNCTION slugify COMMENT 'url slug';
CALL close_account(42);
CALL transfer_funds(1, 2, 10.00, @ok);
CALL rebuild_totals;
SELECT invoice_balance('0b8f3a6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b') AS balance, @ok AS ok;
DROP PROCEDURE IF EXISTS purge_sessions;
DROP FUNCTION IF EXISTS cents_to_amount;
DROP TRIGGER IF EXISTS trg_lines_before_update;
DROP TRIGGER billing.trg_payments_after_insert;
DROP EVENT IF EXISTS ev_disable_banner;
