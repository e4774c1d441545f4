//! The HTTP layer every operation goes through: server and security tables, request building, authentication and response decoding.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::configuration::{Configuration, ConfigurationProblem};
use crate::error::Error;
use crate::rate_limit::RateLimit;
use crate::retry;
use crate::servers::SECURITY_SCHEMES;

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
#[derive(Clone)]
pub struct ApiClient {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    configuration: Configuration,
    http_client: Result<reqwest::Client, ConfigurationProblem>,
    base_url: Result<String, ConfigurationProblem>,
    user_agent: Result<HeaderValue, ConfigurationProblem>,
    credentials: Vec<PreparedCredential>,
}

/// The header one security scheme adds, prepared once when the client is built.
struct PreparedCredential {
    scheme: &'static str,
    header: Result<Option<(HeaderName, HeaderValue)>, ConfigurationProblem>,
    setting: &'static str,
    hint: String,
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
        let http_client = build_http_client(&configuration);
        Self::from_parts(configuration, http_client)
    }

    /// Builds a client around your own `reqwest::Client` and its connection pool.
    ///
    /// The timeout, the user agent and the credentials still come from `configuration`;
    /// the proxy setting does not (configure it on your client), and responses are
    /// decompressed only if your client has gzip enabled (reqwest's default when its
    /// `gzip` feature is on).
    pub fn with_http_client(configuration: Configuration, http_client: reqwest::Client) -> Self {
        Self::from_parts(configuration, Ok(http_client))
    }

    /// Returns a `reqwest::ClientBuilder` with the TLS and gzip setup this crate uses, to
    /// customise and pass to [`ApiClient::with_http_client`].
    ///
    /// This crate enables rustls without a default crypto provider, so a bare
    /// `reqwest::Client::new()` only works when something else in your build enables one;
    /// this builder always does.
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
        tls_client_builder().map_err(|problem| problem.to_error())
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
            .map(|scheme| prepare_credential(&configuration, scheme))
            .collect();
        Self {
            inner: Arc::new(ClientInner {
                configuration,
                http_client,
                base_url,
                user_agent,
                credentials,
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
    /// It fails only for configuration, transport and timeout problems; the caller turns a
    /// response status into success or a typed error.
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
            .map_err(ConfigurationProblem::to_error)?;
        let base_url = inner
            .base_url
            .as_ref()
            .map_err(ConfigurationProblem::to_error)?;
        let url = build_url(base_url, &path, &query)?;
        let headers = inner.request_headers(operation, body.is_some())?;
        let request = retry::PreparedRequest {
            operation,
            url,
            headers,
            body: body.map(Bytes::from),
            timeout: inner.configuration.timeout(),
        };
        retry::send(http_client, &inner.configuration, &request).await
    }
}

impl ClientInner {
    /// Builds the headers every attempt of `operation` carries.
    fn request_headers(&self, operation: &Operation, has_body: bool) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        let user_agent = self
            .user_agent
            .as_ref()
            .map_err(ConfigurationProblem::to_error)?;
        headers.insert(header::USER_AGENT, user_agent.clone());
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        if has_body {
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
        }
        for (name, value) in self.authenticate(operation)? {
            headers.insert(name, value);
        }
        Ok(headers)
    }

    /// Picks the first alternative of the operation's security whose credentials are all
    /// set, and returns its headers.
    fn authenticate(&self, operation: &Operation) -> Result<Vec<(HeaderName, HeaderValue)>, Error> {
        if operation.security.is_empty() {
            return Ok(Vec::new());
        }
        let mut first_missing: Option<&PreparedCredential> = None;
        'alternatives: for requirement in operation.security {
            let mut headers = Vec::with_capacity(requirement.len());
            for scheme_name in requirement.iter() {
                let credential = self
                    .credentials
                    .iter()
                    .find(|credential| credential.scheme == *scheme_name);
                let Some(credential) = credential else {
                    return Err(Error::configuration(
                        "security",
                        format!(
                            "{} needs security scheme {scheme_name}, which the spec does not declare",
                            operation.id
                        ),
                    ));
                };
                match &credential.header {
                    Ok(Some(header)) => headers.push(header.clone()),
                    Ok(None) => {
                        first_missing.get_or_insert(credential);
                        continue 'alternatives;
                    }
                    Err(problem) => return Err(problem.to_error()),
                }
            }
            return Ok(headers);
        }
        match first_missing {
            Some(credential) => Err(Error::configuration(
                credential.setting,
                format!(
                    "{} needs the {} credential, which is not set: {}",
                    operation.id, credential.setting, credential.hint
                ),
            )),
            None => Ok(Vec::new()),
        }
    }
}

