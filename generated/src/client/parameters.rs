//! Parameter serialization by OpenAPI `style` and `explode`: any `Serialize` value to a path
//! segment, query pairs, a header value or cookies, percent-encoded where it goes.
//!
//! A value is first flattened through `serde_json` (so that dates, UUIDs, enums and models all
//! serialize as their JSON does), then written in the parameter's style; an object's properties
//! are written in name order, as JSON objects are unordered. `None` leaves the
//! parameter out. A path parameter is always exactly one segment: every character outside RFC
//! 3986's unreserved set is percent-encoded, and a segment that would be empty, `.` or `..` is
//! refused before anything is sent.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

/// How a parameter's value is written (OpenAPI `style`), plus `Json` for parameters described by
/// a JSON `content`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Style {
    /// `simple`: comma-separated (path and header default).
    Simple,
    /// `label`: `.`-prefixed (path).
    Label,
    /// `matrix`: `;name=`-prefixed (path).
    Matrix,
    /// `form`: `name=value` (query and cookie default).
    Form,
    /// `spaceDelimited`: array items joined by spaces (query).
    SpaceDelimited,
    /// `pipeDelimited`: array items joined by `|` (query).
    PipeDelimited,
    /// `deepObject`: `name[property]=value` (query).
    DeepObject,
    /// The value's JSON text.
    Json,
}

/// RFC 3986's unreserved characters are left as they are; everything else is encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Query parameter names also keep the brackets of names such as `page[size]`.
const QUERY_NAME: &AsciiSet = &UNRESERVED.remove(b'[').remove(b']');

/// With `allowReserved`, RFC 3986's reserved characters stay as they are too, except those that
/// would end the value (`&`, `#`) or be read as a space (`+`).
const QUERY_RESERVED_ALLOWED: &AsciiSet = &UNRESERVED
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

/// A parameter value that cannot be sent, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParameterProblem(pub String);

/// A value flattened for writing.
#[derive(Clone, Debug, PartialEq)]
enum Flat {
    Absent,
    Primitive(String),
    Array(Vec<String>),
    Object(Vec<(String, Value)>),
}

fn flatten<T: Serialize + ?Sized>(value: &T) -> Result<Flat, ParameterProblem> {
    let value = serde_json::to_value(value)
        .map_err(|error| ParameterProblem(format!("cannot be serialized: {error}")))?;
    Ok(match value {
        Value::Null => Flat::Absent,
        Value::Array(items) => Flat::Array(items.iter().map(primitive_text).collect()),
        Value::Object(object) => Flat::Object(object.into_iter().collect()),
        other => Flat::Primitive(primitive_text(&other)),
    })
}

/// A primitive as text; a nested array or object as its JSON.
fn primitive_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        nested => nested.to_string(),
    }
}

fn json_text<T: Serialize + ?Sized>(value: &T) -> Result<Option<String>, ParameterProblem> {
    let value = serde_json::to_value(value)
        .map_err(|error| ParameterProblem(format!("cannot be serialized: {error}")))?;
    Ok((!value.is_null()).then(|| value.to_string()))
}

fn encode(text: &str, set: &'static AsciiSet) -> String {
    utf8_percent_encode(text, set).to_string()
}

/// The path segment of a path parameter named `name`; `None` when the value is absent.
pub(crate) fn path_segment<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> Result<Option<String>, ParameterProblem> {
    if style == Style::Json {
        return Ok(json_text(value)?.map(|text| encode(&text, UNRESERVED)));
    }
    let flat = flatten(value)?;
    let piece = |text: &str| encode(text, UNRESERVED);
    let pairs = |object: &[(String, Value)], separator: &str, joiner: &str| -> String {
        object
            .iter()
            .map(|(key, value)| {
                format!("{}{separator}{}", piece(key), piece(&primitive_text(value)))
            })
            .collect::<Vec<_>>()
            .join(joiner)
    };
    let segment = match (style, flat) {
        (_, Flat::Absent) => return Ok(None),
        (Style::Label, Flat::Primitive(text)) => format!(".{}", piece(&text)),
        (Style::Label, Flat::Array(items)) => format!(
            ".{}",
            items
                .iter()
                .map(|item| piece(item))
                .collect::<Vec<_>>()
                .join(if explode { "." } else { "," })
        ),
        (Style::Label, Flat::Object(object)) => {
            if explode {
                format!(".{}", pairs(&object, "=", "."))
            } else {
                format!(".{}", pairs(&object, ",", ","))
            }
        }
        (Style::Matrix, Flat::Primitive(text)) => format!(";{}={}", piece(name), piece(&text)),
        (Style::Matrix, Flat::Array(items)) => {
            if explode {
                items
                    .iter()
                    .map(|item| format!(";{}={}", piece(name), piece(item)))
                    .collect()
            } else {
                format!(
                    ";{}={}",
                    piece(name),
                    items
                        .iter()
                        .map(|item| piece(item))
                        .collect::<Vec<_>>()
                        .join(",")
                )
            }
        }
        (Style::Matrix, Flat::Object(object)) => {
            if explode {
                format!(";{}", pairs(&object, "=", ";"))
            } else {
                format!(";{}={}", piece(name), pairs(&object, ",", ","))
            }
        }
        (_, Flat::Primitive(text)) => piece(&text),
        (_, Flat::Array(items)) => items
            .iter()
            .map(|item| piece(item))
            .collect::<Vec<_>>()
            .join(","),
        (_, Flat::Object(object)) => {
            if explode {
                pairs(&object, "=", ",")
            } else {
                pairs(&object, ",", ",")
            }
        }
    };
    match segment.as_str() {
        "" => Err(ParameterProblem(
            "is empty, which would drop a path segment".to_string(),
        )),
        "." | ".." => Err(ParameterProblem(format!(
            "is `{segment}`, which a server would read as a relative path segment"
        ))),
        _ => Ok(Some(segment)),
    }
}

