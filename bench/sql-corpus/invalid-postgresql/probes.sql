-- Invalid PostgreSQL statements for nilecare-lint's parse-error benchmark (bench/sql-corpus): the mistakes
-- people make (typos, missing or doubled parts, truncated statements, unbalanced parentheses and quotes,
-- reserved words as names, misspelt MySQL 8 constructs, broken statements of families the MySQL parser
-- lacks, psql variables in broken statements). Written for this benchmark; each one is rejected by libpg-query,
-- the PostgreSQL parser the linter uses (psql variables bound as psql would).
-- Each must get a parse-error; one counted as unsupported or left silent is a missed error.

-- @corpus id=3c6f7cca2d source=probe at=1 check=libpg-query=rejected
SELEC 1;

-- @corpus id=f715e50d16 source=probe at=2 check=libpg-query=rejected
SELECT * FROM WHERE code = 1;

-- @corpus id=a57b53b06b source=probe at=3 check=libpg-query=rejected
SELECT id, FROM regions;

-- @corpus id=43ba87963c source=probe at=4 check=libpg-query=rejected
SELECT * FROM regions WHERE;

-- @corpus id=73e152f451 source=probe at=5 check=libpg-query=rejected
INSERT INTO regions (code, name) VALUES ('a', 'b';

-- @corpus id=4e375ebc11 source=probe at=6 check=libpg-query=rejected
INSERT INTO regions (code,) VALUES ('a');

-- @corpus id=ac4d79cbb4 source=probe at=7 check=libpg-query=rejected
UPDATE regions SET WHERE id = 1;

-- @corpus id=c4331d9fcc source=probe at=8 check=libpg-query=rejected
DELETE FROM WHERE id = 1;

-- @corpus id=a05ce81053 source=probe at=9 check=libpg-query=rejected
CREATE TABLE regions (id int,);

-- @corpus id=ff0a1f6c03 source=probe at=10 check=libpg-query=rejected
CREATE TABLE regions (id int name text);

-- @corpus id=ff6aad0b4c source=probe at=11 check=libpg-query=rejected
ALTER TABLE regions ADD COLUMN;

-- @corpus id=ac02c0b871 source=probe at=12 check=libpg-query=rejected
DROP TABLE;

-- @corpus id=517d806eeb source=probe at=13 check=libpg-query=rejected
SELECT * FROM regions WHERE code = :'code' AND;

-- @corpus id=d14dd1180c source=probe at=14 check=libpg-query=rejected
COPY regions FROM :'filename' WITH (FORMAT csv;

-- @corpus id=30f6728490 source=probe at=15 check=libpg-query=rejected
SELECT * FROM :"tbl" WHERE id IN (1, 2;

-- @corpus id=ede4025971 source=probe at=16 check=libpg-query=rejected
SELECT 'unterminated FROM regions;
