//! Reading a plan file the user chose (the Files page's file control or a drop, the
//! first-run welcome's "Open a plan file"): its size checked before anything is
//! read, its bytes copied once into Wasm memory, and the text read through the one
//! import path. Every failure is a sentence for the user that ends "Nothing has
//! changed."

use crate::core::files::check_file_size;
use crate::core::format::{import_plan, Imported};

/// Reads a chosen file as a plan, or says in words why it was not opened.
pub async fn read_plan_file(file: web_sys::File) -> Result<Imported, String> {
    let name = file.name();
    check_file_size(&name, file.size())?;
    // The file's bytes, copied once into Wasm memory, read as UTF-8 there (invalid
    // bytes become U+FFFD, as `File.text()` would make them): no JS string of the
    // whole file, no second copy when it is valid.
    let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
        Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
        Err(_) => {
            return Err(format!(
                "“{name}” could not be read from this device. Nothing has changed."
            ))
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    import_plan(&text).map_err(|e| format!("“{name}” was not opened. {e} Nothing has changed."))
}
