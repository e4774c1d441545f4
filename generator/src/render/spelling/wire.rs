//! The runtime's and the docs' spelling of wire-level values: parameter styles, methods, statuses, security schemes, settings and the `Accept` header.

use crate::ir::{
    ApiKeyLocation, Method, ParameterStyle, SecuritySchemeKind, SettingKind, StatusMatch,
    SuccessBody,
};

/// The runtime's name of a parameter style.
pub fn style(style: ParameterStyle) -> &'static str {
    match style {
        ParameterStyle::Simple => "crate::client::Style::Simple",
        ParameterStyle::Label => "crate::client::Style::Label",
        ParameterStyle::Matrix => "crate::client::Style::Matrix",
        ParameterStyle::Form => "crate::client::Style::Form",
        ParameterStyle::SpaceDelimited => "crate::client::Style::SpaceDelimited",
        ParameterStyle::PipeDelimited => "crate::client::Style::PipeDelimited",
        ParameterStyle::DeepObject => "crate::client::Style::DeepObject",
        ParameterStyle::Json => "crate::client::Style::Json",
    }
}

/// The `reqwest::Method` constant of a method.
pub fn method(method: Method) -> &'static str {
    match method {
        Method::Get => "reqwest::Method::GET",
        Method::Put => "reqwest::Method::PUT",
        Method::Post => "reqwest::Method::POST",
        Method::Delete => "reqwest::Method::DELETE",
        Method::Options => "reqwest::Method::OPTIONS",
        Method::Head => "reqwest::Method::HEAD",
        Method::Patch => "reqwest::Method::PATCH",
        Method::Trace => "reqwest::Method::TRACE",
    }
}

/// The method as the docs show it: `GET`.
pub fn method_name(method: Method) -> &'static str {
    match method {
        Method::Get => "GET",
        Method::Put => "PUT",
        Method::Post => "POST",
        Method::Delete => "DELETE",
        Method::Options => "OPTIONS",
        Method::Head => "HEAD",
        Method::Patch => "PATCH",
        Method::Trace => "TRACE",
    }
}

/// The runtime's value of a status match.
pub fn status_match(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("crate::client::StatusMatch::Code({code})"),
        StatusMatch::Range(hundreds) => format!("crate::client::StatusMatch::Range({hundreds})"),
        StatusMatch::Default => "crate::client::StatusMatch::Default".to_string(),
    }
}

/// A status as the runtime's error tables write it: the code itself, the first digit of a range
/// (`4` is `4XX`), or `0` for `default`.
pub fn status_code(status: StatusMatch) -> u16 {
    match status {
        StatusMatch::Code(code) => code,
        StatusMatch::Range(hundreds) => hundreds,
        StatusMatch::Default => 0,
    }
}

/// A status as the docs show it: `404`, `4XX` or `default`.
pub fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
        StatusMatch::Default => "any other status".to_string(),
    }
}

/// A `match` pattern for a status.
pub fn status_pattern(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{}..={}", hundreds * 100, hundreds * 100 + 99),
        StatusMatch::Default => "_".to_string(),
    }
}

/// The `RawResponse` method that decodes a success body.
pub fn decode_method(success: &SuccessBody) -> &'static str {
    match success {
        SuccessBody::Empty | SuccessBody::ByStatus { .. } => "empty",
        SuccessBody::Json { .. } => "json",
        SuccessBody::Text => "text",
        SuccessBody::Binary => "bytes",
    }
}

/// The `Accept` header of an operation: its response media types, or `*/*` when it lists none.
pub fn accept_header(media_types: &[String]) -> String {
    if media_types.is_empty() {
        "*/*".to_string()
    } else {
        media_types.join(", ")
    }
}

/// The runtime's value of a security scheme's kind.
pub fn scheme_kind(kind: &SecuritySchemeKind) -> String {
    match kind {
        SecuritySchemeKind::ApiKey { location, name } => {
            let location = match location {
                ApiKeyLocation::Header => "Header",
                ApiKeyLocation::Query => "Query",
                ApiKeyLocation::Cookie => "Cookie",
            };
            format!(
                "crate::client::SchemeKind::ApiKey {{ location: crate::client::ApiKeyLocation::{location}, name: {name:?} }}"
            )
        }
        SecuritySchemeKind::Basic => "crate::client::SchemeKind::Basic".to_string(),
        SecuritySchemeKind::Bearer => "crate::client::SchemeKind::Bearer".to_string(),
        SecuritySchemeKind::Unsupported { description } => {
            format!("crate::client::SchemeKind::Unsupported({description:?})")
        }
    }
}

/// The runtime's value of a setting's kind.
pub fn setting_kind(kind: &SettingKind) -> String {
    match kind {
        SettingKind::ApiKey { .. } => "crate::configuration::SettingKind::ApiKey".to_string(),
        SettingKind::Token { .. } => "crate::configuration::SettingKind::Token".to_string(),
        SettingKind::Basic { .. } => "crate::configuration::SettingKind::Basic".to_string(),
        SettingKind::ServerVariable { variable, .. } => {
            format!("crate::configuration::SettingKind::ServerVariable({variable:?})")
        }
    }
}
