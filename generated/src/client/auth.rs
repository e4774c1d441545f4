//! Credentials: what each security scheme adds to a request (a header, a query parameter or a cookie), prepared once per client, and the choice of an operation's security alternative.

use base64::Engine;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{self, HeaderName, HeaderValue};

use super::{ApiKeyLocation, Operation, SchemeKind, SecurityScheme};
use crate::configuration::{Configuration, ConfigurationProblem, Credential, SettingKind};
use crate::error::Error;
use crate::settings::SETTINGS;

/// What one scheme adds to a request.
#[derive(Clone)]
enum Addition {
    Header(HeaderName, HeaderValue),
    /// An encoded `name=value` query piece.
    Query(String),
    /// A `name=value` cookie.
    Cookie(String),
    /// Nothing: a scheme this client cannot apply, left to a hook.
    Nothing,
}

/// The credential of one security scheme, prepared once when the client is built.
pub(super) struct PreparedCredential {
    scheme: &'static str,
    setting: &'static str,
    /// The addition, `None` when the credential is not set, or why it cannot be sent.
    addition: Result<Option<Addition>, ConfigurationProblem>,
}

/// What the chosen security alternative adds to a request.
#[derive(Default)]
pub(super) struct Credentials {
    pub(super) headers: Vec<(HeaderName, HeaderValue)>,
    pub(super) query: Vec<String>,
    pub(super) cookies: Vec<String>,
}

/// Prepares what `scheme` adds, from the configuration; a value that cannot be sent is kept as a
/// problem for the first call that needs it.
pub(super) fn prepare_credential(
    configuration: &Configuration,
    scheme: &'static SecurityScheme,
) -> PreparedCredential {
    let setting = scheme.setting;
    let invalid_value = || {
        ConfigurationProblem::new(
            setting,
            format!(
                "the {setting} must be printable ASCII without spaces (check for spaces, newlines or non-ASCII characters)"
            ),
        )
    };
    let sensitive = |mut value: HeaderValue| {
        value.set_sensitive(true);
        value
    };
    let addition = match (scheme.kind, configuration.credential_value(setting)) {
        (SchemeKind::Unsupported(_), _) => Ok(Some(Addition::Nothing)),
        (_, None) => Ok(None),
        (SchemeKind::ApiKey { location, name }, Some(Credential::Secret(secret))) => {
            // Keys and tokens are printable ASCII without spaces; anything else is a copy-paste
            // mistake (a trailing newline, a space, a smart quote) that the server would reject.
            let value = secret.expose();
            if !value.bytes().all(|byte| byte.is_ascii_graphic()) {
                Err(invalid_value())
            } else {
                match location {
                    ApiKeyLocation::Header => HeaderName::from_bytes(name.as_bytes())
                        .map_err(|_| {
                            ConfigurationProblem::new(
                                setting,
                                format!(
                                    "security scheme {} names an invalid header {name:?}",
                                    scheme.name
                                ),
                            )
                        })
                        .and_then(|header_name| {
                            HeaderValue::from_str(value)
                                .map(|header_value| {
                                    Some(Addition::Header(header_name, sensitive(header_value)))
                                })
                                .map_err(|_| invalid_value())
                        }),
                    ApiKeyLocation::Query => Ok(Some(Addition::Query(format!(
                        "{}={}",
                        utf8_percent_encode(name, NON_ALPHANUMERIC),
                        utf8_percent_encode(value, NON_ALPHANUMERIC)
                    )))),
                    ApiKeyLocation::Cookie if value.contains([';', ',', '"', '\\']) => {
                        Err(invalid_value())
                    }
                    ApiKeyLocation::Cookie => Ok(Some(Addition::Cookie(format!("{name}={value}")))),
                }
            }
        }
        (SchemeKind::Bearer, Some(Credential::Secret(secret))) => {
            if !secret.expose().bytes().all(|byte| byte.is_ascii_graphic()) {
                Err(invalid_value())
            } else {
                HeaderValue::from_str(&format!("Bearer {}", secret.expose()))
                    .map(|value| Some(Addition::Header(header::AUTHORIZATION, sensitive(value))))
                    .map_err(|_| invalid_value())
            }
        }
        (SchemeKind::Basic, Some(Credential::Basic { username, password })) => {
            let encoded = base64::engine::general_purpose::STANDARD
                .encode(format!("{username}:{}", password.expose()));
            HeaderValue::from_str(&format!("Basic {encoded}"))
                .map(|value| Some(Addition::Header(header::AUTHORIZATION, sensitive(value))))
                .map_err(|_| invalid_value())
        }
        (_, Some(_)) => Err(ConfigurationProblem::new(
            setting,
            format!(
                "security scheme {} needs a different kind of credential than the one set for {setting}",
                scheme.name
            ),
        )),
    };
    PreparedCredential {
        scheme: scheme.name,
        setting,
        addition,
    }
}

