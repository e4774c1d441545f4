//! Example: Create Org Connection returns "OK" response.
//!
//! Ported from the Rust example on the reference page `003_ba444f273a1fbb0e.txt` (Create Org Connection, line 304) with the renames listed in the README;
//! everything else is as the page prints it. Run it with `DD_API_KEY=... DD_APP_KEY=... cargo run -p datadog-client --example v2_org-connections_CreateOrgConnections`.

use datadog_client::apis::org_connections::OrgConnectionsApi;
use datadog_client::models::OrgConnectionCreate;
use datadog_client::models::OrgConnectionCreateAttributes;
use datadog_client::models::OrgConnectionCreateRelationships;
use datadog_client::models::OrgConnectionCreateRequest;
use datadog_client::models::OrgConnectionOrgRelationship;
use datadog_client::models::OrgConnectionOrgRelationshipData;
use datadog_client::models::OrgConnectionOrgRelationshipDataType;
use datadog_client::models::OrgConnectionType;
use datadog_client::models::OrgConnectionTypeEnum;

#[tokio::main]
async fn main() {
    let body = OrgConnectionCreateRequest::new(OrgConnectionCreate::new(
        OrgConnectionCreateAttributes::new(vec![OrgConnectionTypeEnum::Logs]),
        OrgConnectionCreateRelationships::new(
            OrgConnectionOrgRelationship::new().data(
                OrgConnectionOrgRelationshipData::new()
                    .id("83999dcd-7f97-11f0-8de1-1ecf66f1aa85".to_string())
                    .type_(OrgConnectionOrgRelationshipDataType::Orgs),
            ),
        ),
        OrgConnectionType::OrgConnection,
    ));
    let configuration = datadog_client::Configuration::new();
    let api = OrgConnectionsApi::with_config(configuration);
    let resp = api.create_org_connections(body).await;
    if let Ok(value) = resp {
        println!("{:#?}", value);
    } else {
        println!("{:#?}", resp.unwrap_err());
    }
}
