//! Resolution tests: defaults, precedence of the environment, and errors that name the setting.

use std::collections::HashMap;
use std::time::Duration;

use super::*;
use crate::domain::{ChatId, Rate};

fn sources(env: &[(&str, &str)]) -> Sources {
    Sources::from_parts(
        RawConfig::default(),
        env.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    )
}

const MINIMAL: [(&str, &str); 2] = [
    ("THREADESK_BOT_TOKEN", "123:abc-DEF_9"),
    ("THREADESK_CHANNEL_ID", "-1001234567890"),
];

#[test]
fn minimal_environment_gives_documented_defaults() {
    let config = sources(&MINIMAL).resolve().unwrap();
    assert_eq!(config.api_url.as_str(), "https://api.telegram.org/");
    assert_eq!(config.worker_threads, 1);
    assert_eq!(
        config.layout,
        Layout::Channel {
            channel: ChatId(-1001234567890)
        }
    );
    assert_eq!(
        config.limits.group,
        Some(Rate {
            count: 20,
            per: Duration::from_secs(60)
        })
    );
    assert_eq!(config.cache_bytes, 64 * 1024 * 1024);
    assert!(config.desk.tell_customers_about_errors);
}

#[test]
fn a_missing_token_names_the_setting_and_its_variable() {
    let error = sources(&[("THREADESK_CHANNEL_ID", "-1001234567890")])
        .resolve()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "setting `bot_token` is required (set it in the settings file or in THREADESK_BOT_TOKEN)"
    );
}

#[test]
fn an_invalid_value_says_what_was_expected() {
    let mut env = MINIMAL.to_vec();
    env.push(("THREADESK_RATE_GROUP", "fast"));
    let error = sources(&env).resolve().unwrap_err().to_string();
    assert!(
        error.contains("rate_group") && error.contains("THREADESK_RATE_GROUP"),
        "{error}"
    );
    let mut env = MINIMAL.to_vec();
    env.push(("THREADESK_WORKER_THREADS", "0"));
    let error = sources(&env).resolve().unwrap_err().to_string();
    assert!(error.contains("worker_threads"), "{error}");
}

#[test]
fn the_token_never_shows_in_debug_output() {
    let config = sources(&MINIMAL).resolve().unwrap();
    let printed = format!("{config:?}");
    assert!(!printed.contains("abc-DEF_9"), "{printed}");
    assert!(printed.contains("[redacted]"));
}

#[test]
fn environment_overrides_the_file() {
    let file: RawConfig =
        toml::from_str("bot_token = \"1:file\"\nchannel_id = -1009999999999\nlog = \"debug\"")
            .unwrap();
    let env = [("THREADESK_LOG".to_owned(), "warn".to_owned())]
        .into_iter()
        .collect();
    let config = Sources::from_parts(file, env).resolve().unwrap();
    assert_eq!(config.log, "warn");
    assert_eq!(config.layout.chat(), ChatId(-1009999999999));
}

#[test]
fn configured_messages_are_keyed_by_supported_language() {
    let file: RawConfig = toml::from_str(
        "bot_token = \"1:a\"\nchannel_id = -1009999999999\n[messages.start]\npt-br = \"Olá!\"\nen = \"Hi!\"",
    )
    .unwrap();
    let config = Sources::from_parts(file, HashMap::new()).resolve().unwrap();
    assert_eq!(
        config.messages.start.get("pt-BR").map(String::as_str),
        Some("Olá!")
    );
    let bad: RawConfig = toml::from_str(
        "bot_token = \"1:a\"\nchannel_id = -1009999999999\n[messages.end]\nde = \"Tschüss\"",
    )
    .unwrap();
    assert!(Sources::from_parts(bad, HashMap::new()).resolve().is_err());
}

