//! The HTTP face of the simulator: `/bot<token>/<method>` (any case, GET or POST; JSON,
//! multipart, urlencoded bodies and query strings), `/file/bot<token>/<path>` downloads, the
//! `{"ok":…}` envelopes with HTTP status = `error_code` and `Retry-After` on 429, fault
//! injection, and the journal of calls.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::error::ApiError;
use super::files::Upload;
use super::journal::Call;
use super::methods::{self, Request as MethodRequest};
use super::shared::{Shared, lock};
use super::spec::{Input, Spec};
use super::updates::{self, Poll};

/// Telegram's upload limit for bots.
const BODY_LIMIT: usize = 50 * 1024 * 1024;

/// The router serving every path.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .fallback(handle)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(shared)
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    match segments.as_slice() {
        [file, token, rest @ ..]
            if file == "file" && token.starts_with("bot") && !rest.is_empty() =>
        {
            download(&shared, &token[3..], &rest.join("/"))
        }
        [token, method] if token.starts_with("bot") => {
            call(shared, &token[3..], method, request).await
        }
        _ => envelope(Err(ApiError::not_found())),
    }
}

/// `GET /file/bot<token>/<path>`: the path may arrive as one segment with `%2F` inside.
fn download(shared: &Arc<Shared>, token: &str, path: &str) -> Response {
    shared.with_world(|world| {
        if world.bot_by_token(token).is_none() {
            return envelope(Err(ApiError::unauthorized()));
        }
        match world.files.by_path(path) {
            Some(file) => {
                let mut response = Response::new(Body::from(file.bytes.clone()));
                let mime = file
                    .meta
                    .mime_type
                    .as_deref()
                    .unwrap_or("application/octet-stream");
                if let Ok(value) = HeaderValue::from_str(mime) {
                    response.headers_mut().insert(CONTENT_TYPE, value);
                }
                response
            }
            None => envelope(Err(ApiError::not_found())),
        }
    })
}

/// A method call: parse, check the token and method, draw faults, validate against the spec,
/// run, journal, answer.
async fn call(shared: Arc<Shared>, token: &str, method_name: &str, request: Request) -> Response {
    let spec = Spec::get();
    let method = spec.method(method_name);
    let name = method.map_or_else(|| method_name.to_owned(), |method| method.name.clone());
    let bot = shared.with_world(|world| world.bot_by_token(token));
    let mut call = Call {
        method: name.clone(),
        bot,
        params: Value::Null,
        ok: false,
        error_code: None,
        description: None,
    };
    let raw = read_params(request).await;
    let (Some(bot), Some(method)) = (bot, method) else {
        let error = if bot.is_none() {
            ApiError::unauthorized()
        } else {
            ApiError::not_found()
        };
        return finish(&shared, call, Err(error), false);
    };
    let draw = lock(&shared.faults).draw(&name);
    if draw.count() > 0 {
        let mut journal = lock(&shared.journal);
        journal.counters.faults_injected += draw.count();
        journal.counters.dropped_before += u64::from(draw.drop_before);
        journal.counters.dropped_after += u64::from(draw.drop_after);
    }
    if draw.drop_before {
        call.description = Some("connection dropped before the call was applied".to_owned());
        lock(&shared.journal).record(call);
        return broken_connection();
    }
    if draw.server_error {
        return finish(&shared, call, Err(ApiError::internal_server_error()), false);
    }
    if let Some(retry_after) = draw.too_many {
        return finish(
            &shared,
            call,
            Err(ApiError::too_many_requests(retry_after)),
            false,
        );
    }
    if let Some(delay) = draw.slow {
        tokio::time::sleep(delay).await;
    }
    let (inputs, uploads) = match raw {
        Ok(raw) => raw,
        Err(error) => return finish(&shared, call, Err(error), false),
    };
    let inputs = with_direct_uploads(inputs, &uploads, method);
    let params = match spec
        .validate_call(method, inputs, shared.config.strictness)
        .and_then(|params| check_uploads(params, &uploads))
    {
        Ok(params) => params,
        Err(error) => return finish(&shared, call, Err(error), false),
    };
    call.params = Value::Object(params.clone());
    let chat_id = params.get("chat_id").and_then(Value::as_i64);
    let refusal = {
        let mut faults = lock(&shared.faults);
        faults
            .take_refusal(&name)
            .or_else(|| faults.private_flood(chat_id))
    };
    if let Some(error) = refusal {
        lock(&shared.journal).counters.faults_injected += 1;
        return finish(&shared, call, Err(error), false);
    }
    let result = if name == "getUpdates" {
        updates::get_updates(&shared, bot, Poll::from_params(&params)).await
    } else {
        shared.with_world(|world| {
            let mut request = MethodRequest {
                world,
                bot,
                method: &name,
                params: &params,
                uploads: &uploads,
            };
            methods::dispatch(&mut request, method)
        })
    };
    finish(&shared, call, result, draw.drop_after)
}

/// Journals the call and answers (or breaks the connection after applying it).
fn finish(
    shared: &Arc<Shared>,
    mut call: Call,
    result: Result<Value, ApiError>,
    drop_after: bool,
) -> Response {
    call.ok = result.is_ok();
    if let Err(error) = &result {
        call.error_code = Some(i32::from(error.code));
        call.description = Some(error.description.clone());
    }
    lock(&shared.journal).record(call);
    if drop_after {
        return broken_connection();
    }
    envelope(result)
}

