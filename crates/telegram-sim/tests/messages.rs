//! Requirement 6 — messages of every kind, formatting, limits, media, copies, forwards, albums, edits.

use telegram_sim::spec::Spec;
use telegram_sim::{BotHandle, Content, Entity, MessageId, Simulator, UserId, UserSpec};
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{
    InputFile, InputMedia, InputMediaDocument, InputMediaPhoto, InputPollOption, LabeledPrice,
    MessageEntityKind, MessageOrigin, ParseMode, PollType, ReactionType, ReplyParameters,
};
use teloxide::{ApiError, RequestError};

use crate::support::{client, drain, messages, start};

/// A bot and a customer who already wrote to it.
struct Chat {
    sim: Simulator,
    handle: BotHandle,
    bot: Bot,
    alice: UserId,
}

async fn chat() -> Chat {
    let sim = start().await;
    let handle = sim.create_bot("threadesk_bot");
    let alice = sim.create_user(UserSpec::new("Alice").username("alice"));
    sim.as_user(alice)
        .in_private(&handle)
        .send(Content::text("/start"))
        .unwrap();
    let bot = client(&sim, &handle);
    drain(&bot).await;
    Chat {
        sim,
        handle,
        bot,
        alice,
    }
}

fn api_error(error: RequestError) -> ApiError {
    match error {
        RequestError::Api(error) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn every_kind_a_customer_can_send_reaches_the_bot_as_valid_bot_api_json() {
    let c = chat().await;
    let from_alice = c.sim.as_user(c.alice).in_private(&c.handle);
    let kinds = [
        Content::text("hello *there*").entities(vec![Entity::bold(6, 7)]),
        Content::photo().caption("a photo"),
        Content::video(),
        Content::animation(),
        Content::document("receipt.pdf").caption("receipt"),
        Content::audio(),
        Content::voice(),
        Content::video_note(),
        Content::sticker(),
        Content::location(-23.5, -46.6),
        Content::venue(-23.5, -46.6, "Shop", "Av. Paulista 1000"),
        Content::contact("+5511999999999", "Alice"),
        Content::poll("Which?", &["a", "b"]),
        Content::quiz("2+2?", &["3", "4"], 1),
        Content::dice("🎲"),
        Content::invoice("Order", "1 item", "BRL", 1990),
    ];
    let count = kinds.len();
    for content in kinds {
        from_alice.send(content).unwrap();
    }
    let received = messages(&drain(&c.bot).await);
    assert_eq!(received.len(), count);
    assert_eq!(
        received[0].entities().map(|e| e[0].kind.clone()),
        Some(MessageEntityKind::Bold)
    );
    assert_eq!(
        received[1].photo().map(<[_]>::len),
        Some(3),
        "several sizes"
    );
    assert_eq!(received[1].caption(), Some("a photo"));
    assert!(received[2].video().is_some());
    assert!(received[3].animation().is_some());
    assert_eq!(
        received[4].document().and_then(|d| d.file_name.as_deref()),
        Some("receipt.pdf")
    );
    assert!(received[5].audio().is_some());
    assert!(received[6].voice().is_some());
    assert!(received[7].video_note().is_some());
    assert!(received[8].sticker().is_some());
    assert!(received[9].location().is_some());
    assert_eq!(received[10].venue().map(|v| v.title.as_str()), Some("Shop"));
    assert_eq!(
        received[11].contact().map(|c| c.phone_number.as_str()),
        Some("+5511999999999")
    );
    assert_eq!(
        received[12].poll().map(|p| p.poll_type.clone()),
        Some(PollType::Regular)
    );
    assert_eq!(
        received[13].poll().map(|p| p.poll_type.clone()),
        Some(PollType::Quiz)
    );
    assert!(
        received[14]
            .dice()
            .is_some_and(|d| (1..=6).contains(&d.value))
    );
    assert_eq!(received[15].invoice().map(|i| i.total_amount), Some(1990));
    for entry in c.sim.private_chat(c.alice, &c.handle).iter() {
        let json = c
            .sim
            .message_json(c.handle.chat_with(c.alice), entry.id)
            .unwrap();
        Spec::get()
            .check_value("Message", &json)
            .unwrap_or_else(|error| panic!("#{} {}: {error}", entry.id, entry.kind));
    }
}

#[tokio::test]
async fn an_album_arrives_as_one_update_per_item_sharing_a_media_group_id() {
    let c = chat().await;
    let ids = c
        .sim
        .as_user(c.alice)
        .in_private(&c.handle)
        .send_album(vec![Content::photo(), Content::video().caption("x")])
        .unwrap();
    assert_eq!(ids.len(), 2);
    let received = messages(&drain(&c.bot).await);
    assert_eq!(received.len(), 2);
    assert!(received[0].media_group_id().is_some());
    assert_eq!(received[0].media_group_id(), received[1].media_group_id());
    assert_eq!(received[1].caption(), Some("x"));
}

#[tokio::test]
async fn media_a_customer_sends_can_be_downloaded_by_the_bot() {
    let c = chat().await;
    c.sim
        .as_user(c.alice)
        .in_private(&c.handle)
        .send(Content::photo().with_bytes(b"JPEG!".to_vec()))
        .unwrap();
    let received = messages(&drain(&c.bot).await);
    let largest = received[0].photo().and_then(|sizes| sizes.last()).unwrap();
    let file = c.bot.get_file(largest.file.id.clone()).await.unwrap();
    let mut bytes = Vec::new();
    c.bot.download_file(&file.path, &mut bytes).await.unwrap();
    assert_eq!(bytes, b"JPEG!");
    let error = c
        .bot
        .get_file("nope".to_owned().into())
        .await
        .expect_err("unknown file");
    assert_eq!(api_error(error), ApiError::FileIdInvalid);
}

#[tokio::test]
async fn html_and_markdown_v2_are_parsed_into_entities() {
    let c = chat().await;
    let sent = c
        .bot
        .send_message(c.alice, "<b>Ticket</b> <i>twelve</i> &lt;open&gt; <a href=\"https://t.me/x\">link</a> <tg-spoiler>s</tg-spoiler> <blockquote>q</blockquote> <pre>code</pre>")
        .parse_mode(ParseMode::Html)
        .await
        .expect("valid HTML");
    assert_eq!(sent.text(), Some("Ticket twelve <open> link s q code"));
    let kinds: Vec<MessageEntityKind> = sent
        .entities()
        .unwrap()
        .iter()
        .map(|e| e.kind.clone())
        .collect();
    assert_eq!(kinds[0], MessageEntityKind::Bold);
    assert_eq!(kinds[1], MessageEntityKind::Italic);
    assert!(matches!(kinds[2], MessageEntityKind::TextLink { .. }));
    assert_eq!(kinds[3], MessageEntityKind::Spoiler);
    assert_eq!(kinds[4], MessageEntityKind::Blockquote);
    assert!(matches!(kinds[5], MessageEntityKind::Pre { .. }));
    let sent = c
        .bot
        .send_message(c.alice, "*bold* _it_ \\#12")
        .parse_mode(ParseMode::MarkdownV2)
        .await
        .expect("valid");
    assert_eq!(sent.text(), Some("bold it #12"));
    assert_eq!(sent.entities().unwrap().len(), 2);
    let entry = c
        .sim
        .private_chat(c.alice, &c.handle)
        .last()
        .cloned()
        .unwrap();
    assert_eq!(entry.entities[0], Entity::bold(0, 4));
}

#[tokio::test]
async fn unparseable_markup_is_refused_as_telegram_refuses_it() {
    let c = chat().await;
    let error = c
        .bot
        .send_message(c.alice, "<b>unclosed")
        .parse_mode(ParseMode::Html)
        .await
        .expect_err("bad HTML");
    assert_eq!(
        api_error(error),
        ApiError::CantParseEntities("Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"".into())
    );
    let error = c
        .bot
        .send_message(c.alice, "Version 1.0")
        .parse_mode(ParseMode::MarkdownV2)
        .await
        .expect_err("bad MarkdownV2");
    assert_eq!(
        api_error(error),
        ApiError::CantParseEntities(
            "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'".into()
        )
    );
}

#[tokio::test]
async fn text_and_caption_limits_count_utf16_code_units_after_parsing() {
    let c = chat().await;
    c.bot
        .send_message(c.alice, "a".repeat(4096))
        .await
        .expect("4096 fits");
    assert_eq!(
        api_error(
            c.bot
                .send_message(c.alice, "a".repeat(4097))
                .await
                .unwrap_err()
        ),
        ApiError::MessageIsTooLong
    );
    c.bot
        .send_message(c.alice, "🏟".repeat(2048))
        .await
        .expect("2048 surrogate pairs are 4096 units");
    assert_eq!(
        api_error(
            c.bot
                .send_message(c.alice, "🏟".repeat(2049))
                .await
                .unwrap_err()
        ),
        ApiError::MessageIsTooLong
    );
    let tagged = format!("<b>{}</b>", "a".repeat(4096));
    c.bot
        .send_message(c.alice, tagged)
        .parse_mode(ParseMode::Html)
        .await
        .expect("tags do not count");
    assert_eq!(
        api_error(c.bot.send_message(c.alice, "").await.unwrap_err()),
        ApiError::MessageTextIsEmpty
    );
    assert_eq!(
        api_error(c.bot.send_message(c.alice, "  \n ").await.unwrap_err()),
        ApiError::MessageTextIsEmpty
    );
    let photo = InputFile::memory(b"x".to_vec());
    let error = c
        .bot
        .send_photo(c.alice, photo)
        .caption("c".repeat(1025))
        .await
        .expect_err("caption too long");
    assert_eq!(
        api_error(error),
        ApiError::Unknown("Bad Request: message caption is too long".into())
    );
}

#[tokio::test]
async fn media_can_be_sent_by_file_id_by_url_and_by_upload() {
    let c = chat().await;
    c.sim
        .as_user(c.alice)
        .in_private(&c.handle)
        .send(Content::document("scan.pdf"))
        .unwrap();
    let received = messages(&drain(&c.bot).await);
    let file_id = received[0].document().unwrap().file.id.clone();
    let by_id = c
        .bot
        .send_document(c.alice, InputFile::file_id(file_id.clone()))
        .await
        .expect("by file_id");
    assert_eq!(by_id.document().unwrap().file.id, file_id);
    let by_url = c
        .bot
        .send_photo(
            c.alice,
            InputFile::url("https://example.com/cat.jpg".parse().unwrap()),
        )
        .await
        .expect("by URL");
    assert_eq!(by_url.photo().map(<[_]>::len), Some(3));
    let upload = c
        .bot
        .send_voice(c.alice, InputFile::memory(b"ogg".to_vec()))
        .await
        .expect("by upload");
    assert!(upload.voice().is_some());
    let error = c
        .bot
        .send_photo(c.alice, InputFile::file_id(file_id))
        .await
        .expect_err("a document is no photo");
    assert_eq!(
        api_error(error),
        ApiError::Unknown("Bad Request: type of file mismatch".into())
    );
    let error = c
        .bot
        .send_photo(c.alice, InputFile::file_id("AgAC-unknown".into()))
        .await
        .expect_err("unknown");
    assert_eq!(api_error(error), ApiError::WrongFileIdOrUrl);
}

#[tokio::test]
async fn copy_message_copies_the_content_and_can_replace_the_caption() {
    let c = chat().await;
    let owner = c.sim.create_user(UserSpec::new("Olga"));
    let group = c.sim.create_supergroup("Team", owner);
    c.sim.add_member(group, c.handle.user_id).unwrap();
    let photo = c
        .sim
        .as_user(c.alice)
        .in_private(&c.handle)
        .send(Content::photo().caption("broken screen"))
        .unwrap();
    let copied = c
        .bot
        .copy_message(group, c.alice, photo.into())
        .await
        .expect("copies");
    let copy = c.sim.transcript(group).last().cloned().unwrap();
    assert_eq!(copy.id, MessageId::from(copied));
    assert_eq!(copy.kind, "photo");
    assert_eq!(copy.text.as_deref(), Some("broken screen"));
    assert_eq!(copy.forward_origin, None);
    c.bot
        .copy_message(group, c.alice, photo.into())
        .caption("Alice: broken screen")
        .await
        .unwrap();
    assert_eq!(
        c.sim.transcript(group).texts().last(),
        Some(&"Alice: broken screen")
    );
    let error = c
        .bot
        .copy_message(group, c.alice, teloxide::types::MessageId(999))
        .await
        .expect_err("missing");
    assert_eq!(api_error(error), ApiError::MessageToCopyNotFound);
}

#[tokio::test]
async fn copy_messages_keeps_albums_together_and_skips_what_cannot_be_copied() {
    let c = chat().await;
    let owner = c.sim.create_user(UserSpec::new("Olga"));
    let group = c.sim.create_supergroup("Team", owner);
    c.sim.add_member(group, c.handle.user_id).unwrap();
    let alice_chat = c.sim.as_user(c.alice).in_private(&c.handle);
    let text = alice_chat.send(Content::text("see attached")).unwrap();
    let album = alice_chat
        .send_album(vec![Content::photo(), Content::photo().caption("both")])
        .unwrap();
    let quiz = alice_chat.send(Content::quiz("?", &["a", "b"], 0)).unwrap();
    let ids: Vec<teloxide::types::MessageId> = [text, album[0], album[1], quiz, MessageId(500)]
        .into_iter()
        .map(Into::into)
        .collect();
    let copies = c
        .bot
        .copy_messages(group, c.alice, ids)
        .await
        .expect("copies");
    assert_eq!(
        copies.len(),
        3,
        "the quiz and the missing message are skipped"
    );
    let transcript = c.sim.transcript(group);
    assert_eq!(transcript.texts(), ["see attached", "both"]);
    let original_group = c
        .sim
        .private_chat(c.alice, &c.handle)
        .get_id(album[0])
        .unwrap()
        .media_group_id
        .clone();
    assert!(transcript[1].media_group_id.is_some());
    assert_eq!(transcript[1].media_group_id, transcript[2].media_group_id);
    assert_ne!(
        transcript[1].media_group_id, original_group,
        "a fresh media_group_id"
    );
    let error = c
        .bot
        .copy_messages(group, c.alice, [album[1].into(), album[0].into()])
        .await
        .expect_err("decreasing");
    assert!(matches!(api_error(error), ApiError::Unknown(text) if text.contains("increasing")));
}

#[tokio::test]
async fn service_messages_quizzes_and_invoices_cannot_be_copied() {
    let c = chat().await;
    let alice_chat = c.sim.as_user(c.alice).in_private(&c.handle);
    let quiz = alice_chat.send(Content::quiz("?", &["a", "b"], 0)).unwrap();
    let invoice = alice_chat
        .send(Content::invoice("Order", "x", "USD", 100))
        .unwrap();
    let note = c.bot.send_message(c.alice, "pin me").await.unwrap();
    c.bot.pin_chat_message(c.alice, note.id).await.unwrap();
    let pin = c.sim.private_chat(c.alice, &c.handle).last().unwrap().id;
    for id in [quiz, invoice, pin] {
        let error = c
            .bot
            .copy_message(c.alice, c.alice, id.into())
            .await
            .expect_err("uncopyable");
        assert_eq!(
            api_error(error),
            ApiError::Unknown("Bad Request: message can't be copied".into())
        );
    }
    let own_quiz = c
        .bot
        .send_poll(
            c.alice,
            "Own quiz?",
            [InputPollOption::new("a"), InputPollOption::new("b")],
        )
        .type_(PollType::Quiz)
        .correct_option_id(1)
        .await
        .expect("sends a quiz");
    c.bot
        .copy_message(c.alice, c.alice, own_quiz.id)
        .await
        .expect("the bot knows its own quiz's answer");
    let invoice = c
        .bot
        .send_invoice(
            c.alice,
            "Plan",
            "Monthly",
            "payload",
            "USD",
            [LabeledPrice::new("Plan", 500)],
        )
        .await
        .expect("sends an invoice");
    assert_eq!(invoice.invoice().map(|i| i.total_amount), Some(500));
}

#[tokio::test]
async fn a_copied_dice_keeps_its_emoji_and_is_rolled_again() {
    let c = chat().await;
    let dice = c
        .sim
        .as_user(c.alice)
        .in_private(&c.handle)
        .send(Content::dice("🎰"))
        .unwrap();
    let original = c
        .sim
        .message_json(c.handle.chat_with(c.alice), dice)
        .unwrap()["dice"]["value"]
        .as_i64()
        .unwrap();
    let mut values = Vec::new();
    for _ in 0..8 {
        let copy = c
            .bot
            .copy_message(c.alice, c.alice, dice.into())
            .await
            .unwrap();
        let json = c
            .sim
            .message_json(c.handle.chat_with(c.alice), copy.into())
            .unwrap();
        assert_eq!(json["dice"]["emoji"], "🎰");
        values.push(json["dice"]["value"].as_i64().unwrap());
    }
    assert!(values.iter().all(|value| (1..=64).contains(value)));
    assert!(
        values.iter().any(|value| *value != original),
        "copies are new rolls"
    );
}

#[tokio::test]
async fn forwarding_keeps_the_origin() {
    let c = chat().await;
    let owner = c.sim.create_user(UserSpec::new("Olga"));
    let group = c.sim.create_supergroup("Team", owner);
    c.sim.add_member(group, c.handle.user_id).unwrap();
    let hello = c
        .sim
        .as_user(c.alice)
        .in_private(&c.handle)
        .send(Content::text("hello"))
        .unwrap();
    let forwarded = c
        .bot
        .forward_message(group, c.alice, hello.into())
        .await
        .expect("forwards");
    match forwarded.forward_origin() {
        Some(MessageOrigin::User { sender_user, .. }) => assert_eq!(c.alice, sender_user.id),
        other => panic!("unexpected {other:?}"),
    }
    let ids = c
        .bot
        .forward_messages(group, c.alice, [hello.into()])
        .await
        .expect("forwards many");
    assert_eq!(ids.len(), 1);
    assert_eq!(
        c.sim
            .transcript(group)
            .last()
            .unwrap()
            .forward_origin
            .as_deref(),
        Some(format!("user {}", c.alice).as_str())
    );
}

#[tokio::test]
async fn send_media_group_sends_2_to_10_items_with_the_mixing_rules() {
    let c = chat().await;
    let anchor = c
        .sim
        .as_user(c.alice)
        .in_private(&c.handle)
        .send(Content::text("photos please"))
        .unwrap();
    let photo = |caption: &str| {
        InputMedia::Photo(InputMediaPhoto::new(InputFile::memory(b"p".to_vec())).caption(caption))
    };
    let sent = c
        .bot
        .send_media_group(c.alice, [photo("one"), photo("two")])
        .reply_parameters(ReplyParameters::new(anchor.into()))
        .await
        .expect("an album");
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].media_group_id(), sent[1].media_group_id());
    assert_eq!(
        sent[0].reply_to_message().map(|m| m.id),
        Some(anchor.into())
    );
    let error = c
        .bot
        .send_media_group(c.alice, [photo("alone")])
        .await
        .expect_err("too few");
    assert!(matches!(api_error(error), ApiError::Unknown(_)));
    let eleven: Vec<InputMedia> = (0..11).map(|i| photo(&i.to_string())).collect();
    assert_eq!(
        api_error(c.bot.send_media_group(c.alice, eleven).await.unwrap_err()),
        ApiError::TooMuchMessages
    );
    let document = InputMedia::Document(InputMediaDocument::new(InputFile::memory(b"d".to_vec())));
    let error = c
        .bot
        .send_media_group(c.alice, [photo("p"), document])
        .await
        .expect_err("mixed");
    assert_eq!(
        api_error(error),
        ApiError::Unknown("Bad Request: documents can't be mixed with other media types".into())
    );
}

#[tokio::test]
async fn edits_change_text_caption_media_and_keyboard_and_unchanged_edits_are_refused() {
    let c = chat().await;
    let text = c.bot.send_message(c.alice, "first").await.unwrap();
    let edited = c
        .bot
        .edit_message_text(c.alice, text.id, "second")
        .await
        .expect("edits");
    assert_eq!(edited.text(), Some("second"));
    assert!(edited.edit_date().is_some());
    assert_eq!(
        api_error(
            c.bot
                .edit_message_text(c.alice, text.id, "second")
                .await
                .unwrap_err()
        ),
        ApiError::MessageNotModified
    );
    let photo = c
        .bot
        .send_photo(c.alice, InputFile::memory(b"1".to_vec()))
        .caption("old")
        .await
        .unwrap();
    c.bot
        .edit_message_caption(c.alice, photo.id)
        .caption("new")
        .await
        .expect("caption");
    let replaced = c
        .bot
        .edit_message_media(
            c.alice,
            photo.id,
            InputMedia::Photo(
                InputMediaPhoto::new(InputFile::memory(b"2".to_vec())).caption("newer"),
            ),
        )
        .await
        .expect("media");
    assert_eq!(replaced.caption(), Some("newer"));
    let keyboard = teloxide::types::InlineKeyboardMarkup::new([[
        teloxide::types::InlineKeyboardButton::callback("ok", "ok"),
    ]]);
    c.bot
        .edit_message_reply_markup(c.alice, photo.id)
        .reply_markup(keyboard)
        .await
        .expect("keyboard");
    let error = c
        .bot
        .edit_message_caption(c.alice, text.id)
        .caption("x")
        .await
        .expect_err("a text has no caption");
    assert!(matches!(api_error(error), ApiError::Unknown(_)));
    let theirs = c.sim.private_chat(c.alice, &c.handle)[0].id;
    assert_eq!(
        api_error(
            c.bot
                .edit_message_text(c.alice, theirs.into(), "x")
                .await
                .unwrap_err()
        ),
        ApiError::MessageCantBeEdited
    );
    assert_eq!(
        api_error(
            c.bot
                .edit_message_text(c.alice, teloxide::types::MessageId(99), "x")
                .await
                .unwrap_err()
        ),
        ApiError::MessageToEditNotFound
    );
    assert!(
        c.sim
            .private_chat(c.alice, &c.handle)
            .find("second")
            .unwrap()
            .edited
    );
}

#[tokio::test]
async fn deleting_reacting_pinning_and_chat_actions_work_in_private_chats() {
    let c = chat().await;
    let one = c.bot.send_message(c.alice, "one").await.unwrap();
    let two = c.bot.send_message(c.alice, "two").await.unwrap();
    let three = c.bot.send_message(c.alice, "three").await.unwrap();
    c.bot
        .delete_message(c.alice, one.id)
        .await
        .expect("deletes");
    c.bot
        .delete_messages(c.alice, [two.id, teloxide::types::MessageId(404)])
        .await
        .expect("skips the missing one");
    c.bot
        .set_message_reaction(c.alice, three.id)
        .reaction([ReactionType::Emoji {
            emoji: "👍".into()
        }])
        .await
        .expect("reacts");
    c.bot
        .pin_chat_message(c.alice, three.id)
        .await
        .expect("pins");
    c.bot
        .send_chat_action(c.alice, teloxide::types::ChatAction::Typing)
        .await
        .expect("typing");
    assert_eq!(
        c.sim.pinned(c.handle.chat_with(c.alice)),
        [MessageId::from(three.id)]
    );
    c.bot
        .unpin_all_chat_messages(c.alice)
        .await
        .expect("unpins");
    assert!(c.sim.pinned(c.handle.chat_with(c.alice)).is_empty());
    assert_eq!(
        c.sim.private_chat(c.alice, &c.handle).texts(),
        ["/start", "three"]
    );
}

#[tokio::test]
async fn kinds_and_fields_newer_than_the_simulator_are_sent_checked_and_copied_faithfully() {
    let c = chat().await;
    let alice_chat = c.sim.as_user(c.alice).in_private(&c.handle);
    let private = c.handle.chat_with(c.alice);
    let rich = serde_json::json!({"blocks": [{"type": "paragraph", "text": "Opening hours"}]});

    // A Bot API 10.1 rich message: rendered as sent, copied whole (teloxide 0.17 cannot read it).
    let sent = alice_chat
        .send(Content::field("rich_message", rich.clone()))
        .unwrap();
    let rendered = c.sim.message_json(private, sent).unwrap();
    assert_eq!(rendered["rich_message"], rich);
    assert!(Spec::get().check_value("Message", &rendered).is_ok());
    assert_eq!(
        c.sim.private_chat(c.alice, &c.handle).last().unwrap().kind,
        "other"
    );
    let copy = c
        .bot
        .copy_message(c.alice, c.alice, sent.into())
        .await
        .expect("copied");
    let copied = c.sim.message_json(private, MessageId(copy.0)).unwrap();
    assert_eq!(copied["rich_message"], rich);

    // A service message given as data is not copyable, as Telegram says.
    let service = alice_chat
        .send(Content::field(
            "write_access_allowed",
            serde_json::json!({}),
        ))
        .unwrap();
    let error = c
        .bot
        .copy_message(c.alice, c.alice, service.into())
        .await
        .expect_err("uncopyable");
    assert_eq!(
        api_error(error),
        ApiError::Unknown("Bad Request: message can't be copied".into())
    );

    // Only fields of the reference, of the right type, and not ones the simulator models.
    for (name, value) in [
        ("hologram", serde_json::json!({})),
        ("rich_message", serde_json::json!("not an object")),
        ("text", serde_json::json!("hi")),
    ] {
        assert!(
            alice_chat
                .send(Content::field(name, value.clone()))
                .is_err(),
            "{name}: {value}"
        );
    }

    // Extra fields travel with the message, not with its copies.
    let tagged = alice_chat
        .clone()
        .with_field("sender_tag", serde_json::json!("vip"))
        .send(Content::text("tagged"))
        .unwrap();
    assert_eq!(
        c.sim.message_json(private, tagged).unwrap()["sender_tag"],
        "vip"
    );
    let copy = c
        .bot
        .copy_message(c.alice, c.alice, tagged.into())
        .await
        .unwrap();
    assert!(
        c.sim
            .message_json(private, MessageId(copy.0))
            .unwrap()
            .get("sender_tag")
            .is_none()
    );
}

#[tokio::test]
async fn date_time_entities_keep_their_moment_and_format_through_sends_and_copies() {
    let c = chat().await;
    let private = c.handle.chat_with(c.alice);
    let sent = c
        .sim
        .as_user(c.alice)
        .in_private(&c.handle)
        .send(Content::text("at 10:00").entities(vec![Entity::date_time(3, 5, 1_781_258_400, "t")]))
        .unwrap();
    let expected = serde_json::json!([{"type": "date_time", "offset": 3, "length": 5, "unix_time": 1_781_258_400, "date_time_format": "t"}]);
    assert_eq!(
        c.sim.message_json(private, sent).unwrap()["entities"],
        expected
    );
    let copy = c
        .bot
        .copy_message(c.alice, c.alice, sent.into())
        .await
        .unwrap();
    assert_eq!(
        c.sim.message_json(private, MessageId(copy.0)).unwrap()["entities"],
        expected
    );
    // A bot may send one too (raw JSON: teloxide 0.17 has no such entity type).
    let (status, answer) = crate::support::raw(
        &c.sim,
        &c.handle.token,
        "sendMessage",
        serde_json::json!({"chat_id": c.alice.0, "text": "at 10:00", "entities": expected}),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["result"]["entities"], expected);
}
