//! The access rules the replay enforces on every event, whatever the state: an outsider's
//! message or edit in the team chat has no consequence but the answer that team commands are
//! not theirs, an outsider's inline query gets an empty answer, and a customer's message only
//! leads to effects about that customer.

use crate::desk::{Effect, Event, Notice, Output, Role};
use crate::domain::{Author, UserId};

/// What an event may lead to, whatever the state: the access rules the replay enforces.
pub(super) enum Access {
    /// Someone outside the team wrote or edited in the team chat: nothing at all happens.
    Outsider,
    /// Someone outside the team used inline mode: the answer is empty.
    OutsiderInline,
    /// A customer wrote: only effects about that customer (or about no customer) follow.
    Customer(UserId),
    /// Anything else.
    Any,
}

impl Access {
    pub(super) fn of(event: &Event) -> Access {
        match event {
            Event::TeamMessage {
                role: Role::Outsider,
                ..
            }
            | Event::TeamEdited {
                role: Role::Outsider,
                ..
            } => Access::Outsider,
            Event::InlineQuery { team: false, .. } => Access::OutsiderInline,
            Event::CustomerMessage(message) | Event::CustomerEdited(message) => {
                match &message.author {
                    Author::User { id, .. } => Access::Customer(*id),
                    _ => Access::Any,
                }
            }
            _ => Access::Any,
        }
    }

    pub(super) fn check(&self, output: &Output) {
        match self {
            // The one thing an outsider gets is the answer that team commands are not theirs.
            Access::Outsider => assert!(
                output.timers.is_empty()
                    && output.effects.iter().all(|effect| matches!(
                        effect,
                        Effect::AnswerTeam {
                            notice: Notice::CommandForTeamOnly { .. },
                            ..
                        }
                    )),
                "an outsider's message had consequences: {output:?}"
            ),
            Access::OutsiderInline => assert!(
                output.effects.iter().all(|effect| matches!(
                    effect,
                    Effect::AnswerInline { results, .. } if results.is_empty()
                )),
                "an outsider saw canned replies: {output:?}"
            ),
            Access::Customer(customer) => {
                for effect in &output.effects {
                    assert!(
                        effect.customer().is_none_or(|about| about == *customer),
                        "a customer's message led to an effect about someone else: {effect:?}"
                    );
                }
            }
            Access::Any => {}
        }
    }
}
