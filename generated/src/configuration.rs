//! Client settings: credentials, server, timeout, retries, body size, user agent and proxy, from the environment and a builder.

use std::fmt;
use std::time::Duration;

use base64::Engine;
use percent_encoding::percent_decode_str;

use crate::client::url::redact_userinfo;
use crate::client::{SecurityScheme, SecuritySchemeLocation};
use crate::error::Error;
use crate::secret::Secret;
use crate::servers::{SECURITY_SCHEMES, SERVERS};

/// The environment variable that selects the Datadog site.
pub const SITE_ENV_VAR: &str = "DD_SITE";

/// The default time one attempt may take, from sending the request to reading the whole response.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 3;

/// The default longest wait before retrying a rate-limited (429) request.
pub const DEFAULT_MAX_RATE_LIMIT_WAIT: Duration = Duration::from_secs(60);

/// The default first backoff delay before retrying a 5xx or a connection failure.
pub const DEFAULT_MIN_BACKOFF: Duration = Duration::from_millis(200);

/// The default longest backoff delay before retrying a 5xx or a connection failure.
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(10);

/// The default largest response body accepted, after decompression: 32 MiB.
///
/// The largest page the spec's list operations return (1,000 org connections) is about
/// 0.5 MB, so this leaves a margin of 60 times while keeping what a hostile or broken server
/// can make the client hold (and then decode, which takes a few times more) to tens of MiB
/// per request instead of whatever it sends.
pub const DEFAULT_MAX_RESPONSE_BODY_BYTES: usize = 32 * 1024 * 1024;

/// How an API struct reaches Datadog: credentials, server, timeout, retries, user agent and proxy.
///
/// [`Configuration::new`] starts from the defaults and reads `DD_API_KEY`, `DD_APP_KEY` and
/// `DD_SITE`; the `with_*` methods override any of it. Setting a bad value never panics:
/// the first call that needs it returns an [`Error`] whose kind names the setting.
///
/// `Debug` never shows keys, tokens, the proxy URL (which may carry a password) or the
/// user name and password of the base URL.
///
/// ```
/// use std::time::Duration;
/// use datadog_client::Configuration;
///
/// let configuration = Configuration::new()
///     .with_api_key("my-api-key")
///     .with_app_key("my-application-key")
///     .with_site("us5.datadoghq.com")
///     .with_timeout(Duration::from_secs(10));
/// assert_eq!(configuration.base_url().ok().as_deref(), Some("https://api.us5.datadoghq.com"));
/// assert!(!format!("{configuration:?}").contains("my-api-key"));
/// ```
#[derive(Clone)]
pub struct Configuration {
    api_key: Option<Secret>,
    app_key: Option<Secret>,
    access_token: Option<Secret>,
    site: Option<String>,
    base_url: Option<String>,
    timeout: Duration,
    max_retries: u32,
    max_rate_limit_wait: Duration,
    min_backoff: Duration,
    max_backoff: Duration,
    user_agent: Option<String>,
    proxy: Option<Secret>,
    system_proxy: bool,
    max_response_body_bytes: usize,
}

impl fmt::Debug for Configuration {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Configuration")
            .field("api_key", &self.api_key)
            .field("app_key", &self.app_key)
            .field("access_token", &self.access_token)
            .field("site", &self.site)
            .field("base_url", &self.base_url.as_deref().map(redact_userinfo))
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("max_rate_limit_wait", &self.max_rate_limit_wait)
            .field("min_backoff", &self.min_backoff)
            .field("max_backoff", &self.max_backoff)
            .field("user_agent", &self.user_agent)
            .field("proxy", &self.proxy)
            .field("system_proxy", &self.system_proxy)
            .field("max_response_body_bytes", &self.max_response_body_bytes)
            .finish()
    }
}

