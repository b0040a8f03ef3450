//! The desk's rules ([`DeskSettings`]) and the configured messages ([`Overrides`]): threads and
//! the team, what customers are told, the texts configured instead of the locales', and who may
//! open tickets and when they close.

use std::collections::BTreeSet;
use std::time::Duration;

use super::sources::toml_scalar;
use super::values::{custom_texts, invalid, table_texts};
use super::{ConfigError, Sources, env_name};
use crate::desk::{AnonymousAdmins, BanNotice, DeskSettings};
use crate::domain::{Keywords, Priority, UserId};
use crate::i18n::{CustomTexts, Overrides};

impl Sources {
    /// The desk's rules and the messages configured for customers.
    pub(super) fn desk_rules(&self) -> Result<(DeskSettings, Overrides), ConfigError> {
        let mut desk = DeskSettings::default();
        self.thread_rules(&mut desk)?;
        self.customer_switches(&mut desk)?;
        let messages = self.messages(&mut desk)?;
        self.ticket_rules(&mut desk)?;
        self.team_rules(&mut desk)?;
        self.reporting(&mut desk)?;
        self.broadcast_rules(&mut desk)?;
        Ok((desk, messages))
    }

    /// How threads collect messages and how the team's chat is read and marked.
    fn thread_rules(&self, desk: &mut DeskSettings) -> Result<(), ConfigError> {
        let file = &self.file;
        desk.thread_timeout = self.duration(
            "thread_timeout",
            file.thread_timeout.clone(),
            desk.thread_timeout,
        )?;
        desk.album_wait = self.duration("album_wait", file.album_wait.clone(), desk.album_wait)?;
        desk.anonymous_admins = self.choice(
            "anonymous_admins",
            file.anonymous_admins.clone(),
            &[
                ("team", AnonymousAdmins::Team),
                ("ignore", AnonymousAdmins::Ignore),
            ],
        )?;
        if let Some(prefixes) = self.list("internal_prefixes", file.internal_prefixes.clone()) {
            desk.internal_prefixes = prefixes;
        }
        if let Some(colors) = self.list("priority_colors", file.priority_colors.clone()) {
            if colors.len() != usize::from(Priority::MAX) + 1 {
                return Err(invalid(
                    "priority_colors",
                    format!("expected 4 markers (levels 0 to 3), got {}", colors.len()),
                ));
            }
            desk.priority_markers = colors;
        }
        if let Some(closed) = self.text("closed_color", file.closed_color.clone()) {
            desk.closed_marker = closed;
        }
        Ok(())
    }

    /// Which messages customers get: errors, start, restart, end, and how bans are told.
    fn customer_switches(&self, desk: &mut DeskSettings) -> Result<(), ConfigError> {
        let file = &self.file;
        let scalar = |value: &Option<toml::Value>| value.as_ref().map(toml_scalar);
        desk.tell_customers_about_errors =
            !self.boolean("silent_mode", scalar(&file.silent_mode), false)?;
        desk.send_start = self.boolean("send_start", scalar(&file.send_start), true)?;
        desk.send_restart = self.boolean("send_restart", scalar(&file.send_restart), true)?;
        desk.send_end = self.boolean("send_end", scalar(&file.send_end), true)?;
        desk.ban_notice = self.choice(
            "ban_notice",
            file.ban_notice.clone(),
            &[("counter", BanNotice::Counter), ("note", BanNotice::Note)],
        )?;
        Ok(())
    }

