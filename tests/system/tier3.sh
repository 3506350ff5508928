#!/usr/bin/env bash
# Tier 3: boots a systemd guest (boot.sh), runs the .deb life cycle in it (deb-test.sh),
# powers it off and reports. Needs root, unshare/nsenter and the host's systemd.
# Usage: tests/system/tier3.sh DEB_V1 DEB_V2   (DEB_V2 must be a newer version of DEB_V1;
# bump-deb.sh makes one). Exits non-zero if the guest did not boot or any check failed.
set -euo pipefail
cd "$(dirname "$0")/../.."

deb_v1=$(realpath "$1") deb_v2=$(realpath "$2")
now() { echo "${EPOCHREALTIME/./}"; }   # microseconds
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", (b - a) / 1e6 }'; }

# The payload directory is kept across runs so the Python SDK venv is made only once.
payload=$PWD/target/tier3
mkdir -p "$payload"
cp tests/system/deb-test.sh tests/system/mcp_drive.py tests/system/login_drive.py "$payload/"
cp "$deb_v1" "$payload/v1.deb"
cp "$deb_v2" "$payload/v2.deb"
smoke=${MCP_SMOKE:-../shared/tools/mcp_smoke.py}
# Optional: the official MCP SDK as a second client. It must run under the guest's
# /usr/bin/python3 (as alice, who cannot enter /root), hence a venv of its own.
if [[ -f $smoke ]]; then
  cp "$smoke" "$payload/mcp_smoke.py"
  if [[ ! -f $payload/py-mcp/.ready ]]; then
    rm -rf "$payload/py-mcp"
    if /usr/bin/python3 -m venv "$payload/py-mcp" > "$payload/py-mcp.log" 2>&1 \
        && "$payload/py-mcp/bin/python" -m pip install --quiet mcp==2.3.0 jsonschema >> "$payload/py-mcp.log" 2>&1; then
      touch "$payload/py-mcp/.ready"
    else
      echo "tier3: no MCP SDK venv (see $payload/py-mcp.log); mcp_smoke.py is skipped" >&2
      rm -rf "$payload/py-mcp"
    fi
  fi
fi
chmod -R a+rX "$payload"

scratch=$(mktemp -d /tmp/mcp-telegram-tier3.XXXXXX)
cg=/sys/fs/cgroup/unified/$(basename "$scratch")
boot_pid= guest=
cleanup() {
  local deadline
  if [[ -n $boot_pid ]] && kill -0 "$boot_pid" 2>/dev/null; then
    if [[ -n $guest ]]; then timeout 5 nsenter -t "$guest" -a systemctl poweroff 2>/dev/null || true; fi
    deadline=$((SECONDS + 15))
    while kill -0 "$boot_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    # unshare --kill-child takes PID 1, and so the whole namespace, down with it.
    kill -KILL "$boot_pid" 2>/dev/null || true
    wait "$boot_pid" 2>/dev/null || true
  fi
  # A cgroup can be removed once its last process is gone, which may take a moment.
  deadline=$((SECONDS + 10))
  while [[ -d $cg ]] && ((SECONDS < deadline)); do
    find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null
    if [[ -d $cg ]]; then sleep 0.1; fi
  done
  rm -rf "$scratch"
}
trap cleanup EXIT
# Turn a signal into an exit, so the EXIT trap powers the guest off.
trap 'exit 130' INT TERM

t0=$(now)
tests/system/boot.sh "$scratch" "$payload" > "$scratch/boot.log" 2>&1 < /dev/null &
boot_pid=$!
deadline=$((SECONDS + 20))
until guest=$(pgrep -P "$boot_pid" -x systemd) && nsenter -t "$guest" -a test -S /run/systemd/private 2>/dev/null; do
  if ((SECONDS >= deadline)) || ! kill -0 "$boot_pid" 2>/dev/null; then
    echo "tier3: the guest did not boot" >&2
    cat "$scratch/boot.log" >&2
    exit 1
  fi
  sleep 0.05
done
G=(nsenter -t "$guest" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8)
state=$(timeout 60 "${G[@]}" systemctl is-system-running --wait || true)
echo "tier3: guest booted in $(since "$t0") s, state: $state"
failed_units=$("${G[@]}" systemctl --failed --no-legend --plain || true)
if [[ -n $failed_units ]]; then echo "tier3: failed units in the guest: $failed_units"; fi

t1=$(now)
# Bounded: about 15 s when all is well; a hung check must not hold CI for ever.
timeout 600 "${G[@]}" bash /payload/deb-test.sh /payload/v1.deb /payload/v2.deb 2>&1 | tee "$scratch/guest.log" || true
echo "tier3: guest tests took $(since "$t1") s"
summary=$(tail -n 1 "$scratch/guest.log")

t2=$(now)
"${G[@]}" systemctl poweroff || true
deadline=$((SECONDS + 30))
while kill -0 "$boot_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.05; done
if kill -0 "$boot_pid" 2>/dev/null; then echo "tier3: the guest did not power off; killing it" >&2; fi
echo "tier3: poweroff took $(since "$t2") s; total $(since "$t0") s"

echo "$summary"
[[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]] || { echo "tier3: no summary line from the guest" >&2; exit 1; }
[[ ${BASH_REMATCH[2]} -eq 0 ]]
