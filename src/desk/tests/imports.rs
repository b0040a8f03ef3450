//! Imports: the preview kept until Apply, and Apply merging every row or none.

use std::collections::BTreeMap;

use super::*;
use crate::domain::{
    Admin, AdminReach, ButtonAction, ImportFile, ImportRow, PendingImport, TicketNumber,
};

const NEWCOMER: UserId = UserId(4242);
const COMMAND: MessageId = MessageId(800);

fn row(line: u32, customer: UserId, fields: &[(&str, &str)]) -> ImportRow {
    ImportRow {
        line,
        customer,
        name: Some("Newcomer".into()),
        username: None,
        language: None,
        tags: vec!["vip".into()],
        fields: fields
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect(),
    }
}

fn press(world: &mut World, apply: bool) -> Output {
    let action = match apply {
        true => ButtonAction::ImportApply(COMMAND),
        false => ButtonAction::ImportCancel(COMMAND),
    };
    world.handle(Event::ButtonPressed(ButtonPress {
        query: "q1".into(),
        from: MARIA,
        name: "Maria".into(),
        team: Some(true),
        message: Some((GROUP, MessageId(801))),
        thread: None,
        action: Some(action),
    }))
}

fn answer(output: &Output) -> (Option<Notice>, bool) {
    output
        .effects
        .iter()
        .find_map(|effect| match effect {
            Effect::AnswerButton { notice, alert, .. } => Some((notice.clone(), *alert)),
            _ => None,
        })
        .expect("the press is answered")
}

#[test]
fn a_row_that_no_longer_fits_at_apply_applies_nothing() {
    let mut world = World::new();
    world.alice_with_thread();
    world
        .state
        .save_admins(&[Admin {
            id: MARIA,
            name: "Maria".into(),
            reach: AdminReach::Unknown,
        }])
        .unwrap();
    let file = ImportFile {
        rows: vec![row(2, ALICE, &[("plan", "pro")]), row(3, NEWCOMER, &[])],
        problems: Vec::new(),
    };
    let output = world.handle(Event::ImportRead {
        thread: None,
        to: COMMAND,
        outcome: Ok(file),
    });
    let notice = output.effects.iter().find_map(|effect| match effect {
        Effect::SendButtons { notice, .. } => Some(notice.clone()),
        _ => None,
    });
    assert_eq!(
        notice,
        Some(Notice::Transfer(TransferNotice::ImportPreview {
            new: 1,
            updated: 1
        }))
    );
    assert!(world.state.pending_import(COMMAND).unwrap().is_some());

    // Meanwhile Alice got as many fields as a customer may have: her row no longer fits.
    let mut alice = world.customer();
    alice.fields = (0..crate::domain::MAX_FIELDS)
        .map(|n| (format!("f{n}"), "x".to_owned()))
        .collect::<BTreeMap<_, _>>();
    world.state.save_customer(&alice).unwrap();
    let (notice, alert) = answer(&press(&mut world, true));
    assert!(alert);
    assert!(
        matches!(
            notice,
            Some(Notice::Transfer(TransferNotice::ImportHasProblems { .. }))
        ),
        "{notice:?}"
    );
    assert_eq!(
        world.state.customer(NEWCOMER).unwrap(),
        None,
        "nothing applied"
    );

    // Cancel forgets it; a later Apply has nothing to apply.
    let (notice, _) = answer(&press(&mut world, false));
    assert_eq!(
        notice,
        Some(Notice::Transfer(TransferNotice::ImportCancelled))
    );
    assert_eq!(
        world.state.pending_import(COMMAND).unwrap(),
        None::<PendingImport>
    );
    let (notice, alert) = answer(&press(&mut world, true));
    assert_eq!((notice, alert), (Some(Notice::ButtonExpired), true));
    assert_eq!(world.customer().ticket, TicketNumber(1));
}
