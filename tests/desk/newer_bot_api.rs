//! What Telegram added after the bot's library was written never costs a message: Bot API
//! 10.1's `date_time` entity in texts, captions, replies, edits and first messages, and a kind
//! of message the library has never heard of, are relayed both ways with everything they hold.

use serde_json::{Value, json};
use telegram_sim::{Content, Entity, Entry, MessageId, Transcript};

use crate::support::Harness;

/// 2026-06-12 10:00 UTC.
const TEN_O_CLOCK: i64 = 1_781_258_400;

/// `text` with a `date_time` entity over `moment` (which must occur in it).
fn with_date_time(text: &str, moment: &str) -> Content {
    let start = text.find(moment).expect("the moment is in the text");
    let offset = text[..start].encode_utf16().count();
    let length = moment.encode_utf16().count();
    Content::text(text).entities(vec![Entity::date_time(offset, length, TEN_O_CLOCK, "wDT")])
}

/// Whether a chat shows `text` with its `date_time` entity intact.
fn shows_date_time(transcript: &Transcript, text: &str) -> bool {
    transcript.find(text).is_some_and(has_date_time)
}

fn has_date_time(entry: &Entry) -> bool {
    entry.entities.iter().any(|entity| {
        entity.kind == "date_time"
            && entity.unix_time == Some(TEN_O_CLOCK)
            && entity.date_time_format.as_deref() == Some("wDT")
    })
}

/// No note in the thread claims Telegram cannot copy what the customer sent.
fn no_uncopyable_note(transcript: &Transcript) -> bool {
    transcript.find("does not let bots copy").is_none()
}

/// A Bot API 10.1 rich message, a kind teloxide 0.17 does not know.
fn rich_message() -> Value {
    json!({"blocks": [{"type": "paragraph", "text": "Opening hours changed"}]})
}

#[tokio::test]
async fn a_first_message_with_a_date_time_entity_opens_the_ticket_and_reaches_the_thread() {
    for forum in [false, true] {
        let desk = Harness::start_layout(forum, &[]).await;
        let alice = desk.customer("Alice", "en");
        desk.send(alice, with_date_time("call me at 10:00 please", "10:00"));
        let thread = desk.thread_len(alice, 1).await;
        assert!(
            shows_date_time(&thread, "call me at 10:00 please"),
            "forum: {forum}; the first message arrives with its entity:\n{thread}"
        );
        let card = thread[0].text.as_deref().unwrap_or_default();
        assert!(
            card.contains("Alice"),
            "the card opens the thread:\n{thread}"
        );

        // Later messages too, and captions.
        desk.send(alice, with_date_time("or at 10:00 tomorrow", "10:00"));
        let caption = Content::photo()
            .caption("the receipt from 10:00")
            .entities(vec![Entity::date_time(17, 5, TEN_O_CLOCK, "wDT")]);
        desk.send(alice, caption);
        let thread = desk.thread_len(alice, 3).await;
        assert!(shows_date_time(&thread, "or at 10:00 tomorrow"), "{thread}");
        let photo = thread.find("the receipt from 10:00").expect("the photo");
        assert_eq!(photo.kind, "photo", "{thread}");
        assert!(has_date_time(photo), "{thread}");
        assert!(no_uncopyable_note(&thread), "{thread}");
    }
}

#[tokio::test]
async fn an_album_with_date_time_captions_stays_an_album_with_its_entities() {
    for forum in [false, true] {
        let desk = Harness::start_layout(forum, &[]).await;
        let alice = desk.customer("Alice", "en");
        desk.say(alice, "two photos");
        desk.thread_len(alice, 1).await;
        let item = |caption: &str| {
            Content::photo()
                .caption(caption)
                .entities(vec![Entity::date_time(9, 5, TEN_O_CLOCK, "wDT")])
        };
        desk.sim
            .as_user(alice)
            .in_private(&desk.bot)
            .send_album(vec![item("front at 10:00"), item("back  at 10:00")])
            .unwrap();
        let thread = desk.thread_len(alice, 3).await;
        let front = thread.find("front at 10:00").expect("the first item");
        let back = thread.find("back  at 10:00").expect("the second item");
        assert!(
            front.media_group_id.is_some() && front.media_group_id == back.media_group_id,
            "forum: {forum}; still an album:\n{thread}"
        );
        assert!(has_date_time(front) && has_date_time(back), "{thread}");
    }
}

#[tokio::test]
async fn a_team_reply_with_a_date_time_entity_reaches_the_customer_and_an_internal_one_does_not() {
    for forum in [false, true] {
        let desk = Harness::start_layout(forum, &[]).await;
        let alice = desk.customer("Alice", "en");
        desk.say(alice, "when can you call?");
        desk.thread_len(alice, 1).await;
        desk.comment(
            desk.maria,
            alice,
            None,
            with_date_time("// she prefers 10:00", "10:00"),
        )
        .await;
        desk.comment(
            desk.maria,
            alice,
            None,
            with_date_time("we call you at 10:00", "10:00"),
        )
        .await;
        desk.eventually("the reply reaches Alice with its entity", || {
            shows_date_time(&desk.private(alice), "we call you at 10:00")
        })
        .await;
        let private = desk.private(alice);
        assert!(
            private.find("she prefers").is_none(),
            "forum: {forum}; an internal note stays in the thread:\n{private}"
        );
    }
}

