//! Unit tests of the identifier rules in the parent module.

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
        ("crate", "crate_"),
        ("super", "super_"),
        ("async", "async_"),
        ("await", "await_"),
        ("dyn", "dyn_"),
        ("try", "try_"),
        ("true", "true_"),
        ("filter[tags.name]", "filter_tags_name"),
        ("X-RateLimit-Reset", "x_rate_limit_reset"),
        ("café", "caf_u00e9"),
        ("²", "u00b2"),
        ("١٢٣", "u0661_u0662_u0663"),
        ("", "value"),
        ("***", "value"),
    ];
    for (wire, expected) in table {
        assert_eq!(snake_case(wire), expected, "snake case of {wire:?}");
    }
}

#[test]
fn function_names_avoid_reserved_methods() {
    assert_eq!(function_name("ListOrgConnections"), "list_org_connections");
    assert_eq!(function_name("New"), "new_operation");
    assert_eq!(function_name("add"), "add_operation");
    assert_eq!(function_name("type"), "type_operation");
    assert_eq!(tag_module_name("default"), "default_api");
    assert_eq!(tag_module_name("Configuration"), "configuration_api");
    assert_eq!(tag_module_name("Org Connections"), "org_connections");
    assert_eq!(function_name("0"), "value_0");
    assert_eq!(function_name("123abc"), "_123abc");
    assert_eq!(function_name("1.5"), "_1_dot_5");
    assert_eq!(snake_case("+1"), "plus_1");
    assert_eq!(snake_case("-1"), "minus_1");
    assert_eq!(setter_name("new"), "new_");
    assert_eq!(setter_name("from_str"), "from_str_");
    assert_eq!(setter_name("name"), "name");
    assert_eq!(static_name("_0"), "OPERATION_0");
    assert_eq!(static_name("value_0"), "VALUE_0");
    assert_eq!(static_name("list_org_connections"), "LIST_ORG_CONNECTIONS");
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
        ("*", "Star"),
        ("", "Empty"),
        ("Self", "Self_"),
        ("über", "U00fcBer"),
    ];
    for (wire, expected) in table {
        assert_eq!(variant_name(wire), expected, "variant name of {wire:?}");
    }
}

#[test]
fn colliding_enum_values_stay_distinct() {
    let names = |values: &[&str]| {
        enum_variant_names(
            &values
                .iter()
                .map(|value| value.to_string())
                .collect::<Vec<_>>(),
            None,
        )
    };
    assert_eq!(names(&["+1", "-1", "0"]), vec!["Plus1", "Minus1", "Value0"]);
    assert_eq!(
        names(&["Etc/GMT+0", "Etc/GMT-0", "UTC"]),
        vec!["EtcSlashGmtPlus0", "EtcSlashGmtMinus0", "Utc"]
    );
    assert_eq!(names(&["-name", "name"]), vec!["MinusName", "Name"]);
    assert_eq!(names(&["a b", "a_b", "AB"]), vec!["AB1", "AB2", "Ab"]);
    assert_eq!(names(&["unknown_value"]), vec!["UnknownValue1"]);
    let explicit = vec!["US1".to_string(), "EU1".to_string()];
    assert_eq!(
        enum_variant_names(
            &["datadoghq.com".to_string(), "datadoghq.eu".to_string()],
            Some(&explicit)
        ),
        vec!["Us1", "Eu1"]
    );
}

#[test]
fn type_name_table() {
    let table = [
        ("AWSIntegration", "AWSIntegration"),
        ("OrgConnectionTypeEnum", "OrgConnectionTypeEnum"),
        ("JSONAPIErrorItem", "JSONAPIErrorItem"),
        ("snake_case_name", "SnakeCaseName"),
        ("Dotted.Name", "DottedName"),
        ("artifact", "Artifact"),
        ("enrolRequest", "EnrolRequest"),
        ("kebab-case-name", "KebabCaseName"),
        ("3DModel", "Model3dModel"),
        ("Option", "OptionModel"),
        ("Result", "ResultModel"),
        ("Box", "BoxModel"),
        ("Default", "DefaultModel"),
        ("type", "Type"),
        ("self", "SelfModel"),
        ("Self", "SelfModel"),
        ("crate", "Crate"),
        ("true", "True"),
        ("Error", "Error"),
        ("Configuration", "Configuration"),
        ("²", "U00b2"),
        ("***", "StarStarStar"),
        ("", "Unnamed"),
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
    assert_eq!(api_struct_name("0"), "Tag0Api");
    assert_eq!(mock_struct_name("OrgConnectionsApi"), "OrgConnectionsMock");
    assert_eq!(tag_module_name("Org Connections"), "org_connections");
    assert_eq!(feature_name("Org Connections"), "org-connections");
    assert_eq!(unique_feature("default".to_string(), &[]), "default-api");
    assert_eq!(
        optional_params_name("ListOrgConnections"),
        "ListOrgConnectionsOptionalParams"
    );
    assert_eq!(nested_type_name("Widget", "time_range"), "WidgetTimeRange");
    assert_eq!(
        derived_operation_id("get", "/pets/{petId}"),
        "GetPetsByPetId"
    );
    assert_eq!(derived_operation_id("post", "/"), "PostRoot");
    assert_eq!(unique("name".to_string(), &["name".to_string()]), "name_2");
    assert_eq!(
        unique("self_".to_string(), &["self_".to_string()]),
        "self_2"
    );
    assert_eq!(
        unique(
            "Name".to_string(),
            &["Name".to_string(), "Name2".to_string()]
        ),
        "Name3"
    );
}
