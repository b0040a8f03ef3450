//! `POST /customers/{id}/messages`: a text, or a file with an optional caption, sent to the
//! customer as the bot through the outbox. A file comes as a URL in the JSON body
//! (`file_url`, fetched by Telegram) or as a `multipart/form-data` upload (a `file` part and an
//! optional `text` part), capped by `api_upload_limit_mb` and kept sealed until it is sent.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::auth::authorize;
use super::body;
use super::errors::ErrorBody;
use super::reads::delivery_view;
use super::views::{DeliveryView, MessageBody};
use super::writes::{POLL, submit};
use super::{ApiError, ApiState};
use crate::config::Access;
use crate::desk::{ApiAction, ApiAnswer, ApiFile, ApiRefusal};
use crate::domain::{UserId, utf16_len};
use crate::pipeline::integrations;

/// The longest text a message may have (Telegram's limit, in UTF-16 units).
const MAX_TEXT: u32 = 4096;
/// The longest caption a file may have (Telegram's limit, in UTF-16 units).
const MAX_CAPTION: u32 = 1024;
/// The longest file URL accepted.
const MAX_URL: usize = 2048;

/// Sends the customer a text or a file as the bot, mirrored into the thread as "via API:
/// <token>". JSON: `{"text": "..."}` or `{"file_url": "https://...", "text": "caption"}`;
/// or `multipart/form-data` with a `file` part and an optional `text` part.
#[utoipa::path(post, path = "/api/v1/customers/{id}/messages", request_body(content(
        (MessageBody = "application/json"),
        (MessageBody = "multipart/form-data"))),
    params(("id" = i64, Path, description = "The customer's Telegram id")), security(("token" = [])),
    responses((status = 200, description = "Sent", body = DeliveryView),
        (status = 202, description = "Queued: poll /api/v1/deliveries/{delivery}", body = DeliveryView),
        (status = 404, body = ErrorBody), (status = 409, description = "Blocked or banned customer", body = ErrorBody),
        (status = 413, description = "Over api_json_limit_kb, or an upload over api_upload_limit_mb", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn send_message(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, ApiError> {
    let caller = authorize(&state, &headers, Access::Write)?;
    let customer = id
        .parse::<i64>()
        .map(UserId)
        .map_err(|_| ApiError::Refused(ApiRefusal::UnknownCustomer))?;
    let multipart = headers
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("multipart/form-data"));
    let (action, upload) = if multipart {
        let form = Multipart::from_request(request, &state)
            .await
            .map_err(|rejection| ApiError::InvalidBody(rejection.body_text()))?;
        from_form(form, state.settings.upload_limit).await?
    } else {
        let bytes = Bytes::from_request(request, &state).await;
        let body: MessageBody = body::parse(&headers, bytes, state.settings.json_limit)?;
        (from_json(body)?, None)
    };
    let id = state.store.generate_id()?;
    if let Some(bytes) = upload {
        let store = state.store.clone();
        tokio::task::spawn_blocking(move || integrations::store_upload(&store, id, &bytes))
            .await
            .map_err(|_| ApiError::Internal)??;
    }
    let (request, answer) = submit(&state, caller.name, customer, action, id).await?;
    if let Some(ApiAnswer::Refused(refusal)) = answer {
        integrations::remove_upload(&state.store, request)?;
        return Err(ApiError::Refused(refusal));
    }
    let deadline = tokio::time::Instant::now() + state.settings.api_timeout;
    loop {
        let view = delivery_view(&state, request)?;
        match view {
            Some(view) if view.status == "sent" => {
                return Ok((StatusCode::OK, Json(view)).into_response());
            }
            Some(view) if view.status == "failed" => {
                integrations::remove_upload(&state.store, request)?;
                return Err(ApiError::Undelivered(undelivered_code(
                    view.reason.as_deref(),
                )));
            }
            _ if tokio::time::Instant::now() >= deadline => {
                let view = view.unwrap_or(DeliveryView {
                    delivery: request,
                    status: "accepted".into(),
                    message_id: None,
                    reason: None,
                });
                return Ok((StatusCode::ACCEPTED, Json(view)).into_response());
            }
            _ => tokio::time::sleep(POLL).await,
        }
    }
}

/// The action of a JSON body: a text, or a file by URL with an optional caption.
fn from_json(body: MessageBody) -> Result<ApiAction, ApiError> {
    let text = body.text.unwrap_or_default();
    let Some(url) = body.file_url else {
        if text.trim().is_empty() || utf16_len(&text) > MAX_TEXT {
            return Err(ApiError::InvalidValue(format!(
                "text: 1-{MAX_TEXT} characters, not blank (or send a file)"
            )));
        }
        return Ok(ApiAction::SendMessage { text });
    };
    let parsed = url::Url::parse(&url)
        .ok()
        .filter(|parsed| matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some());
    if parsed.is_none() || url.len() > MAX_URL {
        return Err(ApiError::InvalidValue(format!(
            "file_url: an http(s) URL of at most {MAX_URL} characters"
        )));
    }
    caption_ok(&text)?;
    Ok(ApiAction::SendFile {
        caption: text,
        file: ApiFile::Url(url),
    })
}

/// The action and the file of a multipart body: a `file` part and an optional `text` part.
async fn from_form(
    mut form: Multipart,
    limit: usize,
) -> Result<(ApiAction, Option<Vec<u8>>), ApiError> {
    let too_large = |error: axum::extract::multipart::MultipartError| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::BodyTooLarge(limit)
        } else {
            ApiError::InvalidBody(error.body_text())
        }
    };
    let mut text = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = form.next_field().await.map_err(too_large)? {
        match field.name() {
            Some("text") => text = field.text().await.map_err(too_large)?,
            Some("file") => {
                let name = file_name(field.file_name());
                let bytes = field.bytes().await.map_err(too_large)?;
                file = Some((name, bytes.to_vec()));
            }
            other => {
                return Err(ApiError::InvalidBody(format!(
                    "unknown part {:?}: expected `file` and optionally `text`",
                    other.unwrap_or("")
                )));
            }
        }
    }
    let Some((name, bytes)) = file else {
        return Err(ApiError::InvalidBody(
            "a multipart body needs a `file` part".into(),
        ));
    };
    if bytes.is_empty() {
        return Err(ApiError::InvalidValue("file: empty".into()));
    }
    caption_ok(&text)?;
    let file = ApiFile::Upload {
        name,
        size: bytes.len() as u64,
    };
    let action = ApiAction::SendFile {
        caption: text,
        file,
    };
    Ok((action, Some(bytes)))
}

