//! How tickets are stored: the current layout's version and the upgrade of older layouts.
//!
//! Version 1 (up to 3bc8a93) kept one optional deep-link origin and knew neither who opened the
//! ticket nor whether the customer wrote; version 2 keeps every origin, in order, and both;
//! version 3 adds the assignee and what the ticket's stage is derived from (the team's first
//! reply, and since when it waits); version 4 adds the statistics facts ([`TicketFacts`]),
//! which an older ticket gets as far as it can tell them (its first reply, the tags it closed
//! with), marked `derived`.

use serde::Deserialize;

use super::codec::{CodecError, Record, decode_payload};
use crate::domain::{
    Member, OpenedBy, Origin, Priority, Reply, Ticket, TicketFacts, TicketNumber, TicketStatus,
    Timestamp, UserId,
};

impl Record for Ticket {
    const VERSION: u8 = 4;

    fn upgrade(version: u8, payload: &[u8]) -> Result<Self, CodecError> {
        match version {
            1 => Ok(decode_payload::<TicketV1>(payload)?.into()),
            2 => Ok(decode_payload::<TicketV2>(payload)?.into()),
            3 => Ok(decode_payload::<TicketV3>(payload)?.into()),
            _ => Err(CodecError::UnknownVersion {
                record: "Ticket",
                version,
            }),
        }
    }
}

/// A ticket as version 1 stored it.
#[derive(Deserialize)]
struct TicketV1 {
    customer: UserId,
    number: TicketNumber,
    opened_at: Timestamp,
    origin: Option<Origin>,
    priority: Priority,
    status: TicketStatus,
    last_activity: Timestamp,
    awaiting_customer: bool,
    tags: Vec<String>,
}

impl From<TicketV1> for Ticket {
    fn from(old: TicketV1) -> Ticket {
        TicketV2 {
            customer: old.customer,
            number: old.number,
            opened_at: old.opened_at,
            origins: old.origin.into_iter().collect(),
            priority: old.priority,
            status: old.status,
            last_activity: old.last_activity,
            awaiting_customer: old.awaiting_customer,
            tags: old.tags,
            // Version 1 did not say; an old ticket is never treated as empty.
            opened_by: OpenedBy::Customer,
            customer_wrote: true,
        }
        .into()
    }
}

/// A ticket as version 2 stored it.
#[derive(Deserialize)]
struct TicketV2 {
    customer: UserId,
    number: TicketNumber,
    opened_at: Timestamp,
    origins: Vec<Origin>,
    priority: Priority,
    status: TicketStatus,
    last_activity: Timestamp,
    awaiting_customer: bool,
    tags: Vec<String>,
    opened_by: OpenedBy,
    customer_wrote: bool,
}

impl From<TicketV2> for Ticket {
    fn from(old: TicketV2) -> Ticket {
        TicketV3 {
            customer: old.customer,
            number: old.number,
            opened_at: old.opened_at,
            origins: old.origins,
            priority: old.priority,
            status: old.status,
            last_activity: old.last_activity,
            awaiting_customer: old.awaiting_customer,
            tags: old.tags,
            opened_by: old.opened_by,
            customer_wrote: old.customer_wrote,
            assignee: None,
            // Earlier versions did not record the team's first reply: a ticket the team spoke
            // last in had one; otherwise it counts as new. It waits since its last activity.
            team_replied_at: old.awaiting_customer.then_some(old.last_activity),
            waiting_since: old.last_activity,
            assignee_pinged_at: None,
        }
        .into()
    }
}

/// A ticket as version 3 stored it.
#[derive(Deserialize)]
struct TicketV3 {
    customer: UserId,
    number: TicketNumber,
    opened_at: Timestamp,
    origins: Vec<Origin>,
    priority: Priority,
    status: TicketStatus,
    last_activity: Timestamp,
    awaiting_customer: bool,
    tags: Vec<String>,
    opened_by: OpenedBy,
    customer_wrote: bool,
    assignee: Option<Member>,
    team_replied_at: Option<Timestamp>,
    waiting_since: Timestamp,
    assignee_pinged_at: Option<Timestamp>,
}

