"""Runs the real Gnocchi REST API for the tests (see test/support/gnocchi.ts).

Usage: /usr/bin/python3 gnocchi-wsgi.py CONFIG_FILE SACKS

Upgrades the indexer and storage in-process (what gnocchi-upgrade does, without a second
interpreter start), prints `upgraded`, then serves gnocchi.rest.app.load_app with the
stdlib's threaded WSGI server on 127.0.0.1 and a free port, printing `listening on PORT`.
gnocchi-api itself insists on uwsgi, which Debian's python3-gnocchi does not bring.
"""
import signal
import socketserver
import sys
from wsgiref import simple_server


class ThreadingWSGIServer(socketserver.ThreadingMixIn, simple_server.WSGIServer):
    daemon_threads = True


class QuietHandler(simple_server.WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main():
    config_file, sacks = sys.argv[1], sys.argv[2]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    from gnocchi.cli import api, manage
    from gnocchi.rest import app

    sys.argv = [sys.argv[0], '--config-file', config_file, '--sacks-number', sacks]
    manage.upgrade()
    print('upgraded', flush=True)

    sys.argv = [sys.argv[0], '--config-file', config_file]
    application = app.load_app(api.prepare_service())
    server = simple_server.make_server('127.0.0.1', 0, application, server_class=ThreadingWSGIServer, handler_class=QuietHandler)
    print('listening on %d' % server.server_port, flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
