//! Exports: the file made from the database (on a blocking thread, in memory, so nothing is
//! left on disk) and sent as documents answering the `/export` command, several when it is
//! longer than one document may be.

use teloxide::payloads::SendDocumentSetters;
use teloxide::prelude::*;
use teloxide::types::{InputFile, ParseMode};

use super::{Call, TelegramExecutor, not_in_family};
use crate::desk::Effect;
use crate::domain::Workspace;
use crate::ops::export;
use crate::pipeline::clock;
use crate::pipeline::sender::{Delivered, SendError};
use crate::telegram::workspace::{Placement, chat, thread_id};

impl TelegramExecutor {
    /// Carries out [`Effect::SendExport`].
    pub(super) async fn export(&self, effect: &Effect, workspace: Workspace) -> Call<Delivered> {
        let Effect::SendExport {
            thread,
            to,
            request,
        } = effect
        else {
            return not_in_family("export", effect);
        };
        let store = self.store.clone();
        let asked = request.clone();
        let pseudonyms = self.localizer.pseudonym_key().cloned();
        let made = tokio::task::spawn_blocking(move || {
            export::parts(&store, &asked, clock::now(), pseudonyms.as_ref())
        })
        .await;
        let parts = match made {
            Ok(Ok(parts)) => parts,
            Ok(Err(error)) => return Err(SendError::Transient(error.to_string())),
            Err(error) => return Err(SendError::Transient(error.to_string())),
        };
        let placement = Placement {
            thread: match workspace {
                Workspace::Forum { .. } => thread.map(thread_id),
                Workspace::Channel { .. } => None,
            },
            reply_to: Some(*to),
        };
        let language = self.localizer.team_language();
        let date = clock::now().utc_string();
        let date = date.split(' ').next().unwrap_or_default();
        let count = parts.len();
        for (index, part) in parts.into_iter().enumerate() {
            let suffix = if count > 1 {
                format!("-{}", index + 1)
            } else {
                String::new()
            };
            let name = format!(
                "{}-{date}{suffix}.{}",
                request.kind.name(),
                request.format.name()
            );
            let caption =
                self.localizer
                    .export_caption(request, (index + 1, count), part.rows, language);
            let document = InputFile::memory(part.bytes).file_name(name);
            let call = self
                .bot
                .send_document(chat(workspace.thread_chat()), document)
                .caption(caption)
                .parse_mode(ParseMode::Html);
            placed!(call, placement, true)
                .await
                .map_err(|error| self.failed(error))?;
        }
        Ok(Delivered::default())
    }
}
