//! Answers about exports and imports (`/export`, `/import`), in the team's language, and the
//! captions of export documents.

use super::misrouted;
use crate::desk::{Notice, TransferNotice};
use crate::domain::ExportRequest;
use crate::i18n::Localizer;

impl Localizer {
    /// An answer about an export or an import.
    pub(super) fn transfer_answer(&self, notice: &Notice, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        let Notice::Transfer(notice) = notice else {
            return misrouted(notice);
        };
        match notice {
            TransferNotice::ExportFailed { failure } => text(
                "export-failed",
                &[("reason", self.failure(failure, language))],
            ),
        }
    }

    /// The caption of one document of an export: what it holds, and which part it is.
    pub fn export_caption(
        &self,
        request: &ExportRequest,
        (part, parts): (usize, usize),
        rows: u64,
        language: &str,
    ) -> String {
        let kind = self.text(
            language,
            &format!("export-kind-{}", request.kind.name()),
            &[],
        );
        let mut caption = self.text(
            language,
            "export-caption",
            &[("kind", kind), ("rows", rows.to_string())],
        );
        if parts > 1 {
            caption.push_str(&self.text(
                language,
                "export-part",
                &[("part", part.to_string()), ("parts", parts.to_string())],
            ));
        }
        caption
    }
}