#[test]
fn the_still_here_message_is_off_by_default_and_takes_a_switch_or_texts() {
    let resolve = |toml_text: &str, env: &[(&str, &str)]| {
        let file: RawConfig = toml::from_str(&format!(
            "bot_token = \"1:a\"\nchannel_id = -1009999999999\n{toml_text}"
        ))
        .unwrap();
        let env = env
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect();
        Sources::from_parts(file, env).resolve()
    };
    let config = resolve("", &[]).unwrap();
    assert!(!config.desk.send_still_here);
    assert!(
        resolve("still_here = true", &[])
            .unwrap()
            .desk
            .send_still_here
    );
    assert!(
        resolve("", &[("THREADESK_STILL_HERE", "on")])
            .unwrap()
            .desk
            .send_still_here
    );
    let texts = resolve("[still_here]\npt-br = \"Estamos aqui!\"", &[]).unwrap();
    assert!(texts.desk.send_still_here);
    assert_eq!(
        texts.messages.still_here.get("pt-BR").map(String::as_str),
        Some("Estamos aqui!")
    );
    let switched_off = resolve(
        "[still_here]\nen = \"Still here\"",
        &[("THREADESK_STILL_HERE", "off")],
    )
    .unwrap();
    assert!(!switched_off.desk.send_still_here);
    let error = resolve("still_here = \"maybe\"", &[]).unwrap_err();
    assert!(error.to_string().contains("still_here"), "{error}");
    assert!(resolve("[still_here]\nde = \"Noch da\"", &[]).is_err());
}

#[test]
fn unknown_settings_in_the_file_are_rejected() {
    assert!(toml::from_str::<RawConfig>("bot_tokn = \"x\"").is_err());
}

#[test]
fn a_setting_of_a_few_words_lists_the_words_it_takes() {
    let mut env = MINIMAL.to_vec();
    env.push(("THREADESK_LAYOUT", "grid"));
    let error = sources(&env).resolve().unwrap_err().to_string();
    assert_eq!(
        error,
        "setting `layout` (THREADESK_LAYOUT) is invalid: expected `channel` or `forum`, got \"grid\""
    );
    let mut env = MINIMAL.to_vec();
    env.push(("THREADESK_LAYOUT", "forum"));
    env.push(("THREADESK_FORUM_ID", "-1001234567891"));
    env.push(("THREADESK_MODE", "webhook"));
    env.push(("THREADESK_WEBHOOK_URL", "https://example.com/hook"));
    env.push(("THREADESK_WEBHOOK_SECRET", "s3cret"));
    env.push(("THREADESK_BAN_NOTICE", "note"));
    let config = sources(&env).resolve().unwrap();
    assert_eq!(config.layout.chat(), ChatId(-1001234567891));
    assert!(matches!(config.intake, Intake::Webhook { .. }));
    assert_eq!(config.desk.ban_notice, crate::desk::BanNotice::Note);
}

#[test]
fn permissions_card_fields_and_assignment_are_read_from_the_file_and_the_environment() {
    let file: RawConfig = toml::from_str(
        "permissions = { p = \"admins\", close = \"admins\" }\n\
         card_fields = [\"email\", \"plan\"]\n\
         assignee_ping_minutes = 5\n\
         sticky_assignee = true\n\
         hide_customer_info = true\n",
    )
    .unwrap();
    let env = MINIMAL
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let desk = Sources::from_parts(file, env).resolve().unwrap().desk;
    use crate::desk::{CommandName, Permission};
    assert_eq!(desk.permission(CommandName::Priority), Permission::Admins);
    assert_eq!(desk.permission(CommandName::Close), Permission::Admins);
    assert_eq!(desk.permission(CommandName::Ban), Permission::Members);
    assert_eq!(desk.card_fields, ["email", "plan"]);
    assert_eq!(desk.assignee_ping_every, Duration::from_secs(300));
    assert!(desk.sticky_assignee);
    assert!(desk.hide_customer_info);

    let mut env = MINIMAL.to_vec();
    env.push(("THREADESK_PERMISSIONS", "ban=admins"));
    let desk = sources(&env).resolve().unwrap().desk;
    assert!(!desk.hide_customer_info);
    let mut env = MINIMAL.to_vec();
    env.push(("THREADESK_HIDE_CUSTOMER_INFO", "yes"));
    assert!(sources(&env).resolve().unwrap().desk.hide_customer_info);
    let mut env = MINIMAL.to_vec();
    env.push(("THREADESK_HIDE_CUSTOMER_INFO", "maybe"));
    let error = sources(&env).resolve().unwrap_err().to_string();
    assert!(error.contains("hide_customer_info"), "{error}");
    assert_eq!(desk.permission(CommandName::Ban), Permission::Admins);
    assert_eq!(desk.permission(CommandName::Priority), Permission::Members);
    assert_eq!(desk.assignee_ping_every, Duration::from_secs(600));

    for (value, expected) in [
        ("p=owners", "expected `members` or `admins` for p"),
        ("fly=admins", "unknown command \"fly\""),
        ("p", "expected command=members or command=admins"),
    ] {
        let mut env = MINIMAL.to_vec();
        env.push(("THREADESK_PERMISSIONS", value));
        let error = sources(&env).resolve().unwrap_err().to_string();
        assert!(error.contains(expected), "{value}: {error}");
    }
    let mut env = MINIMAL.to_vec();
    env.push(("THREADESK_CARD_FIELDS", "email,E-Mail"));
    let error = sources(&env).resolve().unwrap_err().to_string();
    assert!(error.contains("card_fields"), "{error}");
}

