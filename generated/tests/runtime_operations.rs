//! Generated operations over the runtime against a loopback server: what each of the 12 operations sends and decodes, every documented error status as a typed error, pagination across pages, and secrets in credential models.

use datadog_client::apis::action_connection::ListAppKeyRegistrationsOptionalParams;
use datadog_client::apis::org_connections::ListOrgConnectionsOptionalParams;
use datadog_client::apis::{ActionConnectionApi, ErrorBody, OrgConnectionsApi};
use datadog_client::error::ErrorKind;
use datadog_client::models::{
    APIErrorResponse, AWSAssumeRole, AWSAssumeRoleType, AWSAssumeRoleUpdate, AWSCredentials,
    AWSCredentialsUpdate, AWSIntegration, AWSIntegrationType, AWSIntegrationUpdate,
    ActionConnectionAttributes, ActionConnectionAttributesUpdate, ActionConnectionData,
    ActionConnectionDataType, ActionConnectionDataUpdate, ActionConnectionIntegration,
    ActionConnectionIntegrationUpdate, AppKeyRegistrationDataType, AsanaAccessToken,
    AsanaAccessTokenType, CreateActionConnectionRequest, JSONAPIErrorItem, JSONAPIErrorResponse,
    OrgConnection, OrgConnectionCreate, OrgConnectionCreateAttributes,
    OrgConnectionCreateRelationships, OrgConnectionCreateRequest, OrgConnectionOrgRelationship,
    OrgConnectionOrgRelationshipData, OrgConnectionOrgRelationshipDataType, OrgConnectionType,
    OrgConnectionTypeEnum, OrgConnectionUpdate, OrgConnectionUpdateAttributes,
    OrgConnectionUpdateRequest, OrgConnectionUserRelationshipDataType,
    UpdateActionConnectionRequest,
};
use datadog_client::{Configuration, Error};
use futures::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{any, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

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
            .respond_with(
                ResponseTemplate::new(200).set_body_json(serde_json::json!({"data": data})),
            )
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
    let stream = api
        .list_org_connections_with_pagination(ListOrgConnectionsOptionalParams::default().limit(2));
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
    let credential = AsanaAccessToken::new(
        String::from("asana-secret-token"),
        AsanaAccessTokenType::AsanaAccessToken,
    );
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

// The tests below check, for each of the 12 operations, what the client sends and how it decodes the answer.
// Response bodies are taken from the recordings in /work/shared/recordings, with the content types Datadog served.

/// The API key every operation test configures.
const API_KEY: &str = "test-api-key";
/// The application key every operation test configures.
const APP_KEY: &str = "test-app-key";
/// The content type Datadog serves org connection responses with, as recorded.
const ORG_CONNECTIONS_CONTENT_TYPE: &str = "application/json";
/// The content type Datadog serves action connection and app key registration responses with, as recorded.
const ACTION_CONNECTION_CONTENT_TYPE: &str = "application/vnd.api+json";
/// The rate-limit name the loopback server reports in `X-RateLimit-Name`.
const RATE_LIMIT_NAME: &str = "test_rate_limit";
/// The `X-RateLimit-Remaining` value of successful responses.
const SUCCESS_REMAINING: u64 = 99;
/// A string path parameter that needs percent-encoding.
const UNSAFE_PATH_ID: &str = "a b/c";
/// `UNSAFE_PATH_ID` as one encoded path segment.
const ENCODED_UNSAFE_PATH_ID: &str = "a%20b%2Fc";

/// The org connection of the recorded update; org connection ids are UUIDs, which need no encoding.
const ORG_CONNECTION_ID: &str = "0105233a-4d7b-4c52-b364-cc968d003de0";
/// The org connection the recorded create returned.
const CREATED_ORG_CONNECTION_ID: &str = "40bbb1c2-32b2-4aa3-8a1a-5d93b5382e3d";
/// The source org of the recordings.
const SOURCE_ORG_ID: &str = "4dee724d-00cc-11ea-a77b-570c9d03c6c5";
/// The sink org of the recordings.
const SINK_ORG_ID: &str = "83999dcd-7f97-11f0-8de1-1ecf66f1aa85";
/// The user who created the recorded org connections.
const CREATED_BY_USER_ID: &str = "03e6bc43-7ecc-11f0-b50b-f28f2be41840";
/// The action connection of the recorded get and update.
const ACTION_CONNECTION_ID: &str = "cb460d51-3c88-4e87-adac-d47131d0423d";
/// The action connection the recorded create returned.
const CREATED_ACTION_CONNECTION_ID: &str = "67aa2f61-266d-48d1-a1ee-cf7c3acc6b20";
/// The app key registration of the recordings.
const APP_KEY_REGISTRATION_ID: &str = "b7feea52-994e-4714-a100-1bd9eff5aee1";

/// One org connection as the recorded create returned it.
const RECORDED_CREATED_ORG_CONNECTION: &str = r#"{"type":"org_connection","id":"40bbb1c2-32b2-4aa3-8a1a-5d93b5382e3d","attributes":{"created_at":"2025-08-26T20:19:36.177236+00:00","connection_types":["logs"]},"relationships":{"source_org":{"data":{"type":"orgs","id":"4dee724d-00cc-11ea-a77b-570c9d03c6c5","name":"DD Integration Tests (321813)"}},"sink_org":{"data":{"type":"orgs","id":"83999dcd-7f97-11f0-8de1-1ecf66f1aa85","name":"Cross-Org BDD Test Org"}},"created_by":{"data":{"type":"users","id":"03e6bc43-7ecc-11f0-b50b-f28f2be41840","name":"Amy Li"}}}}"#;
/// The body of the recorded update of an org connection.
const RECORDED_UPDATED_ORG_CONNECTION_RESPONSE: &str = r#"{"data":{"type":"org_connection","id":"0105233a-4d7b-4c52-b364-cc968d003de0","attributes":{"created_at":"2025-08-26T20:19:38.208326+00:00","connection_types":["logs","metrics"]},"relationships":{"source_org":{"data":{"type":"orgs","id":"4dee724d-00cc-11ea-a77b-570c9d03c6c5"}},"sink_org":{"data":{"type":"orgs","id":"83999dcd-7f97-11f0-8de1-1ecf66f1aa85"}},"created_by":{"data":{"type":"users","id":"03e6bc43-7ecc-11f0-b50b-f28f2be41840"}}}}}"#;
/// The body of the recorded get of an action connection; the update answered the same.
const RECORDED_ACTION_CONNECTION_RESPONSE: &str = r#"{"data":{"id":"cb460d51-3c88-4e87-adac-d47131d0423d","type":"action_connection","attributes":{"integration":{"credentials":{"account_id":"123456789123","external_id":"909b33b1242748cfbef42f20011e2fa0","principal_id":"464622532012","role":"MyRoleUpdated","type":"AWSAssumeRole"},"type":"AWS"},"name":"Cassette Connection"}}}"#;
/// The body of the recorded create of an action connection.
const RECORDED_CREATED_ACTION_CONNECTION_RESPONSE: &str = r#"{"data":{"id":"67aa2f61-266d-48d1-a1ee-cf7c3acc6b20","type":"action_connection","attributes":{"integration":{"credentials":{"account_id":"123456789123","external_id":"70f4660c99684420821b0c13a67eb4d1","principal_id":"464622532012","role":"MyRoleUpdated","type":"AWSAssumeRole"},"type":"AWS"},"name":"Cassette Connection"}}}"#;
/// The body of the recorded get and register of an app key registration.
const RECORDED_APP_KEY_REGISTRATION_RESPONSE: &str =
    r#"{"data":{"id":"b7feea52-994e-4714-a100-1bd9eff5aee1","type":"app_key_registration"}}"#;
/// The body of the recorded list of app key registrations.
const RECORDED_APP_KEY_REGISTRATIONS_RESPONSE: &str = r#"{"data":[{"id":"b7feea52-994e-4714-a100-1bd9eff5aee1","type":"app_key_registration"}],"meta":{"total":1,"total_filtered":1}}"#;

/// A configuration that reads no environment variable, points at `server` and never retries.
fn test_configuration(server: &MockServer) -> Configuration {
    Configuration::from_env_with(|_| None)
        .with_base_url(server.uri())
        .with_api_key(API_KEY)
        .with_app_key(APP_KEY)
        .with_max_retries(0)
}

/// Mounts a mock that answers every request with `status`, the rate-limit headers (with
/// `remaining` requests left) and, when given, a body as `(content type, text)`.
async fn mount_response(
    server: &MockServer,
    status: u16,
    body: Option<(&str, &str)>,
    remaining: u64,
) {
    let mut template = ResponseTemplate::new(status)
        .insert_header("X-RateLimit-Limit", "1000")
        .insert_header("X-RateLimit-Period", "60")
        .insert_header("X-RateLimit-Remaining", remaining.to_string())
        .insert_header("X-RateLimit-Reset", "17")
        .insert_header("X-RateLimit-Name", RATE_LIMIT_NAME);
    if let Some((content_type, text)) = body {
        template = template.set_body_raw(text.as_bytes().to_vec(), content_type);
    }
    Mock::given(any())
        .respond_with(template)
        .mount(server)
        .await;
}

/// Starts a loopback server that answers every request as [`mount_response`] describes.
async fn start_server(status: u16, body: Option<(&str, &str)>) -> MockServer {
    let server = MockServer::start().await;
    mount_response(&server, status, body, SUCCESS_REMAINING).await;
    server
}

/// Returns the requests `server` received, after checking that there are `expected_count` of them.
async fn received_requests(server: &MockServer, expected_count: usize) -> Vec<Request> {
    let requests = server
        .received_requests()
        .await
        .expect("wiremock records requests by default");
    assert_eq!(
        requests.len(),
        expected_count,
        "the server received {} requests, expected {expected_count}",
        requests.len()
    );
    requests
}

/// Returns the value of header `name` of `request`, if it is there.
fn request_header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().expect("request headers are ASCII"))
}

