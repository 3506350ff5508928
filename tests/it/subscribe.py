"""Subscribes to one chat resource through the official Python SDK, prints "ready", and waits
for a notifications/resources/updated about it; then reads the resource and prints one JSON
report (the URIs notified and the resource's text).

Usage: python subscribe.py URI -- CMD ARGS...
"""

import json
import os
import sys

import anyio
from mcp import ClientSession, StdioServerParameters, types
from mcp.client.stdio import stdio_client


async def main() -> None:
    uri = sys.argv[1]
    command = sys.argv[sys.argv.index("--") + 1 :]
    updated = anyio.Event()
    seen = []

    async def on_message(message):
        if isinstance(message, types.ResourceUpdatedNotification):
            seen.append(str(message.params.uri))
            updated.set()

    server = StdioServerParameters(command=command[0], args=command[1:], env=dict(os.environ))
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write, message_handler=on_message) as session:
            init = await session.initialize()
            await session.subscribe_resource(uri)
            print("ready", flush=True)
            with anyio.fail_after(30):
                await updated.wait()
            contents = await session.read_resource(uri)
    text = " ".join(getattr(c, "text", "") for c in contents.contents)
    caps = init.capabilities.resources
    print(json.dumps({"notified": seen, "text": text, "subscribe": bool(caps and caps.subscribe)}), flush=True)


anyio.run(main)