/// The `name=value` pieces of a query parameter, already encoded.
pub(crate) fn query_pairs<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
    allow_reserved: bool,
) -> Result<Vec<String>, ParameterProblem> {
    let value_set = if allow_reserved {
        QUERY_RESERVED_ALLOWED
    } else {
        UNRESERVED
    };
    let encoded_name = encode(name, QUERY_NAME);
    let pair =
        |key: &str, text: &str| format!("{}={}", encode(key, QUERY_NAME), encode(text, value_set));
    if style == Style::Json {
        return Ok(json_text(value)?
            .map(|text| format!("{encoded_name}={}", encode(&text, value_set)))
            .into_iter()
            .collect());
    }
    let joined = |items: &[String], delimiter: &str| {
        items
            .iter()
            .map(|item| encode(item, value_set))
            .collect::<Vec<_>>()
            .join(delimiter)
    };
    let object_items = |object: &[(String, Value)]| -> Vec<String> {
        object
            .iter()
            .flat_map(|(key, value)| [key.clone(), primitive_text(value)])
            .collect()
    };
    Ok(match (style, flatten(value)?) {
        (_, Flat::Absent) => Vec::new(),
        (Style::DeepObject, Flat::Object(object)) => {
            let mut pairs = Vec::new();
            deep_object_pairs(
                name,
                &Value::Object(object.into_iter().collect()),
                &mut pairs,
            );
            pairs
                .into_iter()
                .map(|(key, text)| pair(&key, &text))
                .collect()
        }
        (_, Flat::Primitive(text)) => vec![format!("{encoded_name}={}", encode(&text, value_set))],
        (Style::SpaceDelimited, Flat::Array(items)) if !explode => {
            vec![format!("{encoded_name}={}", joined(&items, "%20"))]
        }
        (Style::PipeDelimited, Flat::Array(items)) if !explode => {
            vec![format!("{encoded_name}={}", joined(&items, "|"))]
        }
        (Style::SpaceDelimited, Flat::Object(object)) => vec![format!(
            "{encoded_name}={}",
            joined(&object_items(&object), "%20")
        )],
        (Style::PipeDelimited, Flat::Object(object)) => vec![format!(
            "{encoded_name}={}",
            joined(&object_items(&object), "|")
        )],
        (_, Flat::Array(items)) => {
            if explode {
                items
                    .iter()
                    .map(|item| format!("{encoded_name}={}", encode(item, value_set)))
                    .collect()
            } else {
                vec![format!("{encoded_name}={}", joined(&items, ","))]
            }
        }
        (_, Flat::Object(object)) => {
            if explode {
                object
                    .iter()
                    .map(|(key, value)| pair(key, &primitive_text(value)))
                    .collect()
            } else {
                vec![format!(
                    "{encoded_name}={}",
                    joined(&object_items(&object), ",")
                )]
            }
        }
    })
}

/// `name[key][nested]=value` pairs of a `deepObject` parameter, in property order.
fn deep_object_pairs(prefix: &str, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Object(object) => {
            for (key, value) in object {
                deep_object_pairs(&format!("{prefix}[{key}]"), value, pairs);
            }
        }
        Value::Array(items) => {
            for item in items {
                deep_object_pairs(&format!("{prefix}[]"), item, pairs);
            }
        }
        Value::Null => {}
        primitive => pairs.push((prefix.to_string(), primitive_text(primitive))),
    }
}

