//! Redirects: the runtime follows a few same-origin redirects itself, and never sends credentials or a body to another origin.
//!
//! reqwest forwards every header but `Authorization` (and cookies) across hosts, so
//! `DD-API-KEY`, `DD-APPLICATION-KEY` and a 307's body would reach whatever host a redirect
//! names. The crate's HTTP clients therefore follow no redirect (`redirect::Policy::none()`),
//! and each attempt follows them here, where the decision sees the configured origin:
//!
//! - a 301, 302, 303, 307 or 308 whose `Location` resolves to the same scheme, host and
//!   port as the base URL is followed, with the credentials, up to [`MAX_REDIRECTS`] times;
//! - a redirect to another origin (another host, port or scheme, an https to http downgrade
//!   included), one past the limit, or one whose `Location` is not a valid URL is not followed:
//!   the 3xx response is returned as the final response, with a note that says why, so the
//!   operation reports it as an HTTP error with its status and headers.
//!
//! Redirects happen within one attempt: they are never retried, and a redirect loop costs
//! at most `1 + MAX_REDIRECTS` requests.

use std::time::Instant;

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION};
use reqwest::{Method, StatusCode, Url};

use super::url::redact_userinfo;
use crate::retry::PreparedRequest;

/// The most redirects followed within one attempt.
pub const MAX_REDIRECTS: u32 = 5;

/// What to do with one response.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RedirectDecision {
    /// It is not a redirect to follow (not a redirect status, or no `Location`): the final response.
    Final,
    /// Send the request again to this same-origin URL.
    Follow(Url),
    /// A redirect that is not followed, and why; the 3xx is the final response.
    NotFollowed(String),
}

/// Decides whether the runtime follows a response with `status` and `location`, received for
/// `current` after `followed` redirects, when credentials may go only to the origin of `configured`.
pub(crate) fn decide(
    configured: &Url,
    current: &Url,
    status: StatusCode,
    location: Option<&HeaderValue>,
    followed: u32,
) -> RedirectDecision {
    use RedirectDecision::{Final, Follow, NotFollowed};
    if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
        return Final;
    }
    let Some(location) = location else {
        return Final;
    };
    let Some(target) = location
        .to_str()
        .ok()
        .and_then(|location| current.join(location).ok())
    else {
        return NotFollowed(String::from(
            "redirect not followed: its Location is not a valid URL",
        ));
    };
    let configured_origin = configured.origin().ascii_serialization();
    let shown_target = redact_userinfo(target.as_str()).into_owned();
    if configured.scheme() == "https" && target.scheme() != "https" {
        return NotFollowed(format!(
            "redirect to {shown_target} not followed: it leaves https, and credentials are only sent to {configured_origin}"
        ));
    }
    if target.origin() != configured.origin() {
        return NotFollowed(format!(
            "redirect to {shown_target} not followed: credentials are only sent to {configured_origin}"
        ));
    }
    // A relative `Location` keeps the base URL's user and password; another one is refused,
    // since reqwest would send it as Basic credentials.
    if target.username() != configured.username() || target.password() != configured.password() {
        return NotFollowed(format!(
            "redirect to {shown_target} not followed: it names a user of its own"
        ));
    }
    if followed >= MAX_REDIRECTS {
        return NotFollowed(format!(
            "redirect to {shown_target} not followed: {MAX_REDIRECTS} redirects were followed already, the most allowed"
        ));
    }
    Follow(target)
}

/// Returns the method of the request that follows a redirect with `status`, and whether the
/// body goes with it: a 303 becomes a GET (a HEAD stays a HEAD), a 301 or 302 after a POST
/// becomes a GET, as browsers and reqwest do; a 307 or 308 keeps both.
fn method_after(status: StatusCode, method: &Method) -> (Method, bool) {
    match status.as_u16() {
        303 if *method == Method::HEAD => (Method::HEAD, false),
        303 => (Method::GET, false),
        301 | 302 if *method == Method::POST => (Method::GET, false),
        _ => (method.clone(), true),
    }
}

/// How one attempt's request was sent: the final response and, when a redirect was not
/// followed, why.
pub(crate) struct Followed {
    pub(crate) response: reqwest::Response,
    pub(crate) note: Option<String>,
}

/// Why an attempt got no final response.
pub(crate) enum SendFailure {
    /// The request could not be sent.
    Transport(reqwest::Error),
    /// The attempt's time ran out between two redirects.
    Timeout,
}

