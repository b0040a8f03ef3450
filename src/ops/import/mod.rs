//! Reading an import file (`/import`): CSV with the columns of a customer export, or JSON
//! lines with its keys, into rows keyed by user id and the problems of each line.
//!
//! What a file alone can show is checked here: its format, its columns, ids (not a number, a
//! group's, the same twice), tags, fields and languages. Columns an export writes but an
//! import does not change (`first_seen`, `banned`, a JSON line's `tickets`) are read and left
//! alone; any other column refuses the whole file.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::domain::{
    ImportFile, ImportProblem, ImportRefusal, ImportRow, NOTES_FIELD, RowProblem, Tag, UserId,
    parse_user_id, set_field,
};

/// The columns an import reads (besides `field:<name>`).
const COLUMNS: [&str; 8] = [
    "customer_id",
    "name",
    "username",
    "language",
    "tags",
    "notes",
    "first_seen",
    "banned",
];

/// The file's format, from its name when it says, else from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Csv,
    Jsonl,
}

/// Reads a downloaded file; `path` is Telegram's file path (its extension names the format).
pub fn read(path: &str, bytes: &[u8]) -> Result<ImportFile, ImportRefusal> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(ImportRefusal::NotCsvOrJsonl);
    };
    let text = text.trim_start_matches('\u{feff}');
    let extension = path
        .rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, extension)| extension.to_ascii_lowercase());
    let sniffed = match text.trim_start().starts_with('{') {
        true => Format::Jsonl,
        false => Format::Csv,
    };
    let format = match extension.as_deref() {
        Some("csv") => Format::Csv,
        Some("jsonl" | "ndjson" | "json") => Format::Jsonl,
        None | Some("txt") => sniffed,
        Some(_) => return Err(ImportRefusal::NotCsvOrJsonl),
    };
    let mut file = match format {
        Format::Csv => read_csv(text)?,
        Format::Jsonl => read_jsonl(text)?,
    };
    if file.rows.is_empty() && file.problems.is_empty() {
        return Err(ImportRefusal::Empty);
    }
    mark_duplicates(&mut file);
    file.problems.sort_by_key(|problem| problem.line);
    Ok(file)
}

/// The values of one row, by column, before they are checked.
#[derive(Default)]
struct RawRow {
    id: Option<String>,
    name: Option<String>,
    username: Option<String>,
    language: Option<String>,
    tags: Vec<String>,
    notes: Option<String>,
    fields: Vec<(String, String)>,
}

fn read_csv(text: &str) -> Result<ImportFile, ImportRefusal> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|_| ImportRefusal::NotCsvOrJsonl)?
        .clone();
    let names: Vec<String> = header.iter().map(|name| name.trim().to_owned()).collect();
    let unknown: Vec<String> = names
        .iter()
        .filter(|name| !COLUMNS.contains(&name.as_str()) && !name.starts_with("field:"))
        .cloned()
        .collect();
    if !unknown.is_empty() || !names.iter().any(|name| name == "customer_id") {
        return Err(ImportRefusal::WrongColumns { unknown });
    }
    let mut file = ImportFile::default();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |at| at.line());
                file.problems.push(problem(line, RowProblem::Malformed));
                continue;
            }
        };
        let line = record.position().map_or(0, |at| at.line());
        let mut raw = RawRow::default();
        for (name, value) in names.iter().zip(record.iter()) {
            let value = value.trim();
            let value = (!value.is_empty()).then(|| value.to_owned());
            match (name.as_str(), value) {
                (_, None) | ("first_seen" | "banned", _) => {}
                ("customer_id", value) => raw.id = value,
                ("name", value) => raw.name = value,
                ("username", value) => raw.username = value,
                ("language", value) => raw.language = value,
                ("notes", value) => raw.notes = value,
                ("tags", Some(value)) => raw.tags = split_tags(&value),
                (name, Some(value)) => {
                    let field = name.trim_start_matches("field:").to_owned();
                    raw.fields.push((field, value));
                }
            }
        }
        check(&mut file, line, raw);
    }
    Ok(file)
}

