//! Replays the traffic that Datadog's official client recorded against the real service, through this client, against a loopback server.
//!
//! For each recorded interaction, the test builds the typed call from the recorded request: path parameters from the URI, query parameters, and the JSON body decoded into the operation's body model.
//! A loopback server answers with the recorded status, content type and body.
//! The test then checks that the client sent exactly the recorded method, path, query, headers and JSON body.
//! It also checks that the client returned `Ok` with a decoded model for a 2xx answer, or an `Error` carrying that status otherwise.
//! The recordings, and how to add one, are described in `tests/fixtures/recordings/NOTICE.md`.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use datadog_client::apis::action_connection::{
    ActionConnectionApi, ListAppKeyRegistrationsOptionalParams,
};
use datadog_client::apis::org_connections::{ListOrgConnectionsOptionalParams, OrgConnectionsApi};
use datadog_client::client::ResponseContent;
use datadog_client::{Configuration, Error, models};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The number of recorded scenarios (cassette files).
///
/// The two feature files have 31 scenarios: two are `@skip` and have no cassette, and one cassette belongs to a scenario that the feature file no longer has.
const EXPECTED_SCENARIOS: usize = 30;
/// The number of recorded interactions across all scenarios.
const EXPECTED_INTERACTIONS: usize = 46;

/// Recorded requests that the typed client cannot express: the cassette, the interaction's index in it, and why.
///
/// Each entry is checked: if the client can express one of these, the list is stale and the test fails.
const EXCEPTIONS: &[(&str, usize, &str)] = &[(
    "org_connections/Delete-Org-Connection-returns-Bad-Request-response.json",
    0,
    "it sends `malformed_id` as `connection_id`, which the spec types `format: uuid`, so the client takes a `uuid::Uuid` and cannot send it",
)];

/// The operations, as the recordings identify them: method, path template and operationId.
const OPERATIONS: &[(&str, &str, &str)] = &[
    ("GET", "/api/v2/org_connections", "ListOrgConnections"),
    ("POST", "/api/v2/org_connections", "CreateOrgConnections"),
    (
        "PATCH",
        "/api/v2/org_connections/{connection_id}",
        "UpdateOrgConnections",
    ),
    (
        "DELETE",
        "/api/v2/org_connections/{connection_id}",
        "DeleteOrgConnections",
    ),
    (
        "GET",
        "/api/v2/actions/connections/{connection_id}",
        "GetActionConnection",
    ),
    (
        "POST",
        "/api/v2/actions/connections",
        "CreateActionConnection",
    ),
    (
        "PATCH",
        "/api/v2/actions/connections/{connection_id}",
        "UpdateActionConnection",
    ),
    (
        "DELETE",
        "/api/v2/actions/connections/{connection_id}",
        "DeleteActionConnection",
    ),
    (
        "PUT",
        "/api/v2/actions/app_key_registrations/{app_key_id}",
        "RegisterAppKey",
    ),
    (
        "GET",
        "/api/v2/actions/app_key_registrations",
        "ListAppKeyRegistrations",
    ),
    (
        "GET",
        "/api/v2/actions/app_key_registrations/{app_key_id}",
        "GetAppKeyRegistration",
    ),
    (
        "DELETE",
        "/api/v2/actions/app_key_registrations/{app_key_id}",
        "UnregisterAppKey",
    ),
];

/// Response headers that describe the recorded transfer rather than the body that the loopback server sends.
const TRANSFER_HEADERS: &[&str] = &[
    "content-encoding",
    "content-length",
    "transfer-encoding",
    "content-type",
];

#[derive(Deserialize)]
struct Cassette {
    http_interactions: Vec<Interaction>,
}

#[derive(Deserialize)]
struct Interaction {
    request: RecordedRequest,
    response: RecordedResponse,
}

#[derive(Deserialize)]
struct RecordedRequest {
    method: String,
    uri: String,
    #[serde(default)]
    headers: BTreeMap<String, Vec<String>>,
    body: RecordedRequestBody,
}

