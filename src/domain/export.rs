//! Exports as the team asks for them: what (`customers`, `tickets` or `broadcasts`), in which
//! format (`csv` or `jsonl`) and which rows (a segment, `since <date>`), read from the
//! arguments of `/export` and from the command line.

use serde::{Deserialize, Serialize};

use super::{Segment, Timestamp};

/// The most bytes one exported document holds: Telegram's 50 MB upload limit for bots, less a
/// margin for the rest of the request. A longer export goes out in several documents.
pub const DOCUMENT_LIMIT: u64 = 50 * 1024 * 1024 - 64 * 1024;

/// What an export lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportKind {
    /// One row per customer: tags, contact fields, language (importable with `/import`).
    #[default]
    Customers,
    /// One row per ticket (CSV), or one object per customer with their tickets (JSON lines).
    Tickets,
    /// One row per broadcast, with its counts.
    Broadcasts,
}

impl ExportKind {
    /// The word for it in commands and file names.
    pub fn name(self) -> &'static str {
        match self {
            ExportKind::Customers => "customers",
            ExportKind::Tickets => "tickets",
            ExportKind::Broadcasts => "broadcasts",
        }
    }
}

/// The file format of an export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    /// Comma-separated values with a header row.
    #[default]
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl ExportFormat {
    /// The word for it in commands, and the file name's extension.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
        }
    }
}

/// An export to make: what, how, which rows, and the largest document to send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// What it lists.
    pub kind: ExportKind,
    /// The format.
    pub format: ExportFormat,
    /// The customers it is limited to, as a segment's text (it parses: checked when asked).
    pub segment: Option<String>,
    /// Only what happened from this instant on: customers first seen or active since, tickets
    /// opened since, broadcasts composed since.
    pub since: Option<Timestamp>,
    /// The most bytes one document may hold.
    pub part_bytes: u64,
}

impl Default for ExportRequest {
    fn default() -> ExportRequest {
        ExportRequest {
            kind: ExportKind::default(),
            format: ExportFormat::default(),
            segment: None,
            since: None,
            part_bytes: DOCUMENT_LIMIT,
        }
    }
}

impl ExportRequest {
    /// Reads `/export`'s arguments: `[customers|tickets|broadcasts] [csv|jsonl] [segment]
    /// [since YYYY-MM-DD]`, in that order, each optional. `None` when a word does not fit
    /// (a broadcast export takes no segment).
    pub fn parse(arguments: &str, part_bytes: u64) -> Option<ExportRequest> {
        let mut request = ExportRequest {
            part_bytes,
            ..ExportRequest::default()
        };
        let mut words: Vec<&str> = arguments.split_whitespace().collect();
        if let Some(at) = words
            .iter()
            .position(|word| word.eq_ignore_ascii_case("since"))
        {
            if at + 2 != words.len() {
                return None;
            }
            request.since = Some(parse_date(words[at + 1])?);
            words.truncate(at);
        }
        let mut words = words.into_iter().peekable();
        if let Some(kind) = words.peek().and_then(|word| kind_named(word)) {
            request.kind = kind;
            words.next();
        }
        if let Some(format) = words.peek().and_then(|word| format_named(word)) {
            request.format = format;
            words.next();
        }
        let rest: Vec<&str> = words.collect();
        if !rest.is_empty() {
            if request.kind == ExportKind::Broadcasts {
                return None;
            }
            let segment = Segment::parse(&rest.concat()).ok()?;
            request.segment = Some(segment.to_string());
        }
        Some(request)
    }
}

fn kind_named(word: &str) -> Option<ExportKind> {
    [
        ExportKind::Customers,
        ExportKind::Tickets,
        ExportKind::Broadcasts,
    ]
    .into_iter()
    .find(|kind| kind.name().eq_ignore_ascii_case(word))
}

fn format_named(word: &str) -> Option<ExportFormat> {
    [ExportFormat::Csv, ExportFormat::Jsonl]
        .into_iter()
        .find(|format| format.name().eq_ignore_ascii_case(word))
}

/// `YYYY-MM-DD` as the start of that day in UTC.
pub fn parse_date(text: &str) -> Option<Timestamp> {
    let date = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
    let start = date.and_hms_opt(0, 0, 0)?.and_utc();
    Some(Timestamp(start.timestamp_millis()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_optional_and_in_order() {
        let request = ExportRequest::parse("", 10).unwrap();
        assert_eq!(request.kind, ExportKind::Customers);
        assert_eq!(request.format, ExportFormat::Csv);
        assert_eq!(request.part_bytes, 10);
        let request =
            ExportRequest::parse("tickets JSONL open+tag:vip since 2026-11-01", 10).unwrap();
        assert_eq!(request.kind, ExportKind::Tickets);
        assert_eq!(request.format, ExportFormat::Jsonl);
        assert_eq!(request.segment.as_deref(), Some("open+tag:vip"));
        assert_eq!(request.since, parse_date("2026-11-01"));
        assert_eq!(
            ExportRequest::parse("since 2026-11-01", 10).unwrap().since,
            Some(Timestamp(1_793_491_200_000))
        );
    }

    #[test]
    fn words_that_do_not_fit_are_refused() {
        for arguments in [
            "csv customers",
            "customers tag:",
            "customers nonsense",
            "since",
            "since yesterday",
            "since 2026-13-01",
            "since 2026-11-01 open",
            "broadcasts open",
        ] {
            assert_eq!(ExportRequest::parse(arguments, 10), None, "{arguments}");
        }
    }
}