/// What one operation is expected to send.
struct ExpectedRequest {
    method: &'static str,
    /// The path as sent, already percent-encoded.
    path: &'static str,
    /// The query as decoded name and value pairs, in any order.
    query: &'static [(&'static str, &'static str)],
    /// The JSON body, or `None` when the operation sends no body.
    body: Option<Value>,
}

/// Checks the method, path, query, headers and body of `request` against `expected`.
fn assert_sent(request: &Request, expected: &ExpectedRequest) {
    let context = format!("{} {}", expected.method, expected.path);
    assert_eq!(
        request.method.as_str(),
        expected.method,
        "{context}: method"
    );
    assert_eq!(request.url.path(), expected.path, "{context}: path");
    let mut sent_query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    sent_query.sort();
    let mut expected_query: Vec<(String, String)> = expected
        .query
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    expected_query.sort();
    assert_eq!(sent_query, expected_query, "{context}: query");
    assert_eq!(
        request_header(request, "DD-API-KEY"),
        Some(API_KEY),
        "{context}: DD-API-KEY"
    );
    assert_eq!(
        request_header(request, "DD-APPLICATION-KEY"),
        Some(APP_KEY),
        "{context}: DD-APPLICATION-KEY"
    );
    assert_eq!(
        request_header(request, "Authorization"),
        None,
        "{context}: Authorization"
    );
    let accept = request_header(request, "Accept").unwrap_or_default();
    assert!(
        accept.contains("application/json"),
        "{context}: Accept is {accept:?}"
    );
    let user_agent = request_header(request, "User-Agent").unwrap_or_default();
    assert!(
        user_agent.starts_with("datadog-client-rust/"),
        "{context}: User-Agent is {user_agent:?}"
    );
    match &expected.body {
        Some(expected_body) => {
            assert_eq!(
                request_header(request, "Content-Type"),
                Some("application/json"),
                "{context}: Content-Type"
            );
            let sent_body: Value = serde_json::from_slice(&request.body)
                .unwrap_or_else(|error| panic!("{context}: the body is not JSON: {error}"));
            assert_eq!(&sent_body, expected_body, "{context}: body");
        }
        None => {
            assert_eq!(
                request_header(request, "Content-Type"),
                None,
                "{context}: Content-Type"
            );
            assert!(
                request.body.is_empty(),
                "{context}: a body was sent: {:?}",
                request.body
            );
        }
    }
}

