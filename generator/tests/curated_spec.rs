//! Checks the hand-curated `spec/openapi.yaml`: it parses, every `$ref` resolves, and it holds the operations, integrations, credential kinds, secrets and pagination that the reference pages describe.

use std::collections::BTreeSet;

use serde_json::Value;

/// The operationIds that the method names in the pages' code examples imply.
const OPERATION_IDS: [&str; 12] = [
    "CreateActionConnection",
    "CreateOrgConnections",
    "DeleteActionConnection",
    "DeleteOrgConnections",
    "GetActionConnection",
    "GetAppKeyRegistration",
    "ListAppKeyRegistrations",
    "ListOrgConnections",
    "RegisterAppKey",
    "UnregisterAppKey",
    "UpdateActionConnection",
    "UpdateOrgConnections",
];

/// The HTTP methods under which a path item can hold an operation.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Property names that hold a credential secret in the integration schemas.
/// Each of them must occur at least once in the document, so that the list stays in step with the schemas.
const SECRET_PROPERTY_NAMES: [&str; 10] = [
    "access_token",
    "api_key",
    "api_password",
    "api_token",
    "app_key",
    "client_secret",
    "global_api_key",
    "password",
    "private_key",
    "sdk_key",
];

/// Property names that look like secrets but are not: `tokens` is the array of HTTP tokens, whose items are checked on their own.
const NOT_SECRET_PROPERTY_NAMES: [&str; 1] = ["tokens"];

/// Fragments of a property name that suggest it holds a secret.
const SECRET_NAME_FRAGMENTS: [&str; 4] = ["key", "token", "secret", "password"];

/// Reads the curated document as text.
fn spec_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml");
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"))
}

/// Parses the curated document into a generic JSON tree, so that the checks can see every node.
fn spec_json() -> Value {
    serde_yaml::from_str::<Value>(&spec_text()).expect("spec/openapi.yaml is not valid YAML")
}

/// Resolves a local `$ref` such as `#/components/schemas/Foo` against the document.
fn resolve<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    reference
        .strip_prefix('#')
        .and_then(|pointer| root.pointer(pointer))
}

/// Follows a schema that is a `$ref` to the schema it names, or returns the schema itself.
fn deref<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            resolve(root, reference).unwrap_or_else(|| panic!("{reference} does not resolve"))
        }
        None => schema,
    }
}

/// Returns the name of the schema a `$ref` points at (the last segment of the pointer).
fn ref_name(schema: &Value) -> Option<&str> {
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|reference| reference.rsplit('/').next())
}

/// Escapes one segment of a JSON pointer as RFC 6901 requires.
fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Collects every `$ref` that does not resolve, with the JSON pointer of the node that holds it.
fn collect_broken_refs(root: &Value, node: &Value, pointer: &str, broken: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            for (key, value) in map {
                let child = format!("{pointer}/{}", escape_segment(key));
                if key == "$ref" {
                    match value.as_str() {
                        Some(reference) if resolve(root, reference).is_some() => {}
                        Some(reference) => broken.push(format!("#{child}: {reference}")),
                        None => broken.push(format!("#{child}: $ref is not a string")),
                    }
                } else {
                    collect_broken_refs(root, value, &child, broken);
                }
            }
        }
        Value::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                collect_broken_refs(root, value, &format!("{pointer}/{index}"), broken);
            }
        }
        _ => {}
    }
}

/// Lists every operation of the document as (JSON pointer, operation object).
fn operations(root: &Value) -> Vec<(String, &Value)> {
    let mut found = Vec::new();
    let paths = root["paths"]
        .as_object()
        .expect("the document has no paths");
    for (path, item) in paths {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                found.push((
                    format!("#/paths/{}/{method}", escape_segment(path)),
                    operation,
                ));
            }
        }
    }
    found
}

/// Finds the operation with the given operationId.
fn operation<'a>(root: &'a Value, operation_id: &str) -> &'a Value {
    operations(root)
        .into_iter()
        .map(|(_, operation)| operation)
        .find(|operation| operation["operationId"] == operation_id)
        .unwrap_or_else(|| panic!("no operation {operation_id}"))
}

/// Returns the members of a `oneOf` schema under `components/schemas`.
fn one_of_members<'a>(root: &'a Value, schema_name: &str) -> &'a Vec<Value> {
    root["components"]["schemas"][schema_name]["oneOf"]
        .as_array()
        .unwrap_or_else(|| panic!("components/schemas/{schema_name} is missing or not a oneOf"))
}

