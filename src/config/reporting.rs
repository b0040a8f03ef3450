//! Reports and ratings: the team's time zone (`timezone`), its working hours
//! (`working_hours`), the weekly digest (`digest`) and customer ratings (`rating`).

use super::sources::toml_scalar;
use super::values::invalid;
use super::{ConfigError, Sources};
use crate::desk::{DeskSettings, ReportSettings};
use crate::stats::{DigestSchedule, WorkingHours};

impl Sources {
    /// The time zone, working hours, digest and ratings.
    pub(super) fn reporting(&self, desk: &mut DeskSettings) -> Result<(), ConfigError> {
        desk.reports = self.report_settings()?;
        Ok(())
    }

    /// The team's language alone, for tools that do not run the bot (`threadesk stats`).
    pub fn team_language(&self) -> Result<String, ConfigError> {
        self.language("team_language", self.file.team_language.clone())
    }

    /// The report settings alone, for tools that do not run the bot (`threadesk stats`).
    pub fn report_settings(&self) -> Result<ReportSettings, ConfigError> {
        let file = &self.file;
        let mut reports = ReportSettings::default();
        if let Some(zone) = self.text("timezone", file.timezone.clone()) {
            reports.zone = zone.trim().parse().map_err(|_| {
                invalid(
                    "timezone",
                    format!(
                        "expected an IANA time zone such as `Europe/Lisbon` or `UTC`, got {zone:?}"
                    ),
                )
            })?;
        }
        if let Some(hours) = self.text("working_hours", file.working_hours.clone()) {
            reports.working_hours =
                Some(WorkingHours::parse(&hours).map_err(|why| invalid("working_hours", why))?);
        }
        if let Some(digest) = self.text("digest", file.digest.clone()) {
            if digest.trim() != "off" {
                reports.digest =
                    Some(DigestSchedule::parse(&digest).map_err(|why| invalid("digest", why))?);
            }
        }
        let rating = file.rating.as_ref().map(toml_scalar);
        reports.rating = self.boolean("rating", rating, false)?;
        Ok(reports)
    }
}