fn read_jsonl(text: &str) -> Result<ImportFile, ImportRefusal> {
    let mut file = ImportFile::default();
    let mut unknown: Vec<String> = Vec::new();
    for (index, line_text) in text.lines().enumerate() {
        let line = u64::try_from(index + 1).unwrap_or(u64::MAX);
        if line_text.trim().is_empty() {
            continue;
        }
        let Ok(Value::Object(object)) = serde_json::from_str::<Value>(line_text) else {
            file.problems.push(problem(line, RowProblem::Malformed));
            continue;
        };
        let mut raw = RawRow::default();
        let mut malformed = false;
        for (key, value) in object {
            let text = match &value {
                Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
                Value::Number(number) => Some(number.to_string()),
                _ => None,
            };
            match key.as_str() {
                "id" | "customer_id" => raw.id = text,
                "name" => raw.name = text,
                "username" => raw.username = text,
                "language" => raw.language = text,
                "notes" => raw.notes = text,
                "first_seen" | "banned" | "tickets" => {}
                "tags" => match value {
                    Value::Array(tags) => {
                        for tag in tags {
                            match tag {
                                Value::String(tag) => raw.tags.push(tag),
                                _ => malformed = true,
                            }
                        }
                    }
                    Value::String(tags) => raw.tags = split_tags(&tags),
                    Value::Null => {}
                    _ => malformed = true,
                },
                "fields" => match value {
                    Value::Object(fields) => {
                        for (name, value) in fields {
                            match value {
                                Value::String(value) => raw.fields.push((name, value)),
                                _ => malformed = true,
                            }
                        }
                    }
                    Value::Null => {}
                    _ => malformed = true,
                },
                _ => {
                    if !unknown.contains(&key) {
                        unknown.push(key);
                    }
                }
            }
        }
        if malformed {
            file.problems.push(problem(line, RowProblem::Malformed));
        } else {
            check(&mut file, line, raw);
        }
    }
    if !unknown.is_empty() {
        return Err(ImportRefusal::WrongColumns { unknown });
    }
    Ok(file)
}

/// Checks a row's values: the row, or its first problem.
fn check(file: &mut ImportFile, line: u64, raw: RawRow) {
    match checked(raw) {
        Ok(mut row) => {
            row.line = u32::try_from(line).unwrap_or(u32::MAX);
            file.rows.push(row);
        }
        Err(why) => file.problems.push(problem(line, why)),
    }
}

fn checked(raw: RawRow) -> Result<ImportRow, RowProblem> {
    let customer: UserId = parse_user_id(raw.id.as_deref().unwrap_or_default())?;
    let mut tags = Vec::new();
    for tag in &raw.tags {
        let parsed = Tag::parse(tag).ok_or_else(|| RowProblem::BadTag(tag.clone()))?;
        tags.push(parsed.as_str().to_owned());
    }
    if tags.len() > crate::domain::MAX_TAGS {
        return Err(RowProblem::TooManyTags);
    }
    let mut fields = BTreeMap::new();
    let notes = raw.notes.map(|notes| (NOTES_FIELD.to_owned(), notes));
    for (name, value) in raw.fields.into_iter().chain(notes) {
        set_field(&mut fields, &name, &value).map_err(|error| match error {
            crate::domain::FieldError::TooMany => RowProblem::TooManyFields,
            _ => RowProblem::BadField(name.clone()),
        })?;
    }
    if let Some(language) = &raw.language {
        let valid = (2..=16).contains(&language.len())
            && language
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !valid {
            return Err(RowProblem::BadLanguage(language.clone()));
        }
    }
    Ok(ImportRow {
        line: 0,
        customer,
        name: raw.name,
        username: raw
            .username
            .map(|name| name.trim_start_matches('@').to_owned()),
        language: raw.language,
        tags,
        fields,
    })
}

/// Every row after the first with the same user id becomes a problem.
fn mark_duplicates(file: &mut ImportFile) {
    let mut first: HashMap<UserId, u32> = HashMap::new();
    let mut rows = Vec::with_capacity(file.rows.len());
    for row in std::mem::take(&mut file.rows) {
        match first.get(&row.customer) {
            Some(&earlier) => file.problems.push(ImportProblem {
                line: row.line,
                problem: RowProblem::Duplicate { first: earlier },
            }),
            None => {
                first.insert(row.customer, row.line);
                rows.push(row);
            }
        }
    }
    file.rows = rows;
}

/// Tags as a CSV cell (or a JSON string) writes them: joined with `;`.
fn split_tags(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_owned)
        .collect()
}

fn problem(line: u64, problem: RowProblem) -> ImportProblem {
    ImportProblem {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        problem,
    }
}

#[cfg(test)]
mod tests;
