//! What the desk reacts to: messages, edits, outcomes of earlier effects, and timers.

use serde::{Deserialize, Serialize};

use super::{Effect, Failure};
use crate::domain::{
    BroadcastId, ImportFile, ImportRefusal, IncomingMessage, Member, MessageId, TicketNumber,
    Timestamp, UserId,
};

/// One input to the desk. Telegram updates are translated into events at the edge; outcomes of
/// effects and due timers come back as events too, so every state change goes through the desk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// A message from a customer in their private chat with the bot.
    CustomerMessage(IncomingMessage),
    /// A customer edited one of their messages.
    CustomerEdited(IncomingMessage),
    /// A message in the team's chat (the discussion group, or the forum).
    TeamMessage {
        /// The message.
        message: IncomingMessage,
        /// Whether its author is on the team.
        role: Role,
    },
    /// A message in the team's chat was edited.
    TeamEdited {
        /// The message as it is now.
        message: IncomingMessage,
        /// Whether its author is on the team.
        role: Role,
    },
    /// Telegram copied a channel post into the discussion group: the copy is a thread root.
    CardForwarded {
        /// The post in the channel.
        post: MessageId,
        /// Its copy in the discussion group.
        root: MessageId,
    },
    /// The bot's card for a customer was published.
    CardPosted {
        /// The customer the card describes.
        customer: UserId,
        /// The card's message: the channel post, or the card message in the forum topic.
        post: MessageId,
        /// The thread, when publishing created it (the forum topic); in the channel layout the
        /// thread root arrives later as [`Event::CardForwarded`].
        root: Option<MessageId>,
    },
    /// An effect could not be carried out for a reason that retrying will not fix.
    DeliveryFailed {
        /// The effect that failed.
        effect: Effect,
        /// Why.
        failure: Failure,
    },
    /// A customer blocked or unblocked the bot.
    CustomerReachability {
        /// The customer.
        customer: UserId,
        /// Whether the bot can write to them now.
        reachable: bool,
    },
    /// A timer the desk set earlier is due.
    Timer(Timer),
    /// Someone typed `@bot terms` in inline mode.
    InlineQuery {
        /// Telegram's query id, to answer with.
        id: String,
        /// Who typed it.
        from: UserId,
        /// What they typed after the bot's name.
        query: String,
        /// Whether they are on the team (from the membership cache).
        team: bool,
    },
    /// The channel's administrators as Telegram listed them (kept for inbox entries stored by
    /// older versions; new listings are [`Event::AdminsListed`]).
    AdminsRefreshed {
        /// Each administrator's account and name (bots excluded).
        admins: Vec<(UserId, String)>,
    },
    /// Telegram reported a membership change in the chat that defines the team (the channel,
    /// or the forum): it applies at once.
    AdminChanged {
        /// The member.
        user: UserId,
        /// Their display name.
        name: String,
        /// Whether they are an administrator (or the creator) now.
        admin: bool,
    },
    /// The team chat's administrators as Telegram listed them when asked at `asked_at`.
    AdminsListed {
        /// Each administrator's account and name (bots excluded).
        admins: Vec<(UserId, String)>,
        /// When the list was asked for: a membership change reported after that is newer.
        asked_at: Timestamp,
    },
    /// A message in the team chat waits because its author's membership cannot be checked now;
    /// it is the first one waiting in its thread.
    TeamMessageHeld {
        /// The message (or the edit).
        message: IncomingMessage,
    },
    /// Someone typed an inline query and their membership cannot be checked now.
    InlineQueryUnchecked {
        /// Telegram's query id, to answer with.
        id: String,
        /// Who typed it.
        from: UserId,
    },
    /// A write asked through the HTTP API.
    Api(super::ApiRequest),
    /// Someone pressed an inline button under one of the bot's messages.
    ButtonPressed(super::ButtonPress),
    /// The broadcast lane counted a new broadcast's recipients.
    BroadcastCounted {
        /// The broadcast.
        id: BroadcastId,
        /// How many customers it would reach now.
        total: u64,
    },
    /// The broadcast lane's progress with a running broadcast (at most every few seconds, and
    /// when it is done).
    BroadcastProgress(super::BroadcastReport),
    /// The existing bot behind the proxy sent or edited a message in a private chat.
    ExistingBotMessage {
        /// The message as Telegram answered the existing bot's call.
        message: IncomingMessage,
        /// The labels of its inline buttons, in order.
        buttons: Vec<String>,
        /// Whether it is an edit.
        edited: bool,
    },
    /// The document of an `/import` command was downloaded and read.
    ImportRead {
        /// The forum topic the command was typed in, if any.
        thread: Option<MessageId>,
        /// The command message in the team chat.
        to: MessageId,
        /// The rows and their problems, or why the file cannot be imported at all.
        outcome: Result<ImportFile, ImportRefusal>,
    },
    /// The existing bot behind the proxy deleted messages in a customer's private chat.
    ExistingBotDeleted {
        /// The customer (the private chat).
        customer: UserId,
        /// The deleted messages.
        messages: Vec<MessageId>,
    },
    /// With `broadcast_note_in_thread`: the customers a running broadcast reached since its
    /// last report (sent just before that report).
    BroadcastDelivered {
        /// The broadcast.
        id: BroadcastId,
        /// Who got a copy.
        customers: Vec<UserId>,
    },
    /// The card should be drawn again as the settings show it now (for example after
    /// `hide_customer_info` changed while the bot was stopped).
    RedrawCard {
        /// The customer whose card it is.
        customer: UserId,
    },
    /// An operator asked (`threadesk forget`) to erase everything stored about a customer.
    ForgetCustomer {
        /// The customer.
        customer: UserId,
    },
}

