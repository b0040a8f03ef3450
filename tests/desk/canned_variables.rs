//! Variables in canned replies: a reply chosen in inline mode shows its placeholders in the
//! thread and reaches the customer filled (`{first_name}`, `{ticket}`, `{agent}`,
//! `{field:…}`, `{tag:…}`; a missing value is empty); `/say <title>` sends a canned reply
//! (text or media) to the thread's customer directly, filled, and an album saved whole as one
//! album; bad input, unknown titles and outsiders are answered and send nothing.

use telegram_sim::{ChatKind, Content, UserId};

use crate::broadcasts::{lobby_post, reply_in_lobby};
use crate::support::Harness;

const TEMPLATE: &str = "Hi {first_name}, ticket #{ticket}. {agent} here. \
                        Mail: {field:email}, stage {tag:stage}, phone: {field:phone}. {not a variable}";

/// What the template becomes for Ana, sent by `agent`.
fn filled(agent: &str) -> String {
    format!(
        "Hi Ana, ticket #1. {agent} here. Mail: ana@example.com, stage paid, phone: . \
         {{not a variable}}"
    )
}

/// A customer with a contact field and a funnel tag, and a canned reply saved in the lobby.
async fn desk_with_template(forum: bool) -> (Harness, UserId) {
    let desk = Harness::start_layout(forum, &[]).await;
    let ana = desk.customer("Ana", "en");
    desk.say(ana, "Hello");
    desk.thread_len(ana, 1).await;
    desk.command(desk.maria, ana, "/set email ana@example.com")
        .await;
    desk.command(desk.maria, ana, "/mark stage:paid").await;
    let template = lobby_post(&desk, desk.maria, TEMPLATE);
    let save = reply_in_lobby(&desk, desk.maria, template, "/resposta Greeting");
    let answer = desk.answer_to(save).await;
    assert!(answer.contains("saved"), "{answer}");
    (desk, ana)
}

/// The bot's messages in a customer's private chat.
fn from_bot(desk: &Harness, customer: UserId) -> Vec<String> {
    desk.private(customer)
        .iter()
        .filter(|e| e.from == Some(desk.bot.user_id))
        .filter_map(|e| e.text.clone())
        .collect()
}

async fn inline_reply_is_filled(forum: bool) {
    let (desk, ana) = desk_with_template(forum).await;
    let query = desk
        .sim
        .as_user(desk.joao)
        .inline_query(&desk.bot, "greeting", ChatKind::Supergroup)
        .expect("inline mode");
    desk.eventually("the query is answered", || {
        desk.sim.inline_answer(&query).is_some()
    })
    .await;
    let answer = desk.sim.inline_answer(&query).expect("answered");
    let result = answer.results[0]["id"].as_str().expect("an id").to_owned();
    let chosen = desk
        .in_thread(desk.joao, ana, None)
        .await
        .choose_inline_result(&query, &result)
        .expect("chosen");
    desk.eventually("Ana gets the reply filled", || {
        from_bot(&desk, ana).contains(&filled("João"))
    })
    .await;
    assert!(
        from_bot(&desk, ana)
            .iter()
            .all(|text| !text.contains("{first_name}")),
        "no placeholder reaches the customer"
    );
    // The thread keeps the team member's message as chosen, placeholders and all.
    let root = desk.root(ana).await;
    let thread = desk.thread_at(root);
    let entry = thread
        .get_id(chosen)
        .expect("the chosen reply is in the thread");
    assert_eq!(entry.text.as_deref(), Some(TEMPLATE));
    // A customer's reply to the filled message replies to the chosen one in the thread.
    let private = desk.private(ana);
    let copy = private
        .iter()
        .find(|e| e.text.as_deref() == Some(filled("João").as_str()))
        .expect("the filled copy")
        .id;
    desk.sim
        .as_user(ana)
        .in_private(&desk.bot)
        .reply_to(copy)
        .send(Content::text("thanks!"))
        .expect("Ana replies");
    desk.eventually("the reply is threaded under the chosen message", || {
        desk.thread_at(root)
            .find("thanks!")
            .is_some_and(|e| e.reply_to == Some(chosen))
    })
    .await;
}

#[tokio::test]
async fn an_inline_canned_reply_reaches_the_customer_with_its_variables_filled_in_the_discussion_group()
 {
    inline_reply_is_filled(false).await;
}

#[tokio::test]
async fn an_inline_canned_reply_reaches_the_customer_with_its_variables_filled_in_the_forum() {
    inline_reply_is_filled(true).await;
}

