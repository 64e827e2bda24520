#!/usr/bin/env bash
# `npm test`: every check, in the order CI runs them. Needs Postgres on 127.0.0.1:5432 and Debian's chromium.
#   schema drift -> typecheck -> lint -> vitest (unit + integration) -> build -> embedded `npm start` check
#   -> PgBouncer scale-out check -> Playwright (built app + real worker)
# Ends with the line "N passed, N failed" summed from the Vitest and Playwright JSON reports.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh || exit 1
PGBASE="${PGBASE:-postgresql://postgres:postgres@127.0.0.1:5432}"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-$PGBASE/batchtrack_test}"
export E2E_DATABASE_URL="${E2E_DATABASE_URL:-$PGBASE/batchtrack_e2e_test}"
mkdir -p reports
rm -f reports/unit.json reports/e2e.json
T0=$(date +%s)
step() { echo "::: [$(( $(date +%s) - T0 ))s] $*"; }
fail=0
gates=0  # failed non-test steps (drift, typecheck, build, embedded start, e2e database): each counts as one failure

step "schema drift (prisma/migrations reproduce schema.prisma)"
DATABASE_URL="$TEST_DATABASE_URL" node scripts/db.ts createdb >/dev/null && DATABASE_URL="$TEST_DATABASE_URL" node scripts/db.ts check || { fail=1; gates=$((gates+1)); }

step "typecheck"
npm run -s check || { fail=1; gates=$((gates+1)); }

step "lint (prettier, eslint, import cycles)"
npm run -s lint || { fail=1; gates=$((gates+1)); }

step "vitest"
npx vitest run --reporter=default --reporter=json --outputFile=reports/unit.json || fail=1

step "build"
npm run -s build || { fail=1; gates=$((gates+1)); }

step "embedded npm start (start, import, batch, stop, restart on its own PostgreSQL)"
node scripts/check-embedded.ts || { fail=1; gates=$((gates+1)); }

step "scale-out behind PgBouncer (2 web processes, 2 workers, transaction pooling)"
node scripts/check-scale.ts || { fail=1; gates=$((gates+1)); }

step "playwright"
if [ -f build/index.js ]; then
  export DATABASE_URL="$E2E_DATABASE_URL"
  node scripts/db.ts createdb >/dev/null && node scripts/db.ts reset >/dev/null && node scripts/db.ts status >/dev/null \
    && node scripts/seed.ts --demo || { fail=1; gates=$((gates+1)); }
  npx playwright test || fail=1
else
  fail=1
fi

step "summary"
node -e '
const fs = require("fs");
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
const u = read("reports/unit.json"), e = read("reports/e2e.json");
const up = u?.numPassedTests ?? 0, uf = u ? u.numFailedTests : 1;
const ep = e?.stats ? e.stats.expected + e.stats.flaky : 0, ef = e?.stats ? e.stats.unexpected : 1;
console.log(`vitest: ${up} passed, ${uf} failed`);
console.log(`playwright: ${ep} passed, ${ef} failed`);
const gates = Number(process.argv[1]);
if (gates) console.log(`other checks: ${gates} failed`);
console.log(`${up + ep} passed, ${uf + ef + gates} failed`);
' "$gates"
exit $fail
