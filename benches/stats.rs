//! `/stats` at scale: the report's tally (every stored ticket read once) and its chart, on a data
//! directory built directly with the storage layer, measured in a fresh process so its peak
//! memory is the report's alone (plus opening the store).
//!
//! `cargo bench --bench stats -- --customers 100000 --tickets 3 --runs 5`
//! (`--tickets` per customer, spread over the last 90 days, so `30d` covers about a third;
//! `--period` another period; `--keep DIR` keeps and reuses the built directory).
//!
//! Prints the median (and min, max) of the tally, of the chart and of both, and the measuring
//! process's peak resident memory (`VmHWM`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use threadesk::desk::DeskState as _;
use threadesk::domain::{
    Member, OpenedBy, Origin, Ticket, TicketNumber, TicketStatus, Timestamp, UserId,
};
use threadesk::stats::{Period, ReportScope, chart};
use threadesk::storage::{Ledger, Store, report_figures};

fn arg<T: std::str::FromStr>(name: &str, default: T) -> T {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == &format!("--{name}"))
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    if let Some(dir) = std::env::args().skip_while(|a| a != "--measure").nth(1) {
        measure(Path::new(&dir));
        return;
    }
    let customers: i64 = arg("customers", 100_000);
    let tickets: u32 = arg("tickets", 3);
    let keep: Option<PathBuf> = arg::<String>("keep", String::new())
        .parse()
        .ok()
        .filter(|p: &PathBuf| !p.as_os_str().is_empty());
    let temporary = tempfile::tempdir().expect("a temporary directory");
    let dir = keep.unwrap_or_else(|| temporary.path().join("data"));
    if !dir.join("db").exists() && !dir.join("conf").exists() {
        let started = Instant::now();
        build(&dir, customers, tickets);
        println!(
            "built {} customers x {tickets} tickets in {:.1}s",
            customers,
            started.elapsed().as_secs_f64()
        );
    }
    let status = std::process::Command::new(std::env::current_exe().expect("this bench"))
        .arg("--measure")
        .arg(&dir)
        .args(std::env::args().skip(1))
        .status()
        .expect("the measuring process runs");
    assert!(status.success(), "the measuring process failed");
}

fn build(dir: &Path, customers: i64, tickets: u32) {
    let store = Store::open(dir, 64 * 1024 * 1024).expect("the data directory opens");
    let mut ledger = Ledger::new(&store);
    let now = threadesk::pipeline::clock::now().0;
    let minute = 60_000;
    let span = 90 * 24 * 60 * minute;
    let members: Vec<Member> = ["Maria", "João", "Ana", "Pedro", "Lia"]
        .iter()
        .zip(1..)
        .map(|(name, id)| Member {
            id: UserId(id),
            name: (*name).into(),
        })
        .collect();
    let origins = ["ads", "site", "promo"].map(|o| Origin::parse(o).expect("an origin"));
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for customer in 0..customers {
        for number in 1..=tickets {
            let opened = Timestamp(now - (next() % span as u64) as i64);
            let origin = (next() % 4 < 3).then(|| origins[(next() % 3) as usize].clone());
            let mut ticket = Ticket::open(
                UserId(10_000_000 + customer),
                TicketNumber(number),
                opened,
                origin,
                OpenedBy::Customer,
            );
            let mut at = opened.0;
            for _ in 0..(1 + next() % 4) {
                at += (1 + next() % 240) as i64 * minute;
                let member = members[(next() % members.len() as u64) as usize].clone();
                ticket.facts.team_reply(Timestamp(at), Some(member));
                ticket.facts.customer_message();
            }
            if next() % 100 < 85 {
                let by = members[(next() % members.len() as u64) as usize].clone();
                let closed = Timestamp(at + (next() % 600) as i64 * minute);
                ticket.status = TicketStatus::Closed {
                    at: closed,
                    by: Some(by.name.clone()),
                    note: None,
                };
                ticket.facts.closed_by = Some(by);
                if next() % 3 == 0 {
                    ticket.facts.tags_at_close = vec!["vip".into()];
                }
                if next() % 10 < 3 {
                    ticket.facts.rate(1 + (next() % 5) as u8, closed);
                }
            }
            ledger.save_ticket(&ticket).expect("a ticket is stored");
        }
    }
    store.flush_now().expect("flushed");
}

fn measure(dir: &Path) {
    let runs: usize = arg("runs", 5);
    let period: String = arg("period", "30d".to_owned());
    let store = Store::open(dir, 64 * 1024 * 1024).expect("the data directory opens");
    let labels = chart::ChartLabels {
        per_day: format!("Tickets per day, {period}"),
        opened: "opened".into(),
        closed: "closed".into(),
        first_response: "Time to first response".into(),
        buckets: ["< 5m", "5-15m", "15-60m", "1-4h", "4-24h", "> 1d"].map(String::from),
        replies_per_member: "Replies per team member".into(),
        no_data: "no data".into(),
    };
    let (mut tallies, mut charts, mut totals) = (Vec::new(), Vec::new(), Vec::new());
    let mut opened = 0;
    for _ in 0..runs {
        let now = threadesk::pipeline::clock::now();
        let scope = ReportScope {
            period: Period::parse(&period, now, chrono_tz::UTC).expect("a period"),
            zone: chrono_tz::UTC,
            working_hours: None,
        };
        let started = Instant::now();
        let figures = report_figures(&store, scope).expect("the tickets are read");
        let tallied = started.elapsed();
        let png = chart::draw(&figures, &labels).expect("drawn");
        let total = started.elapsed();
        assert!(png.len() > 1000);
        opened = figures.opened;
        tallies.push(tallied);
        charts.push(total - tallied);
        totals.push(total);
    }
    let tickets = store.len(threadesk::storage::TreeName::Tickets);
    println!(
        "/stats {period} over {tickets} tickets ({opened} opened in the period), {runs} runs:"
    );
    for (what, times) in [("tally", tallies), ("chart", charts), ("total", totals)] {
        println!("  {what:<6} {}", spread(times));
    }
    println!("  peak RSS of the measuring process: {}", peak_rss());
}

fn spread(mut times: Vec<Duration>) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.0} ms (min {:.0}, max {:.0})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    )
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}
