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
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$TOOLS/node_modules/.bin:$CARGO_BIN:$PATH"

step() { # step "what" "how long" command...
  local what="$1" eta="$2"; shift 2
  local t0=$SECONDS
  echo "==> setup: $what (usually $eta) ..."
  "$@"
  echo "==> setup: $what done in $((SECONDS - t0)) s"
}

need() { command -v "$1" >/dev/null 2>&1; }

# After an install, its check again: an install that "succeeded" without giving the tool (say,
# into a bin folder not on PATH) is said here, not by a later step.
verify() { # verify "what" check...
  local what="$1"; shift
  "$@" || { echo "setup: '$what' ran, but the check after it still fails ($*); see the output above" >&2; exit 1; }
}

need rustc && need cargo || { echo "setup: rustc and cargo are needed (Rust 1.95): install them with rustup (https://rustup.rs), then run this again" >&2; exit 1; }
SYSROOT="$(rustc --print sysroot)"
has_wasm_target() { [ -d "$SYSROOT/lib/rustlib/wasm32-unknown-unknown/lib" ]; }
if ! has_wasm_target; then
  if need rustup; then
    step "rustup target add wasm32-unknown-unknown" "~20 s" rustup target add wasm32-unknown-unknown
    verify "rustup target add wasm32-unknown-unknown" has_wasm_target
  else
    echo "setup: $(rustc --version) has no standard library for wasm32-unknown-unknown, and there is no rustup to add it: install rustup (https://rustup.rs) and run 'rustup target add wasm32-unknown-unknown', or install the target's rust-std archive of this exact version (https://static.rust-lang.org/dist/rust-std-$(rustc --version | awk '{print $2}')-wasm32-unknown-unknown.tar.xz, then its ./install.sh --prefix=$SYSROOT)" >&2
    exit 1
  fi
fi

# The release build rebuilds the standard library for size (Makefile, RELEASE_ENV): it needs the
# toolchain's sources, and a cargo that knows `-Z panic-immediate-abort` (Rust 1.95 has it).
has_rust_src() { [ -f "$SYSROOT/lib/rustlib/src/rust/library/std/Cargo.toml" ]; }
if ! has_rust_src; then
  if need rustup; then
    step "rustup component add rust-src" "~20 s" rustup component add rust-src
    verify "rustup component add rust-src" has_rust_src
  else
    echo "setup: the release build needs the standard library's sources (rust-src) of $(rustc --version), and there is no rustup to add them: install rustup (https://rustup.rs) and run 'rustup component add rust-src', or install https://static.rust-lang.org/dist/rust-src-$(rustc --version | awk '{print $2}').tar.xz with its ./install.sh --prefix=$SYSROOT" >&2
    exit 1
  fi
fi
if ! RUSTC_BOOTSTRAP=1 cargo -Z help 2>/dev/null | grep -q 'panic-immediate-abort'; then
  echo "setup: this cargo ($(cargo --version)) has no '-Z panic-immediate-abort', which the release build uses; use Rust 1.95 (rustup toolchain install 1.95 && rustup default 1.95)" >&2
  exit 1
fi

# `make test` starts with `cargo fmt --check` and clippy: a minimal toolchain has neither.
has_lint_tools() { cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; }
if [ "$MODE" = "test" ] && ! has_lint_tools; then
  if need rustup; then
    step "rustup component add rustfmt clippy" "~30 s" rustup component add rustfmt clippy
    verify "rustup component add rustfmt clippy" has_lint_tools
  else
    echo "setup: make test checks formatting and lints, and $(rustc --version) has no rustfmt or clippy, and there is no rustup to add them: install rustup (https://rustup.rs) and run 'rustup component add rustfmt clippy', or your distribution's packages for this rustc (Debian: rustfmt and rust-clippy)" >&2
    exit 1
  fi
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION" "~7 min on 2 cores" cargo install --locked "trunk@$TRUNK_VERSION"
  verify "cargo install trunk $TRUNK_VERSION (into $CARGO_BIN)" test "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION"
fi

has_wasm_bindgen() {
  [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WBG_VERSION" ] \
    && [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" = "$WBG_VERSION" ]
}
if ! has_wasm_bindgen; then
  # Not --locked: with it, a dependency of this release is missing from the registry.
  step "cargo install wasm-bindgen-cli $WBG_VERSION" "~4 min" cargo install --force "wasm-bindgen-cli@$WBG_VERSION"
  verify "cargo install wasm-bindgen-cli $WBG_VERSION (into $CARGO_BIN)" has_wasm_bindgen
fi

