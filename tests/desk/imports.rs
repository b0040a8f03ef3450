//! `/import` in the lobby: an administrator replies to a CSV or JSON lines document, sees what
//! would change with Apply and Cancel (administrators only), and Apply merges every row at
//! once; an export imports back. Bad files, people who may not import and `/import` without a
//! document get a clear answer, and nothing changes. Nobody is ever sent anything.

use telegram_sim::{Content, MessageId, UserId};

use crate::exports::{documents, in_lobby};
use crate::lobby::{buttons, press, text_of};
use crate::support::{Harness, both_layouts};

/// `user` posts a document with these bytes in the lobby, then replies `/import` to it.
fn import(desk: &Harness, user: UserId, name: &str, bytes: Vec<u8>) -> MessageId {
    let document = desk
        .sim
        .as_user(desk.owner)
        .in_chat(desk.group)
        .send(Content::document(name).with_bytes(bytes))
        .expect("the document is posted");
    desk.sim
        .as_user(user)
        .in_chat(desk.group)
        .reply_to(document)
        .send(Content::text("/import"))
        .expect("the user can reply")
}

/// The bot's first answer to a command: its id and text.
async fn answer(desk: &Harness, command: MessageId) -> (MessageId, String) {
    let text = desk.answer_to(command).await;
    let id = desk
        .sim
        .transcript(desk.group)
        .iter()
        .find(|entry| entry.reply_to == Some(command) && entry.from == Some(desk.bot.user_id))
        .map(|entry| entry.id)
        .expect("answered");
    (id, text)
}

/// The customers an export lists now, as CSV text.
async fn exported(desk: &Harness, what: &str) -> String {
    let command = in_lobby(desk, desk.owner, &format!("/export customers {what}"));
    let (_, bytes) = documents(desk, command, 1).await.remove(0);
    String::from_utf8(bytes).expect("UTF-8")
}

async fn an_export_imports_back_and_apply_merges_every_row(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let ana = desk.customer("Ana", "en");
    // Zed has a Telegram account but never wrote to the bot.
    let zed = desk.customer("Zed", "fr");
    desk.say(ana, "hello");
    desk.thread_len(ana, 1).await;
    desk.command(desk.maria, ana, "/mark vip").await;
    desk.command(desk.maria, ana, "/set plan pro").await;
    let seen_by_ana = desk.private(ana).len();

    // The export, with a customer who never wrote added and Ana tagged once more.
    let mut csv = exported(&desk, "csv").await;
    csv = csv.replace(",false,vip,pro", ",false,vip;lead,pro");
    csv = csv.replace(
        "first_seen,banned,tags,field:plan",
        "first_seen,banned,tags,field:plan,notes",
    );
    csv = csv.replace(",vip;lead,pro\n", ",vip;lead,pro,\n");
    csv.push_str(&format!(
        "{},Zed Imported,zed,fr,,,prospect,basic,met at the fair\n",
        zed.0
    ));
    let command = import(&desk, desk.owner, "customers.csv", csv.into_bytes());
    let (preview, text) = answer(&desk, command).await;
    assert!(
        text.starts_with("📥 Import: 1 new customers, 1 known customers updated."),
        "{text}"
    );
    let keys = buttons(&desk, preview);
    let labels: Vec<&str> = keys.iter().map(|(label, _)| label.as_str()).collect();
    assert_eq!(labels, ["Apply", "Cancel"]);

    // A team member who is not an administrator cannot apply it.
    let refused = press(&desk, desk.maria, preview, &keys[0].1).await;
    assert!(refused.show_alert, "{refused:?}");
    assert_eq!(
        refused.text.as_deref(),
        Some("Only administrators of the team's chat may apply or cancel an import.")
    );
    assert!(!exported(&desk, "csv").await.contains("Zed"));

    // Apply: both rows at once.
    press(&desk, desk.owner, preview, &keys[0].1).await;
    desk.eventually("the preview says it is done", || {
        text_of(&desk, preview).starts_with("✅ Imported: 1 new customers, 1 known")
    })
    .await;
    assert!(buttons(&desk, preview).is_empty());
    let after = exported(&desk, "jsonl").await;
    let rows: Vec<serde_json::Value> = after
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let ana_row = rows.iter().find(|row| row["id"] == ana.0).unwrap();
    assert_eq!(ana_row["tags"], serde_json::json!(["vip", "lead"]));
    assert_eq!(ana_row["fields"]["plan"], "pro");
    let zed_row = rows.iter().find(|row| row["id"] == zed.0).unwrap();
    assert_eq!(zed_row["name"], "Zed Imported");
    assert_eq!(zed_row["language"], "fr");
    assert_eq!(zed_row["tags"], serde_json::json!(["prospect"]));
    assert_eq!(zed_row["fields"]["notes"], "met at the fair");

    // The JSON lines export imports back as it is: nothing to change; Cancel changes nothing.
    let command = import(
        &desk,
        desk.owner,
        "customers.jsonl",
        after.clone().into_bytes(),
    );
    let (preview, text) = answer(&desk, command).await;
    assert!(
        text.starts_with("📥 Import: 0 new customers, 0 known customers updated."),
        "{text}"
    );
    let keys = buttons(&desk, preview);
    press(&desk, desk.owner, preview, &keys[1].1).await;
    desk.eventually("the preview says it is cancelled", || {
        text_of(&desk, preview) == "Import cancelled: nothing changed."
    })
    .await;
    assert_eq!(exported(&desk, "jsonl").await, after);

    // The imported customer's thread, opened by the team, says they have not written yet.
    let opened = in_lobby(&desk, desk.owner, &format!("/new {}", zed.0));
    desk.answer_to(opened).await;
    desk.root(zed).await;
    let card = desk.card(zed).await;
    let text = desk.card_text_of(card);
    assert!(text.contains("📥 Imported; has not written yet."), "{text}");

    let info = desk
        .comment(desk.owner, zed, None, Content::text("/info"))
        .await;
    desk.eventually("/info answers twice", || desk.answers_to(info).len() >= 2)
        .await;
    let answers = desk.answers_to(info);
    assert_eq!(
        answers[1], "📥 Imported; has not written yet.",
        "{answers:?}"
    );

    // Nobody was sent anything.
    assert_eq!(desk.private(ana).len(), seen_by_ana);
    assert!(desk.private(zed).is_empty(), "{}", desk.private(zed));

    // Once Zed writes, the card no longer says so.
    desk.say(zed, "hi, it's Zed");
    desk.eventually("the card drops the import mark", || {
        let text = desk.card_text_of(card);
        !text.is_empty() && !text.contains("Imported")
    })
    .await;
}

