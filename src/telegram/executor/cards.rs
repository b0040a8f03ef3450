//! The customer's card: posting it, editing it, showing it open or closed, and deleting a post
//! whose thread never appeared. The layouts differ in [`Workspace`]'s card calls.

use teloxide::prelude::*;
use teloxide::{ApiError, RequestError};

use super::{Call, TelegramExecutor, not_in_family};
use crate::desk::{Effect, Event};
use crate::domain::Workspace;
use crate::pipeline::sender::Delivered;
use crate::telegram::workspace::{chat, message};

impl TelegramExecutor {
    /// Carries out a card effect.
    pub(super) async fn card(&self, effect: &Effect, workspace: Workspace) -> Call<Delivered> {
        match effect {
            Effect::PostCard { customer, card } => {
                let (post, root) = workspace
                    .post_card(&self.bot, &self.localizer, card)
                    .await
                    .map_err(|error| self.failed(error))?;
                let event = Event::CardPosted {
                    customer: *customer,
                    post,
                    root,
                };
                Ok(Delivered {
                    links: Vec::new(),
                    events: vec![event],
                })
            }
            Effect::EditCard {
                post, thread, card, ..
            } => workspace
                .edit_card(&self.bot, &self.localizer, *post, *thread, card)
                .await
                .map(|()| Delivered::default())
                .map_err(|error| self.failed(error)),
            Effect::OpenCard { post, thread, .. } => workspace
                .open_card(&self.bot, *post, *thread)
                .await
                .map(|()| Delivered::default())
                .map_err(|error| self.failed(error)),
            Effect::CloseCard { post, thread, .. } => workspace
                .close_card(&self.bot, *post, *thread)
                .await
                .map(|()| Delivered::default())
                .map_err(|error| self.failed(error)),
            Effect::DeleteCard { post, .. } => {
                match self
                    .bot
                    .delete_message(chat(workspace.card_chat()), message(*post))
                    .await
                {
                    Ok(_)
                    | Err(RequestError::Api(
                        ApiError::MessageToDeleteNotFound | ApiError::MessageCantBeDeleted,
                    )) => Ok(Delivered::default()),
                    Err(error) => Err(self.failed(error)),
                }
            }
            other => not_in_family("card", other),
        }
    }
}
