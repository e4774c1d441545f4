//! Example: Delete an existing Action Connection returns "The resource was deleted successfully." response.
//!
//! Ported from the Rust example on the reference page `004_c3cd3dbcf77ed57d.txt` (Action Connection, line 7739) with the renames listed in the README;
//! everything else is as the page prints it. Run it with `DD_API_KEY=... DD_APP_KEY=... cargo run -p datadog-client --example v2_action-connection_DeleteActionConnection`.

use datadog_client::apis::action_connection::ActionConnectionApi;

#[tokio::main]
async fn main() {
    // there is a valid "action_connection" in the system
    let action_connection_data_id = std::env::var("ACTION_CONNECTION_DATA_ID").unwrap();
    let configuration = datadog_client::Configuration::new();
    let api = ActionConnectionApi::with_config(configuration);
    let resp = api
        .delete_action_connection(action_connection_data_id.clone())
        .await;
    if let Ok(value) = resp {
        println!("{:#?}", value);
    } else {
        println!("{:#?}", resp.unwrap_err());
    }
}
