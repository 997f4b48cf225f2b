#!/usr/bin/env bash
# Prints raw and gzip sizes of the wasm, js and css in a dist/ folder; exits non-zero over budget.
set -euo pipefail
DIST="${1:-dist}"
BUDGET=$((250 * 1024)); GOAL=$((150 * 1024))
total_raw=0; total_gz=0
printf '%-44s %10s %10s\n' "file" "raw" "gzip -9"
for f in "$DIST"/*.wasm "$DIST"/*.js "$DIST"/*.css; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-44s %10d %10d\n' "total" "$total_raw" "$total_gz"
printf 'gzip total %.1f KB — budget 250 KB, goal 150 KB\n' "$(echo "$total_gz / 1024" | bc -l 2>/dev/null || echo $((total_gz / 1024)))"
if [ "$total_gz" -gt "$BUDGET" ]; then echo "OVER BUDGET: $total_gz > $BUDGET bytes gzip" >&2; exit 1; fi
if [ "$total_gz" -gt "$GOAL" ]; then echo "(within budget, above the 150 KB goal)"; fi
