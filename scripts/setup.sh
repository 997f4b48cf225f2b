#!/usr/bin/env bash
# Idempotent setup: installs only what is missing (or of the wrong version).
#   scripts/setup.sh build   — toolchain for building the app (wasm target, trunk, wasm-bindgen, wasm-opt)
#   scripts/setup.sh test    — the above + Chromium and ChromeDriver for browser tests, axe-core
# A second run does nothing and takes well under 5 s.
set -euo pipefail
MODE="${1:-build}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
# The wasm-bindgen CLI must equal the crate version locked in Cargo.lock.
WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)"
BINARYEN_VERSION="132.0.0"
AXE_VERSION="4.14.1"
# Minifies the release bundle's JS glue and CSS (scripts/minify.sh, a trunk post_build hook).
ESBUILD_VERSION="0.28.2"
TOOLS="$ROOT/.tools"
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { # step "what" "how long" command...
  local what="$1" eta="$2"; shift 2
  local t0=$SECONDS
  echo "==> setup: $what (usually $eta) ..."
  "$@"
  echo "==> setup: $what done in $((SECONDS - t0)) s"
}

need() { command -v "$1" >/dev/null 2>&1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown" "~20 s" rustup target add wasm32-unknown-unknown
fi

# The release build rebuilds the standard library for size (Makefile, RELEASE_ENV): it needs the
# toolchain's sources, and a cargo that knows `-Z panic-immediate-abort` (Rust 1.95 has it).
if [ ! -f "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std/Cargo.toml" ]; then
  if need rustup; then
    step "rustup component add rust-src" "~20 s" rustup component add rust-src
  else
    echo "setup: the release build needs the Rust standard library's sources (rust-src) of rustc $(rustc --version); install them for this toolchain" >&2
    exit 1
  fi
fi
if ! RUSTC_BOOTSTRAP=1 cargo -Z help 2>/dev/null | grep -q 'panic-immediate-abort'; then
  echo "setup: this cargo ($(cargo --version)) has no '-Z panic-immediate-abort', which the release build uses; use Rust 1.95 (rustup toolchain install 1.95)" >&2
  exit 1
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION" "~7 min on 2 cores" cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ] \
   || [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]; then
  # Not --locked: with it, a dependency of this release is missing from the registry.
  step "cargo install wasm-bindgen-cli $WBG_VERSION" "~4 min" cargo install --force "wasm-bindgen-cli@$WBG_VERSION"
fi

# wasm-opt from npm's binaryen (runs on node). Debian's binaryen 108 produces bundles that fail at
# start-up in the browser, so we never use a system wasm-opt.
if [ "$("$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null || true)" != "wasm-opt version ${BINARYEN_VERSION%%.*} (version_${BINARYEN_VERSION%%.*})" ] \
   || [ ! -f "$TOOLS/node_modules/axe-core/axe.min.js" ] \
   || ! grep -q "\"version\": \"$AXE_VERSION\"" "$TOOLS/node_modules/axe-core/package.json" \
   || [ "$("$TOOLS/node_modules/.bin/esbuild" --version 2>/dev/null || true)" != "$ESBUILD_VERSION" ]; then
  need npm || { echo "setup: npm (Node.js) is required for wasm-opt (npm binaryen@$BINARYEN_VERSION) and esbuild" >&2; exit 1; }
  mkdir -p "$TOOLS"
  step "npm install binaryen@$BINARYEN_VERSION axe-core@$AXE_VERSION esbuild@$ESBUILD_VERSION into .tools/" "~10 s" \
    npm install --silent --no-audit --no-fund --prefix "$TOOLS" \
      "binaryen@$BINARYEN_VERSION" "axe-core@$AXE_VERSION" "esbuild@$ESBUILD_VERSION"
fi

if [ "$MODE" = "test" ]; then
  if ! need chromium || ! need chromedriver; then
    if [ "$(id -u)" = "0" ] && need apt-get; then
      step "apt-get install chromium chromium-driver" "~1-2 min" \
        bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null'
    else
      cat >&2 <<MSG
setup: Chromium and ChromeDriver of the same version are needed for the browser tests.
  Debian/Ubuntu:  sudo apt-get install chromium chromium-driver
  Other systems:  install Chromium (or Chrome) and the matching ChromeDriver, put both on PATH
                  (as 'chromium' and 'chromedriver'), or set CHROME=/path/to/chrome and
                  CHROMEDRIVER=/path/to/chromedriver.
MSG
      exit 1
    fi
  fi
fi
echo "==> setup: ready (trunk $TRUNK_VERSION, wasm-bindgen $WBG_VERSION, wasm-opt $BINARYEN_VERSION, esbuild $ESBUILD_VERSION${MODE:+, mode $MODE})"
