//! Ticket stages derived from the conversation, and who may use which command.

use super::*;
use crate::desk::Permission;
use crate::domain::{Priority, TicketStage};

fn card_stages(output: &Output) -> Vec<TicketStage> {
    output
        .effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::EditCard { card, .. } => Some(card.stage),
            _ => None,
        })
        .collect()
}

#[test]
fn a_ticket_is_new_until_the_team_replies_then_waits_for_whoever_spoke_last() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    let opened = world.ticket(1);
    assert_eq!(opened.stage(), TicketStage::New);
    world.later(60_000);
    let more = world.handle(Event::CustomerMessage(from_alice(3, text("anyone?"))));
    assert!(card_stages(&more).is_empty(), "still new: the card stays");
    assert_eq!(world.ticket(1).waiting_since, opened.waiting_since);

    world.later(60_000);
    let reply = world.handle(Event::TeamMessage {
        message: in_thread(601, root, text("hello")),
        role: maria(),
    });
    assert_eq!(card_stages(&reply), [TicketStage::WaitingForCustomer]);
    let replied_at = world.now;
    assert_eq!(world.ticket(1).team_replied_at, Some(replied_at));
    let again = world.handle(Event::TeamMessage {
        message: in_thread(602, root, text("are you there?")),
        role: maria(),
    });
    assert!(card_stages(&again).is_empty());

    world.later(60_000);
    let back = world.handle(Event::CustomerMessage(from_alice(4, text("yes"))));
    assert_eq!(card_stages(&back), [TicketStage::WaitingForUs]);
    let ticket = world.ticket(1);
    assert_eq!(ticket.waiting_since, world.now);
    assert_eq!(ticket.team_replied_at, Some(replied_at));

    let closed = command(&mut world, 603, "/close solved");
    assert_eq!(card_stages(&closed), [TicketStage::Closed]);
    assert_eq!(world.ticket(1).stage(), TicketStage::Closed);
}

fn admins_only(command: CommandName) -> DeskSettings {
    DeskSettings {
        permissions: [(command, Permission::Admins)].into_iter().collect(),
        ..settings()
    }
}

#[test]
fn a_command_set_to_admins_is_refused_to_other_members_and_changes_nothing() {
    let mut world = World::new();
    world.desk = Desk::new(admins_only(CommandName::Priority));
    world.alice_with_thread();
    let refused = command(&mut world, 601, "/p 3");
    assert_eq!(
        answers(&refused),
        vec![&Notice::CommandNeedsRole {
            command: CommandName::Priority,
            needs: Permission::Admins
        }]
    );
    assert_eq!(refused.effects.len(), 1);
    assert_eq!(world.ticket(1).priority, Priority::NORMAL);

    // Once Maria is an administrator of the team's chat, the same command works.
    world.handle(Event::AdminChanged {
        user: MARIA,
        name: "Maria".into(),
        admin: true,
    });
    let done = command(&mut world, 602, "/p 3");
    assert_eq!(
        answers(&done),
        vec![&Notice::PrioritySet {
            priority: Priority(3)
        }]
    );
    assert_eq!(world.ticket(1).priority, Priority(3));
}

#[test]
fn outsiders_are_told_team_commands_are_not_theirs_and_nothing_changes() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    for (id, typed, name) in [
        (601, "/p 3", CommandName::Priority),
        (602, "/close", CommandName::Close),
        (603, "/ban spam", CommandName::Ban),
    ] {
        let output = world.handle(Event::TeamMessage {
            message: in_thread(id, root, text(typed)),
            role: Role::Outsider,
        });
        assert_eq!(
            answers(&output),
            vec![&Notice::CommandForTeamOnly { command: name }]
        );
        assert_eq!(output.effects.len(), 1, "{typed}");
        assert!(output.timers.is_empty());
    }
    let ticket = world.ticket(1);
    assert!(ticket.is_open() && ticket.priority == Priority::NORMAL);
    assert!(world.customer().ban.is_none());
    // A command the desk does not know may be another bot's: no answer.
    let other = world.handle(Event::TeamMessage {
        message: in_thread(604, root, text("/weather")),
        role: Role::Outsider,
    });
    assert!(other.effects.is_empty());
}
