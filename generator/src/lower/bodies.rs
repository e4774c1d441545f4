//! Request bodies: JSON, `multipart/form-data`, `application/x-www-form-urlencoded`, binary and text,
//! and the media-type classification that responses share.
//!
//! When a body offers several media types, the first of JSON, form, multipart, text and binary
//! (in that order) is used, so that the most structured encoding wins.

use super::Lowerer;
use super::docs::optional_doc_lines;
use super::models::{FieldDraft, ModelDraft, StructDraft};
use super::refs::Target;
use super::view::Node;
use crate::diagnostics::DiagnosticKind;
use crate::ir::{self, BodyKind, MultipartPart, PartKind, Type};
use crate::naming;

/// How a media type is encoded, in order of preference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

/// The media type without parameters, in lower case: `Application/JSON; charset=utf-8` is
/// `application/json`.
pub(crate) fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type is JSON: `application/json`, `text/json`, `application/vnd.api+json` and
/// the like.
pub(crate) fn is_json(media_type: &str) -> bool {
    media_kind(media_type) == MediaKind::Json
}

/// How a media type is encoded.
pub(crate) fn media_kind(media_type: &str) -> MediaKind {
    let essence = essence(media_type);
    let (top, sub) = essence.split_once('/').unwrap_or((essence.as_str(), ""));
    if sub == "json" || sub.ends_with("+json") || sub.starts_with("json") {
        return MediaKind::Json;
    }
    match (top, sub) {
        ("application", "x-www-form-urlencoded") => MediaKind::Form,
        ("multipart", _) => MediaKind::Multipart,
        ("text", _) => MediaKind::Text,
        (
            "application",
            "xml" | "yaml" | "x-yaml" | "javascript" | "x-ndjson" | "csv" | "graphql",
        ) => MediaKind::Text,
        ("application", other) if other.ends_with("+xml") || other.ends_with("+yaml") => {
            MediaKind::Text
        }
        _ => MediaKind::Binary,
    }
}

/// The preferred media type of a `content` map, with its media-type object.
pub(crate) fn preferred_media<'a>(
    content: Vec<(&'a str, Node<'a>)>,
) -> Option<(&'a str, Node<'a>, MediaKind)> {
    content
        .into_iter()
        .map(|(media_type, media)| (media_type, media, media_kind(media_type)))
        .min_by_key(|(media_type, _, kind)| (*kind, essence(media_type) != "application/json"))
}

impl<'a> Lowerer<'a> {
    /// Lowers the request body of an operation, if it has one.
    pub(crate) fn lower_request_body(
        &mut self,
        operation: &Node<'a>,
        operation_type_name: &str,
    ) -> Option<ir::RequestBody> {
        let node = operation.child("requestBody")?;
        let node = self.follow(node, Target::RequestBody)?;
        let Some((media_type, media, kind)) = preferred_media(node.entries("content")) else {
            // The pointer names `content` when it is there but empty, and the body when it is missing.
            let pointer = node
                .child("content")
                .map_or_else(|| node.pointer.clone(), |content| content.pointer);
            self.report(
                &pointer,
                DiagnosticKind::Shape,
                "a request body needs at least one media type in `content`",
            );
            return None;
        };
        let schema = media.child("schema");
        let (kind, ty) = match kind {
            MediaKind::Json | MediaKind::Form => {
                let hint = naming::nested_type_name(operation_type_name, "request");
                let ty = match &schema {
                    Some(schema) => self.type_of(schema, &hint)?.ty,
                    None => Type::Json,
                };
                (
                    if kind == MediaKind::Json {
                        BodyKind::Json
                    } else {
                        BodyKind::Form
                    },
                    ty,
                )
            }
            MediaKind::Multipart => {
                let form_name = naming::nested_type_name(operation_type_name, "form");
                let (parts, ty) = self.multipart_form(&form_name, schema.as_ref(), &media)?;
                (BodyKind::Multipart { parts }, ty)
            }
            MediaKind::Text => (BodyKind::Text, Type::String),
            MediaKind::Binary => (BodyKind::Binary, Type::Bytes),
        };
        Some(ir::RequestBody {
            kind,
            media_type: media_type.to_string(),
            ty,
            required: node.flag("required"),
            docs: optional_doc_lines(node.description()),
        })
    }

