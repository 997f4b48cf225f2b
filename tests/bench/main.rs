//! `make bench`: measured ratios in a real browser (headless Chromium via ChromeDriver), each
//! against a baseline measured in the same run; medians over repeated runs. Prints the tables and
//! writes bench/RESULTS.md.
//!
//! 1. Bundle sizes of the release `dist/`.
//! 2. Start-up of the release `dist/` (`/` and a deep link) vs a blank page from the same server.
//! 3. Search (`Workspace::search` in wasm) vs the same matching in plain JS, 10 000 plugins.
//! 4. Persistence (the store's save/load in wasm) vs `JSON.stringify` / `JSON.parse`.
//! 5. Domain throughput natively (commands/s) vs serializing / cloning in the same run.
//! 6. UI list rendering (Leptos) vs plain `document.createElement` rows.
//!
//! Parts 3, 4 and 6 run in the bench bundle (`trunk build --release --features bench -d
//! target/bench-dist`), whose `src/bench.rs` exports `bench_*` on `window.wasmBindings`.
//! `BENCH_ONLY=1,5` runs a subset (printed only, unless `BENCH_OUT=<file>`); `BENCH_DIST=<dir>`
//! uses another bench bundle (e.g. one built with another opt-level).
#[cfg(not(target_arch = "wasm32"))]
#[path = "../support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod run;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    run::main();
}

/// The bench drives a browser from the host; nothing to do when compiled for wasm32
/// (e.g. `cargo clippy --target wasm32-unknown-unknown --all-targets --features bench`).
#[cfg(target_arch = "wasm32")]
fn main() {}
