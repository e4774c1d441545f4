//! Example: List App Key Registrations returns "OK" response.
//!
//! Ported from the Rust example on the reference page `004_c3cd3dbcf77ed57d.txt` (Action Connection, line 8721) with the renames listed in the README;
//! everything else is as the page prints it. Run it with `DD_API_KEY=... DD_APP_KEY=... cargo run -p datadog-client --example v2_action-connection_ListAppKeyRegistrations`.

use datadog_client::apis::action_connection::ActionConnectionApi;
use datadog_client::apis::action_connection::ListAppKeyRegistrationsOptionalParams;

#[tokio::main]
async fn main() {
    let configuration = datadog_client::Configuration::new();
    let api = ActionConnectionApi::with_config(configuration);
    let resp = api
        .list_app_key_registrations(ListAppKeyRegistrationsOptionalParams::default())
        .await;
    if let Ok(value) = resp {
        println!("{:#?}", value);
    } else {
        println!("{:#?}", resp.unwrap_err());
    }
}
