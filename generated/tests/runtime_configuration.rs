//! Configuration from an environment lookup and from the builder: sites, base URLs, credentials and defaults.

use std::collections::HashMap;
use std::time::Duration;

use datadog_client::Configuration;
use datadog_client::error::ErrorKind;
use datadog_client::servers::SERVERS;

const SITES: [&str; 8] = [
    "datadoghq.com",
    "us3.datadoghq.com",
    "us5.datadoghq.com",
    "datadoghq.eu",
    "ap1.datadoghq.com",
    "ap2.datadoghq.com",
    "ddog-gov.com",
    "us2.ddog-gov.com",
];

fn environment(variables: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let variables: HashMap<String, String> = variables
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    move |name| variables.get(name).cloned()
}

#[test]
fn the_spec_lists_exactly_the_eight_sites() {
    let site = SERVERS[0]
        .variables
        .iter()
        .find(|variable| variable.name == "site")
        .unwrap();
    assert_eq!(site.allowed, SITES);
    assert_eq!(site.default, "datadoghq.com");
}

#[test]
fn every_site_maps_to_its_api_host_from_the_builder() {
    for site in SITES {
        let configuration = Configuration::default().with_site(site);
        assert_eq!(configuration.site(), site);
        assert_eq!(
            configuration.base_url().unwrap(),
            format!("https://api.{site}")
        );
    }
}

#[test]
fn every_site_maps_to_its_api_host_from_the_environment() {
    for site in SITES {
        let configuration = Configuration::from_env_with(environment(&[("DD_SITE", site)]));
        assert_eq!(
            configuration.base_url().unwrap(),
            format!("https://api.{site}")
        );
    }
}

#[test]
fn the_default_site_is_datadoghq_com() {
    let configuration = Configuration::from_env_with(environment(&[]));
    assert_eq!(configuration.site(), "datadoghq.com");
    assert_eq!(
        configuration.base_url().unwrap(),
        "https://api.datadoghq.com"
    );
}

#[test]
fn keys_and_site_are_read_from_the_environment_and_empty_values_are_ignored() {
    let configuration = Configuration::from_env_with(environment(&[
        ("DD_API_KEY", "env-api-key"),
        ("DD_APP_KEY", "env-app-key"),
        ("DD_SITE", "datadoghq.eu"),
    ]));
    assert_eq!(configuration.api_key().unwrap().expose(), "env-api-key");
    assert_eq!(configuration.app_key().unwrap().expose(), "env-app-key");
    assert_eq!(configuration.site(), "datadoghq.eu");

    let configuration = Configuration::from_env_with(environment(&[
        ("DD_API_KEY", ""),
        ("DD_APP_KEY", ""),
        ("DD_SITE", ""),
    ]));
    assert!(configuration.api_key().is_none());
    assert!(configuration.app_key().is_none());
    assert_eq!(configuration.site(), "datadoghq.com");
}

#[test]
fn builder_methods_override_the_environment() {
    let configuration = Configuration::from_env_with(environment(&[
        ("DD_API_KEY", "env-api-key"),
        ("DD_APP_KEY", "env-app-key"),
        ("DD_SITE", "datadoghq.eu"),
    ]))
    .with_api_key("builder-api-key")
    .with_app_key("builder-app-key")
    .with_site("us3.datadoghq.com")
    .with_access_token("builder-token")
    .with_timeout(Duration::from_secs(7))
    .with_max_retries(5)
    .with_max_rate_limit_wait(Duration::from_secs(9))
    .with_retry_backoff(Duration::from_millis(10), Duration::from_millis(20))
    .with_user_agent("my-agent/1.0")
    .with_proxy("http://127.0.0.1:3128");
    assert_eq!(configuration.api_key().unwrap().expose(), "builder-api-key");
    assert_eq!(configuration.app_key().unwrap().expose(), "builder-app-key");
    assert_eq!(
        configuration.access_token().unwrap().expose(),
        "builder-token"
    );
    assert_eq!(
        configuration.base_url().unwrap(),
        "https://api.us3.datadoghq.com"
    );
    assert_eq!(configuration.timeout(), Duration::from_secs(7));
    assert_eq!(configuration.max_retries(), 5);
    assert_eq!(configuration.max_rate_limit_wait(), Duration::from_secs(9));
    assert_eq!(
        configuration.retry_backoff(),
        (Duration::from_millis(10), Duration::from_millis(20))
    );
    assert_eq!(configuration.user_agent(), "my-agent/1.0");
    assert_eq!(
        configuration.proxy().unwrap().expose(),
        "http://127.0.0.1:3128"
    );
}

