//! The walk of a value against the reference: unions, arrays, objects, abstract types picked by
//! their discriminator, and Telegram's coercions of text input.

use serde_json::{Map, Value};

use super::mismatch::{Mismatch, Path, best_failure};
use super::reference::{Spec, TypeDef, TypeRef};

/// Walks a value against the spec. `coerce` applies Telegram's coercions for client input
/// (off when checking what the simulator itself renders); `ignore_unknown` drops unknown fields
/// instead of refusing them (the lenient mode).
pub(super) struct Checker<'a> {
    pub(super) spec: &'a Spec,
    pub(super) coerce: bool,
    pub(super) ignore_unknown: bool,
}

impl Checker<'_> {
    pub(super) fn check_union(
        &self,
        types: &[TypeRef],
        value: Value,
        path: &Path,
    ) -> Result<Value, Mismatch> {
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

    pub(super) fn check_one(
        &self,
        ty: &TypeRef,
        value: Value,
        path: &Path,
    ) -> Result<Value, Mismatch> {
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

fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
