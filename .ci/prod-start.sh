#!/usr/bin/env bash
# `npm start` must work after a production install (no dev dependencies): copy the tracked
# files, install with --omit=dev from npm's cache, start with no chat tokens, expect exit 0.
set -euo pipefail
work=$(mktemp -d "${TMPDIR:-/tmp}/drillbot-prod.XXXXXX")
trap 'rm -rf "$work"' EXIT
git ls-files -z | xargs -0 -I{} cp --parents {} "$work/"
cd "$work"
npm ci --omit=dev --prefer-offline --no-audit --no-fund >/dev/null
test ! -e node_modules/vitest || { echo "dev dependencies were installed" >&2; exit 1; }
out=$(env -i PATH="$PATH" HOME="$HOME" DRILLBOT_DATA_DIR="$work/data" LOG_LEVEL=warn npm start 2>&1)
echo "$out"
grep -q 'no chat platform configured' <<<"$out"
