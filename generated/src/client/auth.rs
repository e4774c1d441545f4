//! Credentials: the header each security scheme adds, prepared once per client, and the choice of an operation's security alternative.

use reqwest::header::{self, HeaderName, HeaderValue};

use super::{Operation, SecurityScheme, SecuritySchemeLocation};
use crate::configuration::{Configuration, ConfigurationProblem, CredentialSource};
use crate::error::Error;

/// The header one security scheme adds, prepared once when the client is built.
pub(super) struct PreparedCredential {
    scheme: &'static str,
    header: Result<Option<(HeaderName, HeaderValue)>, ConfigurationProblem>,
    setting: &'static str,
    source: CredentialSource,
}

/// Prepares the header of `scheme` from the configuration; a value that cannot be a header
/// is kept as a problem for the first call that needs it.
pub(super) fn prepare_credential(
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
        source: credential.source,
    }
}

/// Picks the first alternative of the operation's security whose credentials are all set,
/// and returns its headers.
///
/// When none is complete, the error names the first missing setting and lists, for every
/// alternative, what is missing from it.
pub(super) fn authenticate(
    credentials: &[PreparedCredential],
    operation: &Operation,
) -> Result<Vec<(HeaderName, HeaderValue)>, Error> {
    if operation.security.is_empty() {
        return Ok(Vec::new());
    }
    let mut missing_by_alternative: Vec<Vec<&PreparedCredential>> = Vec::new();
    for requirement in operation.security {
        let mut headers = Vec::with_capacity(requirement.len());
        let mut missing = Vec::new();
        for scheme_name in requirement.iter() {
            let credential = credentials
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
                Ok(None) => missing.push(credential),
                Err(problem) => return Err(problem.to_error()),
            }
        }
        if missing.is_empty() {
            return Ok(headers);
        }
        missing_by_alternative.push(missing);
    }
    let Some(first_missing) = missing_by_alternative
        .first()
        .and_then(|missing| missing.first())
    else {
        return Ok(Vec::new());
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
        match &credential.source {
            CredentialSource::EnvironmentOrBuilder {
                env_var,
                builder_method,
            } => {
                env_vars.push(*env_var);
                env_methods.push(*builder_method);
            }
            CredentialSource::Builder {
                noun,
                builder_method,
            } => parts.push(format!("{noun} (Configuration::{builder_method})")),
            CredentialSource::Unsupported { scheme } => parts.push(format!(
                "a credential for security scheme {scheme}, which this client has no setting for"
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
