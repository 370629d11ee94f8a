#!/usr/bin/env bash
# Regenerates the opening_hours differential expectations into a temporary file and diffs them
# against the committed one. Exit 0: the committed file is up to date; 1: it differs (the diff is
# printed); other: the oracle could not run.
#   tools/opening-hours-oracle/check.sh
set -euo pipefail
cd "$(dirname "$0")"

committed=../../tests/ScoranInclusion.Domain.Tests/OpeningHours/Differential/opening-hours-oracle.tsv
[ -d node_modules/opening_hours ] || npm ci --no-audit --no-fund >&2

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
TZ=Europe/Paris node oracle.mjs --out "$tmp"

if diff -u "$committed" "$tmp" > "$tmp.diff"; then
  rm -f "$tmp.diff"
  echo "opening-hours-oracle.tsv is up to date"
else
  head -n 200 "$tmp.diff"
  echo "opening-hours-oracle.tsv is OUT OF DATE ($(grep -c '^[-+][EI]' "$tmp.diff") changed lines): run 'cd tools/opening-hours-oracle && npm ci && npm run oracle'" >&2
  rm -f "$tmp.diff"
  exit 1
fi
