//! What the desk asks the outside world to do.
//!
//! Effects name customers and messages, never Telegram calls. Message references that only
//! exist once an earlier effect has run (for example the thread copy of a customer message) are
//! given from the side the desk knows and resolved through the stored message links just before
//! sending; effects for one conversation run in order, so the earlier effect has always run.

use serde::{Deserialize, Serialize};

use super::{ApiFile, CardView, Keyboard, Notice, Reader, ReportRequest, ReportTarget};
use crate::domain::{CannedReply, ChatId, Content, ExportRequest, MediaItem, MessageId, UserId};

/// One thing to do in Telegram.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Publish the customer's card in the channel. Its outcome comes back as
    /// [`Event::CardPosted`](super::Event::CardPosted).
    PostCard {
        /// The customer.
        customer: UserId,
        /// What the card shows.
        card: CardView,
    },
    /// Rewrite the card (status, priority, ...): the post's text, and in the forum layout the
    /// topic's name too.
    EditCard {
        /// The customer.
        customer: UserId,
        /// The card's message (the channel post, or the card message in the topic).
        post: MessageId,
        /// The thread (forum topic), when known.
        thread: Option<MessageId>,
        /// What the card shows now.
        card: CardView,
    },
    /// Show the ticket as open: pin the card in the channel, or reopen the forum topic.
    OpenCard {
        /// The customer.
        customer: UserId,
        /// The card's message.
        post: MessageId,
        /// The thread (forum topic), when known.
        thread: Option<MessageId>,
    },
    /// Show the ticket as closed: unpin the card, or close the forum topic.
    CloseCard {
        /// The customer.
        customer: UserId,
        /// The card's message.
        post: MessageId,
        /// The thread (forum topic), when known.
        thread: Option<MessageId>,
    },
    /// Delete a card post whose thread never appeared (it is replaced by a new one).
    DeleteCard {
        /// The customer.
        customer: UserId,
        /// The stale channel post.
        post: MessageId,
    },
    /// Copy a customer message into the customer's thread.
    CopyToThread {
        /// The customer (and private chat) the message comes from.
        customer: UserId,
        /// The thread root.
        root: MessageId,
        /// The message in the private chat.
        message: MessageId,
        /// The private-chat message it replies to, if any; the thread copy then replies to the
        /// matching thread message, else to the root.
        reply_to: Option<MessageId>,
    },
    /// Send a customer album into the thread as an album.
    AlbumToThread {
        /// The customer.
        customer: UserId,
        /// The thread root.
        root: MessageId,
        /// The album's items: private-chat message id and media.
        items: Vec<(MessageId, MediaItem)>,
        /// The private-chat message the album replies to, if any.
        reply_to: Option<MessageId>,
    },
    /// Post a note into the customer's thread.
    NoteInThread {
        /// The customer.
        customer: UserId,
        /// The thread root.
        root: MessageId,
        /// What to say.
        notice: Notice,
        /// The thread message the note replies to, if not the root.
        reply_to: Option<MessageId>,
    },
    /// Copy a team message from the thread to the customer.
    CopyToCustomer {
        /// The customer.
        customer: UserId,
        /// The team's message in the team chat.
        message: MessageId,
        /// The team-chat message it replies to, if any; the customer's copy then replies to the
        /// matching private-chat message.
        reply_to: Option<MessageId>,
    },
    /// Send a team album to the customer as an album.
    AlbumToCustomer {
        /// The customer.
        customer: UserId,
        /// The album's items: team-chat message id and media.
        items: Vec<(MessageId, MediaItem)>,
        /// The team-chat message the album replies to, if any.
        reply_to: Option<MessageId>,
    },
    /// Send the customer a localised message from the bot.
    TellCustomer {
        /// The customer.
        customer: UserId,
        /// What to say.
        notice: Notice,
        /// The customer's language, if known.
        language: Option<String>,
        /// The private-chat message it replies to, if any.
        reply_to: Option<MessageId>,
    },
    /// Apply a customer's edit to the message's copy in the thread.
    EditThreadCopy {
        /// The customer.
        customer: UserId,
        /// The thread root (for a fallback note).
        root: MessageId,
        /// The edited message in the private chat.
        message: MessageId,
        /// Its new content.
        content: Content,
    },
    /// Apply a team member's edit to the message's copy in the customer's chat.
    EditCustomerCopy {
        /// The customer.
        customer: UserId,
        /// The edited message in the team chat.
        message: MessageId,
        /// Its new content.
        content: Content,
        /// The customer's language, for a fallback note.
        language: Option<String>,
    },
    /// Post a message in the team chat outside any thread.
    NoteInTeamChat {
        /// What to say.
        notice: Notice,
    },
    /// Answer a team member's command, replying to it where it was typed.
    AnswerTeam {
        /// The customer whose thread the command was typed in, if any.
        customer: Option<UserId>,
        /// The thread (forum topic) it was typed in, if any.
        thread: Option<MessageId>,
        /// The command message in the team chat.
        to: MessageId,
        /// What to say.
        notice: Notice,
    },
    /// Send a statistics report: a chart and its figures, made from the tickets when sent.
    SendReport {
        /// Who it is for.
        target: ReportTarget,
        /// What it covers.
        request: ReportRequest,
    },
    /// Send an export as one or more documents, answering the `/export` command; the file is
    /// made when sent, from the data as it is then.
    SendExport {
        /// The forum topic it was typed in, if any.
        thread: Option<MessageId>,
        /// The command message in the team chat.
        to: MessageId,
        /// What to export.
        request: ExportRequest,
    },
    /// Download and read the document an `/import` command replies to; what it holds comes
    /// back as [`Event::ImportRead`](super::Event::ImportRead).
    ReadImport {
        /// The forum topic it was typed in, if any.
        thread: Option<MessageId>,
        /// The command message in the team chat.
        to: MessageId,
        /// The document's file.
        file_id: String,
    },
    /// Tell a channel administrator in their private chat with the bot.
    NotifyAdmin {
        /// The administrator.
        admin: UserId,
        /// What to say.
        notice: Notice,
    },
    /// Answer an inline query with canned replies (none for people outside the team).
    AnswerInline {
        /// Telegram's query id.
        query: String,
        /// Who asked.
        user: UserId,
        /// The matching replies, best first.
        results: Vec<CannedReply>,
    },
    /// Answer an inline query whose author's membership cannot be checked now: no results, and
    /// a button saying why (it opens the bot's chat with [`MEMBERSHIP_CHECK_START`]).
    ///
    /// [`MEMBERSHIP_CHECK_START`]: super::MEMBERSHIP_CHECK_START
    AnswerInlineUnchecked {
        /// Telegram's query id.
        query: String,
        /// Who asked.
        user: UserId,
    },
    /// Send the customer a text from the HTTP API, as the bot; the delivery's outcome is
    /// recorded under its id for the caller to poll.
    ApiMessage {
        /// The customer.
        customer: UserId,
        /// The delivery (the API request's id).
        delivery: u64,
        /// The text.
        text: String,
    },
    /// Send a message with inline buttons (see [`super::buttons`]).
    SendButtons {
        /// The chat: the team chat, or a user's private chat with the bot.
        chat: ChatId,
        /// The customer the message is about, if any (it keeps that conversation's order).
        customer: Option<UserId>,
        /// The forum topic it belongs in (in the channel layout, replying places it).
        thread: Option<MessageId>,
        /// The message in `chat` it replies to, if any (sent anyway if that one is gone).
        reply_to: Option<MessageId>,
        /// Who reads it.
        reader: Reader,
        /// The text.
        notice: Notice,
        /// The buttons under it.
        keyboard: Keyboard,
    },
    /// Rewrite a message the bot sent with buttons: its text and its buttons.
    EditButtons {
        /// The chat the message is in.
        chat: ChatId,
        /// The message.
        message: MessageId,
        /// The customer the message is about, if any.
        customer: Option<UserId>,
        /// Who reads it.
        reader: Reader,
        /// The new text.
        notice: Notice,
        /// The new buttons (none removes them).
        keyboard: Keyboard,
    },
    /// Answer a pressed button: quietly, with a toast, or with an alert.
    AnswerButton {
        /// Telegram's callback query id.
        query: String,
        /// Who pressed it.
        user: UserId,
        /// The language to answer in.
        reader: Reader,
        /// What to say, if anything.
        notice: Option<Notice>,
        /// Whether it is an alert the presser must close rather than a toast.
        alert: bool,
    },
    /// Copy a message (or an album's items) of the team chat into a user's private chat, as a
    /// broadcast does: no reply, no link to a thread.
    BroadcastCopy {
        /// The user (a customer, or the team member asking for a test).
        customer: UserId,
        /// The chat the message is in.
        chat: ChatId,
        /// The message, or the album's items in order.
        messages: Vec<MessageId>,
        /// For `/send test`: the command, to answer there if the copy fails.
        test: Option<MessageId>,
    },
    /// Mirror a message the existing bot behind the proxy sent the customer into their thread,
    /// marked as the bot's, with its buttons listed as text.
    MirrorToThread {
        /// The customer.
        customer: UserId,
        /// The thread root.
        root: MessageId,
        /// The existing bot's message in the private chat.
        message: MessageId,
        /// The private-chat message it replies to, if any.
        reply_to: Option<MessageId>,
        /// What it shows.
        content: Content,
        /// The labels of its inline buttons.
        buttons: Vec<String>,
    },
    /// Apply the existing bot's edit to its mirror in the thread.
    EditMirror {
        /// The customer.
        customer: UserId,
        /// The thread root.
        root: MessageId,
        /// The edited message in the private chat.
        message: MessageId,
        /// What it shows now.
        content: Content,
        /// The labels of its inline buttons now.
        buttons: Vec<String>,
    },
    /// Send the customer a team message or canned reply with its variables filled: a text,
    /// a media file by its file id, or a copy of a team-chat media message with a new caption.
    FilledToCustomer {
        /// The customer.
        customer: UserId,
        /// The team's message in the team chat (a canned reply chosen in inline mode, or the
        /// `/say` command); the customer's message is linked to it.
        message: MessageId,
        /// What to send, filled (for a copy, only its caption counts).
        content: Content,
        /// The team-chat message to copy with the filled caption, if any.
        copy_from: Option<MessageId>,
        /// The team-chat message it replies to, if any.
        reply_to: Option<MessageId>,
    },
    /// Copy team-chat messages (a canned album, or a message kept as a copy) to the customer,
    /// as one album when they are one (`/say`).
    CopiesToCustomer {
        /// The customer.
        customer: UserId,
        /// The team's message that asked for it (`/say`); the customer's copies are linked to it.
        message: MessageId,
        /// The team chat the messages are in.
        chat: ChatId,
        /// The messages, in order.
        messages: Vec<MessageId>,
    },
    /// Send the customer a file from the HTTP API, as the bot; the delivery's outcome is
    /// recorded under its id for the caller to poll.
    ApiFile {
        /// The customer.
        customer: UserId,
        /// The delivery (the API request's id, also the key of an uploaded file).
        delivery: u64,
        /// The file.
        file: ApiFile,
        /// Its caption (may be empty).
        caption: String,
    },
}

