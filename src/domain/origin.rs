//! Deep-link origins: where a customer came from (`t.me/<bot>?start=<origin>`).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A validated deep-link parameter: 1 to 64 characters from `[A-Za-z0-9_-]`, as Telegram allows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Origin(String);

impl Origin {
    /// Accepts a `/start` parameter when Telegram's deep-link rules allow it.
    pub fn parse(parameter: &str) -> Option<Origin> {
        let valid = (1..=64).contains(&parameter.len())
            && parameter
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        valid.then(|| Origin(parameter.to_owned()))
    }

    /// The parameter as the customer's link carried it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Origin;

    #[test]
    fn valid_deep_link_parameters_are_accepted() {
        assert_eq!(
            Origin::parse("instagram_bio-2").map(|o| o.to_string()),
            Some("instagram_bio-2".into())
        );
        assert!(Origin::parse(&"a".repeat(64)).is_some());
    }

    #[test]
    fn invalid_deep_link_parameters_are_rejected() {
        assert!(Origin::parse("").is_none());
        assert!(Origin::parse(&"a".repeat(65)).is_none());
        assert!(Origin::parse("promo code").is_none());
        assert!(Origin::parse("ação").is_none());
        assert!(Origin::parse("<b>").is_none());
    }
}
