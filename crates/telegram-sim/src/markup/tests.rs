//! The parse modes, the normalisation and the entity detection, against Telegram's behaviour.

use super::*;

fn html(text: &str) -> Formatted {
    parse(text, Some("HTML")).expect("valid HTML")
}

fn html_error(text: &str) -> String {
    parse(text, Some("HTML"))
        .expect_err("invalid HTML")
        .description
}

fn markdown(text: &str) -> Formatted {
    parse(text, Some("MarkdownV2")).expect("valid MarkdownV2")
}

fn markdown_error(text: &str) -> String {
    parse(text, Some("MarkdownV2"))
        .expect_err("invalid MarkdownV2")
        .description
}

fn kinds(formatted: &Formatted) -> Vec<(&str, usize, usize)> {
    formatted
        .entities
        .iter()
        .map(|e| (e.kind.as_str(), e.offset, e.length))
        .collect()
}

#[test]
fn html_tags_become_entities_with_utf16_offsets() {
    let parsed = html("🏟 <b>bold</b> <i>it</i> <u>u</u> <s>s</s> <code>c</code>");
    assert_eq!(parsed.text, "🏟 bold it u s c");
    assert_eq!(
        kinds(&parsed),
        vec![
            ("bold", 3, 4),
            ("italic", 8, 2),
            ("underline", 11, 1),
            ("strikethrough", 13, 1),
            ("code", 15, 1)
        ]
    );
}

#[test]
fn html_escapes_links_spoilers_quotes_and_pre_blocks_are_understood() {
    let parsed = html(
        "&lt;a&gt; &amp; &quot;q&quot; <a href=\"https://t.me/x\">link</a> <tg-spoiler>s</tg-spoiler> <span class=\"tg-spoiler\">t</span>",
    );
    assert_eq!(parsed.text, "<a> & \"q\" link s t");
    assert_eq!(parsed.entities[0].kind, "text_link");
    assert_eq!(parsed.entities[0].url.as_deref(), Some("https://t.me/x"));
    assert_eq!(
        kinds(&parsed)[1..],
        [("spoiler", 15, 1), ("spoiler", 17, 1)]
    );
    let parsed =
        html("<blockquote>q</blockquote><pre><code class=\"language-rust\">fn</code></pre>");
    assert_eq!(kinds(&parsed), vec![("blockquote", 0, 1), ("pre", 1, 2)]);
    assert_eq!(parsed.entities[1].language.as_deref(), Some("rust"));
    let parsed = html("<a href=\"tg://user?id=42\">you</a>");
    assert_eq!(parsed.entities[0].kind, "text_mention");
    assert_eq!(parsed.entities[0].user, Some(UserId(42)));
}

#[test]
fn broken_html_is_refused_with_telegrams_wording() {
    assert_eq!(
        html_error("<b>bold"),
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
    );
    assert_eq!(
        html_error("a <foo>x</foo>"),
        "Bad Request: can't parse entities: Unsupported start tag \"foo\" at byte offset 2"
    );
    assert_eq!(
        html_error("<i>a</em>"),
        "Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected \"</i>\", found \"</em>\""
    );
    assert_eq!(
        html_error("x</b>"),
        "Bad Request: can't parse entities: Unexpected end tag at byte offset 1"
    );
    assert_eq!(
        html_error("<b"),
        "Bad Request: can't parse entities: Unclosed start tag at byte offset 0"
    );
}

#[test]
fn markdown_v2_markers_become_entities() {
    let parsed = markdown("*b* _i_ __u__ ~s~ ||sp|| `c` [l](https://t.me) \\.");
    assert_eq!(parsed.text, "b i u s sp c l .");
    assert_eq!(
        kinds(&parsed),
        vec![
            ("bold", 0, 1),
            ("italic", 2, 1),
            ("underline", 4, 1),
            ("strikethrough", 6, 1),
            ("spoiler", 8, 2),
            ("code", 11, 1),
            ("text_link", 13, 1)
        ]
    );
    let parsed = markdown("```rust\nfn main()```");
    assert_eq!(parsed.text, "fn main()");
    assert_eq!(parsed.entities[0].language.as_deref(), Some("rust"));
    let parsed = markdown(">quoted\nplain");
    assert_eq!(kinds(&parsed), vec![("blockquote", 0, 7)]);
}

#[test]
fn broken_markdown_v2_is_refused_with_telegrams_wording() {
    assert_eq!(
        markdown_error("Version 1.0"),
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'"
    );
    assert_eq!(
        markdown_error("*unclosed"),
        "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0"
    );
    assert_eq!(
        markdown_error("🏟 🏟_abacaba"),
        "Bad Request: can't parse entities: Can't find end of Italic entity at byte offset 9"
    );
    assert_eq!(
        markdown_error("[a](b"),
        "Bad Request: can't parse entities: Can't find end of a URL at byte offset 4"
    );
}

#[test]
fn legacy_markdown_is_understood() {
    let parsed = parse("*b* _i_ `c` [l](https://t.me)", Some("Markdown")).expect("valid");
    assert_eq!(parsed.text, "b i c l");
    assert_eq!(
        kinds(&parsed),
        vec![
            ("bold", 0, 1),
            ("italic", 2, 1),
            ("code", 4, 1),
            ("text_link", 6, 1)
        ]
    );
    let error = parse("*open", Some("Markdown")).expect_err("unclosed");
    assert_eq!(
        error.description,
        "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 0"
    );
}

#[test]
fn trimming_moves_entities_along() {
    let trimmed = trim(Formatted {
        text: "  hi there \n".into(),
        entities: vec![Entity::bold(2, 2)],
    });
    assert_eq!(trimmed.text, "hi there");
    assert_eq!(kinds(&trimmed), vec![("bold", 0, 2)]);
}

#[test]
fn commands_mentions_and_urls_are_detected() {
    let mut text = Formatted {
        text: "/start@bot hi @alice #tag https://x.y".into(),
        entities: vec![],
    };
    detect_entities(&mut text);
    assert_eq!(
        kinds(&text),
        vec![
            ("bot_command", 0, 10),
            ("mention", 14, 6),
            ("hashtag", 21, 4),
            ("url", 26, 11)
        ]
    );
}

#[test]
fn no_input_makes_a_parser_panic() {
    let alphabet: Vec<char> = "<>/&;#x='\"ab_*~|`[]()!\\> \n\u{a0}\u{3000}🏟ñ"
        .chars()
        .collect();
    let mut rng = fastrand::Rng::with_seed(11);
    for _ in 0..20_000 {
        let length = rng.usize(0..24);
        let text: String = (0..length)
            .map(|_| alphabet[rng.usize(0..alphabet.len())])
            .collect();
        for mode in ["HTML", "MarkdownV2", "Markdown"] {
            if let Ok(parsed) = parse(&text, Some(mode)) {
                let length = utf16_len(&parsed.text);
                assert!(
                    parsed
                        .entities
                        .iter()
                        .all(|e| e.offset + e.length <= length),
                    "{mode} {text:?}"
                );
            }
        }
        let mut plain = trim(Formatted {
            text: text.clone(),
            entities: vec![Entity::bold(0, length)],
        });
        detect_entities(&mut plain);
    }
}

#[test]
fn lengths_are_counted_in_utf16_code_units() {
    assert_eq!(utf16_len("a🏟"), 3);
}
