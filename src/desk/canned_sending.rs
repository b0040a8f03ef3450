//! Canned replies going out with their variables filled (`{first_name}`, `{name}`,
//! `{ticket}`, `{agent}`, `{field:<name>}`, `{tag:<key>}`): a reply chosen in inline mode
//! reaches the thread with its placeholders (inline mode does not say which thread it is typed
//! in) and the customer gets it filled; `/say <title>` in a thread sends a canned reply to the
//! thread's customer directly, filled.

use super::CommandName;
use super::commands::CommandContext;
use super::team_messages::Outgoing;
use super::{DeskState, Effect, Notice, Role, StateResult, Turn};
use crate::domain::{
    CannedContent, Content, Customer, FormattedText, IncomingMessage, Ticket, VariableValues,
    fill_variables, has_variables, title_key, valid_title,
};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// A canned reply the team chose in inline mode (sent "via" a bot) that holds variables:
    /// the effect sending it filled. `None` for every other message (copied as it is).
    pub(super) fn filled_team_message(
        &self,
        message: &IncomingMessage,
        customer: &Customer,
        ticket: &Ticket,
        role: &Role,
    ) -> Option<Effect> {
        message.via_bot?;
        let (text, media) = match &message.content {
            Content::Text(text) => (text, false),
            Content::Media(item) => (&item.caption, true),
            _ => return None,
        };
        if !has_variables(&text.text) {
            return None;
        }
        let agent = role
            .display_name()
            .unwrap_or_else(|| message.author.display_name());
        let values = variable_values(customer, ticket, agent);
        let filled = fill_variables(text, &values);
        let content = match &message.content {
            Content::Media(item) => {
                let mut item = item.clone();
                item.caption = filled;
                Content::Media(item)
            }
            _ => Content::Text(filled),
        };
        Some(Effect::FilledToCustomer {
            customer: customer.id,
            message: message.id,
            content,
            copy_from: media.then_some(message.id),
            reply_to: message.reply_to.filter(|to| Some(*to) != message.thread),
        })
    }

    /// `/say <title>` in a customer's thread: the canned reply goes to the customer, filled,
    /// as any team message would (it counts as the team's reply).
    pub(super) fn on_say_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let Some(title) = valid_title(arguments) else {
            let notice = Notice::Usage {
                command: CommandName::Say,
            };
            self.answer(context, notice);
            return Ok(());
        };
        let key = title_key(&title);
        let replies = self.state.canned_replies()?;
        let Some(reply) = replies
            .into_iter()
            .find(|reply| title_key(&reply.title) == key)
        else {
            self.answer(context, Notice::CannedNotFound { title });
            return Ok(());
        };
        let Some(mut customer) = context.customer.clone() else {
            return Ok(());
        };
        let message = &context.message;
        let Some((ticket, reopen)) =
            self.ticket_for_team_reply(&mut customer, &context.role, message)?
        else {
            return Ok(());
        };
        let values = variable_values(&customer, &ticket, context.author_name());
        let filled = |content: Content| {
            let said = content.text().cloned().unwrap_or_default();
            let effect = Effect::FilledToCustomer {
                customer: customer.id,
                message: message.id,
                content,
                copy_from: None,
                reply_to: None,
            };
            (effect, said)
        };
        let (effect, said) = match reply.content {
            CannedContent::Text(text) => filled(Content::Text(fill_variables(&text, &values))),
            CannedContent::Media(mut item) => {
                item.caption = fill_variables(&item.caption, &values);
                filled(Content::Media(item))
            }
            // Copies are sent as they are (their captions are Telegram's to keep).
            CannedContent::Copies {
                chat,
                messages,
                text,
            } => {
                let effect = Effect::CopiesToCustomer {
                    customer: customer.id,
                    message: message.id,
                    chat,
                    messages,
                };
                (effect, FormattedText::plain(&text))
            }
        };
        let text = said.text.clone();
        self.reach_customer(&customer, message.id, Outgoing::Filled(Box::new(effect)))?;
        if customer.reachability == crate::domain::Reachability::Reachable {
            let title = reply.title;
            self.answer(context, Notice::CannedSaid { title, text: said });
        }
        self.team_replied(customer, ticket, &context.role, text, reopen)
    }
}

/// The values of the variables for a customer's ticket and the team member sending.
fn variable_values(customer: &Customer, ticket: &Ticket, agent: String) -> VariableValues {
    VariableValues {
        first_name: customer.first_name.clone(),
        name: customer.full_name(),
        ticket: ticket.number.to_string(),
        agent,
        fields: customer.fields.clone(),
        tags: customer.tags.clone(),
    }
}