/// Sends one attempt of `request`, following same-origin redirects within its timeout.
///
/// Every hop carries the request's headers (credentials included, since it stays on the
/// configured origin) and gets the time left of the attempt, which also bounds reading the
/// final body.
pub(crate) async fn send_following_redirects(
    http_client: &reqwest::Client,
    request: &PreparedRequest,
    request_headers: &HeaderMap,
) -> Result<Followed, SendFailure> {
    // A timeout too long to add to the clock (`Duration::MAX`) means no deadline.
    let deadline = Instant::now().checked_add(request.timeout);
    let mut method = request.operation.method.clone();
    let mut url = request.url.clone();
    let mut body: Option<Bytes> = request.body.clone();
    let mut followed = 0;
    loop {
        let remaining = match deadline {
            Some(deadline) => deadline.saturating_duration_since(Instant::now()),
            None => request.timeout,
        };
        if remaining.is_zero() {
            return Err(SendFailure::Timeout);
        }
        let mut headers = request_headers.clone();
        if body.is_none() {
            headers.remove(CONTENT_TYPE);
        }
        let mut builder = http_client
            .request(method.clone(), url.clone())
            .headers(headers)
            .timeout(remaining);
        if let Some(body) = &body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().await.map_err(SendFailure::Transport)?;
        let status = response.status();
        match decide(
            &request.url,
            &url,
            status,
            response.headers().get(LOCATION),
            followed,
        ) {
            RedirectDecision::Final => {
                return Ok(Followed {
                    response,
                    note: None,
                });
            }
            RedirectDecision::NotFollowed(note) => {
                return Ok(Followed {
                    response,
                    note: Some(note),
                });
            }
            RedirectDecision::Follow(target) => {
                let (next_method, keep_body) = method_after(status, &method);
                method = next_method;
                if !keep_body {
                    body = None;
                }
                url = target;
                followed += 1;
            }
        }
    }
}

/// The marker reqwest's `Debug` of a client shows when it was built with
/// `redirect::Policy::none()`; any other policy (the default follows up to ten redirects)
/// shows something else or nothing.
const NO_REDIRECTS_MARKER: &str = "redirect_policy: \"Policy(None)\"";