/// Collects the names of the credential schemas reachable from the `credentials` oneOf of every member of an integration oneOf.
fn credential_kinds(root: &Value, integration_one_of: &str) -> BTreeSet<String> {
    let mut kinds = BTreeSet::new();
    for member in one_of_members(root, integration_one_of) {
        let integration = deref(root, member);
        let credentials = deref(root, &integration["properties"]["credentials"]);
        let alternatives = credentials["oneOf"].as_array().unwrap_or_else(|| {
            panic!(
                "the credentials of {} are not a oneOf",
                ref_name(member).unwrap_or("an inline member")
            )
        });
        for alternative in alternatives {
            let name = ref_name(alternative).expect("a credential kind is not a $ref");
            kinds.insert(name.to_owned());
        }
    }
    kinds
}

/// Visits every `properties` map below `node`, calling `visit` with the pointer of the owning schema and the schema itself.
fn visit_object_schemas<'a>(
    node: &'a Value,
    pointer: &str,
    visit: &mut dyn FnMut(&str, &'a Value),
) {
    match node {
        Value::Object(map) => {
            if map.get("properties").is_some_and(Value::is_object) {
                visit(pointer, node);
            }
            for (key, value) in map {
                visit_object_schemas(value, &format!("{pointer}/{}", escape_segment(key)), visit);
            }
        }
        Value::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                visit_object_schemas(value, &format!("{pointer}/{index}"), visit);
            }
        }
        _ => {}
    }
}

/// Tells whether a schema (after following a `$ref`) is a string enum that offers `value`.
fn is_enum_with(root: &Value, schema: &Value, value: &str) -> bool {
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => match resolve(root, reference) {
            Some(target) => target,
            None => return false,
        },
        None => schema,
    };
    schema["enum"]
        .as_array()
        .is_some_and(|values| values.iter().any(|candidate| candidate == value))
}

#[test]
fn parses_as_openapi() {
    let text = spec_text();
    let document: openapiv3::OpenAPI = match serde_yaml::from_str(&text) {
        Ok(document) => document,
        Err(error) => panic!("spec/openapi.yaml does not parse as OpenAPI 3: {error}"),
    };
    assert_eq!(document.openapi, "3.0.3");
    assert_eq!(
        document.paths.paths.len(),
        6,
        "the document should have six paths"
    );
}

#[test]
fn every_ref_resolves() {
    let root = spec_json();
    let mut broken = Vec::new();
    collect_broken_refs(&root, &root, "", &mut broken);
    assert!(
        broken.is_empty(),
        "{} $ref(s) do not resolve:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn has_the_twelve_operations() {
    let root = spec_json();
    let found = operations(&root);
    assert_eq!(
        found.len(),
        12,
        "the document should have twelve operations"
    );
    let ids: BTreeSet<&str> = found
        .iter()
        .map(|(pointer, operation)| {
            operation["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{pointer} has no operationId"))
        })
        .collect();
    let expected: BTreeSet<&str> = OPERATION_IDS.into_iter().collect();
    assert_eq!(ids, expected);
}

#[test]
fn integration_one_ofs_have_24_members() {
    let root = spec_json();
    for name in [
        "ActionConnectionIntegration",
        "ActionConnectionIntegrationUpdate",
    ] {
        let members = one_of_members(&root, name);
        assert_eq!(members.len(), 24, "{name} should have 24 members");
        let distinct: BTreeSet<&str> = members.iter().filter_map(ref_name).collect();
        assert_eq!(
            distinct.len(),
            24,
            "the members of {name} should be 24 distinct $refs"
        );
    }
}

#[test]
fn there_are_25_credential_kinds() {
    let root = spec_json();
    let kinds = credential_kinds(&root, "ActionConnectionIntegration");
    assert_eq!(
        kinds.len(),
        25,
        "expected 25 credential kinds, found {}: {kinds:?}",
        kinds.len()
    );
    for kind in [
        "AWSAssumeRole",
        "HTTPTokenAuth",
        "CloudflareAPIToken",
        "CloudflareGlobalAPIToken",
    ] {
        assert!(kinds.contains(kind), "{kind} should be a credential kind");
    }
}

