//! Telegram HTML as the bot writes it (locale texts with user strings escaped): cutting a text
//! that is too long into messages Telegram accepts, and turning it into plain text.
//!
//! Telegram refuses a part whose tags do not balance ("can't parse entities"), so a cut never
//! falls inside a tag or a character reference, prefers a line break outside every tag, and,
//! when a single line is too long, closes the tags open at the cut and opens them again at the
//! start of the next part. Lengths are what Telegram counts: the visible text (after parsing)
//! in UTF-16 code units.

/// One piece of HTML: a tag, a character reference or a character.
#[derive(Debug)]
struct Token {
    /// Where it ends in the source, in bytes.
    end: usize,
    /// Its visible length, in UTF-16 code units (0 for tags).
    width: u32,
    /// Whether it is a line break or another whitespace character.
    breaks: Break,
    /// The tags open after it: an index into the stacks [`tokenize`] returns (0: none).
    open: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Break {
    /// Not whitespace.
    None,
    /// Whitespace other than a line break.
    Space,
    /// A line break.
    Line,
}

/// Splits `html` into parts of at most `limit` visible UTF-16 units, each valid on its own.
/// Parts with no visible text besides whitespace are left out (Telegram refuses empty texts).
pub fn split(html: &str, limit: u32) -> Vec<String> {
    let limit = limit.max(2);
    let (tokens, stacks) = tokenize(html);
    let mut parts = Vec::new();
    let mut start = 0usize; // Index of the first token of the current part.
    let mut start_byte = 0usize;
    while start < tokens.len() {
        let mut width = 0u32;
        let mut end = start;
        while end < tokens.len() && width + tokens[end].width <= limit {
            width += tokens[end].width;
            end += 1;
        }
        let cut = if end == tokens.len() {
            end
        } else {
            best_cut(&tokens, start, end).max(start + 1)
        };
        let before = if start == 0 {
            0
        } else {
            tokens[start - 1].open
        };
        let after = tokens[cut - 1].open;
        let end_byte = tokens[cut - 1].end;
        let mut part = String::new();
        for (_, opening) in &stacks[before] {
            part.push_str(opening);
        }
        part.push_str(&html[start_byte..end_byte]);
        for (name, _) in stacks[after].iter().rev() {
            part.push_str(&format!("</{name}>"));
        }
        if !to_text(&part).trim().is_empty() {
            parts.push(part);
        }
        start = cut;
        start_byte = end_byte;
    }
    parts
}

/// The best place to end a part that holds the tokens `start..end`, as the index of the first
/// token of the next part: after a line break outside every tag, else after a space outside
/// every tag, else after a line break or a space inside tags, else anywhere outside tags, else
/// as late as possible; the latest of the best.
fn best_cut(tokens: &[Token], start: usize, end: usize) -> usize {
    let mut best = (0, end);
    for (index, token) in tokens.iter().enumerate().take(end).skip(start) {
        let rank = match (token.open == 0, token.breaks) {
            (true, Break::Line) => 5,
            (true, Break::Space) => 4,
            (false, Break::Line) => 3,
            (false, Break::Space) => 2,
            (true, Break::None) => 1,
            (false, Break::None) => 0,
        };
        if rank > 0 && rank >= best.0 {
            best = (rank, index + 1);
        }
    }
    best.1
}

/// The tokens of `html` and the distinct stacks of open tags; each token's `open` indexes the
/// stacks (index 0 is the empty stack).
fn tokenize(html: &str) -> (Vec<Token>, Vec<Vec<(String, String)>>) {
    let mut tokens = Vec::new();
    let mut stacks: Vec<Vec<(String, String)>> = vec![Vec::new()];
    let mut current = 0usize;
    let mut position = 0usize;
    while let Some(c) = html[position..].chars().next() {
        let rest = &html[position..];
        let (length, width, breaks) = match c {
            '<' => {
                let length = rest.find('>').map_or(rest.len(), |at| at + 1);
                let tag = &rest[..length];
                let mut stack = stacks[current].clone();
                if let Some(closing) = tag.strip_prefix("</") {
                    let name = tag_name(closing);
                    if let Some(at) = stack.iter().rposition(|(open, _)| *open == name) {
                        stack.truncate(at);
                    }
                } else {
                    stack.push((tag_name(&tag[1..]), tag.to_owned()));
                }
                current = stacks.iter().position(|s| *s == stack).unwrap_or_else(|| {
                    stacks.push(stack);
                    stacks.len() - 1
                });
                (length, 0, Break::None)
            }
            '&' => match reference(rest) {
                Some((length, decoded)) => (length, utf16(decoded), Break::None),
                None => (1, 1, Break::None),
            },
            '\n' => (1, 1, Break::Line),
            c if c.is_whitespace() => (c.len_utf8(), utf16(c), Break::Space),
            c => (c.len_utf8(), utf16(c), Break::None),
        };
        position += length;
        tokens.push(Token {
            end: position,
            width,
            breaks,
            open: current,
        });
    }
    (tokens, stacks)
}

fn tag_name(tag: &str) -> String {
    tag.chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
        .collect::<String>()
        .to_ascii_lowercase()
}

fn utf16(c: char) -> u32 {
    u32::try_from(c.len_utf16()).unwrap_or(2)
}

/// A character reference at the start of `text` (`&lt;`, `&#169;`, …): its length in bytes and
/// the character it stands for.
fn reference(text: &str) -> Option<(usize, char)> {
    let body: String = text[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .take(10)
        .collect();
    let decoded = match body.as_str() {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        numeric => {
            let digits = numeric.strip_prefix('#')?;
            let code = match digits.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => digits.parse().ok(),
            };
            code.filter(|code| *code != 0).and_then(char::from_u32)?
        }
    };
    let semicolon = text[1 + body.len()..].starts_with(';');
    Some((1 + body.len() + usize::from(semicolon), decoded))
}

/// The text a reader sees: tags removed, character references decoded.
pub fn to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut position = 0usize;
    while let Some(c) = html[position..].chars().next() {
        let rest = &html[position..];
        match c {
            '<' => position += rest.find('>').map_or(rest.len(), |at| at + 1),
            '&' => match reference(rest) {
                Some((length, decoded)) => {
                    text.push(decoded);
                    position += length;
                }
                None => {
                    text.push('&');
                    position += 1;
                }
            },
            c => {
                text.push(c);
                position += c.len_utf8();
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(html: &str) -> u32 {
        crate::domain::utf16_len(&to_text(html))
    }

    /// Whether every tag of `html` is closed, in order.
    fn balanced(html: &str) -> bool {
        let mut open = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            let length = rest[at..].find('>').expect("a closed tag") + 1;
            let tag = &rest[at..at + length];
            match tag.strip_prefix("</") {
                Some(closing) if open.pop() != Some(tag_name(closing)) => return false,
                Some(_) => {}
                None => open.push(tag_name(&tag[1..])),
            }
            rest = &rest[at + length..];
        }
        open.is_empty()
    }

    #[test]
    fn a_text_that_fits_is_one_part() {
        assert_eq!(split("<b>a</b>\nb", 4096), vec!["<b>a</b>\nb"]);
    }

    #[test]
    fn long_html_is_cut_between_lines_outside_tags() {
        let html = ["• <b>title\nsecond line</b>: preview"; 10].join("\n");
        let parts = split(&html, 80);
        assert!(parts.len() > 1, "{parts:?}");
        for part in &parts {
            assert!(balanced(part), "{part:?}");
            assert!(visible(part) <= 80, "{part:?}");
            assert!(part.starts_with("• <b>"), "{part:?}");
        }
        assert_eq!(parts.concat(), html);
    }

    #[test]
    fn lengths_are_counted_after_parsing() {
        let html = "&lt;&amp;&gt;&quot;".repeat(10);
        assert_eq!(visible(&html), 40);
        assert_eq!(split(&html, 40), vec![html]);
    }

    #[test]
    fn a_line_longer_than_the_limit_closes_and_reopens_its_tags() {
        let html = format!(
            "<blockquote><a href=\"https://x.y/?a=1&amp;b=2\">{}</a></blockquote>",
            "word ".repeat(40)
        );
        let parts = split(&html, 50);
        assert!(parts.len() >= 4, "{parts:?}");
        for part in &parts {
            assert!(balanced(part), "{part:?}");
            assert!(visible(part) <= 50, "{part:?}");
            assert!(part.starts_with("<blockquote><a href="), "{part:?}");
            assert!(part.ends_with(" </a></blockquote>"), "{part:?}");
        }
        let text: String = parts.iter().map(|part| to_text(part)).collect();
        assert_eq!(text, to_text(&html));
    }

    #[test]
    fn references_and_surrogate_pairs_are_never_cut() {
        let html = "😀&amp;".repeat(20);
        for part in split(&html, 5) {
            assert!(visible(&part) <= 5, "{part:?}");
            assert!(
                to_text(&part).chars().all(|c| c == '😀' || c == '&'),
                "{part:?}"
            );
            assert!(
                !part.ends_with("&am") && !part.starts_with("amp;"),
                "{part:?}"
            );
        }
    }

    #[test]
    fn parts_with_nothing_to_show_are_left_out() {
        let html = format!("{}\n\n\n<b> </b>\n{}", "a".repeat(10), "b".repeat(10));
        let parts = split(&html, 12);
        assert_eq!(
            parts
                .iter()
                .map(|p| to_text(p).trim().to_owned())
                .collect::<Vec<_>>(),
            vec!["a".repeat(10), "b".repeat(10)]
        );
    }

    #[test]
    fn plain_text_has_no_tags_and_decoded_references() {
        assert_eq!(
            to_text("<b>Canned</b> &lt;title&gt; &amp; &quot;q&quot; &#169; & x"),
            "Canned <title> & \"q\" © & x"
        );
    }
}