both_layouts!(an_export_imports_back_and_apply_merges_every_row);

async fn bad_imports_are_answered_and_change_nothing(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let ana = desk.customer("Ana", "en");
    desk.say(ana, "hello");
    desk.thread_len(ana, 1).await;
    let before = exported(&desk, "csv").await;
    let good = b"customer_id,tags\n777,vip\n".to_vec();

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "invoice.pdf",
            b"%PDF-1.4".to_vec(),
            "Nothing imported: this document is neither CSV nor JSON lines.",
        ),
        (
            "huge.csv",
            vec![b'1'; 20 * 1024 * 1024 + 1],
            "Nothing imported: the document is larger than 20 MB",
        ),
        (
            "tickets.csv",
            b"customer_id,ticket,status\n777,1,open\n".to_vec(),
            "Nothing imported: unknown columns ticket, status.",
        ),
        (
            "no-id.csv",
            b"name,tags\nAna,vip\n".to_vec(),
            "Nothing imported: the file has no customer_id column",
        ),
        (
            "empty.jsonl",
            b"\n".to_vec(),
            "Nothing imported: the file has no rows.",
        ),
    ];
    for (name, bytes, expected) in cases {
        let command = import(&desk, desk.owner, name, bytes);
        let (_, text) = answer(&desk, command).await;
        assert!(text.starts_with(expected), "{name}: {text}");
    }

    // Malformed rows: listed with their lines, nothing applied (not even the good rows).
    let rows = b"customer_id,tags\n777,vip\n-1001234,\n777,\nabc,\n778,not a tag!\n".to_vec();
    let command = import(&desk, desk.owner, "rows.csv", rows);
    let (preview, text) = answer(&desk, command).await;
    assert_eq!(
        text,
        "Nothing imported: 4 rows have problems. Fix them and send the file again.\n\
         Line 3: -1001234 is a group or channel, not a person\n\
         Line 4: the same user id as line 2\n\
         Line 5: “abc” is not a user id\n\
         Line 6: “not a tag!” is not a valid tag"
    );
    assert!(buttons(&desk, preview).is_empty());

    // Not replying to a document; a team member who is not an administrator; an outsider.
    let bare = in_lobby(&desk, desk.owner, "/import");
    let (_, text) = answer(&desk, bare).await;
    assert_eq!(text, "Reply to a CSV or JSON lines document with /import.");
    let command = import(&desk, desk.maria, "good.csv", good.clone());
    let (_, text) = answer(&desk, command).await;
    assert_eq!(
        text,
        "Only administrators of the team's chat may use /import."
    );
    if !forum {
        let command = import(&desk, desk.outsider, "good.csv", good);
        let (_, text) = answer(&desk, command).await;
        assert!(text.contains("/import is a team command"), "{text}");
    }
    let wrong = desk.command(desk.owner, ana, "/import").await;
    assert!(wrong.contains("works in the group's main chat"), "{wrong}");

    assert_eq!(exported(&desk, "csv").await, before);
}

both_layouts!(bad_imports_are_answered_and_change_nothing);