/// Checks the status, content type and rate-limit headers a `_with_http_info` variant returns.
fn assert_response_metadata<T>(
    response: &datadog_client::client::ResponseContent<T>,
    expected_status: u16,
    expected_content_type: Option<&str>,
) {
    assert_eq!(response.status, expected_status);
    let content_type = response
        .headers
        .get("content-type")
        .map(|value| value.to_str().expect("response headers are ASCII"));
    assert_eq!(content_type, expected_content_type);
    let rate_limit = response.rate_limit();
    assert_eq!(rate_limit.remaining, Some(SUCCESS_REMAINING));
    assert_eq!(rate_limit.limit, Some(1000));
    assert_eq!(rate_limit.name.as_deref(), Some(RATE_LIMIT_NAME));
}

/// Parses an RFC 3339 timestamp of the recordings.
fn timestamp(text: &str) -> chrono::DateTime<chrono::Utc> {
    text.parse().expect("the recordings hold valid timestamps")
}

/// Checks every field of the org connection of `RECORDED_CREATED_ORG_CONNECTION` once decoded.
fn assert_recorded_created_org_connection(connection: &OrgConnection) {
    assert_eq!(connection.id.to_string(), CREATED_ORG_CONNECTION_ID);
    assert_eq!(connection.type_, OrgConnectionType::OrgConnection);
    assert_eq!(
        connection.attributes.connection_types,
        vec![OrgConnectionTypeEnum::Logs]
    );
    assert_eq!(
        connection.attributes.created_at,
        timestamp("2025-08-26T20:19:36.177236+00:00")
    );
    let source_org = connection
        .relationships
        .source_org
        .as_ref()
        .and_then(|org| org.data.as_ref());
    let source_org = source_org.expect("the source org is decoded");
    assert_eq!(source_org.id.as_deref(), Some(SOURCE_ORG_ID));
    assert_eq!(
        source_org.name.as_deref(),
        Some("DD Integration Tests (321813)")
    );
    assert_eq!(
        source_org.type_,
        Some(OrgConnectionOrgRelationshipDataType::Orgs)
    );
    let sink_org = connection
        .relationships
        .sink_org
        .as_ref()
        .and_then(|org| org.data.as_ref());
    let sink_org = sink_org.expect("the sink org is decoded");
    assert_eq!(sink_org.id.as_deref(), Some(SINK_ORG_ID));
    assert_eq!(sink_org.name.as_deref(), Some("Cross-Org BDD Test Org"));
    let created_by = connection
        .relationships
        .created_by
        .as_ref()
        .and_then(|user| user.data.as_ref());
    let created_by = created_by.expect("the creator is decoded");
    assert_eq!(created_by.id.as_deref(), Some(CREATED_BY_USER_ID));
    assert_eq!(created_by.name.as_deref(), Some("Amy Li"));
    assert_eq!(
        created_by.type_,
        Some(OrgConnectionUserRelationshipDataType::Users)
    );
}

/// Checks an action connection decoded from the recordings: the AWS integration with an assumed role.
fn assert_recorded_action_connection(
    data: Option<&ActionConnectionData>,
    expected_id: &str,
    expected_external_id: &str,
) {
    let data = data.expect("the response has data");
    assert_eq!(data.id.as_deref(), Some(expected_id));
    assert_eq!(data.type_, ActionConnectionDataType::ActionConnection);
    assert_eq!(data.attributes.name, "Cassette Connection");
    let ActionConnectionIntegration::AWSIntegration(aws) = &data.attributes.integration else {
        panic!(
            "expected the AWS integration, got {:?}",
            data.attributes.integration
        );
    };
    assert_eq!(aws.type_, AWSIntegrationType::Aws);
    let AWSCredentials::AWSAssumeRole(role) = &aws.credentials else {
        panic!(
            "expected AWSAssumeRole credentials, got {:?}",
            aws.credentials
        );
    };
    assert_eq!(role.type_, AWSAssumeRoleType::AwsAssumeRole);
    assert_eq!(role.account_id, "123456789123");
    assert_eq!(role.role, "MyRoleUpdated");
    assert_eq!(role.external_id.as_deref(), Some(expected_external_id));
    assert_eq!(role.principal_id.as_deref(), Some("464622532012"));
}

/// The request body of the recorded create of an org connection, built with the model constructors.
fn org_connection_create_request() -> OrgConnectionCreateRequest {
    let sink_org = OrgConnectionOrgRelationshipData::new()
        .id(SINK_ORG_ID.to_string())
        .type_(OrgConnectionOrgRelationshipDataType::Orgs);
    OrgConnectionCreateRequest::new(OrgConnectionCreate::new(
        OrgConnectionCreateAttributes::new(vec![OrgConnectionTypeEnum::Logs]),
        OrgConnectionCreateRelationships::new(OrgConnectionOrgRelationship::new().data(sink_org)),
        OrgConnectionType::OrgConnection,
    ))
}

/// The JSON the recorded create of an org connection sent.
fn org_connection_create_json() -> Value {
    json!({"data": {
        "attributes": {"connection_types": ["logs"]},
        "relationships": {"sink_org": {"data": {"id": SINK_ORG_ID, "type": "orgs"}}},
        "type": "org_connection"
    }})
}

/// The request body of the recorded update of an org connection, built with the model constructors.
fn org_connection_update_request() -> OrgConnectionUpdateRequest {
    OrgConnectionUpdateRequest::new(OrgConnectionUpdate::new(
        OrgConnectionUpdateAttributes::new(vec![
            OrgConnectionTypeEnum::Logs,
            OrgConnectionTypeEnum::Metrics,
        ]),
        org_connection_id(),
        OrgConnectionType::OrgConnection,
    ))
}

/// The JSON the recorded update of an org connection sent.
fn org_connection_update_json() -> Value {
    json!({"data": {
        "attributes": {"connection_types": ["logs", "metrics"]},
        "id": ORG_CONNECTION_ID,
        "type": "org_connection"
    }})
}

