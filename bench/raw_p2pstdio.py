#!/usr/bin/env python3
"""The bench's "raw" baselines: the least a P2P server can do, over stdio or over TCP.

Speaks just enough of the P2P protocol for GETs and PUTs of one file: no repository, no hashing, no checks.
GET answers with the file in 32 KiB writes; PUT reads the DATA and throws it away.
Usage: raw_p2pstdio.py FILE                 (p2pstdio: speaks first, on stdin/stdout)
       raw_p2pstdio.py FILE --listen PORT   (TCP on 127.0.0.1: takes any AUTH, one connection at a time)
"""
import socket
import sys

CHUNK = 32 * 1024
path = sys.argv[1]


def serve(rd, wr):
    def send(line):
        wr.write(line.encode() + b"\n")
        wr.flush()

    send("AUTH-SUCCESS 00000000-0000-4000-8000-00000000beef")
    while True:
        line = rd.readline()
        if not line:
            break
        words = line.decode("latin-1").rstrip("\n").split(" ")
        if words[0] == "VERSION":
            send("VERSION 1")
        elif words[0] == "GET":
            offset = int(words[1])
            with open(path, "rb") as f:
                f.seek(0, 2)
                size = f.tell()
                f.seek(offset)
                send("DATA %d" % (size - offset))
                while True:
                    b = f.read(CHUNK)
                    if not b:
                        break
                    wr.write(b)
                wr.flush()
            send("VALID")
            rd.readline()  # SUCCESS or FAILURE
        elif words[0] == "PUT":
            send("PUT-FROM 0")
            n = int(rd.readline().split()[1])
            while n > 0:
                b = rd.read(min(n, 1 << 20))
                if not b:
                    return
                n -= len(b)
            rd.readline()  # VALID
            send("SUCCESS")
        elif words[0] == "CHECKPRESENT":
            send("SUCCESS")
        else:
            send("ERROR unknown command")


if len(sys.argv) >= 4 and sys.argv[2] == "--listen":  # a further word may tag the process for pkill
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", int(sys.argv[3])))
    listener.listen(4)
    while True:
        conn, _ = listener.accept()
        with conn, conn.makefile("rb") as rd, conn.makefile("wb") as wr:
            if rd.readline().startswith(b"AUTH "):
                serve(rd, wr)
else:
    serve(sys.stdin.buffer, sys.stdout.buffer)
