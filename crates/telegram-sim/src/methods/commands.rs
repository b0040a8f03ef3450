//! Command menus: `setMyCommands`, `getMyCommands`, `deleteMyCommands`, stored per scope and
//! language.

use serde_json::{Value, json};

use super::Request;
use crate::error::ApiError;
use crate::ids::{ChatRef, UserId};
use crate::world::World;

/// The most commands one list may hold.
const COMMAND_LIMIT: usize = 100;

/// A canonical key for a `BotCommandScope` (absent means `default`), as `bot` resolves chats.
pub(crate) fn scope_key(
    world: &World,
    bot: UserId,
    scope: Option<&Value>,
) -> Result<String, ApiError> {
    let Some(scope) = scope else {
        return Ok("default".to_owned());
    };
    let kind = scope
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("default");
    let chat = || -> Result<String, ApiError> {
        let value = scope
            .get("chat_id")
            .ok_or_else(|| ApiError::bad_request("chat_id is empty"))?;
        let key = world
            .resolve_chat_id(bot, value)
            .ok_or_else(ApiError::chat_not_found)?;
        if let ChatRef::Public(_) = key {
            let chat = world.chat(key).ok_or_else(ApiError::chat_not_found)?;
            if chat.is_channel() {
                return Err(ApiError::bad_request(
                    "can't use channel chats in a command scope",
                ));
            }
        }
        Ok(key.chat_id().to_string())
    };
    Ok(match kind {
        "chat" | "chat_administrators" => format!("{kind}:{}", chat()?),
        "chat_member" => {
            let user = scope.get("user_id").and_then(Value::as_i64).unwrap_or(0);
            format!("chat_member:{}:{user}", chat()?)
        }
        other => other.to_owned(),
    })
}

/// `setMyCommands`, `getMyCommands`, `deleteMyCommands`.
pub(super) fn my_commands(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let scope = scope_key(request.world, request.bot, request.value("scope"))?;
    let language = request.str("language_code").unwrap_or_default().to_owned();
    let key = (scope, language);
    let commands = match request.method {
        "setMyCommands" => Some(parse_commands(request.array("commands"))?),
        _ => None,
    };
    let bot = request
        .world
        .bots
        .get_mut(&request.bot)
        .ok_or_else(ApiError::unauthorized)?;
    match (request.method, commands) {
        ("setMyCommands", Some(commands)) if !commands.is_empty() => {
            bot.commands.insert(key, commands);
        }
        ("getMyCommands", _) => {
            let list = bot
                .commands
                .get(&key)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let list = list.iter().map(
                |(command, description)| json!({"command": command, "description": description}),
            );
            return Ok(Value::Array(list.collect()));
        }
        _ => {
            bot.commands.remove(&key);
        }
    }
    request.world.touch();
    Ok(Value::Bool(true))
}

/// Commands are 1-32 characters of `a-z`, `0-9` and `_`; descriptions 1-256 characters.
fn parse_commands(list: &[Value]) -> Result<Vec<(String, String)>, ApiError> {
    if list.len() > COMMAND_LIMIT {
        return Err(ApiError::bad_request("too many commands specified"));
    }
    list.iter()
        .map(|entry| {
            let command = entry
                .get("command")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let command = command.strip_prefix('/').unwrap_or(command);
            let description = entry
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim();
            let valid = (1..=32).contains(&command.len())
                && command
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid {
                return Err(ApiError::bad_request("BOT_COMMAND_INVALID"));
            }
            if description.is_empty() || description.chars().count() > 256 {
                return Err(ApiError::bad_request("BOT_COMMAND_DESCRIPTION_INVALID"));
            }
            Ok((command.to_owned(), description.to_owned()))
        })
        .collect()
}
