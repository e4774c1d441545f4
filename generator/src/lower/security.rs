//! Security schemes (API keys in a header, the query or a cookie; HTTP basic and bearer; OAuth2 and
//! OpenID Connect as bearer tokens) and the `Configuration` settings the spec defines.
//!
//! Each credential gets a setting, named by this rule:
//! - an OAuth2 or OpenID Connect scheme is `access_token` when the spec has only one such scheme;
//! - otherwise the setting is the scheme's name in snake case, without a trailing `_auth`
//!   (`apiKeyAuth` is `api_key`, `bearerAuth` is `bearer`, `petstore_auth` is `petstore`);
//! - schemes that name the same `x-env-name`, or that name another with `x-auth-id-alias`, share
//!   the other's setting (an API key accepted in a header or in the query is one key);
//! - a name that is taken (by another setting or by one of `Configuration`'s own methods) gets the
//!   suffix `_credential`, then a number.
//!
//! Each variable of a server the operations use gets a setting named after it in snake case
//! (`site`), read from the environment when the variable has `x-env-name`.

use std::collections::BTreeMap;

use super::Lowerer;
use super::docs::optional_doc_lines;
use super::servers::ServerRegistry;
use super::view::Node;
use crate::diagnostics::{DiagnosticKind, Pointer};
use crate::ir::{self, ApiKeyLocation, SecuritySchemeKind, SettingKind};
use crate::naming;

/// Names `Configuration` uses for its own settings, which a spec-defined setting must not take.
const CONFIGURATION_SETTINGS: &[&str] = &[
    "base_url",
    "timeout",
    "max_retries",
    "max_rate_limit_wait",
    "retry_backoff",
    "user_agent",
    "proxy",
    "no_proxy",
    "max_response_body_size",
    "credential",
    "server_variable",
    "unstable_operation",
    "unstable_operations",
    "interceptor",
    "new",
    "default",
    "from_env_with",
];

/// The security schemes, with the settings that hold their credentials.
pub(crate) struct Schemes {
    pub(crate) schemes: Vec<ir::SecurityScheme>,
    /// The credential settings, in the order of the schemes that define them.
    credentials: Vec<Credential>,
}

impl Schemes {
    /// Whether the spec defines a scheme of this name.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.schemes.iter().any(|scheme| scheme.wire_name == name)
    }
}

