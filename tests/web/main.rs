//! Browser tests (wasm-bindgen-test in headless Chromium): one binary for all component tests,
//! one module per area. Each test mounts into its own wrapper and clears localStorage first.
#![cfg(target_arch = "wasm32")]

mod consumer;
mod developer;
mod review;
mod shell;
mod store;
