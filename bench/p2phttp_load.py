#!/usr/bin/env python3
"""Clients for a p2phttp server (ours or git annex p2phttp), the same for both: only the standard library.

  p2phttp_load.py many  BASE UUID --dir D --clients 200 --requests 5
      200 clients, each on its own connection, all started together, each GETting a small key REQUESTS times;
      prints latency percentiles (ms) and how many requests failed.
  p2phttp_load.py loop  BASE UUID --dir D --clients 8 --seconds 180 --big BIGFILE
      8 clients looping remove/put/get on their own keys, and one client that cuts a GET or PUT of BIGFILE
      mid-transfer every few hundred ms; prints per-minute rounds, errors and stalls (a request that takes
      longer than --stall seconds) as it goes, and a summary line at the end.
BASE is http://127.0.0.1:PORT; keys are SHA256E of files the script writes under D (so either server verifies them).
"""
import argparse, hashlib, http.client, os, socket, sys, threading, time, urllib.parse

CLIENT = "c1c1c1c1-0000-4000-8000-000000000001"


def key_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return "SHA256E-s%d--%s.bin" % (os.path.getsize(path), h.hexdigest())


def make(d, name, size):
    p = os.path.join(d, name)
    if not os.path.exists(p) or os.path.getsize(p) != size:
        with open(p, "wb") as f:
            f.write(os.urandom(size))
    return p, key_of(p)


