-- Invalid MySQL statements for nilecare-lint's parse-error benchmark (bench/sql-corpus): the mistakes
-- people make (typos, missing or doubled parts, truncated statements, unbalanced parentheses and quotes,
-- reserved words as names, misspelt MySQL 8 constructs, broken statements of families the MySQL parser
-- lacks, psql variables in broken statements). Written for this benchmark;
-- each one was rejected with a syntax error (1064) by MariaDB 10.11.
-- Each must get a parse-error; one counted as unsupported or left silent is a missed error.

-- @corpus id=3be304a580 source=probe at=1 check=mariadb-10.11=rejected(1064)
SELEC id FROM accounts;

-- @corpus id=ca30c509f1 source=probe at=2 check=mariadb-10.11=rejected(1064)
SELECT id FORM accounts;

-- @corpus id=2490809ea7 source=probe at=3 check=mariadb-10.11=rejected(1064)
SELECT id FROM accounts WHER id = 1;

-- @corpus id=3b5a24423b source=probe at=4 check=mariadb-10.11=rejected(1064)
SELECT * FROM WHERE id = 1;

-- @corpus id=0ae8b77d62 source=probe at=5 check=mariadb-10.11=rejected(1064)
SELECT id, FROM accounts;

-- @corpus id=87fbd0ed7c source=probe at=6 check=mariadb-10.11=rejected(1064)
SELECT id, email, FROM accounts WHERE id = 1;

-- @corpus id=05dfbfc115 source=probe at=7 check=mariadb-10.11=rejected(1064)
SELECT id email name FROM accounts;

-- @corpus id=1400a71ae6 source=probe at=8 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts WHERE id = = 1;

-- @corpus id=3b23a363e5 source=probe at=9 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts WHERE id == 1;

-- @corpus id=ae8c279519 source=probe at=10 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts WHERE;

-- @corpus id=e7810b4b12 source=probe at=11 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts ORDER BY;

-- @corpus id=93ec403df9 source=probe at=12 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts GROUP status;

-- @corpus id=fb78b6e1cf source=probe at=13 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts ORDER BY id WHERE status = 'active';

-- @corpus id=8b5f97082b source=probe at=14 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts LIMIT 10 WHERE status = 'active';

-- @corpus id=9bd49bebed source=probe at=15 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts WHERE id IN (1, 2;

-- @corpus id=7c92995389 source=probe at=16 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts WHERE id IN (1, 2));

-- @corpus id=3389c78961 source=probe at=17 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts WHERE name = 'O'Brien';

-- @corpus id=fd0f3571c8 source=probe at=18 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts a JOIN ON a.id = b.account_id;

-- @corpus id=7c06375b4b source=probe at=19 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts a JOIN invoices i ON;

-- @corpus id=90ef11f7e1 source=probe at=20 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts a LEFT JOIN invoices i a.id = i.account_id;

-- @corpus id=64b86606dd source=probe at=21 check=mariadb-10.11=rejected(1064)
SELECT COUNT(* FROM accounts;

-- @corpus id=c369954785 source=probe at=22 check=mariadb-10.11=rejected(1064)
SELECT SELECT id FROM accounts;

-- @corpus id=d5879ab5b4 source=probe at=23 check=mariadb-10.11=rejected(1064)
SELECT id FROM accounts UNION;

-- @corpus id=561a371d51 source=probe at=24 check=mariadb-10.11=rejected(1064)
SELECT * FROM order;

-- @corpus id=81f375cf6b source=probe at=25 check=mariadb-10.11=rejected(1064)
SELECT * FROM accounts WHERE id BETWEEN 1;

-- @corpus id=eeb5446e3b source=probe at=26 check=mariadb-10.11=rejected(1064)
SELECT CASE WHEN status = 'a' THEN 1 ELSE 0 FROM accounts;

-- @corpus id=d4bff8b4b3 source=probe at=27 check=mariadb-10.11=rejected(1064)
INSRT INTO accounts (id) VALUES (1);

-- @corpus id=fbd9fb8449 source=probe at=28 check=mariadb-10.11=rejected(1064)
INSERT accounts (id) VALUE (1));

