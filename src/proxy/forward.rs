//! Calls passed on to Telegram: the same HTTP method, path, query string, content type and
//! body, and Telegram's answer returned unchanged (status, content type, `Retry-After`, body).
//! Unknown methods and malformed bodies are Telegram's to judge.
//!
//! When Telegram cannot be reached the answer is 502 in the Bot API's shape; no error text
//! names the URL, which holds the token.

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

use super::{Call, Proxy, api_error};

/// Forwards a method call and returns Telegram's answer, with its body when it is a success.
pub(super) async fn call(proxy: &Proxy, call: &Call<'_>) -> (Response, Option<Bytes>) {
    let url = upstream_url(proxy, call.path, call.query);
    let mut request = proxy
        .client
        .request(call.http_method.clone(), url)
        .body(call.body.clone());
    if let Some(content_type) = call.headers.get(header::CONTENT_TYPE) {
        request = request.header(header::CONTENT_TYPE, content_type.clone());
    }
    relay(request.send().await).await
}

/// Forwards a file download.
pub(super) async fn download(proxy: &Proxy, path: &str, query: Option<&str>) -> Response {
    let url = upstream_url(proxy, path, query);
    relay(proxy.client.get(url).send().await).await.0
}

/// Telegram's base URL joined with the path as received (still percent-encoded).
fn upstream_url(proxy: &Proxy, path: &str, query: Option<&str>) -> String {
    let base = proxy.parts.api_url.as_str().trim_end_matches('/');
    match query {
        Some(query) => format!("{base}{path}?{query}"),
        None => format!("{base}{path}"),
    }
}

async fn relay(answer: Result<reqwest::Response, reqwest::Error>) -> (Response, Option<Bytes>) {
    let answer = match answer {
        Ok(answer) => answer,
        Err(error) => return (unreachable(error), None),
    };
    let status = StatusCode::from_u16(answer.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let content_type = answer.headers().get(header::CONTENT_TYPE).cloned();
    let retry_after = answer.headers().get(header::RETRY_AFTER).cloned();
    let body = match answer.bytes().await {
        Ok(body) => body,
        Err(error) => return (unreachable(error), None),
    };
    let success = status.is_success().then(|| body.clone());
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Some(content_type) = content_type {
        headers.insert(header::CONTENT_TYPE, content_type);
    }
    if let Some(retry_after) = retry_after {
        headers.insert(header::RETRY_AFTER, retry_after);
    }
    (response, success)
}

fn unreachable(error: reqwest::Error) -> Response {
    // Without the URL: it holds the token.
    let error = error.without_url();
    tracing::warn!(%error, "the proxy cannot reach Telegram");
    let mut response = api_error(
        StatusCode::BAD_GATEWAY,
        "Bad Gateway: the helpdesk cannot reach Telegram right now",
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}
