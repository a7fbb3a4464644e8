#!/usr/bin/env python3
"""hostile.py: hostile HTTP clients for the gateway tests (hostile.sh), on 127.0.0.1 only.

  hostile.py PORT CASE [ARGS]   prints what the server answered (a status code, "closed", counts)

CASE: bigbody, bigchunked, flood, bigheader, longline, garbage, stalled N TIMEOUT, disconnect N.
Every socket has a timeout: nothing here waits more than a few seconds for one answer.
"""
import socket
import sys
import time

HOST = "127.0.0.1"


def conn(port, timeout=5.0):
    s = socket.create_connection((HOST, port), timeout=timeout)
    s.settimeout(timeout)
    return s


def status(s):
    """The status code of the answer on s, or 'closed' when the server closed without one."""
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout, BrokenPipeError):
        pass
    if not data.startswith(b"HTTP/1."):
        return "closed"
    return data.split(b" ", 2)[1].decode()


def send(s, data):
    try:
        s.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        pass


def one(port, data):
    s = conn(port)
    send(s, data)
    r = status(s)
    s.close()
    return r


def healthz(port):
    t0 = time.monotonic()
    r = one(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    return r, time.monotonic() - t0


def main():
    port = int(sys.argv[1])
    case = sys.argv[2]
    tok = b"POST /ords/main/oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    if case == "bigbody":
        body = b"grant_type=client_credentials&x=" + b"a" * 100000
        s = conn(port)
        send(s, tok + b"Content-Length: %d\r\n\r\n" % len(body))
        send(s, body)
        print(status(s))
    elif case == "bigchunked":
        s = conn(port)
        send(s, tok + b"Transfer-Encoding: chunked\r\n\r\n")
        for _ in range(25):
            send(s, b"1000\r\n" + b"a" * 4096 + b"\r\n")
        send(s, b"0\r\n\r\n")
        print(status(s))
    elif case == "bigheader":
        print(one(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 40000 + b"\r\n\r\n"))
    elif case == "longline":
        print(one(port, b"GET /" + b"a" * 40000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"))
    elif case == "garbage":
        print(one(port, b"\x16\x03\x01garbage that is no request at all\r\n\r\n"))
    elif case == "flood":  # a chunked body far past the cap: the connection is closed
        s = conn(port)
        send(s, tok + b"Transfer-Encoding: chunked\r\n\r\n")
        for _ in range(600):
            send(s, b"1000\r\n" + b"a" * 4096 + b"\r\n")
        send(s, b"0\r\n\r\n")
        print(status(s))
    elif case == "stalled":
        n, timeout = int(sys.argv[3]), float(sys.argv[4])
        socks = []
        for _ in range(n):
            s = conn(port, timeout + 5)
            send(s, tok + b"Content-Length: 100\r\n\r\ngrant_type=")  # and then nothing more
            socks.append(s)
        r, dt = healthz(port)
        print("healthz=%s in %.2fs" % (r, dt))
        time.sleep(timeout + 1.5)
        closed = 0
        for s in socks:
            try:
                s.settimeout(0.5)
                while True:  # an answer the server may send before closing, then the end
                    if s.recv(4096) == b"":
                        closed += 1
                        break
            except (ConnectionResetError, BrokenPipeError):
                closed += 1
            except socket.timeout:
                pass
            s.close()
        r, dt = healthz(port)
        print("closed=%d healthz=%s" % (closed, r))
    elif case == "disconnect":
        n = int(sys.argv[3])
        for _ in range(n):  # half a body, then gone
            s = conn(port)
            send(s, tok + b"Content-Length: 1000\r\n\r\ngrant_type=client")
            s.close()
        for _ in range(n):  # half the headers, then gone
            s = conn(port)
            send(s, b"GET /auth HTTP/1.1\r\nHost: x\r\nX-Orig")
            s.close()
        for _ in range(n):  # a whole request, gone before the answer
            s = conn(port)
            send(s, b"GET /auth HTTP/1.1\r\nHost: x\r\nX-Original-URI: /ords/main/emp/1\r\n\r\n")
            s.close()
        print(healthz(port)[0])
    else:
        print("unknown case", case)
        sys.exit(2)


if __name__ == "__main__":
    main()
