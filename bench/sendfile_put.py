#!/usr/bin/env python3
"""The least a PUT client can do: start the server command, speak just enough of the P2P protocol, and move the
file with os.sendfile (no hashing, no copy through user space). The bench times our server and git-annex-shell
with it to show which side limits a verified PUT.

Usage: sendfile_put.py "SERVER COMMAND" KEY FILE      (exit 0 only if the server answered SUCCESS)
"""
import os
import shlex
import subprocess
import sys

command, key, path = sys.argv[1], sys.argv[2], sys.argv[3]
server = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)


def receive():
    line = b""
    while not line.endswith(b"\n"):
        c = server.stdout.read(1)
        if not c:
            sys.exit("sendfile_put: the server hung up")
        line += c
    return line.decode("utf-8", "replace").rstrip("\n")


def send(line):
    server.stdin.write(line.encode() + b"\n")


def expect(prefix):
    line = receive()
    if not line.startswith(prefix):
        sys.exit("sendfile_put: expected %s, got %r" % (prefix, line))
    return line


expect("AUTH-SUCCESS")
send("VERSION 1")
expect("VERSION")
send("PUT  " + key)
offset = int(expect("PUT-FROM").split()[1])
size = os.path.getsize(path)
send("DATA %d" % (size - offset))
fd = os.open(path, os.O_RDONLY)
sent = offset
while sent < size:
    sent += os.sendfile(server.stdin.fileno(), fd, sent, size - sent)
send("VALID")
answer = receive()
server.stdin.close()
server.wait()
sys.exit(0 if answer == "SUCCESS" else "sendfile_put: the server answered %r" % answer)
