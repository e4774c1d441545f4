//! The HTTP layer every operation goes through: server and security tables, the client with its connection pool, and request sending.
//!
//! The parts live in submodules: `auth` (credential headers), `url` (request URLs),
//! `redirect` (same-origin redirects), `body` (bounded body reading), `response`
//! ([`RawResponse`], [`ResponseContent`]) and `tls` (the HTTP clients this crate builds).

mod auth;
pub(crate) mod body;
pub(crate) mod redirect;
mod response;
mod tls;
pub(crate) mod url;

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use reqwest::header::{self, HeaderMap, HeaderValue};
use serde::Serialize;

use crate::configuration::{Configuration, ConfigurationProblem, PROXY_ENV_VARS, url_secrets};
use crate::error::{Error, SendSummary};
use crate::retry;
use crate::secret::SecretRedactor;
use crate::servers::SECURITY_SCHEMES;

pub use redirect::MAX_REDIRECTS;
pub use response::{RawResponse, ResponseContent};
pub use url::encode_path_segment;

/// A server of the spec: a URL template and its variables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Server {
    /// The URL template, for example `https://{subdomain}.{site}`.
    pub url: &'static str,
    /// The spec's description of the server.
    pub description: &'static str,
    /// The variables the template uses.
    pub variables: &'static [ServerVariable],
}

/// A variable of a server URL template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerVariable {
    /// The name between braces in the template, for example `site`.
    pub name: &'static str,
    /// The value used when none is chosen.
    pub default: &'static str,
    /// The values allowed; empty when any value is.
    pub allowed: &'static [&'static str],
}

/// A security scheme of the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's name in the spec, for example `apiKeyAuth`.
    pub name: &'static str,
    /// Where the credential goes in a request.
    pub location: SecuritySchemeLocation,
    /// The environment variable [`Configuration::new`] reads the credential from, if any.
    pub env_var: Option<&'static str>,
}

/// Where a security scheme puts its credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecuritySchemeLocation {
    /// In the named header, as is.
    Header(&'static str),
    /// In `Authorization: Bearer <token>`.
    Bearer,
}

/// The static description of one operation; generated code declares one `static` per operation.
#[derive(Debug)]
pub struct Operation {
    /// The spec's operationId, for example `GetActionConnection`.
    pub id: &'static str,
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The path with its parameters in braces, for example `/api/v2/actions/connections/{connection_id}`.
    pub path_template: &'static str,
    /// The spec's `security`: alternatives (any one will do) of requirements (all needed),
    /// by scheme name. Empty when the operation needs no credentials.
    pub security: &'static [&'static [&'static str]],
}

/// The HTTP client behind every API struct: configuration and one connection pool.
///
/// Clones share the pool and the configuration. `Debug` shows the configuration with its
/// secrets redacted.
///
/// Credentials go only to the origin (scheme, host and port) of the base URL: the client
/// follows up to [`MAX_REDIRECTS`] redirects within that origin itself, and returns any
/// other redirect as the response, unfollowed.
#[derive(Clone)]
pub struct ApiClient {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    configuration: Configuration,
    http_client: Result<reqwest::Client, ConfigurationProblem>,
    base_url: Result<String, ConfigurationProblem>,
    user_agent: Result<HeaderValue, ConfigurationProblem>,
    credentials: Vec<auth::PreparedCredential>,
    redactor: SecretRedactor,
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("ApiClient")
            .field("configuration", &self.inner.configuration)
            .finish_non_exhaustive()
    }
}

impl Default for ApiClient {
    /// A client configured from the environment, as [`Configuration::new`] does.
    fn default() -> Self {
        Self::new(Configuration::new())
    }
}

impl ApiClient {
    /// Builds a client, with its own connection pool, from a configuration.
    ///
    /// This never fails: a bad setting is reported by the first call that needs it.
    pub fn new(configuration: Configuration) -> Self {
        let http_client = tls::build_http_client(&configuration);
        Self::from_parts(configuration, http_client)
    }

    /// Builds a client around your own `reqwest::Client` and its connection pool.
    ///
    /// The timeout, the user agent, the body size limit and the credentials still come from
    /// `configuration`; the proxy settings do not (configure them on your client), and
    /// responses are decompressed only if your client has gzip enabled (reqwest's default
    /// when its `gzip` feature is on).
    ///
    /// Your client must not follow redirects: reqwest would forward the API and application
    /// keys to any host a redirect names. Build it from [`ApiClient::http_client_builder`],
    /// which turns redirects off, or with `.redirect(reqwest::redirect::Policy::none())`;
    /// this client then follows same-origin redirects itself. A client that may follow
    /// redirects is refused: every call returns a configuration error for `http_client`
    /// before anything is sent.
    pub fn with_http_client(configuration: Configuration, http_client: reqwest::Client) -> Self {
        let http_client = if redirect::may_follow_redirects(&http_client) {
            Err(ConfigurationProblem::new(
                "http_client",
                "the reqwest::Client passed to ApiClient::with_http_client may follow redirects, \
                 which would send the credentials to any host a redirect names; build it with \
                 .redirect(reqwest::redirect::Policy::none()), as ApiClient::http_client_builder() \
                 does (same-origin redirects are then followed by this client)",
            ))
        } else {
            Ok(http_client)
        };
        Self::from_parts(configuration, http_client)
    }

