#!/usr/bin/env bash
# `npm test`: sets up a fresh machine, runs every suite, and ends with the line CI reads:
# "N passed, M failed". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test || exit 1
mkdir -p .local
report=.local/test-report.json
rm -f "$report"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
node scripts/test-summary.mjs "$report" || status=1
exit $status