/// A recorded request body is either `""` or `{"string": ..., "encoding": ...}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum RecordedRequestBody {
    Text(String),
    Recorded(RecordedBody),
}

impl RecordedRequestBody {
    fn text(&self) -> &str {
        match self {
            Self::Text(text) => text,
            Self::Recorded(body) => &body.string,
        }
    }
}

#[derive(Deserialize)]
struct RecordedBody {
    string: String,
}

#[derive(Deserialize)]
struct RecordedResponse {
    status: RecordedStatus,
    #[serde(default)]
    headers: BTreeMap<String, Vec<String>>,
    body: RecordedBody,
}

#[derive(Deserialize)]
struct RecordedStatus {
    code: u16,
}

/// What a call returned: on success the status, the headers and the model re-encoded as JSON (`Null` for no schema).
type Returned = Result<(u16, HeaderMap, Value), Error>;

/// Writes a line straight to the process's standard error, which the test harness does not capture, so `cargo test` always shows it.
fn report(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn recordings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recordings")
}

/// Every cassette, as `(path relative to the recordings directory, cassette)`, in a stable order.
fn cassettes() -> Vec<(String, Cassette)> {
    let mut found = Vec::new();
    for api in ["action_connection", "org_connections"] {
        let dir = recordings_dir().join(api);
        let names = support::json_file_names(&dir);
        for name in names {
            let text = std::fs::read_to_string(dir.join(&name)).expect("the cassette is readable");
            let cassette: Cassette = serde_json::from_str(&text)
                .unwrap_or_else(|error| panic!("{api}/{name} is not a cassette: {error}"));
            found.push((format!("{api}/{name}"), cassette));
        }
    }
    found
}

/// Finds the operation whose method and path template match, and the percent-decoded path parameters.
fn identify(method: &str, path: &str) -> Option<(&'static str, Vec<String>)> {
    let segments: Vec<&str> = path.split('/').collect();
    OPERATIONS
        .iter()
        .find_map(|(operation_method, template, id)| {
            if !operation_method.eq_ignore_ascii_case(method) {
                return None;
            }
            let template: Vec<&str> = template.split('/').collect();
            if template.len() != segments.len() {
                return None;
            }
            let mut parameters = Vec::new();
            for (expected, actual) in template.iter().zip(&segments) {
                if expected.starts_with('{') {
                    let decoded = percent_encoding::percent_decode_str(actual)
                        .decode_utf8()
                        .ok()?;
                    parameters.push(decoded.into_owned());
                } else if expected != actual {
                    return None;
                }
            }
            Some((*id, parameters))
        })
}

fn parse_uuid(name: &str, value: &str) -> Result<uuid::Uuid, String> {
    uuid::Uuid::parse_str(value)
        .map_err(|error| format!("`{name}` = `{value}` is not a UUID ({error})"))
}

fn parse_body<T: DeserializeOwned>(model: &str, body: Option<&str>) -> Result<T, String> {
    let body =
        body.ok_or_else(|| format!("the request has no body, and the operation takes a {model}"))?;
    let mut deserializer = serde_json::Deserializer::from_str(body);
    serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| format!("the request body does not decode as {model}: {error}"))
}

fn parse_i64(name: &str, value: &str) -> Result<i64, String> {
    value
        .parse()
        .map_err(|error| format!("query `{name}` = `{value}` is not an integer ({error})"))
}

fn no_query(query: &[(String, String)]) -> Result<(), String> {
    match query.first() {
        None => Ok(()),
        Some((name, _)) => Err(format!(
            "the operation takes no query parameter, and the request has `{name}`"
        )),
    }
}

fn no_body(body: Option<&str>) -> Result<(), String> {
    match body {
        None => Ok(()),
        Some(_) => Err("the operation takes no body, and the request has one".to_string()),
    }
}

