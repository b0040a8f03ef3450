//! Broadcast settings: how fast broadcasts go out (`broadcast_rate`).

use super::values::invalid;
use super::{ConfigError, Sources};
use crate::desk::DeskSettings;

impl Sources {
    /// `broadcast_rate` (default 20 a second; within `rate_global`, which always applies).
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
        Ok(())
    }
}
