//! `/export [customers|tickets|broadcasts] [csv|jsonl] [filter]` in the lobby, for
//! administrators: the desk checks the arguments and asks for the export
//! ([`Effect::SendExport`]); the file is made where effects are carried out, from the data as it
//! is then, and sent as one or more documents. [`TransferNotice`] holds the answers about
//! exports and imports (`imports.rs`).

use serde::{Deserialize, Serialize};

use super::commands::CommandContext;
use super::{CommandName, DeskState, Effect, Failure, Notice, StateResult, Turn};
use crate::domain::{ExportRequest, ImportProblem, ImportRefusal, MessageId};

/// The answers about exports and imports, to the team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TransferNotice {
    /// The export could not be sent.
    ExportFailed {
        /// Why.
        failure: Failure,
    },
    /// The document of an `/import` could not be downloaded.
    ImportFailed {
        /// Why.
        failure: Failure,
    },
    /// `/import` that does not reply to a document.
    ImportNeedsDocument,
    /// The file cannot be imported at all; nothing changed.
    ImportRefused(ImportRefusal),
    /// Rows with problems: the first ones, and how many in all; nothing changed.
    ImportHasProblems {
        /// The first problems, in line order.
        problems: Vec<ImportProblem>,
        /// How many problems in all.
        total: u32,
    },
    /// What applying the file would change, above its Apply and Cancel buttons.
    ImportPreview {
        /// Customers not known yet, who would get a record.
        new: u32,
        /// Known customers the file merges into.
        updated: u32,
    },
    /// The Apply button's label.
    ImportApplyButton,
    /// The Cancel button's label.
    ImportCancelButton,
    /// The import was applied.
    ImportApplied {
        /// Customers created.
        new: u32,
        /// Known customers merged into.
        updated: u32,
    },
    /// The import was cancelled; nothing changed.
    ImportCancelled,
    /// Someone who is not an administrator pressed Apply or Cancel.
    ImportAdminsOnly,
    /// Under `/info`: the customer was imported and has not written to the bot yet.
    ImportedNotWritten,
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// `/export …`: the export asked for, or the usage line when an argument does not fit.
    pub(super) fn on_export_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        match ExportRequest::parse(arguments, self.settings.export_part_bytes) {
            Some(request) => self.emit(Effect::SendExport {
                thread: context.message.thread,
                to: context.message.id,
                request,
            }),
            None => self.answer(
                context,
                Notice::Usage {
                    command: CommandName::Export,
                },
            ),
        }
        Ok(())
    }

    /// An export could not be sent: whoever asked hears why.
    pub(super) fn on_export_failed(
        &mut self,
        thread: Option<MessageId>,
        to: MessageId,
        failure: Failure,
    ) {
        let thread = thread.filter(|_| failure != Failure::ThreadGone);
        self.emit(Effect::AnswerTeam {
            customer: None,
            thread,
            to,
            notice: Notice::Transfer(TransferNotice::ExportFailed { failure }),
        });
    }
}
