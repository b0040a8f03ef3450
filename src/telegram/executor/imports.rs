//! Imports: the document an `/import` replies to, downloaded (never past the 20 MB bots may
//! download) into memory, read on a blocking thread and handed back to the desk as
//! [`Event::ImportRead`]; nothing is written to disk.

use teloxide::RequestError;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::FileId;

use super::{Call, TelegramExecutor, not_in_family};
use crate::desk::{Effect, Event};
use crate::domain::{IMPORT_LIMIT, ImportRefusal};
use crate::ops::import;
use crate::pipeline::sender::{Delivered, SendError};

impl TelegramExecutor {
    /// Carries out [`Effect::ReadImport`].
    pub(super) async fn read_import(&self, effect: &Effect) -> Call<Delivered> {
        let Effect::ReadImport {
            thread,
            to,
            file_id,
        } = effect
        else {
            return not_in_family("import", effect);
        };
        let outcome = match self.bot.get_file(FileId(file_id.clone())).await {
            Ok(file) if u64::from(file.meta.size) > IMPORT_LIMIT => Err(ImportRefusal::TooLarge),
            Ok(file) => {
                let mut bytes = Vec::new();
                self.bot
                    .download_file(&file.path, &mut bytes)
                    .await
                    .map_err(|error| SendError::Transient(error.to_string()))?;
                if bytes.len() as u64 > IMPORT_LIMIT {
                    Err(ImportRefusal::TooLarge)
                } else {
                    let path = file.path.clone();
                    tokio::task::spawn_blocking(move || import::read(&path, &bytes))
                        .await
                        .map_err(|error| SendError::Transient(error.to_string()))?
                }
            }
            Err(RequestError::Api(error)) if error.to_string().contains("too big") => {
                Err(ImportRefusal::TooLarge)
            }
            Err(error) => return Err(self.failed(error)),
        };
        Ok(Delivered {
            links: Vec::new(),
            events: vec![Event::ImportRead {
                thread: *thread,
                to: *to,
                outcome,
            }],
        })
    }
}
