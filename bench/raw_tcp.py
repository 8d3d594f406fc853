#!/usr/bin/env python3
"""The bench's raw socket baseline: copy a file over loopback TCP in 32 KiB writes, the receiver discarding it.

Usage: raw_tcp.py FILE  (prints the seconds the copy took)
"""
import socket
import sys
import threading
import time

CHUNK = 32 * 1024
path = sys.argv[1]
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
port = server.getsockname()[1]


def receive():
    conn, _ = server.accept()
    buf = bytearray(1 << 20)
    while conn.recv_into(buf):
        pass
    conn.close()


t = threading.Thread(target=receive)
t.start()
start = time.perf_counter()
with socket.create_connection(("127.0.0.1", port)) as s, open(path, "rb") as f:
    while True:
        b = f.read(CHUNK)
        if not b:
            break
        s.sendall(b)
    s.shutdown(socket.SHUT_WR)
    t.join()
print("%.4f" % (time.perf_counter() - start))
