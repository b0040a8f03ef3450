//! The one set of rules for changing what the team knows about a customer (tags, contact
//! fields) and who is in charge of their ticket, shared by the team's commands (`/mark`,
//! `/set`, `/unset`, `/assign`) and the HTTP API.
//!
//! Each change is all or nothing: the first invalid tag or field refuses the whole request and
//! nothing is saved. A change that is saved rewrites the card.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{DeskState, StateResult, Turn};
use crate::domain::{Customer, FieldError, Member, Tag, Ticket, add_tag, remove_tag, set_field};

/// Why a change to a customer's tags or fields was refused (nothing changed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProfileRefusal {
    /// Not a valid tag: 1-32 letters, digits, `_`, `-` or `:`, not starting or ending with `:`.
    InvalidTag(String),
    /// The customer has the most tags they may keep.
    TooManyTags(String),
    /// A field could not be set.
    InvalidField {
        /// The field's name as given.
        name: String,
        /// Why.
        error: FieldError,
    },
}

/// The tags after removing `remove` and adding `add`, in that order.
pub(super) fn edit_tags<T: AsRef<str>>(
    tags: &[String],
    add: &[T],
    remove: &[T],
) -> Result<Vec<String>, ProfileRefusal> {
    let parse =
        |text: &str| Tag::parse(text).ok_or_else(|| ProfileRefusal::InvalidTag(text.to_owned()));
    let mut tags = tags.to_vec();
    for text in remove {
        remove_tag(&mut tags, &parse(text.as_ref())?);
    }
    for text in add {
        let text = text.as_ref();
        let tag = parse(text)?;
        let known = tags.iter().any(|known| known.eq_ignore_ascii_case(text));
        if !add_tag(&mut tags, &tag) && !known {
            return Err(ProfileRefusal::TooManyTags(text.to_owned()));
        }
    }
    Ok(tags)
}

/// The fields after clearing `clear` and setting `set`.
pub(super) fn edit_fields(
    fields: &BTreeMap<String, String>,
    set: &[(String, String)],
    clear: &[String],
) -> Result<BTreeMap<String, String>, ProfileRefusal> {
    let mut fields = fields.clone();
    for name in clear {
        fields.remove(name);
    }
    for (name, value) in set {
        set_field(&mut fields, name, value).map_err(|error| ProfileRefusal::InvalidField {
            name: name.clone(),
            error,
        })?;
    }
    Ok(fields)
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// Stores a customer whose tags or fields were edited, rewriting their card when anything
    /// changed. Returns whether anything did.
    pub(super) fn save_profile(
        &mut self,
        mut customer: Customer,
        tags: Vec<String>,
        fields: BTreeMap<String, String>,
    ) -> StateResult<bool> {
        if tags == customer.tags && fields == customer.fields {
            return Ok(false);
        }
        customer.tags = tags;
        customer.fields = fields;
        if let Some(ticket) = self.current_ticket(&customer)? {
            self.card_changed(&mut customer, &ticket)?;
        }
        self.state.save_customer(&customer)?;
        Ok(true)
    }

    /// Puts `assignee` in charge of a ticket (`None`: nobody) and rewrites the card. The new
    /// assignee hears of the customer's next message at once. The caller saves both records.
    pub(super) fn assign(
        &mut self,
        customer: &mut Customer,
        ticket: &mut Ticket,
        assignee: Option<Member>,
    ) -> StateResult<()> {
        if ticket.assignee != assignee {
            ticket.assignee_pinged_at = None;
        }
        ticket.assignee = assignee;
        self.card_changed(customer, ticket)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_tag_refuses_the_whole_edit() {
        let tags = vec!["vip".to_owned()];
        assert_eq!(
            edit_tags(&tags, &["ok", "not ok"], &["vip"]),
            Err(ProfileRefusal::InvalidTag("not ok".into()))
        );
        assert_eq!(
            edit_tags(&tags, &["stage:paid"], &["vip"]),
            Ok(vec!["stage:paid".to_owned()])
        );
    }

    #[test]
    fn a_full_tag_list_refuses_new_tags_but_not_known_ones() {
        let tags: Vec<String> = (0..crate::domain::MAX_TAGS)
            .map(|n| format!("t{n}"))
            .collect();
        assert_eq!(
            edit_tags(&tags, &["one_more"], &[]),
            Err(ProfileRefusal::TooManyTags("one_more".into()))
        );
        assert_eq!(edit_tags(&tags, &["T1"], &[]), Ok(tags.clone()));
    }

    #[test]
    fn fields_are_cleared_then_set() {
        let fields = BTreeMap::from([("plan".to_owned(), "free".to_owned())]);
        let set = [("email".to_owned(), "a@b.c".to_owned())];
        let edited = edit_fields(&fields, &set, &["plan".to_owned()]).unwrap();
        assert_eq!(
            edited,
            BTreeMap::from([("email".to_owned(), "a@b.c".to_owned())])
        );
        let bad = [("E-mail".to_owned(), "x".to_owned())];
        assert_eq!(
            edit_fields(&fields, &bad, &[]),
            Err(ProfileRefusal::InvalidField {
                name: "E-mail".into(),
                error: FieldError::BadName
            })
        );
    }
}