/// Returns `true` unless `http_client` is known to follow no redirects.
///
/// reqwest has no accessor for a client's redirect policy, so this reads its `Debug` output,
/// which names any policy but the default. It fails closed: a client whose output does not
/// carry the marker, for example after a reqwest release that prints it differently, counts
/// as following redirects. The string is built and dropped here, never logged.
pub(crate) fn may_follow_redirects(http_client: &reqwest::Client) -> bool {
    !format!("{http_client:?}").contains(NO_REDIRECTS_MARKER)
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;
    use reqwest::{Method, StatusCode, Url};

    use super::{MAX_REDIRECTS, RedirectDecision, decide, may_follow_redirects, method_after};

    fn decision(
        configured: &str,
        current: &str,
        status: u16,
        location: &str,
        followed: u32,
    ) -> RedirectDecision {
        decide(
            &Url::parse(configured).unwrap(),
            &Url::parse(current).unwrap(),
            StatusCode::from_u16(status).unwrap(),
            Some(&HeaderValue::from_str(location).unwrap()),
            followed,
        )
    }

    fn follows(decision: &RedirectDecision) -> Option<&str> {
        match decision {
            RedirectDecision::Follow(url) => Some(url.as_str()),
            _ => None,
        }
    }

    #[test]
    fn same_origin_redirects_are_followed_relative_or_absolute() {
        let base = "https://api.datadoghq.com";
        let current = "https://api.datadoghq.com/api/v2/things/1";
        for status in [301, 302, 303, 307, 308] {
            let followed = decision(base, current, status, "/api/v2/things/2", 0);
            assert_eq!(
                follows(&followed),
                Some("https://api.datadoghq.com/api/v2/things/2"),
                "{status}"
            );
        }
        let followed = decision(base, current, 301, "https://api.datadoghq.com:443/x", 0);
        assert_eq!(follows(&followed), Some("https://api.datadoghq.com/x"));
        let followed = decision(base, current, 302, "2", 0);
        assert_eq!(
            follows(&followed),
            Some("https://api.datadoghq.com/api/v2/things/2")
        );
    }

    #[test]
    fn another_scheme_host_or_port_is_not_followed() {
        let base = "https://api.datadoghq.com";
        let current = "https://api.datadoghq.com/api/v2/things/1";
        let cases = [
            (
                "http://api.datadoghq.com/api/v2/things/1",
                "it leaves https",
            ),
            ("http://evil.example/steal", "it leaves https"),
            (
                "https://evil.example/steal",
                "credentials are only sent to https://api.datadoghq.com",
            ),
            (
                "https://api.datadoghq.com:8443/x",
                "credentials are only sent to https://api.datadoghq.com",
            ),
            (
                "https://api.datadoghq.com.evil.example/x",
                "credentials are only sent to",
            ),
            ("//evil.example/x", "credentials are only sent to"),
            ("ftp://api.datadoghq.com/x", "it leaves https"),
        ];
        for (location, reason) in cases {
            match decision(base, current, 307, location, 0) {
                RedirectDecision::NotFollowed(note) => {
                    assert!(note.contains(reason), "{location}: {note}")
                }
                other => panic!("{location} gave {other:?}"),
            }
        }
        // Plain http: another port or host is another origin too, and so is an upgrade to https.
        for location in [
            "http://127.0.0.1:9/x",
            "http://localhost:8080/x",
            "https://127.0.0.1:8080/x",
        ] {
            let outcome = decision(
                "http://127.0.0.1:8080",
                "http://127.0.0.1:8080/a",
                301,
                location,
                0,
            );
            assert!(
                matches!(outcome, RedirectDecision::NotFollowed(_)),
                "{location}: {outcome:?}"
            );
        }
    }

    #[test]
    fn the_note_never_shows_a_password_of_the_target() {
        let outcome = decision(
            "http://127.0.0.1:8080",
            "http://127.0.0.1:8080/a",
            302,
            "http://u:pw-secret@127.0.0.1:8080/b",
            0,
        );
        let RedirectDecision::NotFollowed(note) = outcome else {
            panic!("followed a redirect that names a user");
        };
        assert!(!note.contains("pw-secret"), "{note}");

        // The base URL's own user and password carry over to a relative redirect.
        let with_user = "http://u:pw-secret@127.0.0.1:8080";
        let outcome = decision(
            with_user,
            "http://u:pw-secret@127.0.0.1:8080/a",
            302,
            "/b",
            0,
        );
        assert_eq!(
            follows(&outcome),
            Some("http://u:pw-secret@127.0.0.1:8080/b")
        );
    }

    #[test]
    fn redirects_stop_at_the_limit_and_non_redirects_are_final() {
        let base = "http://127.0.0.1:8080";
        let outcome = decision(base, base, 302, "/loop", MAX_REDIRECTS - 1);
        assert!(matches!(outcome, RedirectDecision::Follow(_)));
        let outcome = decision(base, base, 302, "/loop", MAX_REDIRECTS);
        assert!(
            matches!(outcome, RedirectDecision::NotFollowed(note) if note.contains("redirects were followed already"))
        );
        for status in [200, 304, 300, 404] {
            assert_eq!(
                decision(base, base, status, "/x", 0),
                RedirectDecision::Final,
                "{status}"
            );
        }
        let without_location = decide(
            &Url::parse(base).unwrap(),
            &Url::parse(base).unwrap(),
            StatusCode::FOUND,
            None,
            0,
        );
        assert_eq!(without_location, RedirectDecision::Final);
        let invalid = decision(base, base, 302, "http://[::1", 0);
        assert!(
            matches!(invalid, RedirectDecision::NotFollowed(note) if note.contains("not a valid URL"))
        );
    }

    #[test]
    fn a_303_and_a_redirected_post_become_a_get_without_the_body() {
        let cases = [
            (303, Method::POST, Method::GET, false),
            (303, Method::DELETE, Method::GET, false),
            (303, Method::HEAD, Method::HEAD, false),
            (301, Method::POST, Method::GET, false),
            (302, Method::POST, Method::GET, false),
            (301, Method::PUT, Method::PUT, true),
            (307, Method::POST, Method::POST, true),
            (308, Method::PATCH, Method::PATCH, true),
        ];
        for (status, method, expected_method, keeps_body) in cases {
            let status_code = StatusCode::from_u16(status).unwrap();
            assert_eq!(
                method_after(status_code, &method),
                (expected_method, keeps_body),
                "{status} {method}"
            );
        }
    }

    #[test]
    fn only_a_client_built_without_redirects_is_trusted() {
        let builder = || crate::client::ApiClient::http_client_builder().unwrap();
        assert!(!may_follow_redirects(&builder().build().unwrap()));
        let following = [
            builder()
                .redirect(reqwest::redirect::Policy::default())
                .build()
                .unwrap(),
            builder()
                .redirect(reqwest::redirect::Policy::limited(3))
                .build()
                .unwrap(),
            builder()
                .redirect(reqwest::redirect::Policy::custom(|attempt| attempt.stop()))
                .build()
                .unwrap(),
        ];
        for client in following {
            assert!(may_follow_redirects(&client), "{client:?}");
        }
    }
}
