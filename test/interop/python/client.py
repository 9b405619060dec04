"""Python websockets (Debian's python3-websockets 10.4) as a client of the dotnet-ws server.

usage: /usr/bin/python3 client.py ws://127.0.0.1:PORT (echo | server-close)
Prints one JSON line with what it saw.
"""
import asyncio
import json
import sys

import websockets


def messages():
    return [
        "hello 안녕 🎉",
        bytes(range(256)),
        bytes((i * 31) & 0xFF for i in range(1 << 20)),
        "가" * 349525 + "!",
    ]


async def echo(url):
    ws = await websockets.connect(url + "/echo", max_size=None)
    echoed = []
    for m in messages():
        await ws.send(m)
        got = await ws.recv()
        echoed.append(type(got) is type(m) and got == m)
    await ws.close(code=1000, reason="done")
    return {"echoed": echoed, "close_code": ws.close_code, "close_reason": ws.close_reason}


async def server_close(url):
    ws = await websockets.connect(url + "/server-close", max_size=None)
    await ws.send("ready")
    received = [await ws.recv()]
    try:
        await ws.recv()
    except websockets.ConnectionClosed:
        pass
    await ws.wait_closed()
    return {"messages": received, "close_code": ws.close_code, "close_reason": ws.close_reason}


async def main():
    url, mode = sys.argv[1], sys.argv[2]
    result = await (echo(url) if mode == "echo" else server_close(url))
    print(json.dumps(result), flush=True)


asyncio.run(main())
