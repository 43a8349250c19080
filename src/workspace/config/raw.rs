//! A configuration's values before they are checked, from TOML (each with its place in the
//! file) or from JSON, read one key at a time: a wrong value is one problem, and the
//! other keys are still read.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

/// One value of a configuration.
pub(super) enum Raw<'a> {
    Toml(Spanned<DeValue<'a>>),
    Json(&'a serde_json::Value),
}

/// A key of a table, where it is written, and its value.
pub(super) struct Entry<'a> {
    pub key: String,
    pub range: Option<Range<usize>>,
    pub value: Raw<'a>,
}

impl<'a> Raw<'a> {
    /// A whole TOML document; `Err` is a syntax error (with its place in the text).
    pub fn toml(text: &'a str) -> Result<Raw<'a>, toml::de::Error> {
        let table = DeTable::parse(text)?;
        let span = table.span();
        Ok(Raw::Toml(Spanned::new(
            span,
            DeValue::Table(table.into_inner()),
        )))
    }

    /// Where the value is written, in a file.
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Raw::Toml(value) => Some(value.span()),
            Raw::Json(_) => None,
        }
    }

    /// The value as a `T`; `Err` is the value as written, to say what it is instead.
    pub fn get<T: DeserializeOwned>(self) -> Result<T, String> {
        let written = self.written();
        match self {
            Raw::Toml(value) => T::deserialize(ValueDeserializer::from(value)).map_err(|_| written),
            Raw::Json(value) => T::deserialize(value).map_err(|_| written),
        }
    }

    /// The value as a person wrote it: `"ten"`, `-3`, `2026-03-15`, or what it is when it
    /// is a whole list or table.
    pub fn written(&self) -> String {
        match self {
            Raw::Toml(value) => match value.get_ref() {
                DeValue::String(text) => format!("{:?}", text.as_ref()),
                DeValue::Integer(integer) => integer.as_str().to_string(),
                DeValue::Float(float) => float.as_str().to_string(),
                DeValue::Boolean(boolean) => boolean.to_string(),
                DeValue::Datetime(datetime) => datetime.to_string(),
                DeValue::Array(_) => "a list".to_string(),
                DeValue::Table(_) => "a table".to_string(),
            },
            Raw::Json(value) => match value {
                serde_json::Value::Array(_) => "a list".to_string(),
                serde_json::Value::Object(_) => "a table".to_string(),
                other => other.to_string(),
            },
        }
    }

    /// The entries of a table, in the order of the file (TOML) or of the keys (JSON);
    /// `Err` names what the value is instead.
    pub fn entries(self) -> Result<Vec<Entry<'a>>, &'static str> {
        match self {
            Raw::Toml(value) => match value.into_inner() {
                DeValue::Table(table) => {
                    let mut entries: Vec<Entry> = table
                        .into_iter()
                        .map(|(key, value)| Entry {
                            range: Some(key.span()),
                            key: key.into_inner().into_owned(),
                            value: Raw::Toml(value),
                        })
                        .collect();
                    entries.sort_by_key(|entry| entry.range.as_ref().map(|r| r.start));
                    Ok(entries)
                }
                other => Err(other.type_str()),
            },
            Raw::Json(value) => match value {
                serde_json::Value::Object(object) => Ok(object
                    .iter()
                    .map(|(key, value)| Entry {
                        key: key.clone(),
                        range: None,
                        value: Raw::Json(value),
                    })
                    .collect()),
                other => Err(json_type(other)),
            },
        }
    }
}

fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "table",
    }
}
