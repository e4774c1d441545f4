//! Request URLs: percent-encoding of path segments and query names, joining them to the base URL, and showing URLs without their passwords.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::Error;
use crate::secret::REDACTED;

/// Characters left as they are in a path segment: RFC 3986's unreserved characters.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment: `a b/c` becomes `a%20b%2Fc`.
///
/// ```
/// assert_eq!(datadog_client::client::encode_path_segment("a b/c"), "a%20b%2Fc");
/// ```
pub fn encode_path_segment(value: &str) -> String {
    utf8_percent_encode(value, PATH_SEGMENT).to_string()
}

/// Joins the base URL, an encoded path and encoded `name=value` query pieces into a request URL.
pub(crate) fn build_url(base_url: &str, path: &str, query: &[&str]) -> Result<reqwest::Url, Error> {
    let mut text = String::with_capacity(
        base_url.len() + path.len() + query.iter().map(|piece| piece.len() + 1).sum::<usize>(),
    );
    text.push_str(base_url);
    text.push_str(path);
    for (index, piece) in query.iter().enumerate() {
        text.push(if index == 0 { '?' } else { '&' });
        text.push_str(piece);
    }
    reqwest::Url::parse(&text).map_err(|error| {
        Error::configuration(
            "base_url",
            format!(
                "cannot build a request URL from base URL {:?}: {error}",
                redact_userinfo(base_url)
            ),
        )
    })
}

/// Returns `url` as text with its user name and password, if any, replaced by `<redacted>`:
/// `http://user:password@host/path` becomes `http://<redacted>@host/path`.
///
/// It works on text, so that a URL that does not parse is shown safely too: the user
/// information is whatever comes before the last `@` of the part after `://` (or of the
/// whole text without one) and before any `?` or `#`. It may redact more than a parser
/// would, never less.
pub(crate) fn redact_userinfo(url: &str) -> Cow<'_, str> {
    let authority_start = url.find("://").map_or(0, |index| index + 3);
    let rest = &url[authority_start..];
    let authority_end = rest.find(['?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => Cow::Owned(format!(
            "{}{REDACTED}{}",
            &url[..authority_start],
            &rest[at..]
        )),
        None => Cow::Borrowed(url),
    }
}

#[cfg(test)]
mod tests {
    use super::{build_url, redact_userinfo};

    #[test]
    fn userinfo_is_redacted_whether_or_not_the_url_parses() {
        let cases = [
            (
                "http://user:pass@host:8080/path",
                "http://<redacted>@host:8080/path",
            ),
            ("https://token@host", "https://<redacted>@host"),
            ("http://host:8080/path?q=a@b", "http://host:8080/path?q=a@b"),
            ("user:pass@127.0.0.1:8080", "<redacted>@127.0.0.1:8080"),
            ("http://us@er:p@ss@host", "http://<redacted>@host"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("not a url", "not a url"),
            ("", ""),
        ];
        for (url, expected) in cases {
            assert_eq!(redact_userinfo(url), expected, "{url}");
        }
    }

    #[test]
    fn a_request_url_joins_the_base_the_path_and_the_encoded_query() {
        let url = build_url(
            "http://127.0.0.1:1/prefix",
            "/api/v2/things",
            &["page[size]=10", "filter=a%20b%26c"],
        )
        .unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:1/prefix/api/v2/things?page[size]=10&filter=a%20b%26c"
        );
    }
}
