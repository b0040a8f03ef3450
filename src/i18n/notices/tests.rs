//! Notice rendering tests: every notice renders in every language, and lists and refusals read
//! as they should.

use super::*;
use crate::desk::CommandName;
use crate::domain::{
    FormattedText, Lookup, LookupRow, Priority, TicketStage, TicketSummary, Timestamp,
    UncopyableKind, UserId,
};

/// One notice of every kind, so that routing each to its group is checked for all.
fn one_of_each() -> Vec<Notice> {
    let number = TicketNumber(7);
    let text = FormattedText::plain("edited");
    let failure = Failure::BlockedByUser;
    let mut notices = vec![
        Notice::CustomerSentUncopyable {
            kind: UncopyableKind::Invoice,
        },
        Notice::NotDelivered {
            failure: failure.clone(),
        },
        Notice::NotCopied {
            failure: failure.clone(),
        },
        Notice::CustomerEdited { text: text.clone() },
        Notice::CustomerBlockedBot,
        Notice::CustomerReachableAgain,
        Notice::ExistingBotDeleted,
        Notice::TicketOpened {
            number,
            origin: None,
        },
        Notice::TicketClosed {
            number,
            by: Some("Ana".into()),
            note: None,
        },
        Notice::TicketAlreadyClosed { number },
        Notice::PrioritySet {
            priority: Priority(2),
        },
        Notice::CustomerBanned { reason: None },
        Notice::CustomerAlreadyBanned,
        Notice::CustomerUnbanned { muted: 2 },
        Notice::CustomerNotBanned,
        Notice::BannedCustomerWrote { muted: 1 },
        Notice::CannedSaved {
            title: "Pix".into(),
            replaced: false,
        },
        Notice::CannedDeleted {
            title: "Pix".into(),
        },
        Notice::CannedRenamed {
            from: "Pix".into(),
            to: "PIX".into(),
        },
        Notice::CannedNotFound {
            title: "Pix".into(),
        },
        Notice::CannedTitleTaken {
            title: "Pix".into(),
        },
        Notice::CannedUnsupported,
        Notice::CannedList {
            entries: Vec::new(),
        },
        Notice::Usage {
            command: CommandName::Close,
        },
        Notice::WrongPlace {
            command: CommandName::Priority,
        },
        Notice::UnknownCommand {
            command: "nope".into(),
        },
        Notice::BadPeriod {
            period: "fortnight".into(),
            problem: crate::stats::PeriodError::Unknown("fortnight".into()),
        },
        Notice::ReportFailed {
            failure: Failure::ThreadGone,
        },
        Notice::TeamHelp,
        Notice::CustomerRated { number, score: 4 },
        Notice::RatingRequest { number },
        Notice::RatingScore { score: 5 },
        Notice::RatingThanks,
        Notice::RatingTooLate,
        Notice::NewThreadOpening { name: "Ana".into() },
        Notice::NewFor {
            customer: UserId(7),
            name: "Ana".into(),
            opening: false,
            link: Some("https://t.me/c/1/2".into()),
        },
        Notice::NewAlreadyOpen {
            name: "Ana".into(),
            link: None,
        },
        Notice::NewImpossible { user: UserId(5) },
        Notice::ThreadRecreated,
        Notice::ThreadMissing {
            customer: UserId(5),
            name: "Ana".into(),
            waiting: 3,
        },
        Notice::AdminTicketOpened {
            customer: UserId(5),
            name: "Ana".into(),
            username: None,
            number,
            origin: None,
            link: None,
        },
        Notice::TeamEdited { text },
        Notice::CustomerMessageFailed,
        Notice::Welcome,
        Notice::WelcomeBack,
        Notice::Goodbye,
        Notice::YouAreBanned,
        Notice::CustomerHelp,
        Notice::AdminNotificationsOn,
        Notice::HistoryMoved {
            previous: String::new(),
            link: None,
        },
        Notice::Unformatted {
            original: Box::new(Notice::TeamHelp),
            failure,
        },
        Notice::TicketOpenedByTeam { number, by: None },
        Notice::CustomerCameBack {
            origin: "ads".into(),
        },
        Notice::StillHere,
        Notice::TeamMessagesWait,
        Notice::MembershipUnchecked,
        Notice::CardDeleted,
        Notice::ButtonExpired,
        Notice::ButtonForTeamOnly,
        Notice::ButtonMembershipUnchecked,
        Notice::TagsShown {
            tags: vec!["vip".into()],
        },
        Notice::ProfileRefused {
            command: CommandName::Mark,
            refusal: crate::desk::ProfileRefusal::InvalidTag("a b".into()),
        },
        Notice::FieldSet {
            name: "email".into(),
            value: "a@b.c".into(),
        },
        Notice::FieldUnset {
            name: "email".into(),
        },
        Notice::FieldNotSet {
            name: "email".into(),
        },
        Notice::CustomerInfo(Box::new(crate::desk::CustomerInfo {
            customer: UserId(5),
            name: "Ana".into(),
            username: None,
            first_contact: crate::domain::Timestamp(0),
            tickets: 2,
            current: Some((number, crate::domain::TicketStage::WaitingForUs)),
            assignee: Some("Maria".into()),
            origins: vec!["ads".into()],
            tags: Vec::new(),
            fields: vec![("plan".into(), "pro".into())],
        })),
        Notice::Assigned {
            name: "Maria".into(),
        },
        Notice::Unassigned { previous: None },
        Notice::NotOnTeam {
            who: "@nobody".into(),
        },
        Notice::AssignNeedsAccount,
        Notice::AssigneePing {
            customer: UserId(5),
            name: "Ana".into(),
            number,
            link: Some("https://t.me/c/1/2".into()),
        },
        lobby_list(Lookup::Queue, 45),
        lobby_list(Lookup::Mine(UserId(9)), 0),
        lobby_list(Lookup::Find("ana".into()), 1),
        lobby_list(Lookup::Find("zed".into()), 0),
        Notice::PageButton { next: true },
        Notice::PageButton { next: false },
    ];
    notices.extend(broadcast_notices());
    notices
}

