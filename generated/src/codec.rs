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
macro_rules! string_enum_impls {
    ($name:ident { $($variant:ident => $wire:literal),* $(,)? }) => {
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
pub(crate) use string_enum_impls;

/// Implements a generated `oneOf` whose members share a tag property: one `From` impl per member
/// (boxing it), a `Serialize` that writes the member as it is, and a `Deserialize` that reads the
/// tag and decodes only the member it names.
///
/// A tag this version does not know, or no tag, decodes into `UnparsedObject` with the JSON kept.
/// A known tag whose member does not decode is an error, not a silent fallback.
macro_rules! tagged_one_of_impls {
    ($name:ident, $tag:literal, { $($member:ident => $value:literal),* $(,)? }) => {
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
pub(crate) use tagged_one_of_impls;

/// Declares one private module per generated model and re-exports its type: `models/mod.rs` is a
/// list of `module::Type` pairs.
macro_rules! model_modules {
    ($($module:ident :: $name:ident),* $(,)?) => {
        $(
            mod $module;
            pub use self::$module::$name;
        )*
    };
}
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
        Self { type_name, marker: std::marker::PhantomData }
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
    pub fn tag(&self, name: &str) -> Option<Cow<'_, str>> {
        let mut deserializer = serde_json::Deserializer::from_str(self.0.get());
        deserializer.deserialize_any(TagVisitor { name }).ok().flatten()
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

/// Serde support for optional nullable fields, `Option<Option<T>>`: absent is `None`, `null` is
/// `Some(None)`, and a value is `Some(Some(value))`.
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes `null` for `Some(None)`; `None` is skipped by the field's `skip_serializing_if`.
    pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a present field: `null` becomes `Some(None)`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}
