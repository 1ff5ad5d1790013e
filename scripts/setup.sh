#!/usr/bin/env bash
# Set up everything fwdoc needs on a fresh Debian machine: the system packages (Graphviz for
# the site's graphs, pango for WeasyPrint's PDF, poppler for PDF checks; with --test also
# Chromium and ChromeDriver for the browser tests, git for the amendment tests and jq for the action tests) and a
# virtual environment in .venv with the package installed.  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

tests=0
[ "${1:-}" = "--test" ] && tests=1

packages="graphviz poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation fonts-dejavu-core"
[ "$tests" = 1 ] && packages="$packages chromium chromium-driver git jq"

missing=""
for package in $packages; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" != 0 ] && sudo=sudo
  echo "installing system packages:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
if [ "$tests" = 1 ]; then
  .venv/bin/pip install -q -e '.[test]'
else
  .venv/bin/pip install -q -e .
fi
