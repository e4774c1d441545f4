//! The intermediate representation: typed, sorted data that says what each generated item is.
//!
//! Every name here is final (`rust_name` for code, `wire_name` for JSON and HTTP), and every list
//! is sorted, so templates neither look anything up nor convert case. Types, parameter locations,
//! body kinds, status matches and pagination kinds are enums: the Rust spelling of each lives in one
//! place on the render side (`render::spelling`), and no behaviour depends on a rendered string.

use serde::{Deserialize, Serialize};

/// Everything the templates need to write the client crate.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Ir {
    /// The crate being generated: its names and the spec it comes from.
    pub package: Package,
    /// One entry per generated model, sorted by `rust_name`.
    pub models: Vec<Model>,
    /// The models grouped by the set of features that compile them, for `models/mod.rs`.
    pub model_groups: Vec<ModelGroup>,
    /// One entry per tag, sorted by `module_name`.
    pub apis: Vec<Api>,
    /// The models used by error responses anywhere in the spec, sorted by `rust_name`.
    pub error_bodies: Vec<ErrorBodyVariant>,
    /// The spec's servers, and the server lists of operations and path items that have their own.
    pub servers: Servers,
    /// The security schemes, sorted by `wire_name`.
    pub security_schemes: Vec<SecurityScheme>,
    /// The `Configuration` settings the spec defines: credentials and server variables.
    pub settings: Vec<Setting>,
    /// The cargo features: one per API, sorted by name.
    pub features: Vec<Feature>,
    /// Whether any operation is marked unstable (`x-unstable`).
    pub has_unstable_operations: bool,
    /// The operation the crate's guide shows, as indices into `apis` and its `operations`.
    pub featured: Option<(usize, usize)>,
}

/// The crate being generated.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Package {
    /// The package name, for example `datadog-client`.
    pub name: String,
    /// The library name, for example `datadog_client`.
    pub library_name: String,
    /// The spec's title.
    pub title: String,
    /// The spec's version (`info.version`).
    pub api_version: String,
    /// The spec's description, as doc lines.
    pub docs: Vec<String>,
    /// The path of the spec that was read, as the `@generated` header names it.
    pub spec_path: String,
    /// Whether the crate stands alone (`--out`) rather than being this workspace's member.
    pub standalone: bool,
}

/// A Rust type, before spelling.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Type {
    /// A JSON string.
    String,
    /// A JSON integer of the given size.
    Integer {
        /// The Rust integer type.
        format: IntegerFormat,
    },
    /// A JSON number of the given precision.
    Number {
        /// The Rust float type.
        format: NumberFormat,
    },
    /// A JSON boolean.
    Boolean,
    /// A string with `format: uuid`.
    Uuid,
    /// A string with `format: date-time`.
    DateTime,
    /// A string with `format: date`.
    Date,
    /// A string with `format: password`: redacted in `Debug`, sent as is.
    Secret,
    /// Raw octets: a binary request or response body.
    Bytes,
    /// A file sent as one part of a `multipart/form-data` body.
    File,
    /// Any JSON value.
    Json,
    /// A generated model, by its Rust name.
    Model {
        /// The model's `rust_name`.
        name: String,
    },
    /// A JSON array.
    List {
        /// The item type.
        item: Box<Type>,
    },
    /// A JSON object with arbitrary keys.
    Map {
        /// The value type.
        value: Box<Type>,
    },
    /// A value that may also be `null`, where the position has no `Option` of its own (list
    /// items, map values, union members).
    Nullable {
        /// The type of the non-null value.
        inner: Box<Type>,
    },
}

impl Type {
    /// Adds the name of every model this type names.
    pub fn collect_models(&self, into: &mut std::collections::BTreeSet<String>) {
        match self {
            Type::Model { name } => {
                into.insert(name.clone());
            }
            Type::List { item } => item.collect_models(into),
            Type::Map { value } => value.collect_models(into),
            Type::Nullable { inner } => inner.collect_models(into),
            _ => {}
        }
    }

    /// The model this type is, if it is one.
    pub fn model_name(&self) -> Option<&str> {
        match self {
            Type::Model { name } => Some(name),
            _ => None,
        }
    }

    /// A model type.
    pub fn model(name: impl Into<String>) -> Self {
        Type::Model { name: name.into() }
    }

    /// A list type.
    pub fn list(item: Type) -> Self {
        Type::List {
            item: Box::new(item),
        }
    }

    /// A map type.
    pub fn map(value: Type) -> Self {
        Type::Map {
            value: Box::new(value),
        }
    }

    /// A type that may also be `null`; a type that already may is kept as it is.
    pub fn nullable(inner: Type) -> Self {
        match inner {
            Type::Nullable { .. } | Type::Json => inner,
            other => Type::Nullable {
                inner: Box::new(other),
            },
        }
    }
}

