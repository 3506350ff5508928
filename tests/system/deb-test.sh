#!/usr/bin/env bash
# Tier 3, inside a booted systemd guest (tier3.sh): the .deb life cycle against a sandbox
# Telegram. Install, socket activation by a group member, a refused non-member, crash
# restart, upgrade, remove and purge. Every check prints PASS or FAIL and the script goes on;
# the last line is "N passed, N failed".
# Usage (as root in the guest): deb-test.sh V1.deb V2.deb
set -euo pipefail

deb_v1=$1 deb_v2=$2
here=$(cd "$(dirname "$0")" && pwd)
sock=/run/mcp-telegram/daemon.sock
state=/var/lib/mcp-telegram
api_hash=0123456789abcdef0123456789abcdef
# The sandbox's demo account: a status line naming it proves the system daemon answered.
account=alice_sandbox
t=$(mktemp -d /tmp/deb-test.XXXXXX)
chmod 0755 "$t"
sandbox_pid= login_sandbox_pid=

cleanup() {
  if [[ -n $sandbox_pid ]]; then kill "$sandbox_pid" 2>/dev/null || true; fi
  if [[ -n $login_sandbox_pid ]]; then kill "$login_sandbox_pid" 2>/dev/null || true; fi
  rm -rf "$t"
}
trap cleanup EXIT

pass=0 fail=0
section() { echo "== $1 (at ${SECONDS}s)"; }
ok() { echo "PASS $1${2:+: $2}"; pass=$((pass + 1)); }
ko() { echo "FAIL $1${2:+: $2}"; fail=$((fail + 1)); }
# NAME ACTUAL WANTED
expect() { if [[ $2 == "$3" ]]; then ok "$1" "$2"; else ko "$1" "got '$2', want '$3'"; fi; }
# NAME ACTUAL REGEX
expect_match() { if [[ $2 =~ $3 ]]; then ok "$1" "$2"; else ko "$1" "got '$2', want /$3/"; fi; }
# NAME COMMAND...: passes when the command succeeds; shows its output either way.
expect_ok() {
  local name=$1 out rc=0; shift
  out=$("$@" 2>&1) || rc=$?
  if [[ $rc -eq 0 ]]; then ok "$name" "$(tail -n 1 <<< "$out")"; else ko "$name" "exit $rc: $(tail -n 3 <<< "$out" | tr '\n' ' ')"; fi
}
# Polls COMMAND every 0.1 s until it succeeds or SECONDS pass; returns its last status.
wait_until() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ((SECONDS >= deadline)); then return 1; fi
    sleep 0.1
  done
}
prop() { systemctl show -P "$1" "$2"; }
# A field of a mcp_drive.py report: FILE PYTHON-EXPRESSION over r.
field() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2" 2>/dev/null || echo "<no report>"; }
# Runs an MCP session as USER with an empty environment, so the client has to discover the
# owner's socket by itself. USER REPORT DRIVER-ARGS...
mcp_as() {
  local user=$1 report=$2; shift 2
  runuser -u "$user" -- env -i HOME="/home/$user" PATH=/usr/bin:/bin \
    python3 "$here/mcp_drive.py" "$@" -- mcp-telegram > "$report" 2>&1 || true
}
# Connects to a Unix socket as USER: prints "connected" or the error name.
connect_as() {
  runuser -u "$1" -- python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX)
try:
    s.connect(sys.argv[1]); print("connected")
except OSError as e:
    print(type(e).__name__)' "$2"
}
is_active() { [[ $(prop ActiveState "$1") == active ]]; }
nrestarts_is() { [[ $(prop NRestarts mcp-telegram.service) == "$1" ]]; }
status_call='--call telegram-status {}'

section "1. install v1"
if [[ -e /usr/sbin/policy-rc.d ]]; then
  ko "policy-rc.d absent" "it would make deb-systemd-invoke skip every start, stop and restart"
else
  ok "policy-rc.d absent"
