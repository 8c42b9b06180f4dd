//! Downloads made by the app (plan files, CSV): a Blob and a temporary link.

use wasm_bindgen::JsCast;

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "the browser could not prepare the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not prepare the file".to_string())?;
    let doc = leptos::prelude::document();
    let a = doc
        .create_element("a")
        .map_err(|_| "no document".to_string())?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no document".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_attribute("hidden", "").ok();
    if let Some(body) = doc.body() {
        body.append_child(&a).ok();
        a.click();
        body.remove_child(&a).ok();
    }
    // Revoke after the download has started.
    let u = url.clone();
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&u);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

pub use crate::core::files::slug;
