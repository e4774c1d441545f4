//! Every identifier rule of the generator: case conversion, keywords, leading digits, non-ASCII
//! text, reserved names and collisions.
//!
//! The rules, which the README repeats:
//! - **Types** keep the spec's schema name when it is already an UpperCamelCase ASCII identifier
//!   (`AWSIntegration`); other names are converted to UpperCamelCase (`enrolRequest` is
//!   `EnrolRequest`, `artifact` is `Artifact`). Names the generated code uses unqualified (`Option`,
//!   `Result`, `Box`, `String`, `Vec`, `Default`, ...) get a `Model` suffix; a leading digit gets a
//!   `Model` prefix.
//! - **Functions, fields and modules** are snake_case. Keywords get a trailing `_` (`type` is
//!   `type_`); a leading digit gets a leading `_` (`2fa` is `_2fa`).
//! - **Non-ASCII** letters and digits become `u` and their code point in hex, as a word of their
//!   own (`café` is `caf_u00e9`), so that every identifier is plain ASCII.
//! - **Setters** named like a method of a standard trait (`add`, `sub`, `next`, `from_str`, ...) or
//!   like a generated method (`new`) get a trailing `_`. **Operation functions** named so, or named
//!   like a keyword, get an `_operation` suffix instead (`add` is `add_operation`), because their
//!   `_with_http_info` sibling would otherwise hold a `__`.
//! - **API modules** named like a method of the runtime's `MockServer` (`default`, `configuration`,
//!   `new`, ...) get an `_api` suffix, since each module is also the name of a `MockServer` accessor.
//! - **Enum variants** are the UpperCamelCase of the value (or of `x-enum-varnames`); values whose
//!   names collide are spelled with their symbols named (`+1` is `Plus1`, `-1` is `Minus1`), and any
//!   that still collide get their position appended.
//! - **Collisions** between names the generator chooses are resolved by `unique`: the first keeps
//!   the name, later ones get the smallest free numeric suffix.

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be plain identifiers in Rust 2024, strict and reserved.
const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names that generated code uses unqualified, or that would shadow the prelude.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Drop",
    "Eq",
    "Err",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "Unpin",
    "Vec",
];

/// Method names that clippy expects to implement a standard trait (`should_implement_trait`), and
/// the methods every generated struct has.
const RESERVED_METHOD_NAMES: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "new",
    "next",
    "not",
    "partial_cmp",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// Methods of the runtime's `test_util::MockServer` (its own and those of the traits it derives),
/// which the per-API accessors named after the API modules must not shadow.
const MOCK_SERVER_METHODS: &[&str] = &[
    "clone",
    "clone_from",
    "configuration",
    "default",
    "fmt",
    "lock",
    "new",
    "operation",
    "push_answer",
    "requests",
    "respond",
];

/// Feature names the generated crate defines itself, which a tag's feature must not take.
pub const RESERVED_FEATURES: &[&str] = &["default", "tracing", "test-util", "unreferenced-models"];

/// Replaces every non-ASCII character by `u` and its code point in hex, as a separate word.
fn ascii_words(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut output = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        if character.is_ascii() {
            output.push(character);
        } else if character.is_alphanumeric() {
            output.push_str(&format!(" u{:04x} ", character as u32));
        } else {
            output.push(' ');
        }
    }
    output
}

/// Appends `_` to keywords and prefixes `_` to names that start with a digit.
fn escape_snake(name: String) -> String {
    if name.is_empty() {
        return "value".to_string();
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        return format!("_{name}");
    }
    if RUST_KEYWORDS.contains(&name.as_str()) {
        return format!("{name}_");
    }
    name
}

/// The snake-case identifier of any text: `page[size]` is `page_size`, `type` is `type_`, `2fa`
/// is `_2fa`. A name without letters is spelled with its symbols named (`+1` is `plus_1`), or
/// gets a `value_` prefix (`0` is `value_0`): an identifier of only digits and underscores
/// would say nothing.
pub fn snake_case(wire_name: &str) -> String {
    let converted = ascii_words(wire_name).to_snake_case();
    if converted.is_empty()
        || converted
            .chars()
            .any(|character| character.is_ascii_alphabetic())
    {
        return escape_snake(converted);
    }
    let spelled = ascii_words(&spell_symbols(wire_name)).to_snake_case();
    if spelled
        .chars()
        .any(|character| character.is_ascii_alphabetic())
    {
        return escape_snake(spelled);
    }
    format!("value_{converted}")
}

/// The Rust name of a struct field or parameter.
pub fn field_name(wire_name: &str) -> String {
    snake_case(wire_name)
}