-- @corpus id=e6aacfa972 source=probe at=29 check=mariadb-10.11=rejected(1064)
INSERT INTO accounts (id, email) VALUES (1, 'a@b.c';

-- @corpus id=159c2526a9 source=probe at=30 check=mariadb-10.11=rejected(1064)
INSERT INTO accounts (id, email) VALUES 1, 'a@b.c';

-- @corpus id=4082529be8 source=probe at=31 check=mariadb-10.11=rejected(1064)
INSERT INTO INTO accounts (id) VALUES (1);

-- @corpus id=fa84ccb83a source=probe at=32 check=mariadb-10.11=rejected(1064)
INSERT INTO accounts (id,) VALUES (1);

-- @corpus id=d1ad8ae328 source=probe at=33 check=mariadb-10.11=rejected(1064)
INSERT INTO accounts VALUES;

-- @corpus id=4806ca67be source=probe at=34 check=mariadb-10.11=rejected(1064)
INSERT INTO accounts SET;

-- @corpus id=ea2e004198 source=probe at=35 check=mariadb-10.11=rejected(1064)
UPDTE accounts SET status = 'x';

-- @corpus id=0e6ff4863d source=probe at=36 check=mariadb-10.11=rejected(1064)
UPDATE accounts SET WHERE id = 1;

-- @corpus id=20544476cb source=probe at=37 check=mariadb-10.11=rejected(1064)
UPDATE accounts SET status = WHERE id = 1;

-- @corpus id=f4f85d9f1e source=probe at=38 check=mariadb-10.11=rejected(1064)
UPDATE accounts status = 'x' WHERE id = 1;

-- @corpus id=b426a50e14 source=probe at=39 check=mariadb-10.11=rejected(1064)
UPDATE SET status = 'x' WHERE id = 1;

-- @corpus id=2318244fd3 source=probe at=40 check=mariadb-10.11=rejected(1064)
DELET FROM accounts WHERE id = 1;

-- @corpus id=c4331d9fcc source=probe at=41 check=mariadb-10.11=rejected(1064)
DELETE FROM WHERE id = 1;

-- @corpus id=b5016ec3ba source=probe at=42 check=mariadb-10.11=rejected(1064)
DELETE accounts WHERE id = 1;

-- @corpus id=48fde63395 source=probe at=43 check=mariadb-10.11=rejected(1064)
CREAT TABLE accounts (id INT);

-- @corpus id=a997765175 source=probe at=44 check=mariadb-10.11=rejected(1064)
CREATE TABLE accounts (id INT,);

-- @corpus id=4929386d87 source=probe at=45 check=mariadb-10.11=rejected(1064)
CREATE TABLE accounts (id INT name VARCHAR(10));

-- @corpus id=03b382262e source=probe at=46 check=mariadb-10.11=rejected(1064)
CREATE TABLE accounts (id INT, name VARCHAR(10) NOT NULL DEFAULT);

-- @corpus id=92c5e775c8 source=probe at=47 check=mariadb-10.11=rejected(1064)
CREATE TABLE accounts (id INT PRIMARY KEY, FOREIGN KEY (owner_id) REFERENCES);

-- @corpus id=db866acb3e source=probe at=48 check=mariadb-10.11=rejected(1064)
CREATE TABLE accounts id INT;

-- @corpus id=b52261e558 source=probe at=49 check=mariadb-10.11=rejected(1064)
CREATE TABLE order (id INT PRIMARY KEY);

-- @corpus id=fecfb2c692 source=probe at=50 check=mariadb-10.11=rejected(1064)
CREATE TABLE accounts (id INT) ENGINE=;

-- @corpus id=48f143190c source=probe at=51 check=mariadb-10.11=rejected(1064)
CREATE INDEX ON accounts (email);

-- @corpus id=72fe9ba053 source=probe at=52 check=mariadb-10.11=rejected(1064)
CREATE INDEX idx_accounts_email accounts (email);

-- @corpus id=350dc014f3 source=probe at=53 check=mariadb-10.11=rejected(1064)
ALTR TABLE accounts ADD COLUMN phone VARCHAR(30);

-- @corpus id=4e3c68a4bf source=probe at=54 check=mariadb-10.11=rejected(1064)
ALTER TABLE accounts ADD COLUMN;

-- @corpus id=1be681c09a source=probe at=55 check=mariadb-10.11=rejected(1064)
ALTER TABLE accounts DROP;

-- @corpus id=54d9ec80f7 source=probe at=56 check=mariadb-10.11=rejected(1064)
ALTER TABLE accounts ADD COLUMN phone VARCHAR(30) AFTR email;

-- @corpus id=27f0405c98 source=probe at=57 check=mariadb-10.11=rejected(1064)
ALTER TABLE accounts MODIFY COLUMN phone VARCHAR(30 NULL;

-- @corpus id=9ccfe8ef69 source=probe at=58 check=mariadb-10.11=rejected(1064)
ALTER TABLE accounts ALTER COLUMN status SET DEFALT 'active';

-- @corpus id=6d9d53eef4 source=probe at=59 check=mariadb-10.11=rejected(1064)
ALTER TABLE accounts RENAME COLUMN a b;

-- @corpus id=8b601f17fa source=probe at=60 check=mariadb-10.11=rejected(1064)
ALTER TABLE accounts ADD CONSTRAINT fk_x FOREIGN KEY (x) REFERENCES;

-- @corpus id=ac02c0b871 source=probe at=61 check=mariadb-10.11=rejected(1064)
DROP TABLE;

-- @corpus id=6b81804ffa source=probe at=62 check=mariadb-10.11=rejected(1064)
DROP TABLE IF EXISTS;

-- @corpus id=c8a922300f source=probe at=63 check=mariadb-10.11=rejected(1064)
DROP TABLE accounts,;

-- @corpus id=b88898531a source=probe at=64 check=mariadb-10.11=rejected(1064)
DROP INDEX idx_a ON;

-- @corpus id=74303786eb source=probe at=65 check=mariadb-10.11=rejected(1064)
TRUNCATE;

-- @corpus id=5de89cf92c source=probe at=66 check=mariadb-10.11=rejected(1064)
SELECT id FROM orders FORCE INDEX idx_orders_customer WHERE customer_id = 7;

-- @corpus id=c45cf90462 source=probe at=67 check=mariadb-10.11=rejected(1064)
SELECT id FROM orders FORCE INDEX (idx_orders_customer WHERE customer_id = 7;

-- @corpus id=e83b42894b source=probe at=68 check=mariadb-10.11=rejected(1064)
SELECT JSON_VALUE(attributes, '$.weight' RETURNING) FROM products;

-- @corpus id=5cd8f1060e source=probe at=69 check=mariadb-10.11=rejected(1064)
CREATE VIEW v AS (SELECT id FROM accounts WITH CASCADED CHECK OPTION;

-- @corpus id=4aa91854eb source=probe at=70 check=mariadb-10.11=rejected(1064)
CREATE VIEW v AS SELECT FROM accounts;

-- @corpus id=9d86489694 source=probe at=71 check=mariadb-10.11=rejected(1064)
SHOW TABLES FROM;

-- @corpus id=dac4677d9e source=probe at=72 check=mariadb-10.11=rejected(1064)
SHOW COLUMNS FROM (accounts;

-- @corpus id=8c5e7d070e source=probe at=73 check=mariadb-10.11=rejected(1064)
SAVEPOINT;

-- @corpus id=8bac8363a7 source=probe at=74 check=mariadb-10.11=rejected(1064)
ROLLBACK TO;

-- @corpus id=199d34be4d source=probe at=75 check=mariadb-10.11=rejected(1064)
GRANT SELECT ON TO 'app'@'%';

-- @corpus id=6ee20d0cd9 source=probe at=76 check=mariadb-10.11=rejected(1064)
CREATE USER 'app'@'%' IDENTIFIED 'secret';

-- @corpus id=882ed7f55a source=probe at=77 check=mariadb-10.11=rejected(1064)
CHECKSUM TABLE;

-- @corpus id=7431cea1c9 source=probe at=78 check=mariadb-10.11=rejected(1064)
SET @x = ;

-- @corpus id=a7c83fddb7 source=probe at=79 check=mariadb-10.11=rejected(1064)
SET NAMES;

-- @corpus id=d7968b5530 source=probe at=80 check=mariadb-10.11=rejected(1064)
LOCK TABLES accounts;
