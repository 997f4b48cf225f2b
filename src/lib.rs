//! 小程序插件 — the whole life of a WeChat mini program plugin, in the browser.
//!
//! * [`domain`] — pure Rust: every product rule, commands → events, typed errors. No web-sys.
//! * [`store`] — persistence behind a trait (localStorage in the browser), schema + migrations.
//! * `ui` — Leptos components (wasm32 only): app shell, one folder per role, shared components.
pub mod domain;
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Bench-only wasm entry points (`make bench`); never in the release bundle.
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod bench;