/// The name of a setter: the field's name, with a trailing `_` when it would be a reserved method.
pub fn setter_name(field_name: &str) -> String {
    if RESERVED_METHOD_NAMES.contains(&field_name) {
        format!("{field_name}_")
    } else {
        field_name.to_string()
    }
}

/// The Rust name of an operation's function: `ListOrgConnections` is `list_org_connections`, `add`
/// is `add_operation` (see the module docs).
pub fn function_name(operation_id: &str) -> String {
    let name = snake_case(operation_id);
    let bare = name.trim_end_matches('_');
    if RESERVED_METHOD_NAMES.contains(&bare) || RUST_KEYWORDS.contains(&bare) {
        format!("{bare}_operation")
    } else {
        name
    }
}

/// The name of the `static` describing an operation: `LIST_ORG_CONNECTIONS`.
pub fn static_name(function_name: &str) -> String {
    let name = function_name.trim_matches('_').to_ascii_uppercase();
    if name.is_empty() || name.starts_with(|character: char| character.is_ascii_digit()) {
        format!("OPERATION_{name}")
    } else {
        name
    }
}

/// The Rust name of a type from a schema name (see the module docs for the rules).
pub fn type_name(schema_name: &str) -> String {
    let is_plain = schema_name.starts_with(|character: char| character.is_ascii_uppercase())
        && schema_name
            .chars()
            .all(|character| character.is_ascii_alphanumeric());
    let name = if is_plain {
        schema_name.to_string()
    } else {
        ascii_words(&spell_symbols_if_empty(schema_name)).to_upper_camel_case()
    };
    if name.is_empty() {
        return "Unnamed".to_string();
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        return format!("Model{name}");
    }
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        return format!("{name}Model");
    }
    name
}

/// The text itself, or its symbols spelled out when it has no letters or digits.
fn spell_symbols_if_empty(text: &str) -> String {
    if text.chars().any(char::is_alphanumeric) {
        text.to_string()
    } else {
        spell_symbols(text)
    }
}

/// The name of a type built from a parent type and a part of it: `Widget` and `time_range` make
/// `WidgetTimeRange`.
pub fn nested_type_name(parent: &str, part: &str) -> String {
    type_name(&format!(
        "{parent}{}",
        ascii_words(part).to_upper_camel_case()
    ))
}

/// The name of the item type of an array named `parent`.
pub fn item_type_name(parent: &str) -> String {
    format!("{parent}Item")
}

/// The name of the value type of a map named `parent`.
pub fn value_type_name(parent: &str) -> String {
    format!("{parent}Value")
}

/// The name of the inline member at `index` of a composition named `parent`.
pub fn member_type_name(parent: &str, index: usize) -> String {
    format!("{parent}Option{}", index + 1)
}

/// The module (and file stem) of a model: `AWSAssumeRole` is `aws_assume_role`.
pub fn module_name(type_name: &str) -> String {
    escape_snake(type_name.to_snake_case())
}

/// The module of a tag's API: `Org Connections` is `org_connections`.
pub fn tag_module_name(tag: &str) -> String {
    let name = snake_case(tag);
    if MOCK_SERVER_METHODS.contains(&name.as_str())
        || RESERVED_METHOD_NAMES.contains(&name.as_str())
    {
        format!("{name}_api")
    } else {
        name
    }
}

/// The API struct of a tag: `Org Connections` is `OrgConnectionsApi`.
pub fn api_struct_name(tag: &str) -> String {
    let base = ascii_words(tag).to_upper_camel_case();
    let base = if base.starts_with(|character: char| character.is_ascii_digit()) {
        format!("Tag{base}")
    } else {
        base
    };
    format!("{base}Api")
}

/// The struct of test doubles for an API struct: `OrgConnectionsApi` is `OrgConnectionsMock`.
pub fn mock_struct_name(api_struct_name: &str) -> String {
    format!(
        "{}Mock",
        api_struct_name
            .strip_suffix("Api")
            .unwrap_or(api_struct_name)
    )
}

/// The cargo feature of a tag: `Org Connections` is `org-connections`.
pub fn feature_name(tag: &str) -> String {
    let name = ascii_words(tag).to_kebab_case();
    if name.is_empty() {
        "tag".to_string()
    } else {
        name
    }
}

