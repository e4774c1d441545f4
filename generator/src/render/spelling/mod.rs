//! The Rust spelling of IR objects: types, fields, parameters, statuses and expressions.
//!
//! This is the one place that turns the IR's enums into Rust text; templates reach it through the
//! minijinja filters registered in `render`.

mod expressions;
mod fields;
mod types;
mod wire;

pub use expressions::*;
pub use fields::*;
pub use types::*;
pub use wire::*;

/// Any text as a TOML basic string.
pub fn toml_string(text: &str) -> String {
    let mut output = String::with_capacity(text.len() + 2);
    output.push('"');
    for character in text.chars() {
        match character {
            '"' => output.push_str("\\\""),
            '\\' => output.push_str("\\\\"),
            '\n' => output.push_str("\\n"),
            '\t' => output.push_str("\\t"),
            '\r' => output.push_str("\\r"),
            control if control.is_control() => {
                output.push_str(&format!("\\u{:04X}", control as u32))
            }
            other => output.push(other),
        }
    }
    output.push('"');
    output
}

/// The `#[cfg(...)]` attribute that compiles an item when any of `features` is on; empty when the
/// item is always compiled.
pub fn feature_cfg(features: &[String]) -> String {
    match features {
        [] => String::new(),
        [single] => format!("#[cfg(feature = {single:?})]"),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|feature| format!("feature = {feature:?}"))
                .collect();
            format!("#[cfg(any({}))]", list.join(", "))
        }
    }
}

#[cfg(test)]
mod tests;
