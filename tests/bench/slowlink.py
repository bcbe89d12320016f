#!/usr/bin/env python3
"""A slow-link TCP relay for benchmarks: what a client sends to 127.0.0.1:PORT reaches TARGET,
and back, each direction through its own emulated link with a one-way delay and a bandwidth cap.

A chunk read from one side occupies its direction's link for len*8/rate seconds after the link
is free (serialisation), then arrives DELAY later (propagation), as on a real path; at most
--buffer-bytes are in flight per direction, so a fast sender is held back by TCP as it would be.
Runs as any user and changes nothing on the machine (unlike tc netem). Prints
"listening on 127.0.0.1:PORT" once ready. Python 3 standard library only.
"""
import argparse
import asyncio
import collections
import sys

CHUNK = 16 * 1024


async def pipe(reader, writer, delay, bytes_per_second, buffer_bytes):
    loop = asyncio.get_running_loop()
    queue = collections.deque()
    arrived = asyncio.Event()
    room = asyncio.Event()
    room.set()
    state = {"in_flight": 0, "eof": False}

    async def send_side():
        link_free = loop.time()
        while True:
            data = await reader.read(CHUNK)
            start = max(loop.time(), link_free)
            link_free = start + len(data) / bytes_per_second if data else start
            queue.append((link_free + delay, data))
            arrived.set()
            if not data:
                return
            state["in_flight"] += len(data)
            while state["in_flight"] >= buffer_bytes:
                room.clear()
                await room.wait()

    async def receive_side():
        while True:
            while not queue:
                arrived.clear()
                await arrived.wait()
            due, data = queue.popleft()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()
            state["in_flight"] -= len(data)
            room.set()

    sender = asyncio.ensure_future(send_side())
    try:
        await receive_side()
    finally:
        sender.cancel()


async def serve(args):
    host, port = args.target.rsplit(":", 1)
    delay = args.delay_ms / 1000.0
    rate = args.mbit * 1_000_000 / 8

    async def handle(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(host, int(port))
        except OSError as error:
            print(f"slowlink: cannot reach {args.target}: {error}", file=sys.stderr)
            client_writer.close()
            return
        try:
            await asyncio.gather(
                pipe(client_reader, server_writer, delay, rate, args.buffer_bytes),
                pipe(server_reader, client_writer, delay, rate, args.buffer_bytes))
        except (ConnectionError, OSError):
            pass
        finally:
            client_writer.close()
            server_writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", args.port)
    bound = server.sockets[0].getsockname()[1]
    print(f"listening on 127.0.0.1:{bound}", flush=True)
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, help="HOST:PORT to relay to")
    parser.add_argument("--delay-ms", type=float, default=20, help="one-way delay, ms")
    parser.add_argument("--mbit", type=float, default=20, help="cap per direction, Mbit/s")
    parser.add_argument("--port", type=int, default=0, help="listening port (0: any free)")
    parser.add_argument("--buffer-bytes", type=int, default=1024 * 1024,
                        help="most bytes in flight per direction")
    args = parser.parse_args()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
