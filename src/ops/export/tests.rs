//! Exports written whole and cut into documents.

use super::*;
use crate::desk::DeskState;
use crate::domain::{Card, OpenedBy, Origin, Reachability, TicketNumber, UserId};
use crate::domain::{Customer, Ticket};
use crate::storage::Ledger;

#[test]
fn csv_quotes_commas_quotes_and_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), 1 << 20).unwrap();
    let mut ledger = Ledger::new(&store);
    let customer = Customer {
        id: UserId(7),
        first_name: "Ana, \"the\" boss".into(),
        last_name: Some("Line\nBreak".into()),
        username: Some("ana".into()),
        language: Some("pt-br".into()),
        first_seen: Timestamp(0),
        card: Card::default(),
        ticket: TicketNumber(1),
        reachability: Reachability::Reachable,
        ban: None,
        tags: vec!["vip".into(), "stage:paid".into()],
        fields: [("plan".to_owned(), "pro".to_owned())].into(),
    };
    ledger.save_customer(&customer).unwrap();
    let mut ticket = Ticket::open(
        UserId(7),
        TicketNumber(1),
        Timestamp(60_000),
        Origin::parse("ads"),
        OpenedBy::Customer,
    );
    ticket.add_origin(Origin::parse("promo2").unwrap());
    ledger.save_ticket(&ticket).unwrap();
    let mut out = Vec::new();
    assert_eq!(export(&store, Format::Csv, None, &mut out).unwrap(), 1);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("7,\"Ana, \"\"the\"\" boss Line\nBreak\",ana,pt-br,1970-01-01T00:00Z,false,1,ads;promo2,open,1,1970-01-01T00:01Z,,,vip;stage:paid"), "{text}");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[1], "Ana, \"the\" boss Line\nBreak");

    let mut lines = Vec::new();
    export(&store, Format::Jsonl, None, &mut lines).unwrap();
    let value: serde_json::Value =
        serde_json::from_slice(lines.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(value["tickets"][0]["origin"], "ads");
    assert_eq!(value["tags"], serde_json::json!(["vip", "stage:paid"]));
    assert_eq!(value["fields"]["plan"], "pro");
    assert_eq!(
        value["tickets"][0]["origins"],
        serde_json::json!(["ads", "promo2"])
    );
}

#[test]
fn long_exports_are_cut_into_documents_each_with_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), 1 << 20).unwrap();
    let mut ledger = Ledger::new(&store);
    for id in 1..=30 {
        let customer = Customer {
            id: UserId(id),
            first_name: format!("Customer {id}"),
            last_name: None,
            username: None,
            language: None,
            first_seen: Timestamp(0),
            card: Card::default(),
            ticket: TicketNumber(0),
            reachability: Reachability::Reachable,
            ban: None,
            tags: vec!["vip".into()],
            fields: [("plan".to_owned(), "pro".to_owned())].into(),
        };
        ledger.save_customer(&customer).unwrap();
    }
    let request = ExportRequest {
        part_bytes: 300,
        ..ExportRequest::default()
    };
    let parts = parts(&store, &request, Timestamp(0), None).unwrap();
    assert!(parts.len() > 2, "{}", parts.len());
    assert_eq!(parts.iter().map(|part| part.rows).sum::<u64>(), 30);
    for part in &parts {
        assert!(part.bytes.len() <= 300);
        let text = String::from_utf8(part.bytes.clone()).unwrap();
        assert!(
            text.starts_with(
                "customer_id,name,username,language,first_seen,banned,tags,field:plan\n"
            ),
            "{text}"
        );
    }
    let mut whole = Vec::new();
    assert_eq!(
        write(&store, &request, Timestamp(0), None, &mut whole).unwrap(),
        30
    );
    let jsonl = ExportRequest {
        format: ExportFormat::Jsonl,
        segment: Some("tag:vip".into()),
        ..request
    };
    let parts = super::parts(&store, &jsonl, Timestamp(0), None).unwrap();
    assert_eq!(parts.iter().map(|part| part.rows).sum::<u64>(), 30);
    let empty = ExportRequest {
        segment: Some("tag:nobody".into()),
        ..ExportRequest::default()
    };
    let parts = super::parts(&store, &empty, Timestamp(0), None).unwrap();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].rows, 0);
}
