#!/bin/bash
# A throwaway PostgreSQL cluster for the test suite (run as root; the server
# runs as the postgres user, listens on a Unix socket in a temp directory
# only, fsync off).
#
#   pgcluster.sh start      starts one; prints two lines:
#                             the directory (give it to `stop`)
#                             the maintenance URL (postgresql://…/postgres)
#   pgcluster.sh stop DIR   stops it and removes DIR
#
# Needs the postgresql package (scripts/deps.sh test installs it). Exits
# non-zero, printing why on stderr, when no cluster can be started.
set -eu
B=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
R="runuser -u postgres --"

free_port() {
	python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
}

case "${1:-}" in
start)
	if [ -z "$B" ] || [ ! -x "$B/initdb" ]; then
		echo "pgcluster: no PostgreSQL server binaries found" >&2
		exit 2
	fi
	if [ "$(id -u)" != 0 ] || ! id postgres >/dev/null 2>&1; then
		echo "pgcluster: must run as root with a postgres user" >&2
		exit 2
	fi
	D=$(mktemp -d /tmp/tgpg.XXXXXX)
	chown postgres: "$D"
	P=$(free_port)
	$R "$B/initdb" -D "$D/p" -U postgres -A trust -E UTF8 \
		--locale=C.UTF-8 >"$D/initdb.log" 2>&1 || {
		cat "$D/initdb.log" >&2; rm -rf "$D"; exit 1; }
	$R "$B/pg_ctl" -D "$D/p" -l "$D/p.log" \
		-o "-p $P -k $D -c listen_addresses='' -c fsync=off -c max_connections=300" \
		-w start >/dev/null || {
		cat "$D/p.log" >&2; rm -rf "$D"; exit 1; }
	echo "$D"
	echo "postgresql://postgres@/postgres?host=$D&port=$P"
	;;
stop)
	D=${2:?usage: pgcluster.sh stop DIR}
	case "$D" in /tmp/tgpg.*) ;; *) echo "pgcluster: not a cluster dir: $D" >&2; exit 2;; esac
	[ -d "$D/p" ] && $R "$B/pg_ctl" -D "$D/p" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$D"
	;;
*)
	echo "usage: pgcluster.sh start | stop DIR" >&2
	exit 2
	;;
esac
