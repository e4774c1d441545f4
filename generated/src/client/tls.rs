//! The HTTP clients this crate builds: rustls with the `ring` provider and the platform verifier, gzip, no automatic redirects, and the configured proxy.

use std::sync::Arc;

use crate::configuration::{Configuration, ConfigurationProblem};

/// Builds the HTTP client of one [`ApiClient`](super::ApiClient), with the configured proxy.
///
/// An explicit proxy replaces the system proxy settings (`HTTP_PROXY`, `HTTPS_PROXY`,
/// `ALL_PROXY`, `NO_PROXY`), which reqwest otherwise reads when the client is built;
/// `Configuration::with_system_proxy(false)` turns those off.
pub(super) fn build_http_client(
    configuration: &Configuration,
) -> Result<reqwest::Client, ConfigurationProblem> {
    let mut builder = tls_client_builder()?;
    if let Some(proxy_url) = configuration.proxy() {
        let proxy = reqwest::Proxy::all(proxy_url.expose())
            .map_err(|_| ConfigurationProblem::new("proxy", "the proxy URL is not a valid URL"))?;
        builder = builder.proxy(proxy);
    } else if !configuration.system_proxy() {
        builder = builder.no_proxy();
    }
    builder.build().map_err(|error| {
        ConfigurationProblem::new(
            "http_client",
            format!("cannot build the HTTP client: {error}"),
        )
    })
}

/// Returns a `reqwest::ClientBuilder` set up with rustls (the `ring` provider and the
/// platform's certificate verifier), gzip, and no automatic redirects, as the crate's own
/// clients are.
///
/// Redirects are off because reqwest would forward the `DD-API-KEY` and
/// `DD-APPLICATION-KEY` headers (and a 307's body) to any host; the runtime follows
/// same-origin redirects itself.
pub(super) fn tls_client_builder() -> Result<reqwest::ClientBuilder, ConfigurationProblem> {
    let tls_problem = |error: rustls::Error| {
        ConfigurationProblem::new("tls", format!("cannot set up TLS: {error}"))
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier =
        rustls_platform_verifier::Verifier::new(provider.clone()).map_err(tls_problem)?;
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_problem)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .gzip(true)
        .redirect(reqwest::redirect::Policy::none()))
}