/// Turns a typed result into what the test compares: the model re-encoded as JSON.
fn returned<T: Serialize>(result: Result<ResponseContent<T>, Error>) -> Returned {
    result.map(|content| {
        let body = serde_json::to_value(&content.body).expect("a decoded model re-encodes");
        (content.status, content.headers, body)
    })
}

/// Builds the typed call from the recorded request and sends it, or says why the request cannot be expressed.
async fn send(
    configuration: Configuration,
    operation: &str,
    parameters: &[String],
    query: &[(String, String)],
    body: Option<&str>,
) -> Result<Returned, String> {
    let org = OrgConnectionsApi::with_config(configuration.clone());
    let action = ActionConnectionApi::with_config(configuration);
    let returned = match operation {
        "ListOrgConnections" => {
            no_body(body)?;
            let mut params = ListOrgConnectionsOptionalParams::default();
            for (name, value) in query {
                params = match name.as_str() {
                    "sink_org_id" => params.sink_org_id(value.clone()),
                    "source_org_id" => params.source_org_id(value.clone()),
                    "limit" => params.limit(parse_i64(name, value)?),
                    "offset" => params.offset(parse_i64(name, value)?),
                    _ => {
                        return Err(format!(
                            "ListOrgConnections has no query parameter `{name}`"
                        ));
                    }
                };
            }
            returned(org.list_org_connections_with_http_info(params).await)
        }
        "CreateOrgConnections" => {
            no_query(query)?;
            let body = parse_body::<models::OrgConnectionCreateRequest>(
                "OrgConnectionCreateRequest",
                body,
            )?;
            returned(org.create_org_connections_with_http_info(body).await)
        }
        "UpdateOrgConnections" => {
            no_query(query)?;
            let connection_id = parse_uuid("connection_id", &parameters[0])?;
            let body = parse_body::<models::OrgConnectionUpdateRequest>(
                "OrgConnectionUpdateRequest",
                body,
            )?;
            returned(
                org.update_org_connections_with_http_info(connection_id, body)
                    .await,
            )
        }
        "DeleteOrgConnections" => {
            no_query(query)?;
            no_body(body)?;
            let connection_id = parse_uuid("connection_id", &parameters[0])?;
            returned(
                org.delete_org_connections_with_http_info(connection_id)
                    .await,
            )
        }
        "GetActionConnection" => {
            no_query(query)?;
            no_body(body)?;
            returned(
                action
                    .get_action_connection_with_http_info(parameters[0].clone())
                    .await,
            )
        }
        "CreateActionConnection" => {
            no_query(query)?;
            let body = parse_body::<models::CreateActionConnectionRequest>(
                "CreateActionConnectionRequest",
                body,
            )?;
            returned(action.create_action_connection_with_http_info(body).await)
        }
        "UpdateActionConnection" => {
            no_query(query)?;
            let body = parse_body::<models::UpdateActionConnectionRequest>(
                "UpdateActionConnectionRequest",
                body,
            )?;
            returned(
                action
                    .update_action_connection_with_http_info(parameters[0].clone(), body)
                    .await,
            )
        }
        "DeleteActionConnection" => {
            no_query(query)?;
            no_body(body)?;
            returned(
                action
                    .delete_action_connection_with_http_info(parameters[0].clone())
                    .await,
            )
        }
        "RegisterAppKey" => {
            no_query(query)?;
            no_body(body)?;
            returned(
                action
                    .register_app_key_with_http_info(parameters[0].clone())
                    .await,
            )
        }
        "ListAppKeyRegistrations" => {
            no_body(body)?;
            let mut params = ListAppKeyRegistrationsOptionalParams::default();
            for (name, value) in query {
                params = match name.as_str() {
                    "page[size]" => params.page_size(parse_i64(name, value)?),
                    "page[number]" => params.page_number(parse_i64(name, value)?),
                    _ => {
                        return Err(format!(
                            "ListAppKeyRegistrations has no query parameter `{name}`"
                        ));
                    }
                };
            }
            returned(
                action
                    .list_app_key_registrations_with_http_info(params)
                    .await,
            )
        }
        "GetAppKeyRegistration" => {
            no_query(query)?;
            no_body(body)?;
            returned(
                action
                    .get_app_key_registration_with_http_info(parameters[0].clone())
                    .await,
            )
        }
        "UnregisterAppKey" => {
            no_query(query)?;
            no_body(body)?;
            returned(
                action
                    .unregister_app_key_with_http_info(parameters[0].clone())
                    .await,
            )
        }
        other => return Err(format!("no dispatcher arm for {other}")),
    };
    Ok(returned)
}

