//! Canned replies: saved with `/resposta`, listed with `/respostas`, deleted and renamed, and
//! offered to the team in inline mode.

use super::CommandName;
use super::commands::CommandContext;
use super::{DeskState, Effect, Notice, StateResult, Turn};
use crate::domain::{
    CannedContent, CannedReply, Content, MediaKind, UserId, fold, search_canned, title_key,
    valid_title,
};

/// Inline mode shows at most this many results.
const MAX_INLINE_RESULTS: usize = 50;

/// The preview of a canned reply in `/respostas`, in characters.
const PREVIEW_CHARS: usize = 60;

/// The `/start` parameter of the button shown instead of canned replies when the author of an
/// inline query cannot be checked: pressing it explains why, and opens no ticket.
pub const MEMBERSHIP_CHECK_START: &str = "team_check";

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// `/resposta <title>`, replying to the message to save.
    pub(super) fn on_save_canned(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let message = &context.message;
        // In a thread a message "replying" to its root (the card, or the topic) replies to
        // nothing; in the discussion group's main chat any reply starts a thread of its own.
        let in_lobby = context.customer.is_none() && !self.settings.workspace.is_forum();
        let replied = message
            .reply_content
            .as_deref()
            .filter(|_| in_lobby || message.reply_to != message.thread);
        let (Some(title), Some(replied)) = (valid_title(arguments), replied) else {
            self.answer(
                context,
                Notice::Usage {
                    command: CommandName::SaveCanned,
                },
            );
            return Ok(());
        };
        let source = message.reply_to.unwrap_or(message.id);
        let album = self.state.album_of(message.chat, source)?;
        let content = match replied {
            _ if album.len() > 1 => CannedContent::Copies {
                chat: message.chat,
                messages: album,
                text: replied
                    .text()
                    .map(|text| text.text.clone())
                    .unwrap_or_default(),
            },
            Content::Text(text) => CannedContent::Text(text.clone()),
            Content::Media(item) if item.kind != MediaKind::VideoNote => {
                CannedContent::Media(item.clone())
            }
            // Kept as a copy of the message itself, sent with `/say`.
            _ => CannedContent::Copies {
                chat: message.chat,
                messages: vec![source],
                text: replied
                    .text()
                    .map(|text| text.text.clone())
                    .unwrap_or_default(),
            },
        };
        let mut replies = self.state.canned_replies()?;
        let key = title_key(&title);
        let replaced = replies.iter().any(|reply| title_key(&reply.title) == key);
        replies.retain(|reply| title_key(&reply.title) != key);
        replies.push(CannedReply {
            title: title.clone(),
            content,
            saved_by: context.author_name(),
            saved_at: self.now,
        });
        self.state.save_canned_replies(&replies)?;
        self.answer(context, Notice::CannedSaved { title, replaced });
        Ok(())
    }

    /// `/respostas`.
    pub(super) fn on_list_canned(&mut self, context: &CommandContext) -> StateResult<()> {
        let mut replies = self.state.canned_replies()?;
        replies.sort_by_key(|reply| fold(&reply.title));
        let entries = replies
            .iter()
            .map(|reply| {
                let preview = match &reply.content {
                    CannedContent::Media(item) if item.caption.is_empty() => {
                        format!("[{}]", item.kind.name())
                    }
                    CannedContent::Media(item) => {
                        format!("[{}] {}", item.kind.name(), preview(&item.caption.text))
                    }
                    CannedContent::Text(text) => preview(&text.text),
                    CannedContent::Copies { messages, text, .. } => {
                        format!("[/say · {}] {}", messages.len(), preview(text))
                    }
                };
                (reply.title.clone(), preview)
            })
            .collect();
        self.answer(context, Notice::CannedList { entries });
        Ok(())
    }

    /// `/resposta_apagar <title>`.
    pub(super) fn on_delete_canned(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let Some(title) = valid_title(arguments) else {
            self.answer(
                context,
                Notice::Usage {
                    command: CommandName::DeleteCanned,
                },
            );
            return Ok(());
        };
        let mut replies = self.state.canned_replies()?;
        let key = title_key(&title);
        let Some(position) = replies
            .iter()
            .position(|reply| title_key(&reply.title) == key)
        else {
            self.answer(context, Notice::CannedNotFound { title });
            return Ok(());
        };
        let removed = replies.remove(position);
        self.state.save_canned_replies(&replies)?;
        self.answer(
            context,
            Notice::CannedDeleted {
                title: removed.title,
            },
        );
        Ok(())
    }

    /// `/resposta_renomear <old> = <new>`.
    pub(super) fn on_rename_canned(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let titles = arguments
            .split_once('=')
            .and_then(|(from, to)| Some((valid_title(from)?, valid_title(to)?)));
        let Some((from, to)) = titles else {
            self.answer(
                context,
                Notice::Usage {
                    command: CommandName::RenameCanned,
                },
            );
            return Ok(());
        };
        let mut replies = self.state.canned_replies()?;
        let (from_key, to_key) = (title_key(&from), title_key(&to));
        if from_key != to_key
            && replies
                .iter()
                .any(|reply| title_key(&reply.title) == to_key)
        {
            self.answer(context, Notice::CannedTitleTaken { title: to });
            return Ok(());
        }
        let Some(reply) = replies
            .iter_mut()
            .find(|reply| title_key(&reply.title) == from_key)
        else {
            self.answer(context, Notice::CannedNotFound { title: from });
            return Ok(());
        };
        let old = std::mem::replace(&mut reply.title, to.clone());
        self.state.save_canned_replies(&replies)?;
        self.answer(context, Notice::CannedRenamed { from: old, to });
        Ok(())
    }

    /// Inline mode: the team gets matching canned replies, anyone else nothing.
    pub(super) fn on_inline_query(
        &mut self,
        id: String,
        from: UserId,
        query: &str,
        team: bool,
    ) -> StateResult<()> {
        let results = if team {
            let replies = self.state.canned_replies()?;
            // Copies (albums, polls…) cannot be sent inline: `/say` sends them.
            let replies: Vec<CannedReply> = replies
                .into_iter()
                .filter(|reply| !matches!(reply.content, CannedContent::Copies { .. }))
                .collect();
            search_canned(&replies, query, MAX_INLINE_RESULTS)
                .into_iter()
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        self.emit(Effect::AnswerInline {
            query: id,
            user: from,
            results,
        });
        Ok(())
    }

    /// An inline query whose author cannot be checked now: nothing is shown, and a button says
    /// why (never the silent empty answer an outsider gets).
    pub(super) fn on_inline_query_unchecked(&mut self, id: String, from: UserId) {
        self.emit(Effect::AnswerInlineUnchecked {
            query: id,
            user: from,
        });
    }
}

fn preview(text: &str) -> String {
    let mut preview: String = text.chars().take(PREVIEW_CHARS).collect();
    if text.chars().count() > PREVIEW_CHARS {
        preview.push('…');
    }
    preview.replace('\n', " ")
}