class Server:
    def __init__(self, base, uuid, timeout):
        u = urllib.parse.urlparse(base)
        self.host, self.port, self.uuid, self.timeout = u.hostname, u.port, uuid, timeout

    def conn(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def path(self, route, key, extra=""):
        return "/git-annex/%s/v3/%s?clientuuid=%s&key=%s%s" % (self.uuid, route, CLIENT, urllib.parse.quote(key), extra)

    def get(self, c, key):
        c.request("GET", "/git-annex/%s/v3/key/%s?clientuuid=%s" % (self.uuid, urllib.parse.quote(key), CLIENT))
        r = c.getresponse()
        body = r.read()
        return r.status, body

    def post(self, c, route, key, body=None, length=None):
        headers = {} if length is None else {"X-git-annex-data-length": str(length), "Content-Length": str(length)}
        c.request("POST", self.path(route, key), body=body, headers=headers)
        r = c.getresponse()
        return r.status, r.read()


def many(a, s):
    p, key = make(a.dir, "small.bin", 4096)
    data = open(p, "rb").read()
    # Store it (through this server) first; both servers may share one repository.
    c = s.conn()
    try:
        s.post(c, "put", key, data, len(data))
    except (OSError, http.client.HTTPException) as e:
        print("requests=0 failed=%d: storing the key first failed (%s)" % (a.clients * a.requests, e))
        return
    c.close()
    start = threading.Barrier(a.clients)
    lat, failed, lock = [], [0], threading.Lock()

    def client():
        try:
            c = s.conn()
            c.connect()
        except OSError:
            with lock:
                failed[0] += a.requests
            start.wait()
            return
        start.wait()
        for _ in range(a.requests):
            t0 = time.monotonic()
            try:
                st, body = s.get(c, key)
                ok = st == 200 and body == data
            except (OSError, http.client.HTTPException):
                ok = False
                c.close()
                c = s.conn()
            t = time.monotonic() - t0
            with lock:
                if ok:
                    lat.append(t)
                else:
                    failed[0] += 1
        c.close()

    ts = [threading.Thread(target=client) for _ in range(a.clients)]
    t0 = time.monotonic()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.monotonic() - t0
    lat.sort()
    pct = lambda q: 1000 * lat[min(len(lat) - 1, int(q * len(lat)))] if lat else float("nan")
    print("requests=%d failed=%d wall_s=%.2f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f"
          % (len(lat), failed[0], wall, pct(0.5), pct(0.9), pct(0.99), 1000 * lat[-1] if lat else float("nan")))


def loop(a, s):
    files = [make(a.dir, "loop%d.bin" % i, a.size) for i in range(a.clients)]
    big_key = key_of(a.big)
    big_size = os.path.getsize(a.big)
    stats = {"rounds": 0, "errors": 0, "stalls": 0, "cuts": 0, "slowest": 0.0}
    lock = threading.Lock()
    end = time.monotonic() + a.seconds

    def timed(fn):
        t0 = time.monotonic()
        try:
            return fn()
        finally:
            t = time.monotonic() - t0
            with lock:
                stats["slowest"] = max(stats["slowest"], t)
                if t > a.stall:
                    stats["stalls"] += 1

    def looper(path, key):
        data = open(path, "rb").read()
        c = s.conn()
        while time.monotonic() < end:
            try:
                ok = timed(lambda: s.post(c, "remove", key))[0] == 200
                ok &= timed(lambda: s.post(c, "put", key, data, len(data)))[0] == 200
                st, body = timed(lambda: s.get(c, key))
                ok &= st == 200 and body == data
                with lock:
                    stats["rounds" if ok else "errors"] += 1
            except (OSError, http.client.HTTPException):
                with lock:
                    stats["errors"] += 1
                c.close()
                c = s.conn()

    def cutter():
        i = 0
        while time.monotonic() < end:
            try:
                sock = socket.create_connection((s.host, s.port), timeout=a.stall)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                if i % 2 == 0:
                    sock.sendall(("GET /git-annex/%s/v3/key/%s?clientuuid=%s HTTP/1.1\r\nHost: x\r\n\r\n"
                                  % (s.uuid, urllib.parse.quote(big_key), CLIENT)).encode())
                    got = 0
                    while got < (1 << 20):
                        b = sock.recv(65536)
                        if not b:
                            break
                        got += len(b)
                else:
                    sock.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nX-git-annex-data-length: %d\r\nContent-Length: %d\r\n\r\n"
                                  % (s.path("put", big_key), big_size, big_size)).encode())
                    with open(a.big, "rb") as f:
                        sock.sendall(f.read(1 << 20))
                sock.close()
                with lock:
                    stats["cuts"] += 1
            except OSError:
                with lock:
                    stats["errors"] += 1
            i += 1
            time.sleep(a.cut_every)

    ts = [threading.Thread(target=looper, args=f, daemon=True) for f in files] + [threading.Thread(target=cutter, daemon=True)]
    for t in ts:
        t.start()
    t0 = time.monotonic()
    while any(t.is_alive() for t in ts):
        left = end - time.monotonic()
        time.sleep(max(0.1, min(a.report, left)) if left > 0 else 1)
        if time.monotonic() < end + 1:
            with lock:
                print("t=%.0f rounds=%d errors=%d stalls=%d cuts=%d slowest_s=%.2f" % (time.monotonic() - t0, stats["rounds"],
                      stats["errors"], stats["stalls"], stats["cuts"], stats["slowest"]), flush=True)
        if time.monotonic() > end + 5 * a.stall:
            print("clients still waiting %ds after the end: a stall" % (5 * a.stall), flush=True)
            break
    waited = time.monotonic() - t0 - a.seconds
    if waited > 2:
        print("the last requests ended %.0f s after the end of the run" % waited, flush=True)
    print("summary rounds=%d errors=%d stalls=%d cuts=%d slowest_s=%.2f" % (stats["rounds"], stats["errors"],
          stats["stalls"], stats["cuts"], stats["slowest"]), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["many", "loop"])
    ap.add_argument("base")
    ap.add_argument("uuid")
    ap.add_argument("--dir", required=True)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=180)
    ap.add_argument("--size", type=int, default=256 * 1024)
    ap.add_argument("--big")
    ap.add_argument("--cut-every", type=float, default=0.3)
    ap.add_argument("--stall", type=float, default=30)
    ap.add_argument("--report", type=float, default=30)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    s = Server(a.base, a.uuid, a.stall * 4)
    many(a, s) if a.what == "many" else loop(a, s)


if __name__ == "__main__":
    main()
