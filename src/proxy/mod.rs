//! The Bot API proxy (`upstream_bot = "listen:<address>"`): an existing bot, written with any
//! framework, points its API base URL here and keeps working as before, while the desk stays
//! the only one that receives updates from Telegram.
//!
//! - Every call under `/bot<token>/<method>` (JSON, form, query string or multipart, any HTTP
//!   method, any case of the method's name) and every download under `/file/bot<token>/...` is
//!   forwarded to Telegram and Telegram's answer returned unchanged ([`forward`]). Only the
//!   desk's own token is served (403 otherwise); the token never reaches a log.
//! - `getUpdates`, `setWebhook`, `deleteWebhook` and `getWebhookInfo` are answered here from
//!   the updates kept for the existing bot ([`polling`], storage in
//!   [`crate::pipeline::upstream`]); a webhook the existing bot sets is delivered to by
//!   [`delivery`], never registered with Telegram. `logOut` and `close` are refused: they
//!   would take the desk's bot off Telegram's servers.
//! - Which updates the existing bot receives is decided at intake
//!   ([`crate::telegram::routing`]).
//! - With `intercept_external`, what the existing bot sends, edits or deletes in private chats
//!   becomes desk events ([`mirror`]), stored before its call is answered.
//!
//! Files: `mod.rs` (the server and its routes), `params.rs` (a call's parameters in any
//! encoding), `forward.rs` (calls passed on to Telegram), `mirror.rs` (the existing bot's
//! messages as desk events), `polling.rs` (updates handed out and
//! the webhook methods), `delivery.rs` (the existing bot's webhook fed, and the cap on waiting
//! updates).

mod delivery;
mod forward;
mod mirror;
mod params;
mod polling;

use std::sync::Arc;
use std::sync::Mutex;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::{Notify, watch};
use tokio_util::sync::CancellationToken;

use crate::pipeline::metrics::Metrics;
use crate::storage::Store;

pub use delivery::run as run_delivery;

/// The largest call body passed on (Telegram takes uploads of up to 50 MB from bots).
const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// What the proxy needs.
pub struct ProxyParts {
    /// The desk's bot token: the only one served.
    pub token: String,
    /// Telegram's Bot API server.
    pub api_url: url::Url,
    /// The database holding the updates for the existing bot.
    pub store: Store,
    /// Changes when updates for the existing bot were stored.
    pub stored: watch::Receiver<u64>,
    /// How many updates may wait before the oldest are dropped.
    pub max_pending: u64,
    /// Counters.
    pub metrics: Arc<Metrics>,
    /// Whether the existing bot's messages in private chats are handed to the desk.
    pub intercept_external: bool,
    /// Wakes the processor when such messages were stored.
    pub inbox_wake: Arc<Notify>,
}

/// The proxy's shared state.
pub struct Proxy {
    parts: ProxyParts,
    client: reqwest::Client,
    /// Bumped by every `getUpdates`: a long poll that sees it change was overtaken (409).
    polls: watch::Sender<u64>,
    /// Wakes the webhook delivery (the existing bot's webhook changed).
    webhook_changed: Notify,
    /// The last failed webhook delivery: when (seconds since the epoch) and why.
    last_error: Mutex<Option<(i64, String)>>,
}

impl Proxy {
    /// The proxy's state.
    pub fn new(parts: ProxyParts) -> Arc<Proxy> {
        let client = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(10))
            .timeout(std::time::Duration::from_secs(300))
            .build()
            .unwrap_or_default();
        Arc::new(Proxy {
            parts,
            client,
            polls: watch::Sender::new(0),
            webhook_changed: Notify::new(),
            last_error: Mutex::new(None),
        })
    }

    fn token_matches(&self, given: &str) -> bool {
        let expected = self.parts.token.as_bytes();
        let given = given.as_bytes();
        expected.len() == given.len()
            && expected
                .iter()
                .zip(given)
                .fold(0u8, |difference, (a, b)| difference | (a ^ b))
                == 0
    }
}

/// The proxy's routes: every path, every method.
pub fn router(proxy: Arc<Proxy>) -> Router {
    Router::new()
        .fallback(handle)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(proxy)
}

/// Serves the proxy until `shutdown`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    proxy: Arc<Proxy>,
    shutdown: CancellationToken,
) {
    if let Ok(address) = listener.local_addr() {
        tracing::info!(%address, "Bot API proxy for the existing bot listening");
    }
    crate::http_serve::serve(listener, router(proxy), shutdown).await;
}

/// What a path asks for.
enum Target<'a> {
    /// A method call: the token and the method's name.
    Call(&'a str, &'a str),
    /// A file download: the token.
    File(&'a str),
}

