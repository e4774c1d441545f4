//! A service's own code, tested the way a user of the `test-util` feature would test it: the typed test doubles answer the operations it calls, and the test asserts what it sent.

use datadog_client::apis::OrgConnectionsApi;
use datadog_client::apis::org_connections::ListOrgConnectionsOptionalParams;
use datadog_client::models::{
    JSONAPIErrorItem, JSONAPIErrorResponse, OrgConnectionListResponse, OrgConnectionTypeEnum,
};
use datadog_client::test_util::MockServer;

/// The code under test, as a service would write it: how many connections share logs.
async fn count_log_connections(api: &OrgConnectionsApi) -> Result<usize, String> {
    let response = api
        .list_org_connections(ListOrgConnectionsOptionalParams::default().limit(50))
        .await
        .map_err(|error| match error.status() {
            Some(403) => "not allowed to read org connections".to_string(),
            _ => format!("could not list org connections: {error}"),
        })?;
    Ok(response
        .data
        .iter()
        .filter(|connection| {
            connection
                .attributes
                .connection_types
                .contains(&OrgConnectionTypeEnum::Logs)
        })
        .count())
}

fn connections(types: &[&[&str]]) -> OrgConnectionListResponse {
    let data: Vec<serde_json::Value> = types
        .iter()
        .enumerate()
        .map(|(index, connection_types)| {
            serde_json::json!({
                "id": format!("00000000-0000-0000-0000-{index:012}"),
                "type": "org_connection",
                "attributes": {
                    "connection_types": connection_types,
                    "created_at": "2024-01-01T00:00:00Z"
                },
                "relationships": {}
            })
        })
        .collect();
    serde_json::from_value(serde_json::json!({ "data": data })).expect("a valid list")
}

#[tokio::test]
async fn the_service_counts_what_the_double_returns_and_sends_its_page_size() {
    let server = MockServer::new();
    server
        .org_connections()
        .list_org_connections()
        .returns(connections(&[
            &["logs"],
            &["metrics"],
            &["logs", "metrics"],
        ]));
    let api = OrgConnectionsApi::with_config(
        server
            .configuration()
            .with_api_key("test-api-key")
            .with_app_key("test-app-key"),
    );

    assert_eq!(count_log_connections(&api).await, Ok(2));

    let double = server.org_connections().list_org_connections();
    assert_eq!(double.request_count(), 1);
    let request = double.last_request().expect("one request");
    assert_eq!(request.method, reqwest::Method::GET);
    assert_eq!(request.path(), "/api/v2/org_connections");
    assert_eq!(request.query("limit").as_deref(), Some("50"));
    assert_eq!(request.header("dd-api-key"), Some("test-api-key"));
    let shown = format!("{request:?}");
    assert!(!shown.contains("test-api-key"), "Debug hides keys: {shown}");
}

#[tokio::test]
async fn the_service_turns_a_forbidden_answer_into_its_own_error() {
    let server = MockServer::new();
    server.org_connections().list_org_connections().fails_with(
        403,
        JSONAPIErrorResponse::new(vec![JSONAPIErrorItem::new().detail("Forbidden")]),
    );
    let api = OrgConnectionsApi::with_config(
        server
            .configuration()
            .with_api_key("test-api-key")
            .with_app_key("test-app-key"),
    );

    assert_eq!(
        count_log_connections(&api).await,
        Err("not allowed to read org connections".to_string())
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_operation_without_an_answer_fails_with_a_status_that_names_it() {
    let server = MockServer::new();
    let api = OrgConnectionsApi::with_config(
        server
            .configuration()
            .with_api_key("test-api-key")
            .with_app_key("test-app-key"),
    );
    let error = count_log_connections(&api).await.unwrap_err();
    assert!(error.contains("501"), "{error}");
    assert!(error.contains("ListOrgConnections"), "{error}");
}

#[tokio::test]
async fn answers_are_used_in_order_so_a_retry_can_be_tested() {
    let server = MockServer::new();
    let double = server.org_connections().list_org_connections();
    double
        .fails_with_status(503)
        .returns(connections(&[&["logs"]]));
    let api = OrgConnectionsApi::with_config(
        server
            .configuration()
            .with_max_retries(1)
            .with_api_key("test-api-key")
            .with_app_key("test-app-key"),
    );
    assert_eq!(count_log_connections(&api).await, Ok(1));
    assert_eq!(double.request_count(), 2);
}