/// `ORG_CONNECTION_ID` as the UUID the org connection operations take.
fn org_connection_id() -> uuid::Uuid {
    ORG_CONNECTION_ID
        .parse()
        .expect("ORG_CONNECTION_ID is a UUID")
}

/// The request body of the recorded create of an action connection, built with the model constructors.
fn create_action_connection_request() -> CreateActionConnectionRequest {
    let credentials = AWSCredentials::AWSAssumeRole(Box::new(AWSAssumeRole::new(
        String::from("123456789123"),
        String::from("MyRoleUpdated"),
        AWSAssumeRoleType::AwsAssumeRole,
    )));
    let integration = ActionConnectionIntegration::AWSIntegration(Box::new(AWSIntegration::new(
        credentials,
        AWSIntegrationType::Aws,
    )));
    CreateActionConnectionRequest::new(ActionConnectionData::new(
        ActionConnectionAttributes::new(integration, String::from("Cassette Connection")),
        ActionConnectionDataType::ActionConnection,
    ))
}

/// The JSON the recorded create of an action connection sent, with the recording's name.
fn create_action_connection_json() -> Value {
    json!({"data": {
        "attributes": {
            "integration": {
                "credentials": {"account_id": "123456789123", "role": "MyRoleUpdated", "type": "AWSAssumeRole"},
                "type": "AWS"
            },
            "name": "Cassette Connection"
        },
        "type": "action_connection"
    }})
}

/// The request body of the recorded update of an action connection, built with the model constructors.
fn update_action_connection_request() -> UpdateActionConnectionRequest {
    let credentials = AWSCredentialsUpdate::AWSAssumeRoleUpdate(Box::new(
        AWSAssumeRoleUpdate::new(AWSAssumeRoleType::AwsAssumeRole)
            .account_id(String::from("123456789123"))
            .role(String::from("MyRoleUpdated")),
    ));
    let integration = ActionConnectionIntegrationUpdate::AWSIntegrationUpdate(Box::new(
        AWSIntegrationUpdate::new(AWSIntegrationType::Aws).credentials(credentials),
    ));
    UpdateActionConnectionRequest::new(ActionConnectionDataUpdate::new(
        ActionConnectionAttributesUpdate::new()
            .integration(integration)
            .name(String::from("Cassette Connection")),
        ActionConnectionDataType::ActionConnection,
    ))
}

/// The optional parameters of `list_org_connections`, all set. The source org id holds a space,
/// `&`, `=` and `/` so that the query value must be percent-encoded to arrive intact.
fn list_org_connections_params() -> ListOrgConnectionsOptionalParams {
    ListOrgConnectionsOptionalParams::default()
        .sink_org_id(SINK_ORG_ID.to_string())
        .source_org_id(String::from("source org&x=1/2"))
        .limit(25)
        .offset(50)
}

/// The optional parameters of `list_app_key_registrations`, all set.
fn list_app_key_registrations_params() -> ListAppKeyRegistrationsOptionalParams {
    ListAppKeyRegistrationsOptionalParams::default()
        .page_size(10)
        .page_number(2)
}

#[tokio::test]
async fn list_org_connections_sends_every_filter_and_decodes_the_connections() {
    let body = format!(
        r#"{{"data":[{RECORDED_CREATED_ORG_CONNECTION}],"meta":{{"page":{{"total_count":1,"total_filtered_count":1}}}}}}"#
    );
    let server = start_server(200, Some((ORG_CONNECTIONS_CONTENT_TYPE, &body))).await;
    let api = OrgConnectionsApi::with_config(test_configuration(&server));

    let list = api
        .list_org_connections(list_org_connections_params())
        .await
        .unwrap();
    assert_eq!(list.data.len(), 1);
    assert_recorded_created_org_connection(&list.data[0]);
    let page = list
        .meta
        .as_ref()
        .and_then(|meta| meta.page.as_ref())
        .expect("meta.page is decoded");
    assert_eq!(page.total_count, Some(1));
    assert_eq!(page.total_filtered_count, Some(1));

    let response = api
        .list_org_connections_with_http_info(list_org_connections_params())
        .await
        .unwrap();
    assert_response_metadata(&response, 200, Some(ORG_CONNECTIONS_CONTENT_TYPE));
    assert_eq!(response.body, list);

    let expected = ExpectedRequest {
        method: "GET",
        path: "/api/v2/org_connections",
        query: &[
            ("sink_org_id", SINK_ORG_ID),
            ("source_org_id", "source org&x=1/2"),
            ("limit", "25"),
            ("offset", "50"),
        ],
        body: None,
    };
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
    }
}

#[tokio::test]
async fn create_org_connections_sends_the_request_body_and_decodes_the_connection() {
    let body = format!(r#"{{"data":{RECORDED_CREATED_ORG_CONNECTION}}}"#);
    let server = start_server(200, Some((ORG_CONNECTIONS_CONTENT_TYPE, &body))).await;
    let api = OrgConnectionsApi::with_config(test_configuration(&server));

    let created = api
        .create_org_connections(org_connection_create_request())
        .await
        .unwrap();
    assert_recorded_created_org_connection(&created.data);

    let response = api
        .create_org_connections_with_http_info(org_connection_create_request())
        .await
        .unwrap();
    assert_response_metadata(&response, 200, Some(ORG_CONNECTIONS_CONTENT_TYPE));
    assert_eq!(response.body, created);

    let expected = ExpectedRequest {
        method: "POST",
        path: "/api/v2/org_connections",
        query: &[],
        body: Some(org_connection_create_json()),
    };
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
    }
}