impl From<TicketV3> for Ticket {
    fn from(old: TicketV3) -> Ticket {
        // What can be told of an old ticket: when the team first replied (not who), and the
        // tags it was closed with (the ticket's own labels). Replies, messages and ratings
        // were not recorded.
        let facts = TicketFacts {
            replies: old
                .team_replied_at
                .map(|at| Reply { at, by: None })
                .into_iter()
                .collect(),
            tags_at_close: match old.status {
                TicketStatus::Closed { .. } => old.tags.clone(),
                TicketStatus::Open => Vec::new(),
            },
            derived: true,
            ..TicketFacts::default()
        };
        Ticket {
            customer: old.customer,
            number: old.number,
            opened_at: old.opened_at,
            origins: old.origins,
            priority: old.priority,
            status: old.status,
            last_activity: old.last_activity,
            awaiting_customer: old.awaiting_customer,
            tags: old.tags,
            opened_by: old.opened_by,
            customer_wrote: old.customer_wrote,
            assignee: old.assignee,
            team_replied_at: old.team_replied_at,
            waiting_since: old.waiting_since,
            assignee_pinged_at: old.assignee_pinged_at,
            facts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::codec::{decode, encode};

    /// A closed ticket #2 of customer 1001 (origin `ads`, priority 3, closed by "Maria" with the
    /// note "done", tagged `vip`), as 3bc8a93 wrote it.
    const CLOSED_V1: [u8; 58] = [
        1, 251, 210, 7, 2, 253, 0, 208, 202, 159, 23, 3, 0, 0, 1, 3, 97, 100, 115, 3, 1, 253, 128,
        204, 213, 159, 23, 3, 0, 0, 1, 5, 77, 97, 114, 105, 97, 1, 4, 100, 111, 110, 101, 253, 192,
        247, 211, 159, 23, 3, 0, 0, 1, 1, 3, 118, 105, 112,
    ];

    /// An open ticket #1 of customer 1002 without an origin, as 3bc8a93 wrote it.
    const OPEN_V1: [u8; 28] = [
        1, 251, 212, 7, 1, 253, 0, 208, 202, 159, 23, 3, 0, 0, 0, 1, 0, 253, 0, 208, 202, 159, 23,
        3, 0, 0, 0, 0,
    ];

    #[test]
    fn tickets_written_by_version_1_are_read_with_their_origin_as_a_list() {
        let ticket: Ticket = decode(&CLOSED_V1).unwrap();
        assert_eq!(ticket.customer, UserId(1001));
        assert_eq!(ticket.number, TicketNumber(2));
        assert_eq!(ticket.opened_at, Timestamp(1_700_000_000_000));
        assert_eq!(ticket.origin_names(), ["ads"]);
        assert_eq!(ticket.priority, Priority(3));
        assert_eq!(
            ticket.status,
            TicketStatus::Closed {
                at: Timestamp(1_700_000_360_000),
                by: Some("Maria".into()),
                note: Some("done".into()),
            }
        );
        assert_eq!(ticket.last_activity, Timestamp(1_700_000_300_000));
        assert!(ticket.awaiting_customer);
        assert_eq!(ticket.tags, ["vip"]);
        assert_eq!(ticket.opened_by, OpenedBy::Customer);
        assert!(
            ticket.customer_wrote,
            "an old ticket is never taken for an empty one"
        );

        let ticket: Ticket = decode(&OPEN_V1).unwrap();
        assert_eq!(
            (ticket.customer, ticket.number),
            (UserId(1002), TicketNumber(1))
        );
        assert!(ticket.origins.is_empty() && ticket.is_open());
    }

    /// An open ticket #2 of customer 1001 (origin `ads`, the team spoke last at
    /// 1_700_000_300_000, tagged `vip`, the customer wrote), as version 2 (4a5a20a) wrote it.
    const OPEN_V2: [u8; 38] = [
        2, 251, 210, 7, 2, 253, 0, 208, 202, 159, 23, 3, 0, 0, 1, 3, 97, 100, 115, 1, 0, 253, 192,
        247, 211, 159, 23, 3, 0, 0, 1, 1, 3, 118, 105, 112, 0, 1,
    ];

    #[test]
    fn tickets_written_by_version_2_get_a_stage_and_no_assignee() {
        let ticket: Ticket = decode(&OPEN_V2).unwrap();
        assert_eq!(
            (ticket.customer, ticket.number),
            (UserId(1001), TicketNumber(2))
        );
        assert_eq!(ticket.origin_names(), ["ads"]);
        assert!(ticket.is_open() && ticket.customer_wrote && ticket.awaiting_customer);
        assert_eq!(
            ticket.stage(),
            crate::domain::TicketStage::WaitingForCustomer
        );
        assert_eq!(ticket.waiting_since, Timestamp(1_700_000_300_000));
        assert_eq!(ticket.assignee, None);
        let old: Ticket = decode(&OPEN_V1).unwrap();
        assert_eq!(old.stage(), crate::domain::TicketStage::New);
    }

    /// Version 3's encoding of a ticket built by the version 4 test below, minus its facts:
    /// closed by Maria, the team first replied at 9.
    fn version_3_bytes(ticket: &Ticket) -> Vec<u8> {
        let mut bytes = encode(ticket).unwrap();
        let facts = encode_payload_len(&ticket.facts);
        bytes.truncate(bytes.len() - facts);
        bytes[0] = 3;
        bytes
    }

    fn encode_payload_len(facts: &TicketFacts) -> usize {
        bincode::serde::encode_to_vec(facts, bincode::config::standard())
            .unwrap()
            .len()
    }

    #[test]
    fn tickets_written_by_version_3_get_the_facts_that_can_be_derived() {
        let mut ticket = Ticket::open(
            UserId(7),
            TicketNumber(3),
            Timestamp(5),
            None,
            OpenedBy::Customer,
        );
        ticket.tags = vec!["vip".into()];
        ticket.record_message(true, Timestamp(9));
        ticket.status = TicketStatus::Closed {
            at: Timestamp(20),
            by: Some("Maria".into()),
            note: None,
        };
        let old = version_3_bytes(&ticket);
        let upgraded: Ticket = decode(&old).unwrap();
        assert!(upgraded.facts.derived);
        assert_eq!(upgraded.first_response_ms(), Some(4));
        assert_eq!(upgraded.facts.tags_at_close, ["vip"]);
        assert_eq!(upgraded.closed_at(), Some(Timestamp(20)));
        assert_eq!(upgraded.facts.customer_messages, 0);
        assert_eq!(
            Ticket {
                facts: TicketFacts::default(),
                ..upgraded
            },
            ticket
        );
    }

    #[test]
    fn tickets_round_trip_in_version_4() {
        let mut ticket = Ticket::open(
            UserId(7),
            TicketNumber(3),
            Timestamp(5),
            Origin::parse("promo1"),
            OpenedBy::Team {
                name: Some("Maria".into()),
            },
        );
        ticket.add_origin(Origin::parse("promo2").unwrap());
        ticket.assignee = Some(crate::domain::Member {
            id: UserId(9),
            name: "Maria".into(),
        });
        ticket.record_message(true, Timestamp(9));
        ticket
            .facts
            .team_reply(Timestamp(9), ticket.assignee.clone());
        ticket.facts.customer_message();
        ticket.set_priority(Priority(3), Timestamp(10));
        ticket.facts.rate(5, Timestamp(11));
        let bytes = encode(&ticket).unwrap();
        assert_eq!(bytes[0], 4);
        assert_eq!(decode::<Ticket>(&bytes).unwrap(), ticket);
    }
}
