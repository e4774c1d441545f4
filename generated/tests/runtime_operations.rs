//! Generated operations over the runtime against a loopback server: pagination across pages, and secrets in credential models.

use datadog_client::Configuration;
use datadog_client::apis::OrgConnectionsApi;
use datadog_client::apis::org_connections::ListOrgConnectionsOptionalParams;
use datadog_client::models::{AsanaAccessToken, AsanaAccessTokenType};
use futures::StreamExt;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn org_connection(index: u32) -> serde_json::Value {
    serde_json::json!({
        "id": format!("00000000-0000-0000-0000-{index:012}"),
        "type": "org_connection",
        "attributes": {"connection_types": ["logs"], "created_at": "2024-01-01T00:00:00Z"},
        "relationships": {}
    })
}

#[tokio::test]
async fn list_org_connections_with_pagination_walks_three_pages_and_stops_at_the_last() {
    let server = MockServer::start().await;
    for (offset, indexes) in [("0", vec![1, 2]), ("2", vec![3, 4]), ("4", vec![5])] {
        let data: Vec<_> = indexes.into_iter().map(org_connection).collect();
        Mock::given(method("GET"))
            .and(path("/api/v2/org_connections"))
            .and(query_param("limit", "2"))
            .and(query_param("offset", offset))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"data": data})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let api = OrgConnectionsApi::with_config(
        Configuration::default()
            .with_base_url(server.uri())
            .with_api_key("k")
            .with_app_key("a"),
    );
    let stream = api.list_org_connections_with_pagination(ListOrgConnectionsOptionalParams::default().limit(2));
    let connections: Vec<_> = stream.collect().await;
    let ids: Vec<String> = connections
        .into_iter()
        .map(|connection| connection.unwrap().id.to_string())
        .collect();
    assert_eq!(ids.len(), 5);
    assert_eq!(ids[4], "00000000-0000-0000-0000-000000000005");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    server.verify().await;
}

#[test]
fn a_credential_model_hides_its_secret_in_debug_and_serializes_it() {
    let credential = AsanaAccessToken::new(String::from("asana-secret-token"), AsanaAccessTokenType::AsanaAccessToken);
    let debug = format!("{credential:?}");
    assert!(!debug.contains("asana-secret-token"), "{debug}");
    let json = serde_json::to_value(&credential).unwrap();
    assert_eq!(json["access_token"], "asana-secret-token");
}

#[test]
fn api_structs_hide_keys_in_debug() {
    let api = OrgConnectionsApi::with_config(
        Configuration::default()
            .with_api_key("secret-api-key-value")
            .with_app_key("secret-app-key-value"),
    );
    let debug = format!("{api:?}");
    assert!(!debug.contains("secret-api-key-value"), "{debug}");
    assert!(!debug.contains("secret-app-key-value"), "{debug}");
    fn assert_send_sync_clone<T: Send + Sync + Clone>() {}
    assert_send_sync_clone::<OrgConnectionsApi>();
}
