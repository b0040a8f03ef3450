//! The team commands' names: which exist, in menu order, how each is typed (and its aliases),
//! how the settings name it, and whether it acts on a thread's customer.

use serde::{Deserialize, Serialize};

/// The team commands. Variants are only ever appended (answers naming them are stored).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CommandName {
    /// `/fim [note]` (or `/close`): close the current ticket.
    Close,
    /// `/p <level>`: set the priority.
    Priority,
    /// `/ban [reason]`: stop relaying the customer's messages.
    Ban,
    /// `/unban`: relay them again.
    Unban,
    /// `/resposta <title>` (replying to a message): save a canned reply.
    SaveCanned,
    /// `/respostas`: list the canned replies.
    ListCanned,
    /// `/resposta_apagar <title>`: delete a canned reply.
    DeleteCanned,
    /// `/resposta_renomear <old> = <new>`: rename a canned reply.
    RenameCanned,
    /// `/new <user id>`: open a thread for a customer who has written to the bot before.
    New,
    /// `/help`: list the team commands.
    Help,
    /// `/mark [tag …] [-tag …]`: add, remove or list the customer's tags.
    Mark,
    /// `/assign [@username | user id]`: put a team member (the caller by default) in charge.
    Assign,
    /// `/unassign`: nobody in charge of the ticket.
    Unassign,
    /// `/set <field> <value>`: set a contact field of the customer.
    Set,
    /// `/unset <field>`: remove a contact field.
    Unset,
    /// `/info`: what the team knows about the customer.
    Info,
    /// `/stats [period]`: the team's statistics.
    Stats,
    /// `/queue`: open tickets waiting for the team, oldest first (in the lobby).
    Queue,
    /// `/mine`: the caller's open tickets (in the lobby).
    Mine,
    /// `/find <text>`: customers by name, @username, id, tag or field value (in the lobby).
    Find,
    /// `/send <segment> [at <time> | in <span>]` (replying to a message in the lobby): a
    /// broadcast; `/send test` copies the message to its author.
    Send,
    /// `/broadcasts`: the broadcasts not done yet, with their buttons.
    Broadcasts,
    /// `/export [customers|tickets|broadcasts] [csv|jsonl] [filter]`: the data as a document
    /// (administrators, in the lobby).
    Export,
    /// `/import`, replying to a CSV or JSON lines document: customers' tags, fields, language
    /// and notes merged in after a preview (administrators, in the lobby).
    Import,
    /// `/say <title>`: send a canned reply, its variables filled, to the thread's customer.
    Say,
    /// `/forget`: erase everything stored about the thread's customer (administrators only).
    Forget,
}

impl CommandName {
    /// Every team command, in menu order.
    pub const ALL: [CommandName; 26] = [
        CommandName::Close,
        CommandName::Priority,
        CommandName::Ban,
        CommandName::Unban,
        CommandName::SaveCanned,
        CommandName::ListCanned,
        CommandName::DeleteCanned,
        CommandName::RenameCanned,
        CommandName::New,
        CommandName::Help,
        CommandName::Mark,
        CommandName::Assign,
        CommandName::Unassign,
        CommandName::Set,
        CommandName::Unset,
        CommandName::Info,
        CommandName::Stats,
        CommandName::Queue,
        CommandName::Mine,
        CommandName::Find,
        CommandName::Send,
        CommandName::Broadcasts,
        CommandName::Export,
        CommandName::Import,
        CommandName::Say,
        CommandName::Forget,
    ];

    /// The command as typed, without the slash.
    pub fn name(self) -> &'static str {
        match self {
            CommandName::Close => "fim",
            CommandName::Priority => "p",
            CommandName::Ban => "ban",
            CommandName::Unban => "unban",
            CommandName::SaveCanned => "resposta",
            CommandName::ListCanned => "respostas",
            CommandName::DeleteCanned => "resposta_apagar",
            CommandName::RenameCanned => "resposta_renomear",
            CommandName::New => "new",
            CommandName::Help => "help",
            CommandName::Mark => "mark",
            CommandName::Assign => "assign",
            CommandName::Unassign => "unassign",
            CommandName::Set => "set",
            CommandName::Unset => "unset",
            CommandName::Info => "info",
            CommandName::Stats => "stats",
            CommandName::Queue => "queue",
            CommandName::Mine => "mine",
            CommandName::Find => "find",
            CommandName::Send => "send",
            CommandName::Broadcasts => "broadcasts",
            CommandName::Export => "export",
            CommandName::Import => "import",
            CommandName::Say => "say",
            CommandName::Forget => "forget",
        }
    }

    /// Other names the command answers to (the same in every language).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            CommandName::Close => &["close"],
            _ => &[],
        }
    }

    /// The command typed as `name` (its name or an alias), if it is one.
    pub fn parse(name: &str) -> Option<CommandName> {
        CommandName::ALL
            .into_iter()
            .find(|command| command.name() == name || command.aliases().contains(&name))
    }

    /// The command's name as the settings write it (`permissions`): its name, or for `/fim`
    /// its English alias too.
    pub fn from_setting(name: &str) -> Option<CommandName> {
        CommandName::parse(name.trim().trim_start_matches('/'))
    }

    /// Whether the command acts on the customer of the thread it is typed in.
    pub fn needs_thread(self) -> bool {
        matches!(
            self,
            CommandName::Close
                | CommandName::Priority
                | CommandName::Ban
                | CommandName::Unban
                | CommandName::Mark
                | CommandName::Assign
                | CommandName::Unassign
                | CommandName::Set
                | CommandName::Unset
                | CommandName::Info
                | CommandName::Say
                | CommandName::Forget
        )
    }

    /// Whether the command only works in the lobby: the team chat outside customers' threads
    /// (the discussion group's main chat, or the forum's General topic).
    pub fn needs_lobby(self) -> bool {
        matches!(
            self,
            CommandName::Queue
                | CommandName::Mine
                | CommandName::Find
                | CommandName::Export
                | CommandName::Import
        )
    }

    /// Whether only administrators may use the command, whatever `permissions` says: it hands
    /// out, rewrites or erases customers' data.
    pub fn admins_only(self) -> bool {
        matches!(
            self,
            CommandName::Export | CommandName::Import | CommandName::Forget
        )
    }
}