impl Effect {
    /// The customer the effect concerns, if any.
    pub fn customer(&self) -> Option<UserId> {
        match self {
            Effect::PostCard { customer, .. }
            | Effect::EditCard { customer, .. }
            | Effect::OpenCard { customer, .. }
            | Effect::CloseCard { customer, .. }
            | Effect::DeleteCard { customer, .. }
            | Effect::CopyToThread { customer, .. }
            | Effect::AlbumToThread { customer, .. }
            | Effect::NoteInThread { customer, .. }
            | Effect::CopyToCustomer { customer, .. }
            | Effect::AlbumToCustomer { customer, .. }
            | Effect::TellCustomer { customer, .. }
            | Effect::EditThreadCopy { customer, .. }
            | Effect::EditCustomerCopy { customer, .. }
            | Effect::ApiMessage { customer, .. }
            | Effect::ApiFile { customer, .. }
            | Effect::BroadcastCopy { customer, .. }
            | Effect::MirrorToThread { customer, .. }
            | Effect::EditMirror { customer, .. }
            | Effect::FilledToCustomer { customer, .. }
            | Effect::CopiesToCustomer { customer, .. } => Some(*customer),
            Effect::AnswerTeam { customer, .. }
            | Effect::SendButtons { customer, .. }
            | Effect::EditButtons { customer, .. } => *customer,
            Effect::NoteInTeamChat { .. }
            | Effect::SendReport { .. }
            | Effect::SendExport { .. }
            | Effect::ReadImport { .. }
            | Effect::NotifyAdmin { .. }
            | Effect::AnswerInline { .. }
            | Effect::AnswerInlineUnchecked { .. }
            | Effect::AnswerButton { .. } => None,
        }
    }

