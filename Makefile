# The two commands: `make serve` and `make test`. Both install whatever is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
export CHROMEDRIVER ?= $(shell command -v chromedriver 2>/dev/null || echo /usr/bin/chromedriver)
# The whole headless run (≈ 6 s here); generous for a slow CI machine.
export WASM_BINDGEN_TEST_TIMEOUT ?= 600

.PHONY: serve test release bench mutants setup setup-test lint test-native test-wasm test-e2e sizes clean

## make serve — install what is missing, then serve the app (with demo data) on http://127.0.0.1:8080
# Its debug build goes to target/serve-dist, not dist/: dist/ is only ever the release bundle
# (`make release`), the one to deploy (README audit: a deploy after `make serve` shipped a debug
# build, and `make serve` beside `make test` overwrote the bundle under test).
serve: setup
	trunk serve --address 127.0.0.1 --port 8080 -d target/serve-dist

## make test — install what is missing, then lint + every test: native, wasm in headless Chromium, e2e of the release bundle
test: setup-test
	@start=$$SECONDS; log=target/make-test.log; mkdir -p target; : > $$log; \
	for t in lint test-native test-wasm release test-e2e; do \
	  t0=$$SECONDS; \
	  $(MAKE) --no-print-directory $$t 2>&1 | tee -a $$log; \
	  echo "==> make $$t done in $$((SECONDS - t0)) s"; \
	done; \
	awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($$(i+1) ~ /^passed/) p += $$i; if ($$(i+1) ~ /^failed/) f += $$i } } \
	     END { printf "==> make test: all green in %d s\ntests: %d passed, %d failed\n", '"$$((SECONDS - start))"', p, f }' $$log

## make release — optimized dist/ (opt-level z, lto, wasm-opt) and its sizes;
## PUBLIC_URL=/repo/ for a site served under a path (a GitHub Pages project site)
# Release bundles rebuild the standard library with the app (opt-level z, as the app, with std's
# own `optimize_for_size` feature) and panic "immediate-abort": a panic traps at once instead of
# formatting its message (−29.3 KB gzip in all; see bench/SIZE-LOG.md; index.html says a trap
# with a reload button). Both are unstable cargo features: RUSTC_BOOTSTRAP=1 allows them on this
# stable toolchain for the release trunk builds only (release, bench, the e2e's /sub/ bundle).
# Every other build (tests, clippy, `make serve`) is plain stable Rust, and `make serve`'s debug
# build keeps the panic messages.
RELEASE_ENV := RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
  CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT=true CARGO_PROFILE_RELEASE_PANIC=immediate-abort

release: setup
	@t0=$$SECONDS; echo "==> trunk build --release$(if $(PUBLIC_URL), --public-url $(PUBLIC_URL)) with std rebuilt for size (usually ~1.5-3 min on 2 cores, +1 min the first time)"; \
	$(RELEASE_ENV) trunk build --release $(if $(PUBLIC_URL),--public-url $(PUBLIC_URL)); \
	echo "==> release built in $$((SECONDS - t0)) s"
	@scripts/sizes.sh dist

## make bench — measured ratios in a real browser; writes bench/RESULTS.md
# Parts 1-2 use the release dist/; parts 3, 4, 6 a separate bundle with the `bench` feature
# (src/bench.rs) in target/bench-dist, so dist/ never contains bench code. The native runner uses
# the release profile without LTO (faster to build) and with panic=unwind (tests need it; with
# the profile's panic=abort cargo would build the lib twice into colliding file names).
bench: setup-test release
	@echo "==> bench bundle: trunk build --release --features bench -d target/bench-dist"
	$(RELEASE_ENV) trunk build --release --features bench -d target/bench-dist
	@echo "==> bench runner (native, drives headless Chromium)"
	CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_PANIC=unwind \
	  cargo test --release --features bench --test bench -- --nocapture

## make mutants — mutation testing of the domain (cargo-mutants, installed if missing): each change
## it makes to src/domain that the native domain tests still pass is listed in target/mutants
# Not part of `make test`: ≈ 1 700 mutants at ≈ 8 s each on 2 cores (≈ 4 h). What it examines,
# the tests it runs and the changes known to be equivalent: .cargo/mutants.toml.
# MUTANTS_FILES narrows a run (e.g. MUTANTS_FILES=src/domain/application.rs); MUTANTS_ARGS adds
# options (e.g. --iterate: test again only what the last run did not see caught).
MUTANTS_FILES ?= src/domain/*.rs
mutants:
	@command -v cargo-mutants >/dev/null || { t0=$$SECONDS; echo "==> cargo install --locked cargo-mutants (≈ 2 min)"; \
	  cargo install --locked cargo-mutants; echo "==> installed in $$((SECONDS - t0)) s"; }
	@mkdir -p target
	cargo mutants --no-shuffle -o target/mutants $(foreach f,$(MUTANTS_FILES),-f '$(f)') $(MUTANTS_ARGS)

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

lint:
	@echo "==> cargo fmt --check / clippy (native + wasm32)"
	cargo fmt --all -- --check
	cargo clippy --all-targets --all-features -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets --all-features -- -D warnings

# Each suite also fails if it ran no test at all (scripts/ran-tests.sh).
test-native:
	@echo "==> native tests (domain, store logic)"
	@mkdir -p target
	cargo test 2>&1 | tee target/test-native.log
	@scripts/ran-tests.sh target/test-native.log "native tests"

test-wasm:
	@echo "==> wasm-bindgen-test in headless Chromium"
	@mkdir -p target
	cargo test --target wasm32-unknown-unknown --test web 2>&1 | tee target/test-wasm.log
	@scripts/ran-tests.sh target/test-wasm.log "browser tests"

test-e2e:
	@echo "==> end-to-end: release dist/ in headless Chromium via ChromeDriver"
	@echo "==> the same bundle for a site served under /sub/ (target/dist-sub; cargo's build is reused)"
	@t0=$$SECONDS; $(RELEASE_ENV) trunk build --release --public-url /sub/ -d target/dist-sub; echo "==> built in $$((SECONDS - t0)) s"
	@mkdir -p target
	cargo test --features e2e --test e2e -- --nocapture --test-threads=1 2>&1 | tee target/test-e2e.log
	@scripts/ran-tests.sh target/test-e2e.log "end-to-end tests"

clean:
	rm -rf dist target
