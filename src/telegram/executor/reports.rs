//! Statistics reports: every ticket tallied (on a blocking thread, so the runtime keeps
//! relaying), the chart drawn, then sent as a photo titled with the period, followed by the
//! figures as text. A chart that cannot be drawn leaves the figures to go alone.

use teloxide::payloads::{SendMessageSetters, SendPhotoSetters};
use teloxide::prelude::*;
use teloxide::types::{InputFile, ParseMode};

use super::{Call, TEXT_LIMIT, TelegramExecutor, not_in_family};
use crate::desk::{Effect, ReportTarget};
use crate::domain::Workspace;
use crate::pipeline::sender::{Delivered, SendError};
use crate::stats::chart;
use crate::storage::report_figures;
use crate::telegram::html;
use crate::telegram::workspace::{Placement, chat, no_preview, thread_id};

impl TelegramExecutor {
    /// Carries out [`Effect::SendReport`].
    pub(super) async fn report(&self, effect: &Effect, workspace: Workspace) -> Call<Delivered> {
        let Effect::SendReport { target, request } = effect else {
            return not_in_family("report", effect);
        };
        let language = self.localizer.team_language();
        let store = self.store.clone();
        let scope = request.scope();
        let labels = self.localizer.chart_labels(request, language);
        let made = tokio::task::spawn_blocking(move || {
            let figures = report_figures(&store, scope)?;
            let picture = chart::draw(&figures, &labels);
            Ok::<_, crate::storage::StorageError>((figures, picture))
        })
        .await;
        let (figures, picture) = match made {
            Ok(Ok(made)) => made,
            Ok(Err(error)) => return Err(SendError::Transient(error.to_string())),
            Err(error) => return Err(SendError::Transient(error.to_string())),
        };
        let (to, placement) = match target {
            ReportTarget::Team { thread, to } => {
                let thread = match workspace {
                    Workspace::Forum { .. } => thread.map(thread_id),
                    Workspace::Channel { .. } => None,
                };
                let placement = Placement {
                    thread,
                    reply_to: Some(*to),
                };
                (chat(workspace.thread_chat()), placement)
            }
            ReportTarget::Admin { admin } => (chat(admin.private_chat()), Placement::default()),
        };
        match picture {
            Ok(png) => {
                let caption = self.localizer.report_title(request, language);
                let photo = InputFile::memory(png).file_name("report.png");
                let call = self
                    .bot
                    .send_photo(to, photo)
                    .caption(caption)
                    .parse_mode(ParseMode::Html);
                placed!(call, placement, true)
                    .await
                    .map_err(|error| self.failed(error))?;
            }
            Err(error) => {
                tracing::warn!(%error, "the report's chart could not be drawn; its figures go alone");
            }
        }
        let text = self.localizer.report_text(&figures, request, language);
        for part in html::split(&text, TEXT_LIMIT) {
            let call = self
                .bot
                .send_message(to, part)
                .parse_mode(ParseMode::Html)
                .link_preview_options(no_preview());
            placed!(call, placement, true)
                .await
                .map_err(|error| self.failed(error))?;
        }
        Ok(Delivered::default())
    }
}
