//! Encoding and decoding support for the generated models: string enums, `oneOf` dispatch, nullable fields.
//!
//! This module is written by hand and holds no spec data; generated models call it.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// Implements a generated string enum from its list of known values: `as_str`, `From<&str>`,
/// `Display`, `FromStr`, `Serialize` and `Deserialize`.
///
/// Unknown values become the `UnknownValue` variant and are written back unchanged. Deserializing
/// borrows the string when it can, so a known value costs no allocation.
// A spec without models of this kind leaves the macro unused; that is not a mistake.
#[allow(unused_macros)]
macro_rules! string_enum_impls {
    ($name:ident, $($variant:ident => $wire:literal),* $(,)?) => {
        impl $name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::UnknownValue(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    unknown => Self::UnknownValue(unknown.to_string()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                deserializer.deserialize_str($crate::codec::StringEnumVisitor::<Self>::new(stringify!($name)))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum_impls;

/// Implements a generated integer enum from its list of known values: `value`, `From<i64>`,
/// `Display`, `Serialize` and `Deserialize`.
///
/// Unknown values become the `UnknownValue` variant and are written back unchanged.
// A spec without models of this kind leaves the macro unused; that is not a mistake.
#[allow(unused_macros)]
macro_rules! integer_enum_impls {
    ($name:ident, $($variant:ident => $wire:literal),* $(,)?) => {
        impl $name {
            /// The value as it is sent on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::UnknownValue(value) => *value,
                }
            }
        }

        impl ::std::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    unknown => Self::UnknownValue(unknown),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(formatter, "{}", self.value())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use integer_enum_impls;

/// Implements a generated `oneOf` whose members share a tag property: one `From` impl per member
/// (boxing it), a `Serialize` that writes the member as it is, and a `Deserialize` that reads the
/// tag and decodes only the member it names.
///
/// A tag this version does not know, or no tag, decodes into `UnparsedObject` with the JSON kept.
/// A known tag whose member does not decode is an error, not a silent fallback.
// A spec without models of this kind leaves the macro unused; that is not a mistake.
#[allow(unused_macros)]
macro_rules! tagged_one_of_impls {
    ($name:ident, $tag:literal, $($member:ident => $value:literal),* $(,)?) => {
        $(
            impl ::std::convert::From<$member> for $name {
                fn from(value: $member) -> Self {
                    Self::$member(Box::new(value))
                }
            }
        )*

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$member(value) => value.serialize(serializer),)*
                    Self::UnparsedObject(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let raw = <$crate::codec::RawJson as ::serde::Deserialize>::deserialize(deserializer)?;
                match raw.tag($tag).as_deref() {
                    $(Some($value) => raw.decode().map(Self::$member),)*
                    _ => raw.into_value().map(Self::UnparsedObject),
                }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use tagged_one_of_impls;

/// Declares one private module per generated model and re-exports its type: `models/mod.rs` is a
/// list of `module::Type` pairs.
// A spec without models of this kind leaves the macro unused; that is not a mistake.
#[allow(unused_macros)]
macro_rules! model_modules {
    ($($module:ident :: $name:ident),* $(,)?) => {
        $(
            mod $module;
            pub use self::$module::$name;
        )*
    };
}
#[allow(unused_imports)]
pub(crate) use model_modules;

/// The serde visitor behind generated string enums: accepts any string and converts it with `From<&str>`.
#[doc(hidden)]
pub struct StringEnumVisitor<T> {
    type_name: &'static str,
    marker: std::marker::PhantomData<T>,
}

impl<T> StringEnumVisitor<T> {
    /// A visitor for the enum named `type_name`, used in error messages.
    pub fn new(type_name: &'static str) -> Self {
        Self {
            type_name,
            marker: std::marker::PhantomData,
        }
    }
}

impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for StringEnumVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "a string value of {}", self.type_name)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

/// The JSON of one `oneOf` value, captured once so that it can be inspected and decoded into one member.
///
/// Capturing raw JSON only scans the bytes; it builds no intermediate `serde_json::Value`. It requires
/// a JSON deserializer (`serde_json::from_str`, `from_slice` or `from_reader`).
#[doc(hidden)]
pub struct RawJson(Box<RawValue>);

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(Self)
    }
}

impl RawJson {
    /// Reads the string value of property `name` when the JSON is an object that has one.
    ///
    /// The captured text is known to be valid JSON, so the tag is found by a byte scan that builds
    /// nothing: first at the end of the object (Datadog sorts keys, so `type` usually comes last),
    /// then member by member. Keys or values with escapes fall back to a full serde parse.
    pub fn tag(&self, name: &str) -> Option<Cow<'_, str>> {
        let json = self.0.get();
        if let Some(value) = tag_scan::last_member(json, name) {
            return Some(Cow::Borrowed(value));
        }
        match tag_scan::top_level_member(json, name) {
            tag_scan::Scan::Found(value) => Some(Cow::Borrowed(value)),
            tag_scan::Scan::Absent => None,
            tag_scan::Scan::NeedsParse => {
                let mut deserializer = serde_json::Deserializer::from_str(json);
                deserializer
                    .deserialize_any(TagVisitor { name })
                    .ok()
                    .flatten()
            }
        }
    }

    /// Decodes the captured JSON as `T`, turning a failure into the caller's error type.
    pub fn decode<T: DeserializeOwned, E: de::Error>(&self) -> Result<T, E> {
        serde_json::from_str(self.0.get()).map_err(E::custom)
    }

    /// Decodes the captured JSON as `T` if it fits.
    pub fn try_decode<T: DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_str(self.0.get()).ok()
    }

    /// The captured JSON as a value, for the catch-all variant.
    pub fn into_value<E: de::Error>(self) -> Result<serde_json::Value, E> {
        serde_json::from_str(self.0.get()).map_err(E::custom)
    }
}

/// Finds one property of an object and returns its string value, skipping everything else.
struct TagVisitor<'n> {
    name: &'n str,
}