/// Picks the first alternative of the operation's security whose credentials are all set, and
/// returns what it adds.
///
/// When none is complete, the error names the first missing setting and lists, for every
/// alternative, what would satisfy it.
pub(super) fn authenticate(
    credentials: &[PreparedCredential],
    operation: &Operation,
) -> Result<Credentials, Error> {
    if operation.security.is_empty() {
        return Ok(Credentials::default());
    }
    let mut missing_by_alternative: Vec<Vec<&PreparedCredential>> = Vec::new();
    for requirement in operation.security {
        let mut chosen = Credentials::default();
        let mut missing = Vec::new();
        for scheme_name in requirement.iter() {
            let Some(credential) = credentials
                .iter()
                .find(|credential| credential.scheme == *scheme_name)
            else {
                return Err(Error::configuration(
                    "security",
                    format!(
                        "{} needs security scheme {scheme_name}, which the spec does not declare",
                        operation.id
                    ),
                ));
            };
            match &credential.addition {
                Ok(Some(Addition::Header(name, value))) => {
                    chosen.headers.push((name.clone(), value.clone()))
                }
                Ok(Some(Addition::Query(piece))) => chosen.query.push(piece.clone()),
                Ok(Some(Addition::Cookie(cookie))) => chosen.cookies.push(cookie.clone()),
                Ok(Some(Addition::Nothing)) => {}
                Ok(None) => missing.push(credential),
                Err(problem) => return Err(problem.to_error()),
            }
        }
        if missing.is_empty() {
            return Ok(chosen);
        }
        missing_by_alternative.push(missing);
    }
    let Some(first_missing) = missing_by_alternative
        .first()
        .and_then(|missing| missing.first())
    else {
        return Ok(Credentials::default());
    };
    let mut remedies: Vec<String> = Vec::new();
    for missing in &missing_by_alternative {
        let remedy = describe_remedy(missing);
        if !remedies.contains(&remedy) {
            remedies.push(remedy);
        }
    }
    Err(Error::configuration(
        first_missing.setting,
        format!(
            "{} needs credentials that are not set: {}",
            operation.id,
            remedies.join(", or ")
        ),
    ))
}

/// Says how to provide the credentials one alternative lacks, for example
/// `set DD_API_KEY and DD_APP_KEY (Configuration::with_api_key, with_app_key)` or
/// `an access token (Configuration::with_access_token)`.
fn describe_remedy(missing: &[&PreparedCredential]) -> String {
    let mut env_vars = Vec::new();
    let mut env_methods = Vec::new();
    let mut parts = Vec::new();
    for credential in missing {
        let setting = SETTINGS
            .iter()
            .find(|setting| setting.name == credential.setting);
        let kind = setting.map(|setting| setting.kind);
        match setting.and_then(|setting| {
            setting
                .env_var
                .filter(|_| setting.kind != SettingKind::Basic)
        }) {
            Some(env_var) => {
                env_vars.push(env_var);
                env_methods.push(format!("with_{}", credential.setting));
            }
            None => parts.push(format!(
                "{} (Configuration::with_{})",
                noun(credential.setting, kind),
                credential.setting
            )),
        }
    }
    if !env_vars.is_empty() {
        parts.insert(
            0,
            format!(
                "set {} (Configuration::{})",
                join_with_and(&env_vars),
                env_methods.join(", ")
            ),
        );
    }
    join_with_and(&parts)
}

/// What a setting holds, in words: `access_token` is `an access token`, `basic` is
/// `a basic user name and password`.
fn noun(setting: &str, kind: Option<SettingKind>) -> String {
    let words = setting.replace('_', " ");
    let words = match kind {
        Some(SettingKind::Token) if !words.ends_with("token") => format!("{words} token"),
        Some(SettingKind::Basic) => format!("{words} user name and password"),
        _ => words,
    };
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {words}")
}

/// Joins `a`, `a and b`, `a, b and c`.
fn join_with_and<T: AsRef<str>>(items: &[T]) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::join_with_and;

    #[test]
    fn lists_are_joined_with_commas_and_a_final_and() {
        assert_eq!(join_with_and::<&str>(&[]), "");
        assert_eq!(join_with_and(&["a"]), "a");
        assert_eq!(join_with_and(&["a", "b"]), "a and b");
        assert_eq!(join_with_and(&["a", "b", "c"]), "a, b and c");
    }
}
