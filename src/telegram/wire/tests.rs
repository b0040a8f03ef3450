//! Reading updates and answers: unknown fields kept, fields of an unexpected shape read as absent.

use super::*;

#[test]
fn a_message_keeps_the_fields_it_does_not_read_by_name() {
    let update = br#"{"update_id": 7, "message": {"message_id": 3, "date": 1, "chat": {"id": 5, "type": "private"}, "rich_message": {"blocks": []}, "text": "hi", "entities": [{"type": "date_time", "offset": 0, "length": 2, "unix_time": 9}]}}"#;
    let update = Update::parse(update).unwrap();
    assert_eq!(update.update_id, Some(7));
    let UpdateKind::Message(message) = update.kind else {
        panic!("a message")
    };
    assert_eq!(message.text.as_deref(), Some("hi"));
    assert_eq!(message.entities.len(), 1);
    assert!(message.field("rich_message").is_some());
    assert!(message.chat.is_private());
}

#[test]
fn fields_of_an_unexpected_shape_are_read_as_absent() {
    let update = br#"{"update_id": 1, "message": {"message_id": 3, "date": 1, "chat": {"id": 5, "type": 12}, "from": "someone", "entities": {"not": "a list"}, "reply_to_message": 4, "is_automatic_forward": "yes", "forward_origin": {"type": "a_new_origin"}}}"#;
    let UpdateKind::Message(message) = Update::parse(update).unwrap().kind else {
        panic!("a message")
    };
    assert!(message.from.is_none());
    assert!(message.entities.is_empty());
    assert!(message.reply_to_message.is_none());
    assert!(!message.is_automatic_forward);
    assert_eq!(message.forward_origin.unwrap().kind, "a_new_origin");
    assert_eq!(message.chat.kind, "");
}

#[test]
fn unknown_kinds_are_named_and_malformed_known_ones_are_errors() {
    let other = Update::parse(br#"{"update_id": 1, "guest_query": {"x": 1}}"#).unwrap();
    assert!(matches!(other.kind, UpdateKind::Other(name) if name == "guest_query"));
    assert!(Update::parse(br#"{"update_id": 1, "message": {"text": "no id"}}"#).is_err());
    assert!(Update::parse(b"[1]").is_err());
}

#[test]
fn member_statuses_are_read_with_their_rights() {
    let member = |json: &str| serde_json::from_str::<ChatMember>(json).unwrap();
    let admin = member(
        r#"{"status": "administrator", "user": {"id": 1, "is_bot": true, "first_name": "b"}, "can_post_messages": true, "can_edit_messages": false}"#,
    );
    assert!(admin.is_administrator());
    assert!(admin.may("can_post_messages"));
    assert!(!admin.may("can_edit_messages"));
    assert!(!admin.may("can_manage_topics"));
    let owner = member(r#"{"status": "creator", "user": {"id": 1}}"#);
    assert!(owner.may("can_manage_topics"));
    let restricted = member(r#"{"status": "restricted", "user": {"id": 1}, "is_member": true}"#);
    assert_eq!(restricted.is_present(), Some(true));
    assert_eq!(restricted.counts_as_team(), Some(false));
    let future = member(r#"{"status": "probation", "user": {"id": 1}}"#);
    assert_eq!(future.status(), MemberStatus::Unknown);
    assert_eq!(future.counts_as_team(), None);
    assert_eq!(future.is_present(), None);
}

#[test]
fn a_bots_own_topic_service_message_is_told_from_a_persons() {
    let json = |from_bot: bool| {
        serde_json::json!({
            "message_id": 7, "date": 0, "message_thread_id": 5,
            "chat": {"id": -100, "type": "supergroup", "is_forum": true},
            "from": {"id": 1, "is_bot": from_bot, "first_name": "x"},
            "forum_topic_edited": {"name": "🟢 Alice"}
        })
    };
    let message = |from_bot: bool| -> Message { serde_json::from_value(json(from_bot)).unwrap() };
    assert!(message(true).is_bots_topic_service());
    assert!(!message(false).is_bots_topic_service());
    let update = |from_bot: bool| serde_json::json!({"update_id": 1, "message": json(from_bot)});
    assert!(is_bots_topic_service_update(&update(true)));
    assert!(!is_bots_topic_service_update(&update(false)));
    let edited = serde_json::json!({"update_id": 1, "edited_message": json(true)});
    assert!(!is_bots_topic_service_update(&edited));
}
