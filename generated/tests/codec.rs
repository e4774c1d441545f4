//! Decoding and encoding through the generated models: tagged `oneOf` dispatch, catch-all variants
//! for unknown members and values, and nullable fields.

use datadog_client::models::{
    AWSCredentials, ActionConnectionIntegration, HTTPIntegration, OrgConnectionTypeEnum,
    VirusTotalIntegration,
};
use serde_json::json;

#[test]
fn a_tagged_one_of_decodes_the_member_its_tag_names_wherever_the_tag_is() {
    // The tag comes after the nested credentials, whose own `type` must not be mistaken for it.
    let text = r#"{"credentials": {"type": "AWSAssumeRole", "account_id": "1", "role": "r"}, "type": "AWS"}"#;
    let integration: ActionConnectionIntegration =
        serde_json::from_str(text).expect("an AWS integration decodes");
    let ActionConnectionIntegration::AWSIntegration(aws) = &integration else {
        panic!("expected the AWS member, got {integration:?}");
    };
    let AWSCredentials::AWSAssumeRole(role) = &aws.credentials else {
        panic!(
            "expected the assume-role credentials, got {:?}",
            aws.credentials
        );
    };
    assert_eq!(role.account_id, "1");
    assert_eq!(
        serde_json::to_value(&integration).expect("encodes"),
        serde_json::from_str::<serde_json::Value>(text).expect("json")
    );
}

#[test]
fn every_member_is_reached_by_its_own_tag() {
    let http = json!({"type": "HTTP", "base_url": "https://example.com", "credentials": {"type": "HTTPTokenAuth"}});
    let decoded: ActionConnectionIntegration =
        serde_json::from_str(&http.to_string()).expect("an HTTP integration decodes");
    assert!(
        matches!(decoded, ActionConnectionIntegration::HTTPIntegration(_)),
        "{decoded:?}"
    );
    let virus_total =
        json!({"type": "VirusTotal", "credentials": {"type": "VirusTotalAPIKey", "api_key": "k"}});
    let decoded: ActionConnectionIntegration =
        serde_json::from_str(&virus_total.to_string()).expect("decodes");
    assert!(
        matches!(
            decoded,
            ActionConnectionIntegration::VirusTotalIntegration(_)
        ),
        "{decoded:?}"
    );
}

#[test]
fn an_unknown_member_is_kept_as_json_and_written_back_unchanged() {
    let text = r#"{"type": "SomethingNew", "credentials": {"type": "Token", "value": 3}}"#;
    let integration: ActionConnectionIntegration =
        serde_json::from_str(text).expect("an unknown member decodes");
    let ActionConnectionIntegration::UnparsedObject(value) = &integration else {
        panic!("expected the catch-all, got {integration:?}");
    };
    assert_eq!(value["type"], "SomethingNew");
    assert_eq!(
        serde_json::to_string(&integration).expect("encodes"),
        serde_json::to_string(value).expect("encodes")
    );
}

#[test]
fn a_known_tag_with_a_member_that_does_not_fit_is_an_error_not_a_fallback() {
    // An HTTP integration needs `base_url`; silently keeping it as unknown JSON would hide the bug.
    let text = r#"{"type": "HTTP", "credentials": {"type": "HTTPTokenAuth"}}"#;
    let error = serde_json::from_str::<ActionConnectionIntegration>(text)
        .expect_err("a broken HTTP member fails");
    assert!(error.to_string().contains("base_url"), "{error}");
}

#[test]
fn from_impls_box_the_member() {
    let member = VirusTotalIntegration::new(
        datadog_client::models::VirusTotalAPIKey::new("key".to_string(), "VirusTotalAPIKey".into())
            .into(),
        datadog_client::models::VirusTotalIntegrationType::VirusTotal,
    );
    let integration: ActionConnectionIntegration = member.clone().into();
    assert_eq!(
        integration,
        ActionConnectionIntegration::VirusTotalIntegration(Box::new(member))
    );
    let _: fn(HTTPIntegration) -> ActionConnectionIntegration = ActionConnectionIntegration::from;
}

#[test]
fn unknown_enum_values_round_trip() {
    let known: OrgConnectionTypeEnum = serde_json::from_str(r#""logs""#).expect("decodes");
    assert_eq!(known, OrgConnectionTypeEnum::Logs);
    assert_eq!(known.to_string(), "logs");
    let unknown: OrgConnectionTypeEnum = serde_json::from_str(r#""traces""#).expect("decodes");
    assert_eq!(
        unknown,
        OrgConnectionTypeEnum::UnknownValue("traces".to_string())
    );
    assert_eq!(
        serde_json::to_string(&unknown).expect("encodes"),
        r#""traces""#
    );
    assert_eq!(
        "metrics".parse::<OrgConnectionTypeEnum>(),
        Ok(OrgConnectionTypeEnum::Metrics)
    );
    assert!(
        serde_json::from_str::<OrgConnectionTypeEnum>("3").is_err(),
        "a number is not an enum value"
    );
}

#[test]
fn escaped_tags_are_unescaped_before_dispatch() {
    let text = r#"{"type": "A\u0057S", "credentials": {"type": "AWSAssumeRole", "account_id": "1", "role": "r"}}"#;
    let integration: ActionConnectionIntegration = serde_json::from_str(text).expect("decodes");
    assert!(
        matches!(integration, ActionConnectionIntegration::AWSIntegration(_)),
        "{integration:?}"
    );
}

#[test]
fn unions_also_decode_from_a_json_value() {
    let value = json!({"type": "AWS", "credentials": {"type": "AWSAssumeRole", "account_id": "1", "role": "r"}});
    let integration: ActionConnectionIntegration =
        serde_json::from_value(value.clone()).expect("decodes from a Value");
    assert!(
        matches!(integration, ActionConnectionIntegration::AWSIntegration(_)),
        "{integration:?}"
    );
    assert_eq!(serde_json::to_value(&integration).expect("encodes"), value);
}
