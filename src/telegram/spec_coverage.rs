//! Every type and enum value of the Bot API reference the bot is built against
//! (`crates/telegram-sim/spec/telegram-bot-api-10.1.json`) survives translation, whether
//! teloxide knows it or not: each message entity type, each `Message` field (as the only
//! content, and next to a text), each chat member status, reaction type and message origin, and
//! values added after 10.1.
//!
//! The cases are generated from the reference: a sample of any type fills its required fields
//! (abstract types take each of their alternatives in turn), and each sample is checked against
//! the reference itself before it is used, so the test feeds the bot only what Telegram could
//! send.

use serde_json::{Map, Value, json};
use teloxide::types as tg;

use super::convert::entities_json;
use super::translator::{Author, Classified, classify};
use super::wire;
use crate::desk::Event;
use crate::domain::Workspace;
use crate::domain::{ChatId, Content, IncomingMessage, MessageId, UncopyableKind, UserId};
use telegram_sim::spec::{Spec, TypeDef, TypeRef};

const CHANNEL: ChatId = ChatId(-1_001_000_000_001);
const GROUP: ChatId = ChatId(-1_001_000_000_002);
const CUSTOMER: i64 = 5_001;
const TEAM_MEMBER: i64 = 5_002;

fn chats() -> Workspace {
    Workspace::Channel {
        channel: CHANNEL,
        group: GROUP,
    }
}

fn spec() -> &'static Spec {
    Spec::get()
}

fn type_def(name: &str) -> &'static TypeDef {
    spec()
        .type_def(name)
        .unwrap_or_else(|| panic!("the reference defines {name}"))
}

fn fields(name: &str) -> &'static [telegram_sim::spec::Field] {
    type_def(name).fields.as_deref().unwrap_or_default()
}

/// A value of `ty`; abstract types take their alternative number `variant` (modulo their
/// count), at every depth.
fn sample(ty: &TypeRef, variant: usize, depth: usize) -> Value {
    match ty {
        TypeRef::Integer => json!(1),
        TypeRef::Float => json!(1.5),
        TypeRef::String | TypeRef::InputFile => json!("x"),
        TypeRef::Boolean => json!(true),
        // Deep down, empty lists end recursive structures (lists of blocks of lists ...).
        TypeRef::Array(_) if depth > 8 => json!([]),
        TypeRef::Array(inner) => json!([sample(inner, variant, depth + 1)]),
        TypeRef::Named(name) => sample_named(name, variant, depth),
    }
}

fn sample_named(name: &str, variant: usize, depth: usize) -> Value {
    let Some(def) = spec().type_def(name) else {
        return match name {
            "String" => json!("x"),
            other if other.starts_with("Array of ") => json!([]),
            _ => json!({}),
        };
    };
    if !def.subtypes.is_empty() {
        // Deep down, prefer a plain alternative (`RichText` may be a String) to end recursion.
        let plain = def
            .subtypes
            .iter()
            .find(|sub| spec().type_def(sub).is_none());
        let chosen = match plain {
            Some(plain) if depth > 5 => plain,
            // The first alternative is the simplest one in the reference's order.
            _ if depth > 8 => &def.subtypes[0],
            _ => &def.subtypes[variant % def.subtypes.len()],
        };
        assert!(depth < 40, "{name} nests without end");
        return sample_named(chosen, variant, depth + 1);
    }
    let mut object = Map::new();
    for field in def.fields.iter().flatten().filter(|field| field.required) {
        let value = match &def.tag {
            Some((tag, value)) if *tag == field.name => json!(value),
            _ => sample(
                &field.types[variant % field.types.len()],
                variant,
                depth + 1,
            ),
        };
        object.insert(field.name.clone(), value);
    }
    Value::Object(object)
}

/// A sample of each alternative of an abstract type.
fn alternatives(name: &str) -> Vec<Value> {
    type_def(name)
        .subtypes
        .iter()
        .map(|subtype| sample_named(subtype, 0, 1))
        .collect()
}

/// How many alternatives it takes for every abstract type to be taken in full.
fn variants() -> usize {
    spec()
        .types()
        .map(|def| def.subtypes.len())
        .max()
        .unwrap_or(1)
}

