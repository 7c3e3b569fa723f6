#!/usr/bin/env bash
# Runs the README's test command and ends with a plain "N passed, N failed" line counted from
# vitest's JSON report, so a run that executed no test is visible as such.
set -uo pipefail
report=$(mktemp "${TMPDIR:-/tmp}/drillbot-vitest.XXXXXX.json")
npm test -- --reporter=default --reporter=json --outputFile.json="$report"
status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' "$report" || status=1
rm -f "$report"
exit "$status"
