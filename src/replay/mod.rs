//! Offline replay of raw updates through everything the bot does without I/O: classification of
//! the JSON, the desk's rules on an in-memory state, the outcomes Telegram would report (cards
//! posted and forwarded, deliveries failing), due timers, the stored records' codec and the
//! rendering of cards and notices. The fuzz target (`fuzz/`) and the corpus regression test share
//! [`run`], so whatever the fuzzer found stays covered by a plain `cargo test`.
//!
//! The input is a sequence of updates, one JSON document per line. Where the real bot would ask
//! Telegram whether a team-chat author is on the team, the answer comes from the input: authors
//! whose id is a multiple of 3 are outsiders, everyone else is a team member.
//!
//! Besides "no panic", the replay enforces the access rules on every event: an outsider's
//! message or edit in the team chat has no consequence at all, an outsider's inline query gets
//! an empty answer, and a customer's message only leads to effects about that customer.
//!
//! Map:
//! - `access`: the access rules checked on every event.

mod access;

use std::collections::VecDeque;
use std::sync::OnceLock;
use std::time::Duration;

use crate::desk::{Desk, DeskSettings, Effect, Event, Failure, Role};
use crate::domain::{ChatId, MessageId, Timestamp, UserId, Workspace};
use crate::i18n::Localizer;
use crate::pipeline::inbox::InboxItem;
use crate::pipeline::outbox::OutboxItem;
use crate::storage::codec;
use crate::storage::{Ledger, MemoryKv};
use crate::telegram::translator::{Author, Classified, classify};

use self::access::Access;

/// The channel of the replayed desk.
pub const CHANNEL: ChatId = ChatId(-1_001_000_000_001);
/// The channel's discussion group, where the threads are.
pub const GROUP: ChatId = ChatId(-1_001_000_000_002);
/// The bot's username.
pub const BOT_USERNAME: &str = "threadesk_bot";

/// At most this many updates of one input are replayed (longer inputs teach nothing more).
const MAX_UPDATES: usize = 64;
/// At most this many events (updates and their consequences) are handled per input.
const MAX_EVENTS: usize = 2_000;

/// What a replay went through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Lines that were parsed and classified.
    pub updates: usize,
    /// Events the desk handled (updates and their consequences).
    pub events: usize,
    /// Effects the desk asked for.
    pub effects: usize,
}

/// Replays `input` (updates, one per line) on a fresh desk. Panics only on a bug: a panic in
/// the rules, a record that does not survive the codec, a card or notice that cannot render.
pub fn run(input: &[u8]) -> Summary {
    let chats = Workspace::Channel {
        channel: CHANNEL,
        group: GROUP,
    };
    let localizer = localizer();
    let desk = Desk::new(DeskSettings {
        album_wait: Duration::from_millis(500),
        thread_timeout: Duration::from_secs(30),
        priority_names: localizer.priority_names(),
        workspace: chats,
        bot_username: Some(BOT_USERNAME.to_owned()),
        ..DeskSettings::default()
    });
    let mut replay = Replay {
        desk,
        localizer,
        state: Ledger::new(MemoryKv::default()),
        now: Timestamp(1_700_000_000_000),
        timers: Vec::new(),
        next_post: 1,
        summary: Summary::default(),
        choice: input.iter().fold(0u64, |hash, byte| {
            hash.wrapping_mul(31).wrapping_add(u64::from(*byte))
        }),
    };
    for line in input.split(|byte| *byte == b'\n').take(MAX_UPDATES) {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        replay.summary.updates += 1;
        if let Some(event) = translate(classify(line, &chats)) {
            replay.handle(event);
        }
        replay.now = replay.now.plus(Duration::from_millis(400));
        replay.fire_due_timers();
    }
    // Let every album and timeout run out.
    replay.now = replay.now.plus(Duration::from_secs(3600));
    replay.fire_due_timers();
    replay.summary
}

/// The locales, loaded once (parsing them costs more than a whole replay).
fn localizer() -> &'static Localizer {
    static LOCALIZER: OnceLock<Localizer> = OnceLock::new();
    LOCALIZER.get_or_init(|| Localizer::new("en", "en").expect("the built-in locales load"))
}

