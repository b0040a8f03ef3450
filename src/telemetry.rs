//! Logging: a tracing subscriber with a filter from the settings, as text or JSON lines.
//!
//! The HTTP client's own logs quote request URLs, which contain the bot token, so they are
//! capped at `info` whatever the filter asks for.

use tracing_subscriber::EnvFilter;

/// Targets whose debug logs would contain the bot token.
const TOKEN_BEARING_TARGETS: [&str; 4] = ["reqwest", "hyper", "hyper_util", "teloxide_core::net"];

/// Installs the global subscriber. Returns an error when the filter does not parse.
pub fn init(filter: &str, json: bool) -> Result<(), String> {
    let mut filter = EnvFilter::try_new(filter)
        .map_err(|error| format!("invalid log filter {filter:?}: {error}"))?;
    for target in TOKEN_BEARING_TARGETS {
        let directive = format!("{target}=info")
            .parse()
            .map_err(|error| format!("{error}"))?;
        filter = filter.add_directive(directive);
    }
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let result = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    result.map_err(|error| error.to_string())
}
