//! Reports: `/stats [period]` in the team chat, and the weekly digest to administrators. The
//! desk decides who gets which report and when; the figures and the chart are made when the
//! report is sent ([`Effect::SendReport`]), from the tickets as they are then.

use serde::{Deserialize, Serialize};

use super::commands::CommandContext;
use super::{DeskState, Effect, Failure, Notice, StateResult, Timer, Turn};
use crate::domain::{AdminReach, MessageId, Timestamp, UserId};
use crate::stats::{Period, ReportScope, WorkingHours};

/// Who a report is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportTarget {
    /// The team member who typed `/stats`, answered where they typed it.
    Team {
        /// The forum topic it was typed in, if any.
        thread: Option<MessageId>,
        /// The command message in the team chat.
        to: MessageId,
    },
    /// An administrator, in their private chat (the weekly digest).
    Admin {
        /// The administrator.
        admin: UserId,
    },
}

/// What a report covers: the period, and the zone and working hours it is read in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRequest {
    /// The period.
    pub period: Period,
    /// The IANA name of the time zone.
    pub zone: String,
    /// The working hours, as the setting writes them.
    pub working_hours: Option<String>,
}

impl ReportRequest {
    /// The scope to tally in; a zone or working hours this version cannot read count as UTC
    /// and all hours.
    pub fn scope(&self) -> ReportScope {
        ReportScope {
            period: self.period.clone(),
            zone: self.zone.parse().unwrap_or(chrono_tz::UTC),
            working_hours: self
                .working_hours
                .as_deref()
                .and_then(|hours| WorkingHours::parse(hours).ok()),
        }
    }
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    fn report_request(&self, period: Period) -> ReportRequest {
        let reports = &self.settings.reports;
        ReportRequest {
            period,
            zone: reports.zone.name().to_owned(),
            working_hours: reports.working_hours.as_ref().map(ToString::to_string),
        }
    }

    /// `/stats [period]`: the report, answered where it was typed.
    pub(super) fn on_stats_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        match Period::parse(arguments, self.now, self.settings.reports.zone) {
            Ok(period) => {
                let request = self.report_request(period);
                self.emit(Effect::SendReport {
                    target: ReportTarget::Team {
                        thread: context.message.thread,
                        to: context.message.id,
                    },
                    request,
                });
            }
            Err(problem) => {
                let notice = Notice::BadPeriod {
                    period: arguments.trim().to_owned(),
                    problem,
                };
                self.answer(context, notice);
            }
        }
        Ok(())
    }

    /// The weekly digest is due: last week's report to every administrator who can be written
    /// to, once per week however often the timer fires, and the next digest scheduled.
    pub(super) fn on_digest_due(&mut self, due: Timestamp) -> StateResult<()> {
        let reports = &self.settings.reports;
        let Some(schedule) = reports.digest else {
            return Ok(());
        };
        let zone = reports.zone;
        let next = schedule.next_after(self.now.max(due), zone);
        self.set_timer(next, Timer::Digest { due: next });
        let week = Period::days_before(due, 7, zone);
        if self.state.digest_sent_until()? >= Some(week.to) {
            return Ok(());
        }
        self.state.save_digest_sent_until(week.to)?;
        for admin in self.state.admins()? {
            if admin.reach != AdminReach::NotStarted {
                let request = self.report_request(week.clone());
                self.emit(Effect::SendReport {
                    target: ReportTarget::Admin { admin: admin.id },
                    request,
                });
            }
        }
        Ok(())
    }

    /// A report could not be sent: the team member who asked hears why; an administrator who
    /// cannot be written to is skipped until they start the bot.
    pub(super) fn on_report_failed(
        &mut self,
        target: ReportTarget,
        failure: Failure,
    ) -> StateResult<()> {
        match target {
            ReportTarget::Team { thread, to } => {
                let thread = thread.filter(|_| failure != Failure::ThreadGone);
                self.emit(Effect::AnswerTeam {
                    customer: None,
                    thread,
                    to,
                    notice: Notice::ReportFailed { failure },
                });
                Ok(())
            }
            ReportTarget::Admin { admin } => self.on_admin_unreachable(admin, &failure),
        }
    }
}
