#!/usr/bin/env python3
"""Tier 3: the service's first login as README shows it, without a terminal.

Runs `runuser -u mcp-telegram -- env MCP_TELEGRAM_SOCKET=SOCKET mcp-telegram login --phone P`
against a signed-out sandbox, waits until the login code was sent, reads the code from the
sandbox's control socket (as a phone would show it) and types it on the command's stdin.
Prints what the command wrote; exits with its status.
Usage: login_drive.py SANDBOX_READY_FILE SOCKET
"""

import json
import socket
import subprocess
import sys

ready = json.loads(open(sys.argv[1]).readline())
sock = sys.argv[2]

login = subprocess.Popen(
    ["runuser", "-u", "mcp-telegram", "--", "env", f"MCP_TELEGRAM_SOCKET={sock}",
     "mcp-telegram", "login", "--phone", ready["phone"]],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
shown = []
for line in login.stdout:
    shown.append(line)
    if "sent a login code" in line:
        break
else:
    print("".join(shown), end="")
    sys.exit(login.wait() or 1)

with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
    s.connect(ready["control"])
    s.sendall(b'{"op":"login-code"}\n')
    code = json.loads(s.makefile().readline())["code"]
login.stdin.write(code + "\n")
login.stdin.close()
shown.append(login.stdout.read())
print("".join(shown), end="")
sys.exit(login.wait())
