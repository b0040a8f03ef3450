//! Broadcast settings: how fast broadcasts go out (`broadcast_rate`) and whether each
//! recipient's thread notes them (`broadcast_note_in_thread`).

use super::sources::toml_scalar;
use super::values::invalid;
use super::{ConfigError, Sources};
use crate::desk::DeskSettings;

impl Sources {
    /// `broadcast_rate` (default 20 a second; within `rate_global`, which always applies) and
    /// `broadcast_note_in_thread` (default off: a note in every thread floods the group).
    pub(super) fn broadcast_rules(&self, desk: &mut DeskSettings) -> Result<(), ConfigError> {
        let rate = self
            .rate("broadcast_rate", self.file.broadcast_rate.clone(), "20/1s")?
            .ok_or_else(|| {
                invalid(
                    "broadcast_rate",
                    "broadcasts need a rate, such as 20/1s".into(),
                )
            })?;
        desk.broadcast_per_second = f64::from(rate.count) / rate.per.as_secs_f64();
        let note = self.file.broadcast_note_in_thread.as_ref().map(toml_scalar);
        desk.broadcast_note_in_thread = self.boolean("broadcast_note_in_thread", note, false)?;
        Ok(())
    }
}
