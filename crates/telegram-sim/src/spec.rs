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

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::error::ApiError;

const SPEC_SOURCE: &str = include_str!("../spec/telegram-bot-api-10.1.json");

/// Older method names Telegram still answers, mapped to their current names.
const METHOD_ALIASES: &[(&str, &str)] = &[
    ("kickchatmember", "banChatMember"),
    ("getchatmemberscount", "getChatMemberCount"),
];

/// The type of one parameter or field, as the spec spells it (`Array of X`, `Integer`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRef {
    /// A JSON integer.
    Integer,
    /// A JSON number; integers are accepted.
    Float,
    /// A JSON string.
    String,
    /// A JSON boolean.
    Boolean,
    /// An uploaded file: a multipart file part, or `attach://<part>`.
    InputFile,
    /// `Array of X`.
    Array(Box<TypeRef>),
    /// An object type of the spec, concrete or abstract.
    Named(String),
}

impl TypeRef {
    fn parse(text: &str) -> TypeRef {
        if let Some(inner) = text.strip_prefix("Array of ") {
            return TypeRef::Array(Box::new(TypeRef::parse(inner)));
        }
        match text {
            "Integer" => TypeRef::Integer,
            "Float" => TypeRef::Float,
            "String" => TypeRef::String,
            "Boolean" | "True" => TypeRef::Boolean,
            "InputFile" => TypeRef::InputFile,
            other => TypeRef::Named(other.to_owned()),
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Integer => f.write_str("Integer"),
            TypeRef::Float => f.write_str("Float"),
            TypeRef::String => f.write_str("String"),
            TypeRef::Boolean => f.write_str("Boolean"),
            TypeRef::InputFile => f.write_str("InputFile"),
            TypeRef::Array(inner) => write!(f, "Array of {inner}"),
            TypeRef::Named(name) => f.write_str(name),
        }
    }
}

/// One parameter of a method or one field of a type.
#[derive(Clone, Debug)]
pub struct Field {
    /// The parameter name.
    pub name: String,
    /// Accepted types (`X or Y` unions have several).
    pub types: Vec<TypeRef>,
    /// Whether the spec marks it required.
    pub required: bool,
    /// The reference's description.
    pub description: String,
}

/// A Bot API method.
#[derive(Clone, Debug)]
pub struct Method {
    /// The name as the spec spells it, e.g. `sendMessage`.
    pub name: String,
    /// Its parameters.
    pub params: Vec<Field>,
    /// The spec's return types.
    pub returns: Vec<String>,
    /// Whether the spec says the method "Returns True on success".
    pub returns_true_on_success: bool,
}

impl Method {
    fn param(&self, name: &str) -> Option<&Field> {
        self.params.iter().find(|field| field.name == name)
    }
}

/// An object type of the spec.
#[derive(Clone, Debug)]
pub struct TypeDef {
    /// The type name.
    pub name: String,
    /// Fields of a concrete type; `None` for abstract types and field-less markers.
    pub fields: Option<Vec<Field>>,
    /// Concrete alternatives of an abstract type.
    pub subtypes: Vec<String>,
    /// The discriminator of a concrete subtype: field name and the value it must hold.
    pub tag: Option<(String, String)>,
}

/// The parsed reference.
#[derive(Debug)]
pub struct Spec {
    version: String,
    methods: HashMap<String, Method>,
    types: HashMap<String, TypeDef>,
}

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

#[derive(Deserialize)]
struct RawSpec {
    version: String,
    methods: HashMap<String, RawEntry>,
    types: HashMap<String, RawEntry>,
}

#[derive(Deserialize)]
struct RawEntry {
    name: String,
    #[serde(default)]
    description: Vec<String>,
    #[serde(default)]
    returns: Vec<String>,
    #[serde(default)]
    fields: Option<Vec<RawField>>,
    #[serde(default)]
    subtypes: Vec<String>,
}

#[derive(Deserialize)]
struct RawField {
    name: String,
    types: Vec<String>,
    required: bool,
    #[serde(default)]
    description: String,
}

impl RawField {
    fn to_field(&self) -> Field {
        Field {
            name: self.name.clone(),
            types: self.types.iter().map(|t| TypeRef::parse(t)).collect(),
            required: self.required,
            description: self.description.clone(),
        }
    }

