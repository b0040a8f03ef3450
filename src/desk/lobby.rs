//! The lobby's lists: `/queue`, `/mine` and `/find`, typed in the team chat outside customers'
//! threads, answered with one page of links to threads and, past one page, buttons to turn
//! the pages (team only).
//!
//! The desk asks the storage's index for a page of customer ids ([`DeskState::lookup`]) and
//! reads only the records shown, so an answer costs the same at any number of customers.

use super::commands::CommandContext;
use super::{
    Button, ButtonAnswer, ButtonPress, CommandName, DeskState, Effect, Keyboard, Notice, Reader,
    Role, StateResult, Turn,
};
use crate::domain::{ButtonAction, Lookup, LookupRow, PAGE_SIZE, TicketSummary};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// `/queue`, `/mine` or `/find <text>` in the lobby.
    pub(super) fn on_lobby_list_command(
        &mut self,
        context: &CommandContext,
        command: CommandName,
        arguments: &str,
    ) -> StateResult<()> {
        let arguments = arguments.trim();
        let lookup = match command {
            CommandName::Queue if arguments.is_empty() => Some(Lookup::Queue),
            CommandName::Mine if arguments.is_empty() => match &context.role {
                Role::TeamMember { id, .. } => Some(Lookup::Mine(*id)),
                _ => None,
            },
            CommandName::Find => Lookup::find(arguments),
            _ => None,
        };
        let Some(lookup) = lookup else {
            self.answer(context, Notice::Usage { command });
            return Ok(());
        };
        let (notice, keyboard) = self.lobby_page(lookup, 0)?;
        let message = &context.message;
        self.emit(Effect::SendButtons {
            chat: message.chat,
            customer: None,
            thread: message.thread,
            reply_to: Some(message.id),
            reader: Reader::Team,
            notice,
            keyboard,
        });
        Ok(())
    }

    /// A page button under a lobby list: the message shows that page now.
    pub(super) fn on_lobby_page_pressed(
        &mut self,
        press: &ButtonPress,
        lookup: Lookup,
        page: u32,
    ) -> StateResult<ButtonAnswer> {
        let Some((chat, message)) = press.message else {
            return Ok(ButtonAnswer::Alert(Notice::ButtonExpired));
        };
        let (notice, keyboard) = self.lobby_page(lookup, page)?;
        self.emit(Effect::EditButtons {
            chat,
            message,
            customer: None,
            reader: Reader::Team,
            notice,
            keyboard,
        });
        Ok(ButtonAnswer::Quiet)
    }

    /// A page of a list (the last one, if the list shrank below `page`) and its buttons.
    fn lobby_page(&self, lookup: Lookup, page: u32) -> StateResult<(Notice, Keyboard)> {
        let size = PAGE_SIZE;
        let mut found = self.state.lookup(&lookup, page as usize * size, size)?;
        let pages = found.total.div_ceil(size).max(1);
        let mut page = page as usize;
        if page >= pages {
            page = pages - 1;
            found = self.state.lookup(&lookup, page * size, size)?;
        }
        let mut rows = Vec::with_capacity(found.customers.len());
        for id in found.customers {
            let Some(customer) = self.state.customer(id)? else {
                continue;
            };
            let ticket = self.state.ticket(id, customer.ticket)?;
            let link = customer
                .card
                .root
                .filter(|_| customer.card.is_in(self.settings.workspace))
                .and_then(|root| self.settings.thread_link(root));
            rows.push(LookupRow {
                customer: id,
                name: customer.full_name(),
                username: customer.username.clone(),
                link,
                ticket: ticket.map(|ticket| {
                    TicketSummary::of(&ticket, self.settings.priority_marker(ticket.priority))
                }),
            });
        }
        let page = u32::try_from(page).unwrap_or(u32::MAX);
        let pages = u32::try_from(pages).unwrap_or(u32::MAX);
        let mut buttons = Vec::new();
        if page > 0 {
            buttons.push(Button {
                label: Notice::PageButton { next: false },
                action: ButtonAction::LobbyPage {
                    lookup: lookup.clone(),
                    page: page - 1,
                },
            });
        }
        if page + 1 < pages {
            buttons.push(Button {
                label: Notice::PageButton { next: true },
                action: ButtonAction::LobbyPage {
                    lookup: lookup.clone(),
                    page: page + 1,
                },
            });
        }
        let keyboard = Keyboard {
            rows: if buttons.is_empty() {
                Vec::new()
            } else {
                vec![buttons]
            },
        };
        let notice = Notice::LobbyList {
            lookup,
            rows,
            page,
            pages,
            total: u32::try_from(found.total).unwrap_or(u32::MAX),
            now: self.now,
        };
        Ok((notice, keyboard))
    }
}
