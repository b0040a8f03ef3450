//! Chats and members: `getChat`, `getChatMember`, `getChatAdministrators`,
//! `getChatMemberCount`, pins (`pinChatMessage`, `unpinChatMessage`, `unpinAllChatMessages`)
//! and membership changes (`banChatMember`, `unbanChatMember`, `promoteChatMember`, `leaveChat`).

use serde_json::Value;

use super::Request;
use crate::chat::{AdminRights, Member, MemberStatus, RIGHT_NAMES};
use crate::content::{Service, Stored};
use crate::error::ApiError;
use crate::ids::{ChatRef, MessageId, UserId};
use crate::render;
use crate::world::NewMessage;

/// `getChat`.
pub(super) fn get_chat(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let key = request.readable_chat("chat_id")?;
    let chat = request.record(key)?;
    Ok(render::chat_full_info(request.world, chat))
}

/// The user named by `user_id`, who must exist.
fn user_param(request: &Request<'_>) -> Result<UserId, ApiError> {
    let id = request
        .int("user_id")
        .and_then(|id| u64::try_from(id).ok())
        .map(UserId);
    id.filter(|id| request.world.users.contains_key(id))
        .ok_or_else(ApiError::user_not_found)
}

/// `getChatMember`: non-members are `left`. A channel's members are visible only to its
/// administrators: a bot that is a mere member learns only about itself.
pub(super) fn get_chat_member(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let key = request.readable_chat("chat_id")?;
    let user = user_param(request)?;
    let chat = request.record(key)?;
    if chat.is_channel() && user != request.bot && !chat.is_admin(request.bot) {
        return Err(ApiError::bad_request("member list is inaccessible"));
    }
    let member = chat
        .member(user)
        .cloned()
        .unwrap_or_else(|| Member::with_status(MemberStatus::Left));
    Ok(render::chat_member(request.world, user, &member))
}

/// `getChatAdministrators`: the creator and the administrators.
pub(super) fn get_chat_administrators(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let key = request.readable_chat("chat_id")?;
    if let ChatRef::Private { .. } = key {
        return Err(ApiError::bad_request(
            "there are no administrators in the private chat",
        ));
    }
    let chat = request.record(key)?;
    let mut admins: Vec<(&UserId, &Member)> = chat
        .members
        .iter()
        .filter(|(_, member)| member.status.is_admin())
        .collect();
    admins.sort_by_key(|(id, member)| (member.status != MemberStatus::Creator, **id));
    Ok(Value::Array(
        admins
            .into_iter()
            .map(|(id, member)| render::chat_member(request.world, *id, member))
            .collect(),
    ))
}

/// `getChatMemberCount`.
pub(super) fn get_chat_member_count(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let key = request.readable_chat("chat_id")?;
    let chat = request.record(key)?;
    Ok(Value::from(
        chat.members
            .values()
            .filter(|member| member.status.is_member())
            .count(),
    ))
}

/// Pinning needs `can_edit_messages` in channels and `can_pin_messages` in groups.
fn check_pin_rights(request: &Request<'_>, key: ChatRef) -> Result<(), ApiError> {
    let Some(chat) = request.world.chat(key) else {
        return Err(ApiError::chat_not_found());
    };
    if chat.is_channel() && !chat.has_right(request.bot, "can_edit_messages") {
        return Err(ApiError::bad_request(
            "not enough rights to manage pinned messages in the chat",
        ));
    }
    if chat.is_supergroup() && !chat.has_right(request.bot, "can_pin_messages") {
        return Err(ApiError::bad_request("not enough rights to pin a message"));
    }
    Ok(())
}

/// `pinChatMessage`: pins and posts the `pinned_message` service message.
pub(super) fn pin_chat_message(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let key = request.readable_chat("chat_id")?;
    check_pin_rights(request, key)?;
    let id = request.message_id("message_id").unwrap_or(MessageId(0));
    let chat = request
        .world
        .chat_mut(key)
        .ok_or_else(ApiError::chat_not_found)?;
    if chat.message(id).is_none() {
        return Err(ApiError::bad_request("message to pin not found"));
    }
    chat.pin(id);
    let is_channel = chat.is_channel();
    let mut notice = NewMessage::new(
        request.bot,
        (!is_channel).then_some(request.bot),
        Stored::service(Service::Pinned(id)),
    );
    if is_channel {
        notice.sender_chat = Some(key.chat_id());
    }
    request.world.post(key, notice);
    Ok(Value::Bool(true))
}

/// `unpinChatMessage` (a given message, else the latest pin) and `unpinAllChatMessages`.
pub(super) fn unpin_chat_messages(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let key = request.readable_chat("chat_id")?;
    check_pin_rights(request, key)?;
    let all = request.method == "unpinAllChatMessages";
    let id = request.message_id("message_id");
    let chat = request
        .world
        .chat_mut(key)
        .ok_or_else(ApiError::chat_not_found)?;
    match (all, id) {
        (true, _) => chat.pinned.clear(),
        (false, Some(id)) => {
            if chat.message(id).is_none() {
                return Err(ApiError::bad_request("message to unpin not found"));
            }
            chat.pinned.retain(|pinned| *pinned != id);
        }
        (false, None) => {
            chat.pinned.pop();
        }
    }
    request.world.touch();
    Ok(Value::Bool(true))
}

/// `banChatMember`, `unbanChatMember`, `promoteChatMember`, `leaveChat`.
pub(super) fn change_member(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let key = request.readable_chat("chat_id")?;
    if let ChatRef::Private { .. } = key {
        return Err(ApiError::bad_request(
            "method is available only for supergroups and channel",
        ));
    }
    let chat = request.record(key)?;
    let (user, member) = match request.method {
        "leaveChat" => (request.bot, Member::with_status(MemberStatus::Left)),
        method => {
            let user = user_param(request)?;
            let current = chat.status(user);
            if current == MemberStatus::Creator {
                return Err(ApiError::bad_request(if method == "promoteChatMember" {
                    "can't demote chat creator"
                } else {
                    "can't remove chat owner"
                }));
            }
            if user == request.bot {
                return Err(ApiError::bad_request("can't restrict self"));
            }
            let right = if method == "promoteChatMember" {
                "can_promote_members"
            } else {
                "can_restrict_members"
            };
            if !chat.has_right(request.bot, right) {
                return Err(ApiError::bad_request(if method == "promoteChatMember" {
                    "not enough rights"
                } else {
                    "not enough rights to restrict/unrestrict chat member"
                }));
            }
            let member = match method {
                "banChatMember" => Member::with_status(MemberStatus::Kicked),
                "unbanChatMember" if current != MemberStatus::Kicked => {
                    return Ok(Value::Bool(true));
                }
                "unbanChatMember" => Member::with_status(MemberStatus::Left),
                _ => promoted(request),
            };
            (user, member)
        }
    };
    request.world.set_member(key, user, member, request.bot);
    Ok(Value::Bool(true))
}

/// The membership `promoteChatMember` asks for: administrator with the rights passed, or a
/// plain member if none is.
fn promoted(request: &Request<'_>) -> Member {
    let mut rights = AdminRights::none();
    for name in RIGHT_NAMES {
        rights.set(name, request.flag(name));
    }
    if rights == AdminRights::none() {
        Member::with_status(MemberStatus::Member)
    } else {
        Member::admin(rights)
    }
}