/// The event an update becomes, with team membership taken from the author's id.
fn translate(classified: Classified) -> Option<Event> {
    let is_team = |id: UserId| id.0 % 3 != 0;
    match classified {
        Classified::Ready(event) => Some(event),
        Classified::TeamChat {
            message,
            edited,
            author,
        } => {
            let role = match author {
                Author::Known(role) => role,
                Author::Person { id, name } if is_team(id) => Role::TeamMember { id, name },
                Author::Person { .. } => Role::Outsider,
            };
            Some(if edited {
                Event::TeamEdited { message, role }
            } else {
                Event::TeamMessage { message, role }
            })
        }
        Classified::InlineQuery { id, from, query } => Some(Event::InlineQuery {
            id,
            from,
            query,
            team: is_team(from),
        }),
        Classified::ButtonPressed(mut press) => {
            press.team = Some(is_team(press.from));
            Some(Event::ButtonPressed(press))
        }
        Classified::Membership {
            user, name, admin, ..
        } => Some(Event::AdminChanged { user, name, admin }),
        // The replay keeps one workspace; a relink is covered by the end-to-end tests.
        Classified::Relinked { .. } | Classified::BotMembership { .. } | Classified::Ignored => {
            None
        }
    }
}

struct Replay {
    desk: Desk,
    localizer: &'static Localizer,
    state: Ledger<MemoryKv>,
    now: Timestamp,
    timers: Vec<(Timestamp, crate::desk::Timer)>,
    next_post: i32,
    summary: Summary,
    /// Drawn from the input: which deliveries fail, and how.
    choice: u64,
}

impl Replay {
    /// Handles an event and everything it leads to.
    fn handle(&mut self, event: Event) {
        let mut queue = VecDeque::from([event]);
        while let Some(event) = queue.pop_front() {
            if self.summary.events >= MAX_EVENTS {
                return;
            }
            self.summary.events += 1;
            round_trip(&InboxItem::Event(Box::new(event.clone())));
            let rule = Access::of(&event);
            let output = self
                .desk
                .handle(&mut self.state, event, self.now)
                .expect("in-memory state never fails");
            rule.check(&output);
            self.timers.extend(output.timers);
            for effect in output.effects {
                self.summary.effects += 1;
                round_trip(&OutboxItem {
                    effect: effect.clone(),
                    enqueued_at: self.now,
                    workspace: Some(self.desk.settings().workspace),
                });
                self.render(&effect);
                queue.extend(self.outcome(effect));
            }
        }
    }

    /// What Telegram would report back about an effect: a posted card and its thread root, or
    /// now and then a delivery that fails for good.
    fn outcome(&mut self, effect: Effect) -> Vec<Event> {
        self.choice = self
            .choice
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let draw = self.choice >> 33;
        if draw % 11 == 0 {
            let failure = match draw % 4 {
                0 => Failure::BlockedByUser,
                1 => Failure::UserDeactivated,
                2 => Failure::NotStarted,
                _ => Failure::Rejected("Bad Request: message to be replied not found".into()),
            };
            return vec![Event::DeliveryFailed { effect, failure }];
        }
        match effect {
            Effect::PostCard { customer, .. } => {
                let post = MessageId(self.next_post);
                self.next_post += 1;
                // A forum topic is the thread at once; a channel post's thread comes later, and
                // now and then never, so the timeout path runs too.
                if draw % 3 == 0 {
                    return vec![Event::CardPosted {
                        customer,
                        post,
                        root: Some(post),
                    }];
                }
                let mut events = vec![Event::CardPosted {
                    customer,
                    post,
                    root: None,
                }];
                if draw % 5 != 0 {
                    events.push(Event::CardForwarded {
                        post,
                        root: MessageId(100_000 + post.0),
                    });
                }
                events
            }
            _ => Vec::new(),
        }
    }

    /// Renders what the executor would render, in the card's and the customer's languages.
    fn render(&self, effect: &Effect) {
        match effect {
            Effect::PostCard { card, .. } | Effect::EditCard { card, .. } => {
                let _ = self.localizer.card(card);
            }
            Effect::TellCustomer {
                notice, language, ..
            } => {
                let language = self.localizer.customer_language(language.as_deref());
                let _ = self.localizer.notice(notice, language);
            }
            Effect::NoteInThread { notice, .. }
            | Effect::NoteInTeamChat { notice }
            | Effect::AnswerTeam { notice, .. }
            | Effect::NotifyAdmin { notice, .. } => {
                let _ = self
                    .localizer
                    .notice(notice, self.localizer.team_language());
            }
            Effect::SendButtons {
                notice, keyboard, ..
            }
            | Effect::EditButtons {
                notice, keyboard, ..
            } => {
                let language = self.localizer.team_language();
                let _ = self.localizer.notice(notice, language);
                for button in keyboard.rows.iter().flatten() {
                    let _ = self.localizer.notice(&button.label, language);
                }
            }
            Effect::AnswerButton {
                notice: Some(notice),
                ..
            } => {
                let _ = self
                    .localizer
                    .notice(notice, self.localizer.team_language());
            }
            _ => {}
        }
    }

