//! Example: Update Org Connection returns "OK" response.
//!
//! Ported from the Rust example on the reference page `001_65136e9e73c2a6b7.txt` (Update Org Connection, line 574) with the renames listed in the README;
//! everything else is as the page prints it. Run it with `DD_API_KEY=... DD_APP_KEY=... cargo run -p datadog-client --example v2_org-connections_UpdateOrgConnections`.

use datadog_client::apis::org_connections::OrgConnectionsApi;
use datadog_client::models::OrgConnectionType;
use datadog_client::models::OrgConnectionTypeEnum;
use datadog_client::models::OrgConnectionUpdate;
use datadog_client::models::OrgConnectionUpdateAttributes;
use datadog_client::models::OrgConnectionUpdateRequest;

// The page clones the `Uuid`, which is `Copy`; the example keeps the page's code as printed.
#[allow(clippy::clone_on_copy)]
#[tokio::main]
async fn main() {
    // there is a valid "org_connection" in the system
    let org_connection_data_id =
        uuid::Uuid::parse_str(&std::env::var("ORG_CONNECTION_DATA_ID").unwrap())
            .expect("Invalid UUID");
    let body = OrgConnectionUpdateRequest::new(OrgConnectionUpdate::new(
        OrgConnectionUpdateAttributes::new(vec![
            OrgConnectionTypeEnum::Logs,
            OrgConnectionTypeEnum::Metrics,
        ]),
        org_connection_data_id.clone(),
        OrgConnectionType::OrgConnection,
    ));
    let configuration = datadog_client::Configuration::new();
    let api = OrgConnectionsApi::with_config(configuration);
    let resp = api
        .update_org_connections(org_connection_data_id.clone(), body)
        .await;
    if let Ok(value) = resp {
        println!("{:#?}", value);
    } else {
        println!("{:#?}", resp.unwrap_err());
    }
}
