//! Exports of customers, tickets or broadcasts as CSV or JSON lines, for `threadesk export` and
//! for `/export` in Telegram.
//!
//! The rows come from `rows.rs` (one producer per kind, filtered by segment and date; a ticket's
//! columns from `ticket_record.rs`); here
//! they are written to a stream (the command line) or cut into documents of at most
//! [`ExportRequest::part_bytes`] bytes each, every CSV part with its own header row (Telegram).
//! Exports of customers are what `/import` reads back. With `hide_customer_info`, customers
//! are named by their pseudonym, without their id and `@username` (such an export cannot be
//! imported back).

mod rows;
mod ticket_record;

use std::io::Write;

use crate::domain::{ExportFormat, ExportKind, ExportRequest, PseudonymKey, Timestamp};
use crate::storage::codec;
use crate::storage::{StorageError, Store};

/// The export formats, as the command line names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl From<Format> for ExportFormat {
    fn from(format: Format) -> ExportFormat {
        match format {
            Format::Csv => ExportFormat::Csv,
            Format::Jsonl => ExportFormat::Jsonl,
        }
    }
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
    /// The stored segment no longer parses (it was checked when asked).
    #[error("invalid segment {0:?}")]
    Segment(String),
}

/// One line of an export: the CSV header, or a row (a CSV record or a JSON object), each with
/// its line break.
enum Line {
    Header(Vec<u8>),
    Row(Vec<u8>),
}

/// One document of an export.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ExportPart {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The rows in it (the header not counted).
    pub rows: u64,
}

/// Writes customers and their tickets (the command line's historical default): one row per
/// ticket in CSV, one object per customer with their tickets in JSON lines. Returns the number
/// of customers.
pub fn export(
    store: &Store,
    format: Format,
    pseudonyms: Option<&PseudonymKey>,
    out: impl Write,
) -> Result<u64, ExportError> {
    let request = ExportRequest {
        kind: ExportKind::Tickets,
        format: format.into(),
        ..ExportRequest::default()
    };
    write(store, &request, Timestamp(0), pseudonyms, out)
}

/// Writes the whole export to `out`; returns the number of rows (customers, for tickets in
/// JSON lines).
pub fn write(
    store: &Store,
    request: &ExportRequest,
    now: Timestamp,
    pseudonyms: Option<&PseudonymKey>,
    out: impl Write,
) -> Result<u64, ExportError> {
    let mut out = std::io::BufWriter::new(out);
    let mut count = 0;
    rows::produce(store, request, now, pseudonyms, &mut |line| {
        match line {
            Line::Header(bytes) => out.write_all(&bytes)?,
            Line::Row(bytes) => {
                count += 1;
                out.write_all(&bytes)?;
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(count)
}

/// The export cut into documents of at most `request.part_bytes` bytes (a single row longer
/// than that goes alone), each a file of its own: CSV parts repeat the header. An empty export
/// is one document (the header alone, or empty).
pub fn parts(
    store: &Store,
    request: &ExportRequest,
    now: Timestamp,
    pseudonyms: Option<&PseudonymKey>,
) -> Result<Vec<ExportPart>, ExportError> {
    let limit = usize::try_from(request.part_bytes).unwrap_or(usize::MAX);
    let mut header = Vec::new();
    let mut parts: Vec<ExportPart> = Vec::new();
    let mut current = ExportPart::default();
    rows::produce(store, request, now, pseudonyms, &mut |line| {
        match line {
            Line::Header(bytes) => {
                header = bytes;
                current.bytes.extend_from_slice(&header);
            }
            Line::Row(bytes) => {
                let full = current.bytes.len() + bytes.len() > limit;
                if full && current.rows > 0 {
                    parts.push(std::mem::take(&mut current));
                    current.bytes.extend_from_slice(&header);
                }
                current.bytes.extend_from_slice(&bytes);
                current.rows += 1;
            }
        }
        Ok(())
    })?;
    parts.push(current);
    Ok(parts)
}

/// An instant as ISO 8601 in UTC (minute precision).
fn iso(at: Timestamp) -> String {
    let text = at.utc_string();
    // "YYYY-MM-DD HH:MM UTC" -> "YYYY-MM-DDTHH:MMZ"
    text.trim_end_matches(" UTC").replacen(' ', "T", 1) + "Z"
}

#[cfg(test)]
mod tests;
