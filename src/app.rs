//! Wiring and lifecycle: builds every part from the configuration and runs them until the
//! shutdown signal, then stops them in order (intake, processing, sending) and flushes.
//!
//! Dropping the future returned by [`run`] aborts every task at once, as a crash would; the
//! stored inbox, outbox and timers let the next start resume exactly where it was.

use std::sync::Arc;

use anyhow::Context as _;
use teloxide::requests::Requester as _;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tokio_util::task::AbortOnDropHandle;

use crate::config::{Config, Intake};
use crate::desk::{Desk, DeskSettings};
use crate::i18n::Localizer;
use crate::ops::api::ApiState;
#[cfg(unix)]
use crate::ops::control;
use crate::ops::http::{self as ops_http, OpsState};
use crate::pipeline::health::Problems;
use crate::pipeline::limiter::Limiter;
use crate::pipeline::metrics::Metrics;
use crate::pipeline::processor::Processor;
use crate::pipeline::sender::SenderParts;
use crate::pipeline::workspace::{self as workspaces, CurrentWorkspace, Opening};
use crate::pipeline::{housekeeping, sender, timers, webhooks};
use crate::proxy::{self, Proxy, ProxyParts};
use crate::storage::Store;
use crate::telegram::directory::TeamDirectory;
use crate::telegram::executor::TelegramExecutor;
use crate::telegram::routing::Router;
use crate::telegram::translator::UpdateTranslator;
use crate::telegram::{self, admins, menus, poller, setup, webhook};