#[tokio::test]
async fn update_org_connections_sends_the_id_and_body_and_decodes_the_connection() {
    let server = start_server(
        200,
        Some((
            ORG_CONNECTIONS_CONTENT_TYPE,
            RECORDED_UPDATED_ORG_CONNECTION_RESPONSE,
        )),
    )
    .await;
    let api = OrgConnectionsApi::with_config(test_configuration(&server));

    let updated = api
        .update_org_connections(org_connection_id(), org_connection_update_request())
        .await
        .unwrap();
    let connection = &updated.data;
    assert_eq!(connection.id, org_connection_id());
    assert_eq!(connection.type_, OrgConnectionType::OrgConnection);
    assert_eq!(
        connection.attributes.connection_types,
        vec![OrgConnectionTypeEnum::Logs, OrgConnectionTypeEnum::Metrics]
    );
    assert_eq!(
        connection.attributes.created_at,
        timestamp("2025-08-26T20:19:38.208326+00:00")
    );
    let sink_org = connection
        .relationships
        .sink_org
        .as_ref()
        .and_then(|org| org.data.as_ref());
    let sink_org = sink_org.expect("the sink org is decoded");
    assert_eq!(sink_org.id.as_deref(), Some(SINK_ORG_ID));
    assert_eq!(sink_org.name, None);

    let response = api
        .update_org_connections_with_http_info(org_connection_id(), org_connection_update_request())
        .await
        .unwrap();
    assert_response_metadata(&response, 200, Some(ORG_CONNECTIONS_CONTENT_TYPE));
    assert_eq!(response.body, updated);

    let expected = ExpectedRequest {
        method: "PATCH",
        path: "/api/v2/org_connections/0105233a-4d7b-4c52-b364-cc968d003de0",
        query: &[],
        body: Some(org_connection_update_json()),
    };
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
    }
}

#[tokio::test]
async fn delete_org_connections_sends_the_id_and_accepts_the_recorded_empty_object() {
    let server = start_server(200, Some((ORG_CONNECTIONS_CONTENT_TYPE, "{}\n"))).await;
    let api = OrgConnectionsApi::with_config(test_configuration(&server));

    api.delete_org_connections(org_connection_id())
        .await
        .unwrap();
    let response = api
        .delete_org_connections_with_http_info(org_connection_id())
        .await
        .unwrap();
    assert_response_metadata(&response, 200, Some(ORG_CONNECTIONS_CONTENT_TYPE));

    let expected = ExpectedRequest {
        method: "DELETE",
        path: "/api/v2/org_connections/0105233a-4d7b-4c52-b364-cc968d003de0",
        query: &[],
        body: None,
    };
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
    }
}

#[tokio::test]
async fn get_action_connection_encodes_the_id_and_decodes_the_aws_integration() {
    let server = start_server(
        200,
        Some((
            ACTION_CONNECTION_CONTENT_TYPE,
            RECORDED_ACTION_CONNECTION_RESPONSE,
        )),
    )
    .await;
    let api = ActionConnectionApi::with_config(test_configuration(&server));

    let connection = api
        .get_action_connection(UNSAFE_PATH_ID.to_string())
        .await
        .unwrap();
    assert_recorded_action_connection(
        connection.data.as_ref(),
        ACTION_CONNECTION_ID,
        "909b33b1242748cfbef42f20011e2fa0",
    );

    let response = api
        .get_action_connection_with_http_info(UNSAFE_PATH_ID.to_string())
        .await
        .unwrap();
    assert_response_metadata(&response, 200, Some(ACTION_CONNECTION_CONTENT_TYPE));
    assert_eq!(response.body, connection);

    let expected = ExpectedRequest {
        method: "GET",
        path: "/api/v2/actions/connections/a%20b%2Fc",
        query: &[],
        body: None,
    };
    assert_eq!(
        expected.path,
        format!("/api/v2/actions/connections/{ENCODED_UNSAFE_PATH_ID}")
    );
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
    }
}

#[tokio::test]
async fn create_action_connection_sends_the_integration_and_decodes_the_created_connection() {
    let server = start_server(
        201,
        Some((
            ACTION_CONNECTION_CONTENT_TYPE,
            RECORDED_CREATED_ACTION_CONNECTION_RESPONSE,
        )),
    )
    .await;
    let api = ActionConnectionApi::with_config(test_configuration(&server));

    let created = api
        .create_action_connection(create_action_connection_request())
        .await
        .unwrap();
    assert_recorded_action_connection(
        created.data.as_ref(),
        CREATED_ACTION_CONNECTION_ID,
        "70f4660c99684420821b0c13a67eb4d1",
    );

    let response = api
        .create_action_connection_with_http_info(create_action_connection_request())
        .await
        .unwrap();
    assert_response_metadata(&response, 201, Some(ACTION_CONNECTION_CONTENT_TYPE));
    assert_eq!(response.body, created);

    let expected = ExpectedRequest {
        method: "POST",
        path: "/api/v2/actions/connections",
        query: &[],
        body: Some(create_action_connection_json()),
    };
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
    }
}

#[tokio::test]
async fn update_action_connection_encodes_the_id_sends_the_update_and_decodes_the_connection() {
    let server = start_server(
        200,
        Some((
            ACTION_CONNECTION_CONTENT_TYPE,
            RECORDED_ACTION_CONNECTION_RESPONSE,
        )),
    )
    .await;
    let api = ActionConnectionApi::with_config(test_configuration(&server));

    let updated = api
        .update_action_connection(
            UNSAFE_PATH_ID.to_string(),
            update_action_connection_request(),
        )
        .await
        .unwrap();
    assert_recorded_action_connection(
        updated.data.as_ref(),
        ACTION_CONNECTION_ID,
        "909b33b1242748cfbef42f20011e2fa0",
    );

    let response = api
        .update_action_connection_with_http_info(
            UNSAFE_PATH_ID.to_string(),
            update_action_connection_request(),
        )
        .await
        .unwrap();
    assert_response_metadata(&response, 200, Some(ACTION_CONNECTION_CONTENT_TYPE));
    assert_eq!(response.body, updated);

    // The recorded update sent the same document as the create; optional fields left unset are not sent.
    let expected = ExpectedRequest {
        method: "PATCH",
        path: "/api/v2/actions/connections/a%20b%2Fc",
        query: &[],
        body: Some(create_action_connection_json()),
    };
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
    }
}

#[tokio::test]
async fn delete_action_connection_encodes_the_id_and_accepts_no_content() {
    let server = start_server(204, None).await;
    let api = ActionConnectionApi::with_config(test_configuration(&server));

    api.delete_action_connection(UNSAFE_PATH_ID.to_string())
        .await
        .unwrap();
    let response = api
        .delete_action_connection_with_http_info(UNSAFE_PATH_ID.to_string())
        .await
        .unwrap();
    assert_response_metadata(&response, 204, None);

    let expected = ExpectedRequest {
        method: "DELETE",
        path: "/api/v2/actions/connections/a%20b%2Fc",
        query: &[],
        body: None,
    };
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
    }
}