fi
# The man-db trigger rebuilds its index on every dpkg run (seconds); the test checks that
# the page is installed, not the index. The guest is an overlay: the host keeps the file.
rm -f /var/lib/man-db/auto-update
expect_ok "dpkg -i v1" timeout 90 dpkg -i "$deb_v1"
expect_match "system user" "$(getent passwd mcp-telegram | cut -d: -f1,6)" "^mcp-telegram:$state$"
for f in /usr/bin/mcp-telegram /lib/systemd/system/mcp-telegram.socket \
  /lib/systemd/system/mcp-telegram@.service /usr/lib/systemd/user/mcp-telegram.socket \
  /usr/lib/sysusers.d/mcp-telegram.conf /usr/share/man/man1/mcp-telegram.1.gz; do
  if [[ -f $f ]]; then ok "installed $f"; else ko "installed $f"; fi
done
for unit in mcp-telegram.socket mcp-telegram.service; do
  # The service has only Also= in [Install]: "indirect" is its not-enabled state.
  expect_match "$unit not enabled" "$(systemctl is-enabled "$unit" || true)" '^(disabled|indirect)$'
  expect "$unit inactive" "$(systemctl is-active "$unit" || true)" inactive
done
expect "no socket before enable" "$(test -e $sock && echo present || echo absent)" absent

section "2. sandbox Telegram and configuration"
install -d -m 0700 -o mcp-telegram -g mcp-telegram "$state" || ko "create $state"
# setpriv execs (no fork), so $! is the sandbox itself.
setpriv --reuid=mcp-telegram --regid=mcp-telegram --init-groups -- \
  mcp-telegram sandbox --listen 127.0.0.1:0 --session "$state/session" \
  > "$t/sandbox.out" 2> "$t/sandbox.err" &
sandbox_pid=$!
# It prints its one JSON line once it listens.
if wait_until 20 grep -q '"listen"' "$t/sandbox.out"; then
  ok "sandbox listening" "$(cat "$t/sandbox.out")"
else
  ko "sandbox listening" "$(tail -n 5 "$t/sandbox.err" | tr '\n' ' ')"
fi
expect "sandbox session file" "$(stat -c %a:%U "$state/session" 2>&1)" 600:mcp-telegram
install -m 0600 -o root -g root /dev/null /etc/mcp-telegram.env
printf 'TELEGRAM_API_ID=1\nTELEGRAM_API_HASH=%s\n' "$api_hash" > /etc/mcp-telegram.env

section "3. enable the socket"
expect_ok "systemctl enable --now mcp-telegram.socket" timeout 30 systemctl enable --now mcp-telegram.socket
expect "socket listening" "$(prop SubState mcp-telegram.socket)" listening
expect "service still inactive" "$(prop ActiveState mcp-telegram.service)" inactive
expect "socket mode and owner" "$(stat -c %a:%U:%G $sock 2>&1)" 660:mcp-telegram:mcp-telegram
expect "socket directory" "$(stat -c %a:%U /run/mcp-telegram 2>&1)" 755:root
expect_ok "enable an instance of the template" timeout 30 systemctl enable --now mcp-telegram@work.socket
expect "instance socket listening" "$(prop SubState mcp-telegram@work.socket)" listening
expect "instance socket mode and owner" "$(stat -c %a:%U:%G /run/mcp-telegram/work.sock 2>&1)" \
  660:mcp-telegram:mcp-telegram

section "4. a group member, with no configuration at all"
useradd -m -G mcp-telegram alice || ko "create alice"
useradd -m bob || ko "create bob"
alice_uid=$(id -u alice) bob_uid=$(id -u bob)
# shellcheck disable=SC2086 # the call options split into words on purpose
mcp_as alice "$t/alice.json" $status_call --call telegram-read-messages '{"chatId":"@boris_p","limit":3}'
# As many tools as the installed binary says a default window has.
default_tools=$(mcp-telegram tools | sed -n 's/^\([0-9][0-9]*\) tools; .*/\1/p')
expect "alice: initialize and tools/list" "$(field "$t/alice.json" 'r["error"] or r["tools"]')" "$default_tools"
expect "alice: telegram-status succeeds" "$(field "$t/alice.json" 'r["calls"][0]["isError"]')" False
expect_match "alice: served by the system daemon" "$(field "$t/alice.json" 'r["calls"][0]["text"]')" "$account"
expect "alice: telegram-read-messages succeeds" "$(field "$t/alice.json" 'r["calls"][1]["isError"]')" False
if [[ $(field "$t/alice.json" 'r["ok"]') != True ]]; then
  echo "    report: $(cat "$t/alice.json")"
