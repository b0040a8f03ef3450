//! The pipeline's clock: the one place that reads wall-clock time for the desk.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::domain::Timestamp;

/// The current wall-clock instant.
pub fn now() -> Timestamp {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis());
    Timestamp(i64::try_from(millis).unwrap_or(i64::MAX))
}
