"""Runs the real Gnocchi REST API for the tests (see test/support/gnocchi.ts).

Usage: /usr/bin/python3 gnocchi-wsgi.py CONFIG_FILE SACKS

Upgrades the indexer and storage in-process (what gnocchi-upgrade does, without a second
interpreter start), prints `upgraded`, then serves gnocchi.rest.app.load_app with the
stdlib's threaded WSGI server (python/wsgi_server.py) on 127.0.0.1 and a free port, printing
`listening on PORT`.
gnocchi-api itself insists on uwsgi, which Debian's python3-gnocchi does not bring.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'python'))
from wsgi_server import serve  # noqa: E402 - found through the path set above


def main():
    config_file, sacks = sys.argv[1], sys.argv[2]
    from gnocchi.cli import api, manage
    from gnocchi.rest import app

    sys.argv = [sys.argv[0], '--config-file', config_file, '--sacks-number', sacks]
    manage.upgrade()
    print('upgraded', flush=True)

    sys.argv = [sys.argv[0], '--config-file', config_file]
    serve(app.load_app(api.prepare_service()))


if __name__ == '__main__':
    main()