fi
if [[ -x $here/py-mcp/bin/python ]]; then
  runuser -u alice -- env -i HOME=/home/alice PATH=/usr/bin:/bin "$here/py-mcp/bin/python" \
    "$here/mcp_smoke.py" --timeout 20 --call telegram-status -- mcp-telegram > "$t/smoke.json" 2> "$t/smoke.err" || true
  expect_match "alice: official MCP SDK (mcp_smoke.py) served by the system daemon" \
    "$(field "$t/smoke.json" 'r.get("error") or r["exit_code"] or r["call"]["result"]["content"][0]["text"]')" "$account"
else
  echo "SKIP alice: official MCP SDK (no venv in the payload)"
fi
expect "service activated" "$(prop ActiveState mcp-telegram.service)/$(prop SubState mcp-telegram.service)" active/running
expect "service user" "$(prop User mcp-telegram.service)" mcp-telegram
expect_match "service status text" "$(prop StatusText mcp-telegram.service)" '^connected as '
expect "no restarts yet" "$(prop NRestarts mcp-telegram.service)" 0
expect "alice: the kernel lets a group member connect" "$(connect_as alice $sock)" connected

section "4b. an instance of the template, not signed in"
# Nothing creates /var/lib/mcp-telegram/work but StateDirectory= on the first start.
expect "alice: instance socket accepts a group member" "$(connect_as alice /run/mcp-telegram/work.sock)" connected
wait_until 10 test -d $state/work || true
expect "instance state directory (StateDirectory=)" "$(stat -c %a:%U $state/work 2>&1)" 700:mcp-telegram
# A daemon that exits for want of a login would take its socket down with the start limit.
wait_until 10 is_active mcp-telegram@work.service || true
expect "instance service stays up without a login" "$(prop ActiveState mcp-telegram@work.service)" active
expect "instance socket still active" "$(prop ActiveState mcp-telegram@work.socket)" active

section "4c. first login as the service user, through its daemon (README's command)"
# Another account: an instance whose sandbox session is signed out.
acct=fresh
install -d -m 0700 -o mcp-telegram -g mcp-telegram "$state/$acct"
setpriv --reuid=mcp-telegram --regid=mcp-telegram --init-groups -- \
  mcp-telegram sandbox --listen 127.0.0.1:0 --session "$state/$acct/session" --signed-out \
  > "$t/login-sandbox.out" 2> "$t/login-sandbox.err" &
login_sandbox_pid=$!
wait_until 20 grep -q '"listen"' "$t/login-sandbox.out" || ko "signed-out sandbox listening"
expect_ok "enable mcp-telegram@$acct.socket" timeout 30 systemctl enable --now "mcp-telegram@$acct.socket"
login_out=$(timeout 60 python3 "$here/login_drive.py" "$t/login-sandbox.out" "/run/mcp-telegram/$acct.sock" 2>&1) || true
expect_match "runuser -u mcp-telegram -- mcp-telegram login" "$login_out" "Logged in as @$account"
connected() { [[ $(prop StatusText "mcp-telegram@$acct.service") == "connected as @$account"* ]]; }
wait_until 10 connected || true
expect_match "the instance's status after the login" "$(prop StatusText "mcp-telegram@$acct.service")" "^connected as @$account"
expect "the login went through the daemon (one start)" "$(prop NRestarts "mcp-telegram@$acct.service")" 0
denied=$(runuser -u alice -- env -i HOME=/home/alice PATH=/usr/bin:/bin \
  MCP_TELEGRAM_SOCKET="/run/mcp-telegram/$acct.sock" mcp-telegram logout 2>&1 || true)
expect_match "a group member may not log the service out" "$denied" "only the owner's user"
status_out=$(runuser -u alice -- env -i HOME=/home/alice PATH=/usr/bin:/bin \
  MCP_TELEGRAM_SOCKET="/run/mcp-telegram/$acct.sock" mcp-telegram status 2>&1 || true)
