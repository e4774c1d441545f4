//! The payloads of the decoding and encoding benchmarks, and checks that each decodes into the
//! model variant it is meant to exercise (a payload that fell into `UnparsedObject` would measure
//! the wrong thing).
//!
//! The three `GetActionConnectionResponse` bodies cover the first member of
//! `ActionConnectionIntegration` (AWS, the recorded response of "Get an existing Action Connection"),
//! a middle one (HTTP, with tokens, headers, url parameters and a body) and the last one
//! (VirusTotal). The `OrgConnectionListResponse` holds 1,000 items derived deterministically from a
//! recorded `OrgConnection`.

use std::sync::LazyLock;

use chrono::{DateTime, SecondsFormat};
use datadog_client::models::{
    ActionConnectionIntegration, GetActionConnectionResponse, HTTPCredentials,
    OrgConnectionListResponse,
};
use serde_json::{Value, json};

/// One `GetActionConnectionResponse` body and the `type` tag of its integration.
pub struct ActionConnectionCase {
    /// The tag of the integration member: `AWS`, `HTTP` or `VirusTotal`.
    pub integration: &'static str,
    /// The response body.
    pub json: &'static str,
}

/// The `GetActionConnectionResponse` bodies, in the order of the members of `ActionConnectionIntegration`.
pub const ACTION_CONNECTION_CASES: [ActionConnectionCase; 3] = [
    ActionConnectionCase {
        integration: "AWS",
        json: include_str!("../payloads/get_action_connection_aws.json"),
    },
    ActionConnectionCase {
        integration: "HTTP",
        json: include_str!("../payloads/get_action_connection_http.json"),
    },
    ActionConnectionCase {
        integration: "VirusTotal",
        json: include_str!("../payloads/get_action_connection_virus_total.json"),
    },
];

/// The integration tags, as divan arguments.
pub const INTEGRATIONS: [&str; 3] = ["AWS", "HTTP", "VirusTotal"];

/// The number of items in the `OrgConnectionListResponse` payload.
pub const ORG_CONNECTION_COUNT: usize = 1_000;

/// The `OrgConnectionListResponse` body with [`ORG_CONNECTION_COUNT`] items.
pub static ORG_CONNECTION_LIST: LazyLock<String> =
    LazyLock::new(|| org_connection_list(ORG_CONNECTION_COUNT));

/// Returns the body of the case whose integration is `integration`.
pub fn action_connection_json(integration: &str) -> &'static str {
    ACTION_CONNECTION_CASES
        .iter()
        .find(|case| case.integration == integration)
        .map(|case| case.json)
        .expect("every divan argument names a payload")
}

/// Decodes a case and checks that it lands in the intended member, with every field it carries.
pub fn checked_action_connection(case: &ActionConnectionCase) -> GetActionConnectionResponse {
    let response: GetActionConnectionResponse =
        serde_json::from_str(case.json).expect("the payload decodes");
    let data = response.data.as_ref().expect("the payload has data");
    let decoded_as = match &data.attributes.integration {
        ActionConnectionIntegration::AWSIntegration(_) => "AWS",
        ActionConnectionIntegration::HTTPIntegration(http) => {
            let HTTPCredentials::HTTPTokenAuth(auth) = &http.credentials else {
                panic!(
                    "the HTTP payload's credentials decoded as {:?}",
                    http.credentials
                )
            };
            assert!(
                auth.tokens.is_some()
                    && auth.headers.is_some()
                    && auth.url_parameters.is_some()
                    && auth.body.is_some(),
                "the HTTP payload carries tokens, headers, url parameters and a body"
            );
            "HTTP"
        }
        ActionConnectionIntegration::VirusTotalIntegration(_) => "VirusTotal",
        other => panic!("the {} payload decoded as {other:?}", case.integration),
    };
    assert_eq!(
        decoded_as, case.integration,
        "the payload decodes into the intended member"
    );
    let reencoded: Value = serde_json::to_value(&response).expect("the model encodes");
    let original: Value = serde_json::from_str(case.json).expect("the payload is JSON");
    assert_eq!(
        reencoded, original,
        "the {} payload survives a decode and encode",
        case.integration
    );
    response
}

/// Decodes the list payload and checks that every item decoded.
pub fn checked_org_connection_list() -> OrgConnectionListResponse {
    let response: OrgConnectionListResponse =
        serde_json::from_str(&ORG_CONNECTION_LIST).expect("the list payload decodes");
    assert_eq!(response.data.len(), ORG_CONNECTION_COUNT);
    response
}

/// Builds a list response of `count` items from the recorded item: each gets its own id, a creation
/// time one minute and a few seconds earlier than the previous one, and every fourth item connects
/// metrics as well as logs.
fn org_connection_list(count: usize) -> String {
    let item: Value = serde_json::from_str(include_str!("../payloads/org_connection_item.json"))
        .expect("the recorded item is JSON");
    let created_at = item["attributes"]["created_at"]
        .as_str()
        .expect("the recorded item has created_at");
    let first_created_at =
        DateTime::parse_from_rfc3339(created_at).expect("created_at is RFC 3339");
    let mut state: u64 = 0x0005_eed0_f0c0_ffee;
    let items: Vec<Value> = (0..count)
        .map(|index| {
            let mut item = item.clone();
            let id = uuid::Uuid::from_u128(
                (u128::from(split_mix(&mut state)) << 64) | u128::from(split_mix(&mut state)),
            );
            item["id"] = Value::String(id.to_string());
            let offset = chrono::Duration::seconds(i64::try_from(index).unwrap_or(0) * 67);
            item["attributes"]["created_at"] = Value::String(
                (first_created_at - offset).to_rfc3339_opts(SecondsFormat::Micros, false),
            );
            if index % 4 == 3 {
                item["attributes"]["connection_types"] = json!(["logs", "metrics"]);
            }
            item
        })
        .collect();
    let list = json!({
        "data": items,
        "meta": { "page": { "total_count": count, "total_filtered_count": count } },
    });
    serde_json::to_string(&list).expect("the list encodes")
}

/// SplitMix64: a tiny deterministic generator, so that the ids look random but never change.
fn split_mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut mixed = *state;
    mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94d0_49eb_133d_111b);
    mixed ^ (mixed >> 31)
}
