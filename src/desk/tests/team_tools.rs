//! Tags, contact fields and assignment: what the commands change, what they refuse, and when
//! the assignee hears that their customer wrote.

use super::*;
use crate::domain::Member;

fn pings(output: &Output) -> Vec<UserId> {
    output
        .effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::NotifyAdmin {
                admin,
                notice: Notice::AssigneePing { .. },
            } => Some(*admin),
            _ => None,
        })
        .collect()
}

#[test]
fn a_refused_mark_changes_nothing_and_names_the_bad_tag() {
    let mut world = World::new();
    world.alice_with_thread();
    command(&mut world, 601, "/mark vip stage:lead");
    let refused = command(&mut world, 602, "/mark -vip ok a/b");
    assert_eq!(
        answers(&refused),
        vec![&Notice::ProfileRefused {
            command: CommandName::Mark,
            refusal: ProfileRefusal::InvalidTag("a/b".into()),
        }]
    );
    assert_eq!(refused.effects.len(), 1, "no card edit");
    assert_eq!(world.customer().tags, ["vip", "stage:lead"]);
    command(&mut world, 603, "/mark stage:paid -vip");
    assert_eq!(world.customer().tags, ["stage:paid"]);
}

#[test]
fn the_assignee_hears_at_most_once_per_ticket_per_interval_while_it_waits_for_the_team() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    let assigned = command(&mut world, 601, "/assign");
    assert_eq!(
        answers(&assigned),
        vec![&Notice::Assigned {
            name: "Maria".into()
        }]
    );
    let first = world.handle(Event::CustomerMessage(from_alice(3, text("hi"))));
    assert_eq!(pings(&first), [MARIA]);
    world.later(60_000);
    let second = world.handle(Event::CustomerMessage(from_alice(4, text("hello?"))));
    assert!(pings(&second).is_empty(), "pinged a minute ago");
    world.later(10 * 60_000);
    let later = world.handle(Event::CustomerMessage(from_alice(5, text("anyone?"))));
    assert_eq!(pings(&later), [MARIA]);
    // Reassigning starts over: the new assignee hears of the next message at once.
    world.handle(Event::TeamMessage {
        message: in_thread(602, root, text("/unassign")),
        role: maria(),
    });
    command(&mut world, 603, "/assign");
    let after = world.handle(Event::CustomerMessage(from_alice(6, text("still here"))));
    assert_eq!(pings(&after), [MARIA]);
}

#[test]
fn closing_keeps_the_assignee_and_the_next_ticket_starts_unassigned_unless_sticky() {
    for sticky in [false, true] {
        let mut world = World::new();
        world.desk = Desk::new(DeskSettings {
            sticky_assignee: sticky,
            ..settings()
        });
        world.alice_with_thread();
        command(&mut world, 601, "/assign");
        command(&mut world, 602, "/fim");
        let maria = Member {
            id: MARIA,
            name: "Maria".into(),
        };
        assert_eq!(world.ticket(1).assignee, Some(maria.clone()));
        world.handle(Event::CustomerMessage(from_alice(7, text("me again"))));
        let expected = sticky.then_some(maria);
        assert_eq!(world.ticket(2).assignee, expected, "sticky: {sticky}");
    }
}

#[test]
fn only_team_members_the_desk_has_seen_can_be_assigned_by_name_or_id() {
    let mut world = World::new();
    world.alice_with_thread();
    let unknown = command(&mut world, 601, "/assign @joao");
    assert_eq!(
        answers(&unknown),
        vec![&Notice::NotOnTeam {
            who: "@joao".into()
        }]
    );
    assert_eq!(world.ticket(1).assignee, None);
    let joao = UserId(2002);
    let note = IncomingMessage {
        author: Author::User {
            id: joao,
            first_name: "João".into(),
            last_name: None,
            username: Some("Joao".into()),
            language: None,
            is_bot: false,
        },
        ..message(GROUP, 602, alice(), text("// on it"))
    };
    world.handle(Event::TeamMessage {
        message: note,
        role: Role::TeamMember {
            id: joao,
            name: "João".into(),
        },
    });
    command(&mut world, 603, "/assign @joao");
    assert_eq!(world.ticket(1).assignee.map(|m| m.id), Some(joao));
    let usage = command(&mut world, 604, "/assign joao please");
    assert_eq!(
        answers(&usage),
        vec![&Notice::Usage {
            command: CommandName::Assign
        }]
    );
    // A membership change Telegram reports about João: not assignable until he writes again.
    world.handle(Event::AdminChanged {
        user: joao,
        name: "João".into(),
        admin: false,
    });
    let gone = command(&mut world, 605, "/assign 2002");
    assert_eq!(
        answers(&gone),
        vec![&Notice::NotOnTeam { who: "2002".into() }]
    );
    assert_eq!(world.ticket(1).assignee.map(|m| m.id), Some(joao));
}

#[test]
fn fields_are_set_and_unset_and_the_configured_ones_show_on_the_card() {
    let mut world = World::new();
    world.desk = Desk::new(DeskSettings {
        card_fields: vec!["email".into(), "plan".into()],
        ..settings()
    });
    world.alice_with_thread();
    let set = command(&mut world, 601, "/set email  a@b.c ");
    let card = set.effects.iter().find_map(|effect| match effect {
        Effect::EditCard { card, .. } => Some(card.fields.clone()),
        _ => None,
    });
    assert_eq!(card, Some(vec![("email".into(), "a@b.c".into())]));
    let bad = command(&mut world, 602, "/set Email x");
    assert_eq!(bad.effects.len(), 1);
    let missing = command(&mut world, 603, "/unset plan");
    assert_eq!(
        answers(&missing),
        vec![&Notice::FieldNotSet {
            name: "plan".into()
        }]
    );
    command(&mut world, 604, "/unset email");
    assert!(world.customer().fields.is_empty());
}
