//! Statistics the team reads in Telegram: the period a report covers ([`Period`]), working
//! hours ([`WorkingHours`]), the weekly digest's schedule ([`DigestSchedule`]), the figures
//! tallied from the tickets' facts ([`Tally`], [`Figures`]) and the picture drawn from them
//! ([`chart::draw`]).
//!
//! Pure computation over tickets: the executor reads the tickets and sends the result; the desk
//! only decides when a report is due.

pub mod chart;
mod figures;
mod hours;
mod period;
mod schedule;
mod tally;

pub use chart::{ChartError, ChartLabels};
pub use figures::{
    DayFigures, Figures, MemberFigures, RESPONSE_BUCKETS_MINUTES, RatingFigures, ReportScope,
    Spread,
};
pub use hours::WorkingHours;
pub use period::{Period, PeriodError, local_date, local_time, utc_offset_seconds};
pub use schedule::DigestSchedule;
pub use tally::Tally;
