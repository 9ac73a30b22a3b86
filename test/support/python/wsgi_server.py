"""Serves a Python WSGI application on loopback for tests: `wsgi_server.py PORT module:factory [ARGV ...]`.

A threaded stdlib server, because the Debian packages of Keystone and Gnocchi bring no WSGI
server of their own that starts without system services. The factory is called with no
arguments after sys.argv is set to the ARGV given (oslo.config reads its options there,
e.g. `--config-file x.conf`). Prints `listening` once bound.
"""
import importlib
import socketserver
import sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


def main():
    port, target, *argv = sys.argv[1:]
    module_name, factory_name = target.split(':')
    sys.argv = [module_name, *argv]
    application = getattr(importlib.import_module(module_name), factory_name)()
    server = make_server('127.0.0.1', int(port), application, server_class=ThreadingWSGIServer, handler_class=QuietHandler)
    print('listening', flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
