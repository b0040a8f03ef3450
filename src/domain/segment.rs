//! Segments: which customers a filter such as `open+tag:vip,lang:pt` selects.
//!
//! A segment is a list of alternatives separated by `,`; each alternative is a list of terms
//! joined by `+`, all of which must hold. Terms: `all` (everyone), `open`, `closed` (the customer's current
//! ticket), `tag:<tag>` (a customer's tag; `tag:stage` matches any `stage:<value>`),
//! `origin:<origin>` (a deep-link origin of the current ticket), `lang:<xx>` (the customer's
//! language, by its primary subtag unless a region is given) and `active:<N>d` (a message in
//! either direction within the last N days). The API's customer list and broadcasts share this
//! one parser.

use std::fmt;

use super::{Customer, Tag, Ticket, Timestamp, tag_value};

/// The most terms a segment may have in all.
pub const MAX_TERMS: usize = 32;

/// One condition on a customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// The current ticket is open.
    Open,
    /// The customer has a ticket and the current one is closed.
    Closed,
    /// The customer has this tag (or, for a bare key, any `key:value` tag).
    Tag(String),
    /// The current ticket came through this deep-link origin.
    Origin(String),
    /// The customer's language (`pt` matches `pt-br`; `pt-br` matches only itself).
    Language(String),
    /// Active within this many days.
    ActiveWithinDays(u32),
    /// Every customer.
    All,
}

/// A parsed segment: alternatives of conjunctions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    alternatives: Vec<Vec<Term>>,
}

/// Why a segment cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SegmentError {
    /// Nothing between two separators, or an empty segment.
    #[error("an empty term (two separators in a row, or nothing at all)")]
    Empty,
    /// A term that is none of the known kinds.
    #[error(
        "unknown term {0:?} (expected all, open, closed, tag:x, origin:y, lang:xx or active:Nd)"
    )]
    UnknownTerm(String),
    /// A known kind with a value that is not valid for it.
    #[error("invalid value in {0:?}")]
    InvalidValue(String),
    /// More than [`MAX_TERMS`] terms.
    #[error("more than {MAX_TERMS} terms")]
    TooLong,
}

impl Segment {
    /// Reads a segment such as `open+tag:vip,lang:pt`.
    pub fn parse(text: &str) -> Result<Segment, SegmentError> {
        let mut alternatives = Vec::new();
        let mut count = 0;
        for alternative in text.split(',') {
            let mut terms = Vec::new();
            for term in alternative.split('+') {
                count += 1;
                if count > MAX_TERMS {
                    return Err(SegmentError::TooLong);
                }
                terms.push(Term::parse(term.trim())?);
            }
            alternatives.push(terms);
        }
        Ok(Segment { alternatives })
    }

    /// Whether the customer, with their current ticket (if any), is in the segment at `now`.
    pub fn matches(&self, customer: &Customer, ticket: Option<&Ticket>, now: Timestamp) -> bool {
        self.alternatives
            .iter()
            .any(|terms| terms.iter().all(|term| term.matches(customer, ticket, now)))
    }

    /// Whether any term needs the customer's current ticket.
    pub fn needs_ticket(&self) -> bool {
        self.alternatives.iter().flatten().any(|term| {
            matches!(
                term,
                Term::Open | Term::Closed | Term::Origin(_) | Term::ActiveWithinDays(_)
            )
        })
    }
}

impl Term {
    fn parse(text: &str) -> Result<Term, SegmentError> {
        if text.is_empty() {
            return Err(SegmentError::Empty);
        }
        let invalid = || SegmentError::InvalidValue(text.to_owned());
        match text.split_once(':') {
            None if text.eq_ignore_ascii_case("all") => Ok(Term::All),
            None if text.eq_ignore_ascii_case("open") => Ok(Term::Open),
            None if text.eq_ignore_ascii_case("closed") => Ok(Term::Closed),
            Some(("tag", tag)) => Tag::parse(tag)
                .map(|tag| Term::Tag(tag.as_str().to_owned()))
                .ok_or_else(invalid),
            Some(("origin", origin)) => super::Origin::parse(origin)
                .map(|origin| Term::Origin(origin.as_str().to_owned()))
                .ok_or_else(invalid),
            Some(("lang", language)) => {
                let valid = (2..=16).contains(&language.len())
                    && language
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                valid
                    .then(|| Term::Language(language.to_ascii_lowercase().replace('_', "-")))
                    .ok_or_else(invalid)
            }
            Some(("active", days)) => days
                .strip_suffix('d')
                .and_then(|days| days.parse::<u32>().ok())
                .filter(|days| (1..=36_500).contains(days))
                .map(Term::ActiveWithinDays)
                .ok_or_else(invalid),
            _ => Err(SegmentError::UnknownTerm(text.to_owned())),
        }
    }