fn caption_ok(text: &str) -> Result<(), ApiError> {
    if utf16_len(text) > MAX_CAPTION {
        return Err(ApiError::InvalidValue(format!(
            "text: a file's caption has at most {MAX_CAPTION} characters"
        )));
    }
    Ok(())
}

/// The uploaded file's name without any folder, at most 128 characters (`file` without one).
fn file_name(given: Option<&str>) -> String {
    let base = given
        .and_then(|name| name.rsplit(['/', '\\']).next())
        .map(|name| name.trim().chars().filter(|c| !c.is_control()).take(128))
        .map(String::from_iter)
        .unwrap_or_default();
    if base.is_empty() || base == "." || base == ".." {
        "file".into()
    } else {
        base
    }
}

/// The stable code of a delivery's failure (the codes of [`crate::desk::failure_code`]).
fn undelivered_code(reason: Option<&str>) -> &'static str {
    const CODES: [&str; 6] = [
        "customer_blocked",
        "customer_deactivated",
        "customer_never_started",
        "thread_gone",
        "rejected_by_telegram",
        "workspace_changed",
    ];
    CODES
        .into_iter()
        .find(|code| Some(*code) == reason)
        .unwrap_or("undelivered")
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn uploaded_file_names_lose_their_folders() {
        assert_eq!(file_name(Some("../../etc/passwd")), "passwd");
        assert_eq!(file_name(Some("C:\\docs\\invoice.pdf")), "invoice.pdf");
        assert_eq!(file_name(Some("..")), "file");
        assert_eq!(file_name(None), "file");
    }
}