fn prepare_credential(
    configuration: &Configuration,
    scheme: &'static SecurityScheme,
) -> PreparedCredential {
    let credential = configuration.credential_for(scheme);
    let setting = credential.setting;
    let invalid_value = || {
        ConfigurationProblem::new(
            setting,
            format!(
                "the {setting} must be printable ASCII without spaces (check for spaces, newlines or non-ASCII characters)"
            ),
        )
    };
    let header = match credential.value {
        None => Ok(None),
        // Keys and tokens are printable ASCII without spaces; anything else is a copy-paste
        // mistake (a trailing newline, a space, a smart quote) that the server would reject.
        Some(secret) if !secret.expose().bytes().all(|byte| byte.is_ascii_graphic()) => {
            Err(invalid_value())
        }
        Some(secret) => {
            let header = match scheme.location {
                SecuritySchemeLocation::Header(name) => HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| {
                        ConfigurationProblem::new(
                            setting,
                            format!(
                                "security scheme {} names an invalid header {name:?}",
                                scheme.name
                            ),
                        )
                    })
                    .and_then(|name| {
                        HeaderValue::from_str(secret.expose())
                            .map(|value| (name, value))
                            .map_err(|_| invalid_value())
                    }),
                SecuritySchemeLocation::Bearer => {
                    HeaderValue::from_str(&format!("Bearer {}", secret.expose()))
                        .map(|value| (header::AUTHORIZATION, value))
                        .map_err(|_| invalid_value())
                }
            };
            header.map(|(name, mut value)| {
                value.set_sensitive(true);
                Some((name, value))
            })
        }
    };
    PreparedCredential {
        scheme: scheme.name,
        header,
        setting,
        hint: credential.hint,
    }
}

/// Builds the HTTP client of one [`ApiClient`], with the configured proxy.
fn build_http_client(
    configuration: &Configuration,
) -> Result<reqwest::Client, ConfigurationProblem> {
    let mut builder = tls_client_builder()?;
    if let Some(proxy_url) = configuration.proxy() {
        let proxy = reqwest::Proxy::all(proxy_url.expose())
            .map_err(|_| ConfigurationProblem::new("proxy", "the proxy URL is not a valid URL"))?;
        builder = builder.proxy(proxy);
    }
    builder.build().map_err(|error| {
        ConfigurationProblem::new(
            "http_client",
            format!("cannot build the HTTP client: {error}"),
        )
    })
}

/// Returns a `reqwest::ClientBuilder` set up with rustls (the `ring` provider and the
/// platform's certificate verifier) and gzip, as the crate's own clients are.
fn tls_client_builder() -> Result<reqwest::ClientBuilder, ConfigurationProblem> {
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
        .gzip(true))
}

/// Characters left as they are in a path segment: RFC 3986's unreserved characters.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Characters left as they are in a query parameter name: the unreserved characters and
/// the brackets of names such as `page[size]`.
const QUERY_NAME: &AsciiSet = &PATH_SEGMENT.remove(b'[').remove(b']');

/// Percent-encodes one path segment: `a b/c` becomes `a%20b%2Fc`.
///
/// ```
/// assert_eq!(datadog_client::client::encode_path_segment("a b/c"), "a%20b%2Fc");
/// ```
pub fn encode_path_segment(value: &str) -> String {
    utf8_percent_encode(value, PATH_SEGMENT).to_string()
}

