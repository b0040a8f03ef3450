//! `/export` in the lobby: administrators get customers, tickets or broadcasts as documents
//! (several when one would be too long), filtered by segment and date; team members who are
//! not administrators, outsiders and bad arguments get a clear answer and no file.

use telegram_sim::{Content, MessageId, UserId};

use crate::support::{Harness, both_layouts};

/// `user` types `text` in the lobby; the command's id.
pub fn in_lobby(desk: &Harness, user: UserId, text: &str) -> MessageId {
    desk.sim
        .as_user(user)
        .in_chat(desk.group)
        .send(Content::text(text))
        .expect("the user can write in the lobby")
}

/// The documents the bot sent answering `command`, once `count` are there: caption and bytes.
pub async fn documents(desk: &Harness, command: MessageId, count: usize) -> Vec<(String, Vec<u8>)> {
    let found = || -> Vec<(String, Vec<u8>)> {
        desk.sim
            .transcript(desk.group)
            .iter()
            .filter(|entry| {
                entry.reply_to == Some(command)
                    && entry.from == Some(desk.bot.user_id)
                    && entry.kind == "document"
            })
            .map(|entry| {
                let bytes = entry
                    .file_id
                    .as_deref()
                    .and_then(|file| desk.sim.file_bytes(file))
                    .unwrap_or_default();
                (entry.text.clone().unwrap_or_default(), bytes)
            })
            .collect()
    };
    desk.eventually(&format!("{count} documents answer the command"), || {
        found().len() >= count
    })
    .await;
    found()
}

/// Customers who wrote, each once their thread shows it.
async fn customers_who_wrote(desk: &Harness, names: &[&str]) -> Vec<UserId> {
    let mut customers = Vec::new();
    for name in names {
        let customer = desk.customer(name, "en");
        desk.say(customer, "hello");
        desk.thread_len(customer, 1).await;
        customers.push(customer);
    }
    customers
}

async fn administrators_export_customers_tickets_and_broadcasts(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let [ana, bob] = customers_who_wrote(&desk, &["Ana", "Bob"]).await[..] else {
        unreachable!()
    };
    desk.command(desk.maria, ana, "/mark vip").await;
    desk.command(desk.maria, ana, "/set plan pro").await;

    // Customers, as CSV by default: one row each, a column per contact field.
    let command = in_lobby(&desk, desk.owner, "/export");
    let files = documents(&desk, command, 1).await;
    assert_eq!(files.len(), 1);
    let (caption, bytes) = &files[0];
    assert_eq!(caption, "📦 Customers (rows: 2)");
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("customer_id,name,username,language,first_seen,banned,tags,field:plan")
    );
    assert!(text.contains(&format!("{},Ana,", ana.0)), "{text}");
    assert!(text.contains(",false,vip,pro"), "{text}");
    assert!(text.contains(&format!("{},Bob,", bob.0)), "{text}");

    // Filtered by segment: only Ana; as JSON lines.
    let command = in_lobby(&desk, desk.owner, "/export customers jsonl tag:vip");
    let (caption, bytes) = documents(&desk, command, 1).await.remove(0);
    assert_eq!(caption, "📦 Customers (rows: 1)");
    let row: serde_json::Value =
        serde_json::from_slice(bytes.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(row["id"], ana.0);
    assert_eq!(row["fields"]["plan"], "pro");

    // Tickets, and a date filter in the future that leaves nothing but the header.
    let command = in_lobby(&desk, desk.owner, "/export tickets csv open");
    let (caption, bytes) = documents(&desk, command, 1).await.remove(0);
    assert_eq!(caption, "📦 Tickets (rows: 2)");
    assert!(String::from_utf8(bytes).unwrap().contains(",1,,open,"));
    let command = in_lobby(&desk, desk.owner, "/export tickets since 2999-01-01");
    let (caption, _) = documents(&desk, command, 1).await.remove(0);
    assert_eq!(caption, "📦 Tickets (rows: 0)");

    // Broadcasts: none yet, the header alone.
    let command = in_lobby(&desk, desk.owner, "/export broadcasts");
    let (_, bytes) = documents(&desk, command, 1).await.remove(0);
    assert!(
        String::from_utf8(bytes)
            .unwrap()
            .starts_with("id,author,created_at,segment")
    );
}

both_layouts!(administrators_export_customers_tickets_and_broadcasts);

async fn only_administrators_export_and_bad_arguments_get_the_usage(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let [ana] = customers_who_wrote(&desk, &["Ana"]).await[..] else {
        unreachable!()
    };
    let seen_by_ana = desk.private(ana).len();

    // A team member who is not an administrator.
    let command = in_lobby(&desk, desk.maria, "/export customers");
    let answer = desk.answer_to(command).await;
    assert_eq!(
        answer,
        "Only administrators of the team's chat may use /export."
    );
    // Someone outside the team (the forum has no outsiders: only its members write there).
    if !forum {
        let command = in_lobby(&desk, desk.outsider, "/export");
        let answer = desk.answer_to(command).await;
        assert!(answer.contains("/export is a team command"), "{answer}");
    }
    // Bad arguments, and a customer's thread.
    for typed in [
        "/export people",
        "/export csv customers",
        "/export broadcasts open",
        "/export since yesterday",
    ] {
        let command = in_lobby(&desk, desk.owner, typed);
        let answer = desk.answer_to(command).await;
        assert!(answer.starts_with("Usage: /export"), "{typed}: {answer}");
    }
    let wrong = desk.command(desk.owner, ana, "/export").await;
    assert!(wrong.contains("works in the group's main chat"), "{wrong}");

    // No file was sent, and the customer saw none of it.
    let files = desk
        .sim
        .transcript(desk.group)
        .iter()
        .filter(|entry| entry.kind == "document")
        .count();
    assert_eq!(files, 0);
    assert_eq!(
        desk.private(ana).len(),
        seen_by_ana,
        "{}",
        desk.private(ana)
    );
}

both_layouts!(only_administrators_export_and_bad_arguments_get_the_usage);

async fn a_long_export_goes_out_in_several_documents(forum: bool) {
    let desk = Harness::start_layout(forum, &[("THREADESK_EXPORT_PART_KB", "1")]).await;
    let names: Vec<String> = (1..=12)
        .map(|n| format!("Customer {n:02} with a name long enough to fill a row of the export"))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    customers_who_wrote(&desk, &names).await;

    let command = in_lobby(&desk, desk.owner, "/export customers csv");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let files = documents(&desk, command, 2).await;
    assert!(files.len() >= 2, "{}", files.len());
    let mut rows = 0;
    for (index, (caption, bytes)) in files.iter().enumerate() {
        assert!(bytes.len() <= 1024, "{}", bytes.len());
        assert!(
            caption.ends_with(&format!("(part {} of {})", index + 1, files.len())),
            "{caption}"
        );
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with("customer_id,name,"), "{text}");
        rows += text.lines().count() - 1;
    }
    assert_eq!(rows, 12);
}

both_layouts!(a_long_export_goes_out_in_several_documents);
