//! The rows of each kind of export, filtered by the request's segment and date, as CSV records
//! or JSON objects.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::ticket_record::{TICKET_COLUMNS, TicketRecord};
use super::{ExportError, Line, iso};
use crate::domain::{
    Broadcast, Customer, ExportFormat, ExportKind, ExportRequest, PseudonymKey, Segment, Ticket,
    Timestamp,
};
use crate::storage::codec;
use crate::storage::{Store, TreeName, keys};

/// Where lines go.
type Emit<'a> = dyn FnMut(Line) -> Result<(), ExportError> + 'a;

/// The columns of a customer export before the contact fields (`field:<name>`, one column per
/// field any exported customer has). `/import` reads these names.
pub const CUSTOMER_COLUMNS: [&str; 7] = [
    "customer_id",
    "name",
    "username",
    "language",
    "first_seen",
    "banned",
    "tags",
];

/// The columns of a broadcast export in CSV.
const BROADCAST_COLUMNS: [&str; 13] = [
    "id",
    "author",
    "created_at",
    "segment",
    "scheduled_at",
    "status",
    "started_at",
    "finished_at",
    "total",
    "sent",
    "blocked",
    "failed",
    "uncertain",
];

/// A customer, as exported.
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
    fields: BTreeMap<String, String>,
    /// Their tickets (ticket exports only).
    #[serde(skip_serializing_if = "Option::is_none")]
    tickets: Option<Vec<TicketRecord>>,
}

impl CustomerRecord {
    /// The record of a customer, named by their pseudonym when `pseudonyms` is set.
    fn of(customer: &Customer, pseudonyms: Option<&PseudonymKey>) -> CustomerRecord {
        let (id, name, username) = match pseudonyms {
            Some(key) => (None, format!("Customer {}", key.code(customer.id)), None),
            None => (
                Some(customer.id.0),
                customer.full_name(),
                customer.username.clone(),
            ),
        };
        CustomerRecord {
            id,
            name,
            username,
            language: customer.language.clone(),
            first_seen: iso(customer.first_seen),
            banned: customer.ban.is_some(),
            tags: customer.tags.clone(),
            fields: customer.fields.clone(),
            tickets: None,
        }
    }

    /// The columns every customer row starts with, in [`CUSTOMER_COLUMNS`] order but `tags`.
    fn leading_columns(&self) -> [String; 6] {
        [
            self.id.map(|id| id.to_string()).unwrap_or_default(),
            self.name.clone(),
            self.username.clone().unwrap_or_default(),
            self.language.clone().unwrap_or_default(),
            self.first_seen.clone(),
            self.banned.to_string(),
        ]
    }
}

/// A broadcast, as exported.
#[derive(Debug, Serialize)]
struct BroadcastRecord {
    id: u64,
    author: String,
    created_at: String,
    segment: String,
    scheduled_at: Option<String>,
    status: &'static str,
    started_at: Option<String>,
    finished_at: Option<String>,
    total: u64,
    sent: u64,
    blocked: u64,
    failed: u64,
    uncertain: u64,
    /// Failures by reason, most frequent first.
    reasons: Vec<(String, u64)>,
}

/// Emits the request's lines: the header (CSV), then the rows.
pub(super) fn produce(
    store: &Store,
    request: &ExportRequest,
    now: Timestamp,
    pseudonyms: Option<&PseudonymKey>,
    emit: &mut Emit<'_>,
) -> Result<(), ExportError> {
    let segment = match &request.segment {
        Some(text) => Some(Segment::parse(text).map_err(|_| ExportError::Segment(text.clone()))?),
        None => None,
    };
    let filter = Filter {
        pseudonyms: pseudonyms.cloned(),
        segment,
        since: request.since,
        now,
    };
    match request.kind {
        ExportKind::Customers => customers(store, &filter, request.format, emit),
        ExportKind::Tickets => tickets(store, &filter, request.format, emit),
        ExportKind::Broadcasts => broadcasts(store, &filter, request.format, emit),
    }
}

/// Which customers and rows an export keeps.
struct Filter {
    /// Set when customers are named by their pseudonym.
    pseudonyms: Option<PseudonymKey>,
    segment: Option<Segment>,
    since: Option<Timestamp>,
    now: Timestamp,
}

/// Calls `each` with every customer the filter keeps, in id order, and their current ticket.
fn each_customer(
    store: &Store,
    filter: &Filter,
    mut each: impl FnMut(Customer, Option<Ticket>) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    for entry in store.iter(TreeName::Customers) {
        let (_, value) = entry?;
        let customer: Customer = codec::decode(&value)?;
        let current = match store.get(
            TreeName::Tickets,
            &keys::ticket(customer.id, customer.ticket),
        )? {
            Some(bytes) => Some(codec::decode::<Ticket>(&bytes)?),
            None => None,
        };
        let in_segment = filter
            .segment
            .as_ref()
            .is_none_or(|segment| segment.matches(&customer, current.as_ref(), filter.now));
        if in_segment {
            each(customer, current)?;
        }
    }
    Ok(())
}

