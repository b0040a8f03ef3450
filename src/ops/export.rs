//! Export of customers and their tickets, as CSV (one row per ticket) or JSON lines (one object
//! per customer with its tickets). With `hide_customer_info`, customers are named by their
//! pseudonym and their id and `@username` are left out.

use std::io::Write;

use serde::Serialize;

use crate::domain::{Customer, PseudonymKey, Ticket, TicketStatus, Timestamp};
use crate::storage::codec;
use crate::storage::{StorageError, Store, TreeName, keys};

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values, one row per ticket, with a header row.
    Csv,
    /// One JSON object per line, one line per customer.
    Jsonl,
}

/// Exporting failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the database failed.
    #[error("{0}")]
    Storage(#[from] StorageError),
    /// A record could not be decoded.
    #[error("{0}")]
    Codec(#[from] codec::CodecError),
    /// Writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Writing CSV failed.
    #[error("{0}")]
    Csv(#[from] csv::Error),
}

/// One customer with their tickets, as exported.
#[derive(Debug, Serialize)]
struct CustomerRecord {
    /// The account id (`None` when customers are hidden).
    id: Option<i64>,
    name: String,
    username: Option<String>,
    language: Option<String>,
    first_seen: String,
    banned: bool,
    /// The team's tags for the customer.
    tags: Vec<String>,
    /// The customer's contact fields, by name.
    fields: std::collections::BTreeMap<String, String>,
    tickets: Vec<TicketRecord>,
}

/// One ticket, as exported.
#[derive(Debug, Serialize)]
struct TicketRecord {
    number: u32,
    /// The first deep-link origin (where the ticket came from).
    origin: Option<String>,
    /// Every origin the customer came through while it was open, in order.
    origins: Vec<String>,
    status: &'static str,
    priority: u8,
    opened_at: String,
    closed_at: Option<String>,
    closed_by: Option<String>,
    tags: Vec<String>,
}

/// The CSV header.
const CSV_HEADER: [&str; 13] = [
    "customer_id",
    "name",
    "username",
    "language",
    "first_seen",
    "banned",
    "ticket",
    "origin",
    "status",
    "priority",
    "opened_at",
    "closed_at",
    "closed_by",
];

/// Writes every customer and ticket; returns the number of customers.
pub fn export(
    store: &Store,
    format: Format,
    pseudonyms: Option<&PseudonymKey>,
    out: impl Write,
) -> Result<u64, ExportError> {
    match format {
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            let mut header: Vec<&str> = CSV_HEADER.to_vec();
            header.push("tags");
            writer.write_record(&header)?;
            let count = each_customer(store, pseudonyms, |record| {
                for ticket in &record.tickets {
                    writer.write_record([
                        record.id.map(|id| id.to_string()).unwrap_or_default(),
                        record.name.clone(),
                        record.username.clone().unwrap_or_default(),
                        record.language.clone().unwrap_or_default(),
                        record.first_seen.clone(),
                        record.banned.to_string(),
                        ticket.number.to_string(),
                        ticket.origins.join(";"),
                        ticket.status.to_owned(),
                        ticket.priority.to_string(),
                        ticket.opened_at.clone(),
                        ticket.closed_at.clone().unwrap_or_default(),
                        ticket.closed_by.clone().unwrap_or_default(),
                        ticket.tags.join(";"),
                    ])?;
                }
                Ok(())
            })?;
            writer.flush()?;
            Ok(count)
        }
        Format::Jsonl => {
            let mut out = std::io::BufWriter::new(out);
            let count = each_customer(store, pseudonyms, |record| {
                serde_json::to_writer(&mut out, &record).map_err(std::io::Error::from)?;
                out.write_all(b"\n")?;
                Ok(())
            })?;
            out.flush()?;
            Ok(count)
        }
    }
}

fn each_customer(
    store: &Store,
    pseudonyms: Option<&PseudonymKey>,
    mut emit: impl FnMut(CustomerRecord) -> Result<(), ExportError>,
) -> Result<u64, ExportError> {
    let mut count = 0;
    for entry in store.iter(TreeName::Customers) {
        let (key, value) = entry?;
        let customer: Customer = codec::decode(&value)?;
        let mut tickets = Vec::new();
        for (_, value) in store.scan_prefix(TreeName::Tickets, &key, usize::MAX)? {
            let ticket: Ticket = codec::decode(&value)?;
            tickets.push(ticket_record(&ticket, &customer.tags));
        }
        debug_assert_eq!(keys::customer(customer.id).as_slice(), key.as_slice());
        let (id, name, username) = match pseudonyms {
            Some(key) => (None, format!("Customer {}", key.code(customer.id)), None),
            None => (
                Some(customer.id.0),
                customer.full_name(),
                customer.username.clone(),
            ),
        };
        emit(CustomerRecord {
            id,
            name,
            username,
            language: customer.language.clone(),
            first_seen: iso(customer.first_seen),
            banned: customer.ban.is_some(),
            tags: customer.tags.clone(),
            fields: customer.fields.clone(),
            tickets,
        })?;
        count += 1;
    }
    Ok(count)
}

/// A ticket as exported; `tags` are its customer's (tags belong to the customer and outlive
/// tickets).
fn ticket_record(ticket: &Ticket, tags: &[String]) -> TicketRecord {
    let (status, closed_at, closed_by) = match &ticket.status {
        TicketStatus::Open => ("open", None, None),
        TicketStatus::Closed { at, by, .. } => ("closed", Some(iso(*at)), by.clone()),
    };
    TicketRecord {
        number: ticket.number.0,
        origin: ticket.origins.first().map(ToString::to_string),
        origins: ticket.origin_names(),
        status,
        priority: ticket.priority.0,
        opened_at: iso(ticket.opened_at),
        closed_at,
        closed_by,
        tags: tags.to_vec(),
    }
}

/// An instant as ISO 8601 in UTC (minute precision).
fn iso(at: Timestamp) -> String {
    let text = at.utc_string();
    // "YYYY-MM-DD HH:MM UTC" -> "YYYY-MM-DDTHH:MMZ"
    text.trim_end_matches(" UTC").replacen(' ', "T", 1) + "Z"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::DeskState;
    use crate::domain::{Card, OpenedBy, Origin, Reachability, TicketNumber, UserId};
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
}
