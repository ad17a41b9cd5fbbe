#!/usr/bin/env bash
# Sets up what the tests need on a fresh Debian machine, runs every test suite once, and prints one summary line:
#   tests: N passed, N failed, N skipped
# It exits non-zero when any test failed or was skipped, when a suite did not run, or when no test ran.
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
if ((${#need[@]})); then
  echo "Installing ${need[*]} (Debian packages the tests run against)"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null || { echo "apt-get install ${need[*]} failed"; exit 1; }
fi
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; exit 1; }
fi

mkdir -p artifacts
log=artifacts/test-output.log
projects=(tests/*/*.Tests.csproj)
dotnet test ReviewBot.sln --nologo -v q --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly, e.g. "Passed!  - Failed: 0, Passed: 29, Skipped: 0, Total: 29, ..."
summaries=$(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" || true)
sum() { echo "$summaries" | grep -oE "$1: +[0-9]+" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
ran=$(echo "$summaries" | grep -c . || true)

echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$ran" -ne "${#projects[@]}" ]; then
  echo "only $ran of ${#projects[@]} test suites reported (a build failure, or a suite that did not start)"; exit 1
fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$skipped" -eq 0 ] && [ "$passed" -gt 0 ]
