//! Pseudonyms shown instead of a customer's name, `@username` and id when the team hides
//! customers' information (`hide_customer_info`).
//!
//! A pseudonym's code is the first bytes of HMAC-SHA256 over the customer's id, keyed with a
//! secret drawn once per installation: stable for a customer, unrelated between installations,
//! and not reversible without the secret.

use std::fmt;

use ring::hmac;

use super::UserId;

/// How many bytes of the HMAC make a code (two hexadecimal digits each).
const CODE_BYTES: usize = 3;

/// The installation's secret that pseudonyms are derived with.
#[derive(Clone)]
pub struct PseudonymKey {
    key: hmac::Key,
}

impl PseudonymKey {
    /// The length of a secret, in bytes.
    pub const SECRET_LEN: usize = 32;

    /// The key for a stored secret.
    pub fn new(secret: &[u8]) -> PseudonymKey {
        PseudonymKey {
            key: hmac::Key::new(hmac::HMAC_SHA256, secret),
        }
    }

    /// A customer's code: six upper-case hexadecimal digits, such as `7F3A9C`.
    pub fn code(&self, customer: UserId) -> String {
        let tag = hmac::sign(&self.key, &customer.0.to_be_bytes());
        tag.as_ref()
            .iter()
            .take(CODE_BYTES)
            .map(|byte| format!("{byte:02X}"))
            .collect()
    }
}

impl fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PseudonymKey([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customers_code_is_stable_and_differs_per_installation_secret() {
        let here = PseudonymKey::new(&[7; PseudonymKey::SECRET_LEN]);
        let there = PseudonymKey::new(&[8; PseudonymKey::SECRET_LEN]);
        let code = here.code(UserId(4242));
        assert_eq!(code.len(), 2 * CODE_BYTES);
        assert!(
            code.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
        );
        assert_eq!(PseudonymKey::new(&[7; 32]).code(UserId(4242)), code);
        assert_ne!(here.code(UserId(4243)), code);
        assert_ne!(there.code(UserId(4242)), code);
        assert!(!code.contains("4242"));
        assert_eq!(format!("{here:?}"), "PseudonymKey([redacted])");
    }
}