/// Runs the bot until `shutdown` is cancelled.
pub async fn run(config: Config, shutdown: CancellationToken) -> anyhow::Result<()> {
    let store = Store::open(&config.data_dir, config.cache_bytes).with_context(|| {
        format!(
            "cannot open the data directory {}",
            config.data_dir.display()
        )
    })?;
    store.set_key_rotation(config.key_rotation);
    let token = config.bot_token.expose().to_owned();
    let bot = telegram::bot(&token, &config.api_url);
    let Some(discovery) = discover_until_reachable(&bot, &config, &token, &shutdown).await? else {
        return Ok(());
    };
    for rights in &discovery.rights {
        rights.log();
    }
    for warning in &discovery.warnings {
        tracing::warn!("{warning}");
    }
    tracing::info!(
        bot = %discovery.username,
        workspace = %discovery.workspace,
        "threadesk is running"
    );
    let workspace = discovery.workspace;
    open_workspace(&store, workspace, config.move_to_new_workspace)?;
    let current = CurrentWorkspace::new(workspace);
    let hidden = config.desk.hide_customer_info;
    let pseudonyms = match hidden {
        true => Some(crate::storage::pseudonyms::pseudonym_key(&store)?),
        false => None,
    };
    if let Some(key) = &pseudonyms {
        store.hide_customers(key.clone());
    }
    let redrawn = crate::pipeline::pseudonyms::redraw_if_changed(&store, hidden)?;
    if redrawn > 0 {
        tracing::info!(
            cards = redrawn,
            hidden,
            "hide_customer_info changed: the open cards are drawn again"
        );
    }
    let localizer = Arc::new(
        Localizer::new(&config.default_language, &config.team_language)?
            .with_overrides(config.messages.clone())
            .with_zone(config.desk.reports.zone)
            .with_pseudonyms(pseudonyms.clone()),
    );
    let desk_settings = DeskSettings {
        priority_names: localizer.priority_names(),
        workspace,
        bot_username: Some(discovery.username.clone()),
        intercept_external: config
            .proxy
            .as_ref()
            .is_some_and(|proxy| proxy.intercept_external),
        handoff: config.proxy.as_ref().is_some_and(|proxy| proxy.handoff),
        ..config.desk.clone()
    };
    menus::install(
        &bot,
        discovery.workspace.thread_chat(),
        &localizer,
        &config.default_language,
    )
    .await;
    let metrics = Arc::new(Metrics::default());
    let inbox_wake = Arc::new(Notify::new());
    let timers_wake = Arc::new(Notify::new());
    let intake_stop = CancellationToken::new();
    let processing_stop = CancellationToken::new();
    let sending_stop = CancellationToken::new();

    let housekeeping = AbortOnDropHandle::new(tokio::spawn(housekeeping::run(
        store.clone(),
        processing_stop.clone(),
    )));

    let reports = &config.desk.reports;
    let next_digest = reports
        .digest
        .map(|digest| digest.next_after(crate::pipeline::clock::now(), reports.zone));
    timers::ensure_digest(&store, next_digest)?;
    let next_retention = config.desk.retention.map(|retention| {
        crate::pipeline::clock::now().plus(crate::domain::retention_interval(retention))
    });
    timers::ensure_retention(&store, next_retention)?;

    let problems = Arc::new(Problems::default());
    let held_wake = Arc::new(Notify::new());
    let directory = Arc::new(TeamDirectory::new(
        bot.clone(),
        discovery.workspace.membership_chat(),
        config.team_cache_ttl,
        token.clone(),
        Arc::clone(&held_wake),
        Arc::clone(&problems),
    ));
    let executor = TelegramExecutor::new(
        bot.clone(),
        current.clone(),
        store.clone(),
        localizer,
        token.clone(),
    );
    let (lanes, dispatcher) = sender::dispatcher(
        SenderParts {
            store: store.clone(),
            executor,
            limiter: Limiter::new(config.limits),
            max_in_flight: config.max_in_flight,
            inbox_wake: Arc::clone(&inbox_wake),
            metrics: Arc::clone(&metrics),
            workspace: current.clone(),
            problems: Arc::clone(&problems),
            broadcast_per_second: config.desk.broadcast_per_second,
            broadcast_note_in_thread: config.desk.broadcast_note_in_thread,
        },
        sending_stop.clone(),
    );
    #[cfg_attr(not(unix), allow(unused_variables))]
    let forgetter = crate::pipeline::erasure::Forgetter {
        desk: Desk::new(desk_settings.clone()),
        workspace: current.clone(),
        lanes: lanes.clone(),
    };
    let webhook_feed = webhooks::WebhookFeed::new(&config.integrations.webhooks);
    let processor = Processor {
        store: store.clone(),
        desk: Desk::new(desk_settings),
        translator: UpdateTranslator::new(current.clone(), store.clone(), Arc::clone(&directory)),
        workspace: current.clone(),
        lanes,
        inbox_wake: Arc::clone(&inbox_wake),
        timers_wake: Arc::clone(&timers_wake),
        held_wake,
        metrics: Arc::clone(&metrics),
        webhooks: webhook_feed.clone(),
    };

    let webhooks = {
        let run = webhooks::run(
            store.clone(),
            config.integrations.clone(),
            webhook_feed,
            Arc::clone(&metrics),
            sending_stop.clone(),
        );
        AbortOnDropHandle::new(tokio::spawn(run))
    };
    let flusher = AbortOnDropHandle::new(tokio::spawn(store.clone().run_flusher()));
    let sending = AbortOnDropHandle::new(tokio::spawn(dispatcher));
    let timers = AbortOnDropHandle::new(tokio::spawn(timers::run(
        store.clone(),
        timers_wake,
        Arc::clone(&inbox_wake),
        processing_stop.clone(),
    )));
    let processing = AbortOnDropHandle::new(tokio::spawn(processor.run(processing_stop.clone())));
    let probes = AbortOnDropHandle::new(tokio::spawn(
        Arc::clone(&directory).run_probes(processing_stop.clone()),
    ));
    let router = config.proxy.as_ref().map(|proxy| {
        Router::with_existing_bot(
            current.clone(),
            Arc::clone(&directory),
            store.clone(),
            proxy.handoff,
        )
    });
    let admins = AbortOnDropHandle::new(tokio::spawn(admins::run(
        bot.clone(),
        store.clone(),
        directory,
        config.team_cache_ttl,
        Arc::clone(&inbox_wake),
        token.clone(),
        intake_stop.clone(),
    )));
    let ops_stop = CancellationToken::new();
    let mut ops = Vec::new();
    if let Some(address) = config.ops_listen {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("cannot listen on ops_listen {address}"))?;
        let state = OpsState {
            store: store.clone(),
            metrics: Arc::clone(&metrics),
            problems: Arc::clone(&problems),
            api: (!config.integrations.api_tokens.is_empty()).then(|| {
                ApiState::new(
                    store.clone(),
                    Arc::clone(&inbox_wake),
                    config.integrations.clone(),
                )
            }),
        };
        ops.push(AbortOnDropHandle::new(tokio::spawn(ops_http::serve(
            listener,
            state,
            ops_stop.clone(),
        ))));
    }
    #[cfg(unix)]
    ops.push(AbortOnDropHandle::new(tokio::spawn(control::serve(
        store.clone(),
        pseudonyms,
        forgetter,
        config.data_dir.clone(),
        ops_stop.clone(),
    ))));

    let mut intake = Vec::new();
    let router = match (router, &config.proxy) {
        (Some((router, stored)), Some(settings)) => {
            let listener = tokio::net::TcpListener::bind(settings.listen)
                .await
                .with_context(|| format!("cannot listen on upstream_bot {}", settings.listen))?;
            let proxy = Proxy::new(ProxyParts {
                token: token.clone(),
                api_url: config.api_url.clone(),
                store: store.clone(),
                stored,
                max_pending: settings.max_pending,
                metrics: Arc::clone(&metrics),
                intercept_external: settings.intercept_external,
                inbox_wake: Arc::clone(&inbox_wake),
            });
            intake.push(AbortOnDropHandle::new(tokio::spawn(proxy::run_delivery(
                Arc::clone(&proxy),
                intake_stop.clone(),
            ))));
            intake.push(AbortOnDropHandle::new(tokio::spawn(proxy::serve(
                listener,
                proxy,
                intake_stop.clone(),
            ))));
            router
        }
        _ => Router::desk_only(),
    };
    match &config.intake {
        Intake::Polling => {
            // A webhook left from an earlier run would make polling fail.
            if let Err(error) = bot.delete_webhook().await {
                tracing::warn!(error = %telegram::errors::redact(&error.to_string(), &token), "cannot remove a webhook");
            }
            intake.push(AbortOnDropHandle::new(tokio::spawn(poller::run(
                bot,
                store.clone(),
                router,
                config.poll_timeout,
                inbox_wake,
                metrics,
                token,
                intake_stop.clone(),
            ))));
        }
        Intake::Webhook {
            url,
            listen,
            secret,
        } => {
            let listener = tokio::net::TcpListener::bind(listen)
                .await
                .with_context(|| format!("cannot listen on webhook_listen {listen}"))?;
            let routes = webhook::router(
                store.clone(),
                router.clone(),
                secret.expose(),
                inbox_wake,
                metrics,
            );
            intake.push(AbortOnDropHandle::new(tokio::spawn(webhook::serve(
                listener,
                routes,
                intake_stop.clone(),
            ))));
            webhook::register(&bot, url, secret.expose(), &token, &router)
                .await
                .map_err(anyhow::Error::msg)?;
            intake.push(AbortOnDropHandle::new(tokio::spawn(webhook::watch(
                bot,
                url.clone(),
                token,
                intake_stop.clone(),
            ))));
        }
    }

    // The lobby's lists answer from an index of every customer: built now, beside the rest,
    // and waited for before the database closes.
    let warming = store.clone();
    let directory_loaded = tokio::task::spawn_blocking(move || {
        if let Err(error) = warming.load_directory() {
            tracing::error!(%error, "cannot load the customer directory; lists will retry");
        }
    });
    shutdown.cancelled().await;
    tracing::info!("shutting down: finishing work in flight");
    intake_stop.cancel();
    for task in intake {
        let _ = task.await;
    }
    let _ = admins.await;
    processing_stop.cancel();
    let _ = processing.await;
    let _ = probes.await;
    let _ = timers.await;
    sending_stop.cancel();
    let _ = sending.await;
    if let Ok(Err(error)) = webhooks.await {
        tracing::error!(%error, "the webhook deliveries stopped");
    }
    ops_stop.cancel();
    for task in ops {
        let _ = task.await;
    }
    let _ = housekeeping.await;
    let _ = directory_loaded.await;
    store.flush().await;
    drop(flusher);
    store.flush_now()?;
    // Everything handled is on disk: the keys of what was handled can go.
    housekeeping::once(&store);
    tracing::info!("stopped");
    Ok(())
}