/// JSON equality, except that two strings holding the same RFC 3339 instant are equal however they spell it.
///
/// The server writes `2025-08-26T20:19:35.554634+00:00`, and the client re-encodes the same instant as `2025-08-26T20:19:35.554634Z`.
fn same_json(recorded: &Value, encoded: &Value) -> bool {
    match (recorded, encoded) {
        (Value::String(left), Value::String(right)) => {
            left == right
                || matches!(
                    (chrono::DateTime::parse_from_rfc3339(left), chrono::DateTime::parse_from_rfc3339(right)),
                    (Ok(left), Ok(right)) if left == right
                )
        }
        (Value::Array(left), Value::Array(right)) => {
            left.len() == right.len()
                && left
                    .iter()
                    .zip(right)
                    .all(|(left, right)| same_json(left, right))
        }
        (Value::Object(left), Value::Object(right)) => {
            left.len() == right.len()
                && left
                    .iter()
                    .all(|(key, value)| right.get(key).is_some_and(|other| same_json(value, other)))
        }
        _ => recorded == encoded,
    }
}

fn sorted_pairs<'a>(
    pairs: impl Iterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = pairs
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

/// The result of replaying one interaction.
enum Verdict {
    Passed,
    Exception,
    Failed(Vec<String>),
}

async fn replay(cassette: &str, index: usize, interaction: &Interaction) -> Verdict {
    let request = &interaction.request;
    let response = &interaction.response;
    let exception = EXCEPTIONS
        .iter()
        .find(|(name, position, _)| *name == cassette && *position == index)
        .map(|(_, _, reason)| *reason);

    let url = match reqwest::Url::parse(&request.uri) {
        Ok(url) => url,
        Err(error) => {
            return Verdict::Failed(vec![format!("the recorded URI does not parse: {error}")]);
        }
    };
    let recorded_method = request.method.to_ascii_uppercase();
    let recorded_path = url.path().to_string();
    let recorded_query = sorted_pairs(url.query_pairs());
    let recorded_body = Some(request.body.text()).filter(|text| !text.is_empty());

    let Some((operation, parameters)) = identify(&recorded_method, &recorded_path) else {
        return Verdict::Failed(vec![format!(
            "no operation matches {recorded_method} {recorded_path}"
        )]);
    };

    let server = MockServer::start().await;
    let status = response.status.code;
    let mut template = ResponseTemplate::new(status);
    for (name, values) in &response.headers {
        if TRANSFER_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            continue;
        }
        for value in values {
            template = template.append_header(name.as_str(), value.as_str());
        }
    }
    let content_type = response
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .and_then(|(_, values)| values.first())
        .cloned();
    if !response.body.string.is_empty() {
        let mime = content_type
            .clone()
            .unwrap_or_else(|| "application/octet-stream".to_string());
        template = template.set_body_raw(response.body.string.clone().into_bytes(), &mime);
    } else if let Some(content_type) = &content_type {
        template = template.insert_header("content-type", content_type.as_str());
    }
    Mock::given(method(recorded_method.as_str()))
        .and(path(recorded_path.as_str()))
        .respond_with(template)
        .mount(&server)
        .await;

    let configuration = Configuration::new()
        .with_base_url(server.uri())
        .with_api_key("replay-api-key")
        .with_app_key("replay-app-key");
    let result = send(
        configuration,
        operation,
        &parameters,
        &recorded_query,
        recorded_body,
    )
    .await;
    let returned = match (result, exception) {
        (Err(reason), Some(documented)) => {
            let received = server.received_requests().await.unwrap_or_default();
            if !received.is_empty() {
                return Verdict::Failed(vec![format!(
                    "the call could not be built ({reason}), yet a request was sent"
                )]);
            }
            report(&format!(
                "documented exception: {cassette} #{index} ({operation}): {documented} [{reason}]"
            ));
            return Verdict::Exception;
        }
        (Err(reason), None) => {
            return Verdict::Failed(vec![format!(
                "{operation}: the recorded request cannot be expressed: {reason}"
            )]);
        }
        (Ok(_), Some(_)) => {
            return Verdict::Failed(vec![format!(
                "{operation}: listed in EXCEPTIONS, but the client can now express it: remove it from the list"
            )]);
        }
        (Ok(returned), None) => returned,
    };

    let mut problems = Vec::new();
    let received = server
        .received_requests()
        .await
        .expect("request recording is on");
    if received.len() != 1 {
        problems.push(format!(
            "the client sent {} requests, the recording has one",
            received.len()
        ));
    }
    if let Some(sent) = received.first() {
        if sent.method.as_str() != recorded_method {
            problems.push(format!(
                "method: sent {}, recorded {recorded_method}",
                sent.method
            ));
        }
        if sent.url.path() != recorded_path {
            problems.push(format!(
                "path: sent {}, recorded {recorded_path}",
                sent.url.path()
            ));
        }
        let sent_query = sorted_pairs(sent.url.query_pairs());
        if sent_query != recorded_query {
            problems.push(format!(
                "query: sent {sent_query:?}, recorded {recorded_query:?}"
            ));
        }
        match recorded_body {
            None if !sent.body.is_empty() => {
                problems.push(format!(
                    "body: sent {:?}, recorded none",
                    String::from_utf8_lossy(&sent.body)
                ));
            }
            None => {}
            Some(recorded) => {
                let recorded: Value =
                    serde_json::from_str(recorded).expect("the recorded body is JSON");
                match serde_json::from_slice::<Value>(&sent.body) {
                    Ok(sent) if sent == recorded => {}
                    Ok(sent) => problems.push(format!("body: sent {sent}, recorded {recorded}")),
                    Err(error) => {
                        problems.push(format!("body: sent a body that is not JSON ({error})"))
                    }
                }
            }
        }
        // Only `Content-Type` is compared among the recorded request headers.
        // The official client sends `Accept: */*` to operations without a response schema, and this client always sends `Accept: application/json`: both get the same JSON answers.
        for (name, values) in request
            .headers
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        {
            let sent_values: Vec<&str> = sent
                .headers
                .get_all(name.as_str())
                .iter()
                .filter_map(|value| value.to_str().ok())
                .collect();
            if sent_values != values.iter().map(String::as_str).collect::<Vec<_>>() {
                problems.push(format!(
                    "header {name}: sent {sent_values:?}, recorded {values:?}"
                ));
            }
        }
    }

    match returned {
        Ok((returned_status, headers, body)) => {
            if !(200..300).contains(&status) {
                problems.push(format!("returned Ok for a recorded {status}"));
            }
            if returned_status != status {
                problems.push(format!(
                    "returned status {returned_status}, recorded {status}"
                ));
            }
            let returned_type = headers
                .get("content-type")
                .and_then(|value| value.to_str().ok());
            if returned_type != content_type.as_deref() {
                problems.push(format!(
                    "returned Content-Type {returned_type:?}, recorded {content_type:?}"
                ));
            }
            if body.is_null() {
                // The operation's success response has no schema: any recorded body is fine, `{}` included.
            } else {
                match serde_json::from_str::<Value>(&response.body.string) {
                    Ok(recorded) if same_json(&recorded, &body) => {}
                    Ok(recorded) => problems.push(format!(
                        "the decoded model re-encodes to different JSON (a field was lost or changed):\n    recorded:   {recorded}\n    re-encoded: {body}"
                    )),
                    Err(error) => problems.push(format!("returned a model for a recorded body that is not JSON ({error})")),
                }
            }
        }
        Err(error) => {
            if (200..300).contains(&status) {
                problems.push(format!(
                    "returned an error for a recorded {status}: {error}"
                ));
            } else {
                if error.status() != Some(status) {
                    problems.push(format!(
                        "the error has status {:?}, recorded {status}: {error}",
                        error.status()
                    ));
                }
                if error.body().is_none() {
                    problems.push(format!("the documented error body did not decode: {error}"));
                }
            }
        }
    }

    if problems.is_empty() {
        Verdict::Passed
    } else {
        Verdict::Failed(problems)
    }
}

