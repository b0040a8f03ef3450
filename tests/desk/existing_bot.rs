//! An existing bot written with teloxide, as a shop might run it, whose API URL points at the
//! desk's Bot API proxy: it echoes texts, shows a menu with an inline button for `menu`, and
//! answers presses of that button. Everything it received is recorded for the tests.

use std::sync::{Arc, Mutex};

use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};
use tokio::task::JoinHandle;

/// What the existing bot received, in order: `message:<text>` and `callback:<data>`.
pub type Seen = Arc<Mutex<Vec<String>>>;

/// The existing bot, polling through the proxy while it lives.
pub struct ExistingBot {
    /// What it received.
    pub seen: Seen,
    shutdown: ShutdownToken,
    task: JoinHandle<()>,
}

impl ExistingBot {
    /// Starts the existing bot with `token` against the proxy at `proxy_url`.
    pub fn start(token: &str, proxy_url: &str) -> ExistingBot {
        let bot = Bot::new(token).set_api_url(proxy_url.parse().expect("a proxy URL"));
        let seen = Seen::default();
        let handler = dptree::entry()
            .branch(Update::filter_message().endpoint(on_message))
            .branch(Update::filter_callback_query().endpoint(on_press));
        let mut dispatcher = Dispatcher::builder(bot, handler)
            .dependencies(dptree::deps![Arc::clone(&seen)])
            .build();
        let shutdown = dispatcher.shutdown_token();
        let task = tokio::spawn(async move { dispatcher.dispatch().await });
        ExistingBot {
            seen,
            shutdown,
            task,
        }
    }

    /// What it received so far.
    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for ExistingBot {
    fn drop(&mut self) {
        let _ = self.shutdown.shutdown();
        self.task.abort();
    }
}

async fn on_message(bot: Bot, message: Message, seen: Seen) -> ResponseResult<()> {
    let Some(text) = message.text() else {
        return Ok(());
    };
    seen.lock().unwrap().push(format!("message:{text}"));
    if text == "menu" {
        let keyboard =
            InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Buy socks", "buy:socks")]]);
        bot.send_message(message.chat.id, "Our menu")
            .reply_markup(keyboard)
            .await?;
    } else {
        bot.send_message(message.chat.id, format!("echo: {text}"))
            .await?;
    }
    Ok(())
}

async fn on_press(bot: Bot, press: CallbackQuery, seen: Seen) -> ResponseResult<()> {
    let data = press.data.clone().unwrap_or_default();
    seen.lock().unwrap().push(format!("callback:{data}"));
    bot.answer_callback_query(press.id.clone())
        .text("socks are on their way")
        .await?;
    Ok(())
}
