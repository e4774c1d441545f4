//! Responses: which statuses succeed and with what body, which fail and with what error model,
//! `default` responses, and the `Accept` header.
//!
//! Every 2xx status is a success. A `default` response is the error body of every status the
//! operation does not list; when the operation lists no 2xx response, it is the success body too.
//! When different 2xx statuses have different bodies, the success type is an enum with one variant
//! per status.

use super::Lowerer;
use super::bodies::{MediaKind, essence, preferred_media};
use super::refs::Target;
use super::view::Node;
use crate::diagnostics::DiagnosticKind;
use crate::ir::{self, StatusMatch, SuccessBody, Type};
use crate::naming;

impl<'a> Lowerer<'a> {
    /// Lowers the responses of an operation. `by_status_name` names the enum of a per-status success
    /// body; it is claimed by the caller only when used.
    pub(crate) fn lower_responses(
        &mut self,
        operation: &Node<'a>,
        operation_type_name: &str,
    ) -> ir::Responses {
        let mut successes: Vec<(StatusMatch, SuccessBody)> = Vec::new();
        let mut errors: Vec<(StatusMatch, Option<String>)> = Vec::new();
        let mut accept: Vec<String> = Vec::new();
        let mut default_response: Option<Node<'a>> = None;
        for (key, node) in operation.entries("responses") {
            if key.starts_with("x-") {
                continue;
            }
            let Some(status) = parse_status(key) else {
                self.report(
                    &node.pointer,
                    DiagnosticKind::Shape,
                    format!("`{key}` is not a status code, a range such as `4XX`, or `default`"),
                );
                continue;
            };
            let Some(response) = self.follow(node, Target::Response) else {
                continue;
            };
            for (media_type, _) in response.entries("content") {
                let media_type = essence(media_type);
                if !accept.contains(&media_type) {
                    accept.push(media_type);
                }
            }
            if status == StatusMatch::Default {
                default_response = Some(response);
                continue;
            }
            if is_success(status) {
                let hint = if successes.is_empty() {
                    naming::nested_type_name(operation_type_name, "response")
                } else {
                    naming::nested_type_name(
                        operation_type_name,
                        &format!("{}_response", status_word(status)),
                    )
                };
                let body = self.success_body(&response, &hint);
                successes.push((status, body));
            } else {
                let hint = naming::nested_type_name(
                    operation_type_name,
                    &format!("{}_response", status_word(status)),
                );
                let model = self.error_model(&response, &hint);
                errors.push((status, model));
            }
        }
        if let Some(response) = default_response {
            if successes.is_empty() {
                let hint = naming::nested_type_name(operation_type_name, "response");
                let body = self.success_body(&response, &hint);
                successes.push((StatusMatch::Range(2), body));
            }
            let hint = naming::nested_type_name(operation_type_name, "default_response");
            let model = self.error_model(&response, &hint);
            errors.push((StatusMatch::Default, model));
        }
        let success_statuses: Vec<StatusMatch> =
            successes.iter().map(|(status, _)| *status).collect();
        let success = combine_successes(successes, operation_type_name);
        let mut grouped: Vec<ir::ErrorResponse> = Vec::new();
        for (status, model) in errors {
            match grouped.iter_mut().find(|group| group.model == model) {
                Some(group) => group.statuses.push(status),
                None => grouped.push(ir::ErrorResponse {
                    statuses: vec![status],
                    model,
                }),
            }
        }
        ir::Responses {
            success,
            success_statuses,
            errors: grouped,
            accept,
        }
    }

    /// The body of one success response.
    fn success_body(&mut self, response: &Node<'a>, hint: &str) -> SuccessBody {
        let Some((_, media, kind)) = preferred_media(response.entries("content")) else {
            return SuccessBody::Empty;
        };
        match kind {
            MediaKind::Json => match media.child("schema") {
                Some(schema) => match self.type_of(&schema, hint) {
                    Some(typed) => SuccessBody::Json {
                        ty: if typed.nullable {
                            Type::nullable(typed.ty)
                        } else {
                            typed.ty
                        },
                    },
                    None => SuccessBody::Empty,
                },
                None => SuccessBody::Empty,
            },
            MediaKind::Text | MediaKind::Form => SuccessBody::Text,
            MediaKind::Multipart | MediaKind::Binary => SuccessBody::Binary,
        }
    }

