//! The one place that turns stored records into bytes and back.
//!
//! Every value starts with a version byte followed by the record in bincode's standard
//! encoding. A record type whose layout changes bumps its [`Record::VERSION`] and decodes the
//! older layouts in [`Record::upgrade`]; bytes of old versions are kept as test fixtures. Nothing
//! outside this module names bincode, so the format can be swapped here alone.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A stored record could not be encoded or decoded.
#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    /// The bytes are empty, so there is no version byte.
    #[error("empty record")]
    Empty,
    /// The version byte names a layout this build does not know.
    #[error("unknown version {version} of {record}")]
    UnknownVersion {
        /// The record type.
        record: &'static str,
        /// The version found.
        version: u8,
    },
    /// The payload does not match the layout.
    #[error("corrupt {record}: {reason}")]
    Corrupt {
        /// The record type.
        record: &'static str,
        /// What the decoder said.
        reason: String,
    },
    /// The value could not be encoded.
    #[error("cannot encode {record}: {reason}")]
    Encode {
        /// The record type.
        record: &'static str,
        /// What the encoder said.
        reason: String,
    },
}

/// A type stored in the database.
pub trait Record: Serialize + DeserializeOwned {
    /// The version of the current layout.
    const VERSION: u8 = 1;

    /// Decodes a payload written with an older layout.
    fn upgrade(version: u8, payload: &[u8]) -> Result<Self, CodecError> {
        let _ = payload;
        Err(CodecError::UnknownVersion {
            record: std::any::type_name::<Self>(),
            version,
        })
    }
}

/// Encodes a record with its version byte.
pub fn encode<R: Record>(record: &R) -> Result<Vec<u8>, CodecError> {
    let mut bytes = vec![R::VERSION];
    let payload =
        bincode::serde::encode_to_vec(record, bincode::config::standard()).map_err(|error| {
            CodecError::Encode {
                record: std::any::type_name::<R>(),
                reason: error.to_string(),
            }
        })?;
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// Decodes a record, upgrading older layouts.
pub fn decode<R: Record>(bytes: &[u8]) -> Result<R, CodecError> {
    let (&version, payload) = bytes.split_first().ok_or(CodecError::Empty)?;
    if version != R::VERSION {
        return R::upgrade(version, payload);
    }
    decode_payload(payload)
}

/// Decodes a payload without its version byte, for [`Record::upgrade`] implementations that
/// decode an old layout's struct.
pub fn decode_payload<T: DeserializeOwned>(payload: &[u8]) -> Result<T, CodecError> {
    bincode::serde::decode_from_slice(payload, bincode::config::standard())
        .map(|(record, _)| record)
        .map_err(|error| CodecError::Corrupt {
            record: std::any::type_name::<T>(),
            reason: error.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Note {
        text: String,
        count: u32,
    }

    impl Record for Note {}

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct NoteV2 {
        text: String,
        count: u32,
        pinned: bool,
    }

    impl Record for NoteV2 {
        const VERSION: u8 = 2;

        fn upgrade(version: u8, payload: &[u8]) -> Result<Self, CodecError> {
            match version {
                1 => {
                    let old: Note = decode_payload(payload)?;
                    Ok(NoteV2 {
                        text: old.text,
                        count: old.count,
                        pinned: false,
                    })
                }
                _ => Err(CodecError::UnknownVersion {
                    record: "NoteV2",
                    version,
                }),
            }
        }
    }

    #[test]
    fn records_round_trip_with_a_version_byte() {
        let note = Note {
            text: "olá".into(),
            count: 3,
        };
        let bytes = encode(&note).unwrap();
        assert_eq!(bytes[0], 1);
        assert_eq!(decode::<Note>(&bytes).unwrap(), note);
    }

    #[test]
    fn older_layouts_are_upgraded() {
        let bytes = encode(&Note {
            text: "a".into(),
            count: 1,
        })
        .unwrap();
        let upgraded: NoteV2 = decode(&bytes).unwrap();
        assert_eq!(
            upgraded,
            NoteV2 {
                text: "a".into(),
                count: 1,
                pinned: false
            }
        );
    }

    #[test]
    fn unknown_versions_and_garbage_are_errors_not_panics() {
        assert!(matches!(decode::<Note>(&[]), Err(CodecError::Empty)));
        assert!(matches!(
            decode::<Note>(&[9, 1, 2]),
            Err(CodecError::UnknownVersion { .. })
        ));
        assert!(matches!(
            decode::<Note>(&[1, 200]),
            Err(CodecError::Corrupt { .. })
        ));
    }
}
