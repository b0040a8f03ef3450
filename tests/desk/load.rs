//! Load against the built binary: `threadesk run` as a child process on the harness's data
//! directory, a steady stream of customer messages and team comments, and the accounting of what
//! arrived where (lost, duplicated, out of order), per conversation and direction.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use telegram_sim::{Content, MessageId, Transcript, UserId};
use threadesk::harness::{self, BotProcess};

use crate::support::Harness;

/// The binary under test.
pub const BINARY: &str = env!("CARGO_BIN_EXE_threadesk");

/// Starts `threadesk run` with the harness's settings, its log appended to `log`.
pub fn spawn(desk: &Harness, log: &Path) -> BotProcess {
    let settings = desk
        .settings
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .chain([("THREADESK_LOG", "threadesk=warn")]);
    BotProcess::spawn(BINARY, settings, log).expect("the binary starts")
}

/// Stops the child with SIGTERM and checks it exits cleanly.
pub async fn terminate(child: BotProcess, log: &Path) {
    let status = child
        .stop(Duration::from_secs(30))
        .await
        .expect("the bot stops in time after SIGTERM");
    assert!(status.success(), "{status}; log:\n{}", tail(log));
}

/// The last lines of a log file (for failure messages).
pub fn tail(log: &Path) -> String {
    harness::log_tail(log, 40)
}

/// The resident set size of a process, in KiB, from `/proc/<pid>/status`.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// A log file path inside the harness's temporary directory.
pub fn log_path(desk: &Harness, name: &str) -> PathBuf {
    desk.data.path().join(name)
}

/// One customer's conversation: what was sent each way, in order.
pub struct Conversation {
    /// The customer.
    pub customer: UserId,
    /// Tag prefix of the customer's messages (`c<n>-`).
    pub inbound: String,
    /// Tag prefix of the team's comments (`t<n>-`).
    pub outbound: String,
    /// The customer's messages, in the order sent.
    pub sent: Vec<String>,
    /// The team's comments, in the order sent.
    pub answers: Vec<String>,
    /// The thread root, once the bot relayed a message into it.
    root: Option<MessageId>,
}

/// A steady stream of traffic over several conversations.
#[derive(Default)]
pub struct Load {
    /// The conversations, in the order the customers appeared.
    pub conversations: Vec<Conversation>,
    turn: usize,
}

impl Load {
    /// A new customer joins (their first message opens their card).
    pub fn add_customer(&mut self, desk: &Harness) {
        let index = self.conversations.len();
        let customer = desk.customer(&format!("Load{index}"), "en");
        self.conversations.push(Conversation {
            customer,
            inbound: format!("c{index}-"),
            outbound: format!("t{index}-"),
            sent: Vec::new(),
            answers: Vec::new(),
            root: None,
        });
    }

    /// One step: the next customer (round robin) writes, and the team comments in that
    /// customer's thread if it exists yet.
    pub fn step(&mut self, desk: &Harness) {
        let count = self.conversations.len();
        if count == 0 {
            return;
        }
        let conversation = &mut self.conversations[self.turn % count];
        let member = if self.turn % 2 == 0 {
            desk.maria
        } else {
            desk.joao
        };
        self.turn += 1;
        let text = format!("{}{}", conversation.inbound, conversation.sent.len());
        desk.say(conversation.customer, &text);
        conversation.sent.push(text);
        if conversation.root.is_none() {
            conversation.root = confirmed_root(desk, conversation);
        }
        if let Some(root) = conversation.root {
            let text = format!("{}{}", conversation.outbound, conversation.answers.len());
            desk.sim
                .as_user(member)
                .in_chat(desk.group)
                .reply_to(root)
                .send(Content::text(&text))
                .expect("the member can comment");
            conversation.answers.push(text);
        }
    }