#[tokio::test]
async fn every_recorded_interaction_replays_through_the_client() {
    let cassettes = cassettes();
    let mut interactions = 0;
    let mut passed = 0;
    let mut exceptions = 0;
    let mut failures = Vec::new();
    for (name, cassette) in &cassettes {
        for (index, interaction) in cassette.http_interactions.iter().enumerate() {
            interactions += 1;
            match replay(name, index, interaction).await {
                Verdict::Passed => passed += 1,
                Verdict::Exception => exceptions += 1,
                Verdict::Failed(problems) => {
                    failures.push(format!("{name} #{index}:\n  {}", problems.join("\n  ")));
                }
            }
        }
    }
    for (name, index, _) in EXCEPTIONS {
        let exists = cassettes.iter().any(|(cassette_name, cassette)| {
            cassette_name == name && *index < cassette.http_interactions.len()
        });
        if !exists {
            failures.push(format!(
                "the exception {name} #{index} names no recorded interaction"
            ));
        }
    }

    report(&format!(
        "replayed {interactions} interactions in {} scenarios: {passed} passed, {} failed, documented exceptions: {exceptions}",
        cassettes.len(),
        failures.len()
    ));
    assert!(
        failures.is_empty(),
        "{} interactions failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        cassettes.len(),
        EXPECTED_SCENARIOS,
        "the number of recorded scenarios changed"
    );
    assert_eq!(
        interactions, EXPECTED_INTERACTIONS,
        "the number of recorded interactions changed"
    );
    assert_eq!(exceptions, EXCEPTIONS.len());
    assert_eq!(passed, EXPECTED_INTERACTIONS - EXCEPTIONS.len());
}

