//! The lower phase: the only code that understands OpenAPI. It resolves `$ref`s, names every type,
//! maps schemas to Rust types, detects `oneOf` tags, groups operations by tag, sorts everything and
//! collects every problem it finds.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::diagnostics::{Diagnostic, Errors, Pointer};
use crate::ir::{self, Ir};
use crate::load::LoadedSpec;
use crate::naming;

/// A Rust type before rendering: kept structured so that recursive fields can be boxed at the end.
#[derive(Clone, Debug, PartialEq, Eq)]
enum TypeRef {
    /// A type written as is, for example `i64` or `uuid::Uuid`.
    Plain(&'static str),
    /// A string the spec marks `format: password`.
    Secret,
    /// A generated model, by Rust name.
    Model(String),
    /// A JSON array.
    List(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
}

impl TypeRef {
    /// Renders the type as Rust source.
    fn render(&self) -> String {
        match self {
            TypeRef::Plain(text) => (*text).to_string(),
            TypeRef::Secret => "crate::Secret".to_string(),
            TypeRef::Model(name) => name.clone(),
            TypeRef::List(item) => format!("Vec<{}>", item.render()),
            TypeRef::Map(value) => format!("std::collections::BTreeMap<String, {}>", value.render()),
        }
    }

    /// Adds every model this type names.
    fn collect_models(&self, into: &mut BTreeSet<String>) {
        match self {
            TypeRef::Model(name) => {
                into.insert(name.clone());
            }
            TypeRef::List(item) | TypeRef::Map(item) => item.collect_models(into),
            TypeRef::Plain(_) | TypeRef::Secret => {}
        }
    }

    /// Whether the type contains a `serde_json::Value`, a float or a map, which rule out `Eq` and `Hash`.
    fn blocks_eq(&self) -> bool {
        match self {
            TypeRef::Plain(text) => text.contains("serde_json::Value") || text.starts_with('f'),
            TypeRef::Map(_) => true,
            TypeRef::List(item) => item.blocks_eq(),
            TypeRef::Secret | TypeRef::Model(_) => false,
        }
    }

    /// Whether values of the type are `Copy`, so that they are passed on without `clone()`.
    fn is_copy(&self) -> bool {
        matches!(
            self,
            TypeRef::Plain("i64" | "i32" | "f64" | "f32" | "bool" | "uuid::Uuid" | "chrono::DateTime<chrono::Utc>" | "chrono::NaiveDate")
        )
    }

    /// The expression that turns a borrowed value bound as `binding` into the `String` sent on the wire.
    fn to_wire(&self, binding: &str) -> String {
        match self {
            TypeRef::Plain("String") => format!("{binding}.clone()"),
            TypeRef::Plain("chrono::DateTime<chrono::Utc>") => format!("{binding}.to_rfc3339()"),
            TypeRef::Secret => format!("{binding}.expose().to_string()"),
            _ => format!("{binding}.to_string()"),
        }
    }
}

/// A struct field before recursion is known.
#[derive(Clone, Debug)]
struct FieldDraft {
    rust_name: String,
    wire_name: String,
    docs: Vec<String>,
    type_ref: TypeRef,
    required: bool,
    nullable: bool,
}

/// A struct before rendering of its fields.
#[derive(Clone, Debug)]
struct StructDraft {
    rust_name: String,
    module_name: String,
    docs: Vec<String>,
    fields: Vec<FieldDraft>,
}

/// A model before the final pass.
#[derive(Clone, Debug)]
enum ModelDraft {
    Struct(StructDraft),
    Done(ir::Model),
}

/// Lowers a loaded spec to the IR, or returns every problem found.
pub fn lower(spec: &LoadedSpec) -> Result<Ir, Errors> {
    let mut lowerer = Lowerer::new(spec);
    lowerer.register_component_schemas();
    lowerer.lower_component_schemas();
    let security_schemes = lowerer.lower_security_schemes();
    let apis = lowerer.lower_operations(&security_schemes);
    let servers = lowerer.lower_servers();
    let models = lowerer.finish_models();
    if !lowerer.diagnostics.is_empty() {
        return Err(Errors::new(lowerer.diagnostics));
    }
    let error_bodies = lowerer.error_bodies.iter().map(|name| ir::ErrorBodyVariant { rust_name: name.clone() }).collect();
    Ok(Ir {
        title: spec.document.info.title.clone(),
        models,
        apis,
        error_bodies,
        servers,
        security_schemes,
    })
}

struct Lowerer<'a> {
    spec: &'a LoadedSpec,
    diagnostics: Vec<Diagnostic>,
    /// Component schema key to Rust type name.
    component_names: BTreeMap<String, String>,
    /// Rust type name to the pointer that defined it, for collision reports.
    type_origins: BTreeMap<String, String>,
    /// Module name to the pointer that defined it, for collision reports.
    module_origins: BTreeMap<String, (String, String)>,
    /// Every model, by Rust name.
    models: BTreeMap<String, ModelDraft>,
    /// Schemas used by error responses.
    error_bodies: BTreeSet<String>,
}

impl<'a> Lowerer<'a> {
    fn new(spec: &'a LoadedSpec) -> Self {
        Self {
            spec,
            diagnostics: Vec::new(),
            component_names: BTreeMap::new(),
            type_origins: BTreeMap::new(),
            module_origins: BTreeMap::new(),
            models: BTreeMap::new(),
            error_bodies: BTreeSet::new(),
        }
    }

    fn error(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::new(pointer.as_str(), message));
    }

    fn unsupported(&mut self, pointer: &Pointer, construct: &str) {
        self.error(pointer, format!("unsupported construct: {construct}"));
    }