# wasm-opt from npm's binaryen (runs on node). Debian's binaryen 108 produces bundles that fail at
# start-up in the browser, so we never use a system wasm-opt.
has_node_tools() {
  [ "$("$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null || true)" = "wasm-opt version ${BINARYEN_VERSION%%.*} (version_${BINARYEN_VERSION%%.*})" ] \
    && [ -f "$TOOLS/node_modules/axe-core/axe.min.js" ] \
    && grep -q "\"version\": \"$AXE_VERSION\"" "$TOOLS/node_modules/axe-core/package.json" 2>/dev/null \
    && [ "$("$TOOLS/node_modules/.bin/esbuild" --version 2>/dev/null || true)" = "$ESBUILD_VERSION" ]
}
if ! has_node_tools; then
  need npm || { echo "setup: npm (Node.js) is required for wasm-opt (npm binaryen@$BINARYEN_VERSION) and esbuild" >&2; exit 1; }
  mkdir -p "$TOOLS"
  step "npm install binaryen@$BINARYEN_VERSION axe-core@$AXE_VERSION esbuild@$ESBUILD_VERSION into .tools/" "~10 s" \
    npm install --silent --no-audit --no-fund --prefix "$TOOLS" \
      "binaryen@$BINARYEN_VERSION" "axe-core@$AXE_VERSION" "esbuild@$ESBUILD_VERSION"
  verify "npm install into .tools/" has_node_tools
fi

# The browser tests' Chromium and ChromeDriver: CHROME and CHROMEDRIVER if set, else found on
# PATH. ChromeDriver drives only a browser of its own major version. CHROME is read by the e2e
# and bench runs; the wasm tests' runner uses the browser where ChromeDriver finds it by default.
browser_problem() {
  local chrome driver cv dv
  chrome="${CHROME:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
  driver="${CHROMEDRIVER:-$(command -v chromedriver || true)}"
  [ -n "$chrome" ] && [ -x "$chrome" ] || { echo "no Chromium or Chrome found${CHROME:+ at CHROME=$CHROME}"; return; }
  [ -n "$driver" ] && [ -x "$driver" ] || { echo "no ChromeDriver found${CHROMEDRIVER:+ at CHROMEDRIVER=$CHROMEDRIVER}"; return; }
  # Debian's chromium wrapper prints shell noise on stderr.
  cv="$("$chrome" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9.]+' | head -1 || true)"
  dv="$("$driver" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9.]+' | head -1 || true)"
  if [ -z "$cv" ] || [ -z "$dv" ]; then
    echo "the version of $chrome (${cv:-unreadable}) or of $driver (${dv:-unreadable}) could not be read"
  elif [ "${cv%%.*}" != "${dv%%.*}" ]; then
    echo "$chrome is version $cv but $driver is $dv: their major versions must match"
  fi
}
if [ "$MODE" = "test" ] && [ -n "$(browser_problem)" ]; then
  if [ "$(id -u)" = "0" ] && need apt-get && [ -z "${CHROME:-}" ]; then
    step "apt-get install chromium chromium-driver" "~1-2 min" \
      bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
        || echo "setup: apt-get could not install chromium and chromium-driver (its error is above)" >&2'
  fi
  if [ -n "$(browser_problem)" ]; then
    cat >&2 <<MSG
setup: the browser tests need Chromium (or Chrome) and ChromeDriver of the same major version:
  $(browser_problem).
  Debian:         sudo apt-get install chromium chromium-driver
  Ubuntu:         sudo snap install chromium, then CHROMEDRIVER=/snap/bin/chromium.chromedriver
  Other systems:  install Chromium or Chrome and the ChromeDriver of its version
                  (https://googlechromelabs.github.io/chrome-for-testing/), and put them on PATH as
                  'chromium' and 'chromedriver', or set CHROME=/path/to/chrome and
                  CHROMEDRIVER=/path/to/chromedriver (the browser must also be where ChromeDriver
                  looks by default, for the wasm tests).
MSG
    exit 1
  fi
fi
# A Chinese font, so that the browser tests lay Chinese text out as users see it, not as boxes
# of another width (the header's fit at 1280 px is checked with it). Optional: without one the
# tests still run, said here.
has_cjk_font() { fc-list :lang=zh 2>/dev/null | grep -q .; }
if [ "$MODE" = "test" ] && ! has_cjk_font; then
  if [ "$(id -u)" = "0" ] && need apt-get; then
    step "apt-get install fonts-wqy-zenhei (a Chinese font for the browser tests)" "~20 s" \
      bash -c 'export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq fonts-wqy-zenhei >/dev/null 2>&1 \
        || { apt-get update -qq && apt-get install -y -qq fonts-wqy-zenhei >/dev/null; } \
        || echo "setup: no Chinese font could be installed; the browser tests run without one" >&2'
  else
    echo "setup: no Chinese font found (fc-list :lang=zh); the browser tests run, but lay Chinese out as boxes. Debian: sudo apt-get install fonts-wqy-zenhei" >&2
  fi
fi
echo "==> setup: ready (trunk $TRUNK_VERSION, wasm-bindgen $WBG_VERSION, wasm-opt $BINARYEN_VERSION, esbuild $ESBUILD_VERSION${MODE:+, mode $MODE})"
