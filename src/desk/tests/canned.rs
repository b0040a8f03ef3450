//! Canned replies: saved, listed, renamed, deleted and offered inline to the team only.

use super::*;

#[test]
fn canned_replies_are_saved_listed_renamed_deleted_and_offered_inline_to_the_team_only() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    let saved_text = Content::Text(FormattedText::plain("Atendemos das 9h às 18h."));
    let save = IncomingMessage {
        reply_to: Some(MessageId(650)),
        reply_content: Some(Box::new(saved_text)),
        ..in_thread(651, root, text("/resposta Horário"))
    };
    let output = world.handle(Event::TeamMessage {
        message: save,
        role: maria(),
    });
    assert_eq!(
        answers(&output),
        vec![&Notice::CannedSaved {
            title: "Horário".into(),
            replaced: false
        }]
    );

    // Replying to the card itself (the thread root) saves nothing.
    let on_root = IncomingMessage {
        reply_content: Some(Box::new(text("card"))),
        ..in_thread(652, root, text("/resposta x"))
    };
    let output = world.handle(Event::TeamMessage {
        message: on_root,
        role: maria(),
    });
    assert_eq!(
        answers(&output),
        vec![&Notice::Usage {
            command: CommandName::SaveCanned
        }]
    );

    let inline = world.handle(Event::InlineQuery {
        id: "q1".into(),
        from: MARIA,
        query: "horario".into(),
        team: true,
    });
    assert!(
        matches!(&inline.effects[..], [Effect::AnswerInline { results, .. }] if results.len() == 1)
    );
    let stranger = world.handle(Event::InlineQuery {
        id: "q2".into(),
        from: UserId(9),
        query: "horario".into(),
        team: false,
    });
    assert!(
        matches!(&stranger.effects[..], [Effect::AnswerInline { results, .. }] if results.is_empty())
    );

    let listed = command(&mut world, 653, "/respostas");
    assert!(
        matches!(answers(&listed)[..], [Notice::CannedList { entries }] if entries[0].0 == "Horário")
    );
    assert_eq!(
        answers(&command(
            &mut world,
            654,
            "/resposta_renomear horario = Horas"
        )),
        vec![&Notice::CannedRenamed {
            from: "Horário".into(),
            to: "Horas".into()
        }]
    );
    assert_eq!(
        answers(&command(&mut world, 655, "/resposta_apagar HORAS")),
        vec![&Notice::CannedDeleted {
            title: "Horas".into()
        }]
    );
    assert_eq!(
        answers(&command(&mut world, 656, "/resposta_apagar Horas")),
        vec![&Notice::CannedNotFound {
            title: "Horas".into()
        }]
    );
}
