#!/usr/bin/env bash
# Starts a streaming replica of the local PostgreSQL on 127.0.0.1:5433 (issue 14, read replicas):
# pg_basebackup -R copies the primary and writes the standby settings, the copy replays the
# primary's WAL as it comes. For CI and for trying DATABASE_READ_URL by hand; see docs/scaling.md.
# Needs root (it allows replication from 127.0.0.1 in the primary's pg_hba.conf) and Debian's
# PostgreSQL layout. Idempotent: a running replica is left alone.
set -euo pipefail
VERSION="${PG_VERSION:-$(ls /etc/postgresql | sort -n | tail -1)}"
CONF_DIR="/etc/postgresql/$VERSION/main"
BIN="/usr/lib/postgresql/$VERSION/bin"
DIR="${REPLICA_DIR:-/var/tmp/loopmap-replica}"
PORT="${REPLICA_PORT:-5433}"

if pg_isready -q -h 127.0.0.1 -p "$PORT"; then
  echo "replica already running on $PORT"
  exit 0
fi
if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' "$CONF_DIR/pg_hba.conf"; then
  echo 'host replication all 127.0.0.1/32 trust' >> "$CONF_DIR/pg_hba.conf"
  psql -h 127.0.0.1 -U postgres -qAtc 'select pg_reload_conf()' > /dev/null
fi
rm -rf "$DIR"
install -d -o postgres -g postgres -m 700 "$DIR"
su postgres -c "$BIN/pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D '$DIR' -R -X stream --checkpoint=fast"
# Debian keeps the configuration outside the data directory: the replica takes the primary's and
# overrides what must differ (the last setting wins)
cat > "$DIR/postgresql.conf" <<CONF
include '$CONF_DIR/postgresql.conf'
data_directory = '$DIR'
hba_file = '$DIR/pg_hba.conf'
ident_file = '$CONF_DIR/pg_ident.conf'
external_pid_file = ''
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '/tmp'
cluster_name = 'loopmap-replica'
hot_standby = on
CONF
cp "$CONF_DIR/pg_hba.conf" "$DIR/pg_hba.conf"
chown postgres:postgres "$DIR/postgresql.conf" "$DIR/pg_hba.conf"
su postgres -c "$BIN/pg_ctl -D '$DIR' -l '$DIR/server.log' -w -t 60 start"
psql -h 127.0.0.1 -p "$PORT" -U postgres -qAtc 'select pg_is_in_recovery()' | grep -q t
echo "replica running on 127.0.0.1:$PORT (streaming from 5432)"