#[test]
fn api_tokens_and_webhooks_are_read_from_the_file_and_checked() {
    let resolve = |toml_text: &str| {
        let file: RawConfig = toml::from_str(&format!(
            "bot_token = \"1:a\"\nchannel_id = -1009999999999\n{toml_text}"
        ))
        .unwrap();
        Sources::from_parts(file, HashMap::new()).resolve()
    };
    let config = resolve("").unwrap();
    assert!(config.integrations.api_tokens.is_empty());
    assert_eq!(config.integrations.json_limit, 64 * 1024);
    assert_eq!(config.integrations.upload_limit, 20 * 1024 * 1024);
    assert_eq!(
        config.integrations.webhook_retry_for,
        Duration::from_secs(24 * 3600)
    );

    let config = resolve(
        r#"api_json_limit_kb = 8
api_upload_limit_mb = 5
api_rate_per_minute = 30
webhook_timeout = "3s"
api_tokens = [{ name = "crm", token = "secret-crm-token-123", access = "read" }]
[[webhooks]]
url = "https://crm.example.com/hooks"
events = ["ticket.closed", "rating"]
secret = "whsec-0123456789abcdef"
"#,
    )
    .unwrap();
    let integrations = &config.integrations;
    assert_eq!(integrations.api_tokens[0].name, "crm");
    assert_eq!(integrations.api_tokens[0].access, Access::Read);
    assert_eq!(integrations.json_limit, 8 * 1024);
    assert_eq!(integrations.upload_limit, 5 * 1024 * 1024);
    assert_eq!(integrations.rate_per_minute, 30);
    assert_eq!(integrations.webhook_timeout, Duration::from_secs(3));
    assert_eq!(
        integrations.webhooks[0].events,
        [
            crate::desk::WebhookKind::TicketClosed,
            crate::desk::WebhookKind::Rating
        ]
    );
    let printed = format!("{config:?}");
    assert!(!printed.contains("secret-crm-token-123"), "{printed}");
    assert!(!printed.contains("whsec-0123456789abcdef"), "{printed}");

    for (bad, named) in [
        (
            r#"api_tokens = [{ name = "crm", token = "secret-crm-token-123", access = "all" }]"#,
            "`read` or `write`",
        ),
        (
            r#"api_tokens = [{ name = "crm", token = "short", access = "read" }]"#,
            "at least 16",
        ),
        (
            r#"api_tokens = [{ name = "a", token = "secret-crm-token-123", access = "read" }, { name = "b", token = "secret-crm-token-123", access = "write" }]"#,
            "share",
        ),
        ("api_rate_per_minute = 0", "at least 1"),
        ("api_upload_limit_mb = 0", "1 to 50"),
        ("api_upload_limit_mb = 51", "1 to 50"),
        (
            "[[webhooks]]\nurl = \"ftp://example.com\"\nevents = [\"rating\"]\nsecret = \"whsec-0123456789abcdef\"",
            "http(s)",
        ),
        (
            "[[webhooks]]\nurl = \"https://example.com\"\nevents = [\"ticket.lost\"]\nsecret = \"whsec-0123456789abcdef\"",
            "ticket.lost",
        ),
        (
            "[[webhooks]]\nurl = \"https://example.com\"\nevents = [\"rating\"]\nsecret = \"short\"",
            "at least 16",
        ),
    ] {
        let error = resolve(bad).expect_err(bad).to_string();
        assert!(error.contains(named), "{bad}: {error}");
    }
}

