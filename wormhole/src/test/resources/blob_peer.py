"""One side of a blob exchange written against the python `wormhole` 0.12 library API (not its CLI).

    blob_peer.py RELAY_URL APPID initiate BLOB_HEX     prints "code CODE", then "got HEX" (the other side's blob)
    blob_peer.py RELAY_URL APPID receive CODE BLOB_HEX prints "got HEX"

Exits 3 after printing "wrong-code" when key confirmation fails (WrongPasswordError).
"""
import sys

from twisted.internet import defer, task

import wormhole
from wormhole.errors import WrongPasswordError


@defer.inlineCallbacks
def main(reactor, relay, appid, role, *rest):
    w = wormhole.create(appid, relay, reactor)
    if role == "initiate":
        blob = bytes.fromhex(rest[0])
        w.allocate_code()
        code = yield w.get_code()
        print("code", code, flush=True)
    else:
        w.set_code(rest[0])
        blob = bytes.fromhex(rest[1])
    w.send_message(blob)
    try:
        theirs = yield w.get_message()
    except WrongPasswordError:
        print("wrong-code", flush=True)
        try:
            yield w.close()
        except WrongPasswordError:
            pass
        raise SystemExit(3)
    print("got", theirs.hex(), flush=True)
    yield w.close()


if __name__ == "__main__":
    task.react(main, sys.argv[1:])
