//! Generated models: structs, enums, unions and aliases, and the feature groups of models.

use serde::{Deserialize, Serialize};

use super::Type;

/// One generated model type, in its own file `src/models/<module_name>.rs`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Model {
    /// An object schema: a struct.
    Struct(StructModel),
    /// A string or integer enum.
    Enum(EnumModel),
    /// A `oneOf` or `anyOf`: an enum with one variant per member.
    Union(UnionModel),
    /// A schema that is another type under a new name.
    Alias(AliasModel),
}

impl Model {
    /// The type name of the model.
    pub fn rust_name(&self) -> &str {
        match self {
            Model::Struct(model) => &model.rust_name,
            Model::Enum(model) => &model.rust_name,
            Model::Union(model) => &model.rust_name,
            Model::Alias(model) => &model.rust_name,
        }
    }

    /// The module (file stem) of the model.
    pub fn module_name(&self) -> &str {
        match self {
            Model::Struct(model) => &model.module_name,
            Model::Enum(model) => &model.module_name,
            Model::Union(model) => &model.module_name,
            Model::Alias(model) => &model.module_name,
        }
    }
}

/// A struct model with its fields in spec order.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StructModel {
    /// The type name, for example `AWSAssumeRole`.
    pub rust_name: String,
    /// The module name, for example `aws_assume_role`.
    pub module_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The deprecation note, when the schema is deprecated.
    pub deprecated: Option<String>,
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// The type of properties not listed (`additionalProperties`), kept in a map; `None` when the
    /// schema does not describe them (unknown properties are then ignored).
    pub additional_properties: Option<Type>,
    /// The Rust name of the field holding additional properties.
    pub additional_properties_field: String,
    /// Whether every field type is `Eq`.
    pub derive_eq: bool,
    /// Whether the struct has no required field, so that it derives `Default`.
    pub derive_default: bool,
    /// Whether any field or setter is deprecated, so that the impl block allows using them.
    pub uses_deprecated: bool,
    /// Whether the struct is the body of a `multipart/form-data` request, which is never JSON: it
    /// holds files and derives no serde traits.
    pub is_form: bool,
    /// Other models this one names, sorted, for its `use` line.
    pub imports: Vec<String>,
}

impl StructModel {
    /// The required fields, in spec order: the arguments of `new()`.
    pub fn required_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|field| field.required)
    }
}

/// One struct field.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Field {
    /// The Rust field name, for example `type_`.
    pub rust_name: String,
    /// The JSON property name, for example `type`.
    pub wire_name: String,
    /// The name of the setter of an optional field (the field name, unless that would clash with a
    /// generated method such as `new`).
    pub setter_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The value type.
    pub ty: Type,
    /// Whether the property is required by the schema.
    pub required: bool,
    /// Whether the property may be `null`.
    pub nullable: bool,
    /// Whether the value is boxed, because the type would otherwise contain itself.
    pub boxed: bool,
    /// The deprecation note, when the property is deprecated.
    pub deprecated: Option<String>,
}

/// A string or integer enum, with a catch-all variant for values this version does not know.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnumModel {
    /// The type name.
    pub rust_name: String,
    /// The module name.
    pub module_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The deprecation note, when the schema is deprecated.
    pub deprecated: Option<String>,
    /// Whether the values are strings or integers.
    pub value_kind: EnumValueKind,
    /// The known values in spec order.
    pub variants: Vec<EnumVariant>,
}

/// The JSON type of an enum's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumValueKind {
    /// String values.
    String,
    /// Integer values.
    Integer,
}

/// One known value of an enum.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnumVariant {
    /// The variant name, for example `ActionConnection`.
    pub rust_name: String,
    /// The wire value, for example `action_connection` or `3`.
    pub value: EnumValue,
}

/// An enum value as it is sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum EnumValue {
    /// A string value.
    String(String),
    /// An integer value.
    Integer(i64),
}

/// A `oneOf` or `anyOf` model: one variant per member, plus a catch-all that keeps unknown JSON.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UnionModel {
    /// The type name.
    pub rust_name: String,
    /// The module name.
    pub module_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The deprecation note, when the schema is deprecated.
    pub deprecated: Option<String>,
    /// The members in spec order.
    pub variants: Vec<UnionVariant>,
    /// The JSON property whose value selects the member, when every member has one; otherwise the
    /// members are tried in order.
    pub tag: Option<String>,
    /// Other models this one names, sorted, for its `use` line.
    pub imports: Vec<String>,
}

/// One member of a union.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UnionVariant {
    /// The variant name: the member's type name, for example `AWSIntegration`.
    pub rust_name: String,
    /// The member type held by the variant.
    pub ty: Type,
    /// Whether the member is boxed (models are; primitives are not).
    pub boxed: bool,
    /// The tag value that selects this member, when the union is tagged.
    pub tag_value: Option<String>,
}

/// A named alias for another type.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AliasModel {
    /// The type name.
    pub rust_name: String,
    /// The module name.
    pub module_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The aliased type.
    pub target: Type,
    /// Whether the alias is recursive (`A` is a list of `A`), so that it must be a newtype struct:
    /// a type alias cannot name itself.
    pub newtype: bool,
    /// Whether the newtype can derive `Eq`.
    pub derive_eq: bool,
    /// Other models this one names, sorted, for its `use` line.
    pub imports: Vec<String>,
}

/// The models that compile under one set of features.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ModelGroup {
    /// The features, any of which compiles the group; empty for models no operation reaches, which
    /// compile with every feature set.
    pub features: Vec<String>,
    /// The models, as `(module_name, rust_name)`, sorted.
    pub models: Vec<(String, String)>,
}
