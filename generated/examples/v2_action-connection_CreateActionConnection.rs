//! Example: Create a new Action Connection returns "Successfully created Action Connection" response.
//!
//! Ported from the Rust example on the reference page `004_c3cd3dbcf77ed57d.txt` (Action Connection, line 4356) with the renames listed in the README;
//! everything else is as the page prints it. Run it with `DD_API_KEY=... DD_APP_KEY=... cargo run -p datadog-client --example v2_action-connection_CreateActionConnection`.

use datadog_client::apis::action_connection::ActionConnectionApi;
use datadog_client::models::AWSAssumeRole;
use datadog_client::models::AWSAssumeRoleType;
use datadog_client::models::AWSCredentials;
use datadog_client::models::AWSIntegration;
use datadog_client::models::AWSIntegrationType;
use datadog_client::models::ActionConnectionAttributes;
use datadog_client::models::ActionConnectionData;
use datadog_client::models::ActionConnectionDataType;
use datadog_client::models::ActionConnectionIntegration;
use datadog_client::models::CreateActionConnectionRequest;

#[tokio::main]
async fn main() {
    let body = CreateActionConnectionRequest::new(ActionConnectionData::new(
        ActionConnectionAttributes::new(
            ActionConnectionIntegration::AWSIntegration(Box::new(AWSIntegration::new(
                AWSCredentials::AWSAssumeRole(Box::new(AWSAssumeRole::new(
                    "123456789123".to_string(),
                    "MyRoleUpdated".to_string(),
                    AWSAssumeRoleType::AwsAssumeRole,
                ))),
                AWSIntegrationType::Aws,
            ))),
            "Cassette Connection exampleactionconnection".to_string(),
        ),
        ActionConnectionDataType::ActionConnection,
    ));
    let configuration = datadog_client::Configuration::new();
    let api = ActionConnectionApi::with_config(configuration);
    let resp = api.create_action_connection(body).await;
    if let Ok(value) = resp {
        println!("{:#?}", value);
    } else {
        println!("{:#?}", resp.unwrap_err());
    }
}
