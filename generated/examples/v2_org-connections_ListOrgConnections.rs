//! Example: List Org Connections returns "OK" response.
//!
//! Ported from the Rust example on the reference page `002_233339e1e8c21e1e.txt` (List Org Connections, line 160) with the renames listed in the README;
//! everything else is as the page prints it. Run it with `DD_API_KEY=... DD_APP_KEY=... cargo run -p datadog-client --example v2_org-connections_ListOrgConnections`.

use datadog_client::apis::org_connections::ListOrgConnectionsOptionalParams;
use datadog_client::apis::org_connections::OrgConnectionsApi;

#[tokio::main]
async fn main() {
    let configuration = datadog_client::Configuration::new();
    let api = OrgConnectionsApi::with_config(configuration);
    let resp = api
        .list_org_connections(ListOrgConnectionsOptionalParams::default())
        .await;
    if let Ok(value) = resp {
        println!("{:#?}", value);
    } else {
        println!("{:#?}", resp.unwrap_err());
    }
}
