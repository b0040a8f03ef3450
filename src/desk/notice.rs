//! Every user-visible message the desk can ask for, as data.
//!
//! The desk never formats text: it names the message and its arguments, and the localisation
//! layer renders it in the reader's language. One variant per message.

use serde::{Deserialize, Serialize};

use super::{CommandName, CustomerInfo, Failure, Permission, ProfileRefusal};
use crate::domain::{
    BroadcastId, BroadcastStatus, FormattedText, Lookup, LookupRow, Priority, TicketNumber,
    Timestamp, UncopyableKind, UserId,
};
use crate::stats::PeriodError;

/// A message for a customer, for a thread, for the team or for an administrator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Notice {
    // In a customer's thread (team language).
    /// The customer sent something Telegram does not let bots copy.
    CustomerSentUncopyable {
        /// What it was.
        kind: UncopyableKind,
    },
    /// A team message did not reach the customer.
    NotDelivered {
        /// Why.
        failure: Failure,
    },
    /// A customer message could not be copied into the thread.
    NotCopied {
        /// Why.
        failure: Failure,
    },
    /// A customer edit that could not be applied to the copy (replying to the copy).
    CustomerEdited {
        /// The edited text.
        text: FormattedText,
    },
    /// The customer blocked the bot.
    CustomerBlockedBot,
    /// The customer became reachable again.
    CustomerReachableAgain,
    /// A new ticket starts here.
    TicketOpened {
        /// The ticket's number.
        number: TicketNumber,
        /// Its deep-link origin, if any.
        origin: Option<String>,
    },
    /// The ticket was closed.
    TicketClosed {
        /// The ticket's number.
        number: TicketNumber,
        /// Who closed it, or `None` when it closed automatically.
        by: Option<String>,
        /// The closing note, if any.
        note: Option<String>,
    },
    /// `/fim` on a ticket that is already closed.
    TicketAlreadyClosed {
        /// The ticket's number.
        number: TicketNumber,
    },
    /// `/p` set the priority.
    PrioritySet {
        /// The new priority.
        priority: Priority,
    },
    /// `/ban` banned the customer.
    CustomerBanned {
        /// The reason given, if any.
        reason: Option<String>,
    },
    /// `/ban` on a customer who is already banned.
    CustomerAlreadyBanned,
    /// `/unban` lifted the ban.
    CustomerUnbanned {
        /// How many messages were muted during the ban.
        muted: u32,
    },
    /// `/unban` on a customer who is not banned.
    CustomerNotBanned,
    /// A banned customer wrote (their message was not relayed).
    BannedCustomerWrote {
        /// Messages muted so far.
        muted: u32,
    },

    // Answers to team commands (team language).
    /// `/resposta` saved a canned reply.
    CannedSaved {
        /// Its title.
        title: String,
        /// Whether it replaced one with the same title.
        replaced: bool,
    },
    /// A canned reply was deleted.
    CannedDeleted {
        /// Its title.
        title: String,
    },
    /// A canned reply was renamed.
    CannedRenamed {
        /// The old title.
        from: String,
        /// The new title.
        to: String,
    },
    /// No canned reply has this title.
    CannedNotFound {
        /// The title asked for.
        title: String,
    },
    /// Another canned reply already has this title.
    CannedTitleTaken {
        /// The title asked for.
        title: String,
    },
    /// The message to save is of a kind inline mode cannot send.
    CannedUnsupported,
    /// `/respostas`: the list of canned replies.
    CannedList {
        /// Each reply's title and the start of its text.
        entries: Vec<(String, String)>,
    },
    /// How to use a team command.
    Usage {
        /// The command.
        command: CommandName,
    },
    /// The customer rated a ticket.
    CustomerRated {
        /// The ticket.
        number: TicketNumber,
        /// The score, 1 to 5.
        score: u8,
    },
    /// Asks the customer to rate their closed ticket (the buttons go below it).
    RatingRequest {
        /// The ticket.
        number: TicketNumber,
    },
    /// A rating button's label.
    RatingScore {
        /// The score, 1 to 5.
        score: u8,
    },
    /// Thanks for a rating (the answer to the press).
    RatingThanks,
    /// The rating was given more than a day ago and can no longer change.
    RatingTooLate,
    /// `/stats` with a period it cannot read.
    BadPeriod {
        /// The period as typed.
        period: String,
        /// What is wrong with it.
        problem: PeriodError,
    },
    /// A statistics report could not be sent.
    ReportFailed {
        /// Why.
        failure: Failure,
    },
    /// A thread command used outside a customer's thread.
    WrongPlace {
        /// The command.
        command: CommandName,
    },
    /// A command the desk does not know.
    UnknownCommand {
        /// What was typed, without the slash.
        command: String,
    },
    /// The team's command list.
    TeamHelp,
    /// `/new`: a thread is being opened for the customer.
    NewThreadOpening {
        /// The customer's name.
        name: String,
    },
    /// `/new`: the customer already has an open ticket.
    NewAlreadyOpen {
        /// The customer's name.
        name: String,
        /// A link to the thread.
        link: Option<String>,
    },
    /// `/new`: the bot cannot write first to someone who never wrote to it.
    NewImpossible {
        /// The account asked for.
        user: UserId,
    },
    /// In a new thread: the previous one was deleted; the conversation continues here.
    ThreadRecreated,

    // In the team chat, outside threads (team language).
    /// A card was posted but its thread never appeared.
    ThreadMissing {
        /// The customer whose messages are waiting.
        customer: UserId,
        /// The customer's name.
        name: String,
        /// How many messages are waiting.
        waiting: u32,
    },

    // To administrators (team language).
    /// A thread was created or a ticket reopened.
    AdminTicketOpened {
        /// The customer.
        customer: UserId,
        /// The customer's name.
        name: String,
        /// The customer's `@username`.
        username: Option<String>,
        /// The ticket's number.
        number: TicketNumber,
        /// Its deep-link origin.
        origin: Option<String>,
        /// A link to the thread.
        link: Option<String>,
    },

    // To customers (customer language).
    /// A team edit that could not be applied to the customer's copy.
    TeamEdited {
        /// The edited text.
        text: FormattedText,
    },
    /// Their last message could not be delivered to the team.
    CustomerMessageFailed,
    /// The start message (first contact).
    Welcome,
    /// The restart message (a new ticket after a closed one).
    WelcomeBack,
    /// The end message (the ticket was closed).
    Goodbye,
    /// Sent once to a banned customer.
    YouAreBanned,
    /// The customer's `/help`.
    CustomerHelp,
    /// An administrator's `/start`: notifications will arrive here.
    AdminNotificationsOn,
    // New variants go last: stored effects name variants by their position.
    /// In a customer's first thread of a new workspace: where their earlier history is.
    HistoryMoved {
        /// The workspace of the earlier thread, as the team knows it.
        previous: String,
        /// A link to the earlier thread, when known.
        link: Option<String>,
    },

    // Fallbacks (team language).
    /// A message for the team that Telegram refused for good, sent again as plain text under a
    /// warning, so whoever asked sees what it said.
    Unformatted {
        /// The message as it was meant.
        original: Box<Notice>,
        /// Why Telegram refused it.
        failure: Failure,
    },

    /// In a customer's thread: a team member's comment opened a new ticket here.
    TicketOpenedByTeam {
        /// The ticket's number.
        number: TicketNumber,
        /// The team member's name, when they have one.
        by: Option<String>,
    },
    /// In a customer's thread: the customer came back through a deep link while their ticket
    /// was open.
    CustomerCameBack {
        /// The link's origin.
        origin: String,
    },
    /// To a customer who sent `/start` while their ticket is open: the team is still there.
    StillHere,
    /// In a thread (team language): its messages wait until their authors' membership can be
    /// checked, then go out in order.
    TeamMessagesWait,
    /// To someone who pressed the button of an inline answer given while their membership could
    /// not be checked (their language): why no canned reply was shown.
    MembershipUnchecked,
    /// In a customer's thread: the card's message was deleted by hand; the thread goes on.
    CardDeleted,
    /// To a team member: the command needs a role they do not have.
    CommandNeedsRole {
        /// The command.
        command: CommandName,
        /// Who may use it.
        needs: Permission,
    },
    /// To someone outside the team: team commands are for the team.
    CommandForTeamOnly {
        /// The command.
        command: CommandName,
    },
    /// In a customer's thread: a message sent to the customer through the HTTP API.
    SentViaApi {
        /// The name of the API token used.
        token: String,
        /// The text sent.
        text: FormattedText,
    },
    /// To someone who pressed a button (their language): the button no longer does anything.
    ButtonExpired,
    /// To someone outside the team who pressed a team button.
    ButtonForTeamOnly,
    /// To someone who pressed a team button while their membership cannot be checked.
    ButtonMembershipUnchecked,
    /// `/mark`: the customer's tags now (after any change asked).
    TagsShown {
        /// The tags, in the order they were added.
        tags: Vec<String>,
    },
    /// A team command refused a tag or a field; nothing changed.
    ProfileRefused {
        /// The command.
        command: CommandName,
        /// Why.
        refusal: ProfileRefusal,
    },
    /// `/set`: a contact field was set.
    FieldSet {
        /// The field.
        name: String,
        /// Its value.
        value: String,
    },
    /// `/unset`: a contact field was removed.
    FieldUnset {
        /// The field.
        name: String,
    },
    /// `/unset` of a field the customer does not have.
    FieldNotSet {
        /// The field.
        name: String,
    },
    /// `/info`: what the team knows about the customer.
    CustomerInfo(Box<CustomerInfo>),
    /// `/assign`: the ticket's assignee now.
    Assigned {
        /// The team member's name.
        name: String,
    },
    /// `/unassign`: nobody is in charge now.
    Unassigned {
        /// Who was, if anyone.
        previous: Option<String>,
    },
    /// `/assign` named someone the desk does not know as a team member.
    NotOnTeam {
        /// Who, as typed.
        who: String,
    },
    /// `/assign` alone, from someone without an account to assign (anonymous, or the channel).
    AssignNeedsAccount,
    /// To an assignee, privately (team language): their customer wrote and waits for the team.
    AssigneePing {
        /// The customer.
        customer: UserId,
        /// The customer's name.
        name: String,
        /// The ticket.
        number: TicketNumber,
        /// A link to the thread.
        link: Option<String>,
    },
    /// In the lobby: a page of `/queue`, `/mine` or `/find`.
    LobbyList {
        /// The list.
        lookup: Lookup,
        /// The customers on this page.
        rows: Vec<LookupRow>,
        /// The page, from 0.
        page: u32,
        /// How many pages the list has (at least 1).
        pages: u32,
        /// How many entries the list has.
        total: u32,
        /// When the page was made (waiting times are counted up to it).
        now: Timestamp,
    },
    /// The label of a button turning a list's page.
    PageButton {
        /// Whether it goes to the next page (else the previous one).
        next: bool,
    },
    /// `/send` typed in a customer's thread: broadcasts are composed in the lobby.
    BroadcastOnlyInLobby,
    /// `/send test`: the copy is on its way to the author's private chat.
    BroadcastTestSent,
    /// `/send test`: the copy could not reach the author (they never started the bot...).
    BroadcastTestFailed {
        /// Why.
        failure: Failure,
    },
    /// `/send` with a segment that cannot be read; nothing is sent.
    BroadcastBadSegment {
        /// The term that is wrong (or the whole segment).
        term: String,
    },
    /// `/send` with a time that cannot be read, or is not in the future; nothing is sent.
    BroadcastBadTime {
        /// Whether it was readable but in the past.
        past: bool,
    },
    /// A broadcast: its preview, its progress or its final report.
    Broadcast(Box<super::BroadcastView>),
    /// `/broadcasts` when none is scheduled, running or paused.
    NoBroadcasts,
    /// The Send button's label.
    BroadcastSendButton,
    /// The Cancel button's label.
    BroadcastCancelButton,
    /// The Pause button's label.
    BroadcastPauseButton,
    /// The Resume button's label.
    BroadcastResumeButton,
    /// A broadcast button did its work: the broadcast is now in this state.
    BroadcastNow {
        /// Its new status.
        status: BroadcastStatus,
    },
    /// A broadcast button that cannot apply to the broadcast as it is.
    BroadcastUnchanged {
        /// Its status.
        status: BroadcastStatus,
    },
    /// To a customer who sent `/stop`: no more broadcasts (`/start` brings them back).
    OptedOut,
    /// To a customer who sent `/start` after `/stop`: broadcasts reach them again.
    OptedIn,
    /// In a customer's thread: their message answers a broadcast.
    AnswersBroadcast {
        /// The broadcast.
        id: BroadcastId,
    },
    /// In a customer's thread, under the mirror of one of the existing bot's messages: it
    /// deleted that message in the customer's chat.
    ExistingBotDeleted,
    /// In a customer's thread, with `broadcast_note_in_thread`: a broadcast reached them.
    BroadcastReached {
        /// The broadcast.
        id: BroadcastId,
        /// A link to the broadcast's message in the lobby.
        link: Option<String>,
    },
    /// An answer about an export or an import.
    Transfer(super::TransferNotice),
    /// Under `/say <title>`: what the customer was sent (the reply's text or caption, filled).
    CannedSaid {
        /// The canned reply's title.
        title: String,
        /// The text sent.
        text: FormattedText,
    },
    /// `/forget`: the confirmation asked, above Forget and Cancel.
    ForgetAsk,
    /// The Forget button's label.
    ForgetButton,
    /// The Cancel button's label under `/forget`.
    ForgetCancelButton,
    /// `/forget` cancelled: nothing was erased.
    ForgetCancelled,
    /// The customer was erased: what was removed (the thread's messages stay in Telegram).
    Forgotten(super::Erasure),
    /// Forget pressed for a customer already erased.
    ForgetNothing,
    /// `/new`: a thread is being opened for the customer, or they already have an open
    /// ticket (named by their pseudonym when customers are hidden).
    NewFor {
        /// The customer.
        customer: UserId,
        /// The customer's name.
        name: String,
        /// Whether a thread is being opened (else the ticket was open already).
        opening: bool,
        /// A link to the thread, when the ticket was open already.
        link: Option<String>,
    },
}

impl Notice {
    /// The user-supplied text a notice carries, sent with its own formatting under a localised
    /// header (and split if the two do not fit in one message).
    pub fn quoted_text(&self) -> Option<&FormattedText> {
        match self {
            Notice::CustomerEdited { text }
            | Notice::TeamEdited { text }
            | Notice::SentViaApi { text, .. }
            | Notice::CannedSaid { text, .. } => Some(text),
            _ => None,
        }
    }
}