fn private_chat() -> Value {
    json!({"id": CUSTOMER, "type": "private", "first_name": "Alice"})
}

fn customer() -> Value {
    json!({"id": CUSTOMER, "is_bot": false, "first_name": "Alice"})
}

fn base_message(chat: Value, from: Value) -> Map<String, Value> {
    let mut message = Map::new();
    message.insert("message_id".into(), json!(42));
    message.insert("date".into(), json!(1_781_258_400));
    message.insert("chat".into(), chat);
    message.insert("from".into(), from);
    message
}

fn group_message() -> Map<String, Value> {
    base_message(
        json!({"id": GROUP.0, "type": "supergroup", "title": "Support chat"}),
        json!({"id": TEAM_MEMBER, "is_bot": false, "first_name": "Maria"}),
    )
}

/// Marks the cases that go beyond the reference (values of a later Bot API version).
const LATER: &str = "_from_a_later_version";

/// Checks a message against the reference (unless the case is about a later version), then
/// classifies it as an update of `kind`.
fn translate(kind: &str, message: Map<String, Value>, case: &str) -> Classified {
    let message = Value::Object(message);
    if !case.contains(LATER) {
        if let Err(error) = spec().check_value("Message", &message) {
            panic!("{case}: the generated message is not valid Bot API: {error}\n{message}");
        }
    }
    let update = json!({"update_id": 1, kind: message});
    classify(update.to_string().as_bytes(), &chats())
}

fn customer_message(classified: Classified, case: &str) -> IncomingMessage {
    match classified {
        Classified::Ready(Event::CustomerMessage(message) | Event::CustomerEdited(message)) => {
            message
        }
        other => panic!("{case}: the customer's message is lost: {other:?}"),
    }
}

fn team_message(classified: Classified, case: &str) -> IncomingMessage {
    match classified {
        Classified::TeamChat {
            message,
            author: Author::Person { .. },
            ..
        } => message,
        other => panic!("{case}: the team member's message is lost: {other:?}"),
    }
}

/// Entity types as the reference lists them (`"mention"`, …, `"date_time"`), and one from a
/// later version.
fn entity_types() -> Vec<String> {
    let description = &fields("MessageEntity")
        .iter()
        .find(|field| field.name == "type")
        .expect("MessageEntity.type")
        .description;
    let mut types: Vec<String> = description
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|word| word.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect();
    assert!(types.len() >= 20, "the entity types are listed: {types:?}");
    types.push("type_from_a_later_version".into());
    types
}

/// An entity of `kind` over `offset..offset + 5`, with the fields the reference reserves for it.
fn entity(kind: &str, offset: u32) -> Value {
    let mut object = json!({"type": kind, "offset": offset, "length": 5});
    for field in fields("MessageEntity") {
        if field.description.contains(&format!("For \"{kind}\" only")) {
            object[&field.name] = sample(&field.types[0], 0, 1);
        }
    }
    if kind == "type_from_a_later_version" {
        object["detail"] = json!({"nested": [1, 2]});
    }
    object
}

/// An entity as the bot would send it back compares equal to what Telegram sent (a mentioned
/// user is sent back by id).
fn assert_entity_kept(message: &IncomingMessage, expected: &Value, case: &str) {
    let text = message
        .content
        .text()
        .unwrap_or_else(|| panic!("{case}: the text is lost"));
    let sent_back = entities_json(&text.entities);
    let mut expected = expected.clone();
    if let Some(user) = expected.get_mut("user") {
        *user = json!({"id": user["id"], "is_bot": false, "first_name": ""});
    }
    assert_eq!(sent_back, json!([expected]), "{case}");
}

