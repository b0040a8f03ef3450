//! Writes from the HTTP API (answered, audited, refused without changing anything) and the
//! events the desk records for outgoing webhooks.

use super::*;

fn api(world: &mut World, id: u64, action: ApiAction) -> Output {
    world.handle(Event::Api(ApiRequest {
        id,
        token: "shop".into(),
        customer: ALICE,
        action,
    }))
}

/// The answer and the audit line of an API write's output.
fn answer_and_outcome(output: &Output) -> (ApiAnswer, String) {
    let answer = output.integrations.iter().find_map(|record| match record {
        Integration::Answer { answer, .. } => Some(answer.clone()),
        _ => None,
    });
    let outcome = output.integrations.iter().find_map(|record| match record {
        Integration::Audit(entry) => Some(entry.outcome.clone()),
        _ => None,
    });
    (answer.expect("an answer"), outcome.expect("an audit line"))
}

fn webhooks(output: &Output) -> Vec<WebhookKind> {
    output
        .integrations
        .iter()
        .filter_map(|record| match record {
            Integration::Webhook(event) => Some(event.kind),
            _ => None,
        })
        .collect()
}

#[test]
fn an_api_close_closes_as_the_command_does_and_a_second_one_changes_nothing() {
    let mut world = World::new();
    world.alice_with_thread();
    let note = Some("refunded".to_owned());
    let output = api(&mut world, 7, ApiAction::Close { note: note.clone() });
    assert_eq!(
        answer_and_outcome(&output),
        (
            ApiAnswer::Done {
                ticket: Some(TicketNumber(1))
            },
            "ok".into()
        )
    );
    assert_eq!(webhooks(&output), [WebhookKind::TicketClosed]);
    assert!(output.effects.iter().any(|effect| matches!(
        effect,
        Effect::NoteInThread {
            notice: Notice::TicketClosed { by: Some(by), note: Some(n), .. },
            ..
        } if by == "API: shop" && n == "refunded"
    )));
    assert!(output.effects.iter().any(|effect| matches!(
        effect,
        Effect::TellCustomer {
            notice: Notice::Goodbye,
            ..
        }
    )));
    let closed = world.ticket(1);

    let again = api(&mut world, 8, ApiAction::Close { note });
    assert_eq!(
        answer_and_outcome(&again),
        (
            ApiAnswer::Refused(ApiRefusal::TicketAlreadyClosed),
            "ticket_already_closed".into()
        )
    );
    assert!(again.effects.is_empty() && webhooks(&again).is_empty());
    assert_eq!(world.ticket(1), closed);
}

#[test]
fn an_api_message_goes_to_the_customer_and_into_the_thread_unless_they_blocked_the_bot() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    let text = "Your parcel left today.".to_owned();
    let output = api(&mut world, 9, ApiAction::SendMessage { text: text.clone() });
    assert_eq!(answer_and_outcome(&output).0, ApiAnswer::Queued);
    assert!(output.effects.contains(&Effect::ApiMessage {
        customer: ALICE,
        delivery: 9,
        text: text.clone()
    }));
    assert!(output.effects.contains(&Effect::NoteInThread {
        customer: ALICE,
        root,
        notice: Notice::SentViaApi {
            token: "shop".into(),
            text: FormattedText::plain(&text)
        },
        reply_to: None
    }));
    assert_eq!(webhooks(&output), [WebhookKind::TeamMessage]);
    assert_eq!(world.ticket(1).stage(), TicketStage::WaitingForCustomer);

    let mut customer = world.customer();
    customer.reachability = Reachability::BlockedBot;
    world.state.save_customer(&customer).unwrap();
    let refused = api(&mut world, 10, ApiAction::SendMessage { text });
    assert_eq!(
        answer_and_outcome(&refused).0,
        ApiAnswer::Refused(ApiRefusal::CustomerBlocked)
    );
    assert!(refused.effects.is_empty());
}

#[test]
fn an_api_file_goes_to_the_customer_and_its_name_and_caption_into_the_thread() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    let file = ApiFile::Url("https://shop.example.com/invoices/42.pdf?v=2".into());
    let action = ApiAction::SendFile {
        caption: "Your invoice".into(),
        file: file.clone(),
    };
    let output = api(&mut world, 12, action);
    assert_eq!(answer_and_outcome(&output).0, ApiAnswer::Queued);
    assert!(output.effects.contains(&Effect::ApiFile {
        customer: ALICE,
        delivery: 12,
        file,
        caption: "Your invoice".into(),
    }));
    assert!(output.effects.contains(&Effect::NoteInThread {
        customer: ALICE,
        root,
        notice: Notice::SentViaApi {
            token: "shop".into(),
            text: FormattedText::plain("📎 42.pdf\nYour invoice")
        },
        reply_to: None
    }));
    assert_eq!(webhooks(&output), [WebhookKind::TeamMessage]);
    let upload = ApiFile::Upload {
        name: "scan.png".into(),
        size: 10,
    };
    assert_eq!(upload.name(), "scan.png");
}

#[test]
fn writes_about_an_unknown_customer_are_refused_and_audited() {
    let mut world = World::new();
    let output = api(&mut world, 11, ApiAction::Reopen);
    assert_eq!(
        answer_and_outcome(&output),
        (
            ApiAnswer::Refused(ApiRefusal::UnknownCustomer),
            "unknown_customer".into()
        )
    );
    assert!(output.effects.is_empty());
}

#[test]
fn a_first_message_opens_a_ticket_and_is_recorded_for_webhooks_in_order() {
    let mut world = World::new();
    let output = world.handle(Event::CustomerMessage(from_alice(1, text("hi"))));
    assert_eq!(
        webhooks(&output),
        [WebhookKind::TicketOpened, WebhookKind::CustomerMessage]
    );
}
