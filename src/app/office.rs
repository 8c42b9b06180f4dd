//! Reading a Word, Excel or CSV file's tables in the Web Worker
//! (`src/bin/waymark-office.rs`), so the readers' code is loaded only when a
//! file is first imported and the page stays responsive while a large file is
//! read. The page's own wasm holds none of [`crate::core::office`]'s readers:
//! only [`parse_reply`] for the answer.

use crate::core::grid::Grid;
use crate::core::office::{parse_reply, FileKind};
use js_sys::{Array, Function, Promise, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// The worker's loader, next to `index.html` (Trunk's `data-loader-shim`).
const WORKER_URL: &str = "./waymark-office_loader.js";

/// The tables of a file the user chose: what kind of file it was and its
/// grids (never empty), or the message to show when it cannot be read (an
/// [`crate::core::office::OfficeError`] in words, or why the reader could not
/// start). Starts a worker for the one file and ends it after.
pub async fn read_tables(name: &str, bytes: &[u8]) -> Result<(FileKind, Vec<Grid>), String> {
    let worker = Worker::new(WORKER_URL).map_err(|_| could_not_start())?;
    let reply = ask(&worker, name, bytes).await;
    worker.terminate();
    parse_reply(&reply?)
}

fn could_not_start() -> String {
    "The file reader could not start. Reload the page and try again.".to_string()
}

/// Waits for the worker's "ready", sends it the file, and resolves with its
/// answer (a JSON string). The handlers live until the answer comes.
async fn ask(worker: &Worker, name: &str, bytes: &[u8]) -> Result<String, String> {
    type Settle = Rc<RefCell<Option<(Function, Function)>>>;
    let settle: Settle = Rc::new(RefCell::new(None));
    let file = Array::of2(&JsValue::from_str(name), &Uint8Array::from(bytes));
    let target = worker.clone();
    let on_message = {
        let settle = settle.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |msg: MessageEvent| {
            let Some((resolve, reject)) = settle.borrow().clone() else {
                return;
            };
            if msg.data().as_string().as_deref() == Some("ready") {
                if target.post_message(&file).is_err() {
                    let _ = reject.call0(&JsValue::NULL);
                }
            } else {
                let _ = resolve.call1(&JsValue::NULL, &msg.data());
            }
        })
    };
    let on_error = {
        let settle = settle.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if let Some((_, reject)) = settle.borrow().as_ref() {
                let _ = reject.call0(&JsValue::NULL);
            }
        })
    };
    let promise = Promise::new(&mut |resolve, reject| {
        *settle.borrow_mut() = Some((resolve, reject));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
    worker.set_onmessage(None);
    worker.set_onerror(None);
    drop((on_message, on_error));
    answer
        .ok()
        .and_then(|a| a.as_string())
        .ok_or_else(could_not_start)
}
