//! What the desk remembers about how a ticket went, for statistics: who replied and when, how
//! many messages the customer sent, who closed it, priority changes, the tags it closed with and
//! the customer's rating. Never a message's text.

use serde::{Deserialize, Serialize};

use super::{Member, Priority, Timestamp};

/// One team reply: when, and who (`None`: through the HTTP API or without an account).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// When it was relayed.
    pub at: Timestamp,
    /// The team member who wrote it.
    pub by: Option<Member>,
}

/// A priority a ticket was given, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityChange {
    /// When it was set.
    pub at: Timestamp,
    /// The new level.
    pub to: Priority,
}

/// The customer's answer to "how did we do?", from 1 (bad) to 5 (great).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// The score, 1 to 5.
    pub score: u8,
    /// When it was first given.
    pub first_at: Timestamp,
    /// When it was last changed.
    pub at: Timestamp,
}

impl Rating {
    /// The best score.
    pub const MAX: u8 = 5;
    /// How long after the first press a rating may still change, in milliseconds (24 h).
    pub const CHANGE_WINDOW_MS: i64 = 24 * 60 * 60 * 1000;
}

/// What happened to a rating press.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RatingOutcome {
    /// The first rating of the ticket.
    Recorded,
    /// A change within the window.
    Changed,
    /// The same score again: nothing changed.
    Unchanged,
    /// Too late to change it: the first rating stands.
    TooLate,
}

/// The statistics facts of one ticket.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketFacts {
    /// Team replies in order, the first one included (at most [`TicketFacts::MAX_REPLIES`]).
    pub replies: Vec<Reply>,
    /// Team replies past [`TicketFacts::MAX_REPLIES`], counted only.
    pub more_replies: u32,
    /// Messages the customer sent while the ticket was open.
    pub customer_messages: u32,
    /// The team member who closed it (`None`: closed automatically, through the API, or open).
    pub closed_by: Option<Member>,
    /// When the customer came back within a day of its closing (its next ticket opened).
    pub reopened_at: Option<Timestamp>,
    /// Priority changes in order (at most [`TicketFacts::MAX_PRIORITY_CHANGES`]).
    pub priorities: Vec<PriorityChange>,
    /// The customer's tags when it closed.
    pub tags_at_close: Vec<String>,
    /// The customer's rating.
    pub rating: Option<Rating>,
    /// The facts were derived from an older record on upgrade (replies and messages unknown).
    pub derived: bool,
}

impl TicketFacts {
    /// The most team replies kept one by one.
    pub const MAX_REPLIES: usize = 64;
    /// The most priority changes kept.
    pub const MAX_PRIORITY_CHANGES: usize = 16;
    /// How soon after closing a new ticket counts as the old one reopened (24 h).
    pub const REOPEN_WINDOW_MS: i64 = 24 * 60 * 60 * 1000;

    /// A team reply relayed at `at`.
    pub fn team_reply(&mut self, at: Timestamp, by: Option<Member>) {
        if self.replies.len() < Self::MAX_REPLIES {
            self.replies.push(Reply { at, by });
        } else {
            self.more_replies = self.more_replies.saturating_add(1);
        }
    }

    /// The team's first reply.
    pub fn first_reply(&self) -> Option<&Reply> {
        self.replies.first()
    }

    /// How many team replies there were.
    pub fn reply_count(&self) -> u32 {
        u32::try_from(self.replies.len())
            .unwrap_or(u32::MAX)
            .saturating_add(self.more_replies)
    }

    /// A customer message relayed into the ticket.
    pub fn customer_message(&mut self) {
        self.customer_messages = self.customer_messages.saturating_add(1);
    }

    /// The priority changed to `to` at `at`.
    pub fn priority_changed(&mut self, at: Timestamp, to: Priority) {
        if self.priorities.len() < Self::MAX_PRIORITY_CHANGES {
            self.priorities.push(PriorityChange { at, to });
        }
    }

    /// The customer pressed `score` at `at`: the first press records, a different score within
    /// [`Rating::CHANGE_WINDOW_MS`] of the first press changes it.
    pub fn rate(&mut self, score: u8, at: Timestamp) -> RatingOutcome {
        match &mut self.rating {
            None => {
                self.rating = Some(Rating {
                    score,
                    first_at: at,
                    at,
                });
                RatingOutcome::Recorded
            }
            Some(rating) if rating.score == score => RatingOutcome::Unchanged,
            Some(rating) if at.0 - rating.first_at.0 <= Rating::CHANGE_WINDOW_MS => {
                rating.score = score;
                rating.at = at;
                RatingOutcome::Changed
            }
            Some(_) => RatingOutcome::TooLate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;

    #[test]
    fn replies_past_the_limit_are_counted_not_kept() {
        let mut facts = TicketFacts::default();
        let maria = Member {
            id: UserId(9),
            name: "Maria".into(),
        };
        for n in 0..70 {
            facts.team_reply(Timestamp(n), Some(maria.clone()));
        }
        assert_eq!(facts.replies.len(), TicketFacts::MAX_REPLIES);
        assert_eq!(facts.reply_count(), 70);
        assert_eq!(facts.first_reply().unwrap().at, Timestamp(0));
    }

    #[test]
    fn a_rating_is_recorded_once_and_changes_only_within_a_day() {
        let mut facts = TicketFacts::default();
        assert_eq!(facts.rate(4, Timestamp(0)), RatingOutcome::Recorded);
        assert_eq!(facts.rate(4, Timestamp(10)), RatingOutcome::Unchanged);
        assert_eq!(facts.rate(2, Timestamp(1000)), RatingOutcome::Changed);
        assert_eq!(facts.rating.unwrap().score, 2);
        let late = Timestamp(Rating::CHANGE_WINDOW_MS + 1);
        assert_eq!(facts.rate(5, late), RatingOutcome::TooLate);
        assert_eq!(facts.rating.unwrap().score, 2);
    }
}
