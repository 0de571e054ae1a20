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
# every test database (metasift_test and each suite's metasift_test_<suite>) goes, then the role
for db in $(su postgres -c "psql -At -c \"SELECT datname FROM pg_database WHERE datname LIKE 'metasift\\_test%'\""); do
  su postgres -c "dropdb --if-exists $db" >&2
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<'SQL'
DROP ROLE IF EXISTS metasift;
CREATE ROLE metasift LOGIN CREATEDB PASSWORD 'metasift';
CREATE DATABASE metasift_test OWNER metasift;
SQL
echo "postgres://metasift:metasift@127.0.0.1:5432/metasift_test"