#[tokio::test]
async fn edits_adding_a_date_time_entity_reach_the_copies_both_ways() {
    for forum in [false, true] {
        let desk = Harness::start_layout(forum, &[]).await;
        let alice = desk.customer("Alice", "en");
        let question = desk.say(alice, "free at 10:00?");
        desk.thread_len(alice, 1).await;
        desk.sim
            .as_user(alice)
            .in_private(&desk.bot)
            .edit(question, with_date_time("free at 10:00?", "10:00"))
            .unwrap();
        let root = desk.root(alice).await;
        desk.eventually("the thread copy gets the entity", || {
            shows_date_time(&desk.thread_at(root), "free at 10:00?")
        })
        .await;

        let photo = desk.send(alice, Content::photo().caption("door at 10:00"));
        desk.thread_len(alice, 2).await;
        let caption = Content::photo()
            .caption("door at 10:00")
            .entities(vec![Entity::date_time(8, 5, TEN_O_CLOCK, "wDT")]);
        desk.sim
            .as_user(alice)
            .in_private(&desk.bot)
            .edit(photo, caption)
            .unwrap();
        desk.eventually("the photo's copy gets the entity", || {
            desk.thread_at(root)
                .find("door at 10:00")
                .is_some_and(|entry| entry.edited && has_date_time(entry))
        })
        .await;

        let answer = desk
            .comment(desk.maria, alice, None, Content::text("yes, at 10:00"))
            .await;
        desk.eventually("the answer arrives", || {
            desk.private(alice).find("yes, at 10:00").is_some()
        })
        .await;
        desk.sim
            .as_user(desk.maria)
            .in_chat(desk.group)
            .edit(answer, with_date_time("yes, at 10:00", "10:00"))
            .unwrap();
        desk.eventually("the customer's copy gets the entity", || {
            desk.private(alice)
                .find("yes, at 10:00")
                .is_some_and(|entry| entry.edited && has_date_time(entry))
        })
        .await;
        let thread = desk.thread_at(root);
        assert!(
            thread.find("could not").is_none() && no_uncopyable_note(&thread),
            "forum: {forum}; no failure note:\n{thread}"
        );
    }
}

#[tokio::test]
async fn a_kind_of_message_the_library_does_not_know_is_copied_both_ways() {
    for forum in [false, true] {
        let desk = Harness::start_layout(forum, &[]).await;
        let alice = desk.customer("Alice", "en");
        desk.say(alice, "hello");
        desk.thread_len(alice, 1).await;
        desk.send(alice, Content::field("rich_message", rich_message()));
        let thread = desk.thread_len(alice, 2).await;
        let copy = thread.last().expect("the copy");
        assert_eq!(
            copy.kind, "other",
            "forum: {forum}; copied, not described:\n{thread}"
        );
        assert_eq!(
            field_of(&desk, desk.group.into(), copy.id, "rich_message"),
            Some(rich_message())
        );
        assert!(no_uncopyable_note(&thread), "{thread}");

        // A team member sends one too, with a field (Bot API 10.1's `sender_tag`) on top.
        let root = desk.root(alice).await;
        let chat = desk.sim.as_user(desk.maria).in_chat(desk.group);
        let chat = if forum {
            chat.topic(root)
        } else {
            chat.reply_to(root)
        };
        chat.with_field("sender_tag", json!("support"))
            .send(Content::field("rich_message", rich_message()))
            .unwrap();
        desk.eventually("Alice gets the rich message", || {
            desk.private(alice)
                .iter()
                .any(|entry| entry.kind == "other")
        })
        .await;
        let private = desk.private(alice);
        let received = private.iter().find(|entry| entry.kind == "other").unwrap();
        assert_eq!(
            field_of(
                &desk,
                desk.bot.chat_with(alice),
                received.id,
                "rich_message"
            ),
            Some(rich_message())
        );
    }
}

#[tokio::test]
async fn a_canned_reply_keeps_its_date_time_entity_when_offered_inline() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "when do you open?");
    desk.thread_len(alice, 1).await;
    let hours = desk
        .comment(
            desk.maria,
            alice,
            None,
            with_date_time("We open at 10:00.", "10:00"),
        )
        .await;
    let saved = desk.save_canned(desk.maria, hours, "Opening").await;
    assert!(saved.contains("“Opening” saved"), "{saved}");
    let answer = desk.inline_answer(desk.joao, "opening").await;
    let content = &answer.results[0]["input_message_content"];
    assert_eq!(content["message_text"], "We open at 10:00.");
    assert_eq!(
        content["entities"],
        json!([{"type": "date_time", "offset": 11, "length": 5, "unix_time": TEN_O_CLOCK, "date_time_format": "wDT"}])
    );
}

/// A field of a message as the Bot API renders it.
fn field_of(
    desk: &Harness,
    chat: telegram_sim::ChatRef,
    id: MessageId,
    field: &str,
) -> Option<Value> {
    desk.sim
        .message_json(chat, id)
        .and_then(|message| message.get(field).cloned())
}
