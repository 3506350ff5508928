#!/usr/bin/env bash
# The system tests, in tiers (see the systemd testing notes): tier 0 static checks of the
# units, tier 2 a standalone journald (journald.sh, when present), the .deb build with
# lintian, and tier 3 the .deb life cycle in a booted systemd guest. Needs root.
# Usage: tests/system/run.sh   Exits non-zero if any tier failed.
set -euo pipefail
cd "$(dirname "$0")/../.."

results=() passed=0 failed=0
now() { echo "${EPOCHREALTIME/./}"; }
# NAME COMMAND...: runs one tier, records its result and duration.
tier() {
  local name=$1 start rc=0 took; shift
  printf '\n==> %s\n' "$name"
  start=$(now)
  "$@" || rc=$?
  took=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
  if [[ $rc -eq 0 ]]; then passed=$((passed + 1)); results+=("PASS  $name  ${took}s"); else
    failed=$((failed + 1)); results+=("FAIL  $name  ${took}s (exit $rc)"); fi
  return "$rc"
}

tier "tier 0: static checks" bash tests/system/static.sh || true
if [[ -f tests/system/journald.sh ]]; then
  tier "tier 2: journald" bash tests/system/journald.sh || true
fi
if tier "deb: build and lintian" bash tests/system/build-deb.sh; then
  deb=target/deb/mcp-telegram_$(dpkg-parsechangelog -S Version)_$(dpkg --print-architecture).deb
  v2=target/deb/upgrade-test.deb
  tier "deb: repack a newer version" bash tests/system/bump-deb.sh "$deb" "$v2" || true
  tier "tier 3: .deb life cycle in a systemd guest" bash tests/system/tier3.sh "$deb" "$v2" || true
fi

printf '\n==> summary\n'
printf '%s\n' "${results[@]}"
echo "tiers: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