#[test]
fn every_entity_type_survives_in_texts_captions_edits_replies_and_team_messages() {
    let mut unknown_to_teloxide = Vec::new();
    for kind in entity_types() {
        let entity = entity(&kind, 6);
        if serde_json::from_value::<tg::MessageEntity>(entity.clone()).is_err() {
            unknown_to_teloxide.push(kind.clone());
        }
        let case = format!("entity {kind}");
        let with_text = |mut message: Map<String, Value>| {
            message.insert("text".into(), json!("hello world"));
            message.insert("entities".into(), json!([entity.clone()]));
            message
        };
        let private = || base_message(private_chat(), customer());

        let message = customer_message(translate("message", with_text(private()), &case), &case);
        assert_eq!(message.text(), "hello world", "{case}");
        assert_eq!(message.id, MessageId(42), "{case}");
        assert_entity_kept(&message, &entity, &case);

        let edited = customer_message(
            translate("edited_message", with_text(private()), &case),
            &case,
        );
        assert_entity_kept(&edited, &entity, &case);

        let team = team_message(
            translate("message", with_text(group_message()), &case),
            &case,
        );
        assert_entity_kept(&team, &entity, &case);

        let mut photo = private();
        photo.insert(
            "photo".into(),
            json!([{"file_id": "p", "file_unique_id": "u", "width": 1, "height": 1}]),
        );
        photo.insert("caption".into(), json!("hello world"));
        photo.insert("caption_entities".into(), json!([entity.clone()]));
        let photo = customer_message(translate("message", photo, &case), &case);
        assert!(
            matches!(&photo.content, Content::Media(item) if item.file_id == "p"),
            "{case}"
        );
        assert_entity_kept(&photo, &entity, &case);

        let mut reply = private();
        reply.insert("text".into(), json!("and?"));
        reply.insert(
            "reply_to_message".into(),
            Value::Object(with_text(private())),
        );
        let reply = customer_message(translate("message", reply, &case), &case);
        assert_eq!(reply.reply_to, Some(MessageId(42)), "{case}");
        let quoted = reply.reply_content.expect("the replied-to content");
        assert_eq!(
            entities_json(&quoted.text().expect("its text").entities)[0]["type"],
            json!(kind),
            "{case}"
        );
    }
    assert!(
        !unknown_to_teloxide.is_empty(),
        "the table covers types teloxide lacks"
    );
}

/// `Message` fields that are service messages although the reference does not call them so.
const SERVICE_BY_NATURE: &[&str] = &[
    "new_chat_members",
    "left_chat_member",
    "new_chat_title",
    "new_chat_photo",
    "migrate_to_chat_id",
    "migrate_from_chat_id",
    "pinned_message",
    "connected_website",
    "passport_data",
];

/// What `copyMessage` refuses besides service messages ("paid media messages, giveaway
/// messages, giveaway winners messages, and invoice messages can't be copied"), and games,
/// which only the bot that owns them can send.
const NOT_COPIED: &[&str] = &[
    "paid_media",
    "giveaway",
    "giveaway_winners",
    "invoice",
    "game",
];

/// Fields every sample already has, or that change who the sender is.
const HEADER: &[&str] = &["message_id", "date", "chat", "from", "text", "entities"];

#[test]
fn every_message_field_leaves_a_text_intact_and_alone_is_relayed_or_described() {
    let mut fields_seen = 0;
    for field in fields("Message") {
        if HEADER.contains(&field.name.as_str()) {
            continue;
        }
        fields_seen += 1;
        let is_service = field
            .description
            .to_ascii_lowercase()
            .contains("service message")
            || SERVICE_BY_NATURE.contains(&field.name.as_str());
        for variant in 0..variants() {
            let case = format!("field {} (variant {variant})", field.name);
            let value = sample(&field.types[variant % field.types.len()], variant, 1);

            // Next to a text, from a customer and from a team member: the text is read.
            for (kind, mut message) in [
                ("customer", base_message(private_chat(), customer())),
                ("team", group_message()),
            ] {
                message.insert("text".into(), json!("hello world"));
                message.insert(
                    "entities".into(),
                    json!([{"type": "bold", "offset": 0, "length": 5}]),
                );
                message.insert(field.name.clone(), value.clone());
                let classified = translate("message", message, &case);
                let read = match kind {
                    "customer" => customer_message(classified, &case),
                    _ if field.name == "forward_origin" || field.name == "sender_chat" => {
                        // A forward or a message on behalf of a chat: read, author aside.
                        match classified {
                            Classified::TeamChat { message, .. } => message,
                            other => panic!("{case}: lost: {other:?}"),
                        }
                    }
                    _ => team_message(classified, &case),
                };
                assert_eq!(read.text(), "hello world", "{case} ({kind})");
                assert_eq!(
                    read.content.text().map(|text| text.entities.len()),
                    Some(1),
                    "{case} ({kind})"
                );
            }

            // On its own: relayed by copy, or described when Telegram will not copy it.
            let mut alone = base_message(private_chat(), customer());
            alone.insert(field.name.clone(), value);
            let message = customer_message(translate("message", alone, &case), &case);
            let described = matches!(message.content, Content::Uncopyable(_));
            let quiz = matches!(
                message.content,
                Content::Uncopyable(UncopyableKind::QuizPoll)
            );
            if is_service {
                assert_eq!(
                    message.content,
                    Content::Uncopyable(UncopyableKind::Service),
                    "{case}"
                );
            } else if NOT_COPIED.contains(&field.name.as_str()) {
                assert!(described, "{case}: {:?}", message.content);
            } else {
                assert!(
                    !described || quiz,
                    "{case}: relayed by copy, not described: {:?}",
                    message.content
                );
            }
        }
    }
    assert!(fields_seen > 100, "the Message fields are all listed");
}

