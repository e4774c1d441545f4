//! Encoding and decoding support for the generated models: string enums, `oneOf` dispatch, nullable fields.
//!
//! This module is written by hand and holds no spec data; generated models call it.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

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
/// (boxing it), a `Serialize` that writes the member as it is, [`TaggedOneOf`], and a `Deserialize`
/// that reads the tag and decodes only the member it names, in one pass over the input (see
/// [`deserialize_tagged_one_of`]).
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

        impl $crate::codec::TaggedOneOf for $name {
            const TYPE_NAME: &'static str = stringify!($name);
            const TAG: &'static str = $tag;

            fn decode_member<'de, D: ::serde::Deserializer<'de>>(
                tag: &str,
                member: D,
            ) -> ::std::result::Result<Self, D::Error> {
                match tag {
                    $($value => <$member as ::serde::Deserialize>::deserialize(member)
                        .map(|value| Self::$member(Box::new(value))),)*
                    _ => <::serde_json::Value as ::serde::Deserialize>::deserialize(member)
                        .map(Self::UnparsedObject),
                }
            }

            fn unparsed(value: ::serde_json::Value) -> Self {
                Self::UnparsedObject(value)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::codec::deserialize_tagged_one_of(deserializer)
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

/// What a generated tagged `oneOf` tells [`deserialize_tagged_one_of`]: its tag property, how to
/// decode the member a tag names, and how to keep JSON that names no known member.
///
/// [`tagged_one_of_impls`] implements it; nothing else should.
#[doc(hidden)]
pub trait TaggedOneOf: Sized {
    /// The name of the union, for error messages.
    const TYPE_NAME: &'static str;
    /// The name of the property whose string value says which member the object is.
    const TAG: &'static str;

    /// Decodes the member that `tag` names from `member`, which yields the whole object, tag
    /// included; a tag this version does not know decodes into the catch-all variant.
    fn decode_member<'de, D: Deserializer<'de>>(tag: &str, member: D) -> Result<Self, D::Error>;

    /// Wraps JSON that names no member (no tag, a tag that is not a string, or not an object).
    fn unparsed(value: Value) -> Self;
}

/// Decodes a tagged `oneOf` in one pass over the input, without capturing the whole object first.
///
/// The members of the object are read in order. Until the tag shows up, each value is kept as the
/// JSON text it spans, borrowed from the input, which only costs a scan. Once the tag is read, the
/// member it names decodes from the kept values, then the tag, then the rest of the object, which
/// is read straight from the input. So a tag that comes first costs nothing extra, and a tag that
/// comes last costs one scan of the members before it; a nested `oneOf` no longer makes the
/// input be captured and parsed again once per level.
///
/// When the deserializer cannot lend its input (`serde_json::from_reader`, `serde_json::from_value`
/// or a deserializer that is not serde_json), the kept values are `serde_json::Value`s instead:
/// slower, but the result is the same.
#[doc(hidden)]
pub fn deserialize_tagged_one_of<'de, U: TaggedOneOf, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<U, D::Error> {
    deserializer.deserialize_newtype_struct(
        TAGGED_ONE_OF_TOKEN,
        KnownTextVisitor {
            marker: std::marker::PhantomData,
        },
    )
}

/// The newtype name under which a tagged `oneOf` asks for the text of its value. Only
/// [`KnownText`] answers it, with the text it already holds; every other deserializer treats it as
/// an ordinary newtype and hands itself over.
const TAGGED_ONE_OF_TOKEN: &str = "$datadog_client::codec::TaggedOneOf";

/// Receives either the text of a tagged `oneOf` value, from [`KnownText`], or any other deserializer.
struct KnownTextVisitor<U> {
    marker: std::marker::PhantomData<U>,
}

impl<'de, U: TaggedOneOf> Visitor<'de> for KnownTextVisitor<U> {
    type Value = U;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "a JSON value for {}", U::TYPE_NAME)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<U, D::Error> {
        deserializer.deserialize_any(TaggedOneOfVisitor {
            marker: std::marker::PhantomData,
        })
    }

    /// The text was kept by an enclosing `oneOf`: the tag is found by a byte scan of text already
    /// known to be valid JSON, with no second serde scan, and the member decodes from the text.
    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<U, E> {
        let tag = match tag_scan::last_member(text, U::TAG) {
            Some(tag) => tag_scan::Scan::Found(tag),
            None => tag_scan::top_level_member(text, U::TAG),
        };
        let decoded = match tag {
            tag_scan::Scan::Found(tag) => U::decode_member(tag, KnownText(text)),
            tag_scan::Scan::Absent => serde_json::from_str(text).map(U::unparsed),
            tag_scan::Scan::NeedsParse => {
                serde_json::Deserializer::from_str(text).deserialize_any(TaggedOneOfVisitor {
                    marker: std::marker::PhantomData,
                })
            }
        };
        decoded.map_err(|error| without_position(&error))
    }
}