    /// Steps until every conversation has its thread, so both directions flow from then on.
    pub async fn warm_up(&mut self, desk: &Harness, tick: Duration) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        while self.conversations.iter().any(|c| c.root.is_none()) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the threads did not appear"
            );
            self.step(desk);
            tokio::time::sleep(tick).await;
        }
    }

    /// Whether everything sent so far has arrived at least once.
    pub fn all_arrived(&self, desk: &Harness) -> bool {
        self.conversations.iter().all(|conversation| {
            let (inbound, outbound) = arrivals(desk, conversation);
            distinct(&inbound) >= conversation.sent.len()
                && distinct(&outbound) >= conversation.answers.len()
        })
    }

    /// Messages sent (both ways) that have not arrived yet: the work in flight.
    pub fn backlog(&self, desk: &Harness) -> usize {
        self.conversations
            .iter()
            .map(|conversation| {
                let (inbound, outbound) = arrivals(desk, conversation);
                conversation.sent.len().saturating_sub(distinct(&inbound))
                    + conversation
                        .answers
                        .len()
                        .saturating_sub(distinct(&outbound))
            })
            .sum()
    }

    /// Counts what arrived, per direction.
    pub fn tally(&self, desk: &Harness, kills: &[Watermark]) -> Report {
        let mut report = Report::default();
        for conversation in &self.conversations {
            let (inbound, outbound) = arrivals(desk, conversation);
            let group: Vec<MessageId> = kills.iter().map(|mark| mark.group).collect();
            let private: Vec<MessageId> = kills
                .iter()
                .map(|mark| {
                    mark.private
                        .get(&conversation.customer)
                        .copied()
                        .unwrap_or(MessageId(0))
                })
                .collect();
            report.inbound.add(&inbound, &conversation.sent, &group);
            report
                .outbound
                .add(&outbound, &conversation.answers, &private);
            report.customers += 1;
        }
        report.cards = desk
            .sim
            .transcript(desk.channel)
            .iter()
            .filter(|entry| entry.service.is_none())
            .count();
        report
    }
}

/// The thread root of a customer's current card, once the bot relayed one of their messages
/// there (before that, the copy may belong to a card that is about to be replaced).
fn confirmed_root(desk: &Harness, conversation: &Conversation) -> Option<MessageId> {
    let root = current_root(desk, conversation.customer)?;
    let thread = desk.sim.thread(desk.group, root);
    thread
        .texts()
        .iter()
        .any(|text| text.starts_with(&conversation.inbound))
        .then_some(root)
}

/// The discussion copy of the newest card naming the customer.
fn current_root(desk: &Harness, customer: UserId) -> Option<MessageId> {
    let marker = customer.0.to_string();
    let card = desk
        .sim
        .transcript(desk.channel)
        .iter()
        .filter(|entry| {
            entry.service.is_none() && entry.text.as_deref().is_some_and(|t| t.contains(&marker))
        })
        .map(|entry| entry.id)
        .next_back()?;
    desk.sim.discussion_copy_of(desk.channel, card)
}

/// Tagged texts with the id of the message that carried them, in message order.
type Arrivals = Vec<(String, MessageId)>;

/// The tagged messages of a conversation as they arrived: in the customer's thread (from the
/// bot) and in the customer's private chat (from the bot), each in message order.
fn arrivals(desk: &Harness, conversation: &Conversation) -> (Arrivals, Arrivals) {
    let from_bot = |transcript: &Transcript, prefix: &str| -> Arrivals {
        transcript
            .iter()
            .filter(|entry| entry.from == Some(desk.bot.user_id))
            .filter_map(|entry| {
                let text = entry.text.as_deref()?;
                text.starts_with(prefix)
                    .then(|| (text.to_owned(), entry.id))
            })
            .collect()
    };
    let inbound = current_root(desk, conversation.customer)
        .map(|root| from_bot(&desk.sim.thread(desk.group, root), &conversation.inbound))
        .unwrap_or_default();
    let outbound = from_bot(&desk.private(conversation.customer), &conversation.outbound);
    (inbound, outbound)
}

fn distinct(arrived: &[(String, MessageId)]) -> usize {
    arrived
        .iter()
        .map(|(text, _)| text)
        .collect::<std::collections::HashSet<_>>()
        .len()
}

/// The last message id of the team chat and of each private chat when the bot was killed:
/// messages up to it were sent by the killed process, later ones by its successors.
#[derive(Clone, Debug)]
pub struct Watermark {
    /// In the team chat.
    pub group: MessageId,
    /// In each customer's private chat.
    pub private: HashMap<UserId, MessageId>,
}

