#!/usr/bin/env bash
# Run the fuzz suite (tests/fuzz) with the `long` profile: random examples, round after round,
# for MINUTES minutes per target (default 10), each target in turn.  Failures are shrunk and
# kept in .hypothesis/ so the next run replays them first.  Extra arguments go to pytest,
# e.g. `scripts/fuzz.sh 2 -k yaml` or `scripts/fuzz.sh 10 -n 2` (two targets at a time).
# See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-10}"
[ $# -gt 0 ] && shift
case "$minutes" in
  ''|*[!0-9.]*) echo "usage: scripts/fuzz.sh [minutes-per-target] [pytest arguments...]" >&2; exit 2 ;;
esac
python=.venv/bin/python
[ -x "$python" ] || python=python3

export FWDOC_FUZZ_PROFILE=long FWDOC_FUZZ_MINUTES="$minutes"
exec "$python" -m pytest tests/fuzz -k "test_fuzz_" -p no:cacheprovider -n 0 -q -rfE "$@"