/// The value of a header parameter; `None` when absent. Header values are sent as text; one that
/// is not a valid header value (a line break, say) is refused.
pub(crate) fn header_value<T: Serialize + ?Sized>(
    value: &T,
    style: Style,
    explode: bool,
) -> Result<Option<String>, ParameterProblem> {
    if style == Style::Json {
        return json_text(value);
    }
    Ok(match flatten(value)? {
        Flat::Absent => None,
        Flat::Primitive(text) => Some(text),
        Flat::Array(items) => Some(items.join(",")),
        Flat::Object(object) => Some(
            object
                .iter()
                .map(|(key, value)| {
                    if explode {
                        format!("{key}={}", primitive_text(value))
                    } else {
                        format!("{key},{}", primitive_text(value))
                    }
                })
                .collect::<Vec<_>>()
                .join(","),
        ),
    })
}

/// Characters a cookie value cannot hold as they are (RFC 6265's cookie-octet excludes them).
const COOKIE_VALUE: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// The `name=value` pairs a cookie parameter adds to the `Cookie` header.
pub(crate) fn cookie_pairs<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> Result<Vec<String>, ParameterProblem> {
    let piece = |text: &str| encode(text, COOKIE_VALUE);
    if style == Style::Json {
        return Ok(json_text(value)?
            .map(|text| format!("{name}={}", piece(&text)))
            .into_iter()
            .collect());
    }
    Ok(match flatten(value)? {
        Flat::Absent => Vec::new(),
        Flat::Primitive(text) => vec![format!("{name}={}", piece(&text))],
        Flat::Array(items) => {
            if explode {
                items
                    .iter()
                    .map(|item| format!("{name}={}", piece(item)))
                    .collect()
            } else {
                vec![format!(
                    "{name}={}",
                    items
                        .iter()
                        .map(|item| piece(item))
                        .collect::<Vec<_>>()
                        .join(",")
                )]
            }
        }
        Flat::Object(object) => {
            if explode {
                object
                    .iter()
                    .map(|(key, value)| format!("{}={}", piece(key), piece(&primitive_text(value))))
                    .collect()
            } else {
                let items: Vec<String> = object
                    .iter()
                    .flat_map(|(key, value)| [piece(key), piece(&primitive_text(value))])
                    .collect();
                vec![format!("{name}={}", items.join(","))]
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The crate enables serde_json's `preserve_order`, so an object's members keep their declared
    // order, as in the specification's table, whatever else the build enables.
    #[derive(Serialize)]
    struct Color {
        #[serde(rename = "R")]
        red: u8,
        #[serde(rename = "G")]
        green: u8,
        #[serde(rename = "B")]
        blue: u8,
    }

    const COLOR: Color = Color {
        red: 100,
        green: 200,
        blue: 150,
    };

    fn path(
        value: &impl Serialize,
        style: Style,
        explode: bool,
    ) -> Result<Option<String>, ParameterProblem> {
        path_segment("color", value, style, explode)
    }

    #[test]
    fn path_styles_follow_the_specification_table() {
        let list = vec!["blue", "black", "brown"];
        assert_eq!(
            path(&"blue", Style::Simple, false).unwrap().as_deref(),
            Some("blue")
        );
        assert_eq!(
            path(&list, Style::Simple, false).unwrap().as_deref(),
            Some("blue,black,brown")
        );
        assert_eq!(
            path(&COLOR, Style::Simple, false).unwrap().as_deref(),
            Some("R,100,G,200,B,150")
        );
        assert_eq!(
            path(&COLOR, Style::Simple, true).unwrap().as_deref(),
            Some("R=100,G=200,B=150")
        );
        assert_eq!(
            path(&"blue", Style::Label, false).unwrap().as_deref(),
            Some(".blue")
        );
        assert_eq!(
            path(&list, Style::Label, false).unwrap().as_deref(),
            Some(".blue,black,brown")
        );
        assert_eq!(
            path(&list, Style::Label, true).unwrap().as_deref(),
            Some(".blue.black.brown")
        );
        assert_eq!(
            path(&COLOR, Style::Label, true).unwrap().as_deref(),
            Some(".R=100.G=200.B=150")
        );
        assert_eq!(
            path(&"blue", Style::Matrix, false).unwrap().as_deref(),
            Some(";color=blue")
        );
        assert_eq!(
            path(&list, Style::Matrix, false).unwrap().as_deref(),
            Some(";color=blue,black,brown")
        );
        assert_eq!(
            path(&list, Style::Matrix, true).unwrap().as_deref(),
            Some(";color=blue;color=black;color=brown")
        );
        assert_eq!(
            path(&COLOR, Style::Matrix, false).unwrap().as_deref(),
            Some(";color=R,100,G,200,B,150")
        );
        assert_eq!(
            path(&COLOR, Style::Matrix, true).unwrap().as_deref(),
            Some(";R=100;G=200;B=150")
        );
    }

    #[test]
    fn a_path_parameter_is_always_one_segment() {
        for (value, expected) in [
            ("a/b", "a%2Fb"),
            ("%2F", "%252F"),
            ("a?b", "a%3Fb"),
            ("a#b", "a%23b"),
            ("a b", "a%20b"),
            ("é", "%C3%A9"),
            ("...", "..."),
            (".a", ".a"),
        ] {
            assert_eq!(
                path(&value, Style::Simple, false).unwrap().as_deref(),
                Some(expected),
                "{value}"
            );
        }
        for value in ["", ".", ".."] {
            assert!(
                path(&value, Style::Simple, false).is_err(),
                "{value:?} must be refused"
            );
        }
        assert!(
            path(&"", Style::Label, false).is_err(),
            "a label of nothing is `.`"
        );
        assert_eq!(path(&None::<String>, Style::Simple, false).unwrap(), None);
    }

    #[test]
    fn query_styles_follow_the_specification_table() {
        let list = vec!["blue", "black", "brown"];
        let query = |value: &dyn erased::Value, style, explode| {
            query_pairs_dyn("color", value, style, explode)
        };
        assert_eq!(query(&"blue", Style::Form, true), vec!["color=blue"]);
        assert_eq!(
            query(&list, Style::Form, true),
            vec!["color=blue", "color=black", "color=brown"]
        );
        assert_eq!(
            query(&list, Style::Form, false),
            vec!["color=blue,black,brown"]
        );
        assert_eq!(
            query(&COLOR, Style::Form, true),
            vec!["R=100", "G=200", "B=150"]
        );
        assert_eq!(
            query(&COLOR, Style::Form, false),
            vec!["color=R,100,G,200,B,150"]
        );
        assert_eq!(
            query(&list, Style::SpaceDelimited, false),
            vec!["color=blue%20black%20brown"]
        );
        assert_eq!(
            query(&list, Style::PipeDelimited, false),
            vec!["color=blue|black|brown"]
        );
        assert_eq!(
            query(&COLOR, Style::DeepObject, true),
            vec!["color[R]=100", "color[G]=200", "color[B]=150"]
        );
        assert_eq!(query(&"a&b=c", Style::Form, true), vec!["color=a%26b%3Dc"]);
        assert_eq!(query(&None::<u8>, Style::Form, true), Vec::<String>::new());
        assert_eq!(
            query_pairs("page[size]", &10, Style::Form, true, false).unwrap(),
            vec!["page[size]=10"]
        );
        assert_eq!(
            query_pairs("q", &"a/b:c", Style::Form, true, true).unwrap(),
            vec!["q=a/b:c"]
        );
    }

    #[test]
    fn headers_and_cookies() {
        assert_eq!(
            header_value(&vec![1, 2], Style::Simple, false)
                .unwrap()
                .as_deref(),
            Some("1,2")
        );
        assert_eq!(
            header_value(&COLOR, Style::Simple, true)
                .unwrap()
                .as_deref(),
            Some("R=100,G=200,B=150")
        );
        assert_eq!(
            cookie_pairs("id", &vec![3, 4], Style::Form, false).unwrap(),
            vec!["id=3,4"]
        );
        assert_eq!(
            cookie_pairs("id", &vec![3, 4], Style::Form, true).unwrap(),
            vec!["id=3", "id=4"]
        );
        assert_eq!(
            cookie_pairs("id", &"a; b", Style::Form, true).unwrap(),
            vec!["id=a%3B%20b"]
        );
    }

    #[test]
    fn json_content_parameters_send_their_json_text() {
        assert_eq!(
            query_pairs("filter", &COLOR, Style::Json, false, false).unwrap(),
            vec!["filter=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D"]
        );
    }

    /// Lets the table tests pass values of different types through one closure.
    mod erased {
        pub trait Value {
            fn pairs(&self, name: &str, style: super::Style, explode: bool) -> Vec<String>;
        }

        impl<T: serde::Serialize> Value for T {
            fn pairs(&self, name: &str, style: super::Style, explode: bool) -> Vec<String> {
                super::query_pairs(name, self, style, explode, false).unwrap()
            }
        }
    }

    fn query_pairs_dyn(
        name: &str,
        value: &dyn erased::Value,
        style: Style,
        explode: bool,
    ) -> Vec<String> {
        value.pairs(name, style, explode)
    }
}