    /// `Type of the result, must be article` / `always "emoji"` -> the literal value.
    fn tag_value(&self) -> Option<String> {
        if !self.required || self.types != ["String"] {
            return None;
        }
        let text = &self.description;
        if let Some(rest) = text.split("must be ").nth(1) {
            let value: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            return (!value.is_empty()).then_some(value);
        }
        let rest = text.split("always ").nth(1)?;
        let rest = rest.trim_start_matches(['"', '“']);
        let value: String = rest
            .chars()
            .take_while(|c| !matches!(c, '"' | '”'))
            .collect();
        (!value.is_empty()).then_some(value)
    }
}

impl Spec {
    /// The reference, parsed on first use.
    pub fn get() -> &'static Spec {
        static SPEC: OnceLock<Spec> = OnceLock::new();
        SPEC.get_or_init(|| Spec::parse(SPEC_SOURCE))
    }

    fn parse(source: &str) -> Spec {
        // The vendored file is part of the build; a parse failure is a broken build, not input.
        let raw: RawSpec = serde_json::from_str(source).expect("the vendored Bot API spec parses");
        let methods = raw
            .methods
            .values()
            .map(|entry| {
                let mut params: Vec<Field> = entry
                    .fields
                    .iter()
                    .flatten()
                    .map(RawField::to_field)
                    .collect();
                add_legacy_params(&mut params);
                let method = Method {
                    name: entry.name.clone(),
                    params,
                    returns: entry.returns.clone(),
                    returns_true_on_success: entry
                        .description
                        .iter()
                        .any(|line| line.contains("Returns True on success")),
                };
                (entry.name.to_ascii_lowercase(), method)
            })
            .collect();
        let types =
            raw.types
                .values()
                .map(|entry| {
                    let tag = entry.fields.iter().flatten().find_map(|field| {
                        field.tag_value().map(|value| (field.name.clone(), value))
                    });
                    let def = TypeDef {
                        name: entry.name.clone(),
                        fields: entry
                            .fields
                            .as_ref()
                            .map(|fields| fields.iter().map(RawField::to_field).collect()),
                        subtypes: entry.subtypes.clone(),
                        tag,
                    };
                    (entry.name.clone(), def)
                })
                .collect();
        Spec {
            version: raw.version,
            methods,
            types,
        }
    }

    /// The spec's version line, e.g. `Bot API 10.1`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Looks a method up by name, case-insensitively (Telegram lowercases method names).
    pub fn method(&self, name: &str) -> Option<&Method> {
        let lower = name.to_ascii_lowercase();
        let lower = METHOD_ALIASES
            .iter()
            .find(|(alias, _)| *alias == lower)
            .map_or(lower, |(_, current)| current.to_ascii_lowercase());
        self.methods.get(&lower)
    }

    /// Every method of the reference.
    pub fn methods(&self) -> impl Iterator<Item = &Method> {
        self.methods.values()
    }

    /// Every type of the reference.
    pub fn types(&self) -> impl Iterator<Item = &TypeDef> {
        self.types.values()
    }

    /// Looks a type up by its exact name.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(name)
    }

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

/// Legacy parameters Telegram still honours although the reference no longer lists them
/// (clients built for older API versions, teloxide 0.17 among them, still send them).
fn add_legacy_params(params: &mut Vec<Field>) {
    let has = |params: &[Field], name: &str| params.iter().any(|field| field.name == name);
    let mut legacy = Vec::new();
    if has(params, "reply_parameters") {
        legacy.push(("reply_to_message_id", TypeRef::Integer));
        legacy.push(("allow_sending_without_reply", TypeRef::Boolean));
    }
    if has(params, "link_preview_options") {
        legacy.push(("disable_web_page_preview", TypeRef::Boolean));
    }
    if has(params, "correct_option_ids") {
        legacy.push(("correct_option_id", TypeRef::Integer));
    }
    for (name, ty) in legacy {
        if !has(params, name) {
            params.push(Field {
                name: name.to_owned(),
                types: vec![ty],
                required: false,
                description: "A legacy parameter the reference no longer lists.".to_owned(),
            });
        }
    }
}

/// Where in a call a value sits: `reply_markup.inline_keyboard[0][1].text`.
#[derive(Clone, Debug)]
struct Path(Vec<Segment>);