/// A feature name that is neither taken nor reserved, by the suffix rule (`-2`, `-3`, ...).
pub fn unique_feature(wanted: String, taken: &[String]) -> String {
    let wanted = if RESERVED_FEATURES.contains(&wanted.as_str()) {
        format!("{wanted}-api")
    } else {
        wanted
    };
    if !taken.contains(&wanted) {
        return wanted;
    }
    (2..)
        .map(|suffix| format!("{wanted}-{suffix}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(wanted)
}

/// The name of the optional-parameters struct of an operation: `ListOrgConnectionsOptionalParams`.
pub fn optional_params_name(operation_type_name: &str) -> String {
    format!("{operation_type_name}OptionalParams")
}

/// An operationId for an operation that has none, from its method and path:
/// `get /pets/{petId}` is `GetPetsByPetId`.
pub fn derived_operation_id(method: &str, path: &str) -> String {
    let mut words = vec![method.to_string()];
    for segment in path.split('/').filter(|segment| !segment.is_empty()) {
        match segment
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
        {
            Some(parameter) => {
                words.push("by".to_string());
                words.push(parameter.to_string());
            }
            None => words.push(segment.to_string()),
        }
    }
    if words.len() == 1 {
        words.push("root".to_string());
    }
    type_name(&ascii_words(&words.join(" ")).to_upper_camel_case())
}

/// `wanted` if no name in `taken` is equal to it, otherwise the first free name with a numeric
/// suffix: `_2`, `_3`, ... for snake-case names, `2`, `3`, ... for others.
pub fn unique(wanted: String, taken: &[String]) -> String {
    if !taken.contains(&wanted) {
        return wanted;
    }
    let snake =
        wanted.starts_with(|character: char| character.is_ascii_lowercase() || character == '_');
    // A trailing `_` (the keyword escape) is dropped before the suffix: `self_` and `_2` would make
    // `self__2`, which is not snake case.
    let stem = wanted.trim_end_matches('_');
    (2..)
        .map(|suffix| {
            if snake {
                format!("{stem}_{suffix}")
            } else {
                format!("{stem}{suffix}")
            }
        })
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(wanted)
}

/// The Rust name of an enum variant from a wire value: `action_connection` is `ActionConnection`.
///
/// A value with no letters or digits is spelled with its symbols named (`*` is `Star`); one that
/// starts with a digit gets a `Value` prefix.
pub fn variant_name(wire_value: &str) -> String {
    let converted = ascii_words(wire_value).to_upper_camel_case();
    let converted = if converted.is_empty() {
        ascii_words(&spell_symbols(wire_value)).to_upper_camel_case()
    } else {
        converted
    };
    if converted.is_empty() {
        return "Empty".to_string();
    }
    if converted.starts_with(|character: char| character.is_ascii_digit()) {
        return format!("Value{converted}");
    }
    if converted == "Self" {
        return "Self_".to_string();
    }
    converted
}

/// The variant names of an enum's values, distinct from each other and from the catch-all
/// `UnknownValue`, by the rule in the module docs.
pub fn enum_variant_names(values: &[String], explicit: Option<&[String]>) -> Vec<String> {
    let source = |index: usize| -> &str {
        explicit
            .and_then(|names| names.get(index))
            .map_or(values[index].as_str(), String::as_str)
    };
    let mut names: Vec<String> = (0..values.len())
        .map(|index| variant_name(source(index)))
        .collect();
    let collides = |names: &[String], index: usize| {
        names[index] == "UnknownValue"
            || names
                .iter()
                .enumerate()
                .any(|(other, name)| other != index && *name == names[index])
    };
    let colliding: Vec<usize> = (0..names.len())
        .filter(|&index| collides(&names, index))
        .collect();
    for &index in &colliding {
        names[index] = variant_name(&spell_symbols(source(index)));
    }
    let still: Vec<usize> = (0..names.len())
        .filter(|&index| collides(&names, index))
        .collect();
    for &index in &still {
        names[index] = format!("{}{}", names[index].trim_end_matches('_'), index + 1);
    }
    names
}

/// Spells out the symbols of a value as words: `+1` is `plus 1`, `Etc/GMT-0` is
/// `Etc slash GMT minus 0`.
fn spell_symbols(text: &str) -> String {
    let mut output = String::with_capacity(text.len() * 2);
    for character in text.chars() {
        let word = match character {
            '+' => "plus",
            '-' => "minus",
            '.' => "dot",
            '/' => "slash",
            '\\' => "backslash",
            '*' => "star",
            '<' => "less",
            '>' => "greater",
            '=' => "equals",
            '!' => "bang",
            '~' => "tilde",
            '#' => "hash",
            '@' => "at",
            '&' => "and",
            '%' => "percent",
            '$' => "dollar",
            '^' => "caret",
            '|' => "pipe",
            ':' => "colon",
            ';' => "semicolon",
            ',' => "comma",
            '?' => "question",
            '(' | ')' => "paren",
            '[' | ']' => "bracket",
            '{' | '}' => "brace",
            '\'' | '"' | '`' => "quote",
            _ => {
                output.push(character);
                continue;
            }
        };
        output.push(' ');
        output.push_str(word);
        output.push(' ');
    }
    output
}

#[cfg(test)]
mod tests;
