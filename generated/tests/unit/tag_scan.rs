//! Unit tests of the tag scan in `src/codec.rs`: it must agree with a full serde parse.
use serde::Deserializer;

use super::{RawJson, TagVisitor};

/// The tag as a full serde parse reads it: what the scans must agree with.
fn parsed_tag(json: &str) -> Option<String> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    deserializer
        .deserialize_any(TagVisitor { name: "type" })
        .ok()
        .flatten()
        .map(|tag| tag.into_owned())
}

#[test]
fn scans_agree_with_a_full_parse() {
    let cases = [
        r#"{"credentials":{"role":"r","type":"AWSAssumeRole"},"type":"AWS"}"#,
        r#"{"type":"AWS","credentials":{"type":"AWSAssumeRole"}}"#,
        r#"{ "a" : [1, {"type": "x"}, "]}"] , "type" : "HTTP" }"#,
        "{\n  \"type\": \"Okta\",\n  \"domain\": \"d\"\n}\n",
        r#"{"a":1.5e3,"b":true,"c":null,"type":"GCP"}"#,
        r#"{"a":"x\",\"type\":\"AWS","b":"c"}"#,
        r#"{"a":"x\",\"type\":\"AWS"}"#,
        r#"{"a":"\\","type":"Split"}"#,
        r#"{"type":"A\u0057S"}"#,
        r#"{"typ\u0065":"AWS","b":1}"#,
        r#"{"type":null,"b":1}"#,
        r#"{"type":7}"#,
        r#"{"credentials":{"type":"inner"}}"#,
        r#"{}"#,
        r#"[{"type":"AWS"}]"#,
        r#""type""#,
        "12",
    ];
    for json in cases {
        let raw: RawJson = serde_json::from_str(json).expect("each case is JSON");
        assert_eq!(
            raw.tag("type").map(|tag| tag.into_owned()),
            parsed_tag(json),
            "{json}"
        );
    }
}

#[test]
fn the_last_member_is_read_without_a_forward_scan() {
    assert_eq!(
        super::tag_scan::last_member(r#"{"a":{"type":"x"},"type":"AWS"}"#, "type"),
        Some("AWS")
    );
    assert_eq!(
        super::tag_scan::last_member(r#"{"a":"x\",\"type\":\"AWS"}"#, "type"),
        None
    );
    assert_eq!(
        super::tag_scan::last_member(r#"{"type":"AWS","a":1}"#, "type"),
        None
    );
}