#[tokio::test]
async fn register_app_key_encodes_the_id_sends_no_body_and_decodes_the_registration() {
    let server = start_server(
        201,
        Some((
            ACTION_CONNECTION_CONTENT_TYPE,
            RECORDED_APP_KEY_REGISTRATION_RESPONSE,
        )),
    )
    .await;
    let api = ActionConnectionApi::with_config(test_configuration(&server));

    let registered = api
        .register_app_key(UNSAFE_PATH_ID.to_string())
        .await
        .unwrap();
    let registration = registered.data.as_ref().expect("the response has data");
    assert_eq!(
        registration.id.map(|id| id.to_string()).as_deref(),
        Some(APP_KEY_REGISTRATION_ID)
    );
    assert_eq!(
        registration.type_,
        AppKeyRegistrationDataType::AppKeyRegistration
    );

    let response = api
        .register_app_key_with_http_info(UNSAFE_PATH_ID.to_string())
        .await
        .unwrap();
    assert_response_metadata(&response, 201, Some(ACTION_CONNECTION_CONTENT_TYPE));
    assert_eq!(response.body, registered);

    let expected = ExpectedRequest {
        method: "PUT",
        path: "/api/v2/actions/app_key_registrations/a%20b%2Fc",
        query: &[],
        body: None,
    };
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
    }
}

#[tokio::test]
async fn list_app_key_registrations_sends_bracketed_page_parameters_and_decodes_the_list() {
    let server = start_server(
        200,
        Some((
            ACTION_CONNECTION_CONTENT_TYPE,
            RECORDED_APP_KEY_REGISTRATIONS_RESPONSE,
        )),
    )
    .await;
    let api = ActionConnectionApi::with_config(test_configuration(&server));

    let list = api
        .list_app_key_registrations(list_app_key_registrations_params())
        .await
        .unwrap();
    let registrations = list.data.as_deref().expect("the response has data");
    assert_eq!(registrations.len(), 1);
    assert_eq!(
        registrations[0].id.map(|id| id.to_string()).as_deref(),
        Some(APP_KEY_REGISTRATION_ID)
    );
    assert_eq!(
        registrations[0].type_,
        AppKeyRegistrationDataType::AppKeyRegistration
    );
    let meta = list.meta.as_ref().expect("meta is decoded");
    assert_eq!(meta.total, Some(1));
    assert_eq!(meta.total_filtered, Some(1));

    let response = api
        .list_app_key_registrations_with_http_info(list_app_key_registrations_params())
        .await
        .unwrap();
    assert_response_metadata(&response, 200, Some(ACTION_CONNECTION_CONTENT_TYPE));
    assert_eq!(response.body, list);

    let expected = ExpectedRequest {
        method: "GET",
        path: "/api/v2/actions/app_key_registrations",
        query: &[("page[size]", "10"), ("page[number]", "2")],
        body: None,
    };
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
        // The brackets are sent as they are, not as `%5B` and `%5D`.
        let mut raw_pairs: Vec<&str> = request.url.query().unwrap_or_default().split('&').collect();
        raw_pairs.sort_unstable();
        assert_eq!(raw_pairs, ["page[number]=2", "page[size]=10"]);
    }
}

#[tokio::test]
async fn get_app_key_registration_encodes_the_id_and_decodes_the_registration() {
    let server = start_server(
        200,
        Some((
            ACTION_CONNECTION_CONTENT_TYPE,
            RECORDED_APP_KEY_REGISTRATION_RESPONSE,
        )),
    )
    .await;
    let api = ActionConnectionApi::with_config(test_configuration(&server));

    let registration = api
        .get_app_key_registration(UNSAFE_PATH_ID.to_string())
        .await
        .unwrap();
    let data = registration.data.as_ref().expect("the response has data");
    assert_eq!(
        data.id.map(|id| id.to_string()).as_deref(),
        Some(APP_KEY_REGISTRATION_ID)
    );
    assert_eq!(data.type_, AppKeyRegistrationDataType::AppKeyRegistration);

    let response = api
        .get_app_key_registration_with_http_info(UNSAFE_PATH_ID.to_string())
        .await
        .unwrap();
    assert_response_metadata(&response, 200, Some(ACTION_CONNECTION_CONTENT_TYPE));
    assert_eq!(response.body, registration);

    let expected = ExpectedRequest {
        method: "GET",
        path: "/api/v2/actions/app_key_registrations/a%20b%2Fc",
        query: &[],
        body: None,
    };
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
    }
}

#[tokio::test]
async fn unregister_app_key_encodes_the_id_and_accepts_no_content() {
    let server = start_server(204, None).await;
    let api = ActionConnectionApi::with_config(test_configuration(&server));

    api.unregister_app_key(UNSAFE_PATH_ID.to_string())
        .await
        .unwrap();
    let response = api
        .unregister_app_key_with_http_info(UNSAFE_PATH_ID.to_string())
        .await
        .unwrap();
    assert_response_metadata(&response, 204, None);

    let expected = ExpectedRequest {
        method: "DELETE",
        path: "/api/v2/actions/app_key_registrations/a%20b%2Fc",
        query: &[],
        body: None,
    };
    for request in received_requests(&server, 2).await {
        assert_sent(&request, &expected);
    }
}

// The tests below check every error status the spec documents for every operation.

/// The 12 operations, named by their `operationId`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OperationName {
    ListOrgConnections,
    CreateOrgConnections,
    UpdateOrgConnections,
    DeleteOrgConnections,
    GetActionConnection,
    CreateActionConnection,
    UpdateActionConnection,
    DeleteActionConnection,
    RegisterAppKey,
    ListAppKeyRegistrations,
    GetAppKeyRegistration,
    UnregisterAppKey,
}