impl Default for Configuration {
    /// The defaults, without reading the environment: no credentials, the default site,
    /// a 60 s timeout, 3 retries, a 32 MiB body limit, and the system proxy settings honoured.
    fn default() -> Self {
        Self {
            api_key: None,
            app_key: None,
            access_token: None,
            site: None,
            base_url: None,
            timeout: DEFAULT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            max_rate_limit_wait: DEFAULT_MAX_RATE_LIMIT_WAIT,
            min_backoff: DEFAULT_MIN_BACKOFF,
            max_backoff: DEFAULT_MAX_BACKOFF,
            user_agent: None,
            proxy: None,
            system_proxy: true,
            max_response_body_bytes: DEFAULT_MAX_RESPONSE_BODY_BYTES,
        }
    }
}

/// A setting that is missing or invalid, kept until a call needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ConfigurationProblem {
    pub(crate) setting: &'static str,
    pub(crate) detail: String,
}

impl ConfigurationProblem {
    pub(crate) fn new(setting: &'static str, detail: impl Into<String>) -> Self {
        Self {
            setting,
            detail: detail.into(),
        }
    }

    pub(crate) fn to_error(&self) -> Error {
        Error::configuration(self.setting, self.detail.clone())
    }
}

/// Which setting of [`Configuration`] holds the credential of one security scheme.
pub(crate) struct CredentialSetting<'a> {
    /// The setting's name, as the builder method names it (`api_key` for `with_api_key`).
    pub(crate) setting: &'static str,
    /// How to provide it, for the error when it is missing.
    pub(crate) source: CredentialSource,
    pub(crate) value: Option<&'a Secret>,
}

/// Where a credential can come from, to tell a user how to provide a missing one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CredentialSource {
    /// An environment variable read by [`Configuration::new`], or a builder method.
    EnvironmentOrBuilder {
        env_var: &'static str,
        builder_method: &'static str,
    },
    /// Only a builder method; `noun` names the credential (`an access token`).
    Builder {
        noun: &'static str,
        builder_method: &'static str,
    },
    /// Nothing: the client has no setting for this scheme.
    Unsupported { scheme: &'static str },
}

