#!/usr/bin/env python3
"""https_server.py: a small HTTPS file server for the JWKS tests (jwks.sh), on 127.0.0.1 only.

  https_server.py DIR CERT KEY PORTFILE LOGFILE

Serves DIR's files with the test CA's server certificate, writes the port it took to PORTFILE,
appends one line per GET to LOGFILE, and answers 500 while DIR/fail exists. Stopped by its PID.
"""
import http.server
import os
import ssl
import sys

d, cert, key, portfile, logfile = sys.argv[1:6]


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k):
        super().__init__(*a, directory=d, **k)

    def do_GET(self):
        with open(logfile, "a") as f:
            f.write("GET %s\n" % self.path)
        if os.path.exists(os.path.join(d, "fail")):
            self.send_error(500, "failing on purpose")
            return
        super().do_GET()

    def log_message(self, *a):
        pass


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
with open(portfile + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(portfile + ".tmp", portfile)
srv.serve_forever()