async fn say_sends_filled(forum: bool) {
    let (desk, ana) = desk_with_template(forum).await;
    let said = desk.command(desk.maria, ana, "/say greeting").await;
    assert!(said.contains("“Greeting” sent to the customer"), "{said}");
    assert!(
        said.contains(&filled("Maria Souza")),
        "the thread shows what was sent: {said}"
    );
    desk.eventually("Ana gets the reply filled", || {
        from_bot(&desk, ana).contains(&filled("Maria Souza"))
    })
    .await;
    // A media reply goes by its file id, its caption filled.
    let chart = desk
        .sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .send(Content::photo().caption("Your chart, {first_name}"))
        .expect("posted");
    let save = reply_in_lobby(&desk, desk.maria, chart, "/resposta Chart");
    desk.answer_to(save).await;
    desk.command(desk.maria, ana, "/say chart").await;
    desk.eventually("Ana gets the photo with its caption filled", || {
        desk.private(ana)
            .find("Your chart, Ana")
            .is_some_and(|e| e.from == Some(desk.bot.user_id))
    })
    .await;
    // The ticket counts the team's reply: the card waits for the customer.
    let card = desk.card_text(ana).await;
    assert!(card.contains("waiting for the customer"), "{card}");
}

#[tokio::test]
async fn say_sends_a_canned_reply_filled_in_the_discussion_group() {
    say_sends_filled(false).await;
}

#[tokio::test]
async fn say_sends_a_canned_reply_filled_in_the_forum() {
    say_sends_filled(true).await;
}

async fn say_refusals(forum: bool) {
    let (desk, ana) = desk_with_template(forum).await;
    let before = from_bot(&desk, ana).len();
    let usage = desk.command(desk.maria, ana, "/say").await;
    assert!(usage.contains("Usage: /say"), "{usage}");
    let missing = desk.command(desk.maria, ana, "/say no such reply").await;
    assert!(missing.contains("no such reply"), "{missing}");
    let lobby = lobby_post(&desk, desk.maria, "/say greeting");
    let wrong_place = desk.answer_to(lobby).await;
    assert!(wrong_place.contains("thread"), "{wrong_place}");
    if !forum {
        // An outsider in the discussion group (the forum only has the team).
        let eve = desk
            .in_thread(desk.outsider, ana, None)
            .await
            .send(Content::text("/say greeting"))
            .expect("an outsider writes");
        let refused = desk.answer_to(eve).await;
        assert!(refused.contains("is a team command"), "{refused}");
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(from_bot(&desk, ana).len(), before, "nothing reached Ana");
}

#[tokio::test]
async fn say_refuses_bad_input_unknown_titles_wrong_places_and_outsiders_in_the_discussion_group() {
    say_refusals(false).await;
}

#[tokio::test]
async fn say_refuses_bad_input_unknown_titles_wrong_places_and_outsiders_in_the_forum() {
    say_refusals(true).await;
}

async fn album_canned(forum: bool) {
    let (desk, ana) = desk_with_template(forum).await;
    let album = desk
        .sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .send_album(vec![
            Content::photo().caption("Our menu"),
            Content::photo().caption("desserts"),
        ])
        .expect("the album is posted in the lobby");
    let save = reply_in_lobby(&desk, desk.maria, album[1], "/resposta Menu");
    let saved = desk.answer_to(save).await;
    assert!(saved.contains("“Menu” saved"), "{saved}");
    // Inline mode cannot send an album: it is not offered there.
    let inline = desk.inline(desk.joao, "menu", ChatKind::Supergroup).await;
    assert!(inline.results.is_empty(), "{:?}", inline.results);
    let said = desk.command(desk.maria, ana, "/say menu").await;
    assert!(said.contains("“Menu” sent to the customer"), "{said}");
    desk.eventually("Ana gets the whole album, as one album", || {
        let chat = desk.private(ana);
        let photos: Vec<_> = chat
            .iter()
            .filter(|e| e.from == Some(desk.bot.user_id) && e.kind == "photo")
            .collect();
        photos.len() == 2
            && photos[0].text.as_deref() == Some("Our menu")
            && photos[1].text.as_deref() == Some("desserts")
            && photos[0].media_group_id.is_some()
            && photos[0].media_group_id == photos[1].media_group_id
    })
    .await;
}

#[tokio::test]
async fn an_album_saved_as_a_canned_reply_is_sent_whole_with_say_in_the_discussion_group() {
    album_canned(false).await;
}

#[tokio::test]
async fn an_album_saved_as_a_canned_reply_is_sent_whole_with_say_in_the_forum() {
    album_canned(true).await;
}
