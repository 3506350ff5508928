#!/usr/bin/env bash
# Tier 0: static checks of the unit files and the man page, no running systemd needed.
# Usage: tests/system/static.sh [BINARY]   (default target/release/mcp-telegram, else
# target/debug/mcp-telegram). Exits non-zero if any check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=${1:-}
if [[ -z $bin ]]; then
  for candidate in target/release/mcp-telegram target/debug/mcp-telegram; do
    if [[ -x $candidate ]]; then bin=$candidate; break; fi
  done
fi
if [[ -z $bin || ! -x $bin ]]; then
  echo "static.sh: no mcp-telegram binary: run cargo build or pass its path" >&2
  exit 1
fi
bin=$(realpath "$bin")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; sed 's/^/    /' "$2"; fail=$((fail + 1)); }

# verify refuses an ExecStart binary that does not exist, so check copies that point at
# a real one. SRC DEST
stage() { sed "s|^ExecStart=/usr/bin/mcp-telegram |ExecStart=$bin |" "$1" > "$2"; }

# verify exits 0 on "Unknown key ..., ignoring", so any stderr output is a failure.
# --man=no: Documentation=man:mcp-telegram(1) is not installed here.
verify() {
  local name=$1; shift
  if systemd-analyze verify --man=no "$@" > "$tmp/verify.err" 2>&1 && [[ ! -s $tmp/verify.err ]]; then
    ok "verify $name"
  else
    ko "verify $name" "$tmp/verify.err"
  fi
}

mkdir "$tmp/system" "$tmp/user"
stage systemd/mcp-telegram.socket "$tmp/system/mcp-telegram.socket"
stage systemd/mcp-telegram.service "$tmp/system/mcp-telegram.service"
# A template is only loadable as an instance.
stage systemd/mcp-telegram@.socket "$tmp/system/mcp-telegram@work.socket"
stage systemd/mcp-telegram@.service "$tmp/system/mcp-telegram@work.service"
stage packaging/user/mcp-telegram.socket "$tmp/user/mcp-telegram.socket"
stage packaging/user/mcp-telegram.service "$tmp/user/mcp-telegram.service"

verify "system units" "$tmp"/system/mcp-telegram.{socket,service}
verify "template units (instance work)" "$tmp"/system/mcp-telegram@work.{socket,service}
# %t and %h in the user units need the user manager's view; the test runs as root
# without a session, so give it a runtime directory of its own.
mkdir -m 0700 "$tmp/xdg"
XDG_RUNTIME_DIR=$tmp/xdg verify "user units" --user "$tmp"/user/mcp-telegram.{socket,service}

# Exposure must stay at most 1.5 ("OK"); offline scores run about 0.1 above live ones.
for unit in mcp-telegram.service mcp-telegram@work.service; do
  if systemd-analyze security --offline=yes --threshold=15 --no-pager "$tmp/system/$unit" \
      > "$tmp/security.out" 2>&1; then
    ok "security $unit: $(grep -o 'exposure level for .*' "$tmp/security.out")"
  else
    ko "security $unit (threshold 1.5)" <(grep -E 'exposure level|Failed|✗' "$tmp/security.out")
  fi
done

if systemd-sysusers --dry-run "$PWD/systemd/mcp-telegram.sysusers" > "$tmp/sysusers.out" 2>&1 \
    && grep -q mcp-telegram "$tmp/sysusers.out"; then
  ok "sysusers.d file parses"
else
  ko "sysusers.d file parses" "$tmp/sysusers.out"
fi

# The same warnings lintian looks for, before a package is built.
if groff -man -Tutf8 -ww -z packaging/mcp-telegram.1 > "$tmp/man.err" 2>&1 && [[ ! -s $tmp/man.err ]]; then
  ok "man page (groff -ww)"
else
  ko "man page (groff -ww)" "$tmp/man.err"
fi
if command -v mandoc > /dev/null; then
  if mandoc -Tlint -W warning packaging/mcp-telegram.1 > "$tmp/mandoc.err" 2>&1; then
    ok "man page (mandoc -Tlint)"
  else
    ko "man page (mandoc -Tlint)" "$tmp/mandoc.err"
  fi
fi

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
