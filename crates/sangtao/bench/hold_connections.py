#!/usr/bin/env python3
"""Holds idle and half-sent connections open against a server, opening a new one whenever
the server closes one, and reports how long the server let them live. For idle.sh.

Usage: hold_connections.py HOST:PORT IDLE HALF_SENT SECONDS READY_FILE

IDLE connections send nothing; HALF_SENT ones send the start of a request head and then
nothing. READY_FILE is written once all are open. After SECONDS the summary is printed.
"""
import resource
import selectors
import socket
import statistics
import sys
import time

host, port = sys.argv[1].rsplit(":", 1)
counts = {"idle": int(sys.argv[2]), "half-sent": int(sys.argv[3])}
seconds = float(sys.argv[4])
ready_file = sys.argv[5]
HALF = b"GET /plans/1 HTTP/1.1\r\nHost: bench\r\nUser-Agent: slow"

# One file per connection: this side needs more than 1,024 too.
_, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

sel = selectors.DefaultSelector()
lifetimes = {kind: [] for kind in counts}
failed = {kind: 0 for kind in counts}
answered = 0


def open_one(kind):
    s = socket.socket()
    s.settimeout(5)
    try:
        s.connect((host, int(port)))
        if kind == "half-sent":
            s.sendall(HALF)
    except OSError:
        failed[kind] += 1
        s.close()
        return
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, (kind, time.monotonic()))


for kind, n in counts.items():
    for _ in range(n):
        open_one(kind)
with open(ready_file, "w") as f:
    f.write(f"{len(sel.get_map())}\n")
start = time.monotonic()
while time.monotonic() - start < seconds:
    for key, _ in sel.select(timeout=0.2):
        s = key.fileobj
        kind, opened = key.data
        try:
            data = s.recv(4096)
        except OSError:
            data = b""
        if data:
            answered += 1
        sel.unregister(s)
        s.close()
        lifetimes[kind].append(time.monotonic() - opened)
        open_one(kind)

print(f"held {sum(counts.values())} for {seconds:.0f} s (each one the server closed was opened again)")
for kind, n in counts.items():
    lt = lifetimes[kind]
    if lt:
        print(f"  {kind}: {n} held; {len(lt)} closed by the server after "
              f"{min(lt):.2f} s min, {statistics.median(lt):.2f} s median, {max(lt):.2f} s max; "
              f"{failed[kind]} failed to connect")
    else:
        print(f"  {kind}: {n} held; none closed by the server; {failed[kind]} failed to connect")
print(f"  answered before closing: {answered}")
