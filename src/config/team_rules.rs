//! The team's working rules: who may use which command (`permissions`), which contact fields
//! the card shows (`card_fields`), whether customers show as pseudonyms
//! (`hide_customer_info`), and how tickets are assigned (`assignee_ping_minutes`,
//! `sticky_assignee`).

use std::collections::BTreeMap;
use std::time::Duration;

use super::sources::toml_scalar;
use super::values::invalid;
use super::{ConfigError, Sources, env_name};
use crate::desk::{CommandName, DeskSettings, Permission};
use crate::domain::valid_field_name;

impl Sources {
    /// Permissions, card fields, pseudonyms and assignment.
    pub(super) fn team_rules(&self, desk: &mut DeskSettings) -> Result<(), ConfigError> {
        desk.permissions = self.permissions()?;
        if let Some(fields) = self.list("card_fields", self.file.card_fields.clone()) {
            let fields: Vec<String> = fields.iter().map(|f| f.trim().to_owned()).collect();
            if let Some(bad) = fields.iter().find(|name| !valid_field_name(name)) {
                return Err(invalid(
                    "card_fields",
                    format!("expected field names of 1-32 a-z, 0-9 and _, got {bad:?}"),
                ));
            }
            desk.card_fields = fields;
        }
        let file = &self.file;
        desk.hide_customer_info = self.hides_customer_info()?;
        let minutes: u64 = self.number(
            "assignee_ping_minutes",
            file.assignee_ping_minutes.as_ref().map(toml_scalar),
            10,
        )?;
        desk.assignee_ping_every = Duration::from_secs(minutes * 60);
        let sticky = file.sticky_assignee.as_ref().map(toml_scalar);
        desk.sticky_assignee = self.boolean("sticky_assignee", sticky, false)?;
        Ok(())
    }

    /// Whether customers show as pseudonyms (`hide_customer_info`), also for tools that read
    /// only the data directory (`threadesk export`).
    pub fn hides_customer_info(&self) -> Result<bool, ConfigError> {
        let hide = self.file.hide_customer_info.as_ref().map(toml_scalar);
        self.boolean("hide_customer_info", hide, false)
    }

    /// `[permissions]` (`p = "admins"`), or `THREADESK_PERMISSIONS=p=admins,ban=admins`.
    fn permissions(&self) -> Result<BTreeMap<CommandName, Permission>, ConfigError> {
        let entries: Vec<(String, String)> = match self.env.get(&env_name("permissions")) {
            Some(text) => text
                .split(',')
                .filter(|item| !item.trim().is_empty())
                .map(|item| match item.split_once('=') {
                    Some((command, who)) => Ok((command.trim().to_owned(), who.trim().to_owned())),
                    None => Err(invalid(
                        "permissions",
                        format!("expected command=members or command=admins, got {item:?}"),
                    )),
                })
                .collect::<Result<_, _>>()?,
            None => self
                .file
                .permissions
                .clone()
                .unwrap_or_default()
                .into_iter()
                .collect(),
        };
        let mut permissions = BTreeMap::new();
        for (command, who) in entries {
            let Some(parsed) = CommandName::from_setting(&command) else {
                let known: Vec<&str> = CommandName::ALL.iter().map(|c| c.name()).collect();
                return Err(invalid(
                    "permissions",
                    format!(
                        "unknown command {command:?}; the team commands are {}",
                        known.join(", ")
                    ),
                ));
            };
            let permission = match who.as_str() {
                "members" => Permission::Members,
                "admins" => Permission::Admins,
                other => {
                    return Err(invalid(
                        "permissions",
                        format!("expected `members` or `admins` for {command}, got {other:?}"),
                    ));
                }
            };
            permissions.insert(parsed, permission);
        }
        Ok(permissions)
    }
}
