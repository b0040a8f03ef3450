//! The Telegram adapter: everything that speaks the Bot API through teloxide.
//!
//! Updates come in through the [`poller`] (or the [`webhook`]) and are turned into desk events
//! by the [`translator`]; effects go out through the [`executor`].
//!
//! - [`callback_data`]: button actions in Telegram's `callback_data` and back.
//! - [`admins`]: keeps the desk's list of the team chat's administrators fresh.
//! - [`convert`]: Telegram's messages to the domain's (authors, content, entities, media).
//! - [`directory`]: who is on the team, asked of Telegram once and cached.
//! - [`errors`]: Telegram's answers classified: retry now, retry later, fix the setup, give up.
//! - [`executor`]: effects carried out with Bot API calls, one file per family of effects.
//! - [`html`]: long HTML texts cut into messages Telegram accepts, and turned into plain text.
//! - [`inline`]: canned replies as inline query results.
//! - [`menus`]: the command menus of customers and of the team chat.
//! - [`poller`]: long polling that stores each batch before confirming it.
//! - [`raw_call`]: calls whose JSON says more than teloxide's types can.
//! - [`routing`]: who receives an update with an existing bot behind the proxy: the desk, that
//!   bot, or both.
//! - [`rights`]: the rights the bot needs in each team chat, and the log line that says so.
//! - [`setup`]: start-up checks of the token, the chats and the bot's rights.
//! - `spec_coverage` (tests): every type of the Bot API reference survives translation.
//! - [`translator`]: a stored update's JSON to a desk event.
//! - [`webhook`]: webhook intake, stored and flushed before Telegram gets its 200.
//! - [`wire`]: Telegram's JSON, read tolerantly.
//! - [`workspace`]: what differs between the channel and the forum layouts.

pub mod admins;
pub mod callback_data;
pub mod convert;
pub mod directory;
pub mod errors;
pub mod executor;
pub mod html;
pub mod inline;
pub mod menus;
pub mod poller;
pub mod raw_call;
pub mod rights;
pub mod routing;
pub mod setup;
#[cfg(test)]
mod spec_coverage;
pub mod translator;
pub mod webhook;
pub mod wire;
pub mod workspace;

/// A teloxide `Bot` for the configured server.
pub fn bot(token: &str, api_url: &url::Url) -> teloxide::Bot {
    let mut url = api_url.clone();
    // teloxide appends `bot<token>/<Method>` as path segments; a trailing slash would double up.
    if url.path() == "/" {
        url.set_path("");
    }
    teloxide::Bot::new(token).set_api_url(url)
}
