//! Canned replies: saved from a thread with /resposta, managed with /respostas and friends,
//! offered in inline mode to the team (outsiders get nothing: see `access`), and relayed like any
//! comment when used.

use telegram_sim::{ChatKind, Content};

use crate::support::{Harness, both_layouts};

#[tokio::test]
async fn a_saved_reply_is_offered_inline_to_the_team_and_relayed_when_chosen() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "when are you open?");
    desk.thread_len(alice, 1).await;
    let hours = desk
        .comment(
            desk.maria,
            alice,
            None,
            Content::text("We are open from 9:00 to 18:00."),
        )
        .await;
    let save = desk
        .sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .reply_to(hours)
        .send(Content::text("/resposta Horário"))
        .unwrap();
    assert!(desk.answer_to(save).await.contains("“Horário” saved"));

    let query = desk
        .sim
        .as_user(desk.joao)
        .inline_query(&desk.bot, "HORARIO", ChatKind::Supergroup)
        .unwrap();
    desk.eventually("the query is answered", || {
        desk.sim.inline_answer(&query).is_some()
    })
    .await;
    let answer = desk.sim.inline_answer(&query).unwrap();
    assert_eq!(answer.results.len(), 1);
    assert_eq!(answer.cache_time, Some(0));
    assert!(answer.is_personal);
    assert_eq!(answer.results[0]["title"], "Horário");
    let result_id = answer.results[0]["id"].as_str().unwrap().to_owned();

    let bob = desk.customer("Bob", "en");
    desk.say(bob, "opening hours?");
    let root = desk.root(bob).await;
    desk.thread_len(bob, 1).await;
    desk.sim
        .as_user(desk.joao)
        .in_chat(desk.group)
        .reply_to(root)
        .choose_inline_result(&query, &result_id)
        .unwrap();
    desk.eventually("Bob gets the canned reply", || {
        desk.private(bob).find("from 9:00 to 18:00").is_some()
    })
    .await;
    let chosen = desk.sim.thread(desk.group, root);
    assert!(
        chosen
            .find("from 9:00 to 18:00")
            .is_some_and(|entry| entry.via_bot == Some(desk.bot.user_id))
    );
}

#[tokio::test]
async fn media_replies_are_sent_by_file_id_and_the_list_can_be_managed() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    let photo = desk.send(alice, Content::photo().caption("the size chart"));
    let thread = desk.thread_len(alice, 1).await;
    let copy = thread.find("the size chart").unwrap().id;
    let _ = photo;
    let save = desk
        .sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .reply_to(copy)
        .send(Content::text("/resposta Size chart"))
        .unwrap();
    desk.answer_to(save).await;
    let query = desk
        .sim
        .as_user(desk.maria)
        .inline_query(&desk.bot, "size", ChatKind::Supergroup)
        .unwrap();
    desk.eventually("answered", || desk.sim.inline_answer(&query).is_some())
        .await;
    let result = desk.sim.inline_answer(&query).unwrap().results[0].clone();
    assert_eq!(result["type"], "photo");
    assert!(result["photo_file_id"].is_string());
    assert_eq!(result["caption"], "the size chart");

    let list = desk.command(desk.maria, alice, "/respostas").await;
    assert!(
        list.contains("Size chart") && list.contains("[photo] the size chart"),
        "{list}"
    );
    let renamed = desk
        .command(desk.maria, alice, "/resposta_renomear size chart = Tabela")
        .await;
    assert!(renamed.contains("is now “Tabela”"), "{renamed}");
    let deleted = desk
        .command(desk.maria, alice, "/resposta_apagar tabela")
        .await;
    assert!(deleted.contains("deleted"), "{deleted}");
    assert!(
        desk.command(desk.maria, alice, "/respostas")
            .await
            .contains("No canned replies yet")
    );
    let usage = desk.command(desk.maria, alice, "/resposta").await;
    assert!(usage.starts_with("Usage:"), "{usage}");
}

both_layouts!(a_long_list_with_awkward_titles_arrives_whole_in_several_messages);
async fn a_long_list_with_awkward_titles_arrives_whole_in_several_messages(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "how long does delivery take?");
    desk.thread_len(alice, 1).await;
    let answer = desk
        .comment(
            desk.maria,
            alice,
            None,
            Content::text(format!(
                "Delivery takes 5 to 7 working days. {}",
                "x".repeat(150)
            )),
        )
        .await;
    // Titles with line breaks and characters HTML gives a meaning to, long enough that the
    // list needs more than one message.
    let titles: Vec<String> = (0..45)
        .map(|n| format!("<b>Nº{n:02}</b> & \"A&amp;B\"\nline two: prazo <i> entrega {n:02}"))
        .collect();
    for title in &titles {
        let save = desk
            .comment(
                desk.maria,
                alice,
                Some(answer),
                Content::text(format!("/resposta {title}")),
            )
            .await;
        let saved = desk.answer_to(save).await;
        assert!(saved.contains("saved"), "{saved}");
    }

    let list = desk
        .comment(desk.maria, alice, None, Content::text("/respostas"))
        .await;
    let shown = |title: &String| title.split_whitespace().collect::<Vec<_>>().join(" ");
    desk.eventually("every title is listed", || {
        let parts = desk.answers_to(list).join("\n");
        titles.iter().all(|title| parts.contains(&shown(title)))
    })
    .await;
    let parts = desk.answers_to(list);
    assert!(
        parts.len() >= 2,
        "one message cannot hold the list: {parts:?}"
    );
    assert!(parts[0].starts_with("Canned replies (45)"), "{}", parts[0]);
    let refused: Vec<_> = desk
        .sim
        .calls()
        .into_iter()
        .filter(|call| !call.ok && call.params["chat_id"] == desk.group.0)
        .collect();
    assert!(refused.is_empty(), "Telegram refused calls: {refused:?}");
}
