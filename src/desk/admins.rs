//! Administrators' notifications: every administrator of the team's chat (the channel, or the
//! forum) who has started the bot hears about new threads and reopened tickets in a private
//! message.
//!
//! The list follows Telegram: a membership change it reports (`chat_member`) applies at once,
//! and the periodic listing corrects anything missed, unless a reported change is newer than
//! the listing. Telegram lets a bot write first only to people who started it, so only
//! administrators known to have written to the bot are notified: nobody else is tried (a burst
//! of new customers would otherwise cost a refused call each). A refusal (they blocked the bot
//! since) marks them again, until they write to the bot.

use super::{DeskState, Effect, Failure, Notice, StateResult, Turn};
use crate::domain::{Admin, AdminReach, Customer, OpenedBy, Ticket, Timestamp, UserId};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// A listing of the administrators asked for at `asked_at` replaces the stored list, unless
    /// a membership change reported since then is newer (the next listing will agree with it).
    pub(super) fn on_admins_listed(
        &mut self,
        admins: Vec<(UserId, String)>,
        asked_at: Timestamp,
    ) -> StateResult<()> {
        if self
            .state
            .admins_changed_at()?
            .is_some_and(|changed| changed >= asked_at)
        {
            tracing::debug!(
                "a listing of the administrators older than a reported change was ignored"
            );
            return Ok(());
        }
        self.on_admins_refreshed(admins)
    }

    /// A reported membership change adds or removes one administrator at once.
    pub(super) fn on_admin_changed(
        &mut self,
        user: UserId,
        name: String,
        admin: bool,
    ) -> StateResult<()> {
        let mut admins = self.state.admins()?;
        let position = admins.iter().position(|entry| entry.id == user);
        match (position, admin) {
            (Some(index), false) => {
                admins.remove(index);
                self.state.save_admins(&admins)?;
            }
            (None, true) => {
                admins.push(Admin {
                    id: user,
                    name,
                    reach: AdminReach::Unknown,
                });
                self.state.save_admins(&admins)?;
            }
            (Some(_), true) | (None, false) => {}
        }
        self.forget_team_member(user)?;
        // Even a change that leaves the list as it is makes older listings stale.
        self.state.save_admins_changed_at(self.now)
    }

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

    /// Tells every administrator who started the bot that a customer opened a ticket. Tickets the team
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
            if admin.reach != AdminReach::Reachable {
                tracing::debug!(admin = %admin.id, "administrator has not started the bot; not notified");
                self.output.admin_notices_skipped += 1;
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
