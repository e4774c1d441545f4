//! Example: Get an existing Action Connection returns "Successfully get Action Connection" response.
//!
//! Ported from the Rust example on the reference page `004_c3cd3dbcf77ed57d.txt` (Action Connection, line 1599) with the renames listed in the README;
//! everything else is as the page prints it. Run it with `DD_API_KEY=... DD_APP_KEY=... cargo run -p datadog-client --example v2_action-connection_GetActionConnection`.

use datadog_client::apis::action_connection::ActionConnectionApi;

#[tokio::main]
async fn main() {
    let configuration = datadog_client::Configuration::new();
    let api = ActionConnectionApi::with_config(configuration);
    let resp = api
        .get_action_connection("cb460d51-3c88-4e87-adac-d47131d0423d".to_string())
        .await;
    if let Ok(value) = resp {
        println!("{:#?}", value);
    } else {
        println!("{:#?}", resp.unwrap_err());
    }
}
