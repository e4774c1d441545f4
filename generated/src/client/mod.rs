//! The HTTP layer every operation goes through: the spec's server, security and operation tables, the client with its connection pool, and request sending.
//!
//! The parts live in submodules: `request` ([`Request`], which generated code fills with
//! parameters and a body), `parameters` (serialization by `style`), `multipart` (form bodies),
//! `auth` (credentials), `url` (request URLs), `redirect` (same-origin redirects), `body`
//! (bounded body reading), `response` ([`RawResponse`], [`ResponseContent`]) and `tls` (the HTTP
//! clients this crate builds).

mod auth;
pub(crate) mod body;
mod multipart;
mod parameters;
pub(crate) mod redirect;
mod request;
mod response;
mod tls;
pub(crate) mod url;

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use reqwest::header::{self, HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::configuration::{Configuration, ConfigurationProblem, PROXY_ENV_VARS, url_secrets};
use crate::error::{Error, SendSummary};
use crate::retry;
use crate::secret::SecretRedactor;
use crate::servers::SECURITY_SCHEMES;

pub use multipart::{FilePart, Multipart};
pub use parameters::Style;
pub use redirect::MAX_REDIRECTS;
pub use request::Request;
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
    /// The value used when none is set.
    pub default: &'static str,
    /// The values allowed; empty when any value is.
    pub allowed: &'static [&'static str],
}

/// A security scheme of the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's name in the spec, for example `apiKeyAuth`.
    pub name: &'static str,
    /// How the credential is sent.
    pub kind: SchemeKind,
    /// The [`Configuration`] setting that holds the credential, for example `api_key`.
    pub setting: &'static str,
}

/// How a security scheme sends its credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemeKind {
    /// An API key, as is.
    ApiKey {
        /// Where it goes.
        location: ApiKeyLocation,
        /// The header, query parameter or cookie name.
        name: &'static str,
    },
    /// HTTP basic authentication: `Authorization: Basic <base64 of user:password>`.
    Basic,
    /// `Authorization: Bearer <token>` (HTTP bearer, OAuth2 and OpenID Connect).
    Bearer,
    /// A scheme this client cannot apply (described); an operation that needs only it is sent
    /// without credentials, for an [`Interceptor`](crate::interceptor::Interceptor) to sign.
    Unsupported(&'static str),
}

/// Where an API key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
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
    /// The servers the operation is sent to: the spec's, or its own.
    pub servers: &'static [Server],
    /// The `Accept` header: the media types its responses have.
    pub accept: &'static str,
    /// The documented error responses and how to decode their bodies.
    pub errors: &'static [ErrorResponse],
    /// Whether the spec marks the operation unstable: it must be enabled with
    /// [`Configuration::with_unstable_operation`] before it can be called.
    pub unstable: bool,
}

/// A documented error response: the statuses it covers and how to decode its body.
#[derive(Debug)]
pub struct ErrorResponse {
    /// The statuses: a code (`404`), the first digit of a range (`4` for `4XX`), or `0` for
    /// `default`, which covers every status no other entry lists.
    pub statuses: &'static [u16],
    /// Decodes the body into the crate's [`ErrorBody`](crate::apis::ErrorBody), when the spec
    /// documents a model for it.
    pub decode: Option<DecodeErrorBody>,
}

/// A function that decodes an error body as one model, as [`decode_error_body`] is for each.
pub type DecodeErrorBody = fn(&[u8]) -> Option<crate::apis::ErrorBody>;

impl ErrorResponse {
    /// An entry of an operation's error table.
    pub const fn new(statuses: &'static [u16], decode: Option<DecodeErrorBody>) -> Self {
        Self { statuses, decode }
    }
}

