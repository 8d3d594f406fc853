#!/usr/bin/env python3
"""The bench's "raw pipe" baseline: the least a p2pstdio server can do.

Speaks just enough of the P2P protocol for one GET or PUT of one file: no repository, no hashing, no checks.
GET answers with the file in 32 KiB writes; PUT reads the DATA and throws it away. Usage: raw_p2pstdio.py FILE
"""
import sys

CHUNK = 32 * 1024
path = sys.argv[1]
rd = sys.stdin.buffer
wr = sys.stdout.buffer


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
                sys.exit(1)
            n -= len(b)
        rd.readline()  # VALID
        send("SUCCESS")
    elif words[0] == "CHECKPRESENT":
        send("SUCCESS")
    else:
        send("ERROR unknown command")