/// The Rust integer types an OpenAPI integer maps to, by `format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegerFormat {
    /// `int8`.
    I8,
    /// `int16`.
    I16,
    /// `int32`.
    I32,
    /// `int64`, and integers without a format.
    I64,
    /// `uint8`.
    U8,
    /// `uint16`.
    U16,
    /// `uint32`.
    U32,
    /// `uint64`.
    U64,
}

/// The Rust float types an OpenAPI number maps to, by `format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberFormat {
    /// `float`.
    F32,
    /// `double`, and numbers without a format.
    F64,
}

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

/// One cargo feature of the generated crate.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Feature {
    /// The feature name, for example `org-connections`.
    pub name: String,
    /// The API module it compiles.
    pub api_module: String,
}

/// One API struct: the operations of one tag.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Api {
    /// The tag as the spec writes it, for example `Org Connections`.
    pub tag: String,
    /// The struct name, for example `OrgConnectionsApi`.
    pub struct_name: String,
    /// The name of the struct of test doubles, for example `OrgConnectionsMock`.
    pub mock_name: String,
    /// The module name, for example `org_connections`.
    pub module_name: String,
    /// The cargo feature that compiles it, for example `org-connections`.
    pub feature: String,
    /// Documentation lines from the tag's description.
    pub docs: Vec<String>,
    /// The operations, sorted by `function_name`.
    pub operations: Vec<Operation>,
    /// Whether any operation streams pages.
    pub has_pagination: bool,
    /// Whether the module names any model, so that it imports `crate::models`.
    pub uses_models: bool,
    /// The distinct error tables of the operations, each a `const` the operations share.
    pub error_tables: Vec<ErrorTable>,
}

/// A list of documented error responses that operations of one API share.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ErrorTable {
    /// The name of the `const`, for example `ERRORS_1`.
    pub name: String,
    /// The error responses.
    pub errors: Vec<ErrorResponse>,
}

/// One HTTP operation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Operation {
    /// The operationId, or the name derived from the method and path when the spec gives none.
    pub operation_id: String,
    /// The function name, for example `list_org_connections`.
    pub function_name: String,
    /// The name of the `static` describing it, for example `LIST_ORG_CONNECTIONS`.
    pub static_name: String,
    /// The HTTP method.
    pub method: Method,
    /// The path template as the spec writes it.
    pub path_template: String,
    /// The summary, as doc lines.
    pub summary: Vec<String>,
    /// The description, as doc lines.
    pub description: Vec<String>,
    /// The required parameters, in argument order: path parameters in path order, then the others
    /// in spec order.
    pub required_parameters: Vec<Parameter>,
    /// The optional parameters, in spec order: fields of the optional-parameters struct.
    pub optional_parameters: Vec<Parameter>,
    /// The name of the optional-parameters struct, when there are optional parameters or an
    /// optional body.
    pub optional_params_name: Option<String>,
    /// The request body, when the operation has one.
    pub body: Option<RequestBody>,
    /// The responses.
    pub responses: Responses,
    /// The name of the error table in the API module that holds `responses.errors`.
    pub error_table: String,
    /// The security requirements: alternatives (any one will do) of scheme names (all needed).
    pub security: Vec<Vec<String>>,
    /// The name of the server list in `crate::servers` the operation is sent to.
    pub servers: String,
    /// Pagination, when the operation declares it.
    pub pagination: Option<Pagination>,
    /// The deprecation note, when the operation is deprecated.
    pub deprecated: Option<String>,
    /// The spec's note when the operation is unstable (`x-unstable`).
    pub unstable: Option<Vec<String>>,
    /// Lines of the spec's `x-permission` or scopes, shown in the docs.
    pub permission_docs: Vec<String>,
    /// How many arguments the operation function takes besides `self`.
    pub argument_count: usize,
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
}

/// One parameter of an operation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Parameter {
    /// The Rust name, for example `page_size`.
    pub rust_name: String,
    /// The wire name, for example `page[size]`.
    pub wire_name: String,
    /// The name of the setter on the optional-parameters struct.
    pub setter_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Where the parameter goes.
    pub location: ParameterLocation,
    /// How its value is serialized.
    pub style: ParameterStyle,
    /// Whether arrays and objects are exploded into one name per item or property.
    pub explode: bool,
    /// Whether reserved characters are sent unencoded (`allowReserved`, query only).
    pub allow_reserved: bool,
    /// Whether the parameter is required.
    pub required: bool,
    /// The value type.
    pub ty: Type,
    /// The deprecation note, when the parameter is deprecated.
    pub deprecated: Option<String>,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParameterLocation {
    /// A segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// The `Cookie` header.
    Cookie,
}

