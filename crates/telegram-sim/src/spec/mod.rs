//! The Bot API reference as data, and the validation of every call against it.
//!
//! The vendored `spec/telegram-bot-api-10.1.json` is compiled in with `include_str!` and parsed
//! once. A call is checked parameter by parameter: unknown parameters, missing required ones and
//! values of the wrong type are refused with a `Bad Request` that names the parameter (or the
//! path inside it); in the lenient mode ([`Strictness::Lenient`]) unknown parameters and fields
//! are left out instead, as Telegram does. Values arriving as text (multipart, urlencoded, query
//! string) are coerced the way Telegram coerces them; objects and arrays may arrive
//! JSON-serialized. This module knows nothing about the world: it only answers "is this call
//! well-formed".
//!
//! Map:
//! - `reference`: the vendored JSON parsed into [`Method`]s and [`TypeDef`]s, aliases, legacy
//!   parameters.
//! - `checker`: the walk of a value against a type, with Telegram's coercions.
//! - `mismatch`: where in a call a value sits and why it does not fit, as a `Bad Request`.
//! - `tests`: the validation of calls and values against the reference.

mod checker;
mod mismatch;
mod reference;
#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use self::checker::Checker;
use self::mismatch::{Mismatch, Path};
pub use self::reference::{Field, Method, Spec, TypeDef, TypeRef};
use super::error::ApiError;

/// A raw parameter value as it arrived over HTTP.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// A value from a JSON body.
    Json(Value),
    /// A text value (multipart text part, urlencoded body, query string).
    Text(String),
    /// A multipart file part sent under the parameter's own name; holds the part name.
    File(String),
}

/// How a call's unknown parameters (and unknown fields of the objects it passes) are met.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Strictness {
    /// Refused with a `Bad Request` that names them, so a client's typo or a parameter the
    /// reference lacks shows at once (the default; threadesk's own tests run this way).
    #[default]
    Strict,
    /// Ignored, as Telegram does, for clients written against other versions of the Bot API.
    /// Missing required parameters and values of the wrong type are still refused.
    Lenient,
}

impl Spec {
    /// Validates a call's parameters and returns them normalised to JSON: text coerced to the
    /// declared types, JSON-serialized objects parsed, file parts as `attach://<part>` strings.
    /// In the lenient mode unknown parameters and fields are left out instead of refused.
    pub fn validate_call(
        &self,
        method: &Method,
        input: Vec<(String, Input)>,
        strictness: Strictness,
    ) -> Result<Map<String, Value>, ApiError> {
        let checker = Checker {
            spec: self,
            coerce: true,
            ignore_unknown: strictness == Strictness::Lenient,
        };
        let mut params = Map::new();
        for (name, raw) in input {
            let Some(field) = method.param(&name) else {
                if checker.ignore_unknown {
                    continue;
                }
                return Err(ApiError::bad_request(format!(
                    "unknown parameter \"{name}\""
                )));
            };
            let path = Path::root(&name);
            let value = match raw {
                Input::Json(value) => value,
                Input::Text(text) => Value::String(text),
                Input::File(part) if field.types.contains(&TypeRef::InputFile) => {
                    Value::String(format!("attach://{part}"))
                }
                Input::File(_) => {
                    let expected: Vec<String> =
                        field.types.iter().map(ToString::to_string).collect();
                    let mismatch = Mismatch::WrongType(path, expected.join(" or "));
                    return Err(mismatch.into_api_error(&method.name));
                }
            };
            let value = checker
                .check_union(&field.types, value, &path)
                .map_err(|mismatch| mismatch.into_api_error(&method.name))?;
            params.insert(name, value);
        }
        if let Some(missing) = method
            .params
            .iter()
            .find(|field| field.required && !params.contains_key(&field.name))
        {
            let mismatch = Mismatch::Missing(Path::root(&missing.name));
            return Err(mismatch.into_api_error(&method.name));
        }
        Ok(params)
    }

    /// Checks a JSON value strictly against a spec type (no coercion), e.g. to prove that what
    /// the simulator renders is a valid `Message`. The error names the offending path.
    pub fn check_value(&self, type_name: &str, value: &Value) -> Result<(), String> {
        let checker = Checker {
            spec: self,
            coerce: false,
            ignore_unknown: false,
        };
        let path = Path::root(type_name);
        checker
            .check_one(&TypeRef::Named(type_name.to_owned()), value.clone(), &path)
            .map(drop)
            .map_err(|mismatch| mismatch.to_string())
    }
}