/// Checks the data directory against the workspace in use (refusing another one unless the team
/// asked to move), and says what happened.
fn open_workspace(
    store: &Store,
    workspace: crate::domain::Workspace,
    move_allowed: bool,
) -> anyhow::Result<()> {
    match workspaces::open(store, workspace, move_allowed)? {
        Opening::Same => {}
        Opening::Fresh => tracing::info!(%workspace, "new data directory for this workspace"),
        Opening::Adopted(adopted) => tracing::info!(
            %workspace,
            cards = adopted.cards,
            index = adopted.index,
            links = adopted.links,
            "data directory of an older version upgraded: its cards, threads and links now name their chats"
        ),
        Opening::Relinked { previous } => tracing::warn!(
            %previous,
            %workspace,
            "the channel is linked to another discussion group: each customer gets a new card and thread on their next message"
        ),
        Opening::Moved { previous } => tracing::warn!(
            previous = %previous.map_or_else(|| "an unrecorded workspace".to_owned(), |p| p.to_string()),
            %workspace,
            "the team moved to a new workspace: customers, tickets and canned replies are kept; each customer gets a new card and thread on their next message"
        ),
    }
    Ok(())
}

/// Runs the start-up checks, retrying while Telegram cannot be reached. `None` means shutdown
/// was requested meanwhile.
async fn discover_until_reachable(
    bot: &teloxide::Bot,
    config: &Config,
    token: &str,
    shutdown: &CancellationToken,
) -> anyhow::Result<Option<setup::Discovery>> {
    let mut wait = std::time::Duration::from_millis(200);
    loop {
        match setup::discover(bot, config.layout, token).await {
            Ok(discovery) => return Ok(Some(discovery)),
            Err(setup::SetupError::Unreachable(reason)) => {
                tracing::warn!(%reason, ?wait, "the Bot API did not answer the start-up checks; retrying");
            }
            Err(error) => return Err(error.into()),
        }
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = shutdown.cancelled() => return Ok(None),
        }
        wait = (wait * 2).min(std::time::Duration::from_secs(30));
    }
}
