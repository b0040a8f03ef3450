//! Translation between teloxide's Telegram types and the domain's: messages, entities, media.

use teloxide::types::{
    self as tg, InputFile, InputMedia, InputMediaAnimation, InputMediaAudio, InputMediaDocument,
    InputMediaPhoto, InputMediaVideo, MessageEntityKind, PollType,
};

use crate::domain::{
    Author, ChatId, Content, Entity, EntityKind, FormattedText, IncomingMessage, MediaItem,
    MediaKind, MessageId, UncopyableKind, UserId,
};

/// A teloxide message as the desk sees it.
pub fn incoming(message: &tg::Message) -> IncomingMessage {
    IncomingMessage {
        chat: ChatId(message.chat.id.0),
        id: MessageId(message.id.0),
        date: message.date.timestamp(),
        author: author(message),
        content: content(message),
        reply_content: message
            .reply_to_message()
            .map(|reply| Box::new(content(reply))),
        reply_to: message
            .reply_to_message()
            .map(|reply| MessageId(reply.id.0)),
        thread: message.thread_id.map(|thread| MessageId(thread.0.0)),
        media_group: message.media_group_id().map(|group| group.0.clone()),
        via_bot: message.via_bot.as_ref().map(|bot| UserId(bot.id.0 as i64)),
        forwarded_post: forwarded_post(message),
    }
}

fn author(message: &tg::Message) -> Author {
    if let Some(chat) = &message.sender_chat {
        return Author::Chat {
            id: ChatId(chat.id.0),
            signature: message.author_signature().map(str::to_owned),
        };
    }
    match &message.from {
        Some(user) => user_author(user),
        None => Author::Chat {
            id: ChatId(message.chat.id.0),
            signature: None,
        },
    }
}

/// A Telegram user as a message author.
pub fn user_author(user: &tg::User) -> Author {
    Author::User {
        id: UserId(user.id.0 as i64),
        first_name: user.first_name.clone(),
        last_name: user.last_name.clone(),
        username: user.username.clone(),
        language: user.language_code.clone(),
        is_bot: user.is_bot,
    }
}

/// For Telegram's automatic forward of a channel post: the channel and the post's id.
fn forwarded_post(message: &tg::Message) -> Option<(ChatId, MessageId)> {
    if !message.is_automatic_forward() {
        return None;
    }
    match message.forward_origin()? {
        tg::MessageOrigin::Channel {
            chat, message_id, ..
        } => Some((ChatId(chat.id.0), MessageId(message_id.0))),
        _ => None,
    }
}

fn content(message: &tg::Message) -> Content {
    let caption = || FormattedText {
        text: message.caption().unwrap_or_default().to_owned(),
        entities: entities_from(message.caption_entities().unwrap_or_default()),
    };
    let media = |kind: MediaKind, file: &tg::FileMeta| {
        Content::Media(MediaItem {
            kind,
            file_id: file.id.0.clone(),
            caption: caption(),
            has_spoiler: message.has_media_spoiler(),
        })
    };
    if let Some(text) = message.text() {
        return Content::Text(FormattedText {
            text: text.to_owned(),
            entities: entities_from(message.entities().unwrap_or_default()),
        });
    }
    if let Some(sizes) = message.photo() {
        if let Some(largest) = sizes.last() {
            return media(MediaKind::Photo, &largest.file);
        }
    }
    if let Some(animation) = message.animation() {
        return media(MediaKind::Animation, &animation.file);
    }
    if let Some(video) = message.video() {
        return media(MediaKind::Video, &video.file);
    }
    if let Some(document) = message.document() {
        return media(MediaKind::Document, &document.file);
    }
    if let Some(audio) = message.audio() {
        return media(MediaKind::Audio, &audio.file);
    }
    if let Some(voice) = message.voice() {
        return media(MediaKind::Voice, &voice.file);
    }
    if let Some(note) = message.video_note() {
        return media(MediaKind::VideoNote, &note.file);
    }
    if let Some(sticker) = message.sticker() {
        return media(MediaKind::Sticker, &sticker.file);
    }
    if message.venue().is_some() {
        return Content::Venue;
    }
    if message.location().is_some() {
        return Content::Location;
    }
    if message.contact().is_some() {
        return Content::Contact;
    }
    if let Some(poll) = message.poll() {
        return match poll.poll_type {
            PollType::Quiz => Content::Uncopyable(UncopyableKind::QuizPoll),
            PollType::Regular => Content::Poll,
        };
    }
    if message.dice().is_some() {
        return Content::Dice;
    }
    if message.story().is_some() {
        return Content::Story;
    }
    if message.invoice().is_some() {
        return Content::Uncopyable(UncopyableKind::Invoice);
    }
    if message.paid_media().is_some() {
        return Content::Uncopyable(UncopyableKind::PaidMedia);
    }
    if message.giveaway().is_some() {
        return Content::Uncopyable(UncopyableKind::Giveaway);
    }
    if message.game().is_some() {
        return Content::Uncopyable(UncopyableKind::Game);
    }
    match &message.kind {
        tg::MessageKind::Common(_) | tg::MessageKind::Empty {} => {
            Content::Uncopyable(UncopyableKind::Unsupported)
        }
        _ => Content::Uncopyable(UncopyableKind::Service),
    }
}