/// The replay's JSON comparison must tell a lost field from a differently spelled timestamp.
#[test]
fn same_json_accepts_equal_instants_and_rejects_lost_fields() {
    let recorded =
        serde_json::json!({"created_at": "2025-08-26T20:19:35.554634+00:00", "name": "x"});
    let re_encoded = serde_json::json!({"created_at": "2025-08-26T20:19:35.554634Z", "name": "x"});
    assert!(same_json(&recorded, &re_encoded));
    assert!(!same_json(
        &recorded,
        &serde_json::json!({"created_at": "2025-08-26T20:19:35.554634Z"})
    ));
    assert!(!same_json(
        &recorded,
        &serde_json::json!({"created_at": "2025-08-26T20:19:36Z", "name": "x"})
    ));
}

/// The dispatcher identifies operations by method and path template, and decodes path parameters.
#[test]
fn identify_matches_method_and_path_template() {
    assert_eq!(
        identify("DELETE", "/api/v2/actions/app_key_registrations/a%20b"),
        Some(("UnregisterAppKey", vec!["a b".to_string()]))
    );
    assert_eq!(
        identify("GET", "/api/v2/org_connections"),
        Some(("ListOrgConnections", Vec::new()))
    );
    assert_eq!(identify("PUT", "/api/v2/org_connections"), None);
    assert_eq!(identify("GET", "/api/v2/actions/connections/a/b"), None);
}