/// Serializes a request body as JSON; a failure is an [`Error`] of kind `Encode`.
pub fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(Error::encode)
}

fn build_url(
    base_url: &str,
    path: &str,
    query: &[(&'static str, String)],
) -> Result<reqwest::Url, Error> {
    let mut text = String::with_capacity(base_url.len() + path.len() + 16 * query.len());
    text.push_str(base_url);
    text.push_str(path);
    for (index, (name, value)) in query.iter().enumerate() {
        text.push(if index == 0 { '?' } else { '&' });
        text.extend(utf8_percent_encode(name, QUERY_NAME));
        text.push('=');
        text.extend(utf8_percent_encode(value, PATH_SEGMENT));
    }
    reqwest::Url::parse(&text).map_err(|error| {
        Error::configuration(
            "base_url",
            format!("cannot build a request URL from base URL {base_url:?}: {error}"),
        )
    })
}

/// A response as received, before the operation decides whether its status is a success.
pub struct RawResponse {
    operation: &'static str,
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body is left out on purpose: responses may carry secrets.
        formatter
            .debug_struct("RawResponse")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("body_length", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl RawResponse {
    pub(crate) fn new(
        operation: &'static str,
        status: u16,
        headers: HeaderMap,
        body: Bytes,
    ) -> Self {
        Self {
            operation,
            status,
            headers,
            body,
        }
    }

    /// Returns the HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Returns the response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Returns the raw body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Decodes the body as `T`, whether the content type is `application/json` or
    /// `application/vnd.api+json`. On failure the error names `type_name` and the JSON path.
    pub fn decode<T: DeserializeOwned>(
        self,
        type_name: &'static str,
    ) -> Result<ResponseContent<T>, Error> {
        match serde_json::from_slice::<T>(&self.body) {
            Ok(body) => Ok(ResponseContent {
                status: self.status,
                headers: self.headers,
                body,
            }),
            Err(error) => Err(self.decode_error::<T>(type_name, error)),
        }
    }

    /// Decodes again with path tracking, only after the fast decode failed, to say where.
    fn decode_error<T: DeserializeOwned>(
        self,
        type_name: &'static str,
        fast_error: serde_json::Error,
    ) -> Error {
        let (path, error) =
            locate_decode_error::<T>(&self.body).unwrap_or_else(|| (String::from("."), fast_error));
        Error::decode(
            self.operation,
            type_name,
            path,
            error,
            self.status,
            self.headers,
            self.body,
        )
    }

    /// Accepts any body (empty, `{}` or anything else) for a success the spec gives no schema.
    pub fn empty(self) -> Result<ResponseContent<()>, Error> {
        Ok(ResponseContent {
            status: self.status,
            headers: self.headers,
            body: (),
        })
    }

    /// Turns an error response documented with schema `E` into an [`Error`]; the typed body
    /// is kept when it decodes, and the raw body either way.
    pub fn error<E: DeserializeOwned + Into<crate::apis::ErrorBody>>(self) -> Error {
        let typed_body = serde_json::from_slice::<E>(&self.body).ok().map(Into::into);
        Error::http_status(
            self.operation,
            self.status,
            self.headers,
            self.body,
            typed_body,
        )
    }

    /// Turns an error response with no documented schema (or an undocumented status) into an [`Error`].
    pub fn unexpected(self) -> Error {
        Error::http_status(self.operation, self.status, self.headers, self.body, None)
    }
}

/// Re-decodes `body` as `T` with path tracking and returns where and why it fails.
fn locate_decode_error<T: DeserializeOwned>(body: &[u8]) -> Option<(String, serde_json::Error)> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(_) => None,
        Err(error) => Some((error.path().to_string(), error.into_inner())),
    }
}

/// A decoded success response with its status and headers, as `_with_http_info` returns it.
#[derive(Clone, Debug)]
pub struct ResponseContent<T> {
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<T> ResponseContent<T> {
    /// Returns the decoded body.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Returns the rate-limit headers of the response.
    pub fn rate_limit(&self) -> RateLimit {
        RateLimit::from_headers(&self.headers)
    }
}