    /// Reads a key written beside a `$ref`, which openapiv3 drops, from the raw document.
    fn raw_sibling(&self, pointer: &Pointer, key: &str) -> Option<&'a serde_yaml::Value> {
        pointer.resolve(&self.spec.raw).and_then(|node| node.get(key))
    }

    /// Claims a type name and its module for the node at `pointer`; reports a collision with both locations.
    fn claim_type_name(&mut self, rust_name: &str, pointer: &Pointer) -> bool {
        if let Some(existing) = self.type_origins.get(rust_name) {
            let message = format!("type name `{rust_name}` collides with the one from {existing}");
            self.error(pointer, message);
            return false;
        }
        let module_name = naming::module_name(rust_name);
        if let Some((other_type, existing)) = self.module_origins.get(&module_name) {
            let message = format!(
                "type `{rust_name}` and type `{other_type}` from {existing} both map to module `{module_name}`"
            );
            self.error(pointer, message);
            return false;
        }
        self.type_origins.insert(rust_name.to_string(), pointer.to_string());
        self.module_origins.insert(module_name, (rust_name.to_string(), pointer.to_string()));
        true
    }

    // ----- Schemas -----

    fn schema_pointer(name: &str) -> Pointer {
        Pointer::root().child("components").child("schemas").child(name)
    }

    fn register_component_schemas(&mut self) {
        let spec = self.spec;
        let Some(components) = &spec.document.components else { return };
        let names: Vec<String> = components.schemas.keys().cloned().collect();
        for name in names {
            let rust_name = naming::type_name(&name);
            let pointer = Self::schema_pointer(&name);
            if self.claim_type_name(&rust_name, &pointer) {
                self.component_names.insert(name, rust_name);
            }
        }
    }

    fn lower_component_schemas(&mut self) {
        let spec = self.spec;
        let Some(components) = &spec.document.components else { return };
        let entries: Vec<(&String, &ReferenceOr<Schema>)> = components.schemas.iter().collect();
        for (name, schema) in entries {
            let Some(rust_name) = self.component_names.get(name).cloned() else { continue };
            let pointer = Self::schema_pointer(name);
            match schema {
                ReferenceOr::Reference { reference } => {
                    if let Some(target) = self.resolve_schema_reference(reference, &pointer) {
                        let docs = self.docs_beside_reference(&pointer);
                        self.add_alias(&rust_name, docs, TypeRef::Model(target));
                    }
                }
                ReferenceOr::Item(schema) => self.lower_named_schema(&rust_name, &pointer, schema),
            }
        }
    }

    /// Resolves `#/components/schemas/X` to the Rust name of `X`, reporting anything else.
    fn resolve_schema_reference(&mut self, reference: &str, pointer: &Pointer) -> Option<String> {
        let Some(name) = reference.strip_prefix("#/components/schemas/") else {
            let message = if reference.starts_with('#') {
                format!("`$ref` to `{reference}` must point into #/components/schemas")
            } else {
                format!("unsupported construct: `$ref` to another document (`{reference}`)")
            };
            self.error(pointer, message);
            return None;
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        match self.component_names.get(&name) {
            Some(rust_name) => Some(rust_name.clone()),
            None => {
                let exists = self.spec.document.components.as_ref().is_some_and(|components| components.schemas.contains_key(&name));
                if !exists {
                    self.error(pointer, format!("unresolved `$ref`: `{reference}` does not exist"));
                }
                None
            }
        }
    }

    /// The description written beside a `$ref`, which openapiv3 drops.
    fn docs_beside_reference(&self, pointer: &Pointer) -> Vec<String> {
        self.raw_sibling(pointer, "description").and_then(serde_yaml::Value::as_str).map(doc_lines).unwrap_or_default()
    }

    /// Lowers a schema that has a name of its own: a component, or an inline schema named after its parent.
    fn lower_named_schema(&mut self, rust_name: &str, pointer: &Pointer, schema: &Schema) {
        let docs = schema.schema_data.description.as_deref().map(doc_lines).unwrap_or_default();
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => {
                let properties = object.properties.clone();
                self.lower_struct(rust_name, pointer, docs, &properties, &object.required);
            }
            SchemaKind::Any(any) if !any.properties.is_empty() && any.one_of.is_empty() && any.all_of.is_empty() => {
                let properties = any.properties.clone();
                self.lower_struct(rust_name, pointer, docs, &properties, &any.required);
            }
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
                let names = self.enum_variant_names(schema, pointer, values.len());
                self.lower_enum(rust_name, pointer, docs, &values, names.as_deref());
            }
            SchemaKind::OneOf { one_of } => self.lower_one_of(rust_name, pointer, docs, one_of),
            _ => {
                if let Some(target) = self.type_of_unnamed(schema, pointer, rust_name) {
                    self.add_alias(rust_name, docs, target);
                }
            }
        }
    }

    fn add_alias(&mut self, rust_name: &str, docs: Vec<String>, target: TypeRef) {
        let mut imports = BTreeSet::new();
        target.collect_models(&mut imports);
        imports.remove(rust_name);
        let model = ir::AliasModel {
            rust_name: rust_name.to_string(),
            module_name: naming::module_name(rust_name),
            docs,
            target_type: target.render(),
            imports: imports.into_iter().collect(),
        };
        self.models.insert(rust_name.to_string(), ModelDraft::Done(ir::Model::Alias(model)));
    }

    fn lower_struct(
        &mut self,
        rust_name: &str,
        pointer: &Pointer,
        docs: Vec<String>,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
    ) {
        let mut fields = Vec::new();
        let mut field_origins: BTreeMap<String, String> = BTreeMap::new();
        let properties_pointer = pointer.child("properties");
        for (wire_name, property) in properties {
            let property_pointer = properties_pointer.child(wire_name);
            let field_name = naming::snake_case(wire_name);
            if let Some(other) = field_origins.get(&field_name) {
                let message = format!("property `{wire_name}` and property `{other}` both map to field `{field_name}`");
                self.error(&property_pointer, message);
                continue;
            }
            field_origins.insert(field_name.clone(), wire_name.clone());
            let hint = naming::nested_type_name(rust_name, wire_name);
            let (type_ref, nullable, field_docs) = match property {
                ReferenceOr::Reference { reference } => {
                    let Some(target) = self.resolve_schema_reference(reference, &property_pointer) else { continue };
                    let nullable = self.raw_sibling(&property_pointer, "nullable").and_then(serde_yaml::Value::as_bool).unwrap_or(false);
                    (TypeRef::Model(target), nullable, self.docs_beside_reference(&property_pointer))
                }
                ReferenceOr::Item(schema) => {
                    let Some(type_ref) = self.type_of(schema, &property_pointer, &hint) else { continue };
                    let docs = schema.schema_data.description.as_deref().map(doc_lines).unwrap_or_default();
                    (type_ref, schema.schema_data.nullable, docs)
                }
            };
            fields.push(FieldDraft {
                rust_name: field_name,
                wire_name: wire_name.clone(),
                docs: field_docs,
                type_ref,
                required: required.contains(wire_name),
                nullable,
            });
        }
        for name in required {
            if !properties.contains_key(name) {
                self.error(&pointer.child("required"), format!("required property `{name}` is not among the properties"));
            }
        }
        let draft = StructDraft {
            rust_name: rust_name.to_string(),
            module_name: naming::module_name(rust_name),
            docs,
            fields,
        };
        self.models.insert(rust_name.to_string(), ModelDraft::Struct(draft));
    }

    /// The variant names of `x-enum-varnames` (the extension Datadog's documents use to name values
    /// such as `-name` and `name` apart), when present and one per value.
    fn enum_variant_names(&mut self, schema: &Schema, pointer: &Pointer, value_count: usize) -> Option<Vec<String>> {
        let names = schema.schema_data.extensions.get("x-enum-varnames")?;
        let names: Option<Vec<String>> =
            names.as_array().map(|names| names.iter().filter_map(|name| name.as_str().map(str::to_string)).collect());
        match names {
            Some(names) if names.len() == value_count => Some(names),
            _ => {
                self.error(&pointer.child("x-enum-varnames"), "x-enum-varnames must list one string per enum value");
                None
            }
        }
    }

    fn lower_enum(&mut self, rust_name: &str, pointer: &Pointer, docs: Vec<String>, values: &[String], names: Option<&[String]>) {
        let mut variants = Vec::new();
        let mut variant_origins: BTreeMap<String, String> = BTreeMap::new();
        for (index, value) in values.iter().enumerate() {
            let variant = naming::variant_name(names.and_then(|names| names.get(index)).map_or(value, String::as_str));
            if variant == "UnknownValue" {
                self.error(&pointer.child("enum"), format!("enum value `{value}` collides with the catch-all variant `UnknownValue`"));
                continue;
            }
            if let Some(other) = variant_origins.get(&variant) {
                let message = format!("enum values `{value}` and `{other}` both map to variant `{variant}`");
                self.error(&pointer.child("enum"), message);
                continue;
            }
            variant_origins.insert(variant.clone(), value.clone());
            variants.push(ir::EnumVariant { rust_name: variant, wire_name: value.clone() });
        }
        let model = ir::EnumModel {
            rust_name: rust_name.to_string(),
            module_name: naming::module_name(rust_name),
            docs,
            variants,
        };
        self.models.insert(rust_name.to_string(), ModelDraft::Done(ir::Model::Enum(model)));
    }

    fn lower_one_of(&mut self, rust_name: &str, pointer: &Pointer, docs: Vec<String>, members: &[ReferenceOr<Schema>]) {
        let mut variants = Vec::new();
        let mut variant_origins = BTreeSet::new();
        let mut imports = BTreeSet::new();
        let mut tag_candidates: Vec<Option<BTreeMap<String, String>>> = Vec::new();
        let one_of_pointer = pointer.child("oneOf");
        for (index, member) in members.iter().enumerate() {
            let member_pointer = one_of_pointer.child(&index.to_string());
            let (type_ref, tags) = match member {
                ReferenceOr::Reference { reference } => {
                    let Some(target) = self.resolve_schema_reference(reference, &member_pointer) else { continue };
                    (TypeRef::Model(target), self.single_valued_properties(reference))
                }
                ReferenceOr::Item(schema) => {
                    let hint = naming::nested_type_name(rust_name, &format!("option{}", index + 1));
                    let Some(type_ref) = self.type_of(schema, &member_pointer, &hint) else { continue };
                    (type_ref, None)
                }
            };
            let variant_name = variant_name_for_type(&type_ref);
            if !variant_origins.insert(variant_name.clone()) || variant_name == "UnparsedObject" {
                self.error(&member_pointer, format!("two members of the oneOf map to variant `{variant_name}`"));
                continue;
            }
            type_ref.collect_models(&mut imports);
            let boxed = matches!(type_ref, TypeRef::Model(_));
            tag_candidates.push(tags);
            variants.push(ir::OneOfVariant {
                rust_name: variant_name,
                member_type: type_ref.render(),
                boxed,
                tag_value: None,
            });
        }
        let tag_wire_name = shared_tag(&tag_candidates);
        if let Some(tag) = &tag_wire_name {
            for (variant, tags) in variants.iter_mut().zip(&tag_candidates) {
                variant.tag_value = tags.as_ref().and_then(|tags| tags.get(tag)).cloned();
            }
        }
        imports.remove(rust_name);
        let model = ir::OneOfModel {
            rust_name: rust_name.to_string(),
            module_name: naming::module_name(rust_name),
            docs,
            variants,
            tag_wire_name,
            imports: imports.into_iter().collect(),
        };
        self.models.insert(rust_name.to_string(), ModelDraft::Done(ir::Model::OneOf(model)));
    }

    fn component_schema(&self, reference: &str) -> Option<&'a Schema> {
        let name = reference.strip_prefix("#/components/schemas/")?;
        match self.spec.document.components.as_ref()?.schemas.get(name)? {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => self.component_schema(reference),
        }
    }

    /// The required properties of a component object whose schema allows exactly one string value,
    /// with that value: the candidates for a `oneOf` tag.
    fn single_valued_properties(&self, reference: &str) -> Option<BTreeMap<String, String>> {
        let schema = self.component_schema(reference)?;
        let (properties, required) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (&object.properties, &object.required),
            SchemaKind::Any(any) => (&any.properties, &any.required),
            _ => return None,
        };
        let mut tags = BTreeMap::new();
        for name in required {
            let Some(property) = properties.get(name) else { continue };
            let property_schema = match property {
                ReferenceOr::Item(schema) => Some(schema.as_ref()),
                ReferenceOr::Reference { reference } => self.component_schema(reference),
            };
            if let Some(Schema { schema_kind: SchemaKind::Type(Type::String(string)), .. }) = property_schema
                && let [Some(value)] = string.enumeration.as_slice()
            {
                tags.insert(name.clone(), value.clone());
            }
        }
        Some(tags)
    }

    /// The Rust type of an inline schema, creating named models for inline objects, enums and oneOfs.
    fn type_of(&mut self, schema: &Schema, pointer: &Pointer, name_hint: &str) -> Option<TypeRef> {
        let needs_model = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => !object.properties.is_empty(),
            SchemaKind::Type(Type::String(string)) => !string.enumeration.is_empty(),
            SchemaKind::OneOf { .. } => true,
            SchemaKind::Any(any) => !any.properties.is_empty() && any.one_of.is_empty() && any.all_of.is_empty(),
            _ => false,
        };
        if needs_model {
            if !self.claim_type_name(name_hint, pointer) {
                return None;
            }
            self.lower_named_schema(name_hint, pointer, schema);
            return Some(TypeRef::Model(name_hint.to_string()));
        }
        self.type_of_unnamed(schema, pointer, name_hint)
    }

    /// The Rust type of a schema that needs no model of its own: primitives, arrays and maps.
    fn type_of_unnamed(&mut self, schema: &Schema, pointer: &Pointer, name_hint: &str) -> Option<TypeRef> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => Some(match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::Plain("chrono::DateTime<chrono::Utc>"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Plain("chrono::NaiveDate"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Password) => TypeRef::Secret,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => TypeRef::Plain("uuid::Uuid"),
                _ => TypeRef::Plain("String"),
            }),
            SchemaKind::Type(Type::Integer(integer)) => {
                if !integer.enumeration.is_empty() {
                    self.unsupported(pointer, "an integer enum");
                    return None;
                }
                Some(match &integer.format {
                    VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => TypeRef::Plain("i32"),
                    _ => TypeRef::Plain("i64"),
                })
            }
            SchemaKind::Type(Type::Number(number)) => {
                if !number.enumeration.is_empty() {
                    self.unsupported(pointer, "a number enum");
                    return None;
                }
                Some(match &number.format {
                    VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => TypeRef::Plain("f32"),
                    _ => TypeRef::Plain("f64"),
                })
            }
            SchemaKind::Type(Type::Boolean(_)) => Some(TypeRef::Plain("bool")),
            SchemaKind::Type(Type::Array(array)) => {
                let items_pointer = pointer.child("items");
                let item = match &array.items {
                    None => TypeRef::Plain("serde_json::Value"),
                    Some(ReferenceOr::Reference { reference }) => TypeRef::Model(self.resolve_schema_reference(reference, &items_pointer)?),
                    Some(ReferenceOr::Item(item)) => self.type_of(item, &items_pointer, &format!("{name_hint}Item"))?,
                };
                Some(TypeRef::List(Box::new(item)))
            }
            SchemaKind::Type(Type::Object(object)) => {
                let value = self.additional_properties_type(object.additional_properties.as_ref(), pointer, name_hint)?;
                Some(TypeRef::Map(Box::new(value)))
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                let member_pointer = pointer.child("allOf").child("0");
                match &all_of[0] {
                    ReferenceOr::Reference { reference } => Some(TypeRef::Model(self.resolve_schema_reference(reference, &member_pointer)?)),
                    ReferenceOr::Item(member) => self.type_of(member, &member_pointer, name_hint),
                }
            }
            SchemaKind::AllOf { .. } => {
                self.unsupported(&pointer.child("allOf"), "`allOf` with more than one member");
                None
            }
            SchemaKind::AnyOf { .. } => {
                self.unsupported(&pointer.child("anyOf"), "`anyOf`");
                None
            }
            SchemaKind::Not { .. } => {
                self.unsupported(&pointer.child("not"), "`not`");
                None
            }
            SchemaKind::OneOf { .. } => {
                self.error(pointer, "internal: a oneOf reached the unnamed-type path");
                None
            }
            SchemaKind::Any(any) => {
                if !any.all_of.is_empty() || !any.one_of.is_empty() || !any.any_of.is_empty() {
                    self.unsupported(pointer, "a schema that mixes `type` or `properties` with `allOf`, `oneOf` or `anyOf`");
                    return None;
                }
                if any.additional_properties.is_some() {
                    let value = self.additional_properties_type(any.additional_properties.as_ref(), pointer, name_hint)?;
                    return Some(TypeRef::Map(Box::new(value)));
                }
                Some(TypeRef::Plain("serde_json::Value"))
            }
        }
    }

    fn additional_properties_type(
        &mut self,
        additional: Option<&AdditionalProperties>,
        pointer: &Pointer,
        name_hint: &str,
    ) -> Option<TypeRef> {
        let value_pointer = pointer.child("additionalProperties");
        match additional {
            None | Some(AdditionalProperties::Any(_)) => Some(TypeRef::Plain("serde_json::Value")),
            Some(AdditionalProperties::Schema(schema)) => match schema.as_ref() {
                ReferenceOr::Reference { reference } => Some(TypeRef::Model(self.resolve_schema_reference(reference, &value_pointer)?)),
                ReferenceOr::Item(schema) => self.type_of(schema, &value_pointer, &format!("{name_hint}Value")),
            },
        }
    }

    /// The type of a `ReferenceOr<Schema>` used by a parameter, body or response.
    fn type_of_reference_or(&mut self, schema: &ReferenceOr<Schema>, pointer: &Pointer, name_hint: &str) -> Option<TypeRef> {
        match schema {
            ReferenceOr::Reference { reference } => Some(TypeRef::Model(self.resolve_schema_reference(reference, pointer)?)),
            ReferenceOr::Item(schema) => self.type_of(schema, pointer, name_hint),
        }
    }

    // ----- Final pass over models -----

    /// Renders struct fields, boxing those that would make a type contain itself, and sorts the models.
    fn finish_models(&mut self) -> Vec<ir::Model> {
        let mut direct_edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (name, draft) in &self.models {
            let edges = direct_edges.entry(name.clone()).or_default();
            match draft {
                ModelDraft::Struct(draft) => {
                    for field in &draft.fields {
                        if let TypeRef::Model(target) = &field.type_ref {
                            edges.insert(target.clone());
                        }
                    }
                }
                ModelDraft::Done(ir::Model::Alias(alias)) => {
                    edges.insert(alias.target_type.clone());
                }
                ModelDraft::Done(_) => {}
            }
        }
        let eq_blockers = self.models_blocking_eq();
        let drafts = std::mem::take(&mut self.models);
        drafts
            .into_values()
            .map(|draft| match draft {
                ModelDraft::Done(model) => model,
                ModelDraft::Struct(draft) => ir::Model::Struct(finish_struct(draft, &direct_edges, &eq_blockers)),
            })
            .collect()
    }

    /// The models that cannot derive `Eq`, found by following fields until a fixed point.
    fn models_blocking_eq(&self) -> BTreeSet<String> {
        let mut blocked = BTreeSet::new();
        loop {
            let before = blocked.len();
            for (name, draft) in &self.models {
                let blocks = match draft {
                    ModelDraft::Struct(draft) => draft.fields.iter().any(|field| {
                        field.type_ref.blocks_eq() || {
                            let mut named = BTreeSet::new();
                            field.type_ref.collect_models(&mut named);
                            named.iter().any(|model| blocked.contains(model))
                        }
                    }),
                    ModelDraft::Done(ir::Model::OneOf(_)) => true,
                    ModelDraft::Done(ir::Model::Alias(alias)) => {
                        alias.target_type.contains("serde_json::Value")
                            || alias.target_type.contains("BTreeMap")
                            || alias.target_type.starts_with('f')
                            || alias.imports.iter().any(|model| blocked.contains(model))
                    }
                    ModelDraft::Done(_) => false,
                };
                if blocks {
                    blocked.insert(name.clone());
                }
            }
            if blocked.len() == before {
                return blocked;
            }
        }
    }

    // ----- Security and servers -----

    fn lower_security_schemes(&mut self) -> Vec<ir::SecurityScheme> {
        let spec = self.spec;
        let Some(components) = &spec.document.components else { return Vec::new() };
        let mut schemes = Vec::new();
        for (name, scheme) in &components.security_schemes {
            let pointer = Pointer::root().child("components").child("securitySchemes").child(name);
            let ReferenceOr::Item(scheme) = scheme else {
                self.unsupported(&pointer, "a `$ref` to a security scheme");
                continue;
            };
            let (location, description, extensions) = match scheme {
                openapiv3::SecurityScheme::APIKey { location: openapiv3::APIKeyLocation::Header, name: header, description, extensions } => {
                    (format!("crate::client::SecuritySchemeLocation::Header({})", rust_string(header)), description, extensions)
                }
                openapiv3::SecurityScheme::APIKey { .. } => {
                    self.unsupported(&pointer.child("in"), "an API key outside a header");
                    continue;
                }
                openapiv3::SecurityScheme::HTTP { scheme, description, extensions, .. } if scheme.eq_ignore_ascii_case("bearer") => {
                    ("crate::client::SecuritySchemeLocation::Bearer".to_string(), description, extensions)
                }
                openapiv3::SecurityScheme::HTTP { .. } => {
                    self.unsupported(&pointer.child("scheme"), "an HTTP authentication scheme other than bearer");
                    continue;
                }
                openapiv3::SecurityScheme::OAuth2 { description, extensions, .. }
                | openapiv3::SecurityScheme::OpenIDConnect { description, extensions, .. } => {
                    ("crate::client::SecuritySchemeLocation::Bearer".to_string(), description, extensions)
                }
            };
            schemes.push(ir::SecurityScheme {
                wire_name: name.clone(),
                location,
                env_var: extensions.get("x-env-name").and_then(serde_json::Value::as_str).map(str::to_string),
                docs: description.as_deref().map(doc_lines).unwrap_or_default(),
            });
        }
        schemes.sort_by(|left, right| left.wire_name.cmp(&right.wire_name));
        schemes
    }

    fn lower_servers(&mut self) -> Vec<ir::Server> {
        let spec = self.spec;
        let mut servers = Vec::new();
        for server in &spec.document.servers {
            let mut variables: Vec<ir::ServerVariable> = server
                .variables
                .iter()
                .flatten()
                .map(|(name, variable)| ir::ServerVariable {
                    name: name.clone(),
                    default: variable.default.clone(),
                    allowed: variable.enumeration.clone(),
                })
                .collect();
            variables.sort_by(|left, right| left.name.cmp(&right.name));
            servers.push(ir::Server {
                url: server.url.clone(),
                description: server.description.clone().unwrap_or_default(),
                variables,
            });
        }
        servers
    }

    // ----- Operations -----

    fn lower_operations(&mut self, security_schemes: &[ir::SecurityScheme]) -> Vec<ir::Api> {
        let spec = self.spec;
        let document = &spec.document;
        let mut by_tag: BTreeMap<String, Vec<ir::Operation>> = BTreeMap::new();
        let mut imports_by_tag: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut operation_origins: BTreeMap<String, String> = BTreeMap::new();
        let mut function_origins: BTreeMap<String, String> = BTreeMap::new();
        let known_schemes: BTreeSet<&str> = security_schemes.iter().map(|scheme| scheme.wire_name.as_str()).collect();
        for (path, path_item) in &document.paths.paths {
            let path_pointer = Pointer::root().child("paths").child(path);
            let ReferenceOr::Item(path_item) = path_item else {
                self.unsupported(&path_pointer, "a `$ref` to a path item");
                continue;
            };
            for (method, operation) in path_item.iter() {
                let pointer = path_pointer.child(method);
                let Some(operation_id) = operation.operation_id.clone() else {
                    self.error(&pointer, "operation has no operationId");
                    continue;
                };
                if let Some(existing) = operation_origins.get(&operation_id) {
                    let message = format!("duplicate operationId `{operation_id}`, also used by {existing}");
                    self.error(&pointer.child("operationId"), message);
                    continue;
                }
                operation_origins.insert(operation_id.clone(), pointer.to_string());
                let function_name = naming::function_name(&operation_id);
                if let Some(existing) = function_origins.get(&function_name) {
                    let message = format!("operationId `{operation_id}` and the one at {existing} both map to function `{function_name}`");
                    self.error(&pointer.child("operationId"), message);
                    continue;
                }
                function_origins.insert(function_name.clone(), pointer.to_string());
                let Some(tag) = operation.tags.first().cloned() else {
                    self.error(&pointer, "operation has no tag; operations are grouped into API structs by their first tag");
                    continue;
                };
                if let Some((lowered, models)) = self.lower_operation(path, method, operation, &path_item.parameters, &pointer, &known_schemes) {
                    imports_by_tag.entry(tag.clone()).or_default().extend(models);
                    by_tag.entry(tag).or_default().push(lowered);
                }
            }
        }
        let tag_docs: BTreeMap<&str, Vec<String>> = document
            .tags
            .iter()
            .map(|tag| (tag.name.as_str(), tag.description.as_deref().map(doc_lines).unwrap_or_default()))
            .collect();
        let mut apis = Vec::new();
        let mut module_origins: BTreeMap<String, String> = BTreeMap::new();
        for (tag, mut operations) in by_tag {
            operations.sort_by(|left, right| left.function_name.cmp(&right.function_name));
            let module_name = naming::snake_case(&tag);
            if let Some(other) = module_origins.insert(module_name.clone(), tag.clone()) {
                self.error(&Pointer::root().child("tags"), format!("tags `{tag}` and `{other}` both map to module `{module_name}`"));
                continue;
            }
            let imports = imports_by_tag.remove(&tag).unwrap_or_default();
            apis.push(ir::Api {
                docs: tag_docs.get(tag.as_str()).cloned().unwrap_or_default(),
                struct_name: naming::api_struct_name(&tag),
                module_name,
                has_pagination: operations.iter().any(|operation| operation.pagination.is_some()),
                operations,
                imports: imports.into_iter().collect(),
                tag,
            });
        }
        apis
    }

    fn lower_operation(
        &mut self,
        path: &str,
        method: &str,
        operation: &openapiv3::Operation,
        path_level_parameters: &[ReferenceOr<openapiv3::Parameter>],
        pointer: &Pointer,
        known_schemes: &BTreeSet<&str>,
    ) -> Option<(ir::Operation, BTreeSet<String>)> {
        let operation_id = operation.operation_id.clone().unwrap_or_default();
        let errors_before = self.diagnostics.len();
        if !operation.servers.is_empty() {
            self.unsupported(&pointer.child("servers"), "servers on an operation");
        }
        if operation.callbacks.values().next().is_some() {
            self.unsupported(&pointer.child("callbacks"), "callbacks");
        }

        // Parameters: path-level first, overridden by operation-level ones of the same name and location.
        let mut parameters: Vec<(Pointer, openapiv3::Parameter)> = Vec::new();
        let path_pointer = Pointer::root().child("paths").child(path).child("parameters");
        for (index, parameter) in path_level_parameters.iter().enumerate() {
            if let Some(resolved) = self.resolve_parameter(parameter, &path_pointer.child(&index.to_string())) {
                parameters.push(resolved);
            }
        }
        for (index, parameter) in operation.parameters.iter().enumerate() {
            if let Some((parameter_pointer, resolved)) = self.resolve_parameter(parameter, &pointer.child("parameters").child(&index.to_string())) {
                parameters.retain(|(_, existing)| {
                    existing.parameter_data_ref().name != resolved.parameter_data_ref().name
                        || std::mem::discriminant(existing) != std::mem::discriminant(&resolved)
                });
                parameters.push((parameter_pointer, resolved));
            }
        }

        let mut path_parameters = Vec::new();
        let mut required_query_parameters = Vec::new();
        let mut optional_query_parameters = Vec::new();
        let mut argument_origins: BTreeMap<String, String> = BTreeMap::new();
        // The models the operation's signature names, for the API module's `use` line.
        let mut models = BTreeSet::new();
        // Integer defaults by wire name, which pagination uses as the default page size.
        let mut integer_defaults: BTreeMap<String, i64> = BTreeMap::new();
        for (parameter_pointer, parameter) in &parameters {
            let data = parameter.parameter_data_ref();
            let rust_name = naming::snake_case(&data.name);
            if let Some(other) = argument_origins.insert(rust_name.clone(), data.name.clone()) {
                self.error(parameter_pointer, format!("parameters `{}` and `{other}` both map to `{rust_name}`", data.name));
                continue;
            }
            let openapiv3::ParameterSchemaOrContent::Schema(schema) = &data.format else {
                self.unsupported(&parameter_pointer.child("content"), "a parameter described by `content`");
                continue;
            };
            let hint = naming::nested_type_name(&operation_id, &format!("{}_parameter", data.name));
            let Some(type_ref) = self.type_of_reference_or(schema, &parameter_pointer.child("schema"), &hint) else { continue };
            type_ref.collect_models(&mut models);
            let default = match schema {
                ReferenceOr::Item(schema) => schema.schema_data.default.as_ref(),
                ReferenceOr::Reference { reference } => {
                    self.component_schema(reference).and_then(|schema| schema.schema_data.default.as_ref())
                }
            };
            if let Some(default) = default.and_then(serde_json::Value::as_i64) {
                integer_defaults.insert(data.name.clone(), default);
            }
            let docs = data.description.as_deref().map(doc_lines).unwrap_or_default();
            match parameter {
                openapiv3::Parameter::Path { .. } => {
                    if matches!(type_ref, TypeRef::List(_) | TypeRef::Map(_)) {
                        self.unsupported(parameter_pointer, "an array or object path parameter");
                        continue;
                    }
                    let to_wire = match &type_ref {
                        TypeRef::Plain("String") => rust_name.clone(),
                        TypeRef::Secret => format!("{rust_name}.expose()"),
                        other => other.to_wire(&rust_name),
                    };
                    path_parameters.push(ir::Parameter {
                        is_copy: type_ref.is_copy(),
                        to_wire,
                        rust_name,
                        wire_name: data.name.clone(),
                        docs,
                        rust_type: type_ref.render(),
                        repeated: false,
                    });
                }
                openapiv3::Parameter::Query { style, .. } => {
                    if !matches!(style, openapiv3::QueryStyle::Form) || matches!(type_ref, TypeRef::Map(_)) {
                        self.unsupported(parameter_pointer, "a query parameter that is an object or not `style: form`");
                        continue;
                    }
                    let explode = data.explode.unwrap_or(true);
                    let binding = if data.required { rust_name.as_str() } else { "value" };
                    let (to_wire, repeated) = match &type_ref {
                        TypeRef::List(item) if explode => (item.to_wire("item"), true),
                        TypeRef::List(item) => (
                            format!("{binding}.iter().map(|item| {}).collect::<Vec<_>>().join(\",\")", item.to_wire("item")),
                            false,
                        ),
                        other => (other.to_wire(binding), false),
                    };
                    let lowered = ir::Parameter {
                        is_copy: type_ref.is_copy(),
                        rust_name,
                        wire_name: data.name.clone(),
                        docs,
                        rust_type: type_ref.render(),
                        to_wire,
                        repeated,
                    };
                    if data.required {
                        required_query_parameters.push(lowered);
                    } else {
                        optional_query_parameters.push(lowered);
                    }
                }
                openapiv3::Parameter::Header { .. } => {
                    self.unsupported(parameter_pointer, "a header parameter");
                }
                openapiv3::Parameter::Cookie { .. } => {
                    self.unsupported(parameter_pointer, "a cookie parameter");
                }
            }
        }

        // Path parameters in the order they appear in the path template.
        let (path_format, ordered_names) = path_format_and_names(path);
        let mut ordered_path_parameters = Vec::new();
        for name in &ordered_names {
            match path_parameters.iter().position(|parameter: &ir::Parameter| &parameter.wire_name == name) {
                Some(index) => ordered_path_parameters.push(path_parameters.remove(index)),
                None => self.error(pointer, format!("path `{path}` names `{{{name}}}` but no path parameter `{name}` is declared")),
            }
        }
        for parameter in path_parameters {
            self.error(pointer, format!("path parameter `{}` does not appear in path `{path}`", parameter.wire_name));
        }

        let body = self.lower_request_body(operation, &operation_id, pointer, &mut argument_origins).map(|(body, type_ref)| {
            type_ref.collect_models(&mut models);
            body
        });
        let (success_type, success_statuses, error_responses, default_error) = self.lower_responses(operation, &operation_id, pointer);
        if let Some(success_type) = &success_type {
            success_type.collect_models(&mut models);
        }
        models.extend(error_responses.iter().map(|response| response.rust_type.clone()));
        if let Some(default_error) = default_error {
            self.unsupported(&pointer.child("responses").child("default"), &format!("a `default` response (schema `{default_error}`)"));
        }

        let security_source = operation.security.as_ref().or(self.spec.document.security.as_ref());
        let mut security = Vec::new();
        for (index, requirement) in security_source.into_iter().flatten().enumerate() {
            let mut names: Vec<String> = requirement.keys().cloned().collect();
            names.sort();
            for name in &names {
                if !known_schemes.contains(name.as_str()) {
                    self.error(&pointer.child("security").child(&index.to_string()), format!("security scheme `{name}` is not defined"));
                }
            }
            security.push(names);
        }

        let has_optional = !optional_query_parameters.is_empty() || body.as_ref().is_some_and(|body| !body.required);
        let success_has_body = success_type.is_some();
        let success_type = success_type.map(|type_ref| type_ref.render()).unwrap_or_else(|| "()".to_string());
        let pagination = self.lower_pagination(operation, pointer, &optional_query_parameters, &integer_defaults, &success_type, &mut models);

        let mut docs = Vec::new();
        if let Some(summary) = &operation.summary {
            docs.extend(doc_lines(summary));
        }
        if let Some(description) = &operation.description {
            if !docs.is_empty() {
                docs.push(String::new());
            }
            docs.extend(doc_lines(description));
        }
        if operation.deprecated {
            docs.push(String::new());
            docs.push("Deprecated: the spec marks this operation as deprecated.".to_string());
        }

        if self.diagnostics.len() > errors_before {
            return None;
        }
        let query_mutable = !optional_query_parameters.is_empty()
            || required_query_parameters.iter().any(|parameter| parameter.repeated);
        let argument_count = ordered_path_parameters.len()
            + required_query_parameters.len()
            + usize::from(body.as_ref().is_some_and(|body| body.required))
            + usize::from(has_optional);
        let lowered = ir::Operation {
            query_mutable,
            argument_count,
            function_name: naming::function_name(&operation_id),
            static_name: naming::operation_static_name(&operation_id),
            optional_params_name: has_optional.then(|| naming::optional_params_name(&operation_id)),
            operation_id,
            method: method.to_uppercase(),
            path_template: path.to_string(),
            path_format,
            docs,
            path_parameters: ordered_path_parameters,
            required_query_parameters,
            optional_query_parameters,
            body,
            success_type,
            success_has_body,
            success_statuses,
            error_responses,
            security,
            pagination,
        };
        Some((lowered, models))
    }

    fn resolve_parameter(
        &mut self,
        parameter: &ReferenceOr<openapiv3::Parameter>,
        pointer: &Pointer,
    ) -> Option<(Pointer, openapiv3::Parameter)> {
        match parameter {
            ReferenceOr::Item(parameter) => Some((pointer.clone(), parameter.clone())),
            ReferenceOr::Reference { reference } => {
                let Some(name) = reference.strip_prefix("#/components/parameters/") else {
                    self.error(pointer, format!("`$ref` to `{reference}` must point into #/components/parameters"));
                    return None;
                };
                let found = self.spec.document.components.as_ref().and_then(|components| components.parameters.get(name));
                match found {
                    Some(ReferenceOr::Item(parameter)) => {
                        Some((Pointer::root().child("components").child("parameters").child(name), parameter.clone()))
                    }
                    Some(ReferenceOr::Reference { .. }) => {
                        self.unsupported(pointer, "a parameter `$ref` to another `$ref`");
                        None
                    }
                    None => {
                        self.error(pointer, format!("unresolved `$ref`: `{reference}` does not exist"));
                        None
                    }
                }
            }
        }
    }

    fn lower_request_body(
        &mut self,
        operation: &openapiv3::Operation,
        operation_id: &str,
        pointer: &Pointer,
        argument_origins: &mut BTreeMap<String, String>,
    ) -> Option<(ir::RequestBody, TypeRef)> {
        let body = operation.request_body.as_ref()?;
        let body_pointer = pointer.child("requestBody");
        let (body, body_pointer) = match body {
            ReferenceOr::Item(body) => (body.clone(), body_pointer),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/requestBodies/")?;
                match self.spec.document.components.as_ref().and_then(|components| components.request_bodies.get(name)) {
                    Some(ReferenceOr::Item(body)) => (body.clone(), Pointer::root().child("components").child("requestBodies").child(name)),
                    _ => {
                        self.error(&body_pointer, format!("unresolved `$ref`: `{reference}` does not exist"));
                        return None;
                    }
                }
            }
        };
        let Some((media_type, content)) = body.content.iter().find(|(media_type, _)| is_json(media_type)) else {
            let media_types: Vec<&str> = body.content.keys().map(String::as_str).collect();
            self.unsupported(&body_pointer.child("content"), &format!("a request body that is not JSON ({})", media_types.join(", ")));
            return None;
        };
        let schema_pointer = body_pointer.child("content").child(media_type).child("schema");
        let Some(schema) = &content.schema else {
            self.unsupported(&schema_pointer, "a JSON request body without a schema");
            return None;
        };
        let hint = naming::type_name(&format!("{operation_id}Request"));
        let type_ref = self.type_of_reference_or(schema, &schema_pointer, &hint)?;
        if let Some(other) = argument_origins.insert("body".to_string(), "the request body".to_string()) {
            self.error(&body_pointer, format!("the request body and parameter `{other}` both map to `body`"));
        }
        let lowered = ir::RequestBody {
            rust_type: type_ref.render(),
            required: body.required,
            docs: body.description.as_deref().map(doc_lines).unwrap_or_default(),
        };
        Some((lowered, type_ref))
    }

    /// Returns the success type, the success statuses, the error responses grouped by schema, and the
    /// schema of a `default` response.
    fn lower_responses(
        &mut self,
        operation: &openapiv3::Operation,
        operation_id: &str,
        pointer: &Pointer,
    ) -> (Option<TypeRef>, Vec<u16>, Vec<ir::ErrorResponse>, Option<String>) {
        let responses_pointer = pointer.child("responses");
        let mut success_type: Option<TypeRef> = None;
        let mut success_statuses = Vec::new();
        let mut errors_by_type: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut entries: Vec<(String, Option<u16>, &ReferenceOr<openapiv3::Response>)> = Vec::new();
        for (status, response) in &operation.responses.responses {
            match status {
                StatusCode::Code(code) => entries.push((code.to_string(), Some(*code), response)),
                StatusCode::Range(range) => entries.push((format!("{range}XX"), None, response)),
            }
        }
        for (status_text, code, response) in entries {
            let response_pointer = responses_pointer.child(&status_text);
            let Some((response, response_pointer)) = self.resolve_response(response, &response_pointer) else { continue };
            let is_success = match code {
                Some(code) => (200..300).contains(&code),
                None => status_text.starts_with('2'),
            };
            let hint = if is_success {
                naming::type_name(&format!("{operation_id}Response"))
            } else {
                naming::type_name(&format!("{operation_id}{status_text}Response"))
            };
            let type_ref = self.response_type(&response, &response_pointer, &hint, is_success);
            if is_success {
                if let Some(code) = code {
                    success_statuses.push(code);
                }
                match (&success_type, type_ref) {
                    (_, None) => {}
                    (None, Some(type_ref)) => success_type = Some(type_ref),
                    (Some(existing), Some(type_ref)) if *existing == type_ref => {}
                    (Some(existing), Some(type_ref)) => {
                        let message = format!(
                            "unsupported construct: success responses with different schemas (`{}` and `{}`)",
                            existing.render(),
                            type_ref.render()
                        );
                        self.error(&response_pointer, message);
                    }
                }
            } else if let Some(type_ref) = type_ref {
                let TypeRef::Model(name) = &type_ref else {
                    self.unsupported(&response_pointer, "an error response whose schema is not an object, enum or oneOf");
                    continue;
                };
                self.error_bodies.insert(name.clone());
                let pattern = match code {
                    Some(code) => code.to_string(),
                    None => {
                        let hundreds: u16 = status_text[..1].parse().unwrap_or(5);
                        format!("{}..={}", hundreds * 100, hundreds * 100 + 99)
                    }
                };
                errors_by_type.entry(name.clone()).or_default().push(pattern);
            }
        }
        let mut default_error = None;
        if let Some(response) = &operation.responses.default {
            let response_pointer = responses_pointer.child("default");
            if let Some((response, response_pointer)) = self.resolve_response(response, &response_pointer) {
                let hint = naming::type_name(&format!("{operation_id}DefaultResponse"));
                default_error = self.response_type(&response, &response_pointer, &hint, false).map(|type_ref| type_ref.render());
            }
        }
        let error_responses = errors_by_type
            .into_iter()
            .map(|(rust_type, patterns)| ir::ErrorResponse { status_pattern: patterns.join(" | "), rust_type })
            .collect();
        (success_type, success_statuses, error_responses, default_error)
    }

    fn resolve_response(
        &mut self,
        response: &ReferenceOr<openapiv3::Response>,
        pointer: &Pointer,
    ) -> Option<(openapiv3::Response, Pointer)> {
        match response {
            ReferenceOr::Item(response) => Some((response.clone(), pointer.clone())),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/responses/");
                let found = name.and_then(|name| self.spec.document.components.as_ref()?.responses.get(name));
                match (name, found) {
                    (Some(name), Some(ReferenceOr::Item(response))) => {
                        Some((response.clone(), Pointer::root().child("components").child("responses").child(name)))
                    }
                    _ => {
                        self.error(pointer, format!("unresolved `$ref`: `{reference}` does not exist"));
                        None
                    }
                }
            }
        }
    }

    /// The schema type of a response, or `None` when it has no JSON content.
    fn response_type(&mut self, response: &openapiv3::Response, pointer: &Pointer, hint: &str, is_success: bool) -> Option<TypeRef> {
        if response.content.is_empty() {
            return None;
        }
        let Some((media_type, content)) = response.content.iter().find(|(media_type, _)| is_json(media_type)) else {
            if is_success {
                let media_types: Vec<&str> = response.content.keys().map(String::as_str).collect();
                self.unsupported(&pointer.child("content"), &format!("a success response that is not JSON ({})", media_types.join(", ")));
            }
            return None;
        };
        let schema = content.schema.as_ref()?;
        self.type_of_reference_or(schema, &pointer.child("content").child(media_type).child("schema"), hint)
    }

    fn lower_pagination(
        &mut self,
        operation: &openapiv3::Operation,
        pointer: &Pointer,
        optional_parameters: &[ir::Parameter],
        integer_defaults: &BTreeMap<String, i64>,
        success_type: &str,
        models: &mut BTreeSet<String>,
    ) -> Option<ir::Pagination> {
        let extension = operation.extensions.get("x-pagination")?;
        let extension_pointer = pointer.child("x-pagination");
        let text = |key: &str| extension.get(key).and_then(serde_json::Value::as_str).map(str::to_string);
        let (Some(limit_param), Some(results_path)) = (text("limitParam"), text("resultsPath")) else {
            self.error(&extension_pointer, "x-pagination needs `limitParam` and `resultsPath`");
            return None;
        };
        let (cursor_kind, cursor_param) = match (text("pageOffsetParam"), text("pageParam")) {
            (Some(offset), None) => ("offset", offset),
            (None, Some(page)) => ("page_number", page),
            _ if text("cursorParam").is_some() => {
                self.unsupported(&extension_pointer, "cursor-based x-pagination (`cursorParam`)");
                return None;
            }
            _ => {
                self.error(&extension_pointer, "x-pagination needs exactly one of `pageOffsetParam` and `pageParam`");
                return None;
            }
        };
        let find = |wire_name: &str| optional_parameters.iter().find(|parameter| parameter.wire_name == wire_name);
        let (Some(limit), Some(cursor)) = (find(&limit_param), find(&cursor_param)) else {
            let message = format!("x-pagination names `{limit_param}` and `{cursor_param}`, which must both be optional query parameters");
            self.error(&extension_pointer, message);
            return None;
        };
        // Without a default, the server picks the page size and the stream ends at the first empty page.
        let default_page_size = integer_defaults.get(&limit_param).copied();
        if limit.rust_type != "i64" || cursor.rust_type != "i64" {
            self.unsupported(&extension_pointer, "pagination parameters that are not int64");
            return None;
        }
        let (items_expression, item_type) = self.results_path(success_type, &results_path, &extension_pointer)?;
        item_type.collect_models(models);
        Some(ir::Pagination {
            item_type: item_type.render(),
            limit_field: limit.rust_name.clone(),
            limit_type: limit.rust_type.clone(),
            default_page_size,
            cursor_kind: cursor_kind.to_string(),
            cursor_field: cursor.rust_name.clone(),
            cursor_type: cursor.rust_type.clone(),
            items_expression,
        })
    }

    /// The expression that takes the items out of a response along `results_path`, and the item type.
    fn results_path(&mut self, success_type: &str, results_path: &str, pointer: &Pointer) -> Option<(String, TypeRef)> {
        let mut expression = "response".to_string();
        let mut current = success_type.to_string();
        let mut optional_chain = false;
        let segments: Vec<&str> = results_path.split('.').collect();
        for (index, segment) in segments.iter().enumerate() {
            let Some(ModelDraft::Struct(draft)) = self.models.get(&current) else {
                self.error(pointer, format!("resultsPath `{results_path}`: `{current}` is not an object"));
                return None;
            };
            let Some(field) = draft.fields.iter().find(|field| field.wire_name == *segment).cloned() else {
                self.error(pointer, format!("resultsPath `{results_path}`: `{current}` has no property `{segment}`"));
                return None;
            };
            let optional = !field.required || field.nullable;
            let is_last = index + 1 == segments.len();
            expression = match (optional_chain, optional) {
                (false, false) => format!("{expression}.{}", field.rust_name),
                (false, true) => format!("{expression}.{}", field.rust_name),
                (true, false) => format!("{expression}.map(|value| value.{})", field.rust_name),
                (true, true) => format!("{expression}.and_then(|value| value.{})", field.rust_name),
            };
            optional_chain = optional_chain || optional;
            if is_last {
                let TypeRef::List(item) = &field.type_ref else {
                    self.error(pointer, format!("resultsPath `{results_path}` does not lead to an array"));
                    return None;
                };
                if optional_chain {
                    expression = format!("{expression}.unwrap_or_default()");
                }
                return Some((expression, item.as_ref().clone()));
            }
            let TypeRef::Model(next) = &field.type_ref else {
                self.error(pointer, format!("resultsPath `{results_path}`: `{segment}` is not an object"));
                return None;
            };
            current = next.clone();
        }
        None
    }
}

