//! The local HTTP endpoint: `/healthz` for liveness checks and `/metrics` for Prometheus.
//!
//! It holds no customer data and listens on 127.0.0.1 by default.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use super::api::ApiState;
use crate::desk::DeskState;
use crate::pipeline::clock;
use crate::pipeline::health::Problems;
use crate::pipeline::metrics::{Gauge, Metrics};
use crate::pipeline::outbox::{Destination, Lane};
use crate::storage::{Ledger, Store, TreeName};

/// Telegram silent for longer than this makes `/healthz` answer 503.
const STALE_AFTER_SECONDS: i64 = 120;

/// What the endpoint reads.
#[derive(Clone)]
pub struct OpsState {
    /// The database.
    pub store: Store,
    /// The pipeline's counters.
    pub metrics: Arc<Metrics>,
    /// What the bot knows is wrong (any makes it degraded).
    pub problems: Arc<Problems>,
    /// The HTTP API, when `api_tokens` are configured.
    pub api: Option<ApiState>,
}

/// The `/healthz` answer.
#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    inbox_backlog: usize,
    outbox_depth: usize,
    /// Team-chat updates waiting for a membership check.
    held_updates: usize,
    last_telegram_success_seconds_ago: Option<i64>,
    /// What the operators must fix, in words.
    problems: Vec<String>,
}

/// The endpoint's routes.
pub fn router(state: OpsState) -> Router {
    let api = state.api.clone();
    let router = Router::new()
        .route("/healthz", get(health))
        .route("/metrics", get(metrics))
        .with_state(state);
    match api {
        Some(api) => router.merge(super::api::router(api)),
        None => router,
    }
}

/// Serves the endpoint on `listener` until `shutdown`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: OpsState,
    shutdown: CancellationToken,
) {
    let address = listener
        .local_addr()
        .map_or_else(|_| "?".into(), |address: SocketAddr| address.to_string());
    tracing::info!(%address, "health and metrics endpoint listening");
    crate::http_serve::serve(listener, router(state), shutdown).await;
}

async fn health(State(state): State<OpsState>) -> impl IntoResponse {
    let last = state.metrics.last_telegram_success();
    let ago = (last.0 > 0).then(|| (clock::now().0 - last.0) / 1000);
    let problems = state.problems.list();
    let healthy = ago.is_some_and(|seconds| seconds <= STALE_AFTER_SECONDS) && problems.is_empty();
    let health = Health {
        status: if healthy { "ok" } else { "degraded" },
        inbox_backlog: state.store.len(TreeName::Inbox),
        outbox_depth: state.store.len(TreeName::Outbox),
        held_updates: state.store.len(TreeName::Held),
        last_telegram_success_seconds_ago: ago,
        problems,
    };
    let code = if healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (code, Json(health))
}

async fn metrics(State(state): State<OpsState>) -> impl IntoResponse {
    let mut depths = [
        ("channel", 0.0),
        ("team_chat", 0.0),
        ("private", 0.0),
        ("inline", 0.0),
    ];
    if let Ok(keys) = state.store.keys(TreeName::Outbox) {
        for key in keys {
            let index = match Lane::from_key(&key).map(|lane| lane.destination) {
                Some(Destination::Channel) => 0,
                Some(Destination::TeamChat) => 1,
                Some(Destination::Private(_)) => 2,
                Some(Destination::Inline(_)) => 3,
                None => continue,
            };
            depths[index].1 += 1.0;
        }
    }
    let open = Ledger::new(&state.store).open_tickets().unwrap_or(0) as f64;
    let (webhooks_waiting, webhooks_given_up) = crate::pipeline::webhooks::depth(&state.store);
    let gauges = [
        Gauge {
            name: "threadesk_queue_depth",
            help: "Effects waiting in the outbox, by destination class.",
            samples: depths
                .iter()
                .map(|(class, depth)| (format!("{{class=\"{class}\"}}"), *depth))
                .collect(),
        },
        Gauge {
            name: "threadesk_inbox_backlog",
            help: "Updates and events stored and not yet processed.",
            samples: vec![(String::new(), state.store.len(TreeName::Inbox) as f64)],
        },
        Gauge {
            name: "threadesk_held_updates",
            help: "Team-chat updates waiting for a membership check.",
            samples: vec![(String::new(), state.store.len(TreeName::Held) as f64)],
        },
        Gauge {
            name: "threadesk_open_tickets",
            help: "Tickets currently open.",
            samples: vec![(String::new(), open)],
        },
        Gauge {
            name: "threadesk_webhook_queue_depth",
            help: "Webhook deliveries waiting to be sent or retried.",
            samples: vec![(String::new(), webhooks_waiting as f64)],
        },
        Gauge {
            name: "threadesk_webhook_given_up",
            help: "Webhook deliveries given up after retrying for webhook_retry_for.",
            samples: vec![(String::new(), webhooks_given_up as f64)],
        },
        Gauge {
            name: "threadesk_upstream_pending",
            help: "Updates kept for the existing bot behind the proxy, not yet confirmed by it.",
            samples: vec![(
                String::new(),
                crate::pipeline::upstream::pending(&state.store).unwrap_or(0) as f64,
            )],
        },
    ];
    (
        [("content-type", "text/plain; version=0.0.4")],
        state.metrics.render(&gauges),
    )
}