    fn matches(&self, customer: &Customer, ticket: Option<&Ticket>, now: Timestamp) -> bool {
        match self {
            Term::All => true,
            Term::Open => ticket.is_some_and(Ticket::is_open),
            Term::Closed => ticket.is_some_and(|ticket| !ticket.is_open()),
            Term::Tag(tag) if !tag.contains(':') => {
                customer
                    .tags
                    .iter()
                    .any(|known| known.eq_ignore_ascii_case(tag))
                    || tag_value(&customer.tags, tag).is_some()
            }
            Term::Tag(tag) => customer
                .tags
                .iter()
                .any(|known| known.eq_ignore_ascii_case(tag)),
            Term::Origin(origin) => {
                ticket.is_some_and(|ticket| ticket.origins.iter().any(|o| o.as_str() == origin))
            }
            Term::Language(wanted) => customer.language.as_deref().is_some_and(|language| {
                let language = language.to_ascii_lowercase().replace('_', "-");
                language == *wanted
                    || (!wanted.contains('-')
                        && language.split('-').next() == Some(wanted.as_str()))
            }),
            Term::ActiveWithinDays(days) => ticket.is_some_and(|ticket| {
                let window = i64::from(*days) * 86_400_000;
                ticket.last_activity.0 >= now.0.saturating_sub(window)
            }),
        }
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self
            .alternatives
            .iter()
            .map(|terms| {
                terms
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .collect::<Vec<_>>()
            .join(",");
        f.write_str(&text)
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::All => f.write_str("all"),
            Term::Open => f.write_str("open"),
            Term::Closed => f.write_str("closed"),
            Term::Tag(tag) => write!(f, "tag:{tag}"),
            Term::Origin(origin) => write!(f, "origin:{origin}"),
            Term::Language(language) => write!(f, "lang:{language}"),
            Term::ActiveWithinDays(days) => write!(f, "active:{days}d"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Card, OpenedBy, Origin, Reachability, TicketNumber, TicketStatus, UserId};

    const DAY: i64 = 86_400_000;

    fn customer(tags: &[&str], language: Option<&str>) -> Customer {
        Customer {
            id: UserId(7),
            first_name: "Ana".into(),
            last_name: None,
            username: None,
            language: language.map(str::to_owned),
            first_seen: Timestamp(0),
            card: Card::default(),
            ticket: TicketNumber(1),
            reachability: Reachability::Reachable,
            ban: None,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            fields: Default::default(),
        }
    }

    fn ticket(open: bool, origin: Option<&str>, last_activity: i64) -> Ticket {
        let mut ticket = Ticket::open(
            UserId(7),
            TicketNumber(1),
            Timestamp(0),
            origin.and_then(Origin::parse),
            OpenedBy::Customer,
        );
        ticket.last_activity = Timestamp(last_activity);
        if !open {
            ticket.status = TicketStatus::Closed {
                at: Timestamp(last_activity),
                by: None,
                note: None,
            };
        }
        ticket
    }

    #[test]
    fn plus_joins_terms_that_must_all_hold_and_comma_separates_alternatives() {
        let segment = Segment::parse("open+tag:vip,lang:pt").unwrap();
        let now = Timestamp(10 * DAY);
        let vip = customer(&["vip"], Some("en"));
        let portuguese = customer(&[], Some("pt-br"));
        let neither = customer(&[], Some("en"));
        assert!(segment.matches(&vip, Some(&ticket(true, None, 0)), now));
        assert!(!segment.matches(&vip, Some(&ticket(false, None, 0)), now));
        assert!(segment.matches(&portuguese, None, now));
        assert!(!segment.matches(&neither, Some(&ticket(true, None, 0)), now));
    }

    #[test]
    fn all_matches_everyone_even_without_a_ticket() {
        let segment = Segment::parse("all").unwrap();
        assert!(segment.matches(&customer(&[], None), None, Timestamp(0)));
    }

    #[test]
    fn a_bare_tag_key_matches_any_value_of_the_key() {
        let segment = Segment::parse("tag:stage").unwrap();
        let lead = customer(&["stage:lead"], None);
        assert!(segment.matches(&lead, None, Timestamp(0)));
        let exact = Segment::parse("tag:stage:paid").unwrap();
        assert!(!exact.matches(&lead, None, Timestamp(0)));
        assert!(
            Segment::parse("tag:STAGE:lead")
                .unwrap()
                .matches(&lead, None, Timestamp(0))
        );
    }

    #[test]
    fn origin_closed_and_activity_look_at_the_current_ticket() {
        let now = Timestamp(30 * DAY);
        let someone = customer(&[], None);
        let recent = ticket(false, Some("promo"), 25 * DAY);
        assert!(
            Segment::parse("closed+origin:promo+active:7d")
                .unwrap()
                .matches(&someone, Some(&recent), now)
        );
        assert!(
            !Segment::parse("active:4d")
                .unwrap()
                .matches(&someone, Some(&recent), now)
        );
        assert!(
            !Segment::parse("origin:other")
                .unwrap()
                .matches(&someone, Some(&recent), now)
        );
        assert!(
            !Segment::parse("closed")
                .unwrap()
                .matches(&someone, None, now)
        );
    }

    #[test]
    fn a_language_with_a_region_matches_only_that_region() {
        let brazilian = customer(&[], Some("pt-BR"));
        let european = customer(&[], Some("pt-pt"));
        let segment = Segment::parse("lang:pt-br").unwrap();
        assert!(segment.matches(&brazilian, None, Timestamp(0)));
        assert!(!segment.matches(&european, None, Timestamp(0)));
        assert!(Segment::parse("lang:p").is_err());
    }

    #[test]
    fn bad_segments_say_what_is_wrong() {
        assert_eq!(Segment::parse(""), Err(SegmentError::Empty));
        assert_eq!(Segment::parse("open+"), Err(SegmentError::Empty));
        assert_eq!(Segment::parse("open,,closed"), Err(SegmentError::Empty));
        assert_eq!(
            Segment::parse("vip"),
            Err(SegmentError::UnknownTerm("vip".into()))
        );
        assert_eq!(
            Segment::parse("active:7"),
            Err(SegmentError::InvalidValue("active:7".into()))
        );
        assert_eq!(
            Segment::parse("tag:a b"),
            Err(SegmentError::InvalidValue("tag:a b".into()))
        );
        assert_eq!(
            Segment::parse(&vec!["open"; MAX_TERMS + 1].join("+")),
            Err(SegmentError::TooLong)
        );
    }

    #[test]
    fn a_segment_reads_back_as_written() {
        let text = "open+tag:vip,lang:pt-br+active:30d,origin:ads,all";
        assert_eq!(Segment::parse(text).unwrap().to_string(), text);
    }
}
