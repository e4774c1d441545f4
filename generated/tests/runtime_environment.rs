//! `Configuration::new()` reads the real process environment; the only test in this binary, so nothing races it.

use datadog_client::Configuration;

#[test]
fn new_reads_dd_api_key_dd_app_key_and_dd_site() {
    // SAFETY: this is the only test in this binary, so no other thread reads or writes the
    // environment while it runs.
    unsafe {
        std::env::set_var("DD_API_KEY", "process-api-key");
        std::env::set_var("DD_APP_KEY", "process-app-key");
        std::env::set_var("DD_SITE", "ap2.datadoghq.com");
    }
    let configuration = Configuration::new();
    assert_eq!(configuration.api_key().unwrap().expose(), "process-api-key");
    assert_eq!(configuration.app_key().unwrap().expose(), "process-app-key");
    assert_eq!(
        configuration.base_url().unwrap(),
        "https://api.ap2.datadoghq.com"
    );

    // SAFETY: as above.
    unsafe {
        std::env::remove_var("DD_API_KEY");
        std::env::remove_var("DD_APP_KEY");
        std::env::remove_var("DD_SITE");
    }
    let configuration = Configuration::new();
    assert!(configuration.api_key().is_none());
    assert!(configuration.app_key().is_none());
    assert_eq!(
        configuration.base_url().unwrap(),
        "https://api.datadoghq.com"
    );
}