impl OperationName {
    /// Every operation, once.
    const ALL: [OperationName; 12] = [
        OperationName::ListOrgConnections,
        OperationName::CreateOrgConnections,
        OperationName::UpdateOrgConnections,
        OperationName::DeleteOrgConnections,
        OperationName::GetActionConnection,
        OperationName::CreateActionConnection,
        OperationName::UpdateActionConnection,
        OperationName::DeleteActionConnection,
        OperationName::RegisterAppKey,
        OperationName::ListAppKeyRegistrations,
        OperationName::GetAppKeyRegistration,
        OperationName::UnregisterAppKey,
    ];

    /// Returns the `operationId` of the spec, which errors report through `operation_id()`.
    fn id(self) -> &'static str {
        match self {
            OperationName::ListOrgConnections => "ListOrgConnections",
            OperationName::CreateOrgConnections => "CreateOrgConnections",
            OperationName::UpdateOrgConnections => "UpdateOrgConnections",
            OperationName::DeleteOrgConnections => "DeleteOrgConnections",
            OperationName::GetActionConnection => "GetActionConnection",
            OperationName::CreateActionConnection => "CreateActionConnection",
            OperationName::UpdateActionConnection => "UpdateActionConnection",
            OperationName::DeleteActionConnection => "DeleteActionConnection",
            OperationName::RegisterAppKey => "RegisterAppKey",
            OperationName::ListAppKeyRegistrations => "ListAppKeyRegistrations",
            OperationName::GetAppKeyRegistration => "GetAppKeyRegistration",
            OperationName::UnregisterAppKey => "UnregisterAppKey",
        }
    }

    /// Says whether the spec documents the operation's errors as `JSONAPIErrorResponse`
    /// (the action connection operations) rather than `APIErrorResponse` (the org connection operations).
    fn uses_json_api_errors(self) -> bool {
        !matches!(
            self,
            OperationName::ListOrgConnections
                | OperationName::CreateOrgConnections
                | OperationName::UpdateOrgConnections
                | OperationName::DeleteOrgConnections
        )
    }

    /// Calls the operation against `server` with the same arguments as the success tests.
    async fn call(self, server: &MockServer) -> Result<(), Error> {
        let org_connections = OrgConnectionsApi::with_config(test_configuration(server));
        let action_connection = ActionConnectionApi::with_config(test_configuration(server));
        let id = || UNSAFE_PATH_ID.to_string();
        match self {
            OperationName::ListOrgConnections => org_connections
                .list_org_connections(list_org_connections_params())
                .await
                .map(|_| ()),
            OperationName::CreateOrgConnections => org_connections
                .create_org_connections(org_connection_create_request())
                .await
                .map(|_| ()),
            OperationName::UpdateOrgConnections => org_connections
                .update_org_connections(org_connection_id(), org_connection_update_request())
                .await
                .map(|_| ()),
            OperationName::DeleteOrgConnections => {
                org_connections
                    .delete_org_connections(org_connection_id())
                    .await
            }
            OperationName::GetActionConnection => action_connection
                .get_action_connection(id())
                .await
                .map(|_| ()),
            OperationName::CreateActionConnection => action_connection
                .create_action_connection(create_action_connection_request())
                .await
                .map(|_| ()),
            OperationName::UpdateActionConnection => action_connection
                .update_action_connection(id(), update_action_connection_request())
                .await
                .map(|_| ()),
            OperationName::DeleteActionConnection => {
                action_connection.delete_action_connection(id()).await
            }
            OperationName::RegisterAppKey => {
                action_connection.register_app_key(id()).await.map(|_| ())
            }
            OperationName::ListAppKeyRegistrations => action_connection
                .list_app_key_registrations(list_app_key_registrations_params())
                .await
                .map(|_| ()),
            OperationName::GetAppKeyRegistration => action_connection
                .get_app_key_registration(id())
                .await
                .map(|_| ()),
            OperationName::UnregisterAppKey => action_connection.unregister_app_key(id()).await,
        }
    }
}

/// The error statuses spec/openapi.yaml documents for each operation, written by hand from the spec.
const DOCUMENTED_ERROR_STATUSES: [(OperationName, &[u16]); 12] = [
    (OperationName::ListOrgConnections, &[401, 403, 429]),
    (
        OperationName::CreateOrgConnections,
        &[400, 401, 403, 404, 409, 429],
    ),
    (
        OperationName::UpdateOrgConnections,
        &[400, 401, 403, 404, 429],
    ),
    (
        OperationName::DeleteOrgConnections,
        &[400, 401, 403, 404, 429],
    ),
    (OperationName::GetActionConnection, &[400, 403, 404, 429]),
    (OperationName::CreateActionConnection, &[400, 403, 429]),
    (OperationName::UpdateActionConnection, &[400, 403, 404, 429]),
    (OperationName::DeleteActionConnection, &[403, 404, 429]),
    (OperationName::RegisterAppKey, &[400, 403, 429]),
    (OperationName::ListAppKeyRegistrations, &[400, 403, 429]),
    (OperationName::GetAppKeyRegistration, &[400, 403, 404, 429]),
    (OperationName::UnregisterAppKey, &[400, 403, 404, 429]),
];

/// The number of (operation, documented error status) pairs in spec/openapi.yaml. It was computed
/// with python3 and PyYAML: for each of the 12 operations, count the responses whose status is 400
/// or more (following `$ref`s to `components.responses`), and add the counts up.
const DOCUMENTED_ERROR_STATUS_PAIR_COUNT: usize = 47;

/// Error statuses that some operation documents, plus 500, which none does.
const CANDIDATE_ERROR_STATUSES: [u16; 7] = [400, 401, 403, 404, 409, 429, 500];

/// Returns the statuses the table documents for `operation`.
fn documented_error_statuses(operation: OperationName) -> &'static [u16] {
    DOCUMENTED_ERROR_STATUSES
        .iter()
        .find(|(name, _)| *name == operation)
        .map(|(_, statuses)| *statuses)
        .unwrap_or_else(|| panic!("{operation:?} is missing from DOCUMENTED_ERROR_STATUSES"))
}

/// Returns `Err(message)` from the enclosing function when `condition` is false.
macro_rules! ensure {
    ($condition:expr, $($message:tt)+) => {
        if !$condition {
            return Err(format!($($message)+));
        }
    };
}