#[derive(Clone, Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

impl Path {
    fn root(name: &str) -> Path {
        Path(vec![Segment::Key(name.to_owned())])
    }

    fn key(&self, name: &str) -> Path {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(name.to_owned()));
        Path(segments)
    }

    fn index(&self, index: usize) -> Path {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        Path(segments)
    }

    fn depth(&self) -> usize {
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
enum Mismatch {
    Missing(Path),
    Unknown(Path),
    WrongType(Path, String),
    BadTag(Path, String),
}

impl Mismatch {
    fn path(&self) -> &Path {
        match self {
            Mismatch::Missing(path)
            | Mismatch::Unknown(path)
            | Mismatch::WrongType(path, _)
            | Mismatch::BadTag(path, _) => path,
        }
    }

    fn into_api_error(self, method: &str) -> ApiError {
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

/// Walks a value against the spec. `coerce` applies Telegram's coercions for client input
/// (off when checking what the simulator itself renders); `ignore_unknown` drops unknown fields
/// instead of refusing them (the lenient mode).
struct Checker<'a> {
    spec: &'a Spec,
    coerce: bool,
    ignore_unknown: bool,
}

impl Checker<'_> {
    fn check_union(&self, types: &[TypeRef], value: Value, path: &Path) -> Result<Value, Mismatch> {
        if let [only] = types {
            return self.check_one(only, value, path);
        }
        // `Array of A or Array of B`: Telegram takes arrays mixing A and B items (albums mix
        // photos and videos); which mixes make sense is the method's business.
        let items: Option<Vec<TypeRef>> = types
            .iter()
            .map(|ty| match ty {
                TypeRef::Array(inner) => Some((**inner).clone()),
                _ => None,
            })
            .collect();
        if let Some(items) = items {
            let value = match value {
                Value::String(text) if self.coerce => {
                    serde_json::from_str(&text).unwrap_or(Value::String(text))
                }
                other => other,
            };
            let Value::Array(list) = value else {
                return Err(best_failure(Vec::new(), path, types));
            };
            return list
                .into_iter()
                .enumerate()
                .map(|(index, item)| self.check_union(&items, item, &path.index(index)))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array);
        }
        let mut failures = Vec::new();
        for ty in types {
            match self.check_one(ty, value.clone(), path) {
                Ok(value) => return Ok(value),
                Err(mismatch) => failures.push(mismatch),
            }
        }
        Err(best_failure(failures, path, types))
    }

    fn check_one(&self, ty: &TypeRef, value: Value, path: &Path) -> Result<Value, Mismatch> {
        let wrong = || Mismatch::WrongType(path.clone(), ty.to_string());
        match (ty, value) {
            (TypeRef::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => {
                Ok(Value::Number(n))
            }
            (TypeRef::Integer, Value::String(text)) if self.coerce => text
                .trim()
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| wrong()),
            (TypeRef::Float, Value::Number(n)) => Ok(Value::Number(n)),
            (TypeRef::Float, Value::String(text)) if self.coerce => text
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(wrong),
            (TypeRef::Boolean, Value::Bool(b)) => Ok(Value::Bool(b)),
            (TypeRef::Boolean, Value::String(text)) if self.coerce => {
                match text.trim().to_ascii_lowercase().as_str() {
                    "true" | "1" => Ok(Value::Bool(true)),
                    "false" | "0" => Ok(Value::Bool(false)),
                    _ => Err(wrong()),
                }
            }
            (TypeRef::String, Value::String(text)) => Ok(Value::String(text)),
            (TypeRef::InputFile, Value::String(text)) if text.starts_with("attach://") => {
                Ok(Value::String(text))
            }
            (TypeRef::Array(inner), Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(index, item)| self.check_one(inner, item, &path.index(index)))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            (TypeRef::Named(name), Value::Object(map)) => self.check_object(name, map, path),
            // Abstract types whose alternatives include plain values (`RichText` is a String,
            // an Array of RichText, or one of its objects).
            (TypeRef::Named(name), value) if self.has_plain_subtypes(name) => {
                let plain: Vec<TypeRef> = self
                    .spec
                    .type_def(name)
                    .map(|def| def.subtypes.iter().map(|sub| TypeRef::parse(sub)).collect())
                    .unwrap_or_default();
                let plain: Vec<TypeRef> = plain
                    .into_iter()
                    .filter(|sub| !matches!(sub, TypeRef::Named(_)))
                    .collect();
                self.check_union(&plain, value, path).map_err(|_| wrong())
            }
            // "A JSON-serialized object/array": parse the text and check what it holds.
            (TypeRef::Array(_) | TypeRef::Named(_), Value::String(text)) if self.coerce => {
                match serde_json::from_str::<Value>(&text) {
                    Ok(parsed @ (Value::Array(_) | Value::Object(_))) => {
                        self.check_one(ty, parsed, path)
                    }
                    _ => Err(wrong()),
                }
            }
            _ => Err(wrong()),
        }
    }

    fn check_object(
        &self,
        name: &str,
        map: Map<String, Value>,
        path: &Path,
    ) -> Result<Value, Mismatch> {
        let Some(def) = self.spec.type_def(name) else {
            // A type the reference mentions but does not define: accept any object.
            return Ok(Value::Object(map));
        };
        if !def.subtypes.is_empty() {
            return self.check_abstract(def, map, path);
        }
        let Some(fields) = &def.fields else {
            return Ok(Value::Object(map));
        };
        let mut checked = Map::new();
        for (key, value) in map {
            let field_path = path.key(&key);
            let Some(field) = fields.iter().find(|field| field.name == key) else {
                if self.ignore_unknown {
                    continue;
                }
                return Err(Mismatch::Unknown(field_path));
            };
            let value = self.check_union(&field.types, value, &field_path)?;
            checked.insert(key, value);
        }
        if let Some(missing) = fields
            .iter()
            .find(|field| field.required && !checked.contains_key(&field.name))
        {
            return Err(Mismatch::Missing(path.key(&missing.name)));
        }
        if let Some((tag_field, expected)) = &def.tag {
            if checked.get(tag_field).and_then(Value::as_str) != Some(expected) {
                let found = checked.get(tag_field).map(value_text).unwrap_or_default();
                return Err(Mismatch::BadTag(path.key(tag_field), found));
            }
        }
        Ok(Value::Object(checked))
    }

    /// Whether an abstract type admits plain values (strings, arrays) among its alternatives.
    fn has_plain_subtypes(&self, name: &str) -> bool {
        self.spec.type_def(name).is_some_and(|def| {
            def.subtypes
                .iter()
                .any(|sub| !matches!(TypeRef::parse(sub), TypeRef::Named(_)))
        })
    }

    /// An abstract type: pick the subtypes whose discriminator matches, then the first that fits.
    fn check_abstract(
        &self,
        def: &TypeDef,
        map: Map<String, Value>,
        path: &Path,
    ) -> Result<Value, Mismatch> {
        let subtypes: Vec<&TypeDef> = def
            .subtypes
            .iter()
            .filter_map(|name| self.spec.type_def(name))
            .collect();
        let tag_field = subtypes
            .iter()
            .find_map(|sub| sub.tag.as_ref().map(|(field, _)| field));
        let candidates: Vec<&TypeDef> = match tag_field {
            Some(field) => {
                let Some(value) = map.get(field) else {
                    return Err(Mismatch::Missing(path.key(field)));
                };
                let value = value_text(value);
                let matching: Vec<&TypeDef> = subtypes
                    .iter()
                    .copied()
                    .filter(|sub| sub.tag.as_ref().is_some_and(|(_, tag)| *tag == value))
                    .collect();
                if matching.is_empty() {
                    return Err(Mismatch::BadTag(path.key(field), value));
                }
                matching
            }
            None => subtypes,
        };
        let types: Vec<TypeRef> = candidates
            .iter()
            .map(|sub| TypeRef::Named(sub.name.clone()))
            .collect();
        let object = Value::Object(map);
        let mut failures = Vec::new();
        for ty in &types {
            match self.check_one(ty, object.clone(), path) {
                Ok(value) => return Ok(value),
                Err(mismatch) => failures.push(mismatch),
            }
        }
        if failures.len() == 1 {
            return Err(failures.remove(0));
        }
        Err(best_failure(
            failures,
            path,
            &[TypeRef::Named(def.name.clone())],
        ))
    }
}

