//! A local HTTP server standing for an integration's webhook endpoint: it records every
//! delivery, answers as scripted (an error status, a hang, a redirect) and then with 200, and
//! checks signatures the way the README tells receivers to.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How the receiver answers one delivery.
#[derive(Clone, Debug)]
pub enum Reply {
    /// This status.
    Status(u16),
    /// Nothing for this long (the sender times out first).
    Hang(Duration),
    /// A redirect to this URL.
    Redirect(String),
}

/// A delivery as received.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub event_id: String,
    pub kind: String,
    pub signature: String,
    pub attempt: String,
    pub body: Vec<u8>,
    /// Whether the receiver accepted it (answered 200).
    pub accepted: bool,
}

impl Delivery {
    /// The JSON body.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

#[derive(Default)]
struct Inner {
    script: VecDeque<Reply>,
    received: Vec<Delivery>,
}

/// The receiver, listening on a local port.
pub struct Receiver {
    pub url: String,
    inner: Arc<Mutex<Inner>>,
    _server: tokio_util::task::AbortOnDropHandle<()>,
}

impl Receiver {
    /// A receiver on a free local port.
    pub async fn start() -> Receiver {
        Self::start_on(crate::support::free_port()).await
    }

    /// A receiver on `port` (to bring a dead endpoint back).
    pub async fn start_on(port: u16) -> Receiver {
        let inner = Arc::new(Mutex::new(Inner::default()));
        let app = Router::new()
            .fallback(receive)
            .with_state(Arc::clone(&inner));
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("the receiver listens");
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Receiver {
            url: format!("http://127.0.0.1:{port}/hooks"),
            inner,
            _server: tokio_util::task::AbortOnDropHandle::new(server),
        }
    }

    /// The next answers, in order (200 afterwards).
    pub fn script(&self, replies: &[Reply]) {
        self.inner
            .lock()
            .unwrap()
            .script
            .extend(replies.iter().cloned());
    }

    /// Every delivery so far, in the order received.
    pub fn received(&self) -> Vec<Delivery> {
        self.inner.lock().unwrap().received.clone()
    }

    /// The accepted deliveries' bodies, each event once, in the order first accepted.
    pub fn events(&self) -> Vec<serde_json::Value> {
        let mut seen = std::collections::HashSet::new();
        self.received()
            .iter()
            .filter(|delivery| delivery.accepted && seen.insert(delivery.event_id.clone()))
            .map(Delivery::json)
            .collect()
    }
}

async fn receive(
    State(inner): State<Arc<Mutex<Inner>>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let reply = inner.lock().unwrap().script.pop_front();
    let delivery = Delivery {
        event_id: header("threadesk-event-id"),
        kind: header("threadesk-event"),
        signature: header("threadesk-signature"),
        attempt: header("threadesk-attempt"),
        body: body.to_vec(),
        accepted: reply.is_none(),
    };
    inner.lock().unwrap().received.push(delivery);
    match reply {
        None => StatusCode::OK.into_response(),
        Some(Reply::Status(code)) => StatusCode::from_u16(code).unwrap().into_response(),
        Some(Reply::Hang(time)) => {
            tokio::time::sleep(time).await;
            StatusCode::OK.into_response()
        }
        Some(Reply::Redirect(to)) => {
            (StatusCode::TEMPORARY_REDIRECT, [("location", to)]).into_response()
        }
    }
}

/// Whether `header` (`t=<unix>,v1=<hex>`) is the HMAC-SHA256 of `<t>.<body>` under `secret`,
/// made within five minutes of now.
pub fn signature_is_valid(secret: &str, header: &str, body: &[u8]) -> bool {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.push(value.to_owned()),
            _ => {}
        }
    }
    let Some(timestamp) = timestamp else {
        return false;
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    if (now - timestamp).abs() > 300 {
        return false;
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    signatures.contains(&expected)
}
