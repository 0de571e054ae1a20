#!/usr/bin/env bash
# Installs Debian's PostgreSQL, starts it on loopback and creates the test database; prints the URL.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then echo ".ci/postgres.sh installs and starts PostgreSQL and must run as root" >&2; exit 1; fi
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >&2
pg_ctlcluster "$version" main start >&2 || pg_ctlcluster "$version" main status >&2
for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
# Each run gets a database of its own, named for when it started (metasift_test_<epoch>_<pid>; each
# suite's metasift_test_<epoch>_<pid>_<suite> beside it), so two runs on one machine never wipe each
# other's; databases a run left behind go once they are two hours old, as do names without a time.
run="$(date +%s)_$$"
now=$(date +%s)
for db in $(su postgres -c "psql -At -c \"SELECT datname FROM pg_database WHERE datname LIKE 'metasift\\_test%'\""); do
  started=$(sed -n 's/^metasift_test_\([0-9]\{9,\}\)_.*/\1/p' <<<"$db")
  if [ -z "$started" ] || [ $((now - started)) -gt 7200 ]; then
    su postgres -c "dropdb --if-exists $db" >&2 || echo "left $db: still in use" >&2
  fi
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'metasift') THEN CREATE ROLE metasift LOGIN CREATEDB PASSWORD 'metasift'; END IF;
END \$\$;
CREATE DATABASE metasift_test_$run OWNER metasift;
SQL
echo "postgres://metasift:metasift@127.0.0.1:5432/metasift_test_$run"
