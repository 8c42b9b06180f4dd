//! Starts the app in the browser. Everything else lives in the library.

fn main() {
    #[cfg(target_arch = "wasm32")]
    waymark::app::mount();
}
