//! Unit tests of the private logic of `src/error.rs`, included there as its `tests` module.
use super::server_message;

#[test]
fn server_message_reads_the_common_error_shapes() {
    let cases: &[(&str, Option<&str>)] = &[
        (r#"{"errors":["Not found"]}"#, Some("Not found")),
        (r#"{"errors":["a","b"]}"#, Some("a; b")),
        (
            r#"{"errors":[{"status":"400","title":"Bad Request","detail":"name is required"}]}"#,
            Some("name is required"),
        ),
        (r#"{"errors":[{"title":"Conflict"}]}"#, Some("Conflict")),
        (
            r#"{"message":"Rate limit exceeded"}"#,
            Some("Rate limit exceeded"),
        ),
        (r#"{"error":"oops"}"#, Some("oops")),
        (r#"{"errors":[]}"#, None),
        ("{}", None),
        ("", None),
        ("<html>Bad gateway</html>", None),
    ];
    for (body, expected) in cases {
        assert_eq!(
            server_message(body.as_bytes()).as_deref(),
            *expected,
            "body: {body}"
        );
    }
}
