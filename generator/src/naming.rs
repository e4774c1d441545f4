//! Every identifier rule of the generator: case conversion, keywords, leading digits and file names.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be used as plain identifiers in Rust 2024, strict and reserved.
const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do",
    "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe",
    "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names that generated code uses unqualified; a schema with one of these names would shadow them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Box", "Deserialize", "Deserializer", "Err", "None", "Ok", "Option", "Result", "Self", "Serialize",
    "Serializer", "Some", "String", "Vec",
];

/// Appends `_` to keywords (`type` becomes `type_`) and prefixes `_` to names that start with a digit.
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

/// The Rust name of a field, parameter or module: snake case, keywords suffixed with `_`.
///
/// `type` becomes `type_`, `page[size]` becomes `page_size`, `2fa` becomes `_2fa`.
pub fn snake_case(wire_name: &str) -> String {
    escape_snake(wire_name.to_snake_case())
}

/// The Rust name of a function from an operationId: `ListOrgConnections` becomes `list_org_connections`.
pub fn function_name(operation_id: &str) -> String {
    snake_case(operation_id)
}

/// The Rust name of an enum variant from a wire value: `action_connection` becomes `ActionConnection`.
///
/// A value with no letters or digits, or one that starts with a digit, gets a `Value` prefix.
pub fn variant_name(wire_value: &str) -> String {
    let converted = wire_value.to_upper_camel_case();
    if converted.is_empty() {
        let code_points: Vec<String> = wire_value.chars().map(|character| format!("{:X}", character as u32)).collect();
        return format!("Value{}", code_points.join("_"));
    }
    if converted.starts_with(|character: char| character.is_ascii_digit()) {
        return format!("Value{converted}");
    }
    if converted == "Self" {
        return "Self_".to_string();
    }
    converted
}

/// The Rust name of a type from a schema name.
///
/// Names that are already valid identifiers are kept unchanged (`AWSIntegration`), because they are
/// what the reference pages show; others are converted to UpperCamelCase.
pub fn type_name(schema_name: &str) -> String {
    let is_identifier = schema_name.chars().next().is_some_and(|first| first.is_ascii_alphabetic())
        && schema_name.chars().all(|character| character.is_ascii_alphanumeric() || character == '_')
        && !schema_name.contains('_');
    let name = if is_identifier { schema_name.to_string() } else { schema_name.to_upper_camel_case() };
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

/// The name of a type built from a parent type and a part of it: `Widget` and `time_range` make `WidgetTimeRange`.
pub fn nested_type_name(parent: &str, part: &str) -> String {
    type_name(&format!("{parent}{}", part.to_upper_camel_case()))
}

/// The module (and file stem) of a model: `AWSAssumeRole` becomes `aws_assume_role`.
pub fn module_name(type_name: &str) -> String {
    escape_snake(type_name.to_snake_case())
}

/// The API struct of a tag: `Org Connections` becomes `OrgConnectionsApi`.
pub fn api_struct_name(tag: &str) -> String {
    format!("{}Api", tag.to_upper_camel_case())
}

/// The name of the optional-parameters struct of an operation: `ListOrgConnectionsOptionalParams`.
pub fn optional_params_name(operation_id: &str) -> String {
    format!("{}OptionalParams", operation_id.to_upper_camel_case())
}

/// The name of the `static` that describes an operation: `LIST_ORG_CONNECTIONS`.
pub fn operation_static_name(operation_id: &str) -> String {
    function_name(operation_id).trim_start_matches('_').to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_table() {
        let table = [
            ("type", "type_"),
            ("page[size]", "page_size"),
            ("page[number]", "page_number"),
            ("connection_id", "connection_id"),
            ("sinkOrgId", "sink_org_id"),
            ("2fa", "_2fa"),
            ("self", "self_"),
            ("async", "async_"),
            ("filter[tags.name]", "filter_tags_name"),
            ("X-RateLimit-Reset", "x_rate_limit_reset"),
        ];
        for (wire, expected) in table {
            assert_eq!(snake_case(wire), expected, "snake case of {wire:?}");
        }
    }

    #[test]
    fn variant_name_table() {
        let table = [
            ("logs", "Logs"),
            ("action_connection", "ActionConnection"),
            ("AWS", "Aws"),
            ("AWSAssumeRole", "AwsAssumeRole"),
            ("application/json", "ApplicationJson"),
            ("1h", "Value1h"),
            ("*", "Value2A"),
            ("", "Value"),
            ("Self", "Self_"),
        ];
        for (wire, expected) in table {
            assert_eq!(variant_name(wire), expected, "variant name of {wire:?}");
        }
    }

    #[test]
    fn type_name_table() {
        let table = [
            ("AWSIntegration", "AWSIntegration"),
            ("OrgConnectionTypeEnum", "OrgConnectionTypeEnum"),
            ("JSONAPIErrorItem", "JSONAPIErrorItem"),
            ("snake_case_name", "SnakeCaseName"),
            ("Dotted.Name", "DottedName"),
            ("3DModel", "Model3dModel"),
            ("Option", "OptionModel"),
            ("Result", "ResultModel"),
        ];
        for (schema, expected) in table {
            assert_eq!(type_name(schema), expected, "type name of {schema:?}");
        }
    }

    #[test]
    fn derived_names_table() {
        assert_eq!(module_name("AWSAssumeRole"), "aws_assume_role");
        assert_eq!(module_name("HTTPTokenAuth"), "http_token_auth");
        assert_eq!(api_struct_name("Org Connections"), "OrgConnectionsApi");
        assert_eq!(api_struct_name("Action Connection"), "ActionConnectionApi");
        assert_eq!(function_name("ListOrgConnections"), "list_org_connections");
        assert_eq!(optional_params_name("ListOrgConnections"), "ListOrgConnectionsOptionalParams");
        assert_eq!(operation_static_name("GetActionConnection"), "GET_ACTION_CONNECTION");
        assert_eq!(nested_type_name("Widget", "time_range"), "WidgetTimeRange");
    }
}
