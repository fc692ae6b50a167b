#!/bin/sh
# Install the Debian packages (and, for tests, the npm packages) that
# tuyengiao needs, only when something is missing: running it again costs
# nothing. `deps.sh run` is for building and serving, `deps.sh test` adds
# what the test suite needs, `deps.sh bench` what `make bench` runs.
set -eu

RUN_PKGS="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev
libjansson-dev libsodium-dev libzip-dev libxlsxwriter-dev libpq-dev libexpat1-dev
zlib1g-dev"
TEST_PKGS="libcmocka-dev clang sqlite3 postgresql chromium nodejs npm
libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils python3-openpyxl
wrk openssl"

# Front-end packages the UI serves (the chart library, copied into
# web/vendor/ by `make`): present when the root of package-lock.json lists
# runtime "dependencies"; then `run` needs node and npm as well.
web_deps=false
sed -n '/^    "": {/,/^    }/p' package-lock.json 2>/dev/null |
	grep -q '"dependencies"' && web_deps=true

missing=""
want="$RUN_PKGS"
$web_deps && want="$RUN_PKGS nodejs npm"
[ "${1:-run}" = test ] && want="$RUN_PKGS $TEST_PKGS"
[ "${1:-run}" = bench ] && want="$RUN_PKGS sqlite3 postgresql wrk curl"
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

# playwright-core (tests) drives Debian's chromium; it downloads no
# browser. uplot (run and tests) is copied into web/vendor/ by `make`.
need_ci=false
[ package-lock.json -nt node_modules/.package-lock.json ] && need_ci=true
[ "${1:-run}" = test ] && [ ! -d node_modules/playwright-core ] && need_ci=true
$web_deps && [ ! -d node_modules/uplot ] && need_ci=true
# `bench` needs no npm package (and must not replace a node_modules
# symlink shared with other checkouts).
[ "${1:-run}" = bench ] && need_ci=false
if $need_ci && { [ "${1:-run}" = test ] || $web_deps; }; then
	npm ci --no-audit --no-fund --loglevel=error
fi
