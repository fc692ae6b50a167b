#!/bin/sh
# Install the Debian packages (and, for tests, the npm packages) that
# tuyengiao needs, only when something is missing: running it again costs
# nothing. `deps.sh run` is for building and serving, `deps.sh test` adds
# what the test suite needs.
set -eu

RUN_PKGS="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev
libjansson-dev libsodium-dev libzip-dev libxlsxwriter-dev libpq-dev"
TEST_PKGS="libcmocka-dev clang sqlite3 postgresql chromium nodejs npm
libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils python3-openpyxl"

missing=""
want="$RUN_PKGS"
[ "${1:-run}" = test ] && want="$RUN_PKGS $TEST_PKGS"
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q "install ok installed" || missing="$missing $p"
done
# node and npm may come from elsewhere than Debian; accept them on PATH.
case "$missing" in *nodejs*) command -v node >/dev/null && missing=$(echo "$missing" | sed 's/ nodejs//') ;; esac
case "$missing" in *npm*) command -v npm >/dev/null && missing=$(echo "$missing" | sed 's/ npm//') ;; esac

if [ -n "$missing" ]; then
	echo "Cài các gói Debian còn thiếu:$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

if [ "${1:-run}" = test ]; then
	# playwright-core drives Debian's chromium; it downloads no browser.
	if [ ! -d node_modules/playwright-core ] ||
	   [ package-lock.json -nt node_modules/.package-lock.json ]; then
		npm ci --no-audit --no-fund --loglevel=error
	fi
fi