/// One credential setting and the schemes that use it.
struct Credential {
    setting: String,
    kind: CredentialKind,
    env_var: Option<String>,
    docs: Vec<String>,
    schemes: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CredentialKind {
    ApiKey,
    Token,
    Basic,
}

/// A scheme as read, before its setting is chosen.
struct ReadScheme {
    name: String,
    kind: SecuritySchemeKind,
    credential: Option<CredentialKind>,
    env_var: Option<String>,
    /// The scheme whose credential this one shares (`x-auth-id-alias`).
    alias: Option<String>,
    /// The setting name the rule gives.
    wanted: String,
    docs: Vec<String>,
}

/// Reads the security schemes of the spec.
pub(crate) fn lower_security(lowerer: &mut Lowerer<'_>) -> Schemes {
    let components = Pointer::root().child("components");
    let Some(section) = components
        .resolve(&lowerer.spec.raw)
        .map(|value| Node::new(components.clone(), value))
    else {
        return Schemes {
            schemes: Vec::new(),
            credentials: Vec::new(),
        };
    };
    let entries = section.entries("securitySchemes");
    let token_schemes = entries
        .iter()
        .filter(|(_, node)| matches!(node.str("type"), Some("oauth2" | "openIdConnect")))
        .count();
    let mut read: Vec<ReadScheme> = Vec::new();
    for (name, node) in entries {
        let Some(node) = lowerer.follow(node, super::refs::Target::SecurityScheme) else {
            continue;
        };
        let Some((kind, credential)) = scheme_kind(lowerer, &node) else {
            continue;
        };
        let is_token_scheme = matches!(node.str("type"), Some("oauth2" | "openIdConnect"));
        read.push(ReadScheme {
            name: name.to_string(),
            kind,
            credential,
            env_var: node.str("x-env-name").map(str::to_string),
            alias: node.str("x-auth-id-alias").map(str::to_string),
            wanted: if is_token_scheme && token_schemes == 1 {
                "access_token".to_string()
            } else {
                setting_base(name)
            },
            docs: optional_doc_lines(node.description()),
        });
    }
    // Schemes that alias another come last, so that the scheme they alias has its setting.
    read.sort_by_key(|scheme| scheme.alias.is_some());
    let mut credentials: Vec<Credential> = Vec::new();
    let mut setting_of: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: Vec<String> = CONFIGURATION_SETTINGS
        .iter()
        .map(|name| name.to_string())
        .collect();
    for scheme in &read {
        let Some(kind) = scheme.credential else {
            continue;
        };
        let shared = scheme
            .alias
            .as_ref()
            .and_then(|alias| setting_of.get(alias).cloned())
            .or_else(|| {
                let env_var = scheme.env_var.as_ref()?;
                credentials
                    .iter()
                    .find(|credential| {
                        credential.kind == kind && credential.env_var.as_ref() == Some(env_var)
                    })
                    .map(|credential| credential.setting.clone())
            });
        let setting = match shared {
            Some(setting) => setting,
            None => {
                let setting = if taken.contains(&scheme.wanted) {
                    naming::unique(format!("{}_credential", scheme.wanted), &taken)
                } else {
                    scheme.wanted.clone()
                };
                taken.push(setting.clone());
                credentials.push(Credential {
                    setting: setting.clone(),
                    kind,
                    env_var: scheme.env_var.clone(),
                    docs: scheme.docs.clone(),
                    schemes: Vec::new(),
                });
                setting
            }
        };
        if let Some(credential) = credentials
            .iter_mut()
            .find(|credential| credential.setting == setting)
        {
            credential.schemes.push(scheme.name.clone());
        }
        setting_of.insert(scheme.name.clone(), setting);
    }
    let mut schemes: Vec<ir::SecurityScheme> = read
        .into_iter()
        .map(|scheme| ir::SecurityScheme {
            setting: setting_of.get(&scheme.name).cloned().unwrap_or_default(),
            wire_name: scheme.name,
            kind: scheme.kind,
            docs: scheme.docs,
        })
        .collect();
    schemes.sort_by(|left, right| left.wire_name.cmp(&right.wire_name));
    Schemes {
        schemes,
        credentials,
    }
}

/// How a scheme sends its credential, and which kind of credential it is (`None` for schemes this
/// client cannot apply).
fn scheme_kind(
    lowerer: &mut Lowerer<'_>,
    node: &Node<'_>,
) -> Option<(SecuritySchemeKind, Option<CredentialKind>)> {
    Some(match node.str("type") {
        Some("apiKey") => {
            let location = match node.str("in") {
                Some("header") => ApiKeyLocation::Header,
                Some("query") => ApiKeyLocation::Query,
                Some("cookie") => ApiKeyLocation::Cookie,
                other => {
                    lowerer.report(
                        &node.pointer.child("in"),
                        DiagnosticKind::Shape,
                        format!("an API key must be `in` header, query or cookie, not {other:?}"),
                    );
                    return None;
                }
            };
            let Some(key_name) = node.str("name") else {
                lowerer.report(
                    &node.pointer,
                    DiagnosticKind::Shape,
                    "an API key scheme needs a `name`",
                );
                return None;
            };
            (
                SecuritySchemeKind::ApiKey {
                    location,
                    name: key_name.to_string(),
                },
                Some(CredentialKind::ApiKey),
            )
        }
        Some("http") => match node.str("scheme").map(str::to_ascii_lowercase).as_deref() {
            Some("basic") => (SecuritySchemeKind::Basic, Some(CredentialKind::Basic)),
            Some("bearer") => (SecuritySchemeKind::Bearer, Some(CredentialKind::Token)),
            other => (
                SecuritySchemeKind::Unsupported {
                    description: format!("HTTP `{}` authentication", other.unwrap_or("?")),
                },
                None,
            ),
        },
        Some("oauth2" | "openIdConnect") => {
            (SecuritySchemeKind::Bearer, Some(CredentialKind::Token))
        }
        other => (
            SecuritySchemeKind::Unsupported {
                description: format!("a `{}` scheme", other.unwrap_or("?")),
            },
            None,
        ),
    })
}

/// The snake-case name of a scheme without a trailing `_auth`: `apiKeyAuth` is `api_key`.
fn setting_base(scheme_name: &str) -> String {
    let snake = naming::snake_case(scheme_name);
    let trimmed = snake.trim_end_matches('_');
    let base = trimmed.strip_suffix("_auth").unwrap_or(trimmed);
    let base = if base == "auth" { trimmed } else { base };
    naming::snake_case(base)
}

/// The settings of the spec: one per credential, then one per server variable.
pub(crate) fn settings(schemes: &Schemes, servers: &ServerRegistry) -> Vec<ir::Setting> {
    let mut settings: Vec<ir::Setting> = Vec::new();
    for credential in &schemes.credentials {
        let names = credential.schemes.clone();
        let kind = match credential.kind {
            CredentialKind::ApiKey => SettingKind::ApiKey { schemes: names },
            CredentialKind::Token => SettingKind::Token { schemes: names },
            CredentialKind::Basic => SettingKind::Basic { schemes: names },
        };
        let usage = credential
            .schemes
            .iter()
            .filter_map(|name| {
                schemes
                    .schemes
                    .iter()
                    .find(|scheme| &scheme.wire_name == name)
            })
            .map(|scheme| {
                let how = match &scheme.kind {
                    SecuritySchemeKind::ApiKey {
                        location: ApiKeyLocation::Header,
                        name,
                    } => format!("in the `{name}` header"),
                    SecuritySchemeKind::ApiKey {
                        location: ApiKeyLocation::Query,
                        name,
                    } => format!("as the `{name}` query parameter"),
                    SecuritySchemeKind::ApiKey {
                        location: ApiKeyLocation::Cookie,
                        name,
                    } => format!("as the `{name}` cookie"),
                    SecuritySchemeKind::Basic => "as HTTP basic authentication".to_string(),
                    SecuritySchemeKind::Bearer => "as `Authorization: Bearer <token>`".to_string(),
                    SecuritySchemeKind::Unsupported { description } => description.clone(),
                };
                format!("{how} (security scheme `{}`)", scheme.wire_name)
            })
            .collect();
        settings.push(ir::Setting {
            name: credential.setting.clone(),
            kind,
            env_var: credential.env_var.clone(),
            docs: credential.docs.clone(),
            usage,
        });
    }
    let mut taken: Vec<String> = CONFIGURATION_SETTINGS
        .iter()
        .map(|name| name.to_string())
        .collect();
    taken.extend(settings.iter().map(|setting| setting.name.clone()));
    for variable in servers.variables() {
        let base = naming::snake_case(&variable.name);
        let name = if taken.contains(&base) {
            naming::unique(format!("{base}_variable"), &taken)
        } else {
            base
        };
        taken.push(name.clone());
        settings.push(ir::Setting {
            name,
            kind: SettingKind::ServerVariable {
                variable: variable.name.clone(),
                default: variable.default.clone(),
                allowed: variable.allowed.clone(),
            },
            env_var: variable.env_var.clone(),
            docs: variable.docs.clone(),
            usage: Vec::new(),
        });
    }
    settings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_names_drop_a_trailing_auth() {
        for (scheme, expected) in [
            ("apiKeyAuth", "api_key"),
            ("appKeyAuth", "app_key"),
            ("api_key", "api_key"),
            ("bearerAuth", "bearer"),
            ("petstore_auth", "petstore"),
            ("AuthZ", "auth_z"),
            ("auth", "auth"),
        ] {
            assert_eq!(setting_base(scheme), expected, "{scheme}");
        }
    }
}
