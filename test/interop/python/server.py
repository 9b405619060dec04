"""Python websockets (Debian's python3-websockets 10.4) as a server for dotnet-ws's ClientWebSocket.

usage: /usr/bin/python3 server.py
Prints the port, then one JSON line per finished connection; exits when standard input closes.
  /echo   echoes every message until the client closes
  /close  sends "bye", then closes with 4002 "python closing"
"""
import asyncio
import json
import sys

import websockets


async def handler(ws):
    received = []
    if ws.path == "/echo":
        async for m in ws:
            received.append(["Text" if isinstance(m, str) else "Binary", len(m.encode() if isinstance(m, str) else m)])
            await ws.send(m)
    elif ws.path == "/close":
        await ws.send("bye")
        await ws.close(code=4002, reason="python closing")
    await ws.wait_closed()
    print(json.dumps({"path": ws.path, "received": received, "close_code": ws.close_code, "close_reason": ws.close_reason}), flush=True)


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, max_size=None) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


asyncio.run(main())
