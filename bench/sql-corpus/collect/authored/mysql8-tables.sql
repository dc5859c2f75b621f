-- MySQL 8.0 CREATE TABLE statements of the kinds service migrations use, written for this corpus
-- from the MySQL 8.0 reference syntax (not copied from any manual or test suite).

CREATE DATABASE IF NOT EXISTS billing DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE SCHEMA IF NOT EXISTS audit CHARACTER SET = utf8mb4;
CREATE DATABASE reporting;
ALTER DATABASE billing CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
ALTER SCHEMA audit DEFAULT COLLATE utf8mb4_bin;
DROP DATABASE IF EXISTS reporting;
USE billing;

CREATE TABLE accounts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  email VARCHAR(255) NOT NULL,
  display_name VARCHAR(120) NULL,
  status ENUM('active', 'suspended', 'closed') NOT NULL DEFAULT 'active',
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_accounts_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE IF NOT EXISTS invoices (
  id CHAR(36) NOT NULL DEFAULT (UUID()),
  account_id BIGINT UNSIGNED NOT NULL,
  number VARCHAR(32) NOT NULL,
  total_cents BIGINT NOT NULL DEFAULT 0,
  currency CHAR(3) NOT NULL DEFAULT 'USD',
  issued_on DATE NOT NULL DEFAULT (CURRENT_DATE),
  due_on DATE GENERATED ALWAYS AS (issued_on + INTERVAL 30 DAY) VIRTUAL,
  metadata JSON NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_invoices_number (number),
  KEY idx_invoices_account (account_id),
  CONSTRAINT fk_invoices_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT chk_invoices_total CHECK (total_cents >= 0)
) ENGINE=InnoDB;

CREATE TABLE invoice_lines (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  invoice_id CHAR(36) NOT NULL,
  line_no SMALLINT UNSIGNED NOT NULL,
  description VARCHAR(500) NOT NULL,
  quantity DECIMAL(12,3) NOT NULL DEFAULT 1.000,
  unit_price_cents BIGINT NOT NULL,
  amount_cents BIGINT AS (ROUND(quantity * unit_price_cents)) STORED,
  UNIQUE INDEX uk_invoice_lines (invoice_id, line_no),
  FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE CASCADE
);

CREATE TABLE users (
  id BINARY(16) NOT NULL DEFAULT (UUID_TO_BIN(UUID(), 1)),
  username VARCHAR(64) NOT NULL,
  password_hash VARBINARY(255) NOT NULL,
  is_admin TINYINT(1) NOT NULL DEFAULT 0,
  last_login_at DATETIME(3) NULL,
  deleted_at DATETIME NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_users_username (username)
);

