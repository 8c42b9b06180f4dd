//! What this device keeps about its user, beside the plans: the name given for
//! the log (who changed what, progress updates' authors, the files sent to and
//! from partners). Kept in local storage under `waymark.name`.

use super::storage::{self, SaveError};
use gloo_storage::{LocalStorage, Storage};

const NAME_KEY: &str = "waymark.name";

/// The name given on this device, or blank.
pub fn name() -> String {
    if storage::local_storage().is_err() {
        return String::new();
    }
    LocalStorage::get::<String>(NAME_KEY).unwrap_or_default()
}

/// Keeps the name on this device.
pub fn set_name(name: &str) -> Result<(), SaveError> {
    storage::local_storage().map_err(SaveError::Unavailable)?;
    LocalStorage::set(NAME_KEY, name.trim()).map_err(|e| storage::classify_gloo(&e))
}