/// Of several failed alternatives, report the one that got furthest inside the value; if none
/// got past the value itself, say which types were expected.
fn best_failure(failures: Vec<Mismatch>, path: &Path, types: &[TypeRef]) -> Mismatch {
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

fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn call(method: &str, params: Value) -> Result<Map<String, Value>, ApiError> {
        call_with(method, params, Strictness::Strict)
    }

    fn call_with(
        method: &str,
        params: Value,
        strictness: Strictness,
    ) -> Result<Map<String, Value>, ApiError> {
        let spec = Spec::get();
        let method = spec.method(method).expect("method exists");
        let Value::Object(map) = params else {
            panic!("params must be an object")
        };
        let input = map.into_iter().map(|(k, v)| (k, Input::Json(v))).collect();
        spec.validate_call(method, input, strictness)
    }

    fn description(result: Result<Map<String, Value>, ApiError>) -> String {
        result.expect_err("the call must be refused").description
    }

    #[test]
    fn methods_are_found_case_insensitively_and_by_legacy_alias() {
        let spec = Spec::get();
        assert_eq!(
            spec.method("SendMessage").map(|m| m.name.as_str()),
            Some("sendMessage")
        );
        assert_eq!(
            spec.method("GETUPDATES").map(|m| m.name.as_str()),
            Some("getUpdates")
        );
        assert_eq!(
            spec.method("kickChatMember").map(|m| m.name.as_str()),
            Some("banChatMember")
        );
        assert!(spec.method("sendTelepathy").is_none());
        assert_eq!(spec.version(), "Bot API 10.1");
    }

    #[test]
    fn a_well_formed_call_passes_and_is_normalised() {
        let params = call(
            "sendMessage",
            json!({"chat_id": "42", "text": "hi", "reply_markup": "{\"inline_keyboard\":[[{\"text\":\"a\",\"callback_data\":\"b\"}]]}"}),
        )
        .expect("valid");
        assert_eq!(params["chat_id"], json!(42));
        assert_eq!(
            params["reply_markup"]["inline_keyboard"][0][0]["text"],
            json!("a")
        );
    }

    #[test]
    fn a_missing_required_parameter_is_named() {
        let error = description(call("banChatMember", json!({"chat_id": -1001})));
        assert_eq!(error, "Bad Request: parameter \"user_id\" is required");
        let error = description(call("sendMessage", json!({"chat_id": 1})));
        assert_eq!(error, "Bad Request: message text is empty");
    }

    #[test]
    fn an_unknown_parameter_is_named() {
        let error = description(call("sendDice", json!({"chat_id": 1, "colour": "red"})));
        assert_eq!(error, "Bad Request: unknown parameter \"colour\"");
    }

    #[test]
    fn the_lenient_mode_leaves_unknown_parameters_and_fields_out_as_telegram_does() {
        let params = call_with(
            "sendMessage",
            json!({"chat_id": 1, "text": "hi", "colour": "red",
                   "reply_parameters": {"message_id": 3, "colour": "red"}}),
            Strictness::Lenient,
        )
        .expect("accepted");
        assert_eq!(
            Value::Object(params),
            json!({"chat_id": 1, "text": "hi", "reply_parameters": {"message_id": 3}})
        );
        let error = description(call_with(
            "sendMessage",
            json!({"chat_id": 1, "text": 5, "colour": "red"}),
            Strictness::Lenient,
        ));
        assert_eq!(
            error,
            "Bad Request: parameter \"text\" must be of type String"
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_named() {
        let error = description(call("setChatTitle", json!({"chat_id": 1, "title": 5})));
        assert_eq!(
            error,
            "Bad Request: parameter \"title\" must be of type String"
        );
        let error = description(call("sendMessage", json!({"chat_id": 1.5, "text": "x"})));
        assert_eq!(
            error,
            "Bad Request: parameter \"chat_id\" must be of type Integer or String"
        );
    }

    #[test]
    fn nested_objects_are_checked_field_by_field() {
        let error = description(call(
            "sendMessage",
            json!({"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [[{"text": 7, "callback_data": "b"}]]}}),
        ));
        assert_eq!(
            error,
            "Bad Request: field \"reply_markup.inline_keyboard[0][0].text\" must be of type String"
        );
        let error = description(call(
            "sendMessage",
            json!({"chat_id": 1, "text": "x", "reply_parameters": {"message_id": 1, "colour": 2}}),
        ));
        assert_eq!(
            error,
            "Bad Request: unknown field \"reply_parameters.colour\""
        );
    }

    #[test]
    fn abstract_types_are_resolved_by_their_discriminator() {
        call(
            "setMyCommands",
            json!({"commands": [], "scope": {"type": "chat", "chat_id": 5}}),
        )
        .expect("chat scope is valid");
        let error = description(call(
            "setMyCommands",
            json!({"commands": [], "scope": {"type": "chat"}}),
        ));
        assert_eq!(error, "Bad Request: field \"scope.chat_id\" is required");
        let error = description(call(
            "setMyCommands",
            json!({"commands": [], "scope": {"type": "everyone"}}),
        ));
        assert_eq!(
            error,
            "Bad Request: field \"scope.type\" has unsupported value \"everyone\""
        );
    }

    #[test]
    fn inline_results_sharing_a_discriminator_try_each_alternative() {
        call(
            "answerInlineQuery",
            json!({"inline_query_id": "1", "results": [
                {"type": "audio", "id": "a", "audio_file_id": "f"},
                {"type": "audio", "id": "b", "audio_url": "https://x/y.mp3", "title": "t"},
                {"type": "article", "id": "c", "title": "t", "input_message_content": {"message_text": "hi"}}
            ]}),
        )
        .expect("cached and uncached audio results are both valid");
    }

    #[test]
    fn text_values_are_coerced_to_their_declared_types() {
        let spec = Spec::get();
        let method = spec.method("getUpdates").expect("exists");
        let input = vec![
            ("offset".to_owned(), Input::Text("-3".to_owned())),
            ("timeout".to_owned(), Input::Text("0".to_owned())),
            (
                "allowed_updates".to_owned(),
                Input::Text("[\"message\"]".to_owned()),
            ),
        ];
        let params = spec
            .validate_call(method, input, Strictness::Strict)
            .expect("valid");
        assert_eq!(params["offset"], json!(-3));
        assert_eq!(params["allowed_updates"], json!(["message"]));
        let input = vec![("limit".to_owned(), Input::Text("many".to_owned()))];
        let error = spec
            .validate_call(method, input, Strictness::Strict)
            .expect_err("not an integer");
        assert_eq!(
            error.description,
            "Bad Request: parameter \"limit\" must be of type Integer"
        );
    }

    #[test]
    fn file_parts_are_accepted_only_where_an_input_file_is() {
        let spec = Spec::get();
        let method = spec.method("sendPhoto").expect("exists");
        let input = vec![
            ("chat_id".to_owned(), Input::Text("1".to_owned())),
            ("photo".to_owned(), Input::File("photo".to_owned())),
        ];
        let params = spec
            .validate_call(method, input, Strictness::Strict)
            .expect("valid");
        assert_eq!(params["photo"], json!("attach://photo"));
        let input = vec![
            ("chat_id".to_owned(), Input::Text("1".to_owned())),
            ("photo".to_owned(), Input::Text("x".to_owned())),
            ("caption".to_owned(), Input::File("caption".to_owned())),
        ];
        let error = spec
            .validate_call(method, input, Strictness::Strict)
            .expect_err("caption is no file");
        assert_eq!(
            error.description,
            "Bad Request: parameter \"caption\" must be of type String"
        );
    }

    #[test]
    fn legacy_parameters_are_still_understood() {
        call(
            "sendMessage",
            json!({"chat_id": 1, "text": "x", "reply_to_message_id": 3}),
        )
        .expect("reply_to_message_id is still honoured");
        call("sendPoll", json!({"chat_id": 1, "question": "q", "options": [{"text": "a"}, {"text": "b"}], "correct_option_id": 0}))
            .expect("correct_option_id is still honoured");
    }

    #[test]
    fn strict_checks_refuse_coercions() {
        let spec = Spec::get();
        assert!(
            spec.check_value(
                "User",
                &json!({"id": 1, "is_bot": false, "first_name": "A"})
            )
            .is_ok()
        );
        let error = spec.check_value(
            "User",
            &json!({"id": "1", "is_bot": false, "first_name": "A"}),
        );
        assert_eq!(
            error,
            Err("field \"User.id\" must be of type Integer".to_owned())
        );
    }
}