    /// The model of an error response's body, when it is JSON with a schema that names one.
    fn error_model(&mut self, response: &Node<'a>, hint: &str) -> Option<String> {
        let (_, media, kind) = preferred_media(response.entries("content"))?;
        if kind != MediaKind::Json {
            return None;
        }
        let typed = self.type_of(&media.child("schema")?, hint)?;
        let name = typed.ty.model_name()?.to_string();
        self.mark_error_model(&name);
        Some(name)
    }
}

/// Parses a response key.
fn parse_status(key: &str) -> Option<StatusMatch> {
    if key == "default" {
        return Some(StatusMatch::Default);
    }
    let bytes = key.as_bytes();
    if bytes.len() != 3 || !(b'1'..=b'5').contains(&bytes[0]) {
        return None;
    }
    if key[1..].eq_ignore_ascii_case("xx") {
        return Some(StatusMatch::Range(u16::from(bytes[0] - b'0')));
    }
    key.parse().ok().map(StatusMatch::Code)
}

fn is_success(status: StatusMatch) -> bool {
    match status {
        StatusMatch::Code(code) => (200..300).contains(&code),
        StatusMatch::Range(hundreds) => hundreds == 2,
        StatusMatch::Default => false,
    }
}

/// A word for a status in type and variant names: `404` is `Status404`, `4XX` is `Status4XX`.
fn status_word(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("status{code}"),
        StatusMatch::Range(hundreds) => format!("status{hundreds}xx"),
        StatusMatch::Default => "default".to_string(),
    }
}

/// The variant name of a success status in a per-status enum.
fn status_variant_name(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(200) => "Ok".to_string(),
        StatusMatch::Code(201) => "Created".to_string(),
        StatusMatch::Code(202) => "Accepted".to_string(),
        StatusMatch::Code(203) => "NonAuthoritativeInformation".to_string(),
        StatusMatch::Code(204) => "NoContent".to_string(),
        StatusMatch::Code(205) => "ResetContent".to_string(),
        StatusMatch::Code(206) => "PartialContent".to_string(),
        StatusMatch::Code(code) => format!("Status{code}"),
        StatusMatch::Range(_) => "Success".to_string(),
        StatusMatch::Default => "Default".to_string(),
    }
}

/// One success body when every 2xx status has the same one, else an enum by status.
fn combine_successes(
    successes: Vec<(StatusMatch, SuccessBody)>,
    operation_type_name: &str,
) -> SuccessBody {
    let with_bodies: Vec<&(StatusMatch, SuccessBody)> = successes
        .iter()
        .filter(|(_, body)| !matches!(body, SuccessBody::Empty))
        .collect();
    let all_same = with_bodies
        .windows(2)
        .all(|pair| same_body(&pair[0].1, &pair[1].1));
    let has_empty = with_bodies.len() < successes.len();
    match with_bodies.as_slice() {
        [] => SuccessBody::Empty,
        [(_, body), ..] if all_same && !has_empty => body.clone(),
        // An empty body beside one kind of body: a `204` beside a `200` with JSON decodes the empty
        // one as `None` would be surprising, so such operations get the per-status enum too.
        _ => SuccessBody::ByStatus {
            enum_name: naming::nested_type_name(operation_type_name, "response"),
            variants: successes
                .into_iter()
                .map(|(status, body)| ir::StatusVariant {
                    rust_name: status_variant_name(status),
                    status,
                    body: Box::new(body),
                })
                .collect(),
        },
    }
}

fn same_body(left: &SuccessBody, right: &SuccessBody) -> bool {
    match (left, right) {
        (SuccessBody::Json { ty: left }, SuccessBody::Json { ty: right }) => left == right,
        (SuccessBody::Text, SuccessBody::Text)
        | (SuccessBody::Binary, SuccessBody::Binary)
        | (SuccessBody::Empty, SuccessBody::Empty) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_keys() {
        assert_eq!(parse_status("200"), Some(StatusMatch::Code(200)));
        assert_eq!(parse_status("2XX"), Some(StatusMatch::Range(2)));
        assert_eq!(parse_status("2xx"), Some(StatusMatch::Range(2)));
        assert_eq!(parse_status("default"), Some(StatusMatch::Default));
        assert_eq!(parse_status("600"), None);
        assert_eq!(parse_status("20"), None);
    }
}