impl Configuration {
    /// Starts from the defaults and reads `DD_API_KEY`, `DD_APP_KEY` and `DD_SITE` from the
    /// environment. Unset and empty variables are ignored.
    pub fn new() -> Self {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`Configuration::new`], but reads variables through `lookup` instead of the
    /// process environment (useful for tests and for other sources of settings).
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let read = |name: &str| lookup(name).filter(|value| !value.is_empty());
        let mut configuration = Self::default();
        for scheme in SECURITY_SCHEMES {
            let Some(env_var) = scheme.env_var else {
                continue;
            };
            if let Some(value) = read(env_var) {
                match env_var {
                    "DD_API_KEY" => configuration.api_key = Some(Secret::new(value)),
                    "DD_APP_KEY" => configuration.app_key = Some(Secret::new(value)),
                    _ => {}
                }
            }
        }
        configuration.site = read(SITE_ENV_VAR);
        configuration
    }

    /// Sets the API key, sent as `DD-API-KEY`.
    pub fn with_api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(Secret::new(api_key));
        self
    }

    /// Sets the application key, sent as `DD-APPLICATION-KEY`.
    pub fn with_app_key(mut self, app_key: impl Into<String>) -> Self {
        self.app_key = Some(Secret::new(app_key));
        self
    }

    /// Sets an OAuth access token, sent as `Authorization: Bearer <token>` to the operations
    /// whose security allows `AuthZ` when the API and application keys are not both set.
    pub fn with_access_token(mut self, access_token: impl Into<String>) -> Self {
        self.access_token = Some(Secret::new(access_token));
        self
    }

    /// Selects the Datadog site, for example `datadoghq.eu`; requests go to `https://api.<site>`.
    ///
    /// An unknown site is reported by the first call, with the list of known sites.
    pub fn with_site(mut self, site: impl Into<String>) -> Self {
        self.site = Some(site.into());
        self
    }

    /// Sends requests to this URL instead of a Datadog site, for example
    /// `http://127.0.0.1:8080` for a test server or `https://proxy.example/datadog`.
    /// It takes precedence over the site.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sets how long one attempt may take, from sending the request to reading the whole
    /// response (60 s by default). Each retry gets the full timeout again.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets how many times a failed request may be retried after the first attempt (3 by
    /// default; 0 disables retries).
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Sets the longest wait before retrying a 429 (60 s by default). When
    /// `X-RateLimit-Reset` asks for longer, the 429 is returned instead of waiting.
    pub fn with_max_rate_limit_wait(mut self, max_wait: Duration) -> Self {
        self.max_rate_limit_wait = max_wait;
        self
    }

    /// Sets the first and the longest backoff delay between retries of a 5xx or a connection
    /// failure (200 ms and 10 s by default). Delays double at each retry and get random jitter.
    pub fn with_retry_backoff(mut self, min_delay: Duration, max_delay: Duration) -> Self {
        self.min_backoff = min_delay;
        self.max_backoff = max_delay.max(min_delay);
        self
    }

    /// Replaces the `User-Agent` header (by default
    /// `datadog-client-rust/<version> (rust <version>; os <os>; arch <arch>)`).
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Sends every request through this proxy, for example `http://user:password@proxy:3128`.
    /// It applies to the HTTP client the API struct builds, not to one passed in, and it
    /// replaces the system proxy settings.
    pub fn with_proxy(mut self, proxy_url: impl Into<String>) -> Self {
        self.proxy = Some(Secret::new(proxy_url));
        self
    }

    /// Chooses whether the HTTP client the API struct builds honours the system proxy
    /// settings: the `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` environment
    /// variables (and their lower-case forms), read when the client is built. They are
    /// honoured by default, as reqwest does; `with_system_proxy(false)` connects directly
    /// unless [`Configuration::with_proxy`] names a proxy.
    pub fn with_system_proxy(mut self, enabled: bool) -> Self {
        self.system_proxy = enabled;
        self
    }

    /// Sets the largest response body accepted, in bytes after decompression (32 MiB by
    /// default, [`DEFAULT_MAX_RESPONSE_BODY_BYTES`]). The body is read as it arrives and
    /// reading stops as soon as it goes past the limit: the call fails with
    /// [`ErrorKind::BodyTooLarge`](crate::error::ErrorKind::BodyTooLarge) and is not retried.
    pub fn with_max_response_body_bytes(mut self, max_bytes: usize) -> Self {
        self.max_response_body_bytes = max_bytes;
        self
    }

    /// Returns the API key, if one is set.
    pub fn api_key(&self) -> Option<&Secret> {
        self.api_key.as_ref()
    }

    /// Returns the application key, if one is set.
    pub fn app_key(&self) -> Option<&Secret> {
        self.app_key.as_ref()
    }

    /// Returns the OAuth access token, if one is set.
    pub fn access_token(&self) -> Option<&Secret> {
        self.access_token.as_ref()
    }

    /// Returns the selected site, or the spec's default site when none is set.
    pub fn site(&self) -> &str {
        match &self.site {
            Some(site) => site,
            None => default_site(),
        }
    }

    /// Returns the timeout of one attempt.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Returns the number of retries allowed after the first attempt.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// Returns the longest wait before retrying a 429.
    pub fn max_rate_limit_wait(&self) -> Duration {
        self.max_rate_limit_wait
    }

    /// Returns the first and the longest backoff delay between retries.
    pub fn retry_backoff(&self) -> (Duration, Duration) {
        (self.min_backoff, self.max_backoff)
    }

    /// Returns the proxy URL, if one is set.
    pub fn proxy(&self) -> Option<&Secret> {
        self.proxy.as_ref()
    }

    /// Returns `true` when the system proxy settings (`HTTP_PROXY`, ...) are honoured.
    pub fn system_proxy(&self) -> bool {
        self.system_proxy
    }

    /// Returns the largest response body accepted, in bytes after decompression.
    pub fn max_response_body_bytes(&self) -> usize {
        self.max_response_body_bytes
    }

    /// Returns the `User-Agent` header value that requests carry.
    pub fn user_agent(&self) -> String {
        match &self.user_agent {
            Some(user_agent) => user_agent.clone(),
            None => default_user_agent(),
        }
    }

    /// Returns the URL that operation paths are appended to, without a trailing slash:
    /// the custom base URL when one is set, otherwise `https://api.<site>`.
    ///
    /// The error names the setting at fault (`base_url` or `site`).
    pub fn base_url(&self) -> Result<String, Error> {
        self.resolve_base_url()
            .map_err(|problem| problem.to_error())
    }

    pub(crate) fn resolve_base_url(&self) -> Result<String, ConfigurationProblem> {
        if let Some(base_url) = &self.base_url {
            return validate_base_url(base_url);
        }
        let Some(server) = SERVERS.first() else {
            return Err(ConfigurationProblem::new(
                "site",
                "the spec lists no server; call Configuration::with_base_url",
            ));
        };
        let site = self.site();
        let mut url = server.url.to_owned();
        for variable in server.variables {
            let value = if variable.name == "site" {
                if !variable.allowed.is_empty() && !variable.allowed.contains(&site) {
                    return Err(ConfigurationProblem::new(
                        "site",
                        format!(
                            "unknown site {site:?}; expected one of {}, or call Configuration::with_base_url for another server",
                            variable.allowed.join(", ")
                        ),
                    ));
                }
                site
            } else {
                variable.default
            };
            url = url.replace(&format!("{{{}}}", variable.name), value);
        }
        Ok(url)
    }

    /// Returns the setting that holds the credential of `scheme`, and its value when set.
    pub(crate) fn credential_for(&self, scheme: &SecurityScheme) -> CredentialSetting<'_> {
        let (setting, source, value) = match (scheme.location, scheme.env_var) {
            (SecuritySchemeLocation::Bearer, _) => (
                "access_token",
                CredentialSource::Builder {
                    noun: "an access token",
                    builder_method: "with_access_token",
                },
                self.access_token.as_ref(),
            ),
            (SecuritySchemeLocation::Header(_), Some(env_var @ "DD_API_KEY")) => (
                "api_key",
                CredentialSource::EnvironmentOrBuilder {
                    env_var,
                    builder_method: "with_api_key",
                },
                self.api_key.as_ref(),
            ),
            (SecuritySchemeLocation::Header(_), Some(env_var @ "DD_APP_KEY")) => (
                "app_key",
                CredentialSource::EnvironmentOrBuilder {
                    env_var,
                    builder_method: "with_app_key",
                },
                self.app_key.as_ref(),
            ),
            (SecuritySchemeLocation::Header(_), _) => (
                scheme.name,
                CredentialSource::Unsupported {
                    scheme: scheme.name,
                },
                None,
            ),
        };
        CredentialSetting {
            setting,
            source,
            value: value.filter(|secret| !secret.is_empty()),
        }
    }

    /// Returns every secret this configuration holds, in each form it may take in a request
    /// or in a server's echo of one: the keys and the token, and the user information of the
    /// proxy and base URLs (see [`url_secrets`]).
    pub(crate) fn secrets(&self) -> Vec<String> {
        let mut secrets: Vec<String> = [&self.api_key, &self.app_key, &self.access_token]
            .into_iter()
            .flatten()
            .map(|secret| secret.expose().to_owned())
            .collect();
        let urls = [
            self.proxy.as_ref().map(Secret::expose),
            self.base_url.as_deref(),
        ];
        for url in urls.into_iter().flatten() {
            secrets.extend(url_secrets(url));
        }
        secrets
    }
}