/// Whether a media type is JSON: `application/json`, `application/vnd.api+json` and the like.
fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json")
}

/// Splits a description into lines, trimming trailing white space and blank edges.
fn doc_lines(text: &str) -> Vec<String> {
    let lines: Vec<String> = text.lines().map(|line| line.trim_end().to_string()).collect();
    let start = lines.iter().position(|line| !line.is_empty()).unwrap_or(lines.len());
    let end = lines.iter().rposition(|line| !line.is_empty()).map_or(start, |index| index + 1);
    lines[start..end].to_vec()
}

/// Writes a Rust string literal for any text.
fn rust_string(text: &str) -> String {
    format!("{text:?}")
}

/// The `format!` string of a path template, naming each parameter's Rust variable inline
/// (`/items/{item_id}`), and the parameters' wire names in order.
fn path_format_and_names(path: &str) -> (String, Vec<String>) {
    let mut format = String::new();
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else { break };
        format.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        let name = &rest[start + 1..start + length];
        format.push('{');
        format.push_str(&naming::snake_case(name));
        format.push('}');
        names.push(name.to_string());
        rest = &rest[start + length + 1..];
    }
    format.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    (format, names)
}

/// The variant name of a `oneOf` member: the member's type name, or a name for an inline type.
fn variant_name_for_type(type_ref: &TypeRef) -> String {
    match type_ref {
        TypeRef::Model(name) => name.clone(),
        TypeRef::Secret => "Secret".to_string(),
        TypeRef::Plain(text) => match *text {
            "String" => "String".to_string(),
            "i64" | "i32" => "Integer".to_string(),
            "f64" | "f32" => "Number".to_string(),
            "bool" => "Boolean".to_string(),
            "uuid::Uuid" => "Uuid".to_string(),
            "chrono::DateTime<chrono::Utc>" => "DateTime".to_string(),
            "chrono::NaiveDate" => "Date".to_string(),
            _ => "Value".to_string(),
        },
        TypeRef::List(item) => format!("{}List", variant_name_for_type(item)),
        TypeRef::Map(value) => format!("{}Map", variant_name_for_type(value)),
    }
}

