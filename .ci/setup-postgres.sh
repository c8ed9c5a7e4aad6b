#!/usr/bin/env bash
# Make sure the PostgreSQL server binaries (initdb, pg_ctl) are installed: the store tests start
# their own throwaway cluster with them. Idempotent and quiet; starts no server.
set -euo pipefail

have_pg() {
  command -v initdb >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null 2>&1
}

if have_pg; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-postgres: PostgreSQL is missing and this user cannot install packages (need root or sudo)" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null

if ! have_pg; then
  echo "setup-postgres: installed the postgresql package but initdb was not found" >&2
  exit 1
fi
echo "setup-postgres: PostgreSQL installed ($(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | head -1))"