/// Every broadcast notice, and a broadcast in every status.
fn broadcast_notices() -> Vec<Notice> {
    use crate::domain::{BroadcastCounts, BroadcastId, BroadcastStatus::*, Timestamp};
    let id = BroadcastId(3);
    let mut notices = vec![
        Notice::BroadcastOnlyInLobby,
        Notice::BroadcastTestSent,
        Notice::BroadcastTestFailed {
            failure: Failure::NotStarted,
        },
        Notice::BroadcastBadSegment { term: "vip".into() },
        Notice::BroadcastBadTime { past: true },
        Notice::BroadcastBadTime { past: false },
        Notice::NoBroadcasts,
        Notice::BroadcastSendButton,
        Notice::BroadcastCancelButton,
        Notice::BroadcastPauseButton,
        Notice::BroadcastResumeButton,
        Notice::OptedOut,
        Notice::OptedIn,
        Notice::AnswersBroadcast { id },
        Notice::BroadcastReached { id, link: None },
        Notice::CannedSaid {
            title: "Greeting".into(),
            text: FormattedText::plain("Hi Ana"),
        },
        Notice::BroadcastReached {
            id,
            link: Some("https://t.me/c/1/2".into()),
        },
        Notice::Usage {
            command: CommandName::Send,
        },
    ];
    for status in [Counting, Draft, Scheduled, Running, Paused, Done, Cancelled] {
        notices.push(Notice::BroadcastNow { status });
        notices.push(Notice::BroadcastUnchanged { status });
        notices.push(Notice::Broadcast(Box::new(crate::desk::BroadcastView {
            id,
            segment: "lang:pt+tag:vip".into(),
            status,
            at: Some(Timestamp(1_798_102_800_000)),
            counts: BroadcastCounts {
                total: 10,
                sent: 6,
                blocked: 1,
                failed: 1,
                uncertain: 0,
                reasons: vec![("message too long".into(), 1)],
            },
            elapsed: 65,
            left: Some(2),
        })));
    }
    notices
}