expect_match "a group member may read the status" "$status_out" "connected as @$account"
timeout 30 systemctl disable --now "mcp-telegram@$acct.socket" "mcp-telegram@$acct.service" >/dev/null 2>&1 || true

section "5. journal"
# Our own fields, bare (no F_ prefix). journald receives asynchronously: poll briefly.
journal() { journalctl -u mcp-telegram.service -o json --no-pager > "$t/journal.json" 2>/dev/null || true; }
has_entry() { # PYTHON-PREDICATE over e (one entry)
  python3 -c '
import json, sys
entries = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sys.exit(0 if any(eval(sys.argv[2]) for e in entries) else 1)' "$t/journal.json" "$1"
}
journal_has() { journal && has_entry "$1"; }
# The entry for alice's telegram-status call is the last of her session: once it is in,
# so is everything else, and each field below is checked once.
wait_until 3 journal_has 'e.get("TOOL") == "telegram-status"' || true
for want in \
  'e.get("ROLE") == "daemon"' \
  '"CLIENT_PID" in e' \
  "e.get(\"CLIENT_UID\") == \"$alice_uid\"" \
  'e.get("TOOL") == "telegram-status"' \
  '"DURATION_MS" in e' \
  'e.get("OUTCOME") == "ok"' \
  '"ACCOUNT" in e' \
  '"client connected" in str(e.get("MESSAGE", ""))'; do
  if has_entry "$want"; then ok "journal: $want"; else ko "journal: $want"; fi
done
journalctl --sync 2>/dev/null || true
if journalctl -o export --no-pager 2>/dev/null | grep -aq "$api_hash"; then
  ko "api hash never logged" "found in the journal"
else
  ok "api hash never logged"
fi

section "6. crash under a live MCP session"
main_pid=$(prop MainPID mcp-telegram.service)
rm -f "$t/crash.ready" "$t/crash.go"
chown alice "$t" || true
# shellcheck disable=SC2086
mcp_as alice "$t/crash.json" $status_call --barrier "$t/crash" $status_call &
driver_pid=$!
if wait_until 25 test -e "$t/crash.ready"; then
  if [[ $main_pid -gt 0 ]]; then kill -9 "$main_pid" && ok "kill -9 MainPID" "$main_pid"; else ko "kill -9 MainPID" "no MainPID"; fi
else
  ko "alice's session reached the crash point" "$(cat "$t/crash.json")"
fi
touch "$t/crash.go"
wait "$driver_pid" || true
expect "alice: the call after the crash succeeds" "$(field "$t/crash.json" 'r["error"] or r["calls"][1]["isError"]')" False
expect_match "alice: still the system daemon after the crash" "$(field "$t/crash.json" 'r["calls"][1]["text"]')" "$account"
wait_until 10 nrestarts_is 1 || true
expect "NRestarts after the crash" "$(prop NRestarts mcp-telegram.service)" 1
chown root "$t"

section "7. a user outside the group"
expect "bob: socket refused by the kernel" "$(connect_as bob $sock)" PermissionError
mcp_as bob "$t/bob.json" --timeout 10 --call telegram-status '{}'
bob_says="$(field "$t/bob.json" 'r["error"]') $(field "$t/bob.json" 'r["stderr"]') $(field "$t/bob.json" 'r["calls"][0]["text"]')"
if [[ $bob_says == *"$account"* ]]; then ko "bob: not served by the system daemon" "$bob_says"; else ok "bob: not served by the system daemon"; fi
journal
if has_entry "e.get(\"CLIENT_UID\") == \"$bob_uid\""; then ko "bob: never a client of the daemon"; else ok "bob: never a client of the daemon"; fi
# The user-visible message must point at the cause: the socket he may not use.
expect_match "bob: the refusal names the system socket" "$bob_says" "$sock"

echo "-- the daemons' last journal lines, for diagnosis"
journalctl -u mcp-telegram.service -u mcp-telegram@work.service -n 15 --no-pager -o short-monotonic | sed 's/^/    /' || true

section "8. state directory"
expect "state directory" "$(stat -c %a:%U "$state")" 700:mcp-telegram