CREATE TABLE sessions (
  token CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  user_id BINARY(16) NOT NULL,
  expires_at DATETIME NOT NULL,
  ip VARBINARY(16) NULL,
  user_agent TEXT,
  INDEX idx_sessions_user (user_id),
  INDEX idx_sessions_expiry (expires_at)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC COMMENT='login sessions';

CREATE TABLE products (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  sku VARCHAR(40) NOT NULL UNIQUE,
  name VARCHAR(200) NOT NULL,
  description MEDIUMTEXT,
  price DECIMAL(10,2) NOT NULL CHECK (price >= 0),
  attributes JSON NOT NULL DEFAULT (JSON_OBJECT()),
  tags JSON DEFAULT (JSON_ARRAY()),
  weight_grams INT UNSIGNED DEFAULT NULL COMMENT 'shipping weight',
  created_at DATETIME NOT NULL DEFAULT NOW(),
  FULLTEXT KEY ftidx_products_text (name, description)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE product_prices (
  product_id INT UNSIGNED NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE NULL,
  price DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (product_id, valid_from),
  CONSTRAINT fk_product_prices_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT chk_product_prices_range CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE orders (
  id BIGINT NOT NULL AUTO_INCREMENT,
  customer_id BIGINT NOT NULL,
  placed_at DATETIME NOT NULL,
  status VARCHAR(20) NOT NULL DEFAULT 'new',
  total DECIMAL(12,2) NOT NULL DEFAULT '0.00',
  PRIMARY KEY (id, placed_at)
) PARTITION BY RANGE COLUMNS (placed_at) (
  PARTITION p2023 VALUES LESS THAN ('2024-01-01'),
  PARTITION p2024 VALUES LESS THAN ('2025-01-01'),
  PARTITION pmax VALUES LESS THAN (MAXVALUE)
);

CREATE TABLE events_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id INT NOT NULL,
  payload JSON,
  PRIMARY KEY (id, tenant_id)
) PARTITION BY HASH (tenant_id) PARTITIONS 8;

CREATE TABLE metrics_daily (
  day DATE NOT NULL,
  metric VARCHAR(64) NOT NULL,
  value DOUBLE NOT NULL,
  PRIMARY KEY (day, metric)
) ENGINE=InnoDB PARTITION BY RANGE (TO_DAYS(day)) (
  PARTITION p0 VALUES LESS THAN (TO_DAYS('2024-07-01')),
  PARTITION p1 VALUES LESS THAN (TO_DAYS('2025-01-01')),
  PARTITION p2 VALUES LESS THAN MAXVALUE
);

CREATE TABLE regions (
  code CHAR(2) NOT NULL,
  name VARCHAR(80) NOT NULL,
  PRIMARY KEY (code)
) PARTITION BY LIST COLUMNS (code) (
  PARTITION p_eu VALUES IN ('DE', 'FR', 'IT'),
  PARTITION p_other VALUES IN ('US', 'CA', 'BR')
);

CREATE TABLE shipments (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT NOT NULL,
  carrier VARCHAR(40) NOT NULL,
  tracking_no VARCHAR(64) INVISIBLE,
  shipped_at DATETIME,
  delivered_at DATETIME,
  KEY idx_shipments_order (order_id) INVISIBLE
);

CREATE TABLE locations (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  position POINT NOT NULL SRID 4326,
  area POLYGON NULL,
  SPATIAL INDEX idx_locations_position (position)
);

CREATE TABLE customer_emails (
  customer_id BIGINT NOT NULL,
  email VARCHAR(320) NOT NULL,
  is_primary BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (customer_id, email),
  INDEX idx_customer_emails_lower ((LOWER(email)))
);

CREATE TABLE documents (
  id INT PRIMARY KEY AUTO_INCREMENT,
  doc JSON NOT NULL,
  title VARCHAR(200) GENERATED ALWAYS AS (doc->>'$.title') STORED,
  author_id INT AS (CAST(doc->'$.author.id' AS UNSIGNED)) VIRTUAL,
  INDEX idx_documents_author (author_id),
  INDEX idx_documents_tags ((CAST(doc->'$.tags' AS CHAR(32) ARRAY)))
);

CREATE TEMPORARY TABLE tmp_import (
  line_no INT NOT NULL,
  raw TEXT NOT NULL
) ENGINE=MEMORY;

CREATE TABLE IF NOT EXISTS audit.changes (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  table_name VARCHAR(64) NOT NULL,
  row_pk VARCHAR(64) NOT NULL,
  action ENUM('insert','update','delete') NOT NULL,
  old_row JSON,
  new_row JSON,
  changed_by VARCHAR(288) NOT NULL DEFAULT ('system'),
  changed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
);

CREATE TABLE accounts_archive LIKE accounts;
CREATE TABLE closed_accounts AS SELECT id, email, updated_at FROM accounts WHERE status = 'closed';
CREATE TABLE IF NOT EXISTS account_totals (PRIMARY KEY (account_id)) SELECT account_id, SUM(total_cents) AS total_cents FROM invoices GROUP BY account_id;

CREATE TABLE settings (
  `key` VARCHAR(100) NOT NULL,
  `value` TEXT,
  `group` VARCHAR(50) NOT NULL DEFAULT 'general',
  `order` INT NOT NULL DEFAULT 0,
  PRIMARY KEY (`key`, `group`)
);

CREATE TABLE `order-items` (
  `order id` BIGINT NOT NULL,
  `item#` INT NOT NULL,
  qty INT UNSIGNED ZEROFILL,
  PRIMARY KEY (`order id`, `item#`)
);

CREATE TABLE counters (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  value BIGINT NOT NULL DEFAULT 0,
  version INT UNSIGNED NOT NULL DEFAULT 1
) ENGINE=InnoDB AUTO_INCREMENT=1 STATS_PERSISTENT=1;

CREATE TABLE tags (
  id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  slug VARCHAR(64) CHARACTER SET ascii NOT NULL,
  label VARCHAR(64) COLLATE utf8mb4_0900_as_cs NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_tags_slug (slug) USING BTREE
) ENGINE=InnoDB AUTO_INCREMENT=100;

CREATE TABLE product_tags (
  product_id INT UNSIGNED NOT NULL,
  tag_id SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (product_id, tag_id),
  KEY fk_product_tags_tag (tag_id),
  CONSTRAINT fk_product_tags_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
  CONSTRAINT fk_product_tags_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
);

CREATE TABLE payments (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  invoice_id CHAR(36) NOT NULL,
  amount_cents BIGINT NOT NULL,
  method SET('card', 'transfer', 'wallet') NOT NULL,
  paid_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  reference VARCHAR(100) DEFAULT NULL,
  PRIMARY KEY (id),
  KEY idx_payments_invoice (invoice_id, paid_at DESC),
  CONSTRAINT fk_payments_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='payments received';

CREATE TABLE ledger_entries (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id BIGINT UNSIGNED NOT NULL,
  entry_type ENUM('debit','credit') NOT NULL,
  amount DECIMAL(19,4) NOT NULL,
  balance_after DECIMAL(19,4) NOT NULL,
  memo VARCHAR(255) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY idx_ledger_account_created (account_id, created_at)
) ENGINE=InnoDB KEY_BLOCK_SIZE=8;

CREATE TABLE queue_jobs (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  queue VARCHAR(191) NOT NULL,
  payload LONGTEXT NOT NULL,
  attempts TINYINT UNSIGNED NOT NULL,
  reserved_at INT UNSIGNED NULL,
  available_at INT UNSIGNED NOT NULL,
  created_at INT UNSIGNED NOT NULL,
  INDEX jobs_queue_index (queue)
);

CREATE TABLE feature_flags (
  name VARCHAR(100) PRIMARY KEY,
  enabled BOOL NOT NULL DEFAULT TRUE,
  rollout_percent TINYINT UNSIGNED NOT NULL DEFAULT 100 CHECK (rollout_percent BETWEEN 0 AND 100),
  rules JSON CHECK (JSON_VALID(rules))
);

CREATE TABLE employees (
  id INT NOT NULL PRIMARY KEY,
  manager_id INT NULL,
  full_name VARCHAR(150) NOT NULL,
  salary DECIMAL(10,2),
  hired DATE,
  CONSTRAINT fk_employees_manager FOREIGN KEY (manager_id) REFERENCES employees (id) ON DELETE SET NULL
);

CREATE TABLE uploads (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  owner_id BIGINT UNSIGNED NOT NULL,
  storage_key VARCHAR(512) NOT NULL,
  content_type VARCHAR(100) NOT NULL DEFAULT 'application/octet-stream',
  size_bytes BIGINT UNSIGNED NOT NULL,
  checksum BINARY(32) NOT NULL,
  data LONGBLOB,
  PRIMARY KEY (id),
  KEY idx_uploads_owner (owner_id),
  KEY idx_uploads_key (storage_key(191))
);

CREATE TABLE notifications (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BINARY(16) NOT NULL,
  kind VARCHAR(50) NOT NULL,
  data JSON NOT NULL,
  read_at TIMESTAMP NULL DEFAULT NULL,
  created_at TIMESTAMP NULL DEFAULT NULL,
  KEY idx_notifications_user_read (user_id, read_at)
) ENGINE=InnoDB;

CREATE TABLE exchange_rates (
  base CHAR(3) NOT NULL,
  quote CHAR(3) NOT NULL,
  rate DECIMAL(18,8) NOT NULL,
  as_of DATE NOT NULL,
  PRIMARY KEY (base, quote, as_of)
) ENGINE=InnoDB COMPRESSION='zlib';

CREATE TABLE year_stats (
  y YEAR NOT NULL PRIMARY KEY,
  visits BIGINT NOT NULL DEFAULT 0,
  bounce_rate FLOAT(5,2),
  avg_time TIME
);

CREATE TABLE patients (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  mrn VARCHAR(20) NOT NULL,
  first_name VARCHAR(100) NOT NULL,
  last_name VARCHAR(100) NOT NULL,
  date_of_birth DATE NOT NULL,
  sex ENUM('female','male','other','unknown') NOT NULL DEFAULT 'unknown',
  phone VARCHAR(30) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_patients_mrn (mrn),
  KEY idx_patients_name (last_name, first_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE appointments (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  patient_id INT UNSIGNED NOT NULL,
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  room VARCHAR(10),
  CONSTRAINT fk_appointments_patient FOREIGN KEY (patient_id) REFERENCES patients (id),
  CONSTRAINT chk_appointments_time CHECK (ends_at > starts_at) ENFORCED
);

CREATE TABLE IF NOT EXISTS idempotency_keys (
  `key` VARCHAR(255) NOT NULL,
  request_hash CHAR(64) NOT NULL,
  response MEDIUMBLOB,
  locked_at DATETIME,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`key`)
) ENGINE = InnoDB, DEFAULT CHARACTER SET = utf8mb4;

CREATE TABLE t_bits (
  id INT PRIMARY KEY,
  flags BIT(8) NOT NULL DEFAULT b'00000000',
  mask BIT(64) DEFAULT 0x0F,
  ratio REAL,
  big NUMERIC(30, 10) SIGNED,
  n MEDIUMINT UNSIGNED,
  s TINYTEXT,
  g GEOMETRY
);

CREATE TABLE audit_log (
  id BIGINT AUTO_INCREMENT,
  at DATETIME DEFAULT CURRENT_TIMESTAMP,
  message VARCHAR(1000),
  PRIMARY KEY (id)
) ENGINE=ARCHIVE;

CREATE TABLE IF NOT EXISTS `schema_migrations` (`version` varchar(255) NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE IF NOT EXISTS flyway_schema_history (
  installed_rank INT NOT NULL,
  version VARCHAR(50),
  description VARCHAR(200) NOT NULL,
  type VARCHAR(20) NOT NULL,
  script VARCHAR(1000) NOT NULL,
  checksum INT,
  installed_by VARCHAR(100) NOT NULL,
  installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  execution_time INT NOT NULL,
  success BOOL NOT NULL,
  CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank),
  INDEX flyway_schema_history_s_idx (success)
) ENGINE=InnoDB;

DROP TABLE IF EXISTS tmp_import;
DROP TEMPORARY TABLE IF EXISTS tmp_import;
DROP TABLE IF EXISTS accounts_archive, closed_accounts;
DROP TABLE account_totals RESTRICT;
TRUNCATE TABLE queue_jobs;
TRUNCATE sessions;
RENAME TABLE notifications TO user_notifications;
RENAME TABLE user_notifications TO notifications, tags TO labels, labels TO tags;
