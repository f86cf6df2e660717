#!/usr/bin/env bash
# The test command (`bun run test`, named in the README and run by .ci/run):
# starts the test databases, builds the binary the binary tests run, runs every bun test,
# and ends with the plain line `N passed, N failed, N skipped` computed from bun's counts.
# Extra arguments go to `bun test` (e.g. a path or `-t pattern`).
set -uo pipefail
cd "$(dirname "$0")/.."

# Formatting and lint first: a file the formatter would change, or a lint error, fails the run.
lint_failed=0
bunx biome ci . || { echo "test: biome ci failed (run: bunx biome check --write .)" >&2; lint_failed=1; }

bash scripts/test-dbs.sh || { echo "test: could not start the test databases" >&2; [ "${CI:-}" = true ] && exit 1; }
# The three-node Galera cluster of the Galera tests (test/integration/galera.test.ts).
bash scripts/galera.sh start || { echo "test: could not start the Galera cluster" >&2; [ "${CI:-}" = true ] && exit 1; }
bash scripts/chromium.sh || { echo "test: could not install Chromium for the ER diagram rendering tests" >&2; [ "${CI:-}" = true ] && exit 1; }
bun run build >/dev/null || { echo "test: the build failed" >&2; exit 1; }

log=$(mktemp)
# bun writes its per-test lines and summary to stderr; keep them visible and count from them.
bun test --timeout 60000 "$@" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}
pass=$(grep -E '^ *[0-9]+ pass$' "$log" | tail -1 | grep -oE '[0-9]+' || true)
fail=$(grep -E '^ *[0-9]+ fail$' "$log" | tail -1 | grep -oE '[0-9]+' || true)
skip=$(grep -E '^ *[0-9]+ skip$' "$log" | tail -1 | grep -oE '[0-9]+' || true)
todo=$(grep -E '^ *[0-9]+ todo$' "$log" | tail -1 | grep -oE '[0-9]+' || true)
rm -f "$log"
pass=${pass:-0}; fail=${fail:-0}; skip=$(( ${skip:-0} + ${todo:-0} ))
# A run that crashed before counting, or ran nothing, is not a success.
if [ "$code" -eq 0 ] && [ "$pass" -eq 0 ]; then echo "test: no test ran" >&2; code=1; fi
if [ "$lint_failed" -eq 1 ]; then fail=$(( fail + 1 )); code=1; fi
if [ "$code" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
echo "${pass} passed, ${fail} failed, ${skip} skipped"
exit "$code"