#[test]
fn a_message_of_a_later_kind_with_later_fields_is_relayed_by_copy() {
    let mut message = base_message(private_chat(), customer());
    message.insert("hologram".into(), json!({"frames": [{"type": "new"}]}));
    message.insert("caption".into(), json!("look"));
    message.insert("sender_mood".into(), json!("happy"));
    let update = json!({"update_id": 1, "message": message});
    let message = customer_message(classify(update.to_string().as_bytes(), &chats()), "later");
    assert!(
        matches!(&message.content, Content::Other { caption } if caption.text == "look"),
        "{:?}",
        message.content
    );
    let mut edit = base_message(private_chat(), customer());
    edit.insert("text".into(), json!("at 10:00"));
    edit.insert(
        "entities".into(),
        json!([{"type": "date_time", "offset": 3, "length": 5, "unix_time": 1, "date_time_format": "t"}]),
    );
    let update = json!({"update_id": 2, "edited_message": edit});
    assert!(matches!(
        classify(update.to_string().as_bytes(), &chats()),
        Classified::Ready(Event::CustomerEdited(_))
    ));
}

/// What each membership status means for the team, and for reaching a customer.
fn expected_status(status: &str) -> Option<(bool, bool)> {
    Some(match status {
        "creator" | "administrator" | "member" => (true, true),
        // The sample's `is_member` is true.
        "restricted" => (false, true),
        "left" | "kicked" => (false, false),
        _ => return None,
    })
}

#[test]
fn every_chat_member_status_is_understood_and_a_later_one_is_harmless() {
    let mut members = alternatives("ChatMember");
    assert!(members.len() >= 6, "the statuses are listed");
    members.push(
        json!({"status": "probation", "user": {"id": 7, "is_bot": false, "first_name": "P"}}),
    );
    for mut member in members {
        member["user"] = json!({"id": 7, "is_bot": false, "first_name": "P"});
        let status = member["status"].as_str().unwrap_or_default().to_owned();
        let case = format!("status {status}");
        let parsed: wire::ChatMember = serde_json::from_value(member.clone())
            .unwrap_or_else(|error| panic!("{case}: {error}"));
        let change = |chat: Value| json!({"chat": chat, "from": customer(), "date": 1, "old_chat_member": member.clone(), "new_chat_member": member.clone()});

        let update = json!({"update_id": 1, "chat_member": change(json!({"id": CHANNEL.0, "type": "channel", "title": "Support"}))});
        let membership = classify(update.to_string().as_bytes(), &chats());
        let reach = json!({"update_id": 2, "my_chat_member": change(private_chat())});
        let reachability = classify(reach.to_string().as_bytes(), &chats());
        match expected_status(&status) {
            Some((team, present)) => {
                assert_eq!(
                    membership,
                    Classified::Membership {
                        user: UserId(7),
                        name: "P".into(),
                        is_team: team,
                        admin: matches!(status.as_str(), "creator" | "administrator"),
                    },
                    "{case}"
                );
                assert_eq!(
                    reachability,
                    Classified::Ready(Event::CustomerReachability {
                        customer: UserId(CUSTOMER),
                        reachable: present
                    }),
                    "{case}"
                );
                assert_eq!(parsed.counts_as_team(), Some(team), "{case}");
            }
            None => {
                assert!(
                    spec()
                        .type_def("ChatMember")
                        .is_some_and(|def| def.subtypes.iter().all(|sub| type_def(sub)
                            .tag
                            .as_ref()
                            .is_none_or(|(_, tag)| *tag != status))),
                    "{case}: a status of the reference the bot does not understand"
                );
                // Unknown: outside the team (never leaks), a customer left as they were.
                assert_eq!(
                    membership,
                    Classified::Membership {
                        user: UserId(7),
                        name: "P".into(),
                        is_team: false,
                        admin: false,
                    },
                    "{case}"
                );
                assert_eq!(reachability, Classified::Ignored, "{case}");
            }
        }
    }
}

