//! The reference itself: the vendored JSON parsed once into methods and types, with the
//! legacy parameters Telegram still honours and the method aliases it still answers.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

const SPEC_SOURCE: &str = include_str!("../../spec/telegram-bot-api-10.1.json");

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
    pub(super) fn parse(text: &str) -> TypeRef {
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
    pub(super) fn param(&self, name: &str) -> Option<&Field> {
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
