#!/usr/bin/env python3
"""Slow clients against a running service: N sockets each send a request body one byte a second,
then one GET is timed. Usage: bench/slow-clients.py N [port=8080] [path=/api/users/1]"""
import socket
import sys
import threading
import time
import urllib.request

n = int(sys.argv[1])
port = int(sys.argv[2]) if len(sys.argv) > 2 else 8080
path = sys.argv[3] if len(sys.argv) > 3 else "/api/users/1"
socks = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"POST /api/users/search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              b"Content-Length: 1000\r\n\r\n{")
    socks.append(s)


def drip():
    while True:
        for s in socks:
            try:
                s.sendall(b" ")
            except OSError:
                pass
        time.sleep(1)


threading.Thread(target=drip, daemon=True).start()
time.sleep(2)
start = time.time()
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=25) as r:
        print(f"GET {path}: {r.status} after {time.time() - start:.2f} s with {n} slow clients")
except Exception as e:  # the timeout is the finding
    print(f"GET {path}: {e} after {time.time() - start:.2f} s with {n} slow clients")
