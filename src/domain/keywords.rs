//! Keyword activation: a customer's message opens a ticket only when it matches one of the
//! configured groups, so an existing bot flow can run first.
//!
//! Each group is a line of terms that must all match: a word, or a `"quoted phrase"`; a term
//! starting with `~` must not appear. Case and accents are ignored, and terms match whole words
//! ("pix" matches "Pix!" but not "pixel").

use super::canned::fold;

/// The configured groups; a message matches when any group matches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keywords {
    groups: Vec<Group>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Group {
    required: Vec<Vec<String>>,
    forbidden: Vec<Vec<String>>,
}

impl Keywords {
    /// Parses the groups; `None` for a group with no required term (it would match anything).
    pub fn parse<S: AsRef<str>>(groups: &[S]) -> Result<Keywords, String> {
        let mut parsed = Vec::new();
        for text in groups {
            let text = text.as_ref();
            let mut group = Group {
                required: Vec::new(),
                forbidden: Vec::new(),
            };
            for term in terms(text) {
                let (negated, term) = match term.strip_prefix('~') {
                    Some(rest) => (true, rest.to_owned()),
                    None => (false, term),
                };
                let words = words(&term);
                if words.is_empty() {
                    continue;
                }
                if negated {
                    group.forbidden.push(words)
                } else {
                    group.required.push(words)
                }
            }
            if group.required.is_empty() {
                return Err(format!(
                    "the group {text:?} needs at least one word that must appear"
                ));
            }
            parsed.push(group);
        }
        Ok(Keywords { groups: parsed })
    }

    /// Whether there are no groups (keyword activation is off).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Whether a message's text activates a ticket.
    pub fn matches(&self, text: &str) -> bool {
        let words = words(text);
        self.groups.iter().any(|group| {
            group.required.iter().all(|term| contains(&words, term))
                && !group.forbidden.iter().any(|term| contains(&words, term))
        })
    }
}

/// Splits a group into terms: words, `"quoted phrases"`, each possibly prefixed by `~`.
fn terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                if !quoted && !current.is_empty() {
                    terms.push(std::mem::take(&mut current));
                }
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    terms.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        terms.push(current);
    }
    terms
}

/// Folded words of a text (letters and digits; everything else separates).
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `phrase` appears as consecutive whole words.
fn contains(words: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && words.windows(phrase.len()).any(|window| window == phrase)
}

#[cfg(test)]
mod tests {
    use super::Keywords;

    #[test]
    fn any_group_whose_terms_all_appear_activates() {
        let keywords = Keywords::parse(&["orçamento", "falar atendente"]).unwrap();
        assert!(keywords.matches("Quero um ORCAMENTO, por favor"));
        assert!(keywords.matches("posso falar com um atendente?"));
        assert!(!keywords.matches("falar com o bot"));
        assert!(!keywords.matches("oi"));
    }

    #[test]
    fn phrases_match_consecutive_words_and_whole_words_only() {
        let keywords = Keywords::parse(&["\"segunda via\" boleto", "pix"]).unwrap();
        assert!(keywords.matches("preciso da segunda via do boleto"));
        assert!(!keywords.matches("via segunda do boleto"));
        assert!(keywords.matches("Pix!"));
        assert!(!keywords.matches("pixel art"));
    }

    #[test]
    fn negated_terms_veto_their_group() {
        let keywords = Keywords::parse(&["preço ~curso"]).unwrap();
        assert!(keywords.matches("qual o preço?"));
        assert!(!keywords.matches("qual o preço do curso?"));
    }

    #[test]
    fn a_group_of_only_negations_is_refused() {
        assert!(Keywords::parse(&["~spam"]).is_err());
        assert!(Keywords::parse::<&str>(&[]).unwrap().is_empty());
    }
}
