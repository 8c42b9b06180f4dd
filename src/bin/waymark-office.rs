//! The Web Worker that reads Word, Excel and CSV files ([`waymark::core::office`])
//! off the page's thread. It is its own wasm, loaded only when a file is first
//! imported, so the readers (zip, deflate, XML) are not in the first-paint wasm.
//! Trunk builds it from `index.html`
//! (`<link data-trunk rel="rust" data-bin="waymark-office" data-type="worker" data-loader-shim>`),
//! as `waymark-office_loader.js`, `waymark-office.js` and `waymark-office_bg.wasm`
//! (workers keep their bin's name, unhashed); `app::office` starts it.
//!
//! Messages: the worker posts the string `"ready"` once it can take messages;
//! the page then posts `[name, bytes]` (a string and a `Uint8Array`), and the
//! worker answers each with one JSON string, [`waymark::core::office::reply_json`].

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use waymark::core::office::{read_file, reply_json};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_to = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |msg: MessageEvent| {
            let data = Array::from(&msg.data());
            let name = data.get(0).as_string().unwrap_or_default();
            let bytes = data
                .get(1)
                .dyn_into::<Uint8Array>()
                .map(|b| b.to_vec())
                .unwrap_or_default();
            let reply = reply_json(&read_file(&name, &bytes));
            // Posting a string to the page that made this worker cannot fail.
            let _ = reply_to.post_message(&JsValue::from_str(&reply));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}