/// The Bot API envelope; HTTP status = `error_code`; `Retry-After` on 429.
fn envelope(result: Result<Value, ApiError>) -> Response {
    match result {
        Ok(value) => json_response(StatusCode::OK, &json!({"ok": true, "result": value})),
        Err(error) => {
            let mut body =
                json!({"ok": false, "error_code": error.code, "description": error.description});
            if let Some(retry_after) = error.retry_after {
                body["parameters"] = json!({"retry_after": retry_after});
            }
            let status = StatusCode::from_u16(error.code).unwrap_or(StatusCode::BAD_REQUEST);
            let mut response = json_response(status, &body);
            if let Some(retry_after) = error.retry_after {
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from(retry_after));
            }
            response
        }
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// A response whose body fails mid-stream: the client sees the connection break.
fn broken_connection() -> Response {
    let failure = std::io::Error::other("connection dropped by the simulator");
    let stream = futures_util::stream::iter([Err::<Bytes, _>(failure)]);
    let mut response = Response::new(Body::from_stream(stream));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

type RawParams = (Vec<(String, Input)>, HashMap<String, Upload>);

/// Reads the query string and the body (JSON, multipart or urlencoded) into raw parameters and
/// uploaded file parts.
async fn read_params(request: Request) -> Result<RawParams, ApiError> {
    let mut inputs: Vec<(String, Input)> = Vec::new();
    if let Some(query) = request.uri().query() {
        inputs.extend(form_pairs(query.as_bytes()));
    }
    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut uploads = HashMap::new();
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(request, &())
            .await
            .map_err(|_| ApiError::bad_request("invalid multipart/form-data body"))?;
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|_| ApiError::bad_request("invalid multipart/form-data body"))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let part_type = field.content_type().map(str::to_owned);
            let bytes = field
                .bytes()
                .await
                .map_err(|_| ApiError::bad_request("invalid multipart/form-data body"))?;
            match file_name {
                Some(file_name) => {
                    let file_name = Some(file_name).filter(|name| !name.is_empty());
                    uploads.insert(
                        name,
                        Upload {
                            file_name,
                            content_type: part_type,
                            bytes: bytes.to_vec(),
                        },
                    );
                }
                None => inputs.push((
                    name,
                    Input::Text(String::from_utf8_lossy(&bytes).into_owned()),
                )),
            }
        }
        return Ok((inputs, uploads));
    }
    let body = axum::body::to_bytes(request.into_body(), BODY_LIMIT)
        .await
        .map_err(|_| ApiError::bad_request("can't read the request body"))?;
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() {
        return Ok((inputs, uploads));
    }
    if content_type.starts_with("application/json") || trimmed.starts_with(b"{") {
        let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(trimmed) else {
            return Err(ApiError::bad_request("can't parse JSON object"));
        };
        inputs.extend(
            object
                .into_iter()
                .map(|(key, value)| (key, Input::Json(value))),
        );
    } else {
        inputs.extend(form_pairs(trimmed));
    }
    Ok((inputs, uploads))
}

fn form_pairs(bytes: &[u8]) -> impl Iterator<Item = (String, Input)> + '_ {
    url::form_urlencoded::parse(bytes)
        .map(|(key, value)| (key.into_owned(), Input::Text(value.into_owned())))
}

/// A file part sent under a parameter's own name (`photo=<file>`) is that parameter's value.
fn with_direct_uploads(
    mut inputs: Vec<(String, Input)>,
    uploads: &HashMap<String, Upload>,
    method: &super::spec::Method,
) -> Vec<(String, Input)> {
    for name in uploads.keys() {
        let is_param = method.params.iter().any(|param| param.name == *name);
        let already = inputs.iter().any(|(key, _)| key == name);
        if is_param && !already {
            inputs.push((name.clone(), Input::File(name.clone())));
        }
    }
    inputs
}

/// Every `attach://<part>` must name an uploaded part, and every uploaded part must be used.
fn check_uploads(
    params: Map<String, Value>,
    uploads: &HashMap<String, Upload>,
) -> Result<Map<String, Value>, ApiError> {
    let mut referenced = Vec::new();
    for value in params.values() {
        collect_attachments(value, &mut referenced);
    }
    if let Some(missing) = referenced.iter().find(|part| !uploads.contains_key(*part)) {
        return Err(ApiError::bad_request(format!(
            "file \"attach://{missing}\" was not uploaded"
        )));
    }
    if let Some(unused) = uploads.keys().find(|part| !referenced.contains(part)) {
        return Err(ApiError::bad_request(format!(
            "unknown parameter \"{unused}\""
        )));
    }
    Ok(params)
}

fn collect_attachments(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::String(text) => {
            if let Some(part) = text.strip_prefix("attach://") {
                found.push(part.to_owned());
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_attachments(item, found)),
        Value::Object(map) => map
            .values()
            .for_each(|item| collect_attachments(item, found)),
        _ => {}
    }
}

/// Decodes `%XX` escapes of a path segment (invalid escapes stay as they are).
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escape = (bytes[index] == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escape {
            Some(byte) => {
                decoded.push(byte);
                index += 3;
            }
            None => {
                decoded.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn percent_escapes_in_paths_are_decoded() {
        assert_eq!(percent_decode("photos%2Ffile_1.jpg"), "photos/file_1.jpg");
        assert_eq!(percent_decode("100%25"), "100%");
        assert_eq!(percent_decode("bad%zz"), "bad%zz");
    }
}
