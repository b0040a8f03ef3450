//! `threadesk doctor`: checks a real configuration against Telegram and the machine, and prints
//! a checklist of what works and what to fix.

use std::fmt;

use teloxide::prelude::*;
use teloxide::types::ChatAction;

use super::backup::holds_database;
use crate::config::{Config, Intake};
use crate::domain::Workspace;
use crate::pipeline::workspace::{self as workspaces, WorkspaceMismatch};
use crate::storage::Store;
use crate::telegram::errors::redact;
use crate::telegram::setup::{self, Finding, SetupError, Severity};

/// Everything the doctor found.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The checks, in order.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether anything stops the bot from working.
    pub fn is_blocking(&self) -> bool {
        self.findings
            .iter()
            .any(|finding| finding.severity == Severity::Blocking)
    }

    fn push(&mut self, severity: Severity, text: impl Into<String>) {
        self.findings.push(Finding {
            severity,
            text: text.into(),
        });
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            let mark = match finding.severity {
                Severity::Fine => "✔",
                Severity::Warning => "!",
                Severity::Blocking => "✘",
            };
            writeln!(f, "{mark} {}", finding.text)?;
        }
        let blocking = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Blocking)
            .count();
        let warnings = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
        if blocking == 0 {
            write!(f, "ready: threadesk can run ({warnings} warning(s))")
        } else {
            write!(
                f,
                "not ready: {blocking} problem(s) to fix, {warnings} warning(s)"
            )
        }
    }
}

/// Runs every check.
pub async fn run(config: &Config) -> Report {
    let mut report = Report::default();
    let token = config.bot_token.expose();
    let bot = crate::telegram::bot(token, &config.api_url);
    let mut workspace = None;
    match setup::inspect(&bot, config.layout, token).await {
        Ok(inspection) => {
            workspace = inspection
                .discovery()
                .ok()
                .map(|discovery| discovery.workspace);
            report.findings.extend(inspection.findings());
            check_admins(&bot, config, token, &mut report).await;
            check_intake(&bot, config, token, &mut report).await;
        }
        Err(SetupError::BadToken) => report.push(
            Severity::Blocking,
            "the bot token was refused by Telegram: copy it again from BotFather",
        ),
        Err(error) => report.push(
            Severity::Blocking,
            format!("cannot reach {}: {error}", config.api_url),
        ),
    }
    check_data_dir(config, workspace, &mut report);
    report
}

/// Administrators who never started the bot cannot get notifications. A "typing…" action is
/// the gentlest probe Telegram offers.
async fn check_admins(bot: &Bot, config: &Config, token: &str, report: &mut Report) {
    let admins = match bot
        .get_chat_administrators(teloxide::types::ChatId(config.layout.chat().0))
        .await
    {
        Ok(admins) => admins,
        Err(error) => {
            report.push(
                Severity::Warning,
                format!(
                    "cannot list the channel's administrators: {}",
                    redact(&error.to_string(), token)
                ),
            );
            return;
        }
    };
    let mut silent = Vec::new();
    let mut total = 0;
    for admin in admins.iter().filter(|member| !member.user.is_bot) {
        total += 1;
        if bot
            .send_chat_action(
                teloxide::types::ChatId(admin.user.id.0 as i64),
                ChatAction::Typing,
            )
            .await
            .is_err()
        {
            silent.push(admin.user.full_name());
        }
    }
    if silent.is_empty() {
        report.push(
            Severity::Fine,
            format!("all {total} administrator(s) of the channel can receive notifications"),
        );
    } else {
        report.push(
            Severity::Warning,
            format!(
                "administrators who never started the bot get no notifications until they send it /start: {}",
                silent.join(", ")
            ),
        );
    }
}

async fn check_intake(bot: &Bot, config: &Config, token: &str, report: &mut Report) {
    let info = match bot.get_webhook_info().await {
        Ok(info) => info,
        Err(error) => {
            report.push(
                Severity::Warning,
                format!(
                    "cannot read the webhook state: {}",
                    redact(&error.to_string(), token)
                ),
            );
            return;
        }
    };
    match &config.intake {
        Intake::Polling if info.url.is_some() => report.push(
            Severity::Warning,
            "a webhook is set for this bot; `threadesk run` in polling mode removes it",
        ),
        Intake::Polling => report.push(Severity::Fine, "long polling: no webhook is set"),
        Intake::Webhook { url, .. } => {
            if info.url.as_ref() != Some(url) {
                report.push(
                    Severity::Warning,
                    format!("the webhook is not set to {url} yet; `threadesk run` sets it"),
                );
            } else if let Some(error) = &info.last_error_message {
                report.push(
                    Severity::Blocking,
                    format!("Telegram cannot deliver to {url}: {error} (check HTTPS and the reverse proxy to webhook_listen)"),
                );
            } else {
                report.push(
                    Severity::Fine,
                    format!("the webhook {url} is set and Telegram reports no delivery error"),
                );
            }
        }
    }
}

/// Whether the data directory belongs to the workspace the settings name.
fn check_workspace(store: &Store, configured: Workspace, report: &mut Report) {
    match workspaces::recorded(store) {
        Ok(Some(recorded)) if recorded == configured => report.push(
            Severity::Fine,
            format!("the data directory belongs to the {configured}"),
        ),
        Ok(Some(recorded)) if recorded.is_relinked(configured) => report.push(
            Severity::Warning,
            format!(
                "the channel is now linked to another discussion group than the data directory's {recorded}: each customer gets a new card and thread on their next message"
            ),
        ),
        Ok(Some(recorded)) => report.push(
            Severity::Blocking,
            WorkspaceMismatch {
                recorded,
                configured,
            }
            .to_string(),
        ),
        Ok(None) => {}
        Err(error) => report.push(
            Severity::Warning,
            format!("cannot read the data directory's workspace: {error}"),
        ),
    }
}

fn check_data_dir(config: &Config, workspace: Option<Workspace>, report: &mut Report) {
    let dir = &config.data_dir;
    if let Err(error) = std::fs::create_dir_all(dir) {
        report.push(
            Severity::Blocking,
            format!(
                "the data directory {} cannot be created: {error}",
                dir.display()
            ),
        );
        return;
    }
    let probe = dir.join(".threadesk-doctor");
    let writable = std::fs::write(&probe, b"ok").and_then(|()| std::fs::remove_file(&probe));
    if let Err(error) = writable {
        report.push(
            Severity::Blocking,
            format!(
                "the data directory {} is not writable: {error}",
                dir.display()
            ),
        );
        return;
    }
    if holds_database(dir) {
        match Store::open(dir, 1 << 20) {
            Ok(store) => {
                report.push(
                    Severity::Fine,
                    format!("the data directory {} holds a database", dir.display()),
                );
                if let Some(configured) = workspace {
                    check_workspace(&store, configured, report);
                }
            }
            Err(_) => report.push(
                Severity::Fine,
                format!(
                    "the data directory {} is in use by a running threadesk",
                    dir.display()
                ),
            ),
        }
    } else {
        report.push(
            Severity::Fine,
            format!(
                "the data directory {} is writable (a new database will be created)",
                dir.display()
            ),
        );
    }
}