/// A lobby list of `total` entries, showing its second page when it has one.
fn lobby_list(lookup: Lookup, total: u32) -> Notice {
    let ticket = TicketSummary {
        number: TicketNumber(3),
        stage: TicketStage::WaitingForUs,
        waiting_since: Timestamp(0),
        priority: Priority(3),
        marker: "🔴".into(),
        assignee: Some("Maria <3".into()),
    };
    let rows = (0..total.min(2))
        .map(|n| LookupRow {
            customer: UserId(100 + i64::from(n)),
            name: "Ana & Bia".into(),
            username: Some("ana".into()),
            link: (n == 0).then(|| "https://t.me/c/2/7?thread=7".into()),
            ticket: (n == 0).then(|| ticket.clone()),
        })
        .collect();
    Notice::LobbyList {
        lookup,
        rows,
        page: u32::from(total > 20),
        pages: total.div_ceil(20).max(1),
        total,
        now: Timestamp(((26 * 60 + 5) * 60) * 1000),
    }
}

#[test]
fn a_lobby_list_links_each_thread_with_its_wait_and_assignee() {
    let localizer = Localizer::new("en", "en").unwrap();
    let html = localizer.notice(&lobby_list(Lookup::Queue, 45), "en");
    let lines: Vec<&str> = html.lines().collect();
    assert_eq!(
        lines,
        [
            "📥 <b>Waiting for us</b>: 45",
            "21. <a href=\"https://t.me/c/2/7?thread=7\">Ana &amp; Bia</a> @ana · 🆔 100",
            "    🔴 Ticket #3 · waiting for us for 1 d 2 h · assigned to Maria &lt;3",
            "22. <b>Ana &amp; Bia</b> @ana · 🆔 101",
            "Page 2 of 3",
        ]
    );
    let empty = localizer.notice(&lobby_list(Lookup::Find("<zed>".into()), 0), "en");
    assert_eq!(empty, "🔎 Nobody matches “&lt;zed&gt;”.");
}

#[test]
fn a_refused_tag_is_named_above_the_usage_line() {
    let localizer = Localizer::new("en", "en").unwrap();
    let notice = Notice::ProfileRefused {
        command: CommandName::Mark,
        refusal: crate::desk::ProfileRefusal::InvalidTag("<b>".into()),
    };
    let html = localizer.notice(&notice, "en");
    assert!(html.starts_with("“&lt;b&gt;” is not a valid tag"), "{html}");
    assert!(html.contains("\nUsage: /mark"), "{html}");
}

#[test]
fn every_notice_is_rendered_by_its_group_in_every_language() {
    let localizer = Localizer::new("en", "en").unwrap();
    for language in crate::domain::LANGUAGES {
        for notice in one_of_each() {
            let html = localizer.notice(&notice, language);
            assert!(!html.trim().is_empty(), "{notice:?} in {language}");
        }
    }
}

#[test]
fn every_canned_reply_is_listed_on_a_line_of_its_own() {
    let localizer = Localizer::new("en", "en").unwrap();
    let notice = Notice::CannedList {
        entries: vec![
            ("Old\ntitle <i>".into(), "first\nline".into()),
            ("Pix".into(), "a & b".into()),
        ],
    };
    let html = localizer.notice(&notice, "en");
    let lines: Vec<&str> = html.lines().collect();
    assert_eq!(
        lines[1..],
        [
            "• <b>Old title &lt;i&gt;</b>: first line",
            "• <b>Pix</b>: a &amp; b"
        ]
    );
}

#[test]
fn a_refused_message_is_announced_with_telegrams_reason() {
    let localizer = Localizer::new("en", "en").unwrap();
    let notice = Notice::Unformatted {
        original: Box::new(Notice::TeamHelp),
        failure: Failure::Rejected("can't parse entities: <b>".into()),
    };
    let html = localizer.notice(&notice, "en");
    assert!(html.contains("plain text"), "{html}");
    assert!(html.contains("can't parse entities: &lt;b&gt;"), "{html}");
}
