#!/usr/bin/env bash
# Installs what the service (and, with --test, its test suite) needs on a fresh machine.
# Idempotent: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jre-headless)   # DynamoDB Local runs on Java
# The real Prometheus: npm start runs it on the service's own /metrics; the metric-source tests query it.
command -v prometheus >/dev/null 2>&1 || packages+=(prometheus)
if [ "${1:-}" = "--test" ]; then
  command -v aodh >/dev/null 2>&1 || packages+=(python3-aodhclient)       # the real OpenStack client, driven by tests
  command -v aws >/dev/null 2>&1 || packages+=(awscli)                    # `aws events put-events` against the local event bus
  # The real Gnocchi 4.4 for the gnocchi tests (test/support/gnocchi.ts). Not gnocchi-api or
  # gnocchi-metricd: those packages add system services and debconf prompts.
  [ -x /usr/bin/gnocchi-metricd ] || packages+=(python3-gnocchi)
  # Its indexer: a private PostgreSQL cluster the tests start with initdb/pg_ctl (no service used).
  command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || packages+=(postgresql)
  # The real Keystone (test/support/keystone.ts serves it; the `keystone` package would set up uwsgi).
  [ -x /usr/bin/keystone-manage ] || packages+=(python3-keystone)
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)                 # the real browser the console e2e tests drive (playwright-core)
fi
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${packages[*]} from Debian" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