    /// The texts configured instead of the locales' (`[messages.*]`, `still_here`, `welcome`);
    /// `still_here` and `welcome` also switch their messages on or off.
    fn messages(&self, desk: &mut DeskSettings) -> Result<Overrides, ConfigError> {
        let file = &self.file;
        let raw = file.messages.as_ref();
        let mut messages = Overrides {
            start: custom_texts("messages.start", raw.and_then(|m| m.start.as_ref()))?,
            restart: custom_texts("messages.restart", raw.and_then(|m| m.restart.as_ref()))?,
            end: custom_texts("messages.end", raw.and_then(|m| m.end.as_ref()))?,
            banned: custom_texts("messages.banned", raw.and_then(|m| m.banned.as_ref()))?,
            still_here: match &file.still_here {
                Some(toml::Value::Table(table)) => table_texts("still_here", table)?,
                _ => CustomTexts::new(),
            },
        };
        // A table of texts switches it on; the environment's `on`/`off` wins.
        let still_here = match &file.still_here {
            Some(toml::Value::Table(_)) => Some("on".to_owned()),
            other => other.as_ref().map(toml_scalar),
        };
        desk.send_still_here = self.boolean("still_here", still_here, false)?;
        self.welcome(desk, &mut messages)?;
        Ok(messages)
    }

    /// `welcome`: `off` silences start and restart; a table of texts is both, unless set apart.
    fn welcome(
        &self,
        desk: &mut DeskSettings,
        messages: &mut Overrides,
    ) -> Result<(), ConfigError> {
        let from_env = self
            .env
            .get(&env_name("welcome"))
            .map(|text| toml::Value::String(text.clone()));
        match from_env.or_else(|| self.file.welcome.clone()) {
            None => {}
            Some(toml::Value::String(text)) if text.trim() == "off" => {
                desk.send_start = false;
                desk.send_restart = false;
            }
            Some(toml::Value::Table(table)) => {
                let texts = table_texts("welcome", &table)?;
                if messages.start.is_empty() {
                    messages.start = texts.clone();
                }
                if messages.restart.is_empty() {
                    messages.restart = texts;
                }
            }
            Some(other) => {
                return Err(invalid(
                    "welcome",
                    format!("expected `off` or a table of texts by language, got {other}"),
                ));
            }
        }
        Ok(())
    }

    /// When tickets close by themselves, and who may open one: keywords, a white list, replies only.
    fn ticket_rules(&self, desk: &mut DeskSettings) -> Result<(), ConfigError> {
        let file = &self.file;
        let autoclose_hours: f64 = self.number(
            "autoclose_hours",
            file.autoclose_hours.as_ref().map(toml_scalar),
            48.0,
        )?;
        if !autoclose_hours.is_finite() || autoclose_hours < 0.0 {
            return Err(invalid(
                "autoclose_hours",
                "expected a number of hours, 0 to switch it off".into(),
            ));
        }
        desk.autoclose_after =
            (autoclose_hours > 0.0).then(|| Duration::from_secs_f64(autoclose_hours * 3600.0));
        let retention_days: f64 = self.number(
            "retention_days",
            file.retention_days.as_ref().map(toml_scalar),
            0.0,
        )?;
        // Past about 300 million years a duration no longer fits.
        if !(0.0..=1e11).contains(&retention_days) {
            return Err(invalid(
                "retention_days",
                "expected a number of days, 0 to keep everything".into(),
            ));
        }
        desk.retention =
            (retention_days > 0.0).then(|| Duration::from_secs_f64(retention_days * 86_400.0));
        if let Some(groups) = self.list("private_keywords", file.private_keywords.clone()) {
            desk.keywords =
                Keywords::parse(&groups).map_err(|reason| invalid("private_keywords", reason))?;
        }
        let white_list = self.list(
            "white_list",
            file.white_list
                .as_ref()
                .map(|ids| ids.iter().map(toml_scalar).collect()),
        );
        if let Some(ids) = white_list {
            let parsed = ids
                .iter()
                .map(|id| id.trim().parse::<i64>().map(UserId))
                .collect::<Result<BTreeSet<_>, _>>()
                .map_err(|_| invalid("white_list", format!("expected user ids, got {ids:?}")))?;
            desk.white_list = (!parsed.is_empty()).then_some(parsed);
        }
        let reply_only = file.reply_only.as_ref().map(toml_scalar);
        desk.reply_only = self.boolean("reply_only", reply_only, false)?;
        Ok(())
    }
}
