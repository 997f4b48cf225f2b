//! Thin browser entry point: everything lives in the library.
#[cfg(target_arch = "wasm32")]
fn main() {
    plugin_lifecycle::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a browser app: run `make serve` (trunk) and open http://127.0.0.1:8080");
}