    /// Returns a `reqwest::ClientBuilder` with the TLS and gzip setup this crate uses, and
    /// redirects turned off, to customise and pass to [`ApiClient::with_http_client`].
    ///
    /// This crate enables rustls without a default crypto provider, so a bare
    /// `reqwest::Client::new()` only works when something else in your build enables one;
    /// this builder always does. Do not turn redirects back on: see
    /// [`ApiClient::with_http_client`].
    ///
    /// ```
    /// use std::time::Duration;
    /// use datadog_client::Configuration;
    /// use datadog_client::client::ApiClient;
    ///
    /// let http_client = ApiClient::http_client_builder()?
    ///     .pool_idle_timeout(Duration::from_secs(30))
    ///     .build()
    ///     .expect("the HTTP client builds");
    /// let client = ApiClient::with_http_client(Configuration::new(), http_client);
    /// # let _ = client;
    /// # Ok::<(), datadog_client::Error>(())
    /// ```
    pub fn http_client_builder() -> Result<reqwest::ClientBuilder, Error> {
        tls::tls_client_builder().map_err(|problem| problem.to_error())
    }

    fn from_parts(
        configuration: Configuration,
        http_client: Result<reqwest::Client, ConfigurationProblem>,
    ) -> Self {
        let base_url = configuration.resolve_base_url();
        let user_agent = HeaderValue::from_str(&configuration.user_agent()).map_err(|_| {
            ConfigurationProblem::new(
                "user_agent",
                "the user agent is not a valid HTTP header value",
            )
        });
        let credentials = SECURITY_SCHEMES
            .iter()
            .map(|scheme| auth::prepare_credential(&configuration, scheme))
            .collect();
        let redactor = SecretRedactor::new(secrets_to_redact(&configuration));
        Self {
            inner: Arc::new(ClientInner {
                configuration,
                http_client,
                base_url,
                user_agent,
                credentials,
                redactor,
            }),
        }
    }

    /// Returns the configuration.
    pub fn configuration(&self) -> &Configuration {
        &self.inner.configuration
    }

    /// Sends one operation's request, with credentials, timeout, retries and rate-limit
    /// waits, and returns the final response whatever its status.
    ///
    /// `path` is already encoded (see [`encode_path_segment`]); `query` holds wire names as
    /// the spec spells them (`page[size]`) and unencoded values; `body` is JSON, sent with
    /// `Content-Type: application/json`.
    ///
    /// It fails only for configuration, transport and timeout problems, and for a response
    /// body over the size limit; the caller turns a response status into success or a typed
    /// error. A redirect that is not followed (see [`ApiClient`]) is the final response.
    pub async fn execute(
        &self,
        operation: &'static Operation,
        path: String,
        query: Vec<(&'static str, String)>,
        body: Option<Vec<u8>>,
    ) -> Result<RawResponse, Error> {
        let inner = &*self.inner;
        let http_client = inner
            .http_client
            .as_ref()
            .map_err(|problem| inner.error_for(problem))?;
        let base_url = inner
            .base_url
            .as_ref()
            .map_err(|problem| inner.error_for(problem))?;
        let url = url::build_url(base_url, &path, &query)?;
        let headers = inner.request_headers(operation, body.is_some())?;
        let request = retry::PreparedRequest {
            operation,
            url,
            headers,
            body: body.map(Bytes::from),
            timeout: inner.configuration.timeout(),
            max_body_bytes: inner.configuration.max_response_body_bytes(),
            redactor: inner.redactor.clone(),
        };
        retry::send(http_client, &inner.configuration, &request).await
    }
}

impl ClientInner {
    /// Turns a stored configuration problem into an error that redacts this client's secrets.
    fn error_for(&self, problem: &ConfigurationProblem) -> Error {
        problem.to_error().with_sending(SendSummary {
            redactor: self.redactor.clone(),
            ..SendSummary::default()
        })
    }

    /// Builds the headers every attempt of `operation` carries.
    fn request_headers(&self, operation: &Operation, has_body: bool) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        let user_agent = self
            .user_agent
            .as_ref()
            .map_err(|problem| self.error_for(problem))?;
        headers.insert(header::USER_AGENT, user_agent.clone());
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        if has_body {
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
        }
        for (name, value) in auth::authenticate(&self.credentials, operation)? {
            headers.insert(name, value);
        }
        Ok(headers)
    }
}

/// Returns the secrets of `configuration`, and the user information of the system proxy
/// variables (`HTTP_PROXY`, ...), which an HTTP client may use whatever the configuration
/// says (a client passed in reads them unless it was told not to).
fn secrets_to_redact(configuration: &Configuration) -> Vec<String> {
    let mut secrets = configuration.secrets();
    for name in PROXY_ENV_VARS {
        if let Ok(proxy_url) = std::env::var(name) {
            secrets.extend(url_secrets(&proxy_url));
        }
    }
    secrets
}

/// Serializes a request body as JSON; a failure is an [`Error`] of kind `Encode`.
pub fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(Error::encode)
}