impl<'de> Visitor<'de> for TagVisitor<'_> {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if found.is_none() && key == self.name {
                found = map.next_value::<Option<Cow<'de, str>>>().ok().flatten();
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut sequence: A) -> Result<Self::Value, A::Error> {
        while sequence.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// Byte scans that find a top-level string property in text already known to be valid JSON.
///
/// They never allocate and never unescape: whenever a key or value they would return or compare
/// contains a backslash, they give up and the caller parses the text with serde instead.
mod tag_scan {
    /// What a forward scan found.
    pub(super) enum Scan<'a> {
        /// The property exists and its value is a string without escapes.
        Found(&'a str),
        /// The text is not an object, or the object has no such property.
        Absent,
        /// Escapes or a non-string value: only a real parse can tell.
        NeedsParse,
    }

    /// Returns the value of the object's last member when that member is `"name": "value"`.
    pub(super) fn last_member<'a>(json: &'a str, name: &str) -> Option<&'a str> {
        let bytes = json.as_bytes();
        let mut end = skip_whitespace_back(bytes, bytes.len());
        // `end` is one past the closing brace of the object.
        if end == 0 || bytes[end - 1] != b'}' {
            return None;
        }
        end = skip_whitespace_back(bytes, end - 1);
        let (value_start, value_end) = string_before(bytes, end)?;
        end = skip_whitespace_back(bytes, value_start);
        if end == 0 || bytes[end - 1] != b':' {
            return None;
        }
        end = skip_whitespace_back(bytes, end - 1);
        let (key_start, key_end) = string_before(bytes, end)?;
        end = skip_whitespace_back(bytes, key_start);
        // The member must follow a comma or the opening brace: then it is structural, not text.
        if end == 0
            || !matches!(bytes[end - 1], b',' | b'{')
            || &json[key_start + 1..key_end - 1] != name
        {
            return None;
        }
        Some(&json[value_start + 1..value_end - 1])
    }

    /// Walks the members of the top-level object in order and returns the first one named `name`.
    pub(super) fn top_level_member<'a>(json: &'a str, name: &str) -> Scan<'a> {
        let bytes = json.as_bytes();
        let mut position = skip_whitespace(bytes, 0);
        if bytes.get(position) != Some(&b'{') {
            return Scan::Absent;
        }
        position += 1;
        loop {
            position = skip_whitespace(bytes, position);
            match bytes.get(position) {
                Some(b'"') => {}
                Some(b'}') => return Scan::Absent,
                _ => return Scan::NeedsParse,
            }
            let Some(key_end) = plain_string_end(bytes, position) else {
                return Scan::NeedsParse;
            };
            let key = &json[position + 1..key_end - 1];
            position = skip_whitespace(bytes, key_end);
            if bytes.get(position) != Some(&b':') {
                return Scan::NeedsParse;
            }
            position = skip_whitespace(bytes, position + 1);
            if key == name {
                return match plain_string_end(bytes, position) {
                    Some(value_end) => Scan::Found(&json[position + 1..value_end - 1]),
                    None => Scan::NeedsParse,
                };
            }
            let Some(value_end) = skip_value(bytes, position) else {
                return Scan::NeedsParse;
            };
            position = skip_whitespace(bytes, value_end);
            match bytes.get(position) {
                Some(b',') => position += 1,
                Some(b'}') => return Scan::Absent,
                _ => return Scan::NeedsParse,
            }
        }
    }

    /// For a string that ends just before `end` and has no backslash, returns the positions of its
    /// opening quote and one past its closing quote.
    fn string_before(bytes: &[u8], end: usize) -> Option<(usize, usize)> {
        if end == 0 || bytes[end - 1] != b'"' {
            return None;
        }
        let mut position = end - 1;
        while position > 0 {
            position -= 1;
            match bytes[position] {
                b'"' => return Some((position, end)),
                b'\\' => return None,
                _ => {}
            }
        }
        None
    }

    /// For a string starting at `start` with no backslash, returns one past its closing quote.
    fn plain_string_end(bytes: &[u8], start: usize) -> Option<usize> {
        if bytes.get(start) != Some(&b'"') {
            return None;
        }
        for (offset, byte) in bytes[start + 1..].iter().enumerate() {
            match byte {
                b'"' => return Some(start + offset + 2),
                b'\\' => return None,
                _ => {}
            }
        }
        None
    }

    /// Returns one past the end of the value starting at `start`.
    fn skip_value(bytes: &[u8], start: usize) -> Option<usize> {
        let mut depth = 0_usize;
        let mut in_string = false;
        let mut escaped = false;
        for (offset, &byte) in bytes.get(start..)?.iter().enumerate() {
            if in_string {
                match (escaped, byte) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => {
                        in_string = false;
                        if depth == 0 {
                            return Some(start + offset + 1);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match byte {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(start + offset + 1);
                    }
                }
                b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => {
                    return Some(start + offset);
                }
                _ => {}
            }
        }
        // A number or literal that runs to the end of the text.
        (depth == 0 && !in_string).then_some(bytes.len())
    }

    fn skip_whitespace(bytes: &[u8], mut position: usize) -> usize {
        while matches!(bytes.get(position), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            position += 1;
        }
        position
    }

    fn skip_whitespace_back(bytes: &[u8], mut end: usize) -> usize {
        while end > 0 && matches!(bytes[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
            end -= 1;
        }
        end
    }
}

#[cfg(test)]
#[path = "../tests/unit/tag_scan.rs"]
mod tag_scan_tests;

/// Serde support for optional nullable fields, `Option<Option<T>>`: absent is `None`, `null` is
/// `Some(None)`, and a value is `Some(Some(value))`.
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes `null` for `Some(None)`; `None` is skipped by the field's `skip_serializing_if`.
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a present field: `null` becomes `Some(None)`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}
