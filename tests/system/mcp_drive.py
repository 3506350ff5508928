#!/usr/bin/env python3
"""A tiny stdlib-only MCP client for the system tests: no SDK to install in the guest.

Starts SERVER_CMD, speaks newline-delimited JSON-RPC over its stdin/stdout
(initialize, notifications/initialized, tools/list, then each --call in order)
and prints one JSON report on stdout:

  {"ok": bool, "error": str|null, "server": {...}, "tools": N,
   "calls": [{"name", "isError", "text", "retried"}], "exit": int|null,
   "stderr": "last lines of the server's stderr"}

A call answered with the retryable JSON-RPC error -32001 (the owner went away)
is sent once more. Every request has a deadline; the report is printed even
when the server dies, hangs or never answers.

A --barrier PATH step pauses the session between calls: the driver creates
PATH.ready and waits (up to 3 timeouts) for someone to create PATH.go, so a
test can crash the owner under a live MCP session.

Usage: mcp_drive.py [--timeout S] [--call NAME JSON | --barrier PATH]... -- SERVER_CMD [ARGS...]
Exit status: 0 if every step succeeded and no call returned isError, else 1.
"""

import json
import os
import select
import subprocess
import sys
import tempfile
import time

RETRYABLE = -32001


class Failed(Exception):
    pass


class Server:
    def __init__(self, argv, timeout):
        self.timeout = timeout
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr
        )
        self.buf = b""
        self.next_id = 0

    def send(self, message):
        try:
            self.proc.stdin.write(json.dumps(message).encode() + b"\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise Failed("server closed its stdin")

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.monotonic() + self.timeout
        while True:
            message = self.read_line(deadline, method)
            if message.get("id") == rid and ("result" in message or "error" in message):
                return message
            # Anything else (a notification or a server request) is not ours to answer.

    def read_line(self, deadline, what):
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failed(f"no answer to {what} within {self.timeout}s")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise Failed(f"server closed stdout before answering {what}")
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        try:
            return json.loads(line)
        except ValueError:
            raise Failed(f"not JSON on stdout: {line[:200]!r}")

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.stderr.seek(0)
        tail = self.stderr.read().decode(errors="replace").splitlines()[-20:]
        return code, "\n".join(tail)


def call_tool(server, name, arguments):
    retried = False
    while True:
        answer = server.request("tools/call", {"name": name, "arguments": arguments})
        error = answer.get("error")
        if error and error.get("code") == RETRYABLE and not retried:
            retried = True
            continue
        if error:
            raise Failed(f"tools/call {name}: JSON-RPC error {error}")
        result = answer["result"]
        text = "\n".join(c.get("text", "") for c in result.get("content", []) if c.get("type") == "text")
        return {"name": name, "isError": bool(result.get("isError")), "text": text, "retried": retried}


def barrier(path, timeout):
    open(path + ".ready", "w").close()
    deadline = time.monotonic() + 3 * timeout
    while not os.path.exists(path + ".go"):
        if time.monotonic() > deadline:
            raise Failed(f"nobody created {path}.go")
        time.sleep(0.05)


def main(argv):
    timeout, calls = 20.0, []
    while argv and argv[0] != "--":
        if argv[0] == "--timeout":
            timeout, argv = float(argv[1]), argv[2:]
        elif argv[0] == "--call":
            calls.append((argv[1], json.loads(argv[2])))
            argv = argv[3:]
        elif argv[0] == "--barrier":
            calls.append((None, argv[1]))
            argv = argv[2:]
        else:
            sys.exit("usage: mcp_drive.py [--timeout S] [--call NAME JSON | --barrier PATH]... -- CMD...")
    command = argv[1:]
    if not command:
        sys.exit("mcp_drive.py: no server command after --")

    report = {"ok": False, "error": None, "server": None, "tools": None, "calls": []}
    server = Server(command, timeout)
    try:
        init = server.request("initialize", {
            "protocolVersion": "2025-11-25",
            "capabilities": {},
            "clientInfo": {"name": "mcp_drive", "version": "1"},
        })
        if "error" in init:
            raise Failed(f"initialize: {init['error']}")
        report["server"] = init["result"].get("serverInfo")
        server.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        listed = server.request("tools/list", {})
        if "error" in listed:
            raise Failed(f"tools/list: {listed['error']}")
        report["tools"] = len(listed["result"]["tools"])
        for name, arguments in calls:
            if name is None:
                barrier(arguments, timeout)
            else:
                report["calls"].append(call_tool(server, name, arguments))
        report["ok"] = not any(c["isError"] for c in report["calls"])
    except Failed as e:
        report["error"] = str(e)
    report["exit"], report["stderr"] = server.close()
    print(json.dumps(report, ensure_ascii=False))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
