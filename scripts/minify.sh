#!/bin/sh
# trunk post_build hook (Trunk.toml): in release builds, minifies the JS glue and the CSS in the
# staging dir with esbuild (installed into .tools/ by scripts/setup.sh). Trunk's own minifier
# cannot parse wasm-bindgen's `export default` (it warns and copies the glue as is), so trunk's
# `minify` stays off, and with it SRI (`no_sri`): the hashes trunk writes into index.html would
# not match the minified files (same-origin assets; the HTML itself is what they would protect).
set -eu
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
esbuild="$TRUNK_SOURCE_DIR/.tools/node_modules/.bin/esbuild"
[ -x "$esbuild" ] || { echo "minify: $esbuild missing: run scripts/setup.sh build" >&2; exit 1; }
for f in "$TRUNK_STAGING_DIR"/*.js "$TRUNK_STAGING_DIR"/*.css; do
  [ -f "$f" ] || continue
  "$esbuild" "$f" --minify --allow-overwrite --outfile="$f" --log-level=warning
done
