#!/usr/bin/env bash
# `npm run checks`: the static checks of `npm test`, run in parallel. Prints each check's verdict and time (and its
# output when it fails); exits with the number of failed checks. Each one alone: npm run typecheck | lint | depcheck.
set -uo pipefail
cd "$(dirname "$0")/../.."
names=(typecheck typecheck-console lint depcheck)
declare -A commands=(
  [typecheck]="npx tsc --noEmit"
  [typecheck-console]="npx tsc --noEmit -p console"
  [lint]="npx biome lint --max-diagnostics=none"
  [depcheck]="node scripts/checks/depcheck.mjs"
)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
for name in "${names[@]}"; do
  (
    start=$(date +%s.%N)
    ${commands[$name]} >"$logs/$name.out" 2>&1
    echo $? >"$logs/$name.rc"
    echo "$start $(date +%s.%N)" | awk '{ printf "%.1f", $2 - $1 }' >"$logs/$name.time"
  ) &
done
wait
failed=0
for name in "${names[@]}"; do
  if [ "$(cat "$logs/$name.rc")" = 0 ]; then
    echo "check $name: passed ($(cat "$logs/$name.time") s)"
  else
    failed=$((failed + 1))
    echo "check $name: FAILED ($(cat "$logs/$name.time") s): ${commands[$name]}"
    sed 's/^/  /' "$logs/$name.out"
  fi
done
exit $failed
