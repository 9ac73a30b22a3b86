#!/usr/bin/env bash
# `npm test`: sets up a fresh machine, runs the static checks (scripts/checks/run.sh), then every test suite, and
# ends with the line CI reads: "N passed, M failed" (a failed check counts as one failed test). Exits non-zero on any
# failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test || exit 1
mkdir -p .local
report=.local/test-report.json
checks_log=.local/checks.log
rm -f "$report" "$checks_log"
# Before vitest, not beside it: they take seconds, and on 2 cores they would slow DynamoDB Local's start.
bash scripts/checks/run.sh >"$checks_log" 2>&1
checks_failed=$?
cat "$checks_log"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
grep '^check ' "$checks_log"   # the verdicts again, next to the summary
[ "$checks_failed" -eq 0 ] || status=1
node scripts/test-summary.mjs "$report" "$checks_failed" || status=1
exit $status