impl Event {
    /// Whether handling it may erase a customer (`/forget` confirmed, `threadesk forget`): its
    /// transaction must be able to scan the trees that hold their data.
    pub fn may_erase(&self) -> bool {
        match self {
            Event::ForgetCustomer { .. } => true,
            Event::ButtonPressed(press) => matches!(
                press.action,
                Some(crate::domain::ButtonAction::Forget { confirm: true, .. })
            ),
            _ => false,
        }
    }
}

/// Who wrote a message in the team's chat, as far as relaying is concerned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// A member or administrator of the team's channel.
    TeamMember {
        /// The member's account.
        id: UserId,
        /// The member's display name.
        name: String,
    },
    /// Someone who posted as the channel itself (only channel administrators can).
    Channel,
    /// An anonymous administrator of the discussion group (no account is visible).
    AnonymousAdmin {
        /// The administrator's custom title, if any.
        signature: Option<String>,
    },
    /// Anyone else: never reaches a customer and cannot use team commands.
    Outsider,
}

impl Role {
    /// The name to credit for actions such as closing a ticket.
    pub fn display_name(&self) -> Option<String> {
        match self {
            Role::TeamMember { name, .. } => Some(name.clone()),
            Role::AnonymousAdmin { signature } => signature.clone(),
            Role::Channel | Role::Outsider => None,
        }
    }

    /// The team member's account and name, when the message has one.
    pub fn member(&self) -> Option<Member> {
        match self {
            Role::TeamMember { id, name } => Some(Member {
                id: *id,
                name: name.clone(),
            }),
            _ => None,
        }
    }
}

/// Something the desk asked to be reminded of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timer {
    /// The customer's album may be complete: relay it if no item arrived meanwhile.
    CustomerAlbum {
        /// The customer.
        customer: UserId,
        /// The album's `media_group_id`.
        group: String,
    },
    /// A team album for a customer may be complete.
    TeamAlbum {
        /// The customer it goes to.
        customer: UserId,
        /// The album's `media_group_id`.
        group: String,
    },
    /// A ticket awaiting the customer may close automatically.
    AutoClose {
        /// The customer.
        customer: UserId,
        /// The ticket.
        ticket: TicketNumber,
        /// The ticket's last activity when the timer was set: newer activity cancels it.
        last_activity: Timestamp,
    },
    /// The card's thread should have appeared by now.
    ThreadOverdue {
        /// The customer whose card waits for its thread.
        customer: UserId,
        /// Which posting attempt the timer belongs to.
        attempt: u32,
    },
    /// The weekly digest is due.
    Digest {
        /// When it was due.
        due: Timestamp,
    },
    /// A scheduled broadcast's time came.
    BroadcastDue {
        /// The broadcast.
        id: BroadcastId,
    },
}
