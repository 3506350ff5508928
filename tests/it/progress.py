"""Calls one tool through the official Python SDK with a progress callback and prints one JSON
report: the progress updates seen (progress, total, message) and the result.

Usage: python progress.py TOOL ARGS_JSON -- CMD ARGS...
The server's environment comes from this process's environment.
"""

import json
import os
import sys

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def main() -> None:
    tool, args = sys.argv[1], json.loads(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1 :]
    seen = []

    async def on_progress(progress, total, message):
        seen.append({"progress": progress, "total": total, "message": message})

    server = StdioServerParameters(command=command[0], args=command[1:], env=dict(os.environ))
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            with anyio.fail_after(120):
                result = await session.call_tool(tool, args, progress_callback=on_progress)
    text = " ".join(c.text for c in result.content if getattr(c, "type", "") == "text")
    print(json.dumps({"progress": seen, "is_error": bool(result.is_error), "text": text,
                      "structured": result.structured_content}))


anyio.run(main)
