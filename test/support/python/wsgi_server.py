"""Serves a Python WSGI application on loopback for tests.

The Debian packages of Keystone and Gnocchi bring no WSGI server that starts without system
services (their API packages set up uwsgi), so the tests use the stdlib's, threaded.

As a command: `wsgi_server.py PORT module:factory [ARGV ...]` calls the factory with no
arguments after setting sys.argv to ARGV (oslo.config reads its options there, e.g.
`--config-file x.conf`). Either way `listening on PORT` is printed once bound.
"""
import importlib
import signal
import socketserver
import sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def serve(application, port=0):
    """Serves until SIGTERM; port 0 takes a free one."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = make_server('127.0.0.1', port, application, server_class=ThreadingWSGIServer, handler_class=QuietHandler)
    print('listening on %d' % server.server_port, flush=True)
    server.serve_forever()


def main():
    port, target, *argv = sys.argv[1:]
    module_name, factory_name = target.split(':')
    sys.argv = [module_name, *argv]
    serve(getattr(importlib.import_module(module_name), factory_name)(), int(port))


if __name__ == '__main__':
    main()
