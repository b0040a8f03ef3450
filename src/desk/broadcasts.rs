//! Broadcasts, the desk's side: `/send <segment> [at <time> | in <span>]` replying to a message
//! in the lobby, `/send test`, the preview with Send and Cancel, `/broadcasts`, and the progress
//! the broadcast lane reports.
//!
//! Composing only records the broadcast ([`BroadcastStatus::Counting`]); the broadcast lane
//! counts its recipients and reports [`Event::BroadcastCounted`](super::Event), upon which the
//! preview is shown. Nothing goes out before a team member presses Send: the record becomes
//! running (or scheduled, with a stored timer), and the lane sends while it stays running,
//! reporting progress that rewrites the preview. Customers opt out with `/stop` and back in
//! with `/start` (see `broadcast_replies`).

use serde::{Deserialize, Serialize};

use super::commands::CommandContext;
use super::{Button, DeskState, Effect, Keyboard, Notice, Reader, StateResult, Timer, Turn};
use crate::domain::{
    Broadcast, BroadcastCounts, BroadcastId, BroadcastStatus, ButtonAction, Customer, Reachability,
    Schedule, ScheduleError, Segment, SegmentError, Timestamp, UserId, parse_schedule,
};

/// A broadcast as the team sees it: the preview, its progress, or its final report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BroadcastView {
    /// Its number.
    pub id: BroadcastId,
    /// The segment as typed.
    pub segment: String,
    /// Where it stands.
    pub status: BroadcastStatus,
    /// When it goes (or went) out, if scheduled.
    pub at: Option<Timestamp>,
    /// What it achieved so far.
    pub counts: BroadcastCounts,
    /// Seconds it has been (or was) running.
    pub elapsed: u64,
    /// Seconds left at the configured rate, while running.
    pub left: Option<u64>,
}

/// What the broadcast lane reports about a running broadcast.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BroadcastReport {
    /// The broadcast.
    pub id: BroadcastId,
    /// What it achieved so far.
    pub counts: BroadcastCounts,
    /// Whether every recipient has been tried.
    pub finished: bool,
    /// Recipients found to have blocked the bot since the last report (to flag).
    pub blocked: Vec<UserId>,
}

