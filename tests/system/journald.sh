#!/usr/bin/env bash
# Tier 2: the daemon's structured logs in a real journald. A standalone systemd-journald runs
# in a private mount namespace (tmpfs /run/systemd and /run/log, a scratch /var/log/journal),
# because tracing-journald always writes to /run/systemd/journal/socket. The checks live in
# journald.py (stdlib only); it prints "N passed, N failed". Run as root:
#   tests/system/journald.sh [path/to/mcp-telegram]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-target/debug/mcp-telegram}")
[ -x "$BIN" ] || { echo "journald.sh: no binary at $BIN (build it first)" >&2; exit 2; }
J=$(mktemp -d /tmp/mcp-telegram-journald.XXXXXX)
trap 'rm -rf "$J"' EXIT
mkdir -p /run/systemd /run/log /var/log/journal "$J/var-log-journal"
export BIN J
unshare --mount --propagation private bash -euo pipefail -c '
  mount -t tmpfs -o mode=755 tmpfs /run/systemd
  mount -t tmpfs -o mode=755 tmpfs /run/log
  mount --bind "$J/var-log-journal" /var/log/journal
  /lib/systemd/systemd-journald &
  JPID=$!
  trap "kill $JPID 2>/dev/null; wait $JPID 2>/dev/null || true" EXIT
  for _ in $(seq 200); do [ -S /run/systemd/journal/socket ] && break; sleep 0.01; done
  [ -S /run/systemd/journal/socket ] || { echo "journald did not start" >&2; exit 1; }
  python3 tests/system/journald.py "$BIN" "$J/work"
'