#[test]
fn every_reaction_type_and_a_later_one_leave_get_chat_readable() {
    let mut reactions = alternatives("ReactionType");
    assert!(reactions.len() >= 3, "the reaction types are listed");
    reactions.push(json!({"type": "reaction_from_a_later_version", "sticker": "x"}));
    let info = |reactions: Value| {
        let mut info = sample_named("ChatFullInfo", 0, 1);
        info["type"] = json!("channel");
        info["title"] = json!("Support");
        info["linked_chat_id"] = json!(GROUP.0);
        info["available_reactions"] = reactions;
        info
    };
    for reaction in &reactions {
        let parsed: wire::ChatInfo = serde_json::from_value(info(json!([reaction])))
            .unwrap_or_else(|error| panic!("reaction {reaction}: {error}"));
        assert_eq!(parsed.linked_chat_id, Some(GROUP.0), "reaction {reaction}");
    }
    // Why the bot reads `getChat` itself: teloxide refuses the whole answer.
    let teloxide = |reactions: Value| serde_json::from_value::<tg::ChatFullInfo>(info(reactions));
    if teloxide(json!([])).is_ok() {
        assert!(teloxide(json!([reactions.last()])).is_err());
    }
}

#[test]
fn every_message_origin_keeps_a_team_comment_and_only_the_card_forward_is_a_card() {
    let mut origins = alternatives("MessageOrigin");
    assert!(origins.len() >= 4, "the origins are listed");
    origins.push(json!({"type": "origin_from_a_later_version", "date": 1}));
    for origin in origins {
        let case = format!("origin {origin}");
        let mut message = group_message();
        message.insert("text".into(), json!("forwarded"));
        message.insert("forward_origin".into(), origin.clone());
        let read = team_message(translate("message", message.clone(), &case), &case);
        assert_eq!(read.text(), "forwarded", "{case}");

        if origin["type"] == "channel" {
            let mut card = message;
            card.insert("is_automatic_forward".into(), json!(true));
            card.insert(
                "sender_chat".into(),
                json!({"id": CHANNEL.0, "type": "channel", "title": "Support"}),
            );
            let mut origin = origin.clone();
            origin["chat"] = json!({"id": CHANNEL.0, "type": "channel", "title": "Support"});
            origin["message_id"] = json!(9);
            card.insert("forward_origin".into(), origin);
            assert_eq!(
                translate("message", card, &case),
                Classified::Ready(Event::CardForwarded {
                    post: MessageId(9),
                    root: MessageId(42)
                }),
                "{case}"
            );
        }
    }
}

#[test]
fn every_update_kind_is_handled_or_ignored_without_harm() {
    for field in fields("Update") {
        if field.name == "update_id" {
            continue;
        }
        for variant in 0..4 {
            let update = json!({"update_id": 1, &field.name: sample(&field.types[0], variant, 1)});
            // Samples are not addressed to the team's chats: nothing may come of them, and
            // nothing may fail.
            let classified = classify(update.to_string().as_bytes(), &chats());
            assert!(
                !matches!(classified, Classified::TeamChat { .. }),
                "{}: {classified:?}",
                field.name
            );
        }
    }
}
