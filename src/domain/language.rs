//! The languages threadesk speaks, and how Telegram's language tags map onto them.

/// The supported languages, as configured and as named in `locales/`.
pub const LANGUAGES: [&str; 6] = ["en", "pt-BR", "es", "fr", "it", "ru"];

/// The supported language for an IETF tag from Telegram or the settings (`pt-br` and `pt` give
/// `pt-BR`, `en-US` gives `en`), if there is one.
pub fn supported_language(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    LANGUAGES
        .into_iter()
        .find(|language| language.split('-').next() == Some(primary.as_str()))
}

#[cfg(test)]
mod tests {
    use super::supported_language;

    #[test]
    fn telegram_language_tags_map_to_supported_languages() {
        assert_eq!(supported_language("pt-br"), Some("pt-BR"));
        assert_eq!(supported_language("pt"), Some("pt-BR"));
        assert_eq!(supported_language("en-US"), Some("en"));
        assert_eq!(supported_language("RU"), Some("ru"));
        assert_eq!(supported_language("de"), None);
        assert_eq!(supported_language(""), None);
    }
}