fn target(path: &str) -> Option<Target<'_>> {
    let path = path.strip_prefix('/')?;
    if let Some(rest) = path.strip_prefix("file/bot") {
        let (token, _) = rest.split_once('/')?;
        return Some(Target::File(token));
    }
    let rest = path.strip_prefix("bot")?;
    let (token, method) = rest.split_once('/')?;
    (!method.is_empty() && !method.contains('/')).then_some(Target::Call(token, method))
}

async fn handle(State(proxy): State<Arc<Proxy>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let Some(target) = target(&path) else {
        return api_error(StatusCode::NOT_FOUND, "Not Found");
    };
    let (token, method) = match target {
        Target::Call(token, method) => (token, Some(method)),
        Target::File(token) => (token, None),
    };
    let token = percent_decode(token);
    if !proxy.token_matches(&token) {
        tracing::warn!("a call with another bot's token was refused by the proxy");
        return api_error(
            StatusCode::FORBIDDEN,
            "Forbidden: this proxy serves only the helpdesk's own bot token",
        );
    }
    let body = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(body) => body,
        Err(_) => {
            return api_error(StatusCode::PAYLOAD_TOO_LARGE, "Request Entity Too Large");
        }
    };
    let query = parts.uri.query();
    let Some(method) = method else {
        return forward::download(&proxy, &path, query).await;
    };
    let call = Call {
        http_method: parts.method.clone(),
        path: &path,
        query,
        headers: &parts.headers,
        body,
    };
    match method.to_ascii_lowercase().as_str() {
        "getupdates" => polling::get_updates(&proxy, &call).await,
        "setwebhook" => polling::set_webhook(&proxy, &call).await,
        "deletewebhook" => polling::delete_webhook(&proxy, &call).await,
        "getwebhookinfo" => polling::webhook_info(&proxy),
        "logout" | "close" => api_error(
            StatusCode::BAD_REQUEST,
            "Bad Request: logOut and close are not available through the helpdesk's proxy: the helpdesk uses this bot",
        ),
        lower => {
            let (response, answer) = forward::call(&proxy, &call).await;
            if proxy.parts.intercept_external && mirror::watches(lower) {
                if let Some(answer) = answer {
                    proxy.mirror(lower, &call, &answer).await;
                }
            }
            response
        }
    }
}

impl Proxy {
    /// Hands the desk what a successful call of the existing bot did in private chats, durably
    /// before the call is answered.
    async fn mirror(&self, method: &str, call: &Call<'_>, answer: &[u8]) {
        let params = if method.starts_with("delete") {
            call.params().await
        } else {
            params::Params::default()
        };
        let events = mirror::events(method, &params, answer);
        if events.is_empty() {
            return;
        }
        let store = &self.parts.store;
        for event in events {
            if let Err(error) = crate::pipeline::inbox::push_event_now(store, event) {
                tracing::error!(%error, "cannot store the existing bot's message for its thread");
            }
        }
        let durable = store.request_flush_soon();
        self.parts.inbox_wake.notify_one();
        store.flushed(durable).await;
    }
}

/// A call as received.
pub(crate) struct Call<'a> {
    http_method: Method,
    /// `/bot<token>/<method>` as received (still percent-encoded).
    path: &'a str,
    query: Option<&'a str>,
    headers: &'a HeaderMap,
    body: Bytes,
}

impl Call<'_> {
    async fn params(&self) -> params::Params {
        params::Params::read(self.query, self.headers, &self.body).await
    }
}

/// An answer in the Bot API's shape: `{"ok":true,"result":...}`.
fn api_result(result: serde_json::Value, description: Option<&str>) -> Response {
    let mut body = serde_json::json!({"ok": true, "result": result});
    if let Some(description) = description {
        body["description"] = description.into();
    }
    json_response(StatusCode::OK, body.to_string())
}

/// An error in the Bot API's shape, with the same HTTP status.
fn api_error(status: StatusCode, description: &str) -> Response {
    let body = serde_json::json!({
        "ok": false,
        "error_code": status.as_u16(),
        "description": description,
    });
    json_response(status, body.to_string())
}

fn json_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn percent_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("t={}", text.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_the_token_and_the_method_or_a_file() {
        assert!(matches!(
            target("/bot1:ab/SendMessage"),
            Some(Target::Call("1:ab", "SendMessage"))
        ));
        assert!(matches!(
            target("/file/bot1:ab/photos%2Ffile_1.jpg"),
            Some(Target::File("1:ab"))
        ));
        assert!(target("/bot1:ab").is_none());
        assert!(target("/bot1:ab/a/b").is_none());
        assert!(target("/other").is_none());
    }

    #[test]
    fn a_percent_encoded_token_reads_as_written() {
        assert_eq!(percent_decode("123%3Aabc-_"), "123:abc-_");
        assert_eq!(percent_decode("1:a+b"), "1:a+b");
    }
}