/// The environment variables reqwest reads the system proxy from.
pub(crate) const PROXY_ENV_VARS: [&str; 6] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// Returns the secrets in the user information of `url`, in each form they may take: the
/// password as written and percent-decoded, and `user:password` in base64, as a Basic
/// `Authorization` or `Proxy-Authorization` header carries it. A user name without a
/// password is the credential itself (`https://token@host`), so it counts as the password.
/// A URL that does not parse gives nothing.
pub(crate) fn url_secrets(url: &str) -> Vec<String> {
    let Ok(url) = reqwest::Url::parse(url) else {
        return Vec::new();
    };
    let decode = |text: &str| percent_decode_str(text).decode_utf8_lossy().into_owned();
    let (user, password) = match url.password() {
        Some(password) => (url.username(), password),
        None if !url.username().is_empty() => ("", url.username()),
        None => return Vec::new(),
    };
    let basic = if user.is_empty() {
        format!("{}:", decode(password))
    } else {
        format!("{}:{}", decode(user), decode(password))
    };
    vec![
        password.to_owned(),
        decode(password),
        base64::engine::general_purpose::STANDARD.encode(basic),
    ]
}

impl fmt::Display for ConfigurationProblem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.setting, self.detail)
    }
}

fn default_site() -> &'static str {
    SERVERS
        .first()
        .and_then(|server| {
            server
                .variables
                .iter()
                .find(|variable| variable.name == "site")
        })
        .map_or("datadoghq.com", |variable| variable.default)
}