#[test]
fn secrets_are_passwords() {
    let root = spec_json();
    let schemas = &root["components"]["schemas"];
    let mut failures = Vec::new();
    let mut seen_secret_names = BTreeSet::new();
    let mut token_values = 0;
    visit_object_schemas(schemas, "#/components/schemas", &mut |pointer, schema| {
        let properties = schema["properties"]
            .as_object()
            .expect("properties is a map");
        for (name, property) in properties {
            let looks_secret = SECRET_NAME_FRAGMENTS
                .iter()
                .any(|fragment| name.contains(fragment))
                && !NOT_SECRET_PROPERTY_NAMES.contains(&name.as_str());
            let listed = SECRET_PROPERTY_NAMES.contains(&name.as_str());
            if looks_secret && !listed {
                failures.push(format!(
                    "{pointer}/properties/{name}: looks like a secret but is not in SECRET_PROPERTY_NAMES"
                ));
            }
            if listed {
                seen_secret_names.insert(name.clone());
                if property["format"] != "password" {
                    failures.push(format!(
                        "{pointer}/properties/{name}: missing format: password"
                    ));
                }
            }
        }
        // An HTTP token (name, value and a type that offers SECRET) holds its secret in `value`.
        let is_token = properties.contains_key("name")
            && properties.contains_key("value")
            && properties
                .get("type")
                .is_some_and(|kind| is_enum_with(&root, kind, "SECRET"));
        if is_token {
            token_values += 1;
            if properties["value"]["format"] != "password" {
                failures.push(format!(
                    "{pointer}/properties/value: token value missing format: password"
                ));
            }
        }
    });
    for name in SECRET_PROPERTY_NAMES {
        if !seen_secret_names.contains(name) {
            failures.push(format!(
                "no schema has a property {name}; update SECRET_PROPERTY_NAMES"
            ));
        }
    }
    if token_values == 0 {
        failures.push("no HTTP token schema (name, value, type SECRET) was found".to_owned());
    }
    assert!(
        failures.is_empty(),
        "secret checks failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn list_operations_paginate() {
    let root = spec_json();
    let cases = [
        (
            "ListOrgConnections",
            serde_json::json!({"limitParam": "limit", "pageOffsetParam": "offset", "resultsPath": "data"}),
        ),
        (
            "ListAppKeyRegistrations",
            serde_json::json!({"limitParam": "page[size]", "pageParam": "page[number]", "resultsPath": "data"}),
        ),
    ];
    for (operation_id, expected) in cases {
        let operation = operation(&root, operation_id);
        let pagination = &operation["x-pagination"];
        assert_eq!(
            pagination, &expected,
            "{operation_id} has the wrong x-pagination"
        );
        // Every parameter that x-pagination names must be a query parameter of the operation.
        let parameters: BTreeSet<&str> = operation["parameters"]
            .as_array()
            .expect("a list operation has parameters")
            .iter()
            .filter(|parameter| parameter["in"] == "query")
            .filter_map(|parameter| parameter["name"].as_str())
            .collect();
        for key in ["limitParam", "pageOffsetParam", "pageParam"] {
            if let Some(name) = pagination[key].as_str() {
                assert!(
                    parameters.contains(name),
                    "{operation_id}: {key} {name} is not a query parameter"
                );
            }
        }
        // The results path must name an array in the 200 response.
        let response = deref(
            &root,
            &operation["responses"]["200"]["content"]["application/json"]["schema"],
        );
        let results = &response["properties"][pagination["resultsPath"]
            .as_str()
            .expect("resultsPath is a string")];
        assert_eq!(
            results["type"], "array",
            "{operation_id}: resultsPath does not name an array"
        );
    }
}

#[test]
fn has_247_schemas() {
    // 42 schemas for the operations, errors and shared shapes, and 205 for the integrations:
    // 24 integrations times 5 (`X`Integration, its type, its credentials union and their updates),
    // 25 credential kinds times 3 (the kind, its type and its update), 8 HTTP helper schemas and the
    // two integration unions.
    let root = spec_json();
    let schemas = root["components"]["schemas"]
        .as_object()
        .expect("components/schemas is a map");
    assert_eq!(24 * 5 + 25 * 3 + 8 + 2, 205);
    assert_eq!(
        schemas.len(),
        42 + 205,
        "schema count changed; update this test and spec/README.md together"
    );
    let integration_family = schemas
        .keys()
        .filter(|name| {
            name.ends_with("Integration")
                || name.ends_with("IntegrationType")
                || name.ends_with("IntegrationUpdate")
                || name.ends_with("Credentials")
                || name.ends_with("CredentialsUpdate")
        })
        .count();
    assert_eq!(
        integration_family,
        24 * 5 + 2,
        "24 integrations with 5 schemas each, and the two unions"
    );
}
