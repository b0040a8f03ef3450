//! The existing bot's messages mirrored into the customer's thread (`intercept_external`):
//! labelled as the bot's (`existing-bot-label` in the team's language) with its inline buttons
//! listed as text (cards and threads carry no keyboards). A text is sent as a new message, media
//! are copied with the labelled caption, anything else is copied as it is; the link between the
//! two is stored like a customer message's, so a team member's reply to the mirror replies to the
//! original. An edit rewrites the mirror the same way.

use teloxide::payloads::{CopyMessageSetters, SendMessageSetters};
use teloxide::prelude::*;
use teloxide::requests::HasPayload;

use super::relay::{is_missing_reply, linked};
use super::{Call, TelegramExecutor, not_in_family, storage_failed};
use crate::desk::{DeskState, Effect};
use crate::domain::{Content, FormattedText, MessageId, UserId, Workspace};
use crate::pipeline::sender::Delivered;
use crate::telegram::workspace::{chat, message, no_preview};

impl TelegramExecutor {
    /// Carries out a mirroring effect.
    pub(super) async fn mirror(&self, effect: &Effect, workspace: Workspace) -> Call<Delivered> {
        let thread_chat = workspace.thread_chat();
        match effect {
            Effect::MirrorToThread {
                customer,
                root,
                message: source,
                reply_to,
                content,
                buttons,
            } => {
                let target = self.thread_target(thread_chat, *customer, *root, *reply_to)?;
                let labelled = self.labelled(content, buttons);
                let mut result = self
                    .send_mirror(workspace, *customer, *source, &labelled, *root, target)
                    .await;
                if target != *root && is_missing_reply(&result) {
                    result = self
                        .send_mirror(workspace, *customer, *source, &labelled, *root, *root)
                        .await;
                }
                let copy = result.map_err(|error| self.thread_failure(error))?;
                Ok(linked(*customer, *source, (thread_chat, copy)))
            }
            Effect::EditMirror {
                customer,
                message: source,
                content,
                buttons,
                ..
            } => {
                let copy = self
                    .links()
                    .team_side(*customer, *source)
                    .map_err(storage_failed)?
                    .filter(|(chat, _)| *chat == thread_chat)
                    .map(|(_, copy)| copy);
                let Some(copy) = copy else {
                    tracing::debug!(%customer, message = %source, "edit of an existing bot's message without a mirror ignored");
                    return Ok(Delivered::default());
                };
                let labelled = self.labelled(content, buttons);
                self.edit_copy(chat(thread_chat), copy, &labelled).await
            }
            other => not_in_family("mirror", other),
        }
    }

    /// Sends one mirror into the thread, replying to `target`.
    async fn send_mirror(
        &self,
        workspace: Workspace,
        customer: UserId,
        source: MessageId,
        labelled: &Content,
        root: MessageId,
        target: MessageId,
    ) -> Result<MessageId, teloxide::RequestError> {
        let to = chat(workspace.thread_chat());
        let placement = workspace.place(root, target);
        let sent = match labelled {
            Content::Text(text) => {
                let request = placed!(
                    self.bot
                        .send_message(to, text.text.clone())
                        .link_preview_options(no_preview()),
                    placement,
                    false
                );
                let slots = [(String::new(), "entities", text.entities.as_slice())];
                self.send_raw(request.payload_ref(), &slots).await?
            }
            Content::Media(item) => {
                let request = placed!(
                    self.bot
                        .copy_message(to, chat(customer.private_chat()), message(source))
                        .caption(item.caption.text.clone()),
                    placement,
                    false
                );
                let slots = [(
                    String::new(),
                    "caption_entities",
                    item.caption.entities.as_slice(),
                )];
                self.send_raw(request.payload_ref(), &slots).await?
            }
            _ => {
                let request = placed!(
                    self.bot
                        .copy_message(to, chat(customer.private_chat()), message(source)),
                    placement,
                    false
                );
                self.send_raw(request.payload_ref(), &[]).await?
            }
        };
        let id = sent
            .get("message_id")
            .and_then(serde_json::Value::as_i64)
            .and_then(|id| i32::try_from(id).ok())
            .unwrap_or_default();
        Ok(MessageId(id))
    }

    /// The content with the bot's label in front and its buttons listed after.
    fn labelled(&self, content: &Content, buttons: &[String]) -> Content {
        let label = self
            .localizer
            .text(self.localizer.team_language(), "existing-bot-label", &[]);
        let label = |text: &FormattedText| label_text(&label, text, buttons);
        match content {
            Content::Text(text) => Content::Text(label(text)),
            Content::Media(item) => {
                let mut item = item.clone();
                item.caption = label(&item.caption);
                Content::Media(item)
            }
            other => other.clone(),
        }
    }
}

/// `label text` and the buttons as `[one] [two]` on a line of their own, the text's formatting
/// moved along.
fn label_text(label: &str, text: &FormattedText, buttons: &[String]) -> FormattedText {
    let prefix = if text.text.is_empty() {
        label.to_owned()
    } else {
        format!("{label} ")
    };
    let shift = u32::try_from(prefix.encode_utf16().count()).unwrap_or(0);
    let mut labelled = format!("{prefix}{}", text.text);
    if !buttons.is_empty() {
        let list: Vec<String> = buttons.iter().map(|button| format!("[{button}]")).collect();
        labelled.push('\n');
        labelled.push_str(&list.join(" "));
    }
    let entities = text
        .entities
        .iter()
        .cloned()
        .map(|mut entity| {
            entity.offset += shift;
            entity
        })
        .collect();
    FormattedText {
        text: labelled,
        entities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Entity, EntityKind};

    #[test]
    fn the_label_goes_first_and_the_buttons_last_with_formatting_moved_along() {
        let text = FormattedText {
            text: "pick one".into(),
            entities: vec![bold(0)],
        };
        let labelled = label_text("🤖 bot:", &text, &["Buy".into(), "Help".into()]);
        assert_eq!(labelled.text, "🤖 bot: pick one\n[Buy] [Help]");
        // "🤖 bot: " is 8 UTF-16 code units (the emoji takes two).
        assert_eq!(labelled.entities, vec![bold(8)]);
    }

    fn bold(offset: u32) -> Entity {
        Entity {
            kind: EntityKind::Bold,
            offset,
            length: 4,
        }
    }
}