#[test]
fn reports_take_a_zone_working_hours_a_digest_and_ratings() {
    let defaults = sources(&MINIMAL).resolve().unwrap().desk.reports;
    assert_eq!(defaults.zone, chrono_tz::UTC);
    assert_eq!(
        (defaults.working_hours, defaults.digest, defaults.rating),
        (None, None, false)
    );

    let file: RawConfig = toml::from_str(
        "timezone = \"America/Sao_Paulo\"\n\
         working_hours = \"Mon-Fri 09:00-18:00\"\n\
         digest = \"Mon 09:00\"\n\
         rating = true\n",
    )
    .unwrap();
    let env = MINIMAL
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let reports = Sources::from_parts(file, env)
        .resolve()
        .unwrap()
        .desk
        .reports;
    assert_eq!(reports.zone, chrono_tz::America::Sao_Paulo);
    assert_eq!(
        reports.working_hours.unwrap().to_string(),
        "Mon-Fri 09:00-18:00"
    );
    assert_eq!(reports.digest.unwrap().to_string(), "Mon 09:00");
    assert!(reports.rating);

    for (name, value, expected) in [
        (
            "THREADESK_TIMEZONE",
            "Mars/Olympus",
            "expected an IANA time zone",
        ),
        (
            "THREADESK_WORKING_HOURS",
            "weekdays",
            "expected days and hours",
        ),
        ("THREADESK_DIGEST", "Someday 09:00", "is not a day"),
        ("THREADESK_RATING", "maybe", "rating"),
    ] {
        let mut env = MINIMAL.to_vec();
        env.push((name, value));
        let error = sources(&env).resolve().unwrap_err().to_string();
        assert!(error.contains(expected), "{name}: {error}");
    }
}

#[test]
fn the_proxy_for_an_existing_bot_is_off_unless_upstream_bot_names_an_address() {
    let with = |extra: &[(&str, &str)]| {
        let mut env = MINIMAL.to_vec();
        env.extend_from_slice(extra);
        sources(&env).resolve()
    };
    assert_eq!(with(&[]).unwrap().proxy, None);
    let config = with(&[
        ("THREADESK_UPSTREAM_BOT", "listen:127.0.0.1:8081"),
        ("THREADESK_HANDOFF", "true"),
    ])
    .unwrap();
    let proxy = config.proxy.unwrap();
    assert_eq!(proxy.listen, "127.0.0.1:8081".parse().unwrap());
    assert_eq!(proxy.max_pending, 100_000);
    assert!(proxy.handoff);
    assert!(proxy.intercept_external, "mirroring is on by default");
    let error = with(&[("THREADESK_UPSTREAM_BOT", "127.0.0.1:8081")]).unwrap_err();
    assert!(error.to_string().contains("upstream_bot"), "{error}");
}

#[test]
fn retention_is_off_by_default_and_read_in_days() {
    assert_eq!(sources(&MINIMAL).resolve().unwrap().desk.retention, None);
    let with = |days: &str| {
        let mut env = MINIMAL.to_vec();
        env.push(("THREADESK_RETENTION_DAYS", days));
        sources(&env).resolve().map(|config| config.desk.retention)
    };
    assert_eq!(with("30").unwrap(), Some(Duration::from_secs(30 * 86_400)));
    assert_eq!(with("0.5").unwrap(), Some(Duration::from_secs(43_200)));
    assert_eq!(with("0").unwrap(), None);
    for bad in ["-1", "soon", "NaN", "1e300"] {
        let error = with(bad).unwrap_err().to_string();
        assert!(error.contains("retention_days"), "{bad}: {error}");
    }
}