    /// A short stable name for logs and metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            Effect::PostCard { .. } => "post_card",
            Effect::EditCard { .. } => "edit_card",
            Effect::OpenCard { .. } => "open_card",
            Effect::CloseCard { .. } => "close_card",
            Effect::DeleteCard { .. } => "delete_card",
            Effect::CopyToThread { .. } => "copy_to_thread",
            Effect::AlbumToThread { .. } => "album_to_thread",
            Effect::NoteInThread { .. } => "note_in_thread",
            Effect::CopyToCustomer { .. } => "copy_to_customer",
            Effect::AlbumToCustomer { .. } => "album_to_customer",
            Effect::TellCustomer { .. } => "tell_customer",
            Effect::EditThreadCopy { .. } => "edit_thread_copy",
            Effect::EditCustomerCopy { .. } => "edit_customer_copy",
            Effect::NoteInTeamChat { .. } => "note_in_team_chat",
            Effect::AnswerTeam { .. } => "answer_team",
            Effect::SendReport { .. } => "send_report",
            Effect::SendExport { .. } => "send_export",
            Effect::ReadImport { .. } => "read_import",
            Effect::NotifyAdmin { .. } => "notify_admin",
            Effect::AnswerInline { .. } => "answer_inline",
            Effect::AnswerInlineUnchecked { .. } => "answer_inline_unchecked",
            Effect::ApiMessage { .. } => "api_message",
            Effect::ApiFile { .. } => "api_file",
            Effect::SendButtons { .. } => "send_buttons",
            Effect::EditButtons { .. } => "edit_buttons",
            Effect::AnswerButton { .. } => "answer_button",
            Effect::BroadcastCopy { .. } => "broadcast_copy",
            Effect::MirrorToThread { .. } => "mirror_to_thread",
            Effect::EditMirror { .. } => "edit_mirror",
            Effect::FilledToCustomer { .. } => "filled_to_customer",
            Effect::CopiesToCustomer { .. } => "copies_to_customer",
        }
    }
}