    /// Builds the form struct of a `multipart/form-data` body: one field per property, files as
    /// [`Type::File`].
    fn multipart_form(
        &mut self,
        form_name: &str,
        schema: Option<&Node<'a>>,
        media: &Node<'a>,
    ) -> Option<(Vec<MultipartPart>, Type)> {
        let mut parts = super::all_of::Parts::default();
        if let Some(schema) = schema
            && !self.collect_parts(schema, &mut parts, &mut Vec::new())
        {
            return None;
        }
        if parts.properties.is_empty() {
            self.warn(
                &media.pointer,
                DiagnosticKind::Inconsistent,
                "a multipart body without properties has no parts to send; its form struct is empty",
            );
        }
        let name = self.claim_type_name(form_name, &media.pointer);
        let mut fields = Vec::new();
        let mut multipart_parts = Vec::new();
        let mut taken = Vec::new();
        for (wire_name, property) in &parts.properties {
            let Some(resolved) = self.look_through(property) else {
                continue;
            };
            let (ty, part_kind, repeated) = if is_binary_string(&resolved) {
                (Type::File, PartKind::File, false)
            } else if resolved.schema_type() == Some("array")
                && resolved
                    .child("items")
                    .and_then(|items| self.look_through(&items))
                    .is_some_and(|items| is_binary_string(&items))
            {
                (Type::list(Type::File), PartKind::File, true)
            } else {
                let hint = naming::nested_type_name(&name, wire_name);
                let ty = self.type_of(property, &hint)?.ty;
                let (part_kind, repeated) = self.part_kind(&ty);
                (ty, part_kind, repeated)
            };
            let rust_name = naming::unique(naming::field_name(wire_name), &taken);
            taken.push(rust_name.clone());
            let required = parts.required.contains(wire_name);
            multipart_parts.push(MultipartPart {
                wire_name: wire_name.to_string(),
                rust_name: rust_name.clone(),
                kind: part_kind,
                required,
                repeated,
            });
            fields.push(FieldDraft {
                rust_name,
                wire_name: wire_name.to_string(),
                docs: super::models::schema_docs(property),
                ty,
                required,
                nullable: false,
                deprecated: property.deprecation(),
            });
        }
        self.insert_struct(StructDraft {
            rust_name: name.clone(),
            pointer: media.pointer.clone(),
            docs: vec![format!(
                "The parts of a `multipart/form-data` request body."
            )],
            deprecated: None,
            fields,
            additional_properties: None,
            is_form: true,
        });
        Some((multipart_parts, Type::model(name)))
    }

    /// How a non-file form field is sent: primitives (and enums of them) as text, the rest as JSON.
    fn part_kind(&self, ty: &Type) -> (PartKind, bool) {
        match ty {
            Type::List { item } => {
                let (kind, _) = self.part_kind(item);
                if kind == PartKind::Text {
                    (PartKind::Text, true)
                } else {
                    (PartKind::Json, false)
                }
            }
            Type::Model { name } => match self.model(name) {
                Some(ModelDraft::Enum(_)) => (PartKind::Text, false),
                Some(ModelDraft::Alias(alias)) if is_text(&alias.target) => (PartKind::Text, false),
                _ => (PartKind::Json, false),
            },
            other if is_text(other) => (PartKind::Text, false),
            _ => (PartKind::Json, false),
        }
    }
}

/// Whether a type is sent as plain text in a form.
fn is_text(ty: &Type) -> bool {
    matches!(
        ty,
        Type::String
            | Type::Integer { .. }
            | Type::Number { .. }
            | Type::Boolean
            | Type::Uuid
            | Type::DateTime
            | Type::Date
            | Type::Secret
    )
}

/// Whether a schema is a string of raw octets (`format: binary`).
fn is_binary_string(node: &Node<'_>) -> bool {
    node.schema_type().is_none_or(|kind| kind == "string") && node.format() == Some("binary")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_kinds() {
        for (media_type, expected) in [
            ("application/json", MediaKind::Json),
            ("application/vnd.api+json", MediaKind::Json),
            ("application/json; charset=utf-8", MediaKind::Json),
            ("application/json;datetime-format=rfc3339", MediaKind::Json),
            ("text/json", MediaKind::Json),
            ("application/json+sarif", MediaKind::Json),
            ("application/x-www-form-urlencoded", MediaKind::Form),
            ("multipart/form-data", MediaKind::Multipart),
            ("text/plain", MediaKind::Text),
            ("text/csv", MediaKind::Text),
            ("application/yaml", MediaKind::Text),
            ("application/xml", MediaKind::Text),
            ("application/octet-stream", MediaKind::Binary),
            ("application/zip", MediaKind::Binary),
            ("image/png", MediaKind::Binary),
            ("*/*", MediaKind::Binary),
        ] {
            assert_eq!(media_kind(media_type), expected, "{media_type}");
        }
    }
}
