//! `HTTP_PROXY` is honoured by default and ignored with `with_system_proxy(false)`; the only test in this binary, since it sets the process environment.

#[path = "support/raw_http.rs"]
mod raw_http;

use datadog_client::Configuration;
use datadog_client::client::{ApiClient, Operation};
use raw_http::{RawServer, Reply};
use reqwest::Method;

static GET_THING: Operation = Operation {
    id: "GetThing",
    method: Method::GET,
    path_template: "/api/v2/things/{thing_id}",
    security: &[],
    servers: datadog_client::servers::SERVERS,
    accept: "application/json",
    errors: &[],
    unstable: false,
};

#[tokio::test]
async fn http_proxy_is_honoured_by_default_and_can_be_turned_off() {
    let target = RawServer::start(|_| Reply::json(200, r#"{"answered_by":"target"}"#)).await;
    let proxy = RawServer::start(|_| Reply::json(200, r#"{"answered_by":"proxy"}"#)).await;
    // SAFETY: this is the only test in this binary, so no other thread reads or writes the
    // environment while it runs.
    unsafe {
        std::env::set_var("HTTP_PROXY", proxy.base_url());
        std::env::remove_var("NO_PROXY");
        std::env::remove_var("no_proxy");
    }
    let configuration = Configuration::default().with_base_url(target.base_url());

    let through_proxy = ApiClient::new(configuration.clone());
    let response = through_proxy
        .execute(
            &GET_THING,
            String::from("/api/v2/things/1"),
            Vec::new(),
            None,
        )
        .await
        .unwrap();
    assert_eq!(response.body(), br#"{"answered_by":"proxy"}"#);
    assert_eq!(
        proxy.requests()[0].target,
        format!("{}/api/v2/things/1", target.base_url())
    );
    assert!(target.requests().is_empty());

    let direct = ApiClient::new(configuration.with_system_proxy(false));
    let response = direct
        .execute(
            &GET_THING,
            String::from("/api/v2/things/1"),
            Vec::new(),
            None,
        )
        .await
        .unwrap();
    assert_eq!(response.body(), br#"{"answered_by":"target"}"#);
    assert_eq!(target.requests().len(), 1);
    assert_eq!(proxy.requests().len(), 1);

    // SAFETY: as above.
    unsafe {
        std::env::remove_var("HTTP_PROXY");
    }
}