impl Watermark {
    /// Takes the watermark now (call it while no bot process runs).
    pub fn take(desk: &Harness, load: &Load) -> Watermark {
        let last = |transcript: Transcript| transcript.last().map_or(MessageId(0), |e| e.id);
        Watermark {
            group: last(desk.sim.transcript(desk.group)),
            private: load
                .conversations
                .iter()
                .map(|c| (c.customer, last(desk.private(c.customer))))
                .collect(),
        }
    }
}

/// What arrived in one direction, summed over the conversations.
#[derive(Debug, Default)]
pub struct Direction {
    /// Messages sent.
    pub expected: usize,
    /// Messages that never arrived.
    pub lost: usize,
    /// Extra copies of messages that arrived more than once.
    pub duplicated: usize,
    /// Duplicates whose first copy and repeat are separated by a kill (the repeat came from a
    /// later process than the first copy).
    pub duplicated_across_a_kill: usize,
    /// Messages whose first copy arrived after the first copy of a message sent later.
    pub out_of_order: usize,
    /// The repeated texts.
    pub repeated: Vec<String>,
    /// Repeats per kill (by the kill's index), in this direction.
    pub per_kill: HashMap<usize, usize>,
    /// The most repeats one conversation had after one kill, in this direction.
    pub most_per_conversation_and_kill: usize,
}

impl Direction {
    fn add(&mut self, arrived: &[(String, MessageId)], expected: &[String], marks: &[MessageId]) {
        let position: HashMap<&str, usize> = expected
            .iter()
            .enumerate()
            .map(|(index, text)| (text.as_str(), index))
            .collect();
        let mut first: HashMap<&str, MessageId> = HashMap::new();
        let mut highest = None;
        let mut here_per_kill: HashMap<usize, usize> = HashMap::new();
        for (text, id) in arrived {
            match first.get(text.as_str()) {
                Some(first_id) => {
                    self.duplicated += 1;
                    self.repeated.push(text.clone());
                    // The kill right after the first copy.
                    if let Some(kill) = marks.iter().position(|mark| first_id <= mark && mark < id)
                    {
                        self.duplicated_across_a_kill += 1;
                        *self.per_kill.entry(kill).or_default() += 1;
                        *here_per_kill.entry(kill).or_default() += 1;
                    }
                }
                None => {
                    first.insert(text, *id);
                    let Some(&index) = position.get(text.as_str()) else {
                        continue;
                    };
                    if highest.is_some_and(|highest| index < highest) {
                        self.out_of_order += 1;
                    }
                    highest = highest.max(Some(index));
                }
            }
        }
        self.most_per_conversation_and_kill = here_per_kill
            .into_values()
            .chain([self.most_per_conversation_and_kill])
            .max()
            .unwrap_or(0);
        self.expected += expected.len();
        self.lost += expected
            .iter()
            .filter(|text| !first.contains_key(text.as_str()))
            .count();
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "sent {}, lost {}, duplicated {} ({} across a kill, at most {} in one conversation \
             after one kill), out of order {}",
            self.expected,
            self.lost,
            self.duplicated,
            self.duplicated_across_a_kill,
            self.most_per_conversation_and_kill,
            self.out_of_order
        )
    }
}

/// What arrived in both directions.
#[derive(Debug, Default)]
pub struct Report {
    /// Conversations counted.
    pub customers: usize,
    /// Card posts in the channel (one per customer, more if a kill repeated a post).
    pub cards: usize,
    /// Customer messages into their threads.
    pub inbound: Direction,
    /// Team comments to the customers.
    pub outbound: Direction,
}

impl Report {
    /// The most repeats one kill caused, both directions together.
    pub fn most_repeats_per_kill(&self) -> usize {
        let mut per_kill = self.inbound.per_kill.clone();
        for (kill, count) in &self.outbound.per_kill {
            *per_kill.entry(*kill).or_default() += count;
        }
        per_kill.into_values().max().unwrap_or(0)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "customers: {}, cards: {}", self.customers, self.cards)?;
        writeln!(f, "customer -> thread: {}", self.inbound)?;
        writeln!(f, "team -> customer:   {}", self.outbound)?;
        write!(
            f,
            "most repeats after one kill: {}",
            self.most_repeats_per_kill()
        )
    }
}
