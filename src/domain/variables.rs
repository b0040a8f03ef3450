//! Variables in canned replies: `{first_name}`, `{name}`, `{ticket}`, `{agent}`,
//! `{field:<name>}` and `{tag:<key>}`, filled for one customer when the reply goes out.
//!
//! Only these names are variables; any other text in braces is left as written. A variable
//! whose value is missing (no such field, no tag with that key) becomes empty, so a customer
//! never sees a raw `{...}`. Formatting spans keep covering the same words after filling.

use std::collections::BTreeMap;

use super::{Entity, FormattedText, utf16_len};

/// The values variables are filled with, for one customer and one team member.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VariableValues {
    /// The customer's first name.
    pub first_name: String,
    /// The customer's full name.
    pub name: String,
    /// The customer's current ticket number.
    pub ticket: String,
    /// The team member sending the reply.
    pub agent: String,
    /// The customer's contact fields.
    pub fields: BTreeMap<String, String>,
    /// The customer's tags (`key:value` tags answer `{tag:key}`).
    pub tags: Vec<String>,
}

impl VariableValues {
    /// The value of the variable named `name` (without braces), if it is a variable at all;
    /// `Some("")` for a variable without a value.
    fn value(&self, name: &str) -> Option<String> {
        let known = match name {
            "first_name" => self.first_name.clone(),
            "name" => self.name.clone(),
            "ticket" => self.ticket.clone(),
            "agent" => self.agent.clone(),
            _ => {
                if let Some(field) = name.strip_prefix("field:") {
                    valid_key(field)?;
                    return Some(self.fields.get(field).cloned().unwrap_or_default());
                }
                let key = name.strip_prefix("tag:")?;
                valid_key(key)?;
                let value = self.tags.iter().find_map(|tag| {
                    let (tag_key, value) = tag.split_once(':')?;
                    (tag_key.eq_ignore_ascii_case(key)).then(|| value.to_owned())
                });
                return Some(value.unwrap_or_default());
            }
        };
        Some(known)
    }
}

/// A field name or tag key as a variable may name it.
fn valid_key(key: &str) -> Option<()> {
    let fine = !key.is_empty()
        && key.len() <= 32
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    fine.then_some(())
}

/// The variables written in `text` (`{ticket}` and the like), in order.
fn occurrences<'a>(text: &'a str) -> impl Iterator<Item = (usize, usize, &'a str)> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(open) = text[from..].find('{').map(|at| from + at) {
            let Some(close) = text[open..].find('}').map(|at| open + at) else {
                from = text.len();
                return None;
            };
            let name = &text[open + 1..close];
            if name.contains('{') {
                from = open + 1;
                continue;
            }
            from = close + 1;
            return Some((open, close + 1, name));
        }
        None
    })
}

/// Whether `text` holds at least one variable.
pub fn has_variables(text: &str) -> bool {
    let probe = VariableValues::default();
    occurrences(text).any(|(_, _, name)| probe.value(name).is_some())
}

/// `text` with its variables filled from `values`; formatting spans are moved with the text
/// around them (a span over a variable covers its value).
pub fn fill_variables(text: &FormattedText, values: &VariableValues) -> FormattedText {
    let mut filled = String::with_capacity(text.text.len());
    // (UTF-16 offset in the original, UTF-16 length before, UTF-16 length after)
    let mut changes: Vec<(u32, u32, u32)> = Vec::new();
    let mut copied = 0;
    for (start, end, name) in occurrences(&text.text) {
        let Some(value) = values.value(name) else {
            continue;
        };
        filled.push_str(&text.text[copied..start]);
        let at = utf16_len(&text.text[..start]);
        changes.push((at, utf16_len(&text.text[start..end]), utf16_len(&value)));
        filled.push_str(&value);
        copied = end;
    }
    filled.push_str(&text.text[copied..]);
    let moved = |position: u32, is_end: bool| -> u32 {
        let mut shift: i64 = 0;
        for (at, before, after) in &changes {
            let (at, before, after) = (*at, *before, *after);
            if position >= at + before {
                shift += i64::from(after) - i64::from(before);
            } else if position > at {
                // Inside a variable: a span's end takes the whole value, a start its beginning.
                if is_end {
                    shift += i64::from(after) - i64::from(position - at);
                } else {
                    shift -= i64::from(position - at);
                }
            }
        }
        u32::try_from(i64::from(position) + shift).unwrap_or(0)
    };
    let entities = text
        .entities
        .iter()
        .filter_map(|entity| {
            let start = moved(entity.offset, false);
            let end = moved(entity.offset + entity.length, true);
            (end > start).then(|| Entity {
                kind: entity.kind.clone(),
                offset: start,
                length: end - start,
            })
        })
        .collect();
    FormattedText {
        text: filled,
        entities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntityKind;

    fn values() -> VariableValues {
        VariableValues {
            first_name: "Ana".into(),
            name: "Ana Souza".into(),
            ticket: "7".into(),
            agent: "Maria".into(),
            fields: [("email".to_owned(), "ana@example.com".to_owned())].into(),
            tags: vec!["vip".into(), "stage:paid".into()],
        }
    }

    fn plain(text: &str) -> FormattedText {
        FormattedText::plain(text)
    }

    #[test]
    fn every_variable_is_filled() {
        let text = plain(
            "Hi {first_name} ({name}), ticket #{ticket}, {agent} here. {field:email} {tag:stage}",
        );
        assert_eq!(
            fill_variables(&text, &values()).text,
            "Hi Ana (Ana Souza), ticket #7, Maria here. ana@example.com paid"
        );
    }

    #[test]
    fn missing_values_are_empty_and_other_braces_stay() {
        let text = plain("{field:phone}|{tag:plan}|{unknown}|{not a var}|{|}");
        assert_eq!(
            fill_variables(&text, &values()).text,
            "||{unknown}|{not a var}|{|}"
        );
        assert!(has_variables("x {field:phone}"));
        assert!(!has_variables("x {unknown} {json: 1}"));
        assert!(!has_variables("no braces"));
    }

    #[test]
    fn formatting_moves_with_the_text() {
        // "Olá {first_name}, até logo" with "até logo" in bold and the variable in italics.
        let text = FormattedText {
            text: "Olá {first_name}, até logo".into(),
            entities: vec![
                Entity {
                    kind: EntityKind::Italic,
                    offset: 4,
                    length: 12,
                },
                Entity {
                    kind: EntityKind::Bold,
                    offset: 18,
                    length: 8,
                },
            ],
        };
        let filled = fill_variables(&text, &values());
        assert_eq!(filled.text, "Olá Ana, até logo");
        assert_eq!(filled.entities[0].offset, 4);
        assert_eq!(filled.entities[0].length, 3);
        assert_eq!(filled.entities[1].offset, 9);
        assert_eq!(filled.entities[1].length, 8);
    }

    #[test]
    fn a_span_over_a_missing_value_disappears() {
        let text = FormattedText {
            text: "a {field:phone} b".into(),
            entities: vec![Entity {
                kind: EntityKind::Bold,
                offset: 2,
                length: 13,
            }],
        };
        let filled = fill_variables(&text, &values());
        assert_eq!(filled.text, "a  b");
        assert!(filled.entities.is_empty());
    }
}
