//! The parameters of a Bot API call as any client sends them: a query string, a JSON body, a
//! form (`application/x-www-form-urlencoded`) or `multipart/form-data`, read into one map.
//!
//! Only the calls the proxy answers itself (`getUpdates`, the webhook methods) and the ones it
//! mirrors are read; every other call is forwarded untouched.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart};
use axum::http::{HeaderMap, header};
use serde_json::{Map, Value};

/// A call's parameters: JSON values, or the text a form or query string carried.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Params(Map<String, Value>);

impl Params {
    /// Reads the query string and the body.
    pub async fn read(query: Option<&str>, headers: &HeaderMap, body: &Bytes) -> Params {
        let mut params = Map::new();
        if let Some(query) = query {
            for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
                params.insert(key.into_owned(), Value::String(value.into_owned()));
            }
        }
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if content_type.starts_with("application/json") {
            if let Ok(Value::Object(object)) = serde_json::from_slice(body) {
                params.extend(object);
            }
        } else if content_type.starts_with("application/x-www-form-urlencoded") {
            for (key, value) in url::form_urlencoded::parse(body) {
                params.insert(key.into_owned(), Value::String(value.into_owned()));
            }
        } else if content_type.starts_with("multipart/form-data") {
            read_multipart(headers, body, &mut params).await;
        }
        Params(params)
    }

    /// A parameter as text (a JSON string, or a number written out).
    pub fn text(&self, name: &str) -> Option<String> {
        match self.0.get(name)? {
            Value::String(text) => Some(text.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }

    /// A whole-number parameter (a JSON number, or text holding one); `Err` when present but
    /// not a number.
    pub fn integer(&self, name: &str) -> Result<Option<i64>, ()> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(number)) => number.as_i64().map(Some).ok_or(()),
            Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
            Some(Value::String(text)) => text.trim().parse().map(Some).map_err(drop),
            Some(_) => Err(()),
        }
    }

    /// A boolean parameter (`true`, or text such as `true`/`1`).
    pub fn flag(&self, name: &str) -> bool {
        match self.0.get(name) {
            Some(Value::Bool(value)) => *value,
            Some(Value::String(text)) => matches!(text.trim(), "true" | "True" | "1"),
            Some(Value::Number(number)) => number.as_i64() == Some(1),
            _ => false,
        }
    }

    /// A list of whole numbers (a JSON array, or text holding one); `None` when absent.
    pub fn numbers(&self, name: &str) -> Option<Vec<i64>> {
        let value = match self.0.get(name)? {
            Value::String(text) => serde_json::from_str(text).ok()?,
            other => other.clone(),
        };
        Some(value.as_array()?.iter().filter_map(Value::as_i64).collect())
    }

    /// A list of strings (a JSON array, or text holding one); `None` when absent.
    pub fn strings(&self, name: &str) -> Option<Vec<String>> {
        let value = match self.0.get(name)? {
            Value::String(text) => serde_json::from_str(text).ok()?,
            other => other.clone(),
        };
        let items = value.as_array()?;
        Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        )
    }
}

async fn read_multipart(headers: &HeaderMap, body: &Bytes, params: &mut Map<String, Value>) {
    let mut request = axum::http::Request::new(axum::body::Body::from(body.clone()));
    *request.headers_mut() = headers.clone();
    let Ok(mut multipart) = Multipart::from_request(request, &()).await else {
        return;
    };
    while let Ok(Some(field)) = multipart.next_field().await {
        let Some(name) = field.name().map(str::to_owned) else {
            continue;
        };
        if field.file_name().is_some() {
            // An upload: only its presence matters here.
            params.insert(name, Value::String(String::new()));
            continue;
        }
        if let Ok(text) = field.text().await {
            params.insert(name, Value::String(text));
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(content_type: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(content_type).unwrap(),
        );
        headers
    }

    #[tokio::test]
    async fn json_forms_query_strings_and_multipart_read_alike() {
        let json = Params::read(
            None,
            &headers("application/json"),
            &Bytes::from_static(br#"{"offset":5,"allowed_updates":["message"]}"#),
        )
        .await;
        let form = Params::read(
            None,
            &headers("application/x-www-form-urlencoded"),
            &Bytes::from_static(b"offset=5&allowed_updates=%5B%22message%22%5D"),
        )
        .await;
        let query = Params::read(
            Some("offset=5&allowed_updates=[\"message\"]"),
            &HeaderMap::new(),
            &Bytes::new(),
        )
        .await;
        let multipart = Params::read(
            None,
            &headers("multipart/form-data; boundary=XX"),
            &Bytes::from_static(
                b"--XX\r\nContent-Disposition: form-data; name=\"offset\"\r\n\r\n5\r\n--XX\r\nContent-Disposition: form-data; name=\"allowed_updates\"\r\n\r\n[\"message\"]\r\n--XX--\r\n",
            ),
        )
        .await;
        for params in [json, form, query, multipart] {
            assert_eq!(params.integer("offset"), Ok(Some(5)), "{params:?}");
            assert_eq!(
                params.strings("allowed_updates"),
                Some(vec!["message".into()])
            );
        }
    }

    #[tokio::test]
    async fn a_number_that_is_not_one_is_an_error() {
        let params = Params::read(Some("offset=abc"), &HeaderMap::new(), &Bytes::new()).await;
        assert_eq!(params.integer("offset"), Err(()));
        assert_eq!(params.integer("limit"), Ok(None));
    }
}