/// How a parameter's value is serialized (OpenAPI `style`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParameterStyle {
    /// `simple`: comma-separated (path and header default).
    Simple,
    /// `label`: `.`-prefixed (path).
    Label,
    /// `matrix`: `;name=`-prefixed (path).
    Matrix,
    /// `form`: `name=value` (query and cookie default).
    Form,
    /// `spaceDelimited`: items joined by spaces (query).
    SpaceDelimited,
    /// `pipeDelimited`: items joined by `|` (query).
    PipeDelimited,
    /// `deepObject`: `name[property]=value` (query).
    DeepObject,
    /// A parameter given by `content` with a JSON media type: the value's JSON text.
    Json,
}

/// The request body of an operation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RequestBody {
    /// How the body is encoded.
    pub kind: BodyKind,
    /// The media type sent as `Content-Type`.
    pub media_type: String,
    /// The type of the body argument.
    pub ty: Type,
    /// Whether the body is required; an optional body lives in the optional-parameters struct.
    pub required: bool,
    /// Documentation lines.
    pub docs: Vec<String>,
}

/// How a request body is encoded.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BodyKind {
    /// JSON (`application/json`, `+json`, `text/json`).
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`, one part per field of the body struct.
    Multipart {
        /// The parts, in spec order.
        parts: Vec<MultipartPart>,
    },
    /// Raw octets (`application/octet-stream`, images, PDF, ...).
    Binary,
    /// Text (`text/plain`, XML, ...).
    Text,
}

/// One part of a `multipart/form-data` body: a field of the body struct.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MultipartPart {
    /// The part name.
    pub wire_name: String,
    /// The field of the body struct.
    pub rust_name: String,
    /// How the part is encoded.
    pub kind: PartKind,
    /// Whether the field is required (otherwise it is an `Option`, and absent parts are left out).
    pub required: bool,
    /// Whether the field is a list, sent as one part per item.
    pub repeated: bool,
}

/// How one multipart part is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// A file, with its name and content type.
    File,
    /// A primitive value, as text.
    Text,
    /// An object or array, as `application/json`.
    Json,
}

/// What an operation's responses decode to.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Responses {
    /// The body of a success (2xx) response.
    pub success: SuccessBody,
    /// The documented success statuses, for the docs.
    pub success_statuses: Vec<StatusMatch>,
    /// The documented error responses, grouped by body model, in status order.
    pub errors: Vec<ErrorResponse>,
    /// The media types the operation accepts, for the `Accept` header, most preferred first.
    pub accept: Vec<String>,
}

/// The body of a success response.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SuccessBody {
    /// No body: the operation returns `()`.
    Empty,
    /// A JSON body of the given type.
    Json {
        /// The decoded type.
        ty: Type,
    },
    /// A text body, returned as `String`.
    Text,
    /// A binary body, returned as bytes.
    Binary,
    /// Different bodies for different statuses: an enum with one variant per status.
    ByStatus {
        /// The enum's name, in the API module.
        enum_name: String,
        /// The variants, in status order; the last one also takes undocumented 2xx statuses.
        variants: Vec<StatusVariant>,
    },
}

/// One variant of a per-status success enum.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StatusVariant {
    /// The status it matches.
    pub status: StatusMatch,
    /// The variant name, for example `Created`.
    pub rust_name: String,
    /// The body: `Json`, `Text`, `Binary` or `Empty`.
    pub body: Box<SuccessBody>,
}

/// A documented error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorResponse {
    /// The statuses it covers.
    pub statuses: Vec<StatusMatch>,
    /// The model of its body, when the spec gives one that is a named model.
    pub model: Option<String>,
}

/// A response key: an exact status, a range such as `4XX`, or `default`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum StatusMatch {
    /// One status, for example 404.
    Code(u16),
    /// A range of a hundred statuses, by its first digit: 4 is `4XX`.
    Range(u16),
    /// Every status that no other key matches.
    Default,
}

/// How an operation pages through results.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pagination {
    /// How the next page is requested.
    pub kind: PaginationKind,
    /// Where the page-size parameter is, when the operation has one.
    pub limit: Option<PaginationTarget>,
    /// The default page size from the spec; without one, the server decides and the stream ends at
    /// the first empty page.
    pub default_page_size: Option<i64>,
    /// The steps from the response to the list of items; empty when the response is the list.
    pub results: Vec<Step>,
    /// The item type of the stream.
    pub item_type: Type,
}

/// How the next page is requested.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaginationKind {
    /// By the offset of the first item.
    Offset {
        /// Where the offset goes.
        target: PaginationTarget,
    },
    /// By page number.
    PageNumber {
        /// Where the page number goes.
        target: PaginationTarget,
        /// The number of the first page.
        first_page: i64,
    },
    /// By an opaque cursor that the response gives.
    Cursor {
        /// Where the cursor goes.
        target: PaginationTarget,
        /// The steps from the response to the next cursor.
        cursor_path: Vec<Step>,
    },
}

/// Where a pagination value is set in the request.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaginationTarget {
    /// A required parameter, by its Rust name.
    Required {
        /// The argument name.
        name: String,
        /// The value type.
        ty: Type,
    },
    /// A field of the optional-parameters struct.
    Optional {
        /// The field name.
        name: String,
        /// The value type.
        ty: Type,
    },
    /// A field inside the request body, through optional structs that are created when absent.
    Body {
        /// Whether the body itself is optional (in the optional-parameters struct).
        optional_body: bool,
        /// The steps from the body to the field; every step but the last is a struct.
        steps: Vec<Step>,
        /// The value type.
        ty: Type,
    },
}

/// One step through a struct: a field, and whether it is an `Option` (or a double `Option`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Step {
    /// The field's Rust name.
    pub rust_name: String,
    /// Whether the field is an `Option`.
    pub optional: bool,
    /// Whether the field is an `Option<Option<_>>` (optional and nullable).
    pub double_optional: bool,
    /// Whether the field is boxed.
    pub boxed: bool,
}

/// One variant of the crate's `ErrorBody` enum.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ErrorBodyVariant {
    /// The error model's Rust name, also the variant name.
    pub rust_name: String,
    /// The features any of which compiles the model.
    pub features: Vec<String>,
}

/// The server lists of the spec.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Servers {
    /// The document's servers, in spec order (the first is the default).
    pub default: Vec<Server>,
    /// The other server lists (of path items and operations), each under its own name.
    pub overrides: Vec<ServerList>,
}

/// A named server list of a path item or an operation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ServerList {
    /// The name of the `static`, for example `SERVERS_SUBMIT_LOG`.
    pub static_name: String,
    /// The servers, in spec order.
    pub servers: Vec<Server>,
}

/// One server URL template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Server {
    /// The URL template, for example `https://{subdomain}.{site}`.
    pub url: String,
    /// The description.
    pub description: String,
    /// The template variables, sorted by name.
    pub variables: Vec<ServerVariable>,
}

