//! Schema to IR type: primitives and their formats, arrays, maps, references, and the decision of
//! which schemas need a named model of their own.

use serde_json::Value;

use super::Lowerer;
use super::refs::{Target, component_schema_name};
use super::view::{Additional, Node};
use crate::diagnostics::DiagnosticKind;
use crate::ir::{EnumValueKind, IntegerFormat, NumberFormat, Type};
use crate::naming;

/// A type, and whether the schema also allows `null`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Typed {
    pub(crate) ty: Type,
    pub(crate) nullable: bool,
}

impl Typed {
    /// A type that does not allow `null`.
    pub(crate) fn plain(ty: Type) -> Self {
        Self {
            ty,
            nullable: false,
        }
    }

    /// The type, wrapped in `Nullable` when `null` is allowed: for positions (list items, map
    /// values, union members) that have no `Option` of their own.
    pub(crate) fn into_nested(self) -> Type {
        if self.nullable {
            Type::nullable(self.ty)
        } else {
            self.ty
        }
    }
}

/// What a schema is, for deciding whether it needs a model.
#[derive(Clone, Debug)]
pub(crate) enum Classified<'a> {
    /// A string or integer enum: a model.
    Enum(EnumValueKind),
    /// An object with properties: a struct.
    Object,
    /// An `allOf` (several members, or members beside properties), possibly with unions inside: a
    /// struct or a union of merged structs.
    Composition,
    /// A `oneOf` or `anyOf` of several members: a union.
    Union(Vec<Node<'a>>),
    /// A composition with a single meaningful member: that member's type.
    Single(Node<'a>),
    /// A primitive, an array, a map or any JSON: no model of its own.
    Plain,
}

impl<'a> Lowerer<'a> {
    /// The type of the schema at `node`, which may be a `$ref`; an inline schema that needs a model
    /// gets one named `hint`.
    pub(crate) fn type_of(&mut self, node: &Node<'a>, hint: &str) -> Option<Typed> {
        if let Some(reference) = node.reference() {
            let target = self.schema_reference(reference, &node.pointer)?;
            let sibling_nullable = node.nullable();
            let mut typed = self.type_of_target(&target, hint)?;
            typed.nullable |= sibling_nullable;
            return Some(typed);
        }
        if node.value.as_bool().is_some() {
            // `true` and `false` are valid schemas in JSON Schema: anything, and nothing.
            return Some(Typed::plain(Type::Json));
        }
        match self.classify(node) {
            Classified::Plain => self.type_of_plain(node, hint),
            Classified::Single(member) => {
                let nullable = node.nullable();
                let mut typed = self.type_of(&member, hint)?;
                typed.nullable |= nullable;
                Some(typed)
            }
            Classified::Enum(_)
            | Classified::Object
            | Classified::Composition
            | Classified::Union(_) => {
                let name = self.inline_model(node, hint)?;
                Some(Typed {
                    ty: Type::model(name),
                    nullable: node.nullable(),
                })
            }
        }
    }

    /// The type a schema `$ref` leads to: a component schema is its model; a schema inside another
    /// node is lowered where it is, once, named after its place.
    pub(crate) fn type_of_target(&mut self, target: &Node<'a>, hint: &str) -> Option<Typed> {
        if let Some(name) = component_schema_name(&target.pointer)
            && let Some(rust_name) = self.component_names.get(&name).cloned()
        {
            let nullable = self.component_is_nullable(target);
            return Some(Typed {
                ty: Type::model(rust_name),
                nullable,
            });
        }
        if self.in_progress.contains(&target.pointer) {
            self.report(
                &target.pointer,
                DiagnosticKind::ReferenceCycle,
                "`$ref`s into this schema lead back to it with no object in between",
            );
            return None;
        }
        self.in_progress.push(target.pointer.clone());
        let hint = self
            .hint_for_pointer(&target.pointer)
            .unwrap_or_else(|| hint.to_string());
        let typed = self.type_of(target, &hint);
        self.in_progress.pop();
        typed
    }

    /// Whether a component schema allows `null`, following the aliases it is defined by.
    fn component_is_nullable(&mut self, target: &Node<'a>) -> bool {
        if target.nullable() {
            return true;
        }
        if target.reference().is_none() {
            return false;
        }
        // Cycles are reported where the alias itself is lowered; here they just end the walk.
        let mut current = target.clone();
        let mut seen = vec![current.pointer.clone()];
        while let Some(reference) = current.reference() {
            let Some(pointer) = crate::diagnostics::Pointer::from_reference(reference) else {
                return false;
            };
            let Some(value) = pointer.resolve(&self.spec.raw) else {
                return false;
            };
            if seen.contains(&pointer) {
                return false;
            }
            seen.push(pointer.clone());
            current = Node::new(pointer, value);
            if current.nullable() {
                return true;
            }
        }
        false
    }

    /// The model for an inline schema at `node`, lowered once and found again by its pointer.
    pub(crate) fn inline_model(&mut self, node: &Node<'a>, hint: &str) -> Option<String> {
        if let Some(name) = self.models_by_pointer.get(node.pointer.as_str()) {
            return Some(name.clone());
        }
        let wanted = match node.str("title") {
            Some(title) if self.prefers_title(title) => naming::type_name(title),
            _ => hint.to_string(),
        };
        let name = self.claim_type_name(&wanted, &node.pointer);
        self.lower_named(&name, node);
        Some(name)
    }

    /// Whether an inline schema's `title` makes a better name than its place: it must be a free,
    /// plain identifier-like name.
    fn prefers_title(&self, title: &str) -> bool {
        let converted = naming::type_name(title);
        title.len() <= 64
            && !title.contains(char::is_whitespace)
            && self.type_name_is_free(&converted)
    }

    /// The name an inline schema gets from its place inside a component schema, so that a `$ref` into
    /// the interior of a schema and the schema's own lowering agree on the name.
    pub(crate) fn hint_for_pointer(&self, pointer: &crate::diagnostics::Pointer) -> Option<String> {
        let segments: Vec<String> = pointer.segments().collect();
        let [components, schemas, component, rest @ ..] = segments.as_slice() else {
            return None;
        };
        if components != "components" || schemas != "schemas" {
            return None;
        }
        let mut name = self.component_names.get(component)?.clone();
        let mut index = 0;
        while index < rest.len() {
            match rest[index].as_str() {
                "properties" if index + 1 < rest.len() => {
                    name = naming::nested_type_name(&name, &rest[index + 1]);
                    index += 2;
                }
                "items" => {
                    name = naming::item_type_name(&name);
                    index += 1;
                }
                "additionalProperties" => {
                    name = naming::value_type_name(&name);
                    index += 1;
                }
                "allOf" | "oneOf" | "anyOf" if index + 1 < rest.len() => {
                    let position: usize = rest[index + 1].parse().ok()?;
                    name = naming::member_type_name(&name, position);
                    index += 2;
                }
                _ => return None,
            }
        }
        Some(name)
    }

    /// Decides what a schema that is not a `$ref` is.
    pub(crate) fn classify(&mut self, node: &Node<'a>) -> Classified<'a> {
        let has_own_object =
            node.has_properties() || matches!(node.additional_properties(), Additional::Schema(_));
        let all_of = meaningful(node.items("allOf"));
        let one_of = node.items("oneOf");
        let any_of = node.items("anyOf");
        let unions: Vec<Node<'a>> = if !one_of.is_empty() { one_of } else { any_of };
        let has_unions = !unions.is_empty();
        if !all_of.is_empty() || has_unions {
            if all_of.is_empty() && !has_own_object {
                // A `oneOf` or `anyOf`, whatever `type` says beside it. One member is still a
                // union: the catch-all keeps members a later version of the API adds.
                return Classified::Union(distinct_members(unions));
            }
            if all_of.len() == 1 && !has_unions && !has_own_object {
                return Classified::Single(all_of[0].clone());
            }
            return Classified::Composition;
        }
        if let Some(kind) = enum_kind(node) {
            return Classified::Enum(kind);
        }
        if node.has_properties() {
            return Classified::Object;
        }
        Classified::Plain
    }

    /// The type of a schema that needs no model of its own: primitives, arrays, maps and any JSON.
    pub(crate) fn type_of_plain(&mut self, node: &Node<'a>, hint: &str) -> Option<Typed> {
        let nullable = node.nullable();
        let ty = match node.schema_type() {
            Some("string") => string_type(node.format()),
            Some("integer") => Type::Integer {
                format: integer_format(node.format()),
            },
            Some("number") => Type::Number {
                format: number_format(node.format()),
            },
            Some("boolean") => Type::Boolean,
            Some("array") => return self.array_type(node, hint).map(|ty| Typed { ty, nullable }),
            Some("object") => return self.map_type(node, hint).map(|ty| Typed { ty, nullable }),
            Some(_) | None => {
                if node.get("items").is_some() {
                    return self.array_type(node, hint).map(|ty| Typed { ty, nullable });
                }
                if matches!(node.additional_properties(), Additional::Schema(_)) {
                    return self.map_type(node, hint).map(|ty| Typed { ty, nullable });
                }
                match node.format() {
                    Some(format) if is_string_format(format) => string_type(Some(format)),
                    _ => Type::Json,
                }
            }
        };
        Some(Typed { ty, nullable })
    }

    /// The type of an array schema.
    fn array_type(&mut self, node: &Node<'a>, hint: &str) -> Option<Type> {
        let Some(items) = node.child("items") else {
            return Some(Type::list(Type::Json));
        };
        let item = self.type_of(&items, &naming::item_type_name(hint))?;
        Some(Type::list(item.into_nested()))
    }

    /// The type of an object schema without properties: a map of its additional properties.
    fn map_type(&mut self, node: &Node<'a>, hint: &str) -> Option<Type> {
        match node.additional_properties() {
            Additional::Schema(schema) => {
                let value = self.type_of(&schema, &naming::value_type_name(hint))?;
                Some(Type::map(value.into_nested()))
            }
            Additional::Unspecified | Additional::Any | Additional::Forbidden => {
                Some(Type::map(Type::Json))
            }
        }
    }

    /// Follows a schema node through `$ref`s, for looking inside it.
    pub(crate) fn look_through(&mut self, node: &Node<'a>) -> Option<Node<'a>> {
        if node.reference().is_some() {
            self.follow(node.clone(), Target::Schema)
        } else {
            Some(node.clone())
        }
    }
}

/// The members of an `allOf` that say something about the value: members that only annotate
/// (a description, `nullable`, an example, a title) are left out.
fn meaningful(members: Vec<Node<'_>>) -> Vec<Node<'_>> {
    members
        .into_iter()
        .filter(|member| !is_annotation_only(member))
        .collect()
}

/// Whether a schema only annotates: it has none of the keywords that constrain a value's type.
pub(crate) fn is_annotation_only(node: &Node<'_>) -> bool {
    const TYPE_KEYWORDS: &[&str] = &[
        "$ref",
        "type",
        "properties",
        "additionalProperties",
        "items",
        "allOf",
        "oneOf",
        "anyOf",
        "enum",
        "format",
    ];
    node.object().is_some_and(|object| {
        !TYPE_KEYWORDS
            .iter()
            .any(|keyword| object.contains_key(*keyword))
    })
}

/// The members of a union without those that are written identically (the same `$ref` twice).
fn distinct_members(members: Vec<Node<'_>>) -> Vec<Node<'_>> {
    let mut seen: Vec<&Value> = Vec::new();
    let mut distinct = Vec::new();
    for member in members {
        if seen.contains(&member.value) {
            continue;
        }
        seen.push(member.value);
        distinct.push(member);
    }
    distinct
}

/// Whether a schema is a string or integer enum, and which.
fn enum_kind(node: &Node<'_>) -> Option<EnumValueKind> {
    let values = node.enumeration()?;
    let present: Vec<&Value> = values.iter().filter(|value| !value.is_null()).collect();
    if present.is_empty() {
        return None;
    }
    match node.schema_type() {
        Some("string") | None if present.iter().all(|value| value.is_string()) => {
            Some(EnumValueKind::String)
        }
        Some("integer") | None if present.iter().all(|value| value.as_i64().is_some()) => {
            Some(EnumValueKind::Integer)
        }
        _ => None,
    }
}

/// The type of a string, by format.
fn string_type(format: Option<&str>) -> Type {
    match format {
        Some("date-time") => Type::DateTime,
        Some("date") => Type::Date,
        Some("password") => Type::Secret,
        Some("uuid") => Type::Uuid,
        _ => Type::String,
    }
}

/// Whether a format, seen without a `type`, is a string format.
fn is_string_format(format: &str) -> bool {
    matches!(format, "date-time" | "date" | "password" | "uuid")
}

/// The integer type of a format; integers without a known format are `i64`.
fn integer_format(format: Option<&str>) -> IntegerFormat {
    match format {
        Some("int8") => IntegerFormat::I8,
        Some("int16") => IntegerFormat::I16,
        Some("int32") => IntegerFormat::I32,
        Some("uint8") => IntegerFormat::U8,
        Some("uint16") => IntegerFormat::U16,
        Some("uint32") => IntegerFormat::U32,
        Some("uint64") => IntegerFormat::U64,
        _ => IntegerFormat::I64,
    }
}

/// The float type of a format; numbers without `format: float` are `f64`.
fn number_format(format: Option<&str>) -> NumberFormat {
    match format {
        Some("float") => NumberFormat::F32,
        _ => NumberFormat::F64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Pointer;

    fn type_of_text(schema_text: &str) -> (Option<Typed>, usize) {
        let spec = crate::load::load("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n")
            .expect("minimal spec loads");
        let value: Value = serde_yaml::from_str(schema_text).expect("schema parses");
        let value: &'static Value = Box::leak(Box::new(value));
        let mut lowerer = Lowerer::new(&spec);
        let node = Node::new(Pointer::root().child("x"), value);
        let typed = lowerer.type_of(&node, "Hint");
        (typed, lowerer.problem_count())
    }

    #[test]
    fn type_mapping_table() {
        let table = [
            ("{type: string}", Type::String),
            ("{type: string, format: uuid}", Type::Uuid),
            ("{type: string, format: date-time}", Type::DateTime),
            ("{type: string, format: date}", Type::Date),
            ("{type: string, format: password}", Type::Secret),
            ("{type: string, format: email}", Type::String),
            ("{type: string, format: binary}", Type::String),
            (
                "{type: integer, format: int64}",
                Type::Integer {
                    format: IntegerFormat::I64,
                },
            ),
            (
                "{type: integer, format: int32}",
                Type::Integer {
                    format: IntegerFormat::I32,
                },
            ),
            (
                "{type: integer, format: uint16}",
                Type::Integer {
                    format: IntegerFormat::U16,
                },
            ),
            (
                "{type: integer}",
                Type::Integer {
                    format: IntegerFormat::I64,
                },
            ),
            (
                "{type: number, format: double}",
                Type::Number {
                    format: NumberFormat::F64,
                },
            ),
            (
                "{type: number, format: float}",
                Type::Number {
                    format: NumberFormat::F32,
                },
            ),
            (
                "{type: number}",
                Type::Number {
                    format: NumberFormat::F64,
                },
            ),
            ("{type: boolean}", Type::Boolean),
            ("{type: boolean, enum: [true]}", Type::Boolean),
            (
                "{type: number, enum: [1.5, 2.5]}",
                Type::Number {
                    format: NumberFormat::F64,
                },
            ),
            (
                "{type: array, items: {type: string}}",
                Type::list(Type::String),
            ),
            (
                "{type: array, items: {type: string, nullable: true}}",
                Type::list(Type::nullable(Type::String)),
            ),
            ("{type: array}", Type::list(Type::Json)),
            ("{type: object}", Type::map(Type::Json)),
            (
                "{type: object, additionalProperties: {type: string}}",
                Type::map(Type::String),
            ),
            (
                "{type: object, additionalProperties: false}",
                Type::map(Type::Json),
            ),
            ("{allOf: [{type: string}]}", Type::String),
            (
                "{allOf: [{type: string}, {description: a string}]}",
                Type::String,
            ),
            ("{format: date-time}", Type::DateTime),
            ("{}", Type::Json),
            ("{not: {type: string}}", Type::Json),
        ];
        for (schema_text, expected) in table {
            let (typed, problems) = type_of_text(schema_text);
            assert_eq!(
                typed.map(|typed| typed.ty),
                Some(expected),
                "type of {schema_text}"
            );
            assert_eq!(problems, 0, "{schema_text}");
        }
    }

    #[test]
    fn nullable_is_kept_beside_the_type() {
        let (typed, _) = type_of_text("{type: string, nullable: true}");
        assert_eq!(
            typed,
            Some(Typed {
                ty: Type::String,
                nullable: true
            })
        );
    }
}
