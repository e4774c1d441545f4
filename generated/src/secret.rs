//! A string that must not be printed: API keys, tokens, passwords and other `format: password` fields.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A secret string.
///
/// `Debug` prints a placeholder, so a secret never reaches a log through `{:?}`; the type has
/// no `Display`. Serialization writes the real value, so a request body still carries it.
/// Read the value with [`Secret::expose`].
///
/// ```
/// use datadog_client::Secret;
///
/// let secret = Secret::new("hunter2");
/// assert_eq!(format!("{secret:?}"), "Secret(\"<redacted>\")");
/// assert_eq!(secret.expose(), "hunter2");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Returns the real value.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Returns `true` when the value is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Unwraps the real value.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("Secret(\"<redacted>\")")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

/// The placeholder that replaces a secret in text shown to people.
pub(crate) const REDACTED: &str = "<redacted>";

/// Secrets shorter than this are not redacted: matching one or two characters would garble
/// ordinary words, and a value that short protects nothing. Datadog's keys and tokens are
/// 32 characters or more.
pub(crate) const MIN_REDACTED_LENGTH: usize = 4;

/// The configured secrets (credentials, proxy and base URL passwords), to redact them from
/// text a server sent before it is shown.
///
/// Clones share one list, so errors and responses carry it for the cost of an `Arc`.
#[derive(Clone, Default)]
pub(crate) struct SecretRedactor {
    /// Longest first, so that a secret containing another is replaced whole.
    secrets: Arc<[Secret]>,
}

impl SecretRedactor {
    /// Collects `secrets`, dropping duplicates and values shorter than [`MIN_REDACTED_LENGTH`].
    pub(crate) fn new(secrets: impl IntoIterator<Item = String>) -> Self {
        let mut secrets: Vec<String> = secrets
            .into_iter()
            .filter(|secret| secret.chars().count() >= MIN_REDACTED_LENGTH)
            .collect();
        secrets.sort_by(|left, right| right.len().cmp(&left.len()).then_with(|| left.cmp(right)));
        secrets.dedup();
        Self {
            secrets: secrets.into_iter().map(Secret::new).collect(),
        }
    }

    /// Returns the length in bytes of the secret that starts `text`, if one does.
    pub(crate) fn secret_at_start(&self, text: &str) -> Option<usize> {
        self.secrets
            .iter()
            .find(|secret| text.starts_with(secret.expose()))
            .map(|secret| secret.expose().len())
    }
}

impl fmt::Debug for SecretRedactor {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("SecretRedactor")
            .field("secrets", &self.secrets.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::SecretRedactor;

    #[test]
    fn the_redactor_keeps_long_enough_secrets_longest_first_and_finds_them_at_the_start() {
        let redactor = SecretRedactor::new([
            String::from("abc"),
            String::from("secret"),
            String::from("secret-longer"),
            String::from("secret"),
        ]);
        assert_eq!(format!("{redactor:?}"), "SecretRedactor { secrets: 2 }");
        assert_eq!(redactor.secret_at_start("secret-longer and more"), Some(13));
        assert_eq!(redactor.secret_at_start("secret-long"), Some(6));
        assert_eq!(redactor.secret_at_start("abc"), None);
        assert_eq!(redactor.secret_at_start(""), None);
    }
}
