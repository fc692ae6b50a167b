#!/bin/bash
# A throwaway PostgreSQL cluster for the test suite (run as root; the server
# runs as the postgres user, listens on a Unix socket in a temp directory
# only, fsync off).
#
#   pgcluster.sh start      starts one; prints two lines:
#                             the directory (give it to `stop`)
#                             the maintenance URL (postgresql://…/postgres)
#   pgcluster.sh replica DIR
#                           starts a streaming replica of that cluster
#                           (pg_basebackup -R into DIR/r, hot standby on
#                           another free port, every statement logged with
#                           its application_name and database); prints two
#                           lines: its URL (…/postgres) and its log file
#   pgcluster.sh replica-stop DIR
#                           stops the replica and removes it and its log
#                           (the primary keeps running)
#   pgcluster.sh stop DIR   stops it (and its replica) and removes DIR
#
# PGCLUSTER_SETTINGS: more server settings for `start`, after the test
# ones, which they override ("-c fsync=on -c shared_buffers=4GB": the
# benchmark's, scripts/bench.sh).
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
		-o "-p $P -k $D -c listen_addresses='' -c fsync=off -c max_connections=300 ${PGCLUSTER_SETTINGS:-}" \
		-w start >/dev/null || {
		cat "$D/p.log" >&2; rm -rf "$D"; exit 1; }
	echo "$D"
	echo "postgresql://postgres@/postgres?host=$D&port=$P"
	;;
replica)
	D=${2:?usage: pgcluster.sh replica DIR}
	case "$D" in /tmp/tgpg.*) ;; *) echo "pgcluster: not a cluster dir: $D" >&2; exit 2;; esac
	if [ -d "$D/r" ]; then echo "pgcluster: $D already has a replica" >&2; exit 1; fi
	# Line 4 of postmaster.pid is the port of the running primary.
	P=$(sed -n 4p "$D/p/postmaster.pid" 2>/dev/null)
	[ -n "$P" ] || { echo "pgcluster: no running primary in $D" >&2; exit 1; }
	$R "$B/pg_basebackup" -D "$D/r" -R -X stream -c fast -h "$D" -p "$P" \
		-U postgres >"$D/basebackup.log" 2>&1 || {
		cat "$D/basebackup.log" >&2; rm -rf "$D/r"; exit 1; }
	P2=$(free_port)
	# A hot standby needs max_connections at least the primary's.
	$R "$B/pg_ctl" -D "$D/r" -l "$D/r.log" \
		-o "-p $P2 -k $D -c listen_addresses='' -c fsync=off -c max_connections=300 -c log_statement=all -c log_line_prefix='%m [%p] app=%a db=%d '" \
		-w start >/dev/null || {
		cat "$D/r.log" >&2; rm -rf "$D/r"; exit 1; }
	echo "postgresql://postgres@/postgres?host=$D&port=$P2"
	echo "$D/r.log"
	;;
replica-stop)
	D=${2:?usage: pgcluster.sh replica-stop DIR}
	case "$D" in /tmp/tgpg.*) ;; *) echo "pgcluster: not a cluster dir: $D" >&2; exit 2;; esac
	[ -d "$D/r" ] && $R "$B/pg_ctl" -D "$D/r" -m fast stop >/dev/null 2>&1 || true
	rm -rf "$D/r" "$D/r.log" "$D/basebackup.log"
	;;
stop)
	D=${2:?usage: pgcluster.sh stop DIR}
	case "$D" in /tmp/tgpg.*) ;; *) echo "pgcluster: not a cluster dir: $D" >&2; exit 2;; esac
	for x in r p; do
		[ -d "$D/$x" ] && $R "$B/pg_ctl" -D "$D/$x" -m immediate stop >/dev/null 2>&1 || true
	done
	rm -rf "$D"
	;;
*)
	echo "usage: pgcluster.sh start | replica DIR | replica-stop DIR | stop DIR" >&2
	exit 2
	;;
esac
