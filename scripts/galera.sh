#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on loopback, for the Galera tests and for trying schemavc
# against a cluster: `bash scripts/galera.sh start|stop|status`. Idempotent; needs root (it runs
# the daemons as the mysql user). Nodes answer on 127.0.0.1:3311, 3312, 3313 (user root, no
# password); their files live in ${GALERA_DIR:-/tmp/schemavc-galera}/nodeN.
# Recipe: ../shared/bun-notes.md ("A three-node Galera cluster on loopback").
set -euo pipefail
DIR="${GALERA_DIR:-/tmp/schemavc-galera}"
PROVIDER=/usr/lib/galera/libgalera_smm.so
PORTS=(3311 3312 3313)
GCOMM=(4567 4577 4587)

ping_node() { mariadb-admin --protocol=tcp -h 127.0.0.1 -P "$1" -uroot ping >/dev/null 2>&1; }
size_of() { mariadb --protocol=tcp -h 127.0.0.1 -P "$1" -uroot -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" 2>/dev/null | awk '{print $2}'; }

config() { # node index (0-based)
  local n=$((${1} + 1)) g=${GCOMM[$1]} d="$DIR/node$n"
  cat > "$d/my.cnf" <<CNF
[mariadbd]
datadir=$d/data
socket=$d/mysqld.sock
port=${PORTS[$1]}
bind-address=127.0.0.1
pid-file=$d/mysqld.pid
log-error=$d/error.log
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=64M
max_connections=200
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=schemavc_test
wsrep_cluster_address=gcomm://127.0.0.1:${GCOMM[0]},127.0.0.1:${GCOMM[1]},127.0.0.1:${GCOMM[2]}
wsrep_node_address=127.0.0.1:$g
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$g;ist.recv_addr=127.0.0.1:$((g + 1))"
wsrep_sst_receive_address=127.0.0.1:$((g + 2))
wsrep_sst_method=rsync
CNF
}

start_node() { # node index, extra args
  local i=$1; shift
  local n=$((i + 1)) d="$DIR/node$((i + 1))"
  if ping_node "${PORTS[$i]}"; then return 0; fi
  mkdir -p "$d"
  config "$i"
  if [ ! -d "$d/data/mysql" ]; then
    mkdir -p "$d/data"
    chown -R mysql:mysql "$d"
    mariadb-install-db --user=mysql --datadir="$d/data" --auth-root-authentication-method=normal >/dev/null 2>&1
  fi
  chown -R mysql:mysql "$d"
  # Background daemon; `setsid` so it outlives this script's session.
  setsid /usr/sbin/mariadbd --defaults-file="$d/my.cnf" --user=mysql "$@" >/dev/null 2>&1 < /dev/null &
  for _ in $(seq 1 120); do ping_node "${PORTS[$i]}" && break; sleep 0.5; done
  ping_node "${PORTS[$i]}" || { echo "galera: node $n did not start; see $d/error.log" >&2; tail -20 "$d/error.log" >&2 || true; exit 1; }
  # root over TCP from 127.0.0.1 without a password (the node's own users replicate anyway).
  mariadb --protocol=tcp -h 127.0.0.1 -P "${PORTS[$i]}" -uroot -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;" >/dev/null 2>&1 || true
}

case "${1:-status}" in
  start)
    [ -f "$PROVIDER" ] || { echo "galera: $PROVIDER is missing (apt-get install mariadb-server galera-4)" >&2; exit 1; }
    command -v rsync >/dev/null || apt-get install -y -qq rsync >/dev/null
    if ping_node "${PORTS[0]}" || ping_node "${PORTS[1]}" || ping_node "${PORTS[2]}"; then
      for i in 0 1 2; do ping_node "${PORTS[$i]}" || start_node "$i"; done
    else
      # No node runs: bootstrap a new cluster from node 1 (safe_to_bootstrap after a clean stop).
      [ -f "$DIR/node1/data/grastate.dat" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$DIR/node1/data/grastate.dat"
      start_node 0 --wsrep-new-cluster
      start_node 1
      start_node 2
    fi
    for _ in $(seq 1 60); do [ "$(size_of "${PORTS[0]}")" = 3 ] && break; sleep 0.5; done
    echo "galera: 3 nodes up on 127.0.0.1:${PORTS[0]},${PORTS[1]},${PORTS[2]} (cluster size $(size_of "${PORTS[0]}"))"
    ;;
  stop)
    for n in 3 2 1; do
      pid="$DIR/node$n/mysqld.pid"
      if [ -f "$pid" ]; then kill "$(cat "$pid")" 2>/dev/null || true; fi
      for _ in $(seq 1 60); do [ -f "$pid" ] && kill -0 "$(cat "$pid" 2>/dev/null)" 2>/dev/null || break; sleep 0.5; done
    done
    echo "galera: stopped"
    ;;
  status)
    for i in 0 1 2; do
      if ping_node "${PORTS[$i]}"; then echo "node $((i + 1)) (127.0.0.1:${PORTS[$i]}): up, cluster size $(size_of "${PORTS[$i]}")"; else echo "node $((i + 1)) (127.0.0.1:${PORTS[$i]}): down"; fi
    done
    ;;
  *) echo "usage: bash scripts/galera.sh start|stop|status" >&2; exit 2 ;;
esac