/// One variable of a server URL template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServerVariable {
    /// The variable name.
    pub name: String,
    /// The default value.
    pub default: String,
    /// The allowed values; empty when any value is allowed.
    pub allowed: Vec<String>,
}

/// One security scheme.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SecurityScheme {
    /// The scheme name as the spec writes it, for example `apiKeyAuth`.
    pub wire_name: String,
    /// How the credential is sent.
    pub kind: SecuritySchemeKind,
    /// The `Configuration` setting that holds the credential.
    pub setting: String,
    /// Documentation lines.
    pub docs: Vec<String>,
}

/// How a security scheme sends its credential.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SecuritySchemeKind {
    /// An API key in a header, the query or a cookie.
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// The header, query parameter or cookie name.
        name: String,
    },
    /// HTTP basic authentication.
    Basic,
    /// A bearer token (HTTP bearer, OAuth2 or OpenID Connect).
    Bearer,
    /// A scheme this client cannot apply (for example HTTP digest); an operation that needs only
    /// it is sent without credentials, for a hook to sign.
    Unsupported {
        /// What the scheme is.
        description: String,
    },
}

/// Where an API key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// A `Configuration` setting the spec defines: a credential or a server variable.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Setting {
    /// The setting's name: `with_<name>` sets it and `<name>()` reads it, for example `api_key`.
    pub name: String,
    /// What kind of value it holds.
    pub kind: SettingKind,
    /// The environment variable `Configuration::new` reads it from, from `x-env-name`.
    pub env_var: Option<String>,
    /// Documentation lines for the setter, from the spec.
    pub docs: Vec<String>,
    /// How each scheme that uses the credential sends it, as Markdown fragments such as
    /// ``in the `DD-API-KEY` header (security scheme `apiKeyAuth`)``.
    pub usage: Vec<String>,
}

/// What a setting holds.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SettingKind {
    /// An API key, for the listed schemes.
    ApiKey {
        /// The schemes that use it.
        schemes: Vec<String>,
    },
    /// A bearer token, for the listed schemes.
    Token {
        /// The schemes that use it.
        schemes: Vec<String>,
    },
    /// A user name and password, for the listed schemes.
    Basic {
        /// The schemes that use it.
        schemes: Vec<String>,
    },
    /// A server variable, by name, with its default and allowed values (from the first server
    /// that declares it).
    ServerVariable {
        /// The variable name.
        variable: String,
        /// The default value.
        default: String,
        /// The allowed values; empty when any value is allowed.
        allowed: Vec<String>,
    },
}
