#!/usr/bin/env bash
# Records what the built CLI says about every fixture project (lint --format json, map --format json,
# init --dry-run), so a refactor can be diffed before/after:
#   scripts/fixture-outputs.sh /tmp/before; (change, npm run build); scripts/fixture-outputs.sh /tmp/after; diff -r /tmp/before /tmp/after
# Each fixture is copied out of the repository first: inside it, a fixture without a config file
# would be linted as part of this repository (its git root), as no user ever runs it.
set -euo pipefail
out=${1:?usage: scripts/fixture-outputs.sh <output folder>}
root=$(cd "$(dirname "$0")/.." && pwd)
cli="$root/bin/nilecare-lint.js"
# A fixed place: outputs that name it stay comparable between runs.
work=${TMPDIR:-/tmp}/nilecare-fixture-outputs
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
projects=$(cd "$root" && { echo fixtures/sample-monorepo fixtures/real-patterns fixtures/sql fixtures/typescript; ls -d fixtures/{config-entries,hostile,init,layouts}/*/; } | sed 's:/$::')
for project in $projects; do
  name=$(echo "$project" | tr / _)
  cp -R "$root/$project" "$work/$name"
  # The exit code is part of the output (1: findings).
  (cd "$work/$name" && { node "$cli" --format json . 2>&1; echo "exit $?"; }) >"$out/$name.lint.json" || true
  (cd "$work/$name" && { node "$cli" map --format json 2>&1; echo "exit $?"; }) >"$out/$name.map.json" || true
  (cd "$work/$name" && { node "$cli" init --dry-run 2>&1; echo "exit $?"; }) >"$out/$name.init.txt" || true
done
echo "$(ls "$out" | wc -l) outputs in $out"
