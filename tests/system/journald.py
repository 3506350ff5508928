#!/usr/bin/env python3
"""Tier-2 checks: run a sandbox, the daemon logging to journald, and a window; then read the
journal back with `journalctl -o json` and check the structured fields a user filters on.

Usage (inside journald.sh's namespace): journald.py BIN WORKDIR. Prints PASS/FAIL lines and
"N passed, N failed"; exits non-zero on any failure. Standard library only.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time

BIN, WORK = sys.argv[1], sys.argv[2]
API_HASH = "9f1c0ffee0ddba11fa1afe1deadc0de5"
DEADLINE = 30.0

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def wait_for(what, predicate, timeout=DEADLINE):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise SystemExit(f"timed out waiting for {what}")


def control(path, request):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(path)
        s.sendall((json.dumps(request) + "\n").encode())
        return json.loads(s.makefile().readline())


os.makedirs(WORK, mode=0o700, exist_ok=True)
session = os.path.join(WORK, "session")
base_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": WORK,
            "TELEGRAM_SESSION_PATH": session, "TELEGRAM_API_ID": "12345",
            "TELEGRAM_API_HASH": API_HASH}

sandbox = subprocess.Popen([BIN, "sandbox", "--session", session], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, env=base_env, text=True)
ready = json.loads(sandbox.stdout.readline())

daemon = subprocess.Popen([BIN, "serve"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env={**base_env, "MCP_TELEGRAM_LOG": "journald"})
sock = session + ".daemon.sock"


def listening():
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(sock)
        return True
    except OSError:
        return False


wait_for("the daemon's socket", listening)

# A window, driven like an MCP host: handshake, two good calls, one flood-waited send.
window = subprocess.Popen([BIN], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, env=base_env, text=True)


def send(message):
    window.stdin.write(json.dumps(message) + "\n")
    window.stdin.flush()


def answer(wanted_id):
    while True:
        line = window.stdout.readline()
        if not line:
            raise SystemExit("the window closed its stdout")
        msg = json.loads(line)
        if msg.get("id") == wanted_id:
            return msg


send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                 "clientInfo": {"name": "tier2", "version": "1"}}})
answer(1)
send({"jsonrpc": "2.0", "method": "notifications/initialized"})


def call(i, tool, args):
    send({"jsonrpc": "2.0", "id": i, "method": "tools/call",
          "params": {"name": tool, "arguments": args}})
    return answer(i)["result"]


status = call(2, "telegram-status", {})
check("telegram-status answers", status.get("isError") is False, status)
read = call(3, "telegram-read-messages", {"chatId": "@boris_p", "limit": 3})
check("telegram-read-messages answers", read.get("isError") is False, read)
control(ready["control"], {"op": "flood", "method": "messages.sendMessage", "seconds": 9, "times": 1})
flood = call(4, "telegram-send-message", {"chatId": "me", "text": "hi"})
check("a flood wait is a tool error", flood.get("isError") is True, flood)
window.stdin.close()
window.wait(timeout=DEADLINE)
window_pid = window.pid

daemon.send_signal(signal.SIGTERM)
daemon_stderr = daemon.communicate(timeout=DEADLINE)[1].decode(errors="replace")
check("the daemon exits cleanly on SIGTERM", daemon.returncode == 0, daemon.returncode)
check("under journald nothing goes to stderr", daemon_stderr.strip() == "", daemon_stderr[:500])
sandbox.terminate()
sandbox.wait(timeout=DEADLINE)


def journal():
    out = subprocess.run(["journalctl", "--no-pager", "-o", "json", "SYSLOG_IDENTIFIER=mcp-telegram"],
                         capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


entries = wait_for("the stopping entry in the journal",
                   lambda: (lambda e: e if any(x.get("MESSAGE") == "stopping" for x in e) else None)(journal()))


def find(starts="", **fields):
    return [e for e in entries
            if e.get("MESSAGE", "").startswith(starts) and all(e.get(k) == v for k, v in fields.items())]


check("every entry says its role", all(e.get("ROLE") == "daemon" for e in entries),
      {e.get("ROLE") for e in entries})
check("'connected as @alice_sandbox' is logged", bool(find(MESSAGE="connected as @alice_sandbox")))
connected = find(starts="client connected (pid ")
check("'client connected' with the client's pid and uid",
      any(e.get("CLIENT_PID") == str(window_pid) and e.get("CLIENT_UID") == str(os.getuid())
          for e in connected), connected)
check("'client disconnected' is logged", bool(find(starts="client disconnected")))
calls = find(starts="telegram-status ok in ", TOOL="telegram-status")
check("a tool call has TOOL, OUTCOME, DURATION_MS, ACCOUNT and the client",
      any(e.get("OUTCOME") == "ok" and "DURATION_MS" in e and e.get("ACCOUNT") == "connected as @alice_sandbox"
          and e.get("CLIENT_PID") == str(window_pid) for e in calls), calls)
floods = find(starts="telegram-send-message error (FLOOD_WAIT) in ", TOOL="telegram-send-message", OUTCOME="error")
check("a Telegram error names its RPC error", any(e.get("RPC_ERROR") == "FLOOD_WAIT" for e in floods), floods)
check("priorities follow levels (INFO is 5)", all(e.get("PRIORITY") == "5" for e in calls), calls)
raw = json.dumps(entries)
check("the api hash never reaches the journal", API_HASH not in raw)
check("journal entries were found", len(entries) > 5, len(entries))

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
