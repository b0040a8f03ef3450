//! Team commands typed in the team chat: which exist, what they need, and where they work.
//!
//! Commands are only heard from the team (the same rule as relaying); each one answers by
//! replying to the command message, so a thread command's answer stays in that thread.

use super::{CommandName, DeskState, Effect, Notice, Role, StateResult, Turn};
use crate::domain::{Customer, IncomingMessage};

/// Where a command was typed, and by whom.
pub(super) struct CommandContext {
    /// The command message.
    pub message: IncomingMessage,
    /// Its author.
    pub role: Role,
    /// The customer whose thread it is in, if any.
    pub customer: Option<Customer>,
}

impl CommandContext {
    /// The name to credit for the command's effects.
    pub fn author_name(&self) -> String {
        author_name(&self.role, &self.message)
    }
}

/// The name to credit a team message's author with: their name on the team, else the name
/// Telegram shows for the message.
pub(super) fn author_name(role: &Role, message: &IncomingMessage) -> String {
    role.display_name()
        .unwrap_or_else(|| message.author.display_name())
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// A command from the team (already known to be allowed to act).
    pub(super) fn on_team_command(
        &mut self,
        context: CommandContext,
        name: &str,
        arguments: &str,
    ) -> StateResult<()> {
        let Some(command) = CommandName::parse(name) else {
            // An outsider's unknown command may well be meant for another bot.
            if self.may_act(&context.role) {
                let notice = Notice::UnknownCommand {
                    command: name.to_owned(),
                };
                self.answer(&context, notice);
            }
            return Ok(());
        };
        if let Some(needs) = self.missing_permission(command, &context.role)? {
            let notice = if self.may_act(&context.role) {
                Notice::CommandNeedsRole { command, needs }
            } else {
                Notice::CommandForTeamOnly { command }
            };
            self.answer(&context, notice);
            return Ok(());
        }
        if command.needs_thread() && context.customer.is_none()
            || command.needs_lobby() && context.customer.is_some()
        {
            self.answer(&context, Notice::WrongPlace { command });
            return Ok(());
        }
        match command {
            CommandName::Close => self.on_close_command(&context, arguments),
            CommandName::Priority => self.on_priority_command(&context, arguments),
            CommandName::Ban => self.on_ban_command(&context, arguments),
            CommandName::Unban => self.on_unban_command(&context),
            CommandName::SaveCanned => self.on_save_canned(&context, arguments),
            CommandName::ListCanned => self.on_list_canned(&context),
            CommandName::DeleteCanned => self.on_delete_canned(&context, arguments),
            CommandName::RenameCanned => self.on_rename_canned(&context, arguments),
            CommandName::New => self.on_new_command(&context, arguments),
            CommandName::Help => {
                self.answer(&context, Notice::TeamHelp);
                Ok(())
            }
            CommandName::Mark => self.on_mark_command(&context, arguments),
            CommandName::Assign => self.on_assign_command(&context, arguments),
            CommandName::Unassign => self.on_unassign_command(&context),
            CommandName::Set => self.on_set_command(&context, arguments),
            CommandName::Unset => self.on_unset_command(&context, arguments),
            CommandName::Info => self.on_info_command(&context),
            CommandName::Stats => self.on_stats_command(&context, arguments),
            CommandName::Queue | CommandName::Mine | CommandName::Find => {
                self.on_lobby_list_command(&context, command, arguments)
            }
            CommandName::Send => self.on_send_command(&context, arguments),
            CommandName::Broadcasts => self.on_broadcasts_command(&context),
            CommandName::Export => self.on_export_command(&context, arguments),
            CommandName::Import => self.on_import_command(&context),
            CommandName::Say => self.on_say_command(&context, arguments),
            CommandName::Forget => self.on_forget_command(&context),
        }
    }

    /// Replies to the command message.
    pub(super) fn answer(&mut self, context: &CommandContext, notice: Notice) {
        self.emit(Effect::AnswerTeam {
            customer: context.customer.as_ref().map(|customer| customer.id),
            thread: context.message.thread,
            to: context.message.id,
            notice,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::CommandName;

    #[test]
    fn every_command_parses_from_its_own_name() {
        for command in CommandName::ALL {
            assert_eq!(CommandName::parse(command.name()), Some(command));
        }
        assert_eq!(CommandName::parse("close"), Some(CommandName::Close));
        assert_eq!(CommandName::parse("closed"), None);
    }
}
