//! The lobby's lists at scale: `/queue`, `/mine` and `/find` answered over a data directory of
//! `--customers` customers (100,000 by default), built directly with the storage layer.
//!
//! Each customer has a name (accented first names, common last names), half an `@username`,
//! tags (`vip` on 2 %, a `stage:` funnel on all), an `email` field on half and a `plan` on a
//! third; 30 % have an open ticket (half of them waiting for the team, assigned to one of five
//! members or to nobody), the others a closed one. Measured: loading the customer directory
//! (as the bot does at start) and the memory it takes; then, `--runs` times each, the answer to
//! a command exactly as the bot computes it: the desk run on the command inside a storage
//! transaction (the index queried, the page's records read) and the answer rendered as HTML.
//! Telegram's round trip is not included. Printed: median, p95 and max per command.
//!
//! `cargo bench --bench lobby -- --customers 100000 --runs 50`

mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use threadesk::desk::{
    ButtonPress, Desk, DeskSettings, DeskState as _, Effect, Event, Notice, Role,
};
use threadesk::domain::{
    Author, ButtonAction, Card, ChatId, Content, Customer, FormattedText, IncomingMessage, Lookup,
    Member, MessageId, OpenedBy, Reachability, Ticket, TicketNumber, TicketStatus, Timestamp,
    UserId, Workspace,
};
use threadesk::i18n::Localizer;
use threadesk::storage::{Ledger, Store, TreeName};

use support::Args;

const WORKSPACE: Workspace = Workspace::Channel {
    channel: ChatId(-1_001_000_000_001),
    group: ChatId(-1_001_000_000_002),
};
const FIRST_NAMES: [&str; 12] = [
    "João", "Maria", "Ana", "José", "Lúcia", "André", "Zoë", "Olga", "Pierre", "Giulia", "Иван",
    "Chloé",
];
const LAST_NAMES: [&str; 10] = [
    "Silva", "Souza", "Müller", "García", "Rossi", "Dubois", "Petrov", "Costa", "Nuñez", "Smith",
];
const MEMBERS: i64 = 5;
const FIRST_MEMBER: i64 = 900;

fn main() {
    let args = Args::parse();
    println!("{}", support::describe_run("lobby"));
    let customers: i64 = args.get("customers", 100_000);
    let runs: usize = args.get("runs", 50);
    let temporary = tempfile::tempdir().expect("a temporary directory");
    let store = Store::open(&temporary.path().join("data"), 64 << 20).expect("the store opens");
    let now = Timestamp(1_800_000_000_000);

    let started = Instant::now();
    let unique = build(&store, customers, now);
    store.flush_now().expect("flushed");
    println!(
        "data set: {customers} customers built in {:.1?}",
        started.elapsed()
    );

    let before = rss_kb();
    let started = Instant::now();
    store.load_directory().expect("the directory loads");
    println!(
        "directory: loaded in {:.0?}, RSS {:.1} MB more ({:.1} MB in all)",
        started.elapsed(),
        (rss_kb() - before) as f64 / 1024.0,
        rss_kb() as f64 / 1024.0
    );

    let desk = Desk::new(DeskSettings {
        workspace: WORKSPACE,
        ..DeskSettings::default()
    });
    let localizer = Localizer::new("en", "en").expect("the locales load");
    let queries = [
        ("/queue", "/queue".to_owned()),
        ("/mine", "/mine".to_owned()),
        ("/find <unique name>", format!("/find {unique}")),
        ("/find <id>", format!("/find {}", customers / 2 + 1)),
        ("/find vip", "/find vip".to_owned()),
        ("/find joao silva", "/find joao silva".to_owned()),
        (
            "/find example.com (half match)",
            "/find example.com".to_owned(),
        ),
        ("/find a (nearly all match)", "/find a".to_owned()),
        ("/find nobody", "/find zzzz".to_owned()),
    ];
    println!(
        "\n| command | entries | median ms | p95 ms | max ms |\n| --- | --- | --- | --- | --- |"
    );
    for (label, text) in queries {
        let event = Event::TeamMessage {
            message: lobby_message(&text),
            role: member(),
        };
        let (times, total) = measure(&store, &desk, &localizer, &event, now, runs);
        print_row(label, total, times);
    }
    let press = Event::ButtonPressed(ButtonPress {
        query: "1".into(),
        from: UserId(FIRST_MEMBER),
        name: "Member".into(),
        team: Some(true),
        message: Some((WORKSPACE.thread_chat(), MessageId(77))),
        thread: None,
        action: Some(ButtonAction::LobbyPage {
            lookup: Lookup::Find("a".into()),
            page: 100,
        }),
    });
    let (times, total) = measure(&store, &desk, &localizer, &press, now, runs);
    print_row("page 101 of /find a (button)", total, times);
}