    /// Delivers every timer due by now, earliest first.
    fn fire_due_timers(&mut self) {
        loop {
            self.timers.sort_by_key(|(at, _)| *at);
            let Some(index) = self.timers.iter().position(|(at, _)| *at <= self.now) else {
                return;
            };
            if self.summary.events >= MAX_EVENTS {
                return;
            }
            let (_, timer) = self.timers.remove(index);
            self.handle(Event::Timer(timer));
        }
    }
}

/// Encodes and decodes a record as the store does; what goes in must come out.
fn round_trip<R>(record: &R)
where
    R: codec::Record + PartialEq + std::fmt::Debug,
{
    let bytes = codec::encode(record).expect("every record encodes");
    let back: R = codec::decode(&bytes).expect("every encoded record decodes");
    assert_eq!(&back, record, "a record changed through the codec");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fuzz target's committed inputs: the readable seeds and the minimised corpus.
    fn committed_inputs() -> Vec<(String, Vec<u8>)> {
        let fuzz = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
        let mut files = Vec::new();
        for dir in ["seeds", "corpus/updates"] {
            for entry in std::fs::read_dir(fuzz.join(dir)).expect("the fuzz inputs are committed") {
                let path = entry.expect("a fuzz input").path();
                let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
                files.push((name, std::fs::read(&path).expect("a fuzz input file")));
            }
        }
        files.sort();
        files
    }

    #[test]
    fn every_committed_fuzz_input_replays_without_a_panic() {
        let files = committed_inputs();
        assert!(files.len() >= 100, "the corpus is committed");
        let mut total = Summary::default();
        for (name, bytes) in &files {
            let summary =
                std::panic::catch_unwind(|| run(bytes)).unwrap_or_else(|_| panic!("{name} panics"));
            total.updates += summary.updates;
            total.events += summary.events;
            total.effects += summary.effects;
        }
        println!("{} inputs: {total:?}", files.len());
        assert!(total.effects > 0, "the inputs reach the desk: {total:?}");
    }

    #[test]
    fn every_seed_reaches_the_desk_except_the_unknown_kinds() {
        for (name, bytes) in committed_inputs() {
            if name.starts_with("seeds/") {
                let summary = run(&bytes);
                assert_eq!(
                    summary.events == 0,
                    name.ends_with("unknown"),
                    "{name}: {summary:?}"
                );
            }
        }
    }

    #[test]
    fn a_first_message_and_a_team_answer_go_all_the_way_through() {
        let input = [
            r#"{"update_id":1,"message":{"message_id":1,"date":1700000000,"chat":{"id":1001,"type":"private","first_name":"Alice"},"from":{"id":1001,"is_bot":false,"first_name":"Alice"},"text":"hello"}}"#,
            r#"{"update_id":2,"message":{"message_id":100002,"date":1700000000,"chat":{"id":-1001000000002,"type":"supergroup","title":"Support chat"},"from":{"id":2002,"is_bot":false,"first_name":"Maria"},"message_thread_id":100001,"reply_to_message":{"message_id":100001,"date":1700000000,"chat":{"id":-1001000000002,"type":"supergroup","title":"Support chat"},"text":"card"},"text":"hi"}}"#,
        ]
        .join("\n");
        let summary = run(input.as_bytes());
        assert_eq!(summary.updates, 2);
        // The card, its pin, the copy into the thread, the answer to the customer at least.
        assert!(summary.effects >= 4, "{summary:?}");
    }

    #[test]
    fn bytes_that_are_not_json_are_skipped() {
        let summary = run(b"\x00\xff{not json\n\n[1,2,3]\n\"text\"");
        assert_eq!(summary.updates, 3);
        assert_eq!(summary.events, 0);
    }
}