/// The tag property shared by every member, when each member allows one distinct value for it.
fn shared_tag(candidates: &[Option<BTreeMap<String, String>>]) -> Option<String> {
    let first = candidates.first()?.as_ref()?;
    let mut names: Vec<&String> = first.keys().collect();
    // Prefer `type`, the convention of the documents this generator reads.
    names.sort_by_key(|name| (name.as_str() != "type", name.as_str()));
    names.into_iter().find(|name| {
        let mut values = BTreeSet::new();
        candidates.iter().all(|tags| {
            tags.as_ref().and_then(|tags| tags.get(*name)).is_some_and(|value| values.insert(value.clone()))
        })
    })
    .cloned()
}

/// Renders the fields of a struct, boxing fields that would make the type contain itself.
fn finish_struct(
    draft: StructDraft,
    direct_edges: &BTreeMap<String, BTreeSet<String>>,
    eq_blockers: &BTreeSet<String>,
) -> ir::StructModel {
    let mut imports = BTreeSet::new();
    let mut fields = Vec::new();
    let mut uses_json_value = eq_blockers.contains(&draft.rust_name);
    for field in draft.fields {
        field.type_ref.collect_models(&mut imports);
        uses_json_value |= field.type_ref.blocks_eq();
        let boxed = match &field.type_ref {
            TypeRef::Model(target) => reaches(direct_edges, target, &draft.rust_name),
            _ => false,
        };
        fields.push(render_field(field, boxed));
    }
    imports.remove(&draft.rust_name);
    let required_fields = fields.iter().filter(|field| field.required).cloned().collect();
    let optional_fields = fields.iter().filter(|field| !field.required).cloned().collect();
    ir::StructModel {
        rust_name: draft.rust_name,
        module_name: draft.module_name,
        docs: draft.docs,
        fields,
        required_fields,
        optional_fields,
        imports: imports.into_iter().collect(),
        uses_json_value,
    }
}