/// Builds the customers; returns the folded name of one customer whose name no other has.
fn build(store: &Store, customers: i64, now: Timestamp) -> String {
    let mut ledger = Ledger::new(store);
    let mut rng = fastrand::Rng::with_seed(19);
    for n in 1..=customers {
        let id = UserId(n);
        let first = FIRST_NAMES[rng.usize(..FIRST_NAMES.len())];
        let last = LAST_NAMES[rng.usize(..LAST_NAMES.len())];
        let mut fields = BTreeMap::new();
        if n % 2 == 0 {
            fields.insert("email".into(), format!("{first}.{last}{n}@example.com"));
        }
        if n % 3 == 0 {
            fields.insert(
                "plan".into(),
                ["free", "pro", "team"][rng.usize(..3)].into(),
            );
        }
        let mut tags = vec![["stage:lead", "stage:trial", "stage:paid"][rng.usize(..3)].into()];
        if rng.u8(..100) < 2 {
            tags.insert(0, "vip".into());
        }
        let customer = Customer {
            id,
            first_name: if n == customers / 3 {
                "Quintessa".into()
            } else {
                first.into()
            },
            last_name: Some(last.into()),
            username: (n % 2 == 1).then(|| format!("user{n}")),
            language: Some("pt-br".into()),
            first_seen: Timestamp(now.0 - n * 1000),
            card: Card {
                workspace: Some(WORKSPACE),
                post: Some(MessageId(n as i32)),
                root: Some(MessageId(n as i32)),
                attempts: 1,
                ..Card::default()
            },
            ticket: TicketNumber(1),
            reachability: Reachability::Reachable,
            ban: None,
            tags,
            fields,
        };
        let mut ticket = Ticket::open(
            id,
            TicketNumber(1),
            Timestamp(now.0 - rng.i64(60_000..30 * 86_400_000)),
            None,
            OpenedBy::Customer,
        );
        ticket.waiting_since = ticket.opened_at;
        match rng.u8(..100) {
            0..15 => {}
            15..30 => {
                ticket.team_replied_at = Some(ticket.opened_at);
                ticket.awaiting_customer = true;
            }
            _ => {
                ticket.status = TicketStatus::Closed {
                    at: now,
                    by: None,
                    note: None,
                }
            }
        }
        let assignee = rng.i64(0..=MEMBERS);
        if ticket.is_open() && assignee < MEMBERS {
            ticket.assignee = Some(Member {
                id: UserId(FIRST_MEMBER + assignee),
                name: format!("Member {assignee}"),
            });
        }
        ledger.save_customer(&customer).expect("saved");
        ledger.save_ticket(&ticket).expect("saved");
    }
    "quintessa".into()
}

/// Runs the event `runs` times as the processor would, rendering the answer each time; the
/// durations and the list's size.
fn measure(
    store: &Store,
    desk: &Desk,
    localizer: &Localizer,
    event: &Event,
    now: Timestamp,
    runs: usize,
) -> (Vec<Duration>, u32) {
    let mut times = Vec::with_capacity(runs);
    let mut total = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let output = store
            .transaction(&TreeName::ALL, |kv| {
                desk.handle(&mut Ledger::new(kv), event.clone(), now)
            })
            .expect("handled");
        for effect in &output.effects {
            if let Effect::SendButtons { notice, .. } | Effect::EditButtons { notice, .. } = effect
            {
                std::hint::black_box(localizer.notice(notice, "en"));
                if let Notice::LobbyList { total: listed, .. } = notice {
                    total = *listed;
                }
            }
        }
        times.push(started.elapsed());
    }
    (times, total)
}

fn print_row(label: &str, total: u32, mut times: Vec<Duration>) {
    times.sort_unstable();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {label} | {total} | {:.2} | {:.2} | {:.2} |",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0))
    );
}

fn member() -> Role {
    Role::TeamMember {
        id: UserId(FIRST_MEMBER),
        name: "Member 0".into(),
    }
}

fn lobby_message(text: &str) -> IncomingMessage {
    IncomingMessage {
        chat: WORKSPACE.thread_chat(),
        id: MessageId(77),
        date: 0,
        author: Author::User {
            id: UserId(FIRST_MEMBER),
            first_name: "Member".into(),
            last_name: None,
            username: None,
            language: None,
            is_bot: false,
        },
        content: Content::Text(FormattedText::plain(text)),
        reply_to: None,
        reply_content: None,
        thread: None,
        media_group: None,
        via_bot: None,
        forwarded_post: None,
    }
}

/// This process's resident memory, in kB.
fn rss_kb() -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}
