//! Operation parameters: path, query, header and cookie, with their `style` and `explode`.

use super::Lowerer;
use super::docs::optional_doc_lines;
use super::refs::Target;
use super::view::Node;
use crate::diagnostics::{Construct, DiagnosticKind};
use crate::ir::{self, ParameterLocation, ParameterStyle, Type};
use crate::naming;

/// Header names a parameter may not set: OpenAPI says such definitions are ignored, because the
/// client sets these headers itself.
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

/// A parameter after `$ref`s are resolved, before its Rust name is chosen.
pub(crate) struct ResolvedParameter<'a> {
    pub(crate) node: Node<'a>,
    pub(crate) name: &'a str,
    pub(crate) location: ParameterLocation,
}

impl<'a> Lowerer<'a> {
    /// The parameters of an operation: the path item's, overridden by the operation's own of the
    /// same name and location, in spec order.
    pub(crate) fn operation_parameters(
        &mut self,
        path_item: &Node<'a>,
        operation: &Node<'a>,
    ) -> Vec<ResolvedParameter<'a>> {
        let mut parameters: Vec<ResolvedParameter<'a>> = Vec::new();
        for node in path_item
            .items("parameters")
            .into_iter()
            .chain(operation.items("parameters"))
        {
            let Some(parameter) = self.resolve_parameter(&node) else {
                continue;
            };
            parameters.retain(|existing| {
                existing.name != parameter.name || existing.location != parameter.location
            });
            parameters.push(parameter);
        }
        parameters
    }

    fn resolve_parameter(&mut self, node: &Node<'a>) -> Option<ResolvedParameter<'a>> {
        let node = self.follow(node.clone(), Target::Parameter)?;
        let name = node.str("name")?;
        let location = match node.str("in")? {
            "path" => ParameterLocation::Path,
            "query" => ParameterLocation::Query,
            "header" => ParameterLocation::Header,
            "cookie" => ParameterLocation::Cookie,
            other => {
                self.report(
                    &node.pointer.child("in"),
                    DiagnosticKind::Shape,
                    format!("`in: {other}` is not a parameter location"),
                );
                return None;
            }
        };
        if location == ParameterLocation::Header
            && IGNORED_HEADERS.contains(&name.to_ascii_lowercase().as_str())
        {
            return None;
        }
        Some(ResolvedParameter {
            node,
            name,
            location,
        })
    }

    /// Lowers one parameter; `rust_name` is already unique among the operation's arguments.
    pub(crate) fn lower_parameter(
        &mut self,
        parameter: &ResolvedParameter<'a>,
        rust_name: String,
        type_hint: &str,
    ) -> Option<ir::Parameter> {
        let node = &parameter.node;
        let (schema, json_content) = match (node.child("schema"), node.child("content")) {
            (Some(schema), _) => (schema, false),
            (None, Some(_)) => {
                let media = node.entries("content");
                let Some((media_type, media)) = media.into_iter().next() else {
                    self.report(
                        &node.pointer.child("content"),
                        DiagnosticKind::Shape,
                        "a parameter's `content` must have one media type",
                    );
                    return None;
                };
                if !super::bodies::is_json(media_type) {
                    self.report(
                        &node.pointer.child("content"),
                        DiagnosticKind::Unsupported(Construct::ParameterContent),
                        format!("the parameter is described as `{media_type}`"),
                    );
                    return None;
                }
                match media.child("schema") {
                    Some(schema) => (schema, true),
                    None => (
                        Node::new(
                            media.pointer.child("schema"),
                            &serde_json::Value::Bool(true),
                        ),
                        true,
                    ),
                }
            }
            (None, None) => {
                self.report(
                    &node.pointer,
                    DiagnosticKind::Shape,
                    "a parameter needs a `schema` or a `content`",
                );
                return None;
            }
        };
        let typed = if schema.value.as_bool().is_some() {
            super::types::Typed::plain(Type::Json)
        } else {
            self.type_of(&schema, type_hint)?
        };
        let default_style = match parameter.location {
            ParameterLocation::Path | ParameterLocation::Header => ParameterStyle::Simple,
            ParameterLocation::Query | ParameterLocation::Cookie => ParameterStyle::Form,
        };
        let style = if json_content {
            ParameterStyle::Json
        } else {
            match node.str("style") {
                None => default_style,
                Some(style) => match parse_style(style) {
                    Some(style) if style_allowed(style, parameter.location) => style,
                    _ => {
                        self.report(
                            &node.pointer.child("style"),
                            DiagnosticKind::Shape,
                            format!(
                                "`style: {style}` is not allowed for a {} parameter",
                                location_name(parameter.location)
                            ),
                        );
                        return None;
                    }
                },
            }
        };
        let explode = node
            .optional_flag("explode")
            .unwrap_or(style == ParameterStyle::Form);
        let required = parameter.location == ParameterLocation::Path || node.flag("required");
        let mut docs = optional_doc_lines(node.description());
        if docs.is_empty() {
            docs = super::models::schema_docs(&schema);
        }
        Some(ir::Parameter {
            setter_name: naming::setter_name(&rust_name),
            rust_name,
            wire_name: parameter.name.to_string(),
            docs,
            location: parameter.location,
            style,
            explode,
            allow_reserved: node.flag("allowReserved"),
            required,
            // A required parameter that may be null is still sent; its value is an `Option`.
            ty: if typed.nullable && required {
                Type::nullable(typed.ty)
            } else {
                typed.ty
            },
            deprecated: node.deprecation(),
        })
    }
}

fn parse_style(style: &str) -> Option<ParameterStyle> {
    Some(match style {
        "simple" => ParameterStyle::Simple,
        "label" => ParameterStyle::Label,
        "matrix" => ParameterStyle::Matrix,
        "form" => ParameterStyle::Form,
        "spaceDelimited" => ParameterStyle::SpaceDelimited,
        "pipeDelimited" => ParameterStyle::PipeDelimited,
        "deepObject" => ParameterStyle::DeepObject,
        _ => return None,
    })
}

/// Whether OpenAPI allows a style in a location.
fn style_allowed(style: ParameterStyle, location: ParameterLocation) -> bool {
    use ParameterStyle::*;
    match location {
        ParameterLocation::Path => matches!(style, Simple | Label | Matrix),
        ParameterLocation::Query => {
            matches!(style, Form | SpaceDelimited | PipeDelimited | DeepObject)
        }
        ParameterLocation::Header => style == Simple,
        ParameterLocation::Cookie => style == Form,
    }
}

fn location_name(location: ParameterLocation) -> &'static str {
    match location {
        ParameterLocation::Path => "path",
        ParameterLocation::Query => "query",
        ParameterLocation::Header => "header",
        ParameterLocation::Cookie => "cookie",
    }
}
