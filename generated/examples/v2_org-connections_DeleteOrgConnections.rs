//! Example: Delete Org Connection returns "OK" response.
//!
//! Ported from the Rust example on the reference page `000_a23f73190db6d4a6.txt` (Delete Org Connection, line 270) with the renames listed in the README;
//! everything else is as the page prints it. Run it with `DD_API_KEY=... DD_APP_KEY=... cargo run -p datadog-client --example v2_org-connections_DeleteOrgConnections`.

use datadog_client::apis::org_connections::OrgConnectionsApi;

// The page clones the `Uuid`, which is `Copy`; the example keeps the page's code as printed.
#[allow(clippy::clone_on_copy)]
#[tokio::main]
async fn main() {
    // there is a valid "org_connection" in the system
    let org_connection_data_id =
        uuid::Uuid::parse_str(&std::env::var("ORG_CONNECTION_DATA_ID").unwrap())
            .expect("Invalid UUID");
    let configuration = datadog_client::Configuration::new();
    let api = OrgConnectionsApi::with_config(configuration);
    let resp = api
        .delete_org_connections(org_connection_data_id.clone())
        .await;
    if let Ok(value) = resp {
        println!("{:#?}", value);
    } else {
        println!("{:#?}", resp.unwrap_err());
    }
}
