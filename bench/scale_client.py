#!/usr/bin/env python3
"""The scale bench's client: one process, one asyncio loop, every connection to one `annex-p2p serve`.

It opens HOLD connections that each authenticate (AUTH with the token from $GIT_ANNEX_P2P_AUTHTOKEN, VERSION 1)
and then stay idle; once all are held, ACTIVE of them each do a verified GET of one of the served keys (the bytes
are SHA-256 hashed and checked against the key) and a PUT of new content (VALID; the server verifies and answers
SUCCESS). Meanwhile it samples the server's VmRSS, threads and open fds from /proc. Hashing and sockets are
C code under one loop, so no thread per connection here.

Usage: scale_client.py PORT SERVER_PID KEYS_FILE HOLD ACTIVE PUT_BYTES
Prints one `name: value` line per figure on stdout; progress on stderr.
"""
import asyncio
import hashlib
import os
import sys
import time
import uuid

port, server_pid = int(sys.argv[1]), int(sys.argv[2])
keys = [k.strip() for k in open(sys.argv[3]) if k.strip()]
hold, active, put_bytes = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
token = os.environ["GIT_ANNEX_P2P_AUTHTOKEN"]
me = str(uuid.uuid4())
idle_seconds = float(os.environ.get("BENCH_IDLE_SECONDS", "3"))
CONNECTING_AT_ONCE = 200
CHUNK = 256 * 1024

peak = {"rss_kib": 0, "threads": 0, "fds": 0}
samples = []
stats = {"held": 0, "refused": 0, "connect_failed": 0, "auth_failed": 0, "transfers_ok": 0, "transfers_failed": 0,
         "lost_while_idle": 0}
failures = []


def sample():
    figures = {}
    try:
        with open("/proc/%d/status" % server_pid) as f:
            for line in f:
                name, _, value = line.partition(":")
                if name in ("VmRSS", "VmHWM", "Threads"):
                    figures[name] = int(value.split()[0])
        figures["fds"] = len(os.listdir("/proc/%d/fd" % server_pid))
    except (FileNotFoundError, ProcessLookupError):
        return None
    peak["rss_kib"] = max(peak["rss_kib"], figures.get("VmRSS", 0))
    peak["threads"] = max(peak["threads"], figures.get("Threads", 0))
    peak["fds"] = max(peak["fds"], figures["fds"])
    return figures


async def sampler(phase):
    while True:
        figures = sample()
        if figures:
            samples.append((time.monotonic(), phase[0], figures))
        await asyncio.sleep(0.5)


async def line(reader):
    raw = await reader.readline()
    if not raw.endswith(b"\n"):
        raise ConnectionError("connection closed")
    return raw[:-1].decode()


async def open_one(gate):
    async with gate:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
        except OSError as e:
            stats["connect_failed"] += 1
            failures.append("connect: %s" % e)
            return None
        try:
            writer.write(("AUTH %s %s\n" % (me, token)).encode())
            answer = await line(reader)
            if not answer.startswith("AUTH-SUCCESS "):
                stats["refused" if answer.startswith("ERROR") else "auth_failed"] += 1
                failures.append("auth: %s" % answer)
                writer.close()
                return None
            writer.write(b"VERSION 1\n")
            answer = await line(reader)
            if not answer.startswith("VERSION "):
                raise ConnectionError("VERSION answered " + answer)
        except (OSError, ConnectionError, asyncio.IncompleteReadError) as e:
            stats["refused"] += 1
            failures.append("auth: %s" % e)
            writer.close()
            return None
        stats["held"] += 1
        return reader, writer


