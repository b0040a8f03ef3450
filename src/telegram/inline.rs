//! Canned replies as inline query results: texts as articles, media as cached files sent by id.

use teloxide::types::{
    FileId, InlineQueryResult, InlineQueryResultArticle, InlineQueryResultCachedAudio,
    InlineQueryResultCachedDocument, InlineQueryResultCachedMpeg4Gif, InlineQueryResultCachedPhoto,
    InlineQueryResultCachedSticker, InlineQueryResultCachedVideo, InlineQueryResultCachedVoice,
    InputMessageContent, InputMessageContentText,
};

use crate::domain::{CannedContent, CannedReply, Entity, MediaKind};

/// The description shown under a result, in characters.
const DESCRIPTION_CHARS: usize = 80;

/// One inline result per canned reply; ids are the result's position. Entities are not set
/// here: [`entities`] says where they go in `answerInlineQuery`'s JSON.
pub fn results(replies: &[CannedReply]) -> Vec<InlineQueryResult> {
    replies
        .iter()
        .enumerate()
        .map(|(index, reply)| result(format!("canned-{index}"), reply))
        .collect()
}

/// Where each result's entities go in `answerInlineQuery`'s JSON (object pointer, key), so that
/// every type is sent, also those newer than teloxide.
pub fn entities(replies: &[CannedReply]) -> Vec<(String, &'static str, &[Entity])> {
    replies
        .iter()
        .enumerate()
        .filter_map(|(index, reply)| match &reply.content {
            CannedContent::Text(text) => Some((
                format!("/results/{index}/input_message_content"),
                "entities",
                text.entities.as_slice(),
            )),
            CannedContent::Media(item) if item.kind != MediaKind::Sticker => Some((
                format!("/results/{index}"),
                "caption_entities",
                item.caption.entities.as_slice(),
            )),
            CannedContent::Media(_) | CannedContent::Copies { .. } => None,
        })
        .collect()
}

fn result(id: String, reply: &CannedReply) -> InlineQueryResult {
    let title = reply.title.clone();
    let item = match &reply.content {
        CannedContent::Text(text) => {
            let content = InputMessageContentText::new(text.text.clone());
            let description: String = text.text.chars().take(DESCRIPTION_CHARS).collect();
            return InlineQueryResult::Article(
                InlineQueryResultArticle::new(id, title, InputMessageContent::Text(content))
                    .description(description),
            );
        }
        CannedContent::Media(item) => item,
        // Not offered inline (the desk leaves them out); as a guard, the command that sends it.
        CannedContent::Copies { .. } => {
            let command = format!("/say {title}");
            let content = InputMessageContentText::new(command.clone());
            return InlineQueryResult::Article(
                InlineQueryResultArticle::new(id, title, InputMessageContent::Text(content))
                    .description(command),
            );
        }
    };
    let file = FileId(item.file_id.clone());
    let caption = (!item.caption.is_empty()).then(|| item.caption.text.clone());
    match item.kind {
        MediaKind::Photo => {
            let mut result = InlineQueryResultCachedPhoto::new(id, file).title(title);
            result.caption = caption;
            InlineQueryResult::CachedPhoto(result)
        }
        MediaKind::Video => {
            let mut result = InlineQueryResultCachedVideo::new(id, file, title);
            result.caption = caption;
            InlineQueryResult::CachedVideo(result)
        }
        MediaKind::Animation => {
            let mut result = InlineQueryResultCachedMpeg4Gif::new(id, file).title(title);
            result.caption = caption;
            InlineQueryResult::CachedMpeg4Gif(result)
        }
        MediaKind::Audio => {
            let mut result = InlineQueryResultCachedAudio::new(id, file);
            result.caption = caption;
            InlineQueryResult::CachedAudio(result)
        }
        MediaKind::Voice => {
            let mut result = InlineQueryResultCachedVoice::new(id, file, title);
            result.caption = caption;
            InlineQueryResult::CachedVoice(result)
        }
        MediaKind::Sticker => {
            InlineQueryResult::CachedSticker(InlineQueryResultCachedSticker::new(id, file))
        }
        // Video notes cannot be sent inline; `/resposta` refuses them, so this only guards old
        // records: they are offered as documents.
        MediaKind::Document | MediaKind::VideoNote => {
            let mut result = InlineQueryResultCachedDocument::new(id, title, file);
            result.caption = caption;
            InlineQueryResult::CachedDocument(result)
        }
    }
}
