//! Who is in charge of a ticket: `/assign` (the caller), `/assign @username`, `/assign <user
//! id>` and `/unassign`; the private word to the assignee when their customer writes; and the
//! team members the desk knows by name.
//!
//! Only team members can be assigned. The desk knows a team member once they have written in
//! the team chat (their membership was checked then) or while they administer it; a
//! membership change Telegram reports about someone forgets them until they write again. The
//! assignee hears, at most once per ticket every `assignee_ping_minutes`, that their customer
//! wrote while the ticket waits for the team (Telegram delivers it only if they started the
//! bot). Nothing here reaches the customer.

use super::commands::CommandContext;
use super::{CommandName, DeskState, Effect, Notice, Role, StateResult, Turn};
use crate::domain::{
    AdminReach, Author, Customer, IncomingMessage, KnownMember, Member, Ticket, UserId,
};

/// The most team members the desk remembers (the least recently seen are forgotten first).
const ROSTER_LIMIT: usize = 1000;

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// `/assign [@username | user id]`.
    pub(super) fn on_assign_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let Some(mut customer) = context.customer.clone() else {
            return Ok(());
        };
        let target = arguments.trim();
        let assignee = if target.is_empty() {
            match &context.role {
                Role::TeamMember { id, name } => Member {
                    id: *id,
                    name: name.clone(),
                },
                _ => {
                    self.answer(context, Notice::AssignNeedsAccount);
                    return Ok(());
                }
            }
        } else {
            match self.find_team_member(target)? {
                Some(Some(member)) => member,
                Some(None) => {
                    let who = target.to_owned();
                    self.answer(context, Notice::NotOnTeam { who });
                    return Ok(());
                }
                None => {
                    let command = CommandName::Assign;
                    self.answer(context, Notice::Usage { command });
                    return Ok(());
                }
            }
        };
        let Some(mut ticket) = self.current_ticket(&customer)? else {
            return Ok(());
        };
        let name = assignee.name.clone();
        self.assign(&mut customer, &mut ticket, Some(assignee))?;
        self.answer(context, Notice::Assigned { name });
        self.save_ticket_and_customer(&ticket, &customer)
    }

    /// `/unassign`.
    pub(super) fn on_unassign_command(&mut self, context: &CommandContext) -> StateResult<()> {
        let Some(mut customer) = context.customer.clone() else {
            return Ok(());
        };
        let Some(mut ticket) = self.current_ticket(&customer)? else {
            return Ok(());
        };
        let previous = ticket.assignee.as_ref().map(|member| member.name.clone());
        if previous.is_some() {
            self.assign(&mut customer, &mut ticket, None)?;
            self.save_ticket_and_customer(&ticket, &customer)?;
        }
        self.answer(context, Notice::Unassigned { previous });
        Ok(())
    }

    /// The team member `target` names (`@username` or a user id): `None` when it names
    /// nobody in a valid way, `Some(None)` when it names someone not known on the team.
    fn find_team_member(&self, target: &str) -> StateResult<Option<Option<Member>>> {
        let roster = self.state.team_roster()?;
        if let Some(username) = target.strip_prefix('@') {
            if username.is_empty() || username.contains(char::is_whitespace) {
                return Ok(None);
            }
            let found = roster.iter().find(|known| {
                known
                    .username
                    .as_deref()
                    .is_some_and(|name| name.eq_ignore_ascii_case(username))
            });
            return Ok(Some(found.map(KnownMember::member)));
        }
        let Some(id) = target.parse::<i64>().ok().filter(|id| *id > 0).map(UserId) else {
            return Ok(None);
        };
        if let Some(known) = roster.iter().find(|known| known.id == id) {
            return Ok(Some(Some(known.member())));
        }
        let admin = self
            .state
            .admins()?
            .into_iter()
            .find(|admin| admin.id == id);
        Ok(Some(admin.map(|admin| Member {
            id: admin.id,
            name: admin.name,
        })))
    }

    /// Remembers a team member who wrote in the team chat (stored only when something changed).
    pub(super) fn remember_team_member(
        &mut self,
        message: &IncomingMessage,
        role: &Role,
    ) -> StateResult<()> {
        let (Role::TeamMember { id, name }, Author::User { username, .. }) =
            (role, &message.author)
        else {
            return Ok(());
        };
        let seen = KnownMember {
            id: *id,
            name: name.clone(),
            username: username.clone(),
        };
        let mut roster = self.state.team_roster()?;
        if roster.last() == Some(&seen) {
            return Ok(());
        }
        roster.retain(|known| known.id != seen.id);
        roster.push(seen);
        if roster.len() > ROSTER_LIMIT {
            roster.remove(0);
        }
        self.state.save_team_roster(&roster)
    }

    /// Telegram reported a membership change about `user`: they can be assigned again once
    /// they write in the team chat (their membership is checked then).
    pub(super) fn forget_team_member(&mut self, user: UserId) -> StateResult<()> {
        let mut roster = self.state.team_roster()?;
        let before = roster.len();
        roster.retain(|known| known.id != user);
        if roster.len() != before {
            self.state.save_team_roster(&roster)?;
        }
        Ok(())
    }

    /// The customer wrote: their ticket's assignee hears of it privately, unless they heard
    /// of it less than `assignee_ping_minutes` ago or the ticket does not wait for the team.
    pub(super) fn ping_assignee(
        &mut self,
        customer: &Customer,
        ticket: &mut Ticket,
    ) -> StateResult<()> {
        let Some(assignee) = ticket.assignee.clone() else {
            return Ok(());
        };
        let due = ticket
            .assignee_pinged_at
            .is_none_or(|at| self.now >= at.plus(self.settings.assignee_ping_every));
        if !due || !ticket.stage().waits_for_team() || assignee.id == customer.id {
            return Ok(());
        }
        let never_started = self
            .state
            .admins()?
            .iter()
            .any(|admin| admin.id == assignee.id && admin.reach == AdminReach::NotStarted);
        if never_started {
            return Ok(());
        }
        ticket.assignee_pinged_at = Some(self.now);
        let link = customer
            .card
            .root
            .and_then(|root| self.settings.thread_link(root));
        self.emit(Effect::NotifyAdmin {
            admin: assignee.id,
            notice: Notice::AssigneePing {
                customer: customer.id,
                name: customer.full_name(),
                number: ticket.number,
                link,
            },
        });
        Ok(())
    }
}
