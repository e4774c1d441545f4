//! Package-level settings: cargo features, servers, security schemes and `Configuration` settings.

use serde::{Deserialize, Serialize};

/// One cargo feature of the generated crate.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Feature {
    /// The feature name, for example `org-connections`.
    pub name: String,
    /// The API module it compiles.
    pub api_module: String,
}

/// The server lists of the spec.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Servers {
    /// The document's servers, in spec order (the first is the default).
    pub default: Vec<Server>,
    /// The other server lists (of path items and operations), each under its own name.
    pub overrides: Vec<ServerList>,
}

/// A named server list of a path item or an operation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ServerList {
    /// The name of the `static`, for example `SERVERS_SUBMIT_LOG`.
    pub static_name: String,
    /// The servers, in spec order.
    pub servers: Vec<Server>,
}

/// One server URL template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Server {
    /// The URL template, for example `https://{subdomain}.{site}`.
    pub url: String,
    /// The description.
    pub description: String,
    /// The template variables, sorted by name.
    pub variables: Vec<ServerVariable>,
}

/// One variable of a server URL template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServerVariable {
    /// The variable name.
    pub name: String,
    /// The default value.
    pub default: String,
    /// The allowed values; empty when any value is allowed.
    pub allowed: Vec<String>,
}

/// One security scheme.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SecurityScheme {
    /// The scheme name as the spec writes it, for example `apiKeyAuth`.
    pub wire_name: String,
    /// How the credential is sent.
    pub kind: SecuritySchemeKind,
    /// The `Configuration` setting that holds the credential.
    pub setting: String,
    /// Documentation lines.
    pub docs: Vec<String>,
}

/// How a security scheme sends its credential.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SecuritySchemeKind {
    /// An API key in a header, the query or a cookie.
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// The header, query parameter or cookie name.
        name: String,
    },
    /// HTTP basic authentication.
    Basic,
    /// A bearer token (HTTP bearer, OAuth2 or OpenID Connect).
    Bearer,
    /// A scheme this client cannot apply (for example HTTP digest); an operation that needs only
    /// it is sent without credentials, for a hook to sign.
    Unsupported {
        /// What the scheme is.
        description: String,
    },
}

/// Where an API key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// A `Configuration` setting the spec defines: a credential or a server variable.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Setting {
    /// The setting's name: `with_<name>` sets it and `<name>()` reads it, for example `api_key`.
    pub name: String,
    /// What kind of value it holds.
    pub kind: SettingKind,
    /// The environment variable `Configuration::new` reads it from, from `x-env-name`.
    pub env_var: Option<String>,
    /// Documentation lines for the setter, from the spec.
    pub docs: Vec<String>,
    /// How each scheme that uses the credential sends it, as Markdown fragments such as
    /// ``in the `DD-API-KEY` header (security scheme `apiKeyAuth`)``.
    pub usage: Vec<String>,
}

/// What a setting holds.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SettingKind {
    /// An API key, for the listed schemes.
    ApiKey {
        /// The schemes that use it.
        schemes: Vec<String>,
    },
    /// A bearer token, for the listed schemes.
    Token {
        /// The schemes that use it.
        schemes: Vec<String>,
    },
    /// A user name and password, for the listed schemes.
    Basic {
        /// The schemes that use it.
        schemes: Vec<String>,
    },
    /// A server variable, by name, with its default and allowed values (from the first server
    /// that declares it).
    ServerVariable {
        /// The variable name.
        variable: String,
        /// The default value.
        default: String,
        /// The allowed values; empty when any value is allowed.
        allowed: Vec<String>,
    },
}