/// Whether a customer never gets broadcasts whatever the segment: banned, unreachable (blocked
/// the bot or deleted their account), or opted out.
pub fn excluded(customer: &Customer, opted_out: bool) -> bool {
    customer.ban.is_some() || customer.reachability != Reachability::Reachable || opted_out
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// `/send`: a test copy to the author, or a broadcast recorded for its preview.
    pub(super) fn on_send_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        if context.customer.is_some() {
            self.answer(context, Notice::BroadcastOnlyInLobby);
            return Ok(());
        }
        let message = &context.message;
        // In the lobby the replied message is the one to copy (in a supergroup a reply also
        // names it as its thread).
        let source = message.reply_to;
        let mut words = arguments.splitn(2, char::is_whitespace);
        let segment_text = words.next().unwrap_or_default().trim();
        let rest = words.next().unwrap_or_default().trim();
        let (Some(source), false) = (source, segment_text.is_empty()) else {
            self.answer(context, usage());
            return Ok(());
        };
        // A reply to an album's item sends the whole album.
        let mut sources = self.state.album_of(message.chat, source)?;
        if sources.is_empty() {
            sources.push(source);
        }
        let author_id = match &context.role {
            super::Role::TeamMember { id, .. } => Some(*id),
            _ => message.author.user_id(),
        };
        if segment_text.eq_ignore_ascii_case("test") {
            let Some(member) = author_id else {
                self.answer(context, Notice::AssignNeedsAccount);
                return Ok(());
            };
            self.emit(Effect::BroadcastCopy {
                customer: member,
                chat: message.chat,
                messages: sources,
                test: Some(message.id),
            });
            self.answer(context, Notice::BroadcastTestSent);
            return Ok(());
        }
        let segment = match Segment::parse(segment_text) {
            Ok(segment) => segment,
            Err(error) => {
                let term = match error {
                    SegmentError::UnknownTerm(term) | SegmentError::InvalidValue(term) => term,
                    SegmentError::Empty | SegmentError::TooLong => segment_text.to_owned(),
                };
                let notice = Notice::BroadcastBadSegment { term };
                self.answer(context, notice);
                return Ok(());
            }
        };
        let at = match parse_schedule(rest, self.now, |at| {
            crate::stats::utc_offset_seconds(at, self.settings.reports.zone)
        }) {
            Ok(Schedule::Now) => None,
            Ok(Schedule::At(at)) => Some(at),
            Err(error) => {
                let past = error == ScheduleError::InThePast;
                self.answer(context, Notice::BroadcastBadTime { past });
                return Ok(());
            }
        };
        let id = self.state.next_broadcast_id()?;
        let broadcast = Broadcast {
            id,
            author: context.author_name(),
            author_id,
            created_at: self.now,
            chat: message.chat,
            messages: sources,
            command: message.id,
            segment: segment.to_string(),
            at,
            status: BroadcastStatus::Counting,
            preview: None,
            counts: BroadcastCounts::default(),
            started_at: None,
            finished_at: None,
        };
        self.state.save_broadcast(&broadcast)
    }

    /// `/broadcasts`: each broadcast not done yet, with its buttons.
    pub(super) fn on_broadcasts_command(&mut self, context: &CommandContext) -> StateResult<()> {
        let mut shown = 0;
        for id in self.state.active_broadcasts()? {
            let Some(broadcast) = self.state.broadcast(id)? else {
                continue;
            };
            if broadcast.status == BroadcastStatus::Counting {
                continue;
            }
            shown += 1;
            self.emit(Effect::SendButtons {
                chat: context.message.chat,
                customer: None,
                thread: context.message.thread,
                reply_to: Some(context.message.id),
                reader: Reader::Team,
                notice: Notice::Broadcast(Box::new(self.view(&broadcast))),
                keyboard: keyboard(&broadcast),
            });
        }
        if shown == 0 {
            self.answer(context, Notice::NoBroadcasts);
        }
        Ok(())
    }

    /// The broadcast lane counted a new broadcast's recipients: the preview, with its buttons.
    pub(super) fn on_broadcast_counted(&mut self, id: BroadcastId, total: u64) -> StateResult<()> {
        let Some(mut broadcast) = self.state.broadcast(id)? else {
            return Ok(());
        };
        if broadcast.status != BroadcastStatus::Counting {
            return Ok(());
        }
        broadcast.status = BroadcastStatus::Draft;
        broadcast.counts.total = total;
        self.emit(Effect::SendButtons {
            chat: broadcast.chat,
            customer: None,
            thread: None,
            reply_to: Some(broadcast.command),
            reader: Reader::Team,
            notice: Notice::Broadcast(Box::new(self.view(&broadcast))),
            keyboard: keyboard(&broadcast),
        });
        self.state.save_broadcast(&broadcast)
    }

    /// A scheduled broadcast's time came.
    pub(super) fn on_broadcast_due(&mut self, id: BroadcastId) -> StateResult<()> {
        let Some(mut broadcast) = self.state.broadcast(id)? else {
            return Ok(());
        };
        if broadcast.status != BroadcastStatus::Scheduled || broadcast.at > Some(self.now) {
            return Ok(());
        }
        broadcast.status = BroadcastStatus::Running;
        broadcast.started_at = Some(self.now);
        self.show_broadcast(&broadcast, None);
        self.state.save_broadcast(&broadcast)
    }

    /// The broadcast lane's progress: the preview rewritten, blocked customers flagged.
    pub(super) fn on_broadcast_report(&mut self, report: BroadcastReport) -> StateResult<()> {
        for customer in &report.blocked {
            if let Some(mut customer) = self.state.customer(*customer)? {
                if customer.reachability == Reachability::Reachable {
                    customer.reachability = Reachability::BlockedBot;
                    self.state.save_customer(&customer)?;
                }
            }
        }
        let Some(mut broadcast) = self.state.broadcast(report.id)? else {
            return Ok(());
        };
        if !broadcast.status.is_active() {
            return Ok(());
        }
        broadcast.counts = report.counts;
        if report.finished {
            broadcast.status = BroadcastStatus::Done;
            broadcast.finished_at = Some(self.now);
        }
        self.show_broadcast(&broadcast, None);
        self.state.save_broadcast(&broadcast)
    }

    /// A broadcast's button: Send, Cancel, Pause or Resume, by a team member (already checked).
    pub(super) fn on_broadcast_button(
        &mut self,
        action: &ButtonAction,
        pressed: Option<crate::domain::MessageId>,
    ) -> StateResult<super::ButtonAnswer> {
        use BroadcastStatus::*;
        let (ButtonAction::BroadcastSend(id)
        | ButtonAction::BroadcastCancel(id)
        | ButtonAction::BroadcastPause(id)
        | ButtonAction::BroadcastResume(id)) = action
        else {
            return Ok(super::ButtonAnswer::Alert(Notice::ButtonExpired));
        };
        let Some(mut broadcast) = self.state.broadcast(*id)? else {
            return Ok(super::ButtonAnswer::Alert(Notice::ButtonExpired));
        };
        let before = broadcast.status;
        let after = match (action, before) {
            (ButtonAction::BroadcastSend(_), Draft) => match broadcast.at {
                Some(at) if at > self.now => Scheduled,
                _ => Running,
            },
            (ButtonAction::BroadcastCancel(_), status) if status.is_active() => Cancelled,
            (ButtonAction::BroadcastPause(_), Running) => Paused,
            (ButtonAction::BroadcastResume(_), Paused) => Running,
            _ => {
                let notice = Notice::BroadcastUnchanged { status: before };
                return Ok(super::ButtonAnswer::Alert(notice));
            }
        };
        broadcast.status = after;
        if before == Draft {
            broadcast.preview = pressed;
        }
        match after {
            Scheduled => {
                if let Some(at) = broadcast.at {
                    self.set_timer(at, Timer::BroadcastDue { id: *id });
                }
            }
            Running if broadcast.started_at.is_none() => broadcast.started_at = Some(self.now),
            Cancelled => broadcast.finished_at = Some(self.now),
            _ => {}
        }
        self.show_broadcast(&broadcast, pressed);
        self.state.save_broadcast(&broadcast)?;
        Ok(super::ButtonAnswer::Toast(Notice::BroadcastNow {
            status: after,
        }))
    }

    /// Rewrites the preview (and the message whose button was pressed, if another one) to show
    /// where the broadcast stands.
    fn show_broadcast(&mut self, broadcast: &Broadcast, pressed: Option<crate::domain::MessageId>) {
        let mut messages: Vec<_> = broadcast.preview.into_iter().collect();
        messages.extend(pressed.filter(|pressed| Some(*pressed) != broadcast.preview));
        for message in messages {
            self.emit(Effect::EditButtons {
                chat: broadcast.chat,
                message,
                customer: None,
                reader: Reader::Team,
                notice: Notice::Broadcast(Box::new(self.view(broadcast))),
                keyboard: keyboard(broadcast),
            });
        }
    }

    fn view(&self, broadcast: &Broadcast) -> BroadcastView {
        let end = broadcast.finished_at.unwrap_or(self.now);
        let elapsed = broadcast.started_at.map_or(0, |start| {
            u64::try_from((end.0 - start.0) / 1000).unwrap_or(0)
        });
        let counts = &broadcast.counts;
        let left = (broadcast.status == BroadcastStatus::Running).then(|| {
            let remaining = counts.total.saturating_sub(counts.done());
            let per_second = self.settings.broadcast_per_second.max(0.001);
            (remaining as f64 / per_second).ceil() as u64
        });
        BroadcastView {
            id: broadcast.id,
            segment: broadcast.segment.clone(),
            status: broadcast.status,
            at: broadcast.at,
            counts: counts.clone(),
            elapsed,
            left,
        }
    }
}

