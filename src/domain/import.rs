//! Imports of customers (`/import`): the rows read from a CSV or JSON lines file, what is wrong
//! with it, and the import waiting for an administrator's Apply.
//!
//! Rows are keyed by user id; each merges tags, contact fields, language and notes into a
//! known customer, or creates the record of one who has not written yet. Reading the file
//! (in `ops::import`) checks everything it can alone; the desk checks the rest against the
//! customers as they are, and applies all rows or none.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::UserId;

/// Telegram lets bots download files of up to 20 MB; a larger one is refused before reading.
pub const IMPORT_LIMIT: u64 = 20 * 1024 * 1024;

/// How many problems an answer lists (the rest are counted).
pub const SHOWN_PROBLEMS: usize = 5;

/// The contact field an import's `notes` column fills.
pub const NOTES_FIELD: &str = "notes";

/// One customer's row of an import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The line of the file it was read from (from 1, the header included).
    pub line: u32,
    /// The customer's account.
    pub customer: UserId,
    /// The name, for a customer not known yet (a known one keeps Telegram's).
    pub name: Option<String>,
    /// The `@username` without the `@`, for a customer not known yet.
    pub username: Option<String>,
    /// The language tag, if given.
    pub language: Option<String>,
    /// Tags to add.
    pub tags: Vec<String>,
    /// Contact fields to set (notes among them, as the `notes` field).
    pub fields: BTreeMap<String, String>,
}

/// What is wrong with one row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowProblem {
    /// The row cannot be read (a JSON line that is not an object, a CSV record with the wrong
    /// number of values).
    Malformed,
    /// No user id, or one that is not a number.
    BadId(String),
    /// A negative id: a group or channel, not a person.
    GroupId(i64),
    /// The same user id as an earlier line.
    Duplicate {
        /// The earlier line.
        first: u32,
    },
    /// A tag that is not valid.
    BadTag(String),
    /// A contact field whose name or value is not valid.
    BadField(String),
    /// More contact fields than a customer may have.
    TooManyFields,
    /// More tags than a customer may have.
    TooManyTags,
    /// A language tag that is not valid.
    BadLanguage(String),
}

/// A problem and the line it is on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// The line of the file (from 1).
    pub line: u32,
    /// What is wrong.
    pub problem: RowProblem,
}

/// Why a whole file cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportRefusal {
    /// Neither CSV nor JSON lines (by its name, or by its bytes).
    NotCsvOrJsonl,
    /// Larger than bots may download.
    TooLarge,
    /// The columns (or keys) are not those of a customer export: a user id column is missing,
    /// or these are unknown.
    WrongColumns {
        /// The unknown columns (empty when the id column is what is missing).
        unknown: Vec<String>,
    },
    /// No row at all.
    Empty,
}

/// A file read for an import: its rows, and what is wrong with them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFile {
    /// The rows that could be read, in file order.
    pub rows: Vec<ImportRow>,
    /// The problems, in line order.
    pub problems: Vec<ImportProblem>,
}

/// An import shown to the team and waiting for Apply or Cancel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingImport {
    /// The rows to apply.
    pub rows: Vec<ImportRow>,
}

/// A user id as written in a file: a person's (positive) account.
pub fn parse_user_id(text: &str) -> Result<UserId, RowProblem> {
    let text = text.trim();
    match text.parse::<i64>() {
        Ok(id) if id > 0 => Ok(UserId(id)),
        Ok(id) if id < 0 => Err(RowProblem::GroupId(id)),
        _ => Err(RowProblem::BadId(text.to_owned())),
    }
}