fn validate_base_url(base_url: &str) -> Result<String, ConfigurationProblem> {
    let shown_url = redact_userinfo(base_url);
    let invalid = |reason: String| {
        ConfigurationProblem::new(
            "base_url",
            format!("invalid base URL {shown_url:?}: {reason}"),
        )
    };
    let url = reqwest::Url::parse(base_url).map_err(|error| {
        let hint = match error {
            url::ParseError::RelativeUrlWithoutBase => missing_scheme_hint(&shown_url),
            _ => String::new(),
        };
        invalid(format!("{error}{hint}"))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        // `localhost:8080` parses as the scheme `localhost`.
        let hint = if url.cannot_be_a_base() {
            missing_scheme_hint(&shown_url)
        } else {
            String::new()
        };
        return Err(invalid(format!(
            "the scheme must be http or https, not {:?}{hint}",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid(String::from("it has no host")));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(String::from(
            "it must not have a query or a fragment",
        )));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// Says how to write a base URL that lacks its scheme, suggesting one when the text could be
/// a host and port.
fn missing_scheme_hint(shown_url: &str) -> String {
    if !shown_url.is_empty() && !shown_url.contains(char::is_whitespace) {
        format!("; include the scheme, for example \"http://{shown_url}\"")
    } else {
        String::from("; include the scheme and host, for example \"http://127.0.0.1:8080\"")
    }
}

/// Returns `datadog-client-rust/<version> (rust <version>; os <os>; arch <arch>)`.
pub fn default_user_agent() -> String {
    format!(
        "datadog-client-rust/{} (rust {}; os {}; arch {})",
        env!("CARGO_PKG_VERSION"),
        env!("DATADOG_CLIENT_RUSTC_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH,
    )
}

#[cfg(test)]
mod tests {
    use super::url_secrets;

    #[test]
    fn url_secrets_cover_the_password_its_encodings_and_a_lone_user_name() {
        // base64 of "user:p@ss word" and of "ghp_token:".
        assert_eq!(
            url_secrets("http://user:p%40ss%20word@proxy:3128"),
            ["p%40ss%20word", "p@ss word", "dXNlcjpwQHNzIHdvcmQ="]
        );
        assert_eq!(
            url_secrets("https://ghp_token@host"),
            ["ghp_token", "ghp_token", "Z2hwX3Rva2VuOg=="]
        );
        assert!(url_secrets("http://proxy:3128").is_empty());
        assert!(url_secrets("not a url").is_empty());
    }
}