/// `/send`'s usage.
fn usage() -> Notice {
    Notice::Usage {
        command: super::CommandName::Send,
    }
}

/// The buttons a broadcast offers where it stands.
fn keyboard(broadcast: &Broadcast) -> Keyboard {
    let id = broadcast.id;
    let button = |label: Notice, action: ButtonAction| Button { label, action };
    let row = match broadcast.status {
        BroadcastStatus::Draft => vec![
            button(Notice::BroadcastSendButton, ButtonAction::BroadcastSend(id)),
            button(
                Notice::BroadcastCancelButton,
                ButtonAction::BroadcastCancel(id),
            ),
        ],
        BroadcastStatus::Scheduled => vec![button(
            Notice::BroadcastCancelButton,
            ButtonAction::BroadcastCancel(id),
        )],
        BroadcastStatus::Running => vec![
            button(
                Notice::BroadcastPauseButton,
                ButtonAction::BroadcastPause(id),
            ),
            button(
                Notice::BroadcastCancelButton,
                ButtonAction::BroadcastCancel(id),
            ),
        ],
        BroadcastStatus::Paused => vec![
            button(
                Notice::BroadcastResumeButton,
                ButtonAction::BroadcastResume(id),
            ),
            button(
                Notice::BroadcastCancelButton,
                ButtonAction::BroadcastCancel(id),
            ),
        ],
        BroadcastStatus::Counting | BroadcastStatus::Done | BroadcastStatus::Cancelled => {
            Vec::new()
        }
    };
    Keyboard {
        rows: if row.is_empty() {
            Vec::new()
        } else {
            vec![row]
        },
    }
}
