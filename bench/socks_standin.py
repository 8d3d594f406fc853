#!/usr/bin/env python3
"""A stand-in for tor's SOCKS5 port, for the benches: git-annex reaches a tor-annex:: remote only through SOCKS5 at
127.0.0.1:9050, so this answers there and joins each CONNECT to the server the requested port names.

Usage: socks_standin.py LISTEN_PORT PORT=HOST:TCPPORT|PORT=unix:PATH ...
  e.g. socks_standin.py 9050 4242=127.0.0.1:4242 4243=unix:/var/lib/tor-annex/0_UUID/s

Only "no authentication" and CONNECT to a domain name are accepted, as git-annex sends them; the onion name is not
looked at (any works). A port with no route is refused (reply 04, host unreachable), so nothing is forwarded
anywhere it was not told to go. It listens on 127.0.0.1 only and prints "ready" once it does.

git-annex's socket to the SOCKS port has Nagle's algorithm on (it sets no TCP_NODELAY), so each small write that
follows an unacknowledged one waits for our ACK, which Linux delays by up to 40 ms: about 50 ms a file of 4 KiB,
through either server alike, which a bench of small files would time instead of the servers. The stand-in acks
what it reads at once (TCP_QUICKACK, re-armed at every read: the kernel clears it).
"""
import asyncio
import socket
import sys

routes = {}


async def pipe(reader, writer, quickack=None):
    try:
        while data := await reader.read(65536):
            if quickack is not None:
                quickack.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            writer.close()


async def serve(reader, writer):
    try:
        version, count = await reader.readexactly(2)
        methods = await reader.readexactly(count)
        if version != 5 or 0 not in methods:
            writer.write(b"\x05\xff")
            return
        writer.write(b"\x05\x00")
        version, command, _, atyp = await reader.readexactly(4)
        if version != 5 or command != 1 or atyp != 3:
            writer.write(b"\x05\x07\x00\x01" + bytes(6))  # command not supported
            return
        await reader.readexactly((await reader.readexactly(1))[0])  # the onion name
        port = int.from_bytes(await reader.readexactly(2), "big")
        target = routes.get(port)
        if target is None:
            writer.write(b"\x05\x04\x00\x01" + bytes(6))
            return
        try:
            if target[0] == "unix":
                up_reader, up_writer = await asyncio.open_unix_connection(target[1])
            else:
                up_reader, up_writer = await asyncio.open_connection(target[1], target[2])
        except OSError:
            writer.write(b"\x05\x05\x00\x01" + bytes(6))  # connection refused: the server is not there
            return
        writer.write(b"\x05\x00\x00\x01\x7f\x00\x00\x01\x00\x00")
        await writer.drain()
        client = writer.get_extra_info("socket")
        await asyncio.gather(pipe(reader, up_writer, client), pipe(up_reader, writer))
        up_writer.close()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    for arg in sys.argv[2:]:
        port, target = arg.split("=", 1)
        if target.startswith("unix:"):
            routes[int(port)] = ("unix", target[len("unix:"):])
        else:
            host, tcp_port = target.rsplit(":", 1)
            routes[int(port)] = ("tcp", host, int(tcp_port))
    server = await asyncio.start_server(serve, "127.0.0.1", int(sys.argv[1]), family=socket.AF_INET)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: socks_standin.py LISTEN_PORT PORT=HOST:TCPPORT|PORT=unix:PATH ...")
    asyncio.run(main())
