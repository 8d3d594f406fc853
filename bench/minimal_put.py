#!/usr/bin/env python3
"""The least a verifying p2pstdio server can do for a PUT without a JVM, beside bench/MinimalPut.java: the same
steps (read DATA into a few reused buffers, write them to a file, SHA-256 them on a second thread, flush to disk
every 64 MiB on a third, fsync, compare) with OpenSSL's SHA-256 through hashlib, which releases the interpreter
lock while it hashes. If this server is no faster than the Java one, the machine, not the JVM, sets the floor.

Usage: minimal_put.py DIR      (one PUT of a SHA256 key, written to DIR/object)
"""
import hashlib
import os
import queue
import sys
import threading
import time

CHUNK = 256 * 1024
FLUSH_EVERY = 64 << 20
pending = b""


def receive(command):
    global pending
    while b"\n" not in pending:
        more = os.read(0, 65536)
        if not more:
            sys.exit("minimal_put: the client hung up while we waited for " + command)
        pending += more
    line, _, pending = pending.partition(b"\n")
    if not line.startswith(command.encode()):
        sys.exit("minimal_put: expected %s, got %r" % (command, line))
    return line.decode()


def send(line):
    os.write(1, line.encode() + b"\n")


send("AUTH-SUCCESS 00000000-0000-4000-8000-000000f100e5")
receive("VERSION")
send("VERSION 1")
wanted = receive("PUT").split("--", 1)[1].split(".")[0]
send("PUT-FROM 0")
left = int(receive("DATA").split()[1])

fd = os.open(os.path.join(sys.argv[1], "object"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
sha = hashlib.sha256()
free, full = queue.Queue(), queue.Queue()
for _ in range(4):
    free.put(bytearray(CHUNK))
written, writing = [0], [True]


def hash_chunks():
    for buffer, n in iter(full.get, None):
        sha.update(memoryview(buffer)[:n])
        free.put(buffer)


def flush_while_writing():
    flushed = 0
    while writing[0]:
        if written[0] - flushed >= FLUSH_EVERY:
            flushed = written[0]
            os.fdatasync(fd)
        else:
            time.sleep(0.005)


# Daemons: a client that hangs up mid-transfer ends the run with an error instead of leaving them waiting.
hasher = threading.Thread(target=hash_chunks, daemon=True)
flusher = threading.Thread(target=flush_while_writing, daemon=True)
hasher.start()
flusher.start()
while left > 0:
    buffer = free.get()
    view = memoryview(buffer)
    if pending:  # what arrived with the DATA line
        n = min(len(pending), left)
        view[:n] = pending[:n]
        pending = pending[n:]
    else:
        n = os.readv(0, [view[:min(CHUNK, left)]])
        if n == 0:
            sys.exit("minimal_put: the client hung up in the middle of the data")
    done = 0
    while done < n:
        done += os.write(fd, view[done:n])
    written[0] += n
    left -= n
    full.put((buffer, n))
writing[0] = False
flusher.join()
os.fsync(fd)
os.close(fd)
full.put(None)
hasher.join()
receive("VALID")
send("SUCCESS" if sha.hexdigest() == wanted else "FAILURE")
