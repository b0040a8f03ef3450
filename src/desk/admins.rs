//! Administrators' notifications: every channel administrator who has started the bot hears in
//! a private message whenever a customer opens a ticket (in a new thread, or a reopened one).
//!
//! Administrators who never started the bot cannot be written to first; the first refusal marks
//! them and they are skipped (without errors) until they write to the bot.

use super::{DeskState, Effect, Failure, Notice, StateResult, Turn};
use crate::domain::{Admin, AdminReach, Customer, OpenedBy, Ticket, UserId};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// Telegram's current list of administrators replaces the stored one, keeping what is known
    /// about who can receive notifications.
    pub(super) fn on_admins_refreshed(&mut self, admins: Vec<(UserId, String)>) -> StateResult<()> {
        let known = self.state.admins()?;
        let merged: Vec<Admin> = admins
            .into_iter()
            .map(|(id, name)| {
                let reach = known
                    .iter()
                    .find(|admin| admin.id == id)
                    .map_or(AdminReach::Unknown, |admin| admin.reach);
                Admin { id, name, reach }
            })
            .collect();
        self.state.save_admins(&merged)
    }

    /// Tells every reachable administrator that a customer opened a ticket. Tickets the team
    /// opened are not announced (the team knows), and an administrator who writes to the bot
    /// is not told about their own ticket.
    pub(super) fn notify_admins(
        &mut self,
        customer: &Customer,
        ticket: &Ticket,
    ) -> StateResult<()> {
        if ticket.opened_by != OpenedBy::Customer {
            return Ok(());
        }
        let link = customer
            .card
            .root
            .and_then(|root| self.settings.thread_link(root));
        for admin in self.state.admins()? {
            if admin.id == customer.id {
                continue;
            }
            if admin.reach == AdminReach::NotStarted {
                tracing::debug!(admin = %admin.id, "administrator never started the bot; not notified");
                continue;
            }
            self.emit(Effect::NotifyAdmin {
                admin: admin.id,
                notice: Notice::AdminTicketOpened {
                    customer: customer.id,
                    name: customer.full_name(),
                    username: customer.username.clone(),
                    number: ticket.number,
                    origin: ticket.origins.first().map(ToString::to_string),
                    link: link.clone(),
                },
            });
        }
        Ok(())
    }

    /// Records whether an administrator can receive notifications.
    pub(super) fn set_admin_reach(
        &mut self,
        admin: UserId,
        reach: AdminReach,
    ) -> StateResult<bool> {
        let mut admins = self.state.admins()?;
        let Some(entry) = admins.iter_mut().find(|entry| entry.id == admin) else {
            return Ok(false);
        };
        if entry.reach != reach {
            entry.reach = reach;
            self.state.save_admins(&admins)?;
        }
        Ok(true)
    }

    /// A notification could not be delivered.
    pub(super) fn on_admin_unreachable(
        &mut self,
        admin: UserId,
        failure: &Failure,
    ) -> StateResult<()> {
        if matches!(
            failure,
            Failure::NotStarted | Failure::BlockedByUser | Failure::UserDeactivated
        ) {
            self.set_admin_reach(admin, AdminReach::NotStarted)?;
        }
        Ok(())
    }
}