/// Whether `target` can reach `goal` by direct containment, so that holding it directly would be infinite.
fn reaches(direct_edges: &BTreeMap<String, BTreeSet<String>>, target: &str, goal: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![target.to_string()];
    while let Some(current) = stack.pop() {
        if current == goal {
            return true;
        }
        if !seen.insert(current.clone()) {
            continue;
        }
        if let Some(next) = direct_edges.get(&current) {
            stack.extend(next.iter().cloned());
        }
    }
    false
}

fn render_field(field: FieldDraft, boxed: bool) -> ir::Field {
    let inner = field.type_ref.render();
    let stored = if boxed { format!("Box<{inner}>") } else { inner.clone() };
    let argument_base = if field.type_ref == TypeRef::Secret { "String".to_string() } else { inner };
    let wrap_function = match (&field.type_ref, boxed) {
        (TypeRef::Secret, _) => Some("crate::Secret::new"),
        (_, true) => Some("Box::new"),
        _ => None,
    };
    let wrap = |expression: &str| match wrap_function {
        Some(function) => format!("{function}({expression})"),
        None => expression.to_string(),
    };
    let wrap_option = |expression: &str| match wrap_function {
        Some(function) => format!("{expression}.map({function})"),
        None => expression.to_string(),
    };
    let name = field.rust_name.clone();
    let mut serde_attributes = Vec::new();
    if field.rust_name != field.wire_name {
        serde_attributes.push(format!("rename = {}", rust_string(&field.wire_name)));
    }
    let (declared_type, argument_type, constructor_value, setter_value) = match (field.required, field.nullable) {
        (true, false) => (stored, argument_base, wrap(&name), String::new()),
        (true, true) => (format!("Option<{stored}>"), format!("Option<{argument_base}>"), wrap_option(&name), String::new()),
        (false, false) => {
            serde_attributes.push("skip_serializing_if = \"Option::is_none\"".to_string());
            (format!("Option<{stored}>"), argument_base, "None".to_string(), format!("Some({})", wrap("value")))
        }
        (false, true) => {
            serde_attributes.push("default".to_string());
            serde_attributes.push("with = \"crate::codec::double_option\"".to_string());
            serde_attributes.push("skip_serializing_if = \"Option::is_none\"".to_string());
            (
                format!("Option<Option<{stored}>>"),
                format!("Option<{argument_base}>"),
                "None".to_string(),
                format!("Some({})", wrap_option("value")),
            )
        }
    };
    let constructor_initializer =
        if constructor_value == name { name.clone() } else { format!("{name}: {constructor_value}") };
    ir::Field {
        rust_name: field.rust_name,
        wire_name: field.wire_name,
        docs: field.docs,
        declared_type,
        argument_type,
        constructor_initializer,
        setter_value,
        required: field.required,
        nullable: field.nullable,
        serde_attributes: serde_attributes.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_mapping_table() {
        let table = [
            ("{type: string}", "String"),
            ("{type: string, format: uuid}", "uuid::Uuid"),
            ("{type: string, format: date-time}", "chrono::DateTime<chrono::Utc>"),
            ("{type: string, format: date}", "chrono::NaiveDate"),
            ("{type: string, format: password}", "crate::Secret"),
            ("{type: string, format: email}", "String"),
            ("{type: integer, format: int64}", "i64"),
            ("{type: integer, format: int32}", "i32"),
            ("{type: integer}", "i64"),
            ("{type: number, format: double}", "f64"),
            ("{type: number, format: float}", "f32"),
            ("{type: number}", "f64"),
            ("{type: boolean}", "bool"),
            ("{type: array, items: {type: string}}", "Vec<String>"),
            ("{type: array, items: {type: integer, format: int64}}", "Vec<i64>"),
            ("{type: object}", "std::collections::BTreeMap<String, serde_json::Value>"),
            ("{type: object, additionalProperties: {type: string}}", "std::collections::BTreeMap<String, String>"),
            ("{}", "serde_json::Value"),
        ];
        let spec = crate::load::load("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n").expect("minimal spec loads");
        for (schema_text, expected) in table {
            let schema: Schema = serde_yaml::from_str(schema_text).expect("schema parses");
            let mut lowerer = Lowerer::new(&spec);
            let type_ref = lowerer.type_of(&schema, &Pointer::root(), "Hint").expect("type maps");
            assert_eq!(type_ref.render(), expected, "type of {schema_text}");
            assert!(lowerer.diagnostics.is_empty(), "{schema_text}: {:?}", lowerer.diagnostics);
        }
    }

    #[test]
    fn path_formats_keep_literal_parts() {
        let (format, names) = path_format_and_names("/api/v2/org_connections/{connection_id}/x/{other}");
        assert_eq!(format, "/api/v2/org_connections/{connection_id}/x/{other}");
        assert_eq!(names, vec!["connection_id", "other"]);
    }

    #[test]
    fn json_media_types() {
        for (media_type, expected) in [
            ("application/json", true),
            ("application/vnd.api+json", true),
            ("application/json; charset=utf-8", true),
            ("text/plain", false),
            ("multipart/form-data", false),
        ] {
            assert_eq!(is_json(media_type), expected, "{media_type}");
        }
    }
}
