//! Durations and message rates as settings write them (`30s`, `20/1m`), and the outgoing limits
//! they make up.
//!
//! Pure values: the configuration parses them, the pipeline's limiter enforces them.

use std::time::Duration;

/// At most `count` messages per `per`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// Messages allowed in one window.
    pub count: u32,
    /// The window's length.
    pub per: Duration,
}

impl Rate {
    /// Parses `"<count>/<duration>"`, for example `20/1m`, `1/1s` or `30/1s`.
    pub fn parse(text: &str) -> Option<Rate> {
        let (count, per) = text.trim().split_once('/')?;
        let count: u32 = count.trim().parse().ok().filter(|count| *count > 0)?;
        let per = parse_duration(per.trim())?;
        (!per.is_zero()).then_some(Rate { count, per })
    }
}

/// The configured limits; `None` switches a limit off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Per private chat (Telegram: about 1 message per second).
    pub private_chat: Option<Rate>,
    /// Per group or channel (Telegram: 20 messages per minute).
    pub group: Option<Rate>,
    /// Over all chats (Telegram: about 30 messages per second).
    pub global: Option<Rate>,
}

/// Parses durations like `250ms`, `30s`, `5m`, `2h` (a bare number means seconds).
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0)?;
    let seconds = match unit.trim() {
        "ms" => value / 1000.0,
        "" | "s" => value,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        "d" => value * 86400.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(seconds).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("30s"), Some(Duration::from_secs(30)));
        assert_eq!(parse_duration("5m"), Some(Duration::from_secs(300)));
        assert_eq!(parse_duration("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(parse_duration("-1s"), None);
    }

    #[test]
    fn rates_parse_from_text() {
        assert_eq!(
            Rate::parse("20/1m"),
            Some(Rate {
                count: 20,
                per: Duration::from_secs(60)
            })
        );
        assert_eq!(
            Rate::parse(" 1 / 1s "),
            Some(Rate {
                count: 1,
                per: Duration::from_secs(1)
            })
        );
        assert_eq!(Rate::parse("0/1s"), None);
        assert_eq!(Rate::parse("5"), None);
        assert_eq!(Rate::parse("5/0s"), None);
    }
}
