//! `paginate` against a loopback server: three pages fetched in turn, and the stream stops at the last one.

use std::time::Duration;

use datadog_client::client::{ApiClient, Operation};
use datadog_client::pagination::{PageCursor, paginate};
use datadog_client::{Configuration, Error};
use futures::StreamExt;
use reqwest::Method;
use serde::Deserialize;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

static LIST_ITEMS: Operation = Operation {
    id: "ListItems",
    method: Method::GET,
    path_template: "/api/v2/items",
    security: &[&["apiKeyAuth", "appKeyAuth"]],
    servers: datadog_client::servers::SERVERS,
    accept: "application/json",
    errors: &[],
    unstable: false,
};

#[derive(Debug, Deserialize)]
struct ItemsPage {
    data: Vec<Item>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
struct Item {
    id: String,
}

fn page(ids: &[&str]) -> serde_json::Value {
    let data: Vec<_> = ids
        .iter()
        .map(|id| serde_json::json!({"id": id, "type": "item"}))
        .collect();
    serde_json::json!({"data": data})
}

async fn mount_page(server: &MockServer, parameter: &str, value: &str, ids: &[&str]) {
    Mock::given(method("GET"))
        .and(path("/api/v2/items"))
        .and(query_param(parameter, value))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(ids)))
        .expect(1)
        .mount(server)
        .await;
}

fn client(server: &MockServer) -> ApiClient {
    ApiClient::new(
        Configuration::default()
            .with_base_url(server.uri())
            .with_api_key("k")
            .with_app_key("a")
            .with_retry_backoff(Duration::from_millis(1), Duration::from_millis(2)),
    )
}

async fn fetch(client: &ApiClient, query: Vec<(&'static str, String)>) -> Result<Vec<Item>, Error> {
    let response = client
        .execute(&LIST_ITEMS, String::from("/api/v2/items"), query, None)
        .await?;
    match response.status() {
        200 => Ok(response.decode::<ItemsPage>("ItemsPage")?.into_body().data),
        _ => Err(response.unexpected()),
    }
}

fn ids(items: Vec<Result<Item, Error>>) -> Vec<String> {
    items.into_iter().map(|item| item.unwrap().id).collect()
}

#[tokio::test]
async fn offset_pagination_fetches_three_pages_and_stops_at_the_last() {
    let server = MockServer::start().await;
    mount_page(&server, "page[offset]", "0", &["a", "b"]).await;
    mount_page(&server, "page[offset]", "2", &["c", "d"]).await;
    mount_page(&server, "page[offset]", "4", &["e"]).await;
    let client = client(&server);
    let stream = paginate(PageCursor::Offset(0), 2, |cursor| {
        let client = client.clone();
        async move {
            let query = vec![
                ("page[size]", String::from("2")),
                ("page[offset]", cursor.value().to_string()),
            ];
            fetch(&client, query).await
        }
    });
    let items: Vec<_> = stream.collect().await;
    assert_eq!(ids(items), ["a", "b", "c", "d", "e"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    server.verify().await;
}

#[tokio::test]
async fn page_number_pagination_stops_on_an_empty_page() {
    let server = MockServer::start().await;
    mount_page(&server, "page[number]", "0", &["a", "b"]).await;
    mount_page(&server, "page[number]", "1", &["c", "d"]).await;
    mount_page(&server, "page[number]", "2", &[]).await;
    let client = client(&server);
    let stream = paginate(PageCursor::PageNumber(0), 2, |cursor| {
        let client = client.clone();
        async move { fetch(&client, vec![("page[number]", cursor.value().to_string())]).await }
    });
    let items: Vec<_> = stream.collect().await;
    assert_eq!(ids(items), ["a", "b", "c", "d"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    server.verify().await;
}

#[tokio::test]
async fn an_error_is_yielded_once_and_ends_the_stream() {
    let server = MockServer::start().await;
    mount_page(&server, "page[offset]", "0", &["a", "b"]).await;
    Mock::given(method("GET"))
        .and(query_param("page[offset]", "2"))
        .respond_with(
            ResponseTemplate::new(403).set_body_json(serde_json::json!({"errors": ["Forbidden"]})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let stream = paginate(PageCursor::Offset(0), 2, |cursor| {
        let client = client.clone();
        async move { fetch(&client, vec![("page[offset]", cursor.value().to_string())]).await }
    });
    let items: Vec<_> = stream.collect().await;
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok() && items[1].is_ok());
    let Err(error) = &items[2] else {
        panic!("the third item is the error");
    };
    assert_eq!(error.status(), Some(403));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[test]
fn cursors_advance_by_page_size_or_by_one() {
    assert_eq!(PageCursor::Offset(10).next(5), PageCursor::Offset(15));
    assert_eq!(
        PageCursor::PageNumber(3).next(50),
        PageCursor::PageNumber(4)
    );
}

#[tokio::test]
async fn without_a_page_size_the_offset_advances_by_the_items_received_until_an_empty_page() {
    let server = MockServer::start().await;
    mount_page(&server, "offset", "0", &["a", "b", "c"]).await;
    mount_page(&server, "offset", "3", &["d"]).await;
    mount_page(&server, "offset", "4", &[]).await;
    let client = client(&server);
    let stream = paginate(PageCursor::Offset(0), None, |cursor| {
        let client = client.clone();
        async move { fetch(&client, vec![("offset", cursor.value().to_string())]).await }
    });
    let items: Vec<_> = stream.collect().await;
    assert_eq!(ids(items), ["a", "b", "c", "d"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    server.verify().await;
}

#[tokio::test]
async fn a_server_returning_the_same_full_page_forever_ends_the_stream_with_an_error() {
    // The server ignores the cursor and always answers with the first page.
    let stream = paginate(PageCursor::Offset(0), 2, |_cursor| async {
        Ok::<_, Error>(vec![String::from("a"), String::from("b")])
    });
    // Without a guard the stream never ends; `take` keeps this test finite either way.
    let items: Vec<_> = stream.take(1_000).collect().await;
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_deref().ok(), Some("a"));
    assert_eq!(items[1].as_deref().ok(), Some("b"));
    let Err(error) = &items[2] else {
        panic!("the stream ends with an error");
    };
    assert!(
        error.to_string().contains("repeats the page before it"),
        "{error}"
    );
}
