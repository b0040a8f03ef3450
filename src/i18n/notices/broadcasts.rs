//! Broadcasts in words: the preview, its progress and report, the answers to `/send`,
//! `/broadcasts` and the buttons (team language), and the opt-out (customer's language).

use super::misrouted;
use crate::desk::{BroadcastView, Notice};
use crate::domain::BroadcastStatus;
use crate::i18n::{Localizer, escape_html};

/// The progress bar's width in characters.
const BAR_WIDTH: u64 = 10;

impl Localizer {
    /// A broadcast notice.
    pub(super) fn broadcast_text(&self, notice: &Notice, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        match notice {
            Notice::BroadcastOnlyInLobby => text("broadcast-only-in-lobby", &[]),
            Notice::BroadcastTestSent => text("broadcast-test-sent", &[]),
            Notice::BroadcastTestFailed { failure } => text(
                "broadcast-test-failed",
                &[("reason", self.failure(failure, language))],
            ),
            Notice::BroadcastBadSegment { term } => {
                text("broadcast-bad-segment", &[("term", escape_html(term))])
            }
            Notice::BroadcastBadTime { past: true } => text("broadcast-past-time", &[]),
            Notice::BroadcastBadTime { past: false } => text("broadcast-bad-time", &[]),
            Notice::Broadcast(view) => self.broadcast_view(view, language),
            Notice::NoBroadcasts => text("broadcasts-none", &[]),
            Notice::BroadcastSendButton => text("broadcast-button-send", &[]),
            Notice::BroadcastCancelButton => text("broadcast-button-cancel", &[]),
            Notice::BroadcastPauseButton => text("broadcast-button-pause", &[]),
            Notice::BroadcastResumeButton => text("broadcast-button-resume", &[]),
            Notice::BroadcastNow { status } => {
                text(&format!("broadcast-now-{}", status.name()), &[])
            }
            Notice::BroadcastUnchanged { status } => {
                let status = text(&format!("broadcast-status-{}", status.name()), &[]);
                text("broadcast-unchanged", &[("status", status)])
            }
            Notice::OptedOut => text("customer-opted-out", &[]),
            Notice::OptedIn => text("customer-opted-in", &[]),
            Notice::AnswersBroadcast { id } => {
                text("notice-answers-broadcast", &[("id", id.to_string())])
            }
            Notice::BroadcastReached { id, link } => {
                let id = ("id", id.to_string());
                match link {
                    Some(link) => text(
                        "notice-broadcast-reached-link",
                        &[id, ("link", escape_html(link))],
                    ),
                    None => text("notice-broadcast-reached", &[id]),
                }
            }
            other => misrouted(other),
        }
    }

    /// A broadcast's preview, progress or report.
    fn broadcast_view(&self, view: &BroadcastView, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        let counts = &view.counts;
        let id = ("id", view.id.to_string());
        let segment = (
            "segment",
            format!("<code>{}</code>", escape_html(&view.segment)),
        );
        let total = ("total", counts.total.to_string());
        let done = ("done", counts.done().to_string());
        let at = view.at.map(|at| ("at", self.clock(at)));
        match view.status {
            BroadcastStatus::Counting | BroadcastStatus::Draft => {
                let when = match at.clone() {
                    Some(at) => text("broadcast-when-at", &[at]),
                    None => text("broadcast-when-now", &[]),
                };
                let count = ("count", counts.total.to_string());
                text("broadcast-preview", &[id, count, segment, ("when", when)])
            }
            BroadcastStatus::Scheduled => {
                let at = at.unwrap_or(("at", String::new()));
                let count = ("count", counts.total.to_string());
                text("broadcast-scheduled", &[id, segment, at, count])
            }
            BroadcastStatus::Running => {
                let failed = ("failed", (counts.failed + counts.blocked).to_string());
                let left = ("left", span(view.left.unwrap_or(0)));
                let bar = ("bar", bar(counts.done(), counts.total));
                text(
                    "broadcast-running",
                    &[id, segment, bar, done, total, failed, left],
                )
            }
            BroadcastStatus::Paused => text("broadcast-paused", &[id, segment, done, total]),
            BroadcastStatus::Cancelled => text("broadcast-cancelled", &[id, segment, done, total]),
            BroadcastStatus::Done => {
                let mut lines = vec![text(
                    "broadcast-done",
                    &[
                        id,
                        segment,
                        ("duration", span(view.elapsed)),
                        ("sent", counts.sent.to_string()),
                        ("blocked", counts.blocked.to_string()),
                        ("failed", counts.failed.to_string()),
                        ("uncertain", counts.uncertain.to_string()),
                    ],
                )];
                if !counts.reasons.is_empty() {
                    let reasons: Vec<String> = counts
                        .reasons
                        .iter()
                        .map(|(reason, count)| format!("{} ×{count}", escape_html(reason)))
                        .collect();
                    lines.push(text(
                        "broadcast-failures",
                        &[("reasons", reasons.join("; "))],
                    ));
                }
                lines.join("\n")
            }
        }
    }
}

/// A text progress bar: `▓▓▓▓░░░░░░ 40%`.
fn bar(done: u64, total: u64) -> String {
    let percent = (done * 100).checked_div(total).unwrap_or(100).min(100);
    let filled = (percent * BAR_WIDTH / 100) as usize;
    format!(
        "{}{} {percent}%",
        "▓".repeat(filled),
        "░".repeat(BAR_WIDTH as usize - filled)
    )
}

/// Seconds as `1h 02m`, `3m 05s` or `42s`.
fn span(seconds: u64) -> String {
    match seconds {
        0..60 => format!("{seconds}s"),
        60..3600 => format!("{}m {:02}s", seconds / 60, seconds % 60),
        _ => format!("{}h {:02}m", seconds / 3600, seconds % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::{bar, span};

    #[test]
    fn bars_and_spans() {
        assert_eq!(bar(4, 10), "▓▓▓▓░░░░░░ 40%");
        assert_eq!(bar(0, 0), "▓▓▓▓▓▓▓▓▓▓ 100%");
        assert_eq!(span(42), "42s");
        assert_eq!(span(185), "3m 05s");
        assert_eq!(span(3720), "1h 02m");
    }
}