#[test]
fn the_defaults_are_60_seconds_and_3_retries() {
    let configuration = Configuration::default();
    assert_eq!(configuration.timeout(), Duration::from_secs(60));
    assert_eq!(configuration.max_retries(), 3);
    assert_eq!(configuration.max_rate_limit_wait(), Duration::from_secs(60));
    assert!(configuration.api_key().is_none());
}

#[test]
fn a_base_url_replaces_the_server_entirely() {
    let cases = [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        (
            "https://proxy.example/datadog/",
            "https://proxy.example/datadog",
        ),
        ("http://[::1]:9000", "http://[::1]:9000"),
    ];
    for (base_url, expected) in cases {
        let configuration = Configuration::default()
            .with_site("an unknown site does not matter here")
            .with_base_url(base_url);
        assert_eq!(configuration.base_url().unwrap(), expected);
    }
}

#[test]
fn a_bad_site_or_base_url_is_an_error_naming_the_setting() {
    let cases = [
        (
            Configuration::default().with_site("datadoghq.invalid"),
            "site",
        ),
        (
            Configuration::default().with_site("https://api.datadoghq.com"),
            "site",
        ),
        (Configuration::default().with_site(""), "site"),
        (
            Configuration::from_env_with(environment(&[("DD_SITE", "datadoghq.eu ")])),
            "site",
        ),
        (
            Configuration::default().with_base_url("127.0.0.1:8080"),
            "base_url",
        ),
        (
            Configuration::default().with_base_url("http://"),
            "base_url",
        ),
        (
            Configuration::default().with_base_url("file:///etc/passwd"),
            "base_url",
        ),
        (Configuration::default().with_base_url(""), "base_url"),
    ];
    for (configuration, setting) in cases {
        let error = configuration.base_url().unwrap_err();
        assert_eq!(
            error.kind(),
            &ErrorKind::Configuration { setting },
            "{error}"
        );
        assert_eq!(error.status(), None);
    }
    let error = Configuration::default()
        .with_site("datadoghq.invalid")
        .base_url()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "configuration error in `site`: unknown site \"datadoghq.invalid\"; expected one of \
         datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, \
         ap2.datadoghq.com, ddog-gov.com, us2.ddog-gov.com, or call Configuration::with_base_url \
         for another server"
    );
}

#[test]
fn debug_shows_settings_but_not_secrets() {
    let configuration = Configuration::default()
        .with_api_key("0123456789abcdef0123456789abcdef")
        .with_app_key("fedcba9876543210fedcba9876543210fedcba98")
        .with_access_token("ddpat_secret_token")
        .with_proxy("http://user:pa55word@proxy:3128")
        .with_site("datadoghq.eu");
    let text = format!("{configuration:?}");
    for secret in [
        "0123456789abcdef",
        "fedcba9876543210",
        "ddpat_secret_token",
        "pa55word",
    ] {
        assert!(!text.contains(secret), "{text}");
    }
    assert!(text.contains("datadoghq.eu"), "{text}");
}

#[test]
fn a_password_in_the_base_url_is_never_shown() {
    let configuration =
        Configuration::default().with_base_url("http://user:base-url-password@127.0.0.1:8080");
    let api = datadog_client::apis::OrgConnectionsApi::with_config(configuration.clone());
    for text in [
        format!("{configuration:?}"),
        format!("{configuration:#?}"),
        format!("{api:?}"),
    ] {
        assert!(!text.contains("base-url-password"), "{text}");
        assert!(text.contains("127.0.0.1:8080"), "{text}");
    }
    let error = Configuration::default()
        .with_base_url("http://user:base-url-password@127.0.0.1:8080/?query=1")
        .base_url()
        .unwrap_err();
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains("base-url-password"), "{text}");
        assert!(text.contains("<redacted>@127.0.0.1:8080"), "{text}");
    }
    let error = Configuration::default()
        .with_base_url("user:base-url-password@127.0.0.1:8080")
        .base_url()
        .unwrap_err();
    assert!(!error.to_string().contains("base-url-password"), "{error}");
}

#[test]
fn a_base_url_without_a_scheme_gets_a_hint() {
    let error = Configuration::default()
        .with_base_url("127.0.0.1:8080")
        .base_url()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "configuration error in `base_url`: invalid base URL \"127.0.0.1:8080\": relative URL \
         without a base; include the scheme, for example \"http://127.0.0.1:8080\""
    );
    let error = Configuration::default()
        .with_base_url("localhost:8080")
        .base_url()
        .unwrap_err();
    assert!(
        error.to_string().contains("http://localhost:8080"),
        "{error}"
    );
    let error = Configuration::default()
        .with_base_url("not a url")
        .base_url()
        .unwrap_err();
    assert!(
        error.to_string().contains("include the scheme and host"),
        "{error}"
    );
}
