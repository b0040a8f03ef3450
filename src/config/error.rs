//! A setting missing or invalid, or a settings file that cannot be read: one line naming the
//! setting and its environment variable.

use std::path::PathBuf;

/// A setting is missing or invalid.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The settings file could not be read.
    #[error("cannot read the settings file {path}: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The settings file is not valid TOML or has unknown settings.
    #[error("invalid settings file {path}: {reason}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },
    /// A required setting has no value.
    #[error("setting `{name}` is required (set it in the settings file or in {env})")]
    Missing {
        /// The setting's name in the file.
        name: &'static str,
        /// Its environment variable.
        env: String,
    },
    /// A setting has a value that is not valid.
    #[error("setting `{name}` ({env}) is invalid: {reason}")]
    Invalid {
        /// The setting's name in the file.
        name: &'static str,
        /// Its environment variable.
        env: String,
        /// What is wrong, and what is expected.
        reason: String,
    },
}
