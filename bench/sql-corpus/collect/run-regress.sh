#!/bin/bash
# Step 0 of the corpus build: run PostgreSQL 15's regression SQL through psql against a scratch server,
# in schedule order, keeping psql's error lines (file:line: ERROR: SQLSTATE: message) so that
# verify-pg.mjs can tell which statements the server executed.
#
#   PGHOST=127.0.0.1 PGPORT=55432 PGUSER=postgres collect/run-regress.sh <postgresql-15.18 source dir> <out dir>
#
# It drops and recreates the databases "regression" and "pl_regression": never point it at a server
# that holds anything of value.
set -euo pipefail
SRC_ROOT=${1:?postgresql source dir}
OUT=${2:?output dir}
SRC=$SRC_ROOT/src/test/regress
PL=$SRC_ROOT/src/pl/plpgsql/src
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export PGTZ=PST8PDT PGDATESTYLE="Postgres, MDY"
export PGOPTIONS="-c statement_timeout=60s -c lc_messages=C"
# test_setup.sql reads these with \getenv; no regress.so is built, so its C functions fail (not syntax).
export PG_ABS_SRCDIR=$SRC PG_ABS_BUILDDIR=$OUT PG_LIBDIR=/nonexistent PG_DLSUFFIX=.so
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS regression" -c "CREATE DATABASE regression TEMPLATE template0" \
  -c "DROP DATABASE IF EXISTS pl_regression" -c "CREATE DATABASE pl_regression TEMPLATE template0"
cd "$SRC"
for t in $(grep -E '^test:' parallel_schedule | sed 's/^test://'); do
  [ -f "sql/$t.sql" ] || continue
  psql -X -q -v VERBOSITY=verbose -d regression -f "sql/$t.sql" > /dev/null 2> "$OUT/$t.err" || true
done
cd "$PL"
for f in sql/*.sql; do
  t=$(basename "$f" .sql)
  psql -X -q -v VERBOSITY=verbose -d pl_regression -f "$f" > /dev/null 2> "$OUT/pl_$t.err" || true
done
echo "regression output in $OUT"
