//! Assignment (`/assign`, `/unassign`): the card and the topic name show the assignee, the
//! assignee hears privately when their customer writes while the ticket waits for the team,
//! closing keeps the assignee and a new ticket starts unassigned (unless `sticky_assignee`);
//! the customer sees none of it, and refused commands change nothing.

use telegram_sim::Content;

use crate::support::{Harness, both_layouts};
use crate::tags_and_fields::{bot_texts, card_shows, in_lobby, outsider_is_refused};

async fn assigning_shows_on_the_card_and_pings_the_assignee(forum: bool) {
    let mut desk = Harness::layout_world(forum).await;
    let bea = desk.add_admin("Bea");
    desk.run();
    desk.admin_starts_the_bot(bea).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    let welcome = bot_texts(&desk, alice);

    let me = desk.command(desk.maria, alice, "/assign").await;
    assert_eq!(me, "👤 Assigned to Maria Souza.");
    card_shows(&desk, alice, "👤 assigned to Maria Souza").await;
    if forum {
        desk.eventually("the topic name ends with Maria's initial", || {
            desk.topic_of(alice)
                .is_some_and(|topic| topic.name.ends_with("👤M"))
        })
        .await;
    }
    // Maria never started the bot: her customer's message reaches the thread, not her.
    desk.say(alice, "are you there?");
    desk.thread_len(alice, 4).await;

    // João is known once he has written in the team chat; the outsider never is.
    let unknown = desk.command(desk.maria, alice, "/assign @joao").await;
    assert!(
        unknown.contains("@joao is not a team member the bot knows"),
        "{unknown}"
    );
    desk.comment(desk.joao, alice, None, Content::text("// I'll take it"))
        .await;
    if !forum {
        desk.comment(desk.outsider, alice, None, Content::text("me too"))
            .await;
    }
    let outsider = desk.command(desk.maria, alice, "/assign @mallory").await;
    assert!(outsider.contains("is not a team member"), "{outsider}");
    let joao = desk.command(desk.maria, alice, "/assign @JOAO").await;
    assert_eq!(joao, "👤 Assigned to João.");
    card_shows(&desk, alice, "👤 assigned to João").await;

    // Refused: bad arguments, an unknown id, an outsider, the wrong place.
    let usage = desk.command(desk.maria, alice, "/assign joao please").await;
    assert!(usage.starts_with("Usage: /assign"), "{usage}");
    let nobody = desk.command(desk.maria, alice, "/assign 424242").await;
    assert!(nobody.contains("424242 is not a team member"), "{nobody}");
    outsider_is_refused(&desk, alice, "/unassign").await;
    let lobby = in_lobby(&desk, desk.maria, "/assign").await;
    assert!(
        lobby.contains("works inside a customer's conversation"),
        "{lobby}"
    );
    card_shows(&desk, alice, "👤 assigned to João").await;

    // Bea (an administrator, assigned by id) started the bot: she hears once per interval.
    let by_id = desk
        .command(desk.maria, alice, &format!("/assign {}", bea.0))
        .await;
    assert_eq!(by_id, "👤 Assigned to Bea.");
    desk.say(alice, "ping?");
    desk.eventually("Bea hears that Alice wrote", || {
        bot_texts(&desk, bea)
            .iter()
            .any(|text| text.contains("Alice wrote in ticket #1, assigned to you"))
    })
    .await;
    desk.say(alice, "ping again?");
    let root = desk.root(alice).await;
    desk.eventually("the second message reaches the thread", || {
        desk.thread_at(root).find("ping again?").is_some()
    })
    .await;
    // A second word would leave in the same turn as the copy; give its lane a moment.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let pings = |desk: &Harness| {
        bot_texts(desk, bea)
            .iter()
            .filter(|text| text.contains("assigned to you"))
            .count()
    };
    assert_eq!(pings(&desk), 1, "{:?}", bot_texts(&desk, bea));
    assert!(bot_texts(&desk, desk.maria).is_empty());

    let unassigned = desk.command(desk.maria, alice, "/unassign").await;
    assert!(
        unassigned.contains("Bea is no longer assigned"),
        "{unassigned}"
    );
    let card = desk.card(alice).await;
    desk.eventually("the card shows no assignee", || {
        !desk.card_text_of(card).contains("assigned to")
    })
    .await;
    let again = desk.command(desk.maria, alice, "/unassign").await;
    assert_eq!(again, "Nobody was assigned to this ticket.");

    assert_eq!(
        bot_texts(&desk, alice),
        welcome,
        "the customer saw none of it"
    );
}

both_layouts!(assigning_shows_on_the_card_and_pings_the_assignee);

async fn closing_keeps_the_assignee_and_the_next_ticket_starts_unassigned_unless_sticky(
    forum: bool,
) {
    for sticky in ["false", "true"] {
        let settings = [("THREADESK_STICKY_ASSIGNEE", sticky)];
        let desk = Harness::start_layout(forum, &settings).await;
        let alice = desk.customer("Alice", "en");
        desk.say(alice, "hello");
        desk.thread_len(alice, 1).await;
        desk.command(desk.maria, alice, "/assign").await;
        desk.command(desk.maria, alice, "/fim").await;
        let closed = card_shows(&desk, alice, "closed by Maria Souza").await;
        assert!(closed.contains("👤 assigned to Maria Souza"), "{closed}");

        desk.say(alice, "one more thing");
        let card = card_shows(&desk, alice, "Ticket #2").await;
        assert_eq!(
            card.contains("assigned to Maria Souza"),
            sticky == "true",
            "sticky {sticky}: {card}"
        );
        if forum {
            let name = desk.topic_of(alice).expect("a topic").name;
            assert_eq!(name.ends_with("👤M"), sticky == "true", "{name}");
        }
        let received = bot_texts(&desk, alice);
        assert!(
            received.iter().all(|text| !text.contains("Maria")),
            "{received:?}"
        );
    }
}

both_layouts!(closing_keeps_the_assignee_and_the_next_ticket_starts_unassigned_unless_sticky);