section "9. upgrade to v2"
was_running=$(prop SubState mcp-telegram.service)
old_pid=$(prop MainPID mcp-telegram.service)
old_instance_pid=$(prop MainPID mcp-telegram@work.service)
# Bounded: a restart waits for READY=1, and a daemon that never sends it would hang dpkg.
if timeout 90 dpkg -i "$deb_v2" > "$t/upgrade.log" 2>&1; then ok "dpkg -i v2"; else ko "dpkg -i v2" "$(tail -n 3 "$t/upgrade.log")"; fi
expect "version after upgrade" "$(dpkg-query -W -f '${Version}' mcp-telegram)" "$(dpkg-deb -f "$deb_v2" Version)"
if grep -q 'policy-rc.d' "$t/upgrade.log"; then ko "no policy-rc.d refusal" "$(grep policy-rc.d "$t/upgrade.log")"; else ok "no policy-rc.d refusal"; fi
expect "socket still enabled" "$(systemctl is-enabled mcp-telegram.socket)" enabled
# An idle socket is "listening", one whose service runs "running".
expect_match "socket still accepting" "$(prop SubState mcp-telegram.socket)" '^(listening|running)$'
expect_match "instance socket still accepting" "$(prop SubState mcp-telegram@work.socket)" '^(listening|running)$'
if [[ $was_running == running ]]; then
  new_pid=$(prop MainPID mcp-telegram.service)
  if [[ $new_pid != 0 && $new_pid != "$old_pid" ]]; then ok "service restarted" "MainPID $old_pid -> $new_pid"; else ko "service restarted" "MainPID $old_pid -> $new_pid"; fi
else
  ko "service was running before the upgrade" "SubState=$was_running"
fi
new_instance_pid=$(prop MainPID mcp-telegram@work.service)
if [[ $old_instance_pid != 0 && $new_instance_pid != 0 && $new_instance_pid != "$old_instance_pid" ]]; then
  ok "instance service restarted" "MainPID $old_instance_pid -> $new_instance_pid"
else
  ko "instance service restarted" "MainPID $old_instance_pid -> $new_instance_pid"
fi
# Its first start may have left a session file without a login behind; it must still
# come up (READY=1) rather than hold the restart, and so dpkg, for ever.
wait_until 15 is_active mcp-telegram@work.service || true
instance_state="$(prop ActiveState mcp-telegram@work.service) ($(prop StatusText mcp-telegram@work.service))"
if is_active mcp-telegram@work.service; then ok "instance service ready again" "$instance_state"; else
  ko "instance service ready again" "$instance_state"; fi
# shellcheck disable=SC2086
mcp_as alice "$t/upgraded.json" $status_call
expect_match "alice: served after the upgrade" "$(field "$t/upgraded.json" 'r["error"] or r["calls"][0]["text"]')" "$account"

section "10. remove and purge"
expect_ok "dpkg -r" timeout 90 dpkg -r mcp-telegram
for unit in mcp-telegram.socket mcp-telegram.service mcp-telegram@work.socket mcp-telegram@work.service; do
  expect "$unit inactive after remove" "$(systemctl is-active "$unit" || true)" inactive
done
expect "socket file gone" "$(test -e $sock && echo present || echo absent)" absent
expect "instance socket file gone" "$(test -e /run/mcp-telegram/work.sock && echo present || echo absent)" absent
expect "state kept on remove" "$(test -d $state && echo present || echo absent)" present
kill "$sandbox_pid" 2>/dev/null || true
wait "$sandbox_pid" 2>/dev/null || true
sandbox_pid=
expect_ok "dpkg -P" timeout 90 dpkg -P mcp-telegram
for link in /etc/systemd/system/sockets.target.wants/mcp-telegram.socket \
  /etc/systemd/system/sockets.target.wants/mcp-telegram@work.socket; do
  expect "no $link" "$(test -L "$link" && echo present || echo absent)" absent
done
expect "state removed on purge" "$(test -e $state && echo present || echo absent)" absent
expect "system user kept (policy)" "$(getent passwd mcp-telegram > /dev/null && echo present || echo absent)" present
expect "admin's env file kept" "$(test -f /etc/mcp-telegram.env && echo present || echo absent)" present

echo "$pass passed, $fail failed"
