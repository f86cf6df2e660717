#!/usr/bin/env bash
# Installs (when missing) and starts PostgreSQL 15 and MariaDB on loopback for the test suite.
# Idempotent: a second run finds both servers up and returns in about a second.
# Recipe: ../shared/bun-notes.md ("Test databases"). Needs root for apt-get and the daemons;
# without root it only reports what is up, and the suites that need a missing server skip
# (or fail under CI=true).
set -euo pipefail

log() { echo "test-dbs: $*" >&2; }

pg_up() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; }
my_up() { command -v mariadb-admin >/dev/null 2>&1 && mariadb-admin --protocol=tcp -h 127.0.0.1 -P 3306 -uroot ping >/dev/null 2>&1; }

if pg_up && my_up; then log "PostgreSQL and MariaDB already up"; exit 0; fi

if [ "$(id -u)" != 0 ]; then
  log "not root: cannot install or start servers (PostgreSQL up: $(pg_up && echo yes || echo no), MariaDB up: $(my_up && echo yes || echo no))"
  exit 0
fi

missing=()
command -v pg_createcluster >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be absent on a fresh machine; refresh them once.
  apt-get update -qq >/dev/null || true
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- PostgreSQL -------------------------------------------------------------
if ! pg_up; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | grep -q "^$ver main"; then
    log "creating PostgreSQL $ver cluster"
    pg_createcluster "$ver" main >/dev/null
  fi
  hba=/etc/postgresql/$ver/main/pg_hba.conf
  # Loopback only, trust: these are throwaway test servers reachable from this machine alone.
  grep -q '^host all all 127.0.0.1/32 trust' "$hba" || sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 1 60); do pg_up && break; sleep 0.5; done
  pg_up || { log "PostgreSQL did not start"; exit 1; }
  log "PostgreSQL $ver up on 127.0.0.1:5432"
fi

# --- MariaDB ----------------------------------------------------------------
if ! my_up; then
  install -d -o mysql -g mysql /run/mysqld
  if [ ! -d /var/lib/mysql/mysql ]; then
    log "initialising MariaDB data directory"
    mysql_install_db --user=mysql >/dev/null
  fi
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1 --max-connections=500
  for _ in $(seq 1 60); do mariadb-admin ping >/dev/null 2>&1 && break; sleep 0.5; done
  # Let root in over TCP without a password (loopback test server only), keeping unix_socket.
  mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;" || true
  for _ in $(seq 1 20); do my_up && break; sleep 0.5; done
  my_up || { log "MariaDB did not start"; exit 1; }
  log "MariaDB up on 127.0.0.1:3306"
fi