/// An error body as served, with the typed body the client should keep for a documented status.
struct ServedError {
    content_type: &'static str,
    body: String,
    typed_body: ErrorBody,
}

/// The error body Datadog would serve for `operation`, in the schema the spec documents for it,
/// carrying `message`.
fn served_error(operation: OperationName, status: u16, message: &str) -> ServedError {
    if operation.uses_json_api_errors() {
        ServedError {
            content_type: ACTION_CONNECTION_CONTENT_TYPE,
            body: json!({"errors": [{"status": status.to_string(), "title": "Generic Error", "detail": message}]})
                .to_string(),
            typed_body: ErrorBody::JSONAPIErrorResponse(JSONAPIErrorResponse::new(vec![
                JSONAPIErrorItem::new()
                    .status(status.to_string())
                    .title(String::from("Generic Error"))
                    .detail(message.to_string()),
            ])),
        }
    } else {
        ServedError {
            content_type: ORG_CONNECTIONS_CONTENT_TYPE,
            body: json!({"errors": [message]}).to_string(),
            typed_body: ErrorBody::APIErrorResponse(APIErrorResponse::new(vec![
                message.to_string(),
            ])),
        }
    }
}

/// Serves `status` to `operation` and checks the error it returns, whose typed body is expected
/// when `documented` is true and absent otherwise.
async fn check_error_status(
    server: &MockServer,
    operation: OperationName,
    status: u16,
    documented: bool,
) -> Result<(), String> {
    server.reset().await;
    let message = format!("the loopback server refused {}", operation.id());
    let served = served_error(operation, status, &message);
    let remaining = if status == 429 { 0 } else { 42 };
    mount_response(
        server,
        status,
        Some((served.content_type, &served.body)),
        remaining,
    )
    .await;

    let error = match operation.call(server).await {
        Ok(()) => return Err(String::from("the call succeeded")),
        Err(error) => error,
    };
    ensure!(
        error.status() == Some(status),
        "status() is {:?}",
        error.status()
    );
    ensure!(
        *error.kind() == ErrorKind::Status,
        "kind() is {:?}",
        error.kind()
    );
    ensure!(
        error.operation_id() == Some(operation.id()),
        "operation_id() is {:?}",
        error.operation_id()
    );
    if documented {
        ensure!(
            error.body() == Some(&served.typed_body),
            "body() is {:?}, expected {:?}",
            error.body(),
            served.typed_body
        );
    } else {
        ensure!(
            error.body().is_none(),
            "body() of an undocumented status is {:?}",
            error.body()
        );
    }
    let display = error.to_string();
    ensure!(
        display.contains(&format!("HTTP {status}"))
            && display.contains(&message)
            && display.contains(operation.id()),
        "Display is {display:?}"
    );
    ensure!(
        error.body_bytes() == Some(served.body.as_bytes()),
        "body_bytes() is {:?}",
        error.body_bytes()
    );
    ensure!(
        error.body_text() == Some(served.body.as_str()),
        "body_text() is {:?}",
        error.body_text()
    );
    let content_type = error
        .headers()
        .and_then(|headers| headers.get("content-type"))
        .and_then(|value| value.to_str().ok());
    ensure!(
        content_type == Some(served.content_type),
        "the Content-Type in headers() is {content_type:?}"
    );
    let rate_limit = error.rate_limit();
    ensure!(
        rate_limit.as_ref().and_then(|limits| limits.remaining) == Some(remaining),
        "rate_limit() is {rate_limit:?}"
    );
    let request_count = server.received_requests().await.unwrap_or_default().len();
    ensure!(
        request_count == 1,
        "{request_count} requests were sent; with max_retries(0) there must be one"
    );
    Ok(())
}

#[test]
fn the_error_status_table_lists_each_operation_once_and_every_documented_pair() {
    for operation in OperationName::ALL {
        let rows = DOCUMENTED_ERROR_STATUSES
            .iter()
            .filter(|(name, _)| *name == operation)
            .count();
        assert_eq!(
            rows, 1,
            "{operation:?} has {rows} rows in DOCUMENTED_ERROR_STATUSES"
        );
    }
    for (operation, statuses) in DOCUMENTED_ERROR_STATUSES {
        assert!(
            statuses.windows(2).all(|pair| pair[0] < pair[1]),
            "the statuses of {operation:?} are not sorted and distinct: {statuses:?}"
        );
        for status in statuses {
            assert!(
                CANDIDATE_ERROR_STATUSES.contains(status),
                "{operation:?} {status} is missing from CANDIDATE_ERROR_STATUSES"
            );
        }
    }
    let pair_count: usize = DOCUMENTED_ERROR_STATUSES
        .iter()
        .map(|(_, statuses)| statuses.len())
        .sum();
    assert_eq!(pair_count, DOCUMENTED_ERROR_STATUS_PAIR_COUNT);
}

#[tokio::test]
async fn every_documented_error_status_of_every_operation_is_a_typed_error() {
    let server = MockServer::start().await;
    let mut failures = Vec::new();
    let mut checked_pairs = 0;
    for (operation, statuses) in DOCUMENTED_ERROR_STATUSES {
        for &status in statuses {
            checked_pairs += 1;
            if let Err(failure) = check_error_status(&server, operation, status, true).await {
                failures.push(format!("{} {status}: {failure}", operation.id()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked_pairs} pairs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(checked_pairs, DOCUMENTED_ERROR_STATUS_PAIR_COUNT);
}

#[tokio::test]
async fn undocumented_error_statuses_keep_the_raw_body_without_a_typed_body() {
    let server = MockServer::start().await;
    let mut failures = Vec::new();
    let mut checked_pairs = 0;
    for operation in OperationName::ALL {
        let documented = documented_error_statuses(operation);
        for status in CANDIDATE_ERROR_STATUSES {
            if documented.contains(&status) {
                continue;
            }
            checked_pairs += 1;
            if let Err(failure) = check_error_status(&server, operation, status, false).await {
                failures.push(format!("{} {status}: {failure}", operation.id()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked_pairs} pairs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        checked_pairs,
        OperationName::ALL.len() * CANDIDATE_ERROR_STATUSES.len()
            - DOCUMENTED_ERROR_STATUS_PAIR_COUNT
    );
}