fn customers(
    store: &Store,
    filter: &Filter,
    format: ExportFormat,
    emit: &mut Emit<'_>,
) -> Result<(), ExportError> {
    let recent = |customer: &Customer, current: &Option<Ticket>| {
        filter.since.is_none_or(|since| {
            customer.first_seen >= since
                || current
                    .as_ref()
                    .is_some_and(|ticket| ticket.last_activity >= since)
        })
    };
    if format == ExportFormat::Jsonl {
        return each_customer(store, filter, |customer, current| {
            if recent(&customer, &current) {
                emit(Line::Row(json_line(&CustomerRecord::of(
                    &customer,
                    filter.pseudonyms.as_ref(),
                ))?))?;
            }
            Ok(())
        });
    }
    // One column per contact field: the names are gathered first.
    let mut names = BTreeSet::new();
    each_customer(store, filter, |customer, current| {
        if recent(&customer, &current) {
            names.extend(customer.fields.into_keys());
        }
        Ok(())
    })?;
    let mut header: Vec<String> = CUSTOMER_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    header.extend(names.iter().map(|name| format!("field:{name}")));
    emit(Line::Header(csv_line(&header)?))?;
    each_customer(store, filter, |customer, current| {
        if !recent(&customer, &current) {
            return Ok(());
        }
        let record = CustomerRecord::of(&customer, filter.pseudonyms.as_ref());
        let mut row: Vec<String> = record.leading_columns().into();
        row.push(record.tags.join(";"));
        for name in &names {
            row.push(record.fields.get(name).cloned().unwrap_or_default());
        }
        emit(Line::Row(csv_line(&row)?))
    })
}

fn tickets(
    store: &Store,
    filter: &Filter,
    format: ExportFormat,
    emit: &mut Emit<'_>,
) -> Result<(), ExportError> {
    if format == ExportFormat::Csv {
        let mut header: Vec<&str> = CUSTOMER_COLUMNS[..6].to_vec();
        header.extend(TICKET_COLUMNS);
        emit(Line::Header(csv_line(&header)?))?;
    }
    each_customer(store, filter, |customer, _| {
        let mut tickets = Vec::new();
        let prefix = keys::customer(customer.id);
        for (_, value) in store.scan_prefix(TreeName::Tickets, &prefix, usize::MAX)? {
            let ticket: Ticket = codec::decode(&value)?;
            if filter.since.is_none_or(|since| ticket.opened_at >= since) {
                tickets.push(TicketRecord::of(&ticket, &customer.tags));
            }
        }
        let mut record = CustomerRecord::of(&customer, filter.pseudonyms.as_ref());
        match format {
            ExportFormat::Jsonl => {
                if filter.since.is_some() && tickets.is_empty() {
                    return Ok(());
                }
                record.tickets = Some(tickets);
                emit(Line::Row(json_line(&record)?))
            }
            ExportFormat::Csv => {
                for ticket in &tickets {
                    let mut row: Vec<String> = record.leading_columns().into();
                    row.extend(ticket.csv_cells());
                    emit(Line::Row(csv_line(&row)?))?;
                }
                Ok(())
            }
        }
    })
}

fn broadcasts(
    store: &Store,
    filter: &Filter,
    format: ExportFormat,
    emit: &mut Emit<'_>,
) -> Result<(), ExportError> {
    if format == ExportFormat::Csv {
        emit(Line::Header(csv_line(&BROADCAST_COLUMNS)?))?;
    }
    for (_, value) in store.scan_prefix(TreeName::Broadcasts, b"B", usize::MAX)? {
        let broadcast: Broadcast = codec::decode(&value)?;
        if filter
            .since
            .is_some_and(|since| broadcast.created_at < since)
        {
            continue;
        }
        let counts = &broadcast.counts;
        let record = BroadcastRecord {
            id: broadcast.id.0,
            author: broadcast.author.clone(),
            created_at: iso(broadcast.created_at),
            segment: broadcast.segment.clone(),
            scheduled_at: broadcast.at.map(iso),
            status: broadcast.status.name(),
            started_at: broadcast.started_at.map(iso),
            finished_at: broadcast.finished_at.map(iso),
            total: counts.total,
            sent: counts.sent,
            blocked: counts.blocked,
            failed: counts.failed,
            uncertain: counts.uncertain,
            reasons: counts.reasons.clone(),
        };
        let line = match format {
            ExportFormat::Jsonl => json_line(&record)?,
            ExportFormat::Csv => csv_line(&[
                record.id.to_string(),
                record.author,
                record.created_at,
                record.segment,
                record.scheduled_at.unwrap_or_default(),
                record.status.to_owned(),
                record.started_at.unwrap_or_default(),
                record.finished_at.unwrap_or_default(),
                record.total.to_string(),
                record.sent.to_string(),
                record.blocked.to_string(),
                record.failed.to_string(),
                record.uncertain.to_string(),
            ])?,
        };
        emit(Line::Row(line))?;
    }
    Ok(())
}

/// One CSV record with its line break.
fn csv_line<T: AsRef<[u8]>>(fields: &[T]) -> Result<Vec<u8>, ExportError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(fields)?;
    writer
        .into_inner()
        .map_err(|error| ExportError::Io(error.into_error()))
}

/// One JSON object with its line break.
fn json_line(value: &impl Serialize) -> Result<Vec<u8>, ExportError> {
    let mut line = serde_json::to_vec(value).map_err(std::io::Error::from)?;
    line.push(b'\n');
    Ok(line)
}
