#!/usr/bin/env bash
# Prints raw and gzip sizes of the wasm, js and css in a dist/ folder and where the total stands
# against the budget (250 KB gzip) and the goal (150 KB).
# The app is currently OVER the budget (see README "Known limits"); until it is back under, this
# script is a ratchet: it fails above CEILING_KB, so the bundle can only shrink or stay.
set -euo pipefail
DIST="${1:-dist}"
BUDGET=$((250 * 1024)); GOAL=$((150 * 1024))
CEILING_KB="${CEILING_KB:-547}"; CEILING=$((CEILING_KB * 1024))
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
if [ "$total_gz" -gt "$CEILING" ]; then
  echo "FAIL: $total_gz bytes gzip is above the regression ceiling of ${CEILING_KB} KB (budget 250 KB)" >&2; exit 1
fi
if [ "$total_gz" -gt "$BUDGET" ]; then
  echo "KNOWN LIMIT: over the 250 KB budget by $(( (total_gz - BUDGET) / 1024 )) KB (ceiling ${CEILING_KB} KB; see README)"
elif [ "$total_gz" -gt "$GOAL" ]; then
  echo "within the 250 KB budget, above the 150 KB goal"
else
  echo "within the 150 KB goal"
fi
