//! What the team knows about a customer beyond their Telegram account: tags and contact fields.
//!
//! Tags label a customer for as long as they are a customer (they survive tickets). A tag
//! `key:value` is a funnel stage: setting `stage:paid` replaces an earlier `stage:lead`. Contact
//! fields are named values such as `email` or `plan`. Neither is ever shown to the customer.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 32;
/// The longest field name, in characters.
pub const MAX_FIELD_NAME_CHARS: usize = 32;
/// The longest field value, in characters.
pub const MAX_FIELD_VALUE_CHARS: usize = 256;
/// The most fields one customer keeps.
pub const MAX_FIELDS: usize = 32;
/// The most tags one customer keeps.
pub const MAX_TAGS: usize = 64;

/// A valid tag, as typed: 1-32 letters, digits, `_`, `-` or `:`, not starting or ending with
/// `:`. Letters are kept as typed; tags compare without regard to case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag(String);

impl Tag {
    /// The tag, if `text` is a valid one.
    pub fn parse(text: &str) -> Option<Tag> {
        let count = text.chars().count();
        let valid = (1..=MAX_TAG_CHARS).contains(&count)
            && text
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ':'))
            && !text.starts_with(':')
            && !text.ends_with(':');
        valid.then(|| Tag(text.to_owned()))
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key of a `key:value` tag.
    pub fn key(&self) -> Option<&str> {
        self.0.split_once(':').map(|(key, _)| key)
    }
}

/// The value of a `key:value` tag in `tags`, if one has that key.
pub fn tag_value<'a>(tags: &'a [String], key: &str) -> Option<&'a str> {
    tags.iter().find_map(|tag| {
        let (tag_key, value) = tag.split_once(':')?;
        tag_key.eq_ignore_ascii_case(key).then_some(value)
    })
}

/// Adds a tag: a `key:value` tag replaces the earlier value of its key; a tag already there
/// (in any case) is kept once. Returns whether `tags` changed; `false` too when `tags` is full.
pub fn add_tag(tags: &mut Vec<String>, tag: &Tag) -> bool {
    if tags
        .iter()
        .any(|known| known.eq_ignore_ascii_case(tag.as_str()))
    {
        return false;
    }
    if let Some(key) = tag.key() {
        let same_key = |known: &String| {
            known
                .split_once(':')
                .is_some_and(|(known_key, _)| known_key.eq_ignore_ascii_case(key))
        };
        if let Some(index) = tags.iter().position(same_key) {
            tags[index] = tag.as_str().to_owned();
            return true;
        }
    }
    if tags.len() >= MAX_TAGS {
        return false;
    }
    tags.push(tag.as_str().to_owned());
    true
}

/// Removes a tag (in any case); `key:` alone is not a tag, but removing a bare key removes
/// its `key:value` tag. Returns whether `tags` changed.
pub fn remove_tag(tags: &mut Vec<String>, tag: &Tag) -> bool {
    let before = tags.len();
    let name = tag.as_str();
    tags.retain(|known| {
        let same = known.eq_ignore_ascii_case(name);
        let same_key = !name.contains(':')
            && known
                .split_once(':')
                .is_some_and(|(key, _)| key.eq_ignore_ascii_case(name));
        !(same || same_key)
    });
    tags.len() != before
}

/// Whether `name` is a valid contact field name: 1-32 of `a-z`, `0-9` and `_`.
pub fn valid_field_name(name: &str) -> bool {
    (1..=MAX_FIELD_NAME_CHARS).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Why a contact field could not be set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    /// The name is not 1-32 of `a-z0-9_`.
    BadName,
    /// The value is empty or longer than [`MAX_FIELD_VALUE_CHARS`].
    BadValue,
    /// The customer has [`MAX_FIELDS`] fields already.
    TooMany,
}

/// Sets a contact field, replacing its earlier value.
pub fn set_field(
    fields: &mut BTreeMap<String, String>,
    name: &str,
    value: &str,
) -> Result<(), FieldError> {
    if !valid_field_name(name) {
        return Err(FieldError::BadName);
    }
    let value = value.trim();
    if value.is_empty() || value.chars().count() > MAX_FIELD_VALUE_CHARS {
        return Err(FieldError::BadValue);
    }
    if !fields.contains_key(name) && fields.len() >= MAX_FIELDS {
        return Err(FieldError::TooMany);
    }
    fields.insert(name.to_owned(), value.to_owned());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str) -> Tag {
        Tag::parse(text).unwrap()
    }

    #[test]
    fn tags_are_short_words_of_letters_digits_and_a_few_signs() {
        for good in [
            "vip",
            "refund",
            "stage:lead",
            "é-bom_2",
            "a",
            &"x".repeat(32),
        ] {
            assert!(Tag::parse(good).is_some(), "{good}");
        }
        for bad in ["", "two words", "#vip", ":x", "x:", &"x".repeat(33), "a/b"] {
            assert!(Tag::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_key_value_tag_replaces_the_earlier_value_of_its_key() {
        let mut tags = Vec::new();
        assert!(add_tag(&mut tags, &tag("vip")));
        assert!(add_tag(&mut tags, &tag("stage:lead")));
        assert!(!add_tag(&mut tags, &tag("VIP")));
        assert!(add_tag(&mut tags, &tag("Stage:paid")));
        assert_eq!(tags, ["vip", "Stage:paid"]);
        assert_eq!(tag_value(&tags, "stage"), Some("paid"));
        assert!(remove_tag(&mut tags, &tag("stage")));
        assert!(!remove_tag(&mut tags, &tag("refund")));
        assert_eq!(tags, ["vip"]);
    }

    #[test]
    fn fields_have_plain_names_and_bounded_values() {
        let mut fields = BTreeMap::new();
        assert_eq!(set_field(&mut fields, "email", " a@b.c "), Ok(()));
        assert_eq!(fields["email"], "a@b.c");
        assert_eq!(
            set_field(&mut fields, "E-mail", "x"),
            Err(FieldError::BadName)
        );
        assert_eq!(
            set_field(&mut fields, "plan", "  "),
            Err(FieldError::BadValue)
        );
        let long = "x".repeat(MAX_FIELD_VALUE_CHARS + 1);
        assert_eq!(
            set_field(&mut fields, "plan", &long),
            Err(FieldError::BadValue)
        );
        for n in 1..MAX_FIELDS {
            set_field(&mut fields, &format!("f{n}"), "v").unwrap();
        }
        assert_eq!(
            set_field(&mut fields, "one_more", "v"),
            Err(FieldError::TooMany)
        );
        assert_eq!(set_field(&mut fields, "email", "new@b.c"), Ok(()));
    }
}
