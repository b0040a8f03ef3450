//! Broadcast and export settings: how fast broadcasts go out (`broadcast_rate`), whether each
//! recipient's thread notes them (`broadcast_note_in_thread`), and how large one document of
//! `/export` may be (`export_part_kb`).

use super::sources::toml_scalar;
use super::values::invalid;
use super::{ConfigError, Sources};
use crate::desk::DeskSettings;

impl Sources {
    /// `broadcast_rate` (default 20 a second; within `rate_global`, which always applies),
    /// `broadcast_note_in_thread` (default off: a note in every thread floods the group) and
    /// `export_part_kb` (default and most: Telegram's upload limit).
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
        let limit_kb = crate::domain::DOCUMENT_LIMIT / 1024;
        let part_kb: u64 = self.number(
            "export_part_kb",
            self.file.export_part_kb.as_ref().map(toml_scalar),
            limit_kb,
        )?;
        if !(1..=limit_kb).contains(&part_kb) {
            return Err(invalid(
                "export_part_kb",
                format!("expected 1 to {limit_kb} (Telegram's upload limit), got {part_kb}"),
            ));
        }
        desk.export_part_bytes = part_kb * 1024;
        Ok(())
    }
}
