"""Drives one mcp-telegram window with the official Python SDK, declaring elicitation, and
calls one destructive tool. The elicitation callback answers as argv[1] says (accept, decline,
cancel) and records what it was asked. Prints one JSON report on stdout.

Usage: python elicit.py legacy|modern accept|accept-no|accept-empty|decline|cancel TOOL ARGS_JSON -- CMD ARGS...
legacy: ClientSession with initialize (the server sends elicitation/create); modern: Client
pinned to 2026-07-28 (the server answers input_required and the SDK retries with the answer).
The server's environment comes from this process's environment.
"""

import json
import os
import sys

import anyio
from mcp import ClientSession, StdioServerParameters, types
from mcp.client.client import Client
from mcp.client.stdio import stdio_client


async def main() -> None:
    era, answer, tool, args = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    command = sys.argv[sys.argv.index("--") + 1 :]
    asked = []

    async def on_elicit(_context, params):
        asked.append({"message": params.message, "schema": params.requested_schema})
        if answer == "accept":
            return types.ElicitResult(action="accept", content={"confirm": True})
        if answer == "accept-no":
            return types.ElicitResult(action="accept", content={"confirm": False})
        if answer == "accept-empty":
            return types.ElicitResult(action="accept")
        return types.ElicitResult(action=answer)

    server = StdioServerParameters(command=command[0], args=command[1:], env=dict(os.environ))
    if era == "modern":
        async with Client(server, mode="2026-07-28", elicitation_callback=on_elicit) as client:
            with anyio.fail_after(30):
                result = await client.call_tool(tool, args)
    else:
        async with stdio_client(server) as (read, write):
            async with ClientSession(read, write, elicitation_callback=on_elicit) as session:
                await session.initialize()
                with anyio.fail_after(30):
                    result = await session.call_tool(tool, args)
    text = " ".join(c.text for c in result.content if getattr(c, "type", "") == "text")
    print(json.dumps({"asked": asked, "is_error": bool(result.is_error), "text": text,
                      "structured": result.structured_content}))


anyio.run(main)
