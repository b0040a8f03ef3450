//! JSON request bodies, read so that every mistake gets its own stable code: a body over the
//! limit (`body_too_large`), not JSON (`malformed_json`), or JSON of the wrong shape: unknown
//! fields, wrong types, missing fields (`invalid_body`).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;

use super::ApiError;

/// Reads a JSON body; an empty body reads as `{}`.
pub fn parse<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    limit: usize,
) -> Result<T, ApiError> {
    let body = body.map_err(|rejection| match rejection {
        BytesRejection::FailedToBufferBody(_) => ApiError::BodyTooLarge(limit),
        _ => ApiError::MalformedJson("the body could not be read".into()),
    })?;
    if body.len() > limit {
        return Err(ApiError::BodyTooLarge(limit));
    }
    let bytes: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        let json = headers
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("application/json"));
        if !json {
            return Err(ApiError::UnsupportedMediaType);
        }
        &body
    };
    serde_json::from_slice(bytes).map_err(|error| {
        use serde_json::error::Category;
        match error.classify() {
            Category::Data => ApiError::InvalidBody(error.to_string()),
            Category::Syntax | Category::Eof | Category::Io => {
                ApiError::MalformedJson(error.to_string())
            }
        }
    })
}