async def verified_get(reader, writer, key):
    writer.write(("GET 0  %s\n" % key).encode())
    answer = await line(reader)
    if not answer.startswith("DATA "):
        raise ConnectionError("GET answered " + answer)
    left = int(answer.split()[1])
    sha = hashlib.sha256()
    while left:
        chunk = await reader.read(min(left, CHUNK))
        if not chunk:
            raise ConnectionError("closed in the middle of DATA")
        sha.update(chunk)
        left -= len(chunk)
    validity = await line(reader)
    wanted = key.split("--", 1)[1].split(".")[0]
    ok = validity == "VALID" and sha.hexdigest() == wanted
    writer.write(b"SUCCESS\n" if ok else b"FAILURE\n")
    if not ok:
        raise ConnectionError("GET of %s: %s, hash %s" % (key, validity, "matches" if sha.hexdigest() == wanted else "differs"))


async def verified_put(reader, writer, content):
    key = "SHA256E-s%d--%s.bin" % (len(content), hashlib.sha256(content).hexdigest())
    writer.write(("PUT  %s\n" % key).encode())
    answer = await line(reader)
    if not answer.startswith("PUT-FROM "):
        raise ConnectionError("PUT answered " + answer)
    offset = int(answer.split()[1])
    writer.write(("DATA %d\n" % (len(content) - offset)).encode())
    view = memoryview(content)[offset:]
    for at in range(0, len(view), CHUNK):
        writer.write(view[at:at + CHUNK])
        await writer.drain()
    writer.write(b"VALID\n")
    answer = await line(reader)
    if answer != "SUCCESS":
        raise ConnectionError("PUT of %s answered %s" % (key, answer))


async def transfer(connection, index):
    reader, writer = connection
    try:
        await verified_get(reader, writer, keys[index % len(keys)])
        await verified_put(reader, writer, os.urandom(put_bytes))
        stats["transfers_ok"] += 1
    except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError) as e:
        stats["transfers_failed"] += 1
        failures.append("transfer: %s" % e)


async def main():
    phase = ["connect"]
    watching = asyncio.get_running_loop().create_task(sampler(phase))
    started = time.monotonic()
    gate = asyncio.Semaphore(CONNECTING_AT_ONCE)
    opened = await asyncio.gather(*(open_one(gate) for _ in range(hold)))
    held = [c for c in opened if c]
    connected = time.monotonic()
    print("held %d of %d in %.1f s" % (len(held), hold, connected - started), file=sys.stderr)
    phase[0] = "idle"
    # BENCH_IDLE_SECONDS holds them idle longer, time for jcmd (NMT, thread dumps) on the server.
    await asyncio.sleep(idle_seconds)
    idle_figures = sample()
    phase[0] = "transfer"
    step = max(1, len(held) // max(1, active))
    chosen = held[::step][:active]
    await asyncio.gather(*(transfer(c, i) for i, c in enumerate(chosen)))
    transferred = time.monotonic()
    print("transfers done in %.1f s" % (transferred - connected - idle_seconds), file=sys.stderr)
    phase[0] = "after"
    await asyncio.sleep(1)
    # Every idle connection must still be there: one more VERSION round trip would cost a line each, so a closed
    # one shows as end of stream on its reader instead.
    for reader, _ in held:
        if reader.at_eof() or reader.exception():
            stats["lost_while_idle"] += 1
    end_figures = sample()
    watching.cancel()
    for _, writer in held:
        writer.close()
    print("connections_asked: %d" % hold)
    for name, value in stats.items():
        print("%s: %d" % (name, value))
    print("transfer_seconds: %.1f" % (transferred - connected - idle_seconds))
    print("total_seconds: %.1f" % (transferred - started - idle_seconds))
    if idle_figures:
        print("idle_rss_mib: %.0f" % (idle_figures["VmRSS"] / 1024))
        print("idle_threads: %d" % idle_figures["Threads"])
        print("idle_fds: %d" % idle_figures["fds"])
    print("peak_rss_mib: %.0f" % (peak["rss_kib"] / 1024))
    if end_figures:
        print("vmhwm_mib: %.0f" % (end_figures["VmHWM"] / 1024))
    print("peak_threads: %d" % peak["threads"])
    print("peak_fds: %d" % peak["fds"])
    for failure in sorted(set(failures))[:5]:
        print("failure: " + failure)


asyncio.run(main())
