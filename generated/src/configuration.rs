//! Client settings: the spec's credentials and server variables, and the timeout, retries, body size, user agent, proxy and hooks, from the environment and a builder.
//!
//! The settings the spec defines (one per credential, one per server variable) are generated in
//! `settings.rs` as `with_<name>` and `<name>` methods over the generic ones here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use percent_encoding::percent_decode_str;

use crate::client::Server;
use crate::client::url::redact_userinfo;
use crate::error::Error;
use crate::interceptor::Interceptor;
use crate::secret::Secret;
use crate::servers::SERVERS;
use crate::settings::SETTINGS;

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
/// That is a margin of tens of times over the largest pages real APIs return, while keeping
/// what a hostile or broken server can make the client hold (and then decode, which takes a
/// few times more) to tens of MiB per request instead of whatever it sends.
pub const DEFAULT_MAX_RESPONSE_BODY_BYTES: usize = 32 * 1024 * 1024;

/// A setting the spec defines, as the generated `settings.rs` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting {
    /// The setting's name: `with_<name>` sets it, for example `api_key`.
    pub name: &'static str,
    /// What it holds.
    pub kind: SettingKind,
    /// The environment variable [`Configuration::new`] reads it from, if any.
    pub env_var: Option<&'static str>,
}

/// What a [`Setting`] holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SettingKind {
    /// An API key.
    ApiKey,
    /// A bearer token.
    Token,
    /// A user name and a password.
    Basic,
    /// The value of the named server variable.
    ServerVariable(&'static str),
}

/// A credential as set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Credential {
    /// A key or a token.
    Secret(Secret),
    /// A user name and password for HTTP basic authentication.
    Basic { username: String, password: Secret },
}

/// Which unstable operations may be called.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum UnstableOperations {
    /// None.
    #[default]
    None,
    /// These, by operationId.
    Some(BTreeSet<String>),
    /// All of them.
    All,
}

/// How an API struct reaches the API: credentials, server, timeout, retries, user agent, proxy
/// and hooks.
///
/// [`Configuration::new`] starts from the defaults and reads the environment variables the spec
/// names for its credentials and server variables; the `with_*` methods override any of it.
/// Setting a bad value never panics: the first call that needs it returns an [`Error`] whose
/// kind names the setting.
///
/// `Debug` never shows keys, tokens, passwords, the proxy URL (which may carry a password) or
/// the user name and password of the base URL.
#[derive(Clone)]
pub struct Configuration {
    credentials: BTreeMap<&'static str, Credential>,
    server_variables: BTreeMap<&'static str, String>,
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
    unstable_operations: UnstableOperations,
    interceptors: Vec<Arc<dyn Interceptor>>,
    #[cfg(feature = "test-util")]
    mock: Option<crate::test_util::MockServer>,
}

impl fmt::Debug for Configuration {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let credentials: Vec<&str> = self.credentials.keys().copied().collect();
        let mut debug = formatter.debug_struct("Configuration");
        debug
            .field("credentials_set", &credentials)
            .field("server_variables", &self.server_variables)
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
            .field("unstable_operations", &self.unstable_operations)
            .field("interceptors", &self.interceptors.len());
        #[cfg(feature = "test-util")]
        debug.field("mock", &self.mock.is_some());
        debug.finish()
    }
}

