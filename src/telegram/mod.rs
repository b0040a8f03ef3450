//! The Telegram adapter: everything that speaks the Bot API through teloxide.
//!
//! Updates come in through the [`poller`] and are turned into desk events by the
//! [`translator`]; effects go out through the [`executor`]. [`setup`] checks the workspace at
//! start and [`rights`] says what the bot may do in each team chat, [`directory`] knows who is
//! on the team, [`wire`] reads Telegram's JSON tolerantly, [`convert`] maps it to desk types,
//! [`raw_call`] sends what teloxide's types cannot express, [`errors`] classifies failures,
//! [`html`] cuts long texts into messages.

pub mod admins;
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
