//! Example: Update an existing Action Connection returns "Successfully updated Action Connection" response.
//!
//! Ported from the Rust example on the reference page `004_c3cd3dbcf77ed57d.txt` (Action Connection, line 7259) with the renames listed in the README;
//! everything else is as the page prints it. Run it with `DD_API_KEY=... DD_APP_KEY=... cargo run -p datadog-client --example v2_action-connection_UpdateActionConnection`.

use datadog_client::apis::action_connection::ActionConnectionApi;
use datadog_client::models::AWSAssumeRoleType;
use datadog_client::models::AWSAssumeRoleUpdate;
use datadog_client::models::AWSCredentialsUpdate;
use datadog_client::models::AWSIntegrationType;
use datadog_client::models::AWSIntegrationUpdate;
use datadog_client::models::ActionConnectionAttributesUpdate;
use datadog_client::models::ActionConnectionDataType;
use datadog_client::models::ActionConnectionDataUpdate;
use datadog_client::models::ActionConnectionIntegrationUpdate;
use datadog_client::models::UpdateActionConnectionRequest;

#[tokio::main]
async fn main() {
    let body = UpdateActionConnectionRequest::new(ActionConnectionDataUpdate::new(
        ActionConnectionAttributesUpdate::new()
            .integration(ActionConnectionIntegrationUpdate::AWSIntegrationUpdate(
                Box::new(
                    AWSIntegrationUpdate::new(AWSIntegrationType::Aws).credentials(
                        AWSCredentialsUpdate::AWSAssumeRoleUpdate(Box::new(
                            AWSAssumeRoleUpdate::new(AWSAssumeRoleType::AwsAssumeRole)
                                .account_id("123456789123".to_string())
                                .role("MyRoleUpdated".to_string()),
                        )),
                    ),
                ),
            ))
            .name("Cassette Connection".to_string()),
        ActionConnectionDataType::ActionConnection,
    ));
    let configuration = datadog_client::Configuration::new();
    let api = ActionConnectionApi::with_config(configuration);
    let resp = api
        .update_action_connection("cb460d51-3c88-4e87-adac-d47131d0423d".to_string(), body)
        .await;
    if let Ok(value) = resp {
        println!("{:#?}", value);
    } else {
        println!("{:#?}", resp.unwrap_err());
    }
}
