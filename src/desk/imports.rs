//! `/import` in the lobby, replying to a CSV or JSON lines document, for administrators.
//!
//! The desk asks for the document to be read ([`Effect::ReadImport`]); the rows come back as
//! [`Event::ImportRead`](super::Event::ImportRead). A file with any problem is answered with
//! the first problems and their lines, and nothing is kept. Otherwise the desk keeps the rows
//! and shows what would change, with Apply and Cancel buttons (administrators only). Apply
//! merges every row in this one turn (one store transaction): tags added, contact fields and
//! notes set, the language replaced; customers not known yet get a record, shown as imported
//! until they write. Nothing is ever sent to a customer.

use std::collections::BTreeMap;

use super::buttons::ButtonAnswer;
use super::commands::CommandContext;
use super::{
    Button, ButtonPress, DeskState, Effect, Failure, Keyboard, Notice, Reader, Role, StateResult,
    TransferNotice, Turn,
};
use crate::domain::{
    ButtonAction, Card, Content, Customer, ImportFile, ImportProblem, ImportRefusal, ImportRow,
    MediaKind, MessageId, OpenedBy, PendingImport, Reachability, RowProblem, SHOWN_PROBLEMS, Tag,
    TicketNumber, add_tag, set_field,
};

/// An imported customer the team opened more tickets for than this has surely been heard from
/// (or is not worth the reads to tell).
const SILENT_TICKETS_CHECKED: u32 = 20;

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// `/import`, which must reply to a document.
    pub(super) fn on_import_command(&mut self, context: &CommandContext) -> StateResult<()> {
        let message = &context.message;
        let document = match message.reply_content.as_deref() {
            Some(Content::Media(item)) if item.kind == MediaKind::Document => item,
            _ => {
                let notice = Notice::Transfer(TransferNotice::ImportNeedsDocument);
                self.answer(context, notice);
                return Ok(());
            }
        };
        self.emit(Effect::ReadImport {
            thread: message.thread,
            to: message.id,
            file_id: document.file_id.clone(),
        });
        Ok(())
    }

    /// The document could not be downloaded: whoever asked hears why.
    pub(super) fn on_import_unreadable(
        &mut self,
        thread: Option<MessageId>,
        to: MessageId,
        failure: Failure,
    ) {
        let thread = thread.filter(|_| failure != Failure::ThreadGone);
        self.answer_import(thread, to, TransferNotice::ImportFailed { failure });
    }

    /// The document was read: refused, its problems listed, or previewed with buttons.
    pub(super) fn on_import_read(
        &mut self,
        thread: Option<MessageId>,
        to: MessageId,
        outcome: Result<ImportFile, ImportRefusal>,
    ) -> StateResult<()> {
        let file = match outcome {
            Ok(file) => file,
            Err(refusal) => {
                self.answer_import(thread, to, TransferNotice::ImportRefused(refusal));
                return Ok(());
            }
        };
        let (merged, mut problems) = self.merged(&file.rows)?;
        problems.extend(file.problems);
        if !problems.is_empty() {
            problems.sort_by_key(|problem| problem.line);
            let total = u32::try_from(problems.len()).unwrap_or(u32::MAX);
            problems.truncate(SHOWN_PROBLEMS);
            let notice = TransferNotice::ImportHasProblems { problems, total };
            self.answer_import(thread, to, notice);
            return Ok(());
        }
        let (new, updated) = counts(&merged);
        self.state.save_pending_import(
            to,
            Some(&PendingImport {
                rows: file.rows.clone(),
            }),
        )?;
        let button = |label: TransferNotice, action: ButtonAction| Button {
            label: Notice::Transfer(label),
            action,
        };
        self.emit(Effect::SendButtons {
            chat: self.settings.workspace.thread_chat(),
            customer: None,
            thread,
            reply_to: Some(to),
            reader: Reader::Team,
            notice: Notice::Transfer(TransferNotice::ImportPreview { new, updated }),
            keyboard: Keyboard {
                rows: vec![vec![
                    button(
                        TransferNotice::ImportApplyButton,
                        ButtonAction::ImportApply(to),
                    ),
                    button(
                        TransferNotice::ImportCancelButton,
                        ButtonAction::ImportCancel(to),
                    ),
                ]],
            },
        });
        Ok(())
    }

    /// Apply or Cancel under an import's preview (administrators only).
    pub(super) fn on_import_button(
        &mut self,
        press: &ButtonPress,
        command: MessageId,
        apply: bool,
    ) -> StateResult<ButtonAnswer> {
        let role = Role::TeamMember {
            id: press.from,
            name: press.name.clone(),
        };
        if !self.is_admin(&role)? {
            let notice = Notice::Transfer(TransferNotice::ImportAdminsOnly);
            return Ok(ButtonAnswer::Alert(notice));
        }
        let (Some(pending), Some((chat, message))) =
            (self.state.pending_import(command)?, press.message)
        else {
            return Ok(ButtonAnswer::Alert(Notice::ButtonExpired));
        };
        let notice = if apply {
            let (merged, problems) = self.merged(&pending.rows)?;
            if let Some(problem) = problems.into_iter().next() {
                // The customers changed since the preview (a field too many now): nothing is
                // applied, and the file can be sent again.
                let notice = TransferNotice::ImportHasProblems {
                    problems: vec![problem],
                    total: 1,
                };
                return Ok(ButtonAnswer::Alert(Notice::Transfer(notice)));
            }
            let (new, updated) = counts(&merged);
            for (customer, change) in &merged {
                if *change != Change::None {
                    self.state.save_customer(customer)?;
                }
            }
            TransferNotice::ImportApplied { new, updated }
        } else {
            TransferNotice::ImportCancelled
        };
        self.state.save_pending_import(command, None)?;
        self.emit(Effect::EditButtons {
            chat,
            message,
            customer: None,
            reader: Reader::Team,
            notice: Notice::Transfer(notice.clone()),
            keyboard: Keyboard::default(),
        });
        Ok(ButtonAnswer::Toast(Notice::Transfer(notice)))
    }

    /// Each row merged into its customer as they are now (or a new record), with what that
    /// changes; and the rows that cannot be merged.
    #[allow(clippy::type_complexity)]
    fn merged(
        &self,
        rows: &[ImportRow],
    ) -> StateResult<(Vec<(Customer, Change)>, Vec<ImportProblem>)> {
        let mut merged = Vec::with_capacity(rows.len());
        let mut problems = Vec::new();
        for row in rows {
            let known = self.state.customer(row.customer)?;
            let mut customer = known.clone().unwrap_or_else(|| Customer {
                id: row.customer,
                first_name: row.name.clone().unwrap_or_default(),
                last_name: None,
                username: row.username.clone(),
                language: None,
                first_seen: self.now,
                card: Card::default(),
                ticket: TicketNumber(0),
                reachability: Reachability::Reachable,
                ban: None,
                tags: Vec::new(),
                fields: BTreeMap::new(),
            });
            match merge(&mut customer, row) {
                Ok(()) => {
                    let change = match &known {
                        None => Change::New,
                        Some(known) if *known != customer => Change::Updated,
                        Some(_) => Change::None,
                    };
                    merged.push((customer, change));
                }
                Err(problem) => problems.push(ImportProblem {
                    line: row.line,
                    problem,
                }),
            }
        }
        Ok((merged, problems))
    }

    /// Whether the customer came from an import and has not written yet: no ticket, or a
    /// first ticket the team opened (`/new`) and no message from them since. Everyone else's
    /// first ticket is one they opened.
    pub(super) fn imported_and_silent(&self, customer: &Customer) -> StateResult<bool> {
        let last = customer.ticket.0;
        if last == 0 {
            return Ok(true);
        }
        if last > SILENT_TICKETS_CHECKED {
            return Ok(false);
        }
        for number in 1..=last {
            let Some(ticket) = self.state.ticket(customer.id, TicketNumber(number))? else {
                continue;
            };
            let opened_by_team = matches!(ticket.opened_by, OpenedBy::Team { .. });
            if ticket.customer_wrote || (number == 1 && !opened_by_team) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn answer_import(&mut self, thread: Option<MessageId>, to: MessageId, notice: TransferNotice) {
        self.emit(Effect::AnswerTeam {
            customer: None,
            thread,
            to,
            notice: Notice::Transfer(notice),
        });
    }
}

/// Merges a row into a customer: tags added, fields set, language replaced.
fn merge(customer: &mut Customer, row: &ImportRow) -> Result<(), RowProblem> {
    for tag in &row.tags {
        let parsed = Tag::parse(tag).ok_or_else(|| RowProblem::BadTag(tag.clone()))?;
        let known = customer
            .tags
            .iter()
            .any(|known| known.eq_ignore_ascii_case(tag));
        if !add_tag(&mut customer.tags, &parsed) && !known {
            return Err(RowProblem::TooManyTags);
        }
    }
    for (name, value) in &row.fields {
        set_field(&mut customer.fields, name, value).map_err(|_| RowProblem::TooManyFields)?;
    }
    if let Some(language) = &row.language {
        customer.language = Some(language.clone());
    }
    Ok(())
}

/// What merging a row does to its customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Change {
    /// A record for a customer not known yet.
    New,
    /// A known customer changes.
    Updated,
    /// The row says nothing the record does not already hold.
    None,
}

/// How many customers are new, and how many known ones change.
fn counts(merged: &[(Customer, Change)]) -> (u32, u32) {
    let count = |wanted: Change| {
        let n = merged
            .iter()
            .filter(|(_, change)| *change == wanted)
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    (count(Change::New), count(Change::Updated))
}
