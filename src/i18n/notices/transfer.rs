//! Answers about exports and imports (`/export`, `/import`), in the team's language, and the
//! captions of export documents.

use super::misrouted;
use crate::desk::{Notice, TransferNotice};
use crate::domain::{ExportRequest, ImportRefusal, RowProblem};
use crate::i18n::{Localizer, escape_html};

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
            TransferNotice::ImportFailed { failure } => text(
                "import-failed",
                &[("reason", self.failure(failure, language))],
            ),
            TransferNotice::ImportNeedsDocument => text("import-needs-document", &[]),
            TransferNotice::ImportRefused(refusal) => self.import_refusal(refusal, language),
            TransferNotice::ImportHasProblems { problems, total } => {
                let mut lines = vec![text("import-problems", &[("total", total.to_string())])];
                for problem in problems {
                    let what = self.row_problem(&problem.problem, language);
                    lines.push(text(
                        "import-problem-line",
                        &[("line", problem.line.to_string()), ("problem", what)],
                    ));
                }
                let shown = u32::try_from(problems.len()).unwrap_or(u32::MAX);
                if *total > shown {
                    let more = (total - shown).to_string();
                    lines.push(text("import-more-problems", &[("count", more)]));
                }
                lines.join("\n")
            }
            TransferNotice::ImportPreview { new, updated } => text(
                "import-preview",
                &[("new", new.to_string()), ("updated", updated.to_string())],
            ),
            TransferNotice::ImportApplyButton => text("import-apply-button", &[]),
            TransferNotice::ImportCancelButton => text("import-cancel-button", &[]),
            TransferNotice::ImportApplied { new, updated } => text(
                "import-applied",
                &[("new", new.to_string()), ("updated", updated.to_string())],
            ),
            TransferNotice::ImportCancelled => text("import-cancelled", &[]),
            TransferNotice::ImportAdminsOnly => text("import-admins-only", &[]),
            TransferNotice::ImportedNotWritten => text("imported-not-written", &[]),
        }
    }

    /// Why a whole file cannot be imported.
    fn import_refusal(&self, refusal: &ImportRefusal, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        match refusal {
            ImportRefusal::NotCsvOrJsonl => text("import-not-csv", &[]),
            ImportRefusal::TooLarge => text("import-too-large", &[]),
            ImportRefusal::WrongColumns { unknown } if unknown.is_empty() => {
                text("import-no-id-column", &[])
            }
            ImportRefusal::WrongColumns { unknown } => {
                let columns: Vec<String> = unknown.iter().map(|c| escape_html(c)).collect();
                text("import-wrong-columns", &[("columns", columns.join(", "))])
            }
            ImportRefusal::Empty => text("import-empty", &[]),
        }
    }

    /// What is wrong with one row.
    fn row_problem(&self, problem: &RowProblem, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        let quoted = |value: &String| escape_html(value);
        match problem {
            RowProblem::Malformed => text("import-row-malformed", &[]),
            RowProblem::BadId(id) => text("import-row-bad-id", &[("id", quoted(id))]),
            RowProblem::GroupId(id) => text("import-row-group-id", &[("id", id.to_string())]),
            RowProblem::Duplicate { first } => {
                text("import-row-duplicate", &[("first", first.to_string())])
            }
            RowProblem::BadTag(tag) => text("import-row-bad-tag", &[("tag", quoted(tag))]),
            RowProblem::BadField(name) => text("import-row-bad-field", &[("field", quoted(name))]),
            RowProblem::TooManyFields => text("import-row-too-many-fields", &[]),
            RowProblem::TooManyTags => text("import-row-too-many-tags", &[]),
            RowProblem::BadLanguage(language) => {
                text("import-row-bad-language", &[("language", quoted(language))])
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::Failure;
    use crate::domain::{ExportKind, ImportProblem};

    fn every_transfer_notice() -> Vec<TransferNotice> {
        let problem = |line, problem| ImportProblem { line, problem };
        let mut notices = vec![
            TransferNotice::ExportFailed {
                failure: Failure::ThreadGone,
            },
            TransferNotice::ImportFailed {
                failure: Failure::Rejected("Bad Request: wrong file_id".into()),
            },
            TransferNotice::ImportNeedsDocument,
            TransferNotice::ImportHasProblems {
                problems: vec![
                    problem(2, RowProblem::Malformed),
                    problem(3, RowProblem::BadId("<b>".into())),
                    problem(4, RowProblem::GroupId(-100)),
                    problem(5, RowProblem::Duplicate { first: 2 }),
                    problem(6, RowProblem::BadTag("a b".into())),
                    problem(7, RowProblem::BadField("Plan".into())),
                    problem(8, RowProblem::TooManyFields),
                    problem(9, RowProblem::TooManyTags),
                    problem(10, RowProblem::BadLanguage("x".into())),
                ],
                total: 12,
            },
            TransferNotice::ImportPreview { new: 1, updated: 2 },
            TransferNotice::ImportApplyButton,
            TransferNotice::ImportCancelButton,
            TransferNotice::ImportApplied { new: 1, updated: 2 },
            TransferNotice::ImportCancelled,
            TransferNotice::ImportAdminsOnly,
            TransferNotice::ImportedNotWritten,
        ];
        for refusal in [
            ImportRefusal::NotCsvOrJsonl,
            ImportRefusal::TooLarge,
            ImportRefusal::WrongColumns { unknown: vec![] },
            ImportRefusal::WrongColumns {
                unknown: vec!["<ticket>".into()],
            },
            ImportRefusal::Empty,
        ] {
            notices.push(TransferNotice::ImportRefused(refusal));
        }
        notices
    }

    #[test]
    fn every_export_and_import_answer_renders_in_every_language() {
        let localizer = Localizer::new("en", "en").unwrap();
        for language in crate::domain::LANGUAGES {
            for notice in every_transfer_notice() {
                let html = localizer.notice(&Notice::Transfer(notice.clone()), language);
                assert!(!html.trim().is_empty(), "{notice:?} in {language}");
                assert!(
                    !html.contains("<b>") && !html.contains("<ticket>"),
                    "{html}"
                );
            }
            let request = ExportRequest {
                kind: ExportKind::Broadcasts,
                ..ExportRequest::default()
            };
            let caption = localizer.export_caption(&request, (2, 3), 40, language);
            assert!(caption.contains("40") && caption.contains('3'), "{caption}");
        }
        let problems = every_transfer_notice().swap_remove(3);
        let html = localizer.notice(&Notice::Transfer(problems), "en");
        assert!(
            html.contains("\nLine 3: “&lt;b&gt;” is not a user id\n"),
            "{html}"
        );
        assert!(html.ends_with("\n… and 3 more."), "{html}");
    }
}
