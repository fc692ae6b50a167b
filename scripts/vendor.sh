#!/bin/sh
# Copy the front-end packages the web UI uses from node_modules into
# web/vendor/ (generated, not committed; nothing is loaded from a CDN):
#
#   web/vendor/uplot.js    uPlot's minified IIFE build made an ES module
#                          (the IIFE declares `var uPlot`; one export line
#                          is appended), ~51 kB instead of the 145 kB of
#                          the unminified ESM build
#   web/vendor/uplot.css   uPlot's stylesheet
#
# Run by `make` (rule web/vendor) after `npm ci`; does nothing useful
# without node_modules/uplot.
set -eu
cd "$(dirname "$0")/.."
src=node_modules/uplot/dist
if [ ! -f "$src/uPlot.iife.min.js" ]; then
	echo "vendor.sh: $src missing; run npm ci first" >&2
	exit 1
fi
mkdir -p web/vendor
tmp=web/vendor/.uplot.js.tmp
{
	cat "$src/uPlot.iife.min.js"
	printf '\nexport default uPlot;\n'
} >"$tmp"
mv "$tmp" web/vendor/uplot.js
cp "$src/uPlot.min.css" web/vendor/uplot.css
touch web/vendor