/// Reads the members of a tagged `oneOf` object until it finds the tag; see [`deserialize_tagged_one_of`].
struct TaggedOneOfVisitor<U> {
    marker: std::marker::PhantomData<U>,
}

impl<'de, U: TaggedOneOf> Visitor<'de> for TaggedOneOfVisitor<U> {
    type Value = U;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "a JSON value for {}", U::TYPE_NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
        let mut before_tag = smallvec::SmallVec::<KeptMembers<'de>>::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let value = map.next_value::<Captured<'de>>()?;
            if key.as_str() == U::TAG
                && let Some(tag) = value.as_tag()
            {
                let member = Replay {
                    before_tag: before_tag.into_iter(),
                    tag_member: Some((key, value)),
                    pending_value: None,
                    rest: Some(map),
                };
                return U::decode_member(&tag, member);
            }
            before_tag.push((key, value));
        }
        let object = Replay {
            before_tag: before_tag.into_iter(),
            tag_member: None,
            pending_value: None,
            rest: None::<A>,
        };
        Value::deserialize(object).map(U::unparsed)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut sequence: A) -> Result<U, A::Error> {
        let mut elements = Vec::new();
        while let Some(element) = sequence.next_element::<Value>()? {
            elements.push(element);
        }
        Ok(U::unparsed(Value::Array(elements)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<U, E> {
        Ok(U::unparsed(Value::String(value.to_owned())))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<U, E> {
        Ok(U::unparsed(Value::String(value)))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<U, E> {
        Ok(U::unparsed(Value::Bool(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<U, E> {
        Ok(U::unparsed(Value::from(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<U, E> {
        Ok(U::unparsed(Value::from(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<U, E> {
        Ok(U::unparsed(Value::from(value)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<U, E> {
        Ok(U::unparsed(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<U, E> {
        Ok(U::unparsed(Value::Null))
    }
}

/// The object of a tagged `oneOf` handed to the member that decodes it: first the members read
/// before the tag, then the tag, then the rest of the object from the original input.
struct Replay<'de, A> {
    before_tag: smallvec::IntoIter<KeptMembers<'de>>,
    tag_member: Option<(Key<'de>, Captured<'de>)>,
    /// The value of the kept member whose key was just handed out.
    pending_value: Option<Captured<'de>>,
    /// The rest of the object, or `None` when it has already been read to its end.
    rest: Option<A>,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Replay<'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some((key, value)) = self.before_tag.next().or_else(|| self.tag_member.take()) {
            self.pending_value = Some(value);
            return key.deserialize_into(seed).map(Some);
        }
        match &mut self.rest {
            Some(rest) => rest.next_key_seed(seed),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match (self.pending_value.take(), &mut self.rest) {
            (Some(value), _) => value.deserialize_into(seed),
            (None, Some(rest)) => rest.next_value_seed(seed),
            (None, None) => Err(de::Error::custom("a value was asked for before its key")),
        }
    }
}

/// Room for the members of a tagged `oneOf` object read before its tag, in order. The first four
/// are kept inline, so that the usual object, with a handful of members before its tag, allocates
/// nothing.
type KeptMembers<'de> = [(Key<'de>, Captured<'de>); 4];

/// An object key, borrowed from the input when it has no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Key<'de> {
    fn as_str(&self) -> &str {
        match self {
            Self::Borrowed(key) => key,
            Self::Owned(key) => key,
        }
    }

    fn into_string(self) -> String {
        match self {
            Self::Borrowed(key) => key.to_owned(),
            Self::Owned(key) => key,
        }
    }

    /// Hands the key to `seed` as a string.
    fn deserialize_into<S: DeserializeSeed<'de>, E: de::Error>(
        self,
        seed: S,
    ) -> Result<S::Value, E> {
        match self {
            Self::Borrowed(key) => seed.deserialize(de::value::BorrowedStrDeserializer::new(key)),
            Self::Owned(key) => seed.deserialize(key.into_deserializer()),
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Accepts any string, borrowing it when the deserializer can lend it.
struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(key))
    }
}

/// A deserializer for text already known to be one valid JSON value, kept by a tagged `oneOf`.
///
/// It parses the text with serde_json, except in two cases. A nested tagged `oneOf` (or a
/// `RawJson`) gets the text itself, so that it neither captures nor scans it again. A string
/// without escapes, asked for as a string, is handed out borrowed from the text.
struct KnownText<'de>(&'de str);

/// Forwards deserializer methods to serde_json's parser of the text.
macro_rules! forward_to_json_text {
    ($($method:ident),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, serde_json::Error> {
                serde_json::Deserializer::from_str(self.0).$method(visitor)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for KnownText<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, serde_json::Error> {
        match plain_string(self.0) {
            Some(contents) => visitor.visit_borrowed_str(contents),
            None => serde_json::Deserializer::from_str(self.0).deserialize_any(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, serde_json::Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        self.deserialize_any(visitor)
    }

    forward_to_json_text!(
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_ignored_any,
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        serde_json::Deserializer::from_str(self.0).deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        if name == TAGGED_ONE_OF_TOKEN {
            return visitor.visit_borrowed_str(self.0);
        }
        if name == RAW_VALUE_TOKEN {
            return visitor.visit_map(KnownRawText(Some(self.0)));
        }
        serde_json::Deserializer::from_str(self.0).deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        length: usize,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        serde_json::Deserializer::from_str(self.0).deserialize_tuple(length, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        length: usize,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        serde_json::Deserializer::from_str(self.0).deserialize_tuple_struct(name, length, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        serde_json::Deserializer::from_str(self.0).deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        serde_json::Deserializer::from_str(self.0).deserialize_enum(name, variants, visitor)
    }
}

/// The contents of `text` when it is a JSON string without escapes, borrowed from it. `text` is
/// one valid JSON value, so its first and last quotes are the string's own.
fn plain_string(text: &str) -> Option<&str> {
    let contents = text.strip_prefix('"')?.strip_suffix('"')?;
    (!contents.as_bytes().contains(&b'\\')).then_some(contents)
}

/// Hands out known text the way serde_json hands out raw values: one entry, keyed by
/// [`RAW_VALUE_TOKEN`], whose value is the text.
struct KnownRawText<'de>(Option<&'de str>);

impl<'de> MapAccess<'de> for KnownRawText<'de> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, serde_json::Error> {
        if self.0.is_none() {
            return Ok(None);
        }
        seed.deserialize(de::value::BorrowedStrDeserializer::new(RAW_VALUE_TOKEN))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, serde_json::Error> {
        match self.0.take() {
            Some(text) => seed.deserialize(de::value::BorrowedStrDeserializer::new(text)),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }
}

/// The name of the newtype through which serde_json hands out the raw text of a value (its
/// `RawValue` protocol). A test checks it against serde_json itself; were it ever wrong, values
/// would be kept as `serde_json::Value`s, which is slower but still correct.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// One JSON value kept for later: the text it spans in the input when the deserializer can lend
/// it, which costs a scan and no allocation, or else a parsed `serde_json::Value`.
enum Captured<'de> {
    /// Valid JSON text, borrowed from the input.
    Text(&'de str),
    /// The value, parsed; boxed so that a kept value stays as small as borrowed text.
    Value(Box<Value>),
}

impl<'de> Captured<'de> {
    /// The value as a tag: a string, borrowed when it has no escapes.
    fn as_tag(&self) -> Option<Cow<'de, str>> {
        match self {
            Self::Text(text) => match plain_string(text) {
                Some(tag) => Some(Cow::Borrowed(tag)),
                None => serde_json::from_str::<String>(text).ok().map(Cow::Owned),
            },
            Self::Value(value) => value.as_str().map(|tag| Cow::Owned(tag.to_owned())),
        }
    }

    /// Decodes the value with `seed`, turning a failure into the caller's error type.
    fn deserialize_into<S: DeserializeSeed<'de>, E: de::Error>(
        self,
        seed: S,
    ) -> Result<S::Value, E> {
        match self {
            Self::Text(text) => seed
                .deserialize(KnownText(text))
                .map_err(|error| without_position(&error)),
            Self::Value(value) => seed
                .deserialize(*value)
                .map_err(|error| without_position(&error)),
        }
    }

    /// The value parsed as a `serde_json::Value`.
    fn into_value<E: de::Error>(self) -> Result<Value, E> {
        match self {
            Self::Text(text) => {
                serde_json::from_str(text).map_err(|error| without_position(&error))
            }
            Self::Value(value) => Ok(*value),
        }
    }
}

/// Converts a serde_json error met inside a kept value into the caller's error type, dropping its
/// line and column: they count from the start of the kept value, and the caller adds its own.
fn without_position<E: de::Error>(error: &serde_json::Error) -> E {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    E::custom(message.strip_suffix(&position).unwrap_or(&message))
}

impl<'de> Deserialize<'de> for Captured<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, CapturedVisitor)
    }
}

/// Receives serde_json's raw text of a value, or the value itself from any other deserializer.
struct CapturedVisitor;

impl<'de> Visitor<'de> for CapturedVisitor {
    type Value = Captured<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Captured<'de>, A::Error> {
        let Some(key) = map.next_key::<Key<'de>>()? else {
            return Ok(Captured::Value(Box::new(Value::Object(
                serde_json::Map::new(),
            ))));
        };
        if key.as_str() == RAW_VALUE_TOKEN {
            return map.next_value_seed(CapturedTextSeed);
        }
        // A deserializer that does not speak serde_json's raw value protocol handed over an object.
        let mut object = serde_json::Map::new();
        object.insert(key.into_string(), map.next_value()?);
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            object.insert(key, value);
        }
        Ok(Captured::Value(Box::new(Value::Object(object))))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Captured<'de>, D::Error> {
        Value::deserialize(deserializer).map(|value| Captured::Value(Box::new(value)))
    }
}

/// Reads the raw text serde_json hands out: borrowed from the input, or an owned copy to parse.
struct CapturedTextSeed;

impl<'de> DeserializeSeed<'de> for CapturedTextSeed {
    type Value = Captured<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Captured<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for CapturedTextSeed {
    type Value = Captured<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("the raw text of a JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Captured<'de>, E> {
        Ok(Captured::Text(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Captured<'de>, E> {
        serde_json::from_str(text)
            .map(|value| Captured::Value(Box::new(value)))
            .map_err(|error| without_position(&error))
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

/// The JSON of one untagged `oneOf` value, kept so that each member can be tried in turn.
///
/// The text is borrowed from the input when the deserializer can lend it, so keeping it costs a
/// scan and no copy; otherwise it is kept as a `serde_json::Value`.
#[doc(hidden)]
pub struct RawJson<'de>(Captured<'de>);

impl<'de> Deserialize<'de> for RawJson<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Captured::deserialize(deserializer).map(Self)
    }
}

impl RawJson<'_> {
    /// Decodes the kept JSON as `T`, turning a failure into the caller's error type.
    pub fn decode<T: DeserializeOwned, E: de::Error>(&self) -> Result<T, E> {
        match &self.0 {
            Captured::Text(text) => serde_json::from_str(text),
            Captured::Value(value) => T::deserialize(value.as_ref()),
        }
        .map_err(|error| without_position(&error))
    }

    /// Decodes the kept JSON as `T` if it fits.
    pub fn try_decode<T: DeserializeOwned>(&self) -> Option<T> {
        match &self.0 {
            Captured::Text(text) => serde_json::from_str(text).ok(),
            Captured::Value(value) => T::deserialize(value.as_ref()).ok(),
        }
    }

    /// The kept JSON as a value, for the catch-all variant.
    pub fn into_value<E: de::Error>(self) -> Result<Value, E> {
        self.0.into_value()
    }
}

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

#[cfg(test)]
mod tests {
    //! Unit tests of the one-pass `oneOf` decoding: it must pick the member a full parse would
    //! pick, from every kind of deserializer, and keep everything else as JSON.

    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer};
    use serde_json::{Value, json};

    use super::{Captured, RAW_VALUE_TOKEN};

    /// A member with a nested union, so that nesting and both tag positions are exercised.
    #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Outer {
        #[serde(rename = "type")]
        kind: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        inner: Option<Probe>,
    }

    /// A member with a required field, to check that a known tag with a broken member fails.
    #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Strict {
        #[serde(rename = "type")]
        kind: String,
        required: String,
    }

    /// A tagged union built by the same macro as the generated ones.
    #[derive(Clone, Debug, PartialEq)]
    enum Probe {
        Outer(Box<Outer>),
        Strict(Box<Strict>),
        UnparsedObject(Value),
    }

    crate::codec::tagged_one_of_impls!(Probe, "type", Outer => "AWS", Strict => "Strict");

    /// An untagged union written out exactly as `templates/model_union.rs.j2` writes one.
    #[derive(Clone, Debug, PartialEq, serde::Serialize)]
    #[serde(untagged)]
    enum Untagged {
        Number(i64),
        Text(String),
        UnparsedObject(Value),
    }

    impl<'de> serde::Deserialize<'de> for Untagged {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let raw = <crate::codec::RawJson as serde::Deserialize>::deserialize(deserializer)?;
            if let Some(value) = raw.try_decode() {
                return Ok(Self::Number(value));
            }
            if let Some(value) = raw.try_decode() {
                return Ok(Self::Text(value));
            }
            raw.into_value().map(Self::UnparsedObject)
        }
    }

    /// The member a full parse says `json` is: the string value of its top-level `type`.
    fn expected(json: &str) -> Probe {
        let value: Value = serde_json::from_str(json).expect("each case is JSON");
        match value.get("type").and_then(Value::as_str) {
            Some("AWS") => Probe::Outer(Box::new(
                serde_json::from_value(value).expect("the AWS cases fit"),
            )),
            _ => Probe::UnparsedObject(value),
        }
    }

    /// Decodes `json` from a string, from bytes, from a reader and from a `Value`.
    fn decoded_every_way(json: &str) -> [Probe; 4] {
        let value: Value = serde_json::from_str(json).expect("each case is JSON");
        [
            serde_json::from_str(json).expect("decodes from a string"),
            serde_json::from_slice(json.as_bytes()).expect("decodes from bytes"),
            serde_json::from_reader(json.as_bytes()).expect("decodes from a reader"),
            serde_json::from_value(value).expect("decodes from a value"),
        ]
    }

    /// Objects with the tag in every position (after more members than are kept inline, too),
    /// escaped, nested, missing, of the wrong type, and values that are not objects.
    const CASES: [&str; 20] = [
        r#"{"a":1,"b":"two","c":[3],"d":{"e":4},"f":null,"inner":{"type":"GCP"},"type":"AWS"}"#,
        r#"{"a":1,"b":"two","c":[3],"d":{"e":4},"f":null,"g":false}"#,
        r#"{"inner":{"role":"r","type":"AWS"},"type":"AWS"}"#,
        r#"{"type":"AWS","inner":{"type":"GCP"}}"#,
        r#"{ "a" : [1, {"type": "x"}, "]}"] , "type" : "HTTP" }"#,
        "{\n  \"type\": \"AWS\",\n  \"domain\": \"d\"\n}\n",
        r#"{"a":1.5e3,"b":true,"c":null,"type":"GCP"}"#,
        r#"{"a":"x\",\"type\":\"AWS","b":"c"}"#,
        r#"{"a":"x\",\"type\":\"AWS"}"#,
        r#"{"a":"\\","type":"AWS"}"#,
        r#"{"type":"A\u0057S"}"#,
        r#"{"typ\u0065":"AWS","b":1}"#,
        r#"{"type":null,"b":1}"#,
        r#"{"type":7}"#,
        r#"{"inner":{"type":"AWS"}}"#,
        r#"{}"#,
        r#"[{"type":"AWS"}]"#,
        r#""type""#,
        "12",
        "null",
    ];

    #[test]
    fn the_member_is_the_one_a_full_parse_names() {
        for json in CASES {
            let expected = expected(json);
            for decoded in decoded_every_way(json) {
                assert_eq!(decoded, expected, "{json}");
            }
        }
    }

    /// An `AWS` member holding `inner`.
    fn aws(inner: Option<Probe>) -> Probe {
        Probe::Outer(Box::new(Outer {
            kind: "AWS".to_owned(),
            inner,
        }))
    }

    #[test]
    fn a_union_kept_by_an_enclosing_union_picks_the_same_member() {
        for json in CASES {
            if json == "null" {
                // An absent `inner` and a `null` one are both `None`.
                continue;
            }
            let nested = format!(r#"{{"inner":{json},"type":"AWS"}}"#);
            for decoded in decoded_every_way(&nested) {
                assert_eq!(decoded, aws(Some(expected(json))), "{nested}");
            }
        }
    }

    #[test]
    fn the_tag_scans_agree_with_a_full_parse() {
        for json in CASES {
            let value: Value = serde_json::from_str(json).expect("each case is JSON");
            let parsed = value.get("type").and_then(Value::as_str);
            let scanned = match super::tag_scan::last_member(json, "type") {
                Some(tag) => Some(tag),
                None => match super::tag_scan::top_level_member(json, "type") {
                    super::tag_scan::Scan::Found(tag) => Some(tag),
                    super::tag_scan::Scan::Absent => None,
                    // Escapes and non-string values are left to serde, which is tested above.
                    super::tag_scan::Scan::NeedsParse => continue,
                },
            };
            assert_eq!(scanned, parsed, "{json}");
        }
        assert_eq!(
            super::tag_scan::last_member(r#"{"a":{"type":"x"},"type":"AWS"}"#, "type"),
            Some("AWS")
        );
        assert_eq!(
            super::tag_scan::last_member(r#"{"a":"x\",\"type\":\"AWS"}"#, "type"),
            None
        );
        assert_eq!(
            super::tag_scan::last_member(r#"{"type":"AWS","a":1}"#, "type"),
            None
        );
    }

    #[test]
    fn nested_unions_decode_whichever_side_their_tag_is_on() {
        let three_levels = aws(Some(aws(Some(aws(None)))));
        for json in [
            r#"{"inner":{"inner":{"type":"AWS"},"type":"AWS"},"type":"AWS"}"#,
            r#"{"type":"AWS","inner":{"type":"AWS","inner":{"type":"AWS"}}}"#,
            r#"{"inner":{"type":"AWS","inner":{"x":[1],"type":"AWS"}},"type":"AWS"}"#,
        ] {
            for decoded in decoded_every_way(json) {
                assert_eq!(decoded, three_levels, "{json}");
            }
        }
    }

    #[test]
    fn a_known_tag_with_a_broken_member_is_an_error_with_one_position() {
        let json = r#"{"inner": {"type": "Strict"}, "type": "AWS"}"#;
        let error = serde_json::from_str::<Probe>(json).expect_err("the nested member is broken");
        let message = error.to_string();
        assert!(message.contains("missing field `required`"), "{message}");
        assert_eq!(message.matches(" at line ").count(), 1, "{message}");
        let error = serde_json::from_str::<Probe>(r#"{"type": "Strict"}"#)
            .expect_err("the member is broken");
        assert!(error.to_string().contains("required"), "{error}");
    }

    #[test]
    fn an_unknown_member_keeps_its_members_in_order() {
        let json = r#"{"z":1,"type":"New","a":{"b":[1,2]},"m":"x"}"#;
        for decoded in decoded_every_way(json) {
            let Probe::UnparsedObject(value) = &decoded else {
                panic!("{decoded:?}")
            };
            assert_eq!(
                serde_json::to_string(value).expect("encodes"),
                json,
                "the catch-all writes the object back as it came"
            );
        }
    }

    #[test]
    fn unions_decode_inside_flattened_maps() {
        #[derive(Debug, serde::Deserialize)]
        struct Holder {
            #[serde(flatten)]
            members: BTreeMap<String, Probe>,
        }
        let holder: Holder = serde_json::from_str(
            r#"{"one":{"inner":{"type":"AWS"},"type":"AWS"},"two":{"type":"?"}}"#,
        )
        .expect("decodes");
        assert!(
            matches!(holder.members["one"], Probe::Outer(_)),
            "{holder:?}"
        );
        assert_eq!(
            holder.members["two"],
            Probe::UnparsedObject(json!({"type": "?"}))
        );
    }

    #[test]
    fn values_are_borrowed_from_an_input_that_lends_them() {
        let json = r#"{"a": [1, "two"]}"#;
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let captured = Captured::deserialize(&mut deserializer).expect("captures");
        assert!(matches!(captured, Captured::Text(text) if text == json));
        let mut deserializer = serde_json::Deserializer::from_reader(json.as_bytes());
        let captured = Captured::deserialize(&mut deserializer).expect("captures from a reader");
        assert!(matches!(captured, Captured::Value(value) if *value == json!({"a": [1, "two"]})));
    }

    #[test]
    fn tags_are_strings_borrowed_when_they_have_no_escapes() {
        let tag = |json: &'static str| {
            let captured: Captured<'static> = serde_json::from_str(json).expect("captures");
            captured.as_tag().map(|tag| {
                (
                    matches!(tag, std::borrow::Cow::Borrowed(_)),
                    tag.into_owned(),
                )
            })
        };
        assert_eq!(tag(r#""AWS""#), Some((true, "AWS".to_owned())));
        assert_eq!(tag(r#""A\u0057S""#), Some((false, "AWS".to_owned())));
        assert_eq!(tag(r#""a\"b""#), Some((false, "a\"b".to_owned())));
        assert_eq!(tag("7"), None);
        assert_eq!(tag("null"), None);
        assert_eq!(tag(r#"["AWS"]"#), None);
    }

    #[test]
    fn the_raw_value_token_is_the_one_serde_json_uses() {
        /// A deserializer that only reports the newtype name it is asked for.
        struct TokenProbe;

        #[derive(Debug)]
        struct Reported(String);

        impl std::fmt::Display for Reported {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str(&self.0)
            }
        }

        impl std::error::Error for Reported {}

        impl serde::de::Error for Reported {
            fn custom<T: std::fmt::Display>(message: T) -> Self {
                Self(message.to_string())
            }
        }

        impl<'de> Deserializer<'de> for TokenProbe {
            type Error = Reported;

            fn deserialize_any<V: serde::de::Visitor<'de>>(
                self,
                _: V,
            ) -> Result<V::Value, Reported> {
                Err(Reported(String::new()))
            }

            fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(
                self,
                name: &'static str,
                _: V,
            ) -> Result<V::Value, Reported> {
                Err(Reported(name.to_owned()))
            }

            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
                option unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
            }
        }

        let reported = <&serde_json::value::RawValue as Deserialize>::deserialize(TokenProbe)
            .expect_err("the probe never produces a value");
        assert_eq!(reported.0, RAW_VALUE_TOKEN);
    }

    #[test]
    fn untagged_unions_try_each_member_from_every_deserializer() {
        for (json, expected) in [
            ("3", Untagged::Number(3)),
            (r#""three""#, Untagged::Text("three".to_owned())),
            (r#"{"n":3}"#, Untagged::UnparsedObject(json!({"n": 3}))),
        ] {
            let value: Value = serde_json::from_str(json).expect("each case is JSON");
            assert_eq!(
                serde_json::from_str::<Untagged>(json).expect("decodes"),
                expected
            );
            assert_eq!(
                serde_json::from_reader::<_, Untagged>(json.as_bytes()).expect("decodes"),
                expected
            );
            assert_eq!(
                serde_json::from_value::<Untagged>(value).expect("decodes"),
                expected
            );
        }
    }
}