impl Default for Configuration {
    /// The defaults, without reading the environment: no credentials, the spec's default
    /// servers, a 60 s timeout, 3 retries, a 32 MiB body limit, and the system proxy settings
    /// honoured.
    fn default() -> Self {
        Self {
            credentials: BTreeMap::new(),
            server_variables: BTreeMap::new(),
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
            unstable_operations: UnstableOperations::None,
            interceptors: Vec::new(),
            #[cfg(feature = "test-util")]
            mock: None,
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

impl Configuration {
    /// Starts from the defaults and reads the environment variables the spec names for its
    /// credentials and server variables (`x-env-name`). Unset and empty variables are ignored.
    pub fn new() -> Self {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`Configuration::new`], but reads variables through `lookup` instead of the
    /// process environment (useful for tests and for other sources of settings).
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let read = |name: &str| lookup(name).filter(|value| !value.is_empty());
        let mut configuration = Self::default();
        for setting in SETTINGS {
            let Some(value) = setting.env_var.and_then(read) else {
                continue;
            };
            configuration = match setting.kind {
                SettingKind::ApiKey | SettingKind::Token => {
                    configuration.with_credential(setting.name, value)
                }
                SettingKind::ServerVariable(variable) => {
                    configuration.with_server_variable(variable, value)
                }
                // A user name and password do not fit in one variable; they are set in code.
                SettingKind::Basic => configuration,
            };
        }
        configuration
    }

    /// Sets the credential (an API key or a token) of the setting `name`, one of the spec's
    /// settings; the generated `with_<name>` methods call this.
    pub fn with_credential(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.credentials
            .insert(name, Credential::Secret(Secret::new(value)));
        self
    }

    /// Sets the user name and password of the basic-authentication setting `name`.
    pub fn with_basic_credential(
        mut self,
        name: &'static str,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.credentials.insert(
            name,
            Credential::Basic {
                username: username.into(),
                password: Secret::new(password),
            },
        );
        self
    }

    /// Returns the credential (an API key or a token) of the setting `name`, if it is set.
    pub fn credential(&self, name: &str) -> Option<&Secret> {
        match self.credentials.get(name) {
            Some(Credential::Secret(secret)) => Some(secret),
            _ => None,
        }
    }

    /// Returns the user name and password of the basic-authentication setting `name`, if set.
    pub fn basic_credential(&self, name: &str) -> Option<(&str, &Secret)> {
        match self.credentials.get(name) {
            Some(Credential::Basic { username, password }) => Some((username, password)),
            _ => None,
        }
    }

    pub(crate) fn credential_value(&self, name: &str) -> Option<&Credential> {
        self.credentials
            .get(name)
            .filter(|credential| match credential {
                Credential::Secret(secret) => !secret.is_empty(),
                Credential::Basic { username, .. } => !username.is_empty(),
            })
    }

    /// Sets the value of the server variable `variable` (for example `site`) in every server
    /// that has it; the generated `with_<variable>` methods call this. A value the spec does not
    /// allow is reported by the first call.
    pub fn with_server_variable(
        mut self,
        variable: &'static str,
        value: impl Into<String>,
    ) -> Self {
        self.server_variables.insert(variable, value.into());
        self
    }

    /// Returns the value set for the server variable `variable`, if any.
    pub fn server_variable(&self, variable: &str) -> Option<&str> {
        self.server_variables.get(variable).map(String::as_str)
    }

    /// Sends requests to this URL instead of the spec's servers, for example
    /// `http://127.0.0.1:8080` for a test server or `https://proxy.example/prefix`.
    /// It takes precedence over the servers and their variables, for every operation.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Allows calling the unstable operation `operation_id` (as the spec names it, for example
    /// `ListFleetAgents`). Unstable operations may change or go away; until allowed, a call
    /// fails with a configuration error for `unstable_operations` and nothing is sent.
    pub fn with_unstable_operation(mut self, operation_id: impl Into<String>) -> Self {
        match &mut self.unstable_operations {
            UnstableOperations::All => {}
            UnstableOperations::Some(set) => {
                set.insert(operation_id.into());
            }
            UnstableOperations::None => {
                self.unstable_operations =
                    UnstableOperations::Some(BTreeSet::from([operation_id.into()]))
            }
        }
        self
    }

    /// Allows calling every unstable operation.
    pub fn with_all_unstable_operations(mut self) -> Self {
        self.unstable_operations = UnstableOperations::All;
        self
    }

    /// Returns `true` when the unstable operation `operation_id` may be called.
    pub fn is_unstable_operation_enabled(&self, operation_id: &str) -> bool {
        match &self.unstable_operations {
            UnstableOperations::All => true,
            UnstableOperations::Some(set) => set.contains(operation_id),
            UnstableOperations::None => false,
        }
    }

    /// Adds a hook that runs around every attempt of every request: see [`Interceptor`].
    /// Hooks run in the order they were added.
    pub fn with_interceptor(mut self, interceptor: impl Interceptor) -> Self {
        self.interceptors.push(Arc::new(interceptor));
        self
    }

    pub(crate) fn interceptors(&self) -> &[Arc<dyn Interceptor>] {
        &self.interceptors
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

    /// Sets the longest wait before retrying a 429 (60 s by default). When the rate-limit
    /// headers ask for longer, the 429 is returned instead of waiting.
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
    /// `<package>-rust/<version> (rust <version>; os <os>; arch <arch>)`).
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

    #[cfg(feature = "test-util")]
    pub(crate) fn with_mock(mut self, mock: crate::test_util::MockServer) -> Self {
        self.mock = Some(mock);
        self
    }

    #[cfg(feature = "test-util")]
    pub(crate) fn mock(&self) -> Option<&crate::test_util::MockServer> {
        self.mock.as_ref()
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

    /// Returns the URL that operation paths are appended to, without a trailing slash: the
    /// custom base URL when one is set, otherwise the first of the spec's servers with its
    /// variables filled in (an operation with servers of its own uses those instead).
    ///
    /// The error names the setting at fault (`base_url`, or the server variable).
    pub fn base_url(&self) -> Result<String, Error> {
        self.resolve_servers(SERVERS)
            .map_err(|problem| problem.to_error())
    }

    /// The base URL for an operation sent to `servers`: the custom base URL, else the first
    /// server with its variables filled in from the settings or their defaults.
    pub(crate) fn resolve_servers(
        &self,
        servers: &'static [Server],
    ) -> Result<String, ConfigurationProblem> {
        if let Some(base_url) = &self.base_url {
            return validate_base_url(base_url);
        }
        let Some(server) = servers.first() else {
            return Err(ConfigurationProblem::new(
                "base_url",
                "the spec lists no server for this operation; call Configuration::with_base_url",
            ));
        };
        let mut url = server.url.to_owned();
        for variable in server.variables {
            let value = match self.server_variables.get(variable.name) {
                Some(value) => value.as_str(),
                None => variable.default,
            };
            if !variable.allowed.is_empty() && !variable.allowed.contains(&value) {
                return Err(ConfigurationProblem::new(
                    setting_of_variable(variable.name),
                    format!(
                        "unknown {} {value:?}; expected one of {}, or call Configuration::with_base_url for another server",
                        variable.name,
                        variable.allowed.join(", ")
                    ),
                ));
            }
            url = url.replace(&format!("{{{}}}", variable.name), value);
        }
        validate_base_url(&url)
    }

    /// Returns every secret this configuration holds, in each form it may take in a request
    /// or in a server's echo of one: the credentials (a basic password also as its base64
    /// header form), and the user information of the proxy and base URLs (see [`url_secrets`]).
    pub(crate) fn secrets(&self) -> Vec<String> {
        let mut secrets = Vec::new();
        for credential in self.credentials.values() {
            match credential {
                Credential::Secret(secret) => secrets.push(secret.expose().to_owned()),
                Credential::Basic { username, password } => {
                    secrets.push(password.expose().to_owned());
                    secrets.push(
                        base64::engine::general_purpose::STANDARD
                            .encode(format!("{username}:{}", password.expose())),
                    );
                }
            }
        }
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

/// The name of the setting that holds a server variable, for errors.
fn setting_of_variable(variable: &str) -> &'static str {
    SETTINGS
        .iter()
        .find(
            |setting| matches!(setting.kind, SettingKind::ServerVariable(name) if name == variable),
        )
        .map_or("base_url", |setting| setting.name)
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

/// Returns `<package>-rust/<version> (rust <version>; os <os>; arch <arch>)`, for example
/// `datadog-client-rust/0.1.0 (rust 1.95.0; os linux; arch x86_64)`.
pub fn default_user_agent() -> String {
    format!(
        "{}-rust/{} (rust {}; os {}; arch {})",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION"),
        env!("CLIENT_RUSTC_VERSION"),
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