/// Decodes an error body as the model `T`; generated error tables name one instance per model.
pub fn decode_error_body<T: DeserializeOwned + Into<crate::apis::ErrorBody>>(
    body: &[u8],
) -> Option<crate::apis::ErrorBody> {
    serde_json::from_slice::<T>(body).ok().map(Into::into)
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

    /// Starts the request of `operation`; generated code adds its parameters and body, then
    /// calls [`ApiClient::send`].
    pub fn request(&self, operation: &'static Operation) -> Request {
        Request::new(operation)
    }

    /// Sends a request, with credentials, timeout, retries and rate-limit waits, and returns the
    /// final response whatever its status; [`RawResponse`] then decodes it as the operation's
    /// success type or turns it into a typed error.
    ///
    /// It fails before sending anything for a parameter that cannot be sent, a missing or
    /// invalid setting, an unstable operation that is not enabled, or a call outside a Tokio
    /// runtime; after, for transport and timeout problems and for a response body over the size
    /// limit. A redirect that is not followed (see [`ApiClient`]) is the final response.
    pub async fn send(&self, request: Request) -> Result<RawResponse, Error> {
        let inner = &*self.inner;
        let prepared = self.prepare(request).map_err(|error| {
            error.with_sending(SendSummary {
                redactor: inner.redactor.clone(),
                ..SendSummary::default()
            })
        })?;
        retry::send(
            inner.http_client.as_ref().ok(),
            &inner.configuration,
            &prepared,
        )
        .await
    }

    /// Checks the call can be made and builds what every attempt sends.
    fn prepare(&self, request: Request) -> Result<retry::PreparedRequest, Error> {
        let inner = &*self.inner;
        let operation = request.operation();
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(Error::configuration(
                "runtime",
                format!(
                    "{} was called outside a Tokio runtime; call it from #[tokio::main] or a Tokio task",
                    operation.id
                ),
            ));
        }
        if operation.unstable
            && !inner
                .configuration
                .is_unstable_operation_enabled(operation.id)
        {
            return Err(Error::configuration(
                "unstable_operations",
                format!(
                    "{id} is unstable and may change; enable it with Configuration::with_unstable_operation(\"{id}\")",
                    id = operation.id
                ),
            ));
        }
        if !inner.uses_mock() {
            inner
                .http_client
                .as_ref()
                .map_err(|problem| inner.error_for(problem))?;
        }
        let parts = request.into_parts()?;
        let base_url = inner
            .configuration
            .resolve_servers(operation.servers)
            .map_err(|problem| inner.error_for(&problem))?;
        let credentials = auth::authenticate(&inner.credentials, operation)?;
        let query: Vec<&str> = parts
            .query
            .iter()
            .chain(&credentials.query)
            .map(String::as_str)
            .collect();
        let url = url::build_url(&base_url, &parts.path, &query)?;
        let mut headers = inner.base_headers(operation)?;
        if let Some((_, content_type)) = &parts.body {
            headers.insert(header::CONTENT_TYPE, content_type.clone());
        }
        for (name, value) in parts.headers.iter() {
            headers.insert(name.clone(), value.clone());
        }
        for (name, value) in credentials.headers {
            headers.insert(name, value);
        }
        let cookies: Vec<&str> = parts
            .cookies
            .iter()
            .chain(&credentials.cookies)
            .map(String::as_str)
            .collect();
        if !cookies.is_empty() {
            let mut value = HeaderValue::from_str(&cookies.join("; ")).map_err(|_| {
                Error::invalid_parameter(
                    operation.id,
                    "Cookie",
                    "a cookie value is not a valid header value".to_string(),
                )
            })?;
            value.set_sensitive(!credentials.cookies.is_empty());
            headers.insert(header::COOKIE, value);
        }
        Ok(retry::PreparedRequest {
            operation,
            url,
            headers,
            body: parts.body.map(|(body, _)| body),
            timeout: inner.configuration.timeout(),
            max_body_bytes: inner.configuration.max_response_body_bytes(),
            redactor: inner.redactor.clone(),
        })
    }

    /// Sends one operation's request from an encoded path, query pairs and a JSON body: the
    /// interface generated code used before [`Request`]; kept for code written against it.
    ///
    /// `path` is already encoded (see [`encode_path_segment`]); `query` holds wire names as
    /// the spec spells them (`page[size]`) and unencoded values; `body` is JSON.
    pub async fn execute(
        &self,
        operation: &'static Operation,
        path: String,
        query: Vec<(&'static str, String)>,
        body: Option<Vec<u8>>,
    ) -> Result<RawResponse, Error> {
        let mut request = Request::new(operation).with_encoded_path(path);
        for (name, value) in &query {
            request.query_parameter(name, value);
        }
        if let Some(body) = body {
            request.raw_body(
                Bytes::from(body),
                HeaderValue::from_static("application/json"),
            );
        }
        self.send(request).await
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

    /// The headers every request carries: the user agent and the operation's `Accept`.
    fn base_headers(&self, operation: &Operation) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        let user_agent = self
            .user_agent
            .as_ref()
            .map_err(|problem| self.error_for(problem))?;
        headers.insert(header::USER_AGENT, user_agent.clone());
        let accept =
            HeaderValue::from_str(operation.accept).unwrap_or(HeaderValue::from_static("*/*"));
        headers.insert(header::ACCEPT, accept);
        Ok(headers)
    }

    /// Whether a test double answers this client's requests.
    fn uses_mock(&self) -> bool {
        #[cfg(feature = "test-util")]
        {
            self.configuration.mock().is_some()
        }
        #[cfg(not(feature = "test-util"))]
        {
            false
        }
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
