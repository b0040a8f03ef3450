//! What a webhook delivery carries: the JSON body of an event and its signature.
//!
//! The signature is `Threadesk-Signature: t=<unix seconds>,v1=<hex>` where the hex is
//! HMAC-SHA256, keyed with the endpoint's secret, over `<t>.<body>`. The timestamp is the
//! attempt's, so a receiver can refuse old deliveries replayed later.

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

use crate::desk::WebhookEvent;

/// The header holding the signature.
pub const SIGNATURE_HEADER: &str = "threadesk-signature";
/// The header holding the event's id (the same for every attempt: the idempotency key).
pub const EVENT_ID_HEADER: &str = "threadesk-event-id";
/// The header holding the event's type.
pub const EVENT_TYPE_HEADER: &str = "threadesk-event";

/// The JSON body of a delivery.
#[derive(Serialize)]
struct Body<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    created_at: i64,
    customer_id: i64,
    ticket: Option<u32>,
    text: Option<&'a str>,
    by: Option<&'a str>,
}

/// The event's public id (`evt_<sequence>`).
pub fn event_id(sequence: u64) -> String {
    format!("evt_{sequence}")
}

/// The JSON body of event `sequence`; the same bytes on every attempt.
pub fn body(sequence: u64, event: &WebhookEvent) -> Vec<u8> {
    let body = Body {
        id: event_id(sequence),
        kind: event.kind.name(),
        created_at: event.at.unix_seconds(),
        customer_id: event.customer.0,
        ticket: event.ticket.map(|number| number.0),
        text: event.text.as_deref(),
        by: event.by.as_deref(),
    };
    serde_json::to_vec(&body).unwrap_or_default()
}

/// The signature header's value for `body` sent at `timestamp` (Unix seconds).
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},v1={}", hex(&mac(secret, timestamp, body)))
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Vec<u8> {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        unreachable!("HMAC takes keys of any length")
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::WebhookKind;
    use crate::domain::{TicketNumber, Timestamp, UserId};

    #[test]
    fn the_signature_is_hmac_sha256_over_the_timestamp_a_dot_and_the_body() {
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
        assert_eq!(
            signature("key", 1_700_000_000, br#"{"a":1}"#),
            "t=1700000000,v1=a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03"
        );
    }

    #[test]
    fn the_body_names_the_event_and_is_the_same_on_every_attempt() {
        let event = WebhookEvent {
            kind: WebhookKind::TicketClosed,
            customer: UserId(42),
            ticket: Some(TicketNumber(3)),
            at: Timestamp(1_700_000_000_000),
            text: None,
            by: Some("Maria".into()),
        };
        let body = body(9, &event);
        assert_eq!(
            String::from_utf8(body.clone()).unwrap(),
            r#"{"id":"evt_9","type":"ticket.closed","created_at":1700000000,"customer_id":42,"ticket":3,"text":null,"by":"Maria"}"#
        );
        assert_eq!(super::body(9, &event), body);
    }
}
