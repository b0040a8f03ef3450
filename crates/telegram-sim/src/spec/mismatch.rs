//! Where a value sits inside a call ([`Path`]) and why it does not fit its declared type
//! ([`Mismatch`]), worded as Telegram words its `Bad Request`s.

use std::fmt;

use super::reference::TypeRef;
use crate::error::ApiError;

/// Where in a call a value sits: `reply_markup.inline_keyboard[0][1].text`.
#[derive(Clone, Debug)]
pub(super) struct Path(Vec<Segment>);

#[derive(Clone, Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

impl Path {
    pub(super) fn root(name: &str) -> Path {
        Path(vec![Segment::Key(name.to_owned())])
    }

    pub(super) fn key(&self, name: &str) -> Path {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(name.to_owned()));
        Path(segments)
    }

    pub(super) fn index(&self, index: usize) -> Path {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        Path(segments)
    }

    pub(super) fn depth(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if position == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Why a value does not fit its declared type.
#[derive(Debug)]
pub(super) enum Mismatch {
    Missing(Path),
    Unknown(Path),
    WrongType(Path, String),
    BadTag(Path, String),
}

impl Mismatch {
    pub(super) fn path(&self) -> &Path {
        match self {
            Mismatch::Missing(path)
            | Mismatch::Unknown(path)
            | Mismatch::WrongType(path, _)
            | Mismatch::BadTag(path, _) => path,
        }
    }

    pub(super) fn into_api_error(self, method: &str) -> ApiError {
        if let Mismatch::Missing(path) = &self {
            // Telegram's own wording for the two parameters every client sends first.
            match path.to_string().as_str() {
                "chat_id" => return ApiError::bad_request("chat_id is empty"),
                "text" if method == "sendMessage" => {
                    return ApiError::bad_request("message text is empty");
                }
                _ => {}
            }
        }
        ApiError::bad_request(self)
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = |path: &Path| {
            if path.depth() == 1 {
                "parameter"
            } else {
                "field"
            }
        };
        match self {
            Mismatch::Missing(path) => write!(f, "{} \"{path}\" is required", noun(path)),
            Mismatch::Unknown(path) => write!(f, "unknown {} \"{path}\"", noun(path)),
            Mismatch::WrongType(path, expected) => {
                write!(f, "{} \"{path}\" must be of type {expected}", noun(path))
            }
            Mismatch::BadTag(path, value) => {
                write!(
                    f,
                    "{} \"{path}\" has unsupported value \"{value}\"",
                    noun(path)
                )
            }
        }
    }
}

/// Of several failed alternatives, report the one that got furthest inside the value; if none
/// got past the value itself, say which types were expected.
pub(super) fn best_failure(failures: Vec<Mismatch>, path: &Path, types: &[TypeRef]) -> Mismatch {
    let deepest = failures
        .into_iter()
        .filter(|mismatch| {
            mismatch.path().depth() > path.depth() + 1
                || (mismatch.path().depth() > path.depth()
                    && matches!(mismatch, Mismatch::WrongType(..) | Mismatch::BadTag(..)))
        })
        .max_by_key(|mismatch| mismatch.path().depth());
    deepest.unwrap_or_else(|| {
        let expected: Vec<String> = types.iter().map(ToString::to_string).collect();
        Mismatch::WrongType(path.clone(), expected.join(" or "))
    })
}