/// Telegram entities as domain entities.
pub fn entities_from(entities: &[tg::MessageEntity]) -> Vec<Entity> {
    entities
        .iter()
        .map(|entity| Entity {
            kind: match &entity.kind {
                MessageEntityKind::Mention => EntityKind::Mention,
                MessageEntityKind::Hashtag => EntityKind::Hashtag,
                MessageEntityKind::Cashtag => EntityKind::Cashtag,
                MessageEntityKind::BotCommand => EntityKind::BotCommand,
                MessageEntityKind::Url => EntityKind::Url,
                MessageEntityKind::Email => EntityKind::Email,
                MessageEntityKind::PhoneNumber => EntityKind::PhoneNumber,
                MessageEntityKind::Bold => EntityKind::Bold,
                MessageEntityKind::Blockquote => EntityKind::Blockquote,
                MessageEntityKind::ExpandableBlockquote => EntityKind::ExpandableBlockquote,
                MessageEntityKind::Italic => EntityKind::Italic,
                MessageEntityKind::Underline => EntityKind::Underline,
                MessageEntityKind::Strikethrough => EntityKind::Strikethrough,
                MessageEntityKind::Spoiler => EntityKind::Spoiler,
                MessageEntityKind::Code => EntityKind::Code,
                MessageEntityKind::Pre { language } => EntityKind::Pre {
                    language: language.clone(),
                },
                MessageEntityKind::TextLink { url } => EntityKind::TextLink {
                    url: url.to_string(),
                },
                MessageEntityKind::TextMention { user } => EntityKind::TextMention {
                    user_id: user.id.0 as i64,
                },
                MessageEntityKind::CustomEmoji { custom_emoji_id } => EntityKind::CustomEmoji {
                    custom_emoji_id: custom_emoji_id.0.clone(),
                },
            },
            offset: u32::try_from(entity.offset).unwrap_or(u32::MAX),
            length: u32::try_from(entity.length).unwrap_or(0),
        })
        .collect()
}

/// Domain entities as Telegram entities (entities that cannot be expressed are dropped).
pub fn entities_to(entities: &[Entity]) -> Vec<tg::MessageEntity> {
    entities
        .iter()
        .filter_map(|entity| {
            let kind = match &entity.kind {
                EntityKind::Mention => MessageEntityKind::Mention,
                EntityKind::Hashtag => MessageEntityKind::Hashtag,
                EntityKind::Cashtag => MessageEntityKind::Cashtag,
                EntityKind::BotCommand => MessageEntityKind::BotCommand,
                EntityKind::Url => MessageEntityKind::Url,
                EntityKind::Email => MessageEntityKind::Email,
                EntityKind::PhoneNumber => MessageEntityKind::PhoneNumber,
                EntityKind::Bold => MessageEntityKind::Bold,
                EntityKind::Italic => MessageEntityKind::Italic,
                EntityKind::Underline => MessageEntityKind::Underline,
                EntityKind::Strikethrough => MessageEntityKind::Strikethrough,
                EntityKind::Spoiler => MessageEntityKind::Spoiler,
                EntityKind::Blockquote => MessageEntityKind::Blockquote,
                EntityKind::ExpandableBlockquote => MessageEntityKind::ExpandableBlockquote,
                EntityKind::Code => MessageEntityKind::Code,
                EntityKind::Pre { language } => MessageEntityKind::Pre {
                    language: language.clone(),
                },
                EntityKind::TextLink { url } => MessageEntityKind::TextLink {
                    url: url.parse().ok()?,
                },
                EntityKind::TextMention { user_id } => MessageEntityKind::TextMention {
                    user: tg::User {
                        id: tg::UserId(u64::try_from(*user_id).ok()?),
                        is_bot: false,
                        first_name: String::new(),
                        last_name: None,
                        username: None,
                        language_code: None,
                        is_premium: false,
                        added_to_attachment_menu: false,
                    },
                },
                EntityKind::CustomEmoji { custom_emoji_id } => MessageEntityKind::CustomEmoji {
                    custom_emoji_id: tg::CustomEmojiId(custom_emoji_id.clone()),
                },
            };
            Some(tg::MessageEntity::new(
                kind,
                entity.offset as usize,
                entity.length as usize,
            ))
        })
        .collect()
}

/// A media item as `InputMedia` for albums and media edits (`None` for kinds the API refuses).
pub fn input_media(item: &MediaItem) -> Option<InputMedia> {
    let file = InputFile::file_id(tg::FileId(item.file_id.clone()));
    let caption = (!item.caption.text.is_empty()).then(|| item.caption.text.clone());
    let entities = (!item.caption.entities.is_empty()).then(|| entities_to(&item.caption.entities));
    Some(match item.kind {
        MediaKind::Photo => InputMedia::Photo(InputMediaPhoto {
            caption,
            caption_entities: entities,
            has_spoiler: item.has_spoiler,
            ..InputMediaPhoto::new(file)
        }),
        MediaKind::Video => InputMedia::Video(InputMediaVideo {
            caption,
            caption_entities: entities,
            has_spoiler: item.has_spoiler,
            ..InputMediaVideo::new(file)
        }),
        MediaKind::Animation => InputMedia::Animation(InputMediaAnimation {
            caption,
            caption_entities: entities,
            has_spoiler: item.has_spoiler,
            ..InputMediaAnimation::new(file)
        }),
        MediaKind::Audio => InputMedia::Audio(InputMediaAudio {
            caption,
            caption_entities: entities,
            ..InputMediaAudio::new(file)
        }),
        MediaKind::Document => InputMedia::Document(InputMediaDocument {
            caption,
            caption_entities: entities,
            ..InputMediaDocument::new(file)
        }),
        MediaKind::Voice | MediaKind::VideoNote | MediaKind::Sticker => return None,
    })
}
