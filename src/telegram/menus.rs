//! Command menus: customers see `/start` and `/help` in private chats; the team chat shows the
//! team commands. Each list is set for every supported language and as the default.

use teloxide::payloads::SetMyCommandsSetters;
use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Recipient};

use crate::desk::CommandName;
use crate::domain::{ChatId, LANGUAGES};
use crate::i18n::Localizer;

/// Sets the menus. Failures are logged: menus are a convenience, every command checks rights.
pub async fn install(bot: &Bot, team_chat: ChatId, localizer: &Localizer, default_language: &str) {
    let customer_commands = |language: &str| {
        ["start", "help"]
            .iter()
            .map(|command| {
                BotCommand::new(*command, localizer.command_description(language, command))
            })
            .collect::<Vec<_>>()
    };
    let team_commands = |language: &str| {
        CommandName::ALL
            .iter()
            .flat_map(|command| {
                let key = if *command == CommandName::Help {
                    "team_help"
                } else {
                    command.name()
                };
                let main =
                    BotCommand::new(command.name(), localizer.command_description(language, key));
                let aliases = command.aliases().iter().map(|alias| {
                    BotCommand::new(*alias, localizer.command_description(language, alias))
                });
                std::iter::once(main).chain(aliases)
            })
            .collect::<Vec<_>>()
    };
    let team_scope = BotCommandScope::Chat {
        chat_id: Recipient::Id(teloxide::types::ChatId(team_chat.0)),
    };
    let mut calls = vec![
        (
            BotCommandScope::AllPrivateChats,
            None,
            customer_commands(default_language),
        ),
        (
            team_scope.clone(),
            None,
            team_commands(localizer.team_language()),
        ),
    ];
    for language in LANGUAGES {
        let code = language.split('-').next().unwrap_or(language).to_owned();
        calls.push((
            BotCommandScope::AllPrivateChats,
            Some(code.clone()),
            customer_commands(language),
        ));
        calls.push((team_scope.clone(), Some(code), team_commands(language)));
    }
    for (scope, language, commands) in calls {
        let mut request = bot.set_my_commands(commands).scope(scope);
        if let Some(language) = language {
            request = request.language_code(language);
        }
        if let Err(error) = request.await {
            tracing::warn!(%error, "cannot set a command menu");
        }
    }
}
