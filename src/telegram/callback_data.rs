//! Button actions in Telegram's `callback_data` and back.
//!
//! The data is the action as a stored record (a format version byte, then the action in the
//! record encoding, see [`crate::storage::codec`]) in URL-safe base64 without padding, at most
//! [`CALLBACK_DATA_LIMIT`] bytes. Reading never fails loudly: data from another format version,
//! an action this version does not know (appended by a newer one), or bytes that are not ours
//! read as `None`, which the desk answers with "this button has expired".

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::domain::{ButtonAction, CALLBACK_DATA_LIMIT};
use crate::storage::codec::{self, Record};

/// The first format of button data. A new format bumps it; buttons of the old one expire.
impl Record for ButtonAction {
    const VERSION: u8 = 1;
}

/// An action that does not fit in a button.
#[derive(Debug, thiserror::Error)]
pub enum CallbackDataError {
    /// The encoded action is longer than Telegram allows.
    #[error("a button action takes {bytes} bytes; Telegram allows {CALLBACK_DATA_LIMIT}")]
    TooLong {
        /// Its encoded length.
        bytes: usize,
    },
    /// The action could not be encoded at all.
    #[error("a button action cannot be encoded: {0}")]
    Encode(String),
}

/// The `callback_data` of a button with this action.
pub fn encode(action: &ButtonAction) -> Result<String, CallbackDataError> {
    let bytes =
        codec::encode(action).map_err(|error| CallbackDataError::Encode(error.to_string()))?;
    let data = URL_SAFE_NO_PAD.encode(bytes);
    if data.len() > CALLBACK_DATA_LIMIT {
        return Err(CallbackDataError::TooLong { bytes: data.len() });
    }
    Ok(data)
}

/// The action in a button's `callback_data`, if this version can read it.
pub fn decode(data: &str) -> Option<ButtonAction> {
    if data.len() > CALLBACK_DATA_LIMIT {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(data).ok()?;
    match codec::decode::<ButtonAction>(&bytes) {
        Ok(action) => Some(action),
        Err(error) => {
            tracing::debug!(%error, "button data this version cannot read");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn data_that_is_not_ours_reads_as_no_action() {
        for data in [
            "",
            "x",
            "0legacy",
            "page:2",
            "AQ",
            "AAAA",
            "////",
            &"A".repeat(90),
        ] {
            assert_eq!(decode(data), None, "{data:?}");
        }
    }
}
