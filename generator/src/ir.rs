//! The intermediate representation: plain, Rust-ready data that the templates render and nothing else.
//!
//! Every name here is final (`rust_name` for code, `wire_name` for JSON and HTTP), every type is a
//! rendered Rust type, and every list is sorted, so templates neither look anything up nor convert case.

use serde::Serialize;

/// Everything the templates need to write the client crate.
#[derive(Clone, Debug, Serialize)]
pub struct Ir {
    /// The spec's title and version, for module docs.
    pub title: String,
    /// One entry per generated model, sorted by `rust_name`.
    pub models: Vec<Model>,
    /// One entry per tag, sorted by `module_name`.
    pub apis: Vec<Api>,
    /// The schemas used by error responses anywhere in the spec, sorted by `rust_name`.
    pub error_bodies: Vec<ErrorBodyVariant>,
    /// The spec's servers, in spec order (the first is the default).
    pub servers: Vec<Server>,
    /// The security schemes, sorted by `wire_name`.
    pub security_schemes: Vec<SecurityScheme>,
}

/// One generated model type, in its own file `src/models/<module_name>.rs`.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Model {
    /// An object schema: a struct.
    Struct(StructModel),
    /// A string enum schema.
    Enum(EnumModel),
    /// A `oneOf` schema.
    OneOf(OneOfModel),
    /// A schema that is another type under a new name: a primitive, an array or a map.
    Alias(AliasModel),
}

impl Model {
    /// The module (file stem) of the model.
    pub fn module_name(&self) -> &str {
        match self {
            Model::Struct(model) => &model.module_name,
            Model::Enum(model) => &model.module_name,
            Model::OneOf(model) => &model.module_name,
            Model::Alias(model) => &model.module_name,
        }
    }

}

/// A struct model with its fields in spec order.
#[derive(Clone, Debug, Serialize)]
pub struct StructModel {
    /// The type name, for example `AWSAssumeRole`.
    pub rust_name: String,
    /// The module name, for example `aws_assume_role`.
    pub module_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// The required fields, in spec order: the arguments of `new()`.
    pub required_fields: Vec<Field>,
    /// The optional fields, in spec order: one setter each.
    pub optional_fields: Vec<Field>,
    /// Other models this one names, sorted, for its `use` line.
    pub imports: Vec<String>,
    /// Whether any field holds a `serde_json::Value` or a map, which rules out deriving `Eq`.
    pub uses_json_value: bool,
}

/// One struct field.
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    /// The Rust field name, for example `type_`.
    pub rust_name: String,
    /// The JSON property name, for example `type`.
    pub wire_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The declared type of the field, for example `Option<Box<Foo>>`.
    pub declared_type: String,
    /// The type taken by `new()` or by the setter, for example `String` for a secret.
    pub argument_type: String,
    /// The field's initializer in `new()`: `name` (shorthand), `name: expression` or `name: None`.
    pub constructor_initializer: String,
    /// The expression that turns the setter argument `value` into the field value.
    pub setter_value: String,
    /// Whether the property is required by the schema.
    pub required: bool,
    /// Whether the property may be `null`.
    pub nullable: bool,
    /// The serde attributes of the field, without `#[serde(...)]`, joined by `, `; empty when none.
    pub serde_attributes: String,
}

/// A string enum with a catch-all variant for values this version does not know.
#[derive(Clone, Debug, Serialize)]
pub struct EnumModel {
    /// The type name.
    pub rust_name: String,
    /// The module name.
    pub module_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The known values in spec order.
    pub variants: Vec<EnumVariant>,
}

/// One known value of a string enum.
#[derive(Clone, Debug, Serialize)]
pub struct EnumVariant {
    /// The variant name, for example `ActionConnection`.
    pub rust_name: String,
    /// The wire value, for example `action_connection`.
    pub wire_name: String,
}

/// A `oneOf` model: one boxed variant per member, plus a catch-all that keeps unknown JSON.
#[derive(Clone, Debug, Serialize)]
pub struct OneOfModel {
    /// The type name.
    pub rust_name: String,
    /// The module name.
    pub module_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The members in spec order.
    pub variants: Vec<OneOfVariant>,
    /// The JSON property whose value selects the member, when every member has one; otherwise
    /// members are tried in order.
    pub tag_wire_name: Option<String>,
    /// Other models this one names, sorted, for its `use` line.
    pub imports: Vec<String>,
}

/// One member of a `oneOf`.
#[derive(Clone, Debug, Serialize)]
pub struct OneOfVariant {
    /// The variant name: the member's type name, for example `AWSIntegration`.
    pub rust_name: String,
    /// The member type held by the variant, for example `AWSIntegration` or `Vec<String>`.
    pub member_type: String,
    /// Whether the member is boxed (named models are; primitives are not).
    pub boxed: bool,
    /// The tag value that selects this member, when the `oneOf` is tagged.
    pub tag_value: Option<String>,
}

/// A named alias for a primitive, array or map type.
#[derive(Clone, Debug, Serialize)]
pub struct AliasModel {
    /// The type name.
    pub rust_name: String,
    /// The module name.
    pub module_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The aliased type.
    pub target_type: String,
    /// Other models this one names, sorted, for its `use` line.
    pub imports: Vec<String>,
}

/// One API struct: the operations of one tag.
#[derive(Clone, Debug, Serialize)]
pub struct Api {
    /// The tag as the spec writes it, for example `Org Connections`.
    pub tag: String,
    /// The struct name, for example `OrgConnectionsApi`.
    pub struct_name: String,
    /// The module name, for example `org_connections`.
    pub module_name: String,
    /// Documentation lines from the tag's description.
    pub docs: Vec<String>,
    /// The operations, sorted by `function_name`.
    pub operations: Vec<Operation>,
    /// Models this module names, sorted, for its `use` line.
    pub imports: Vec<String>,
    /// Whether any operation streams pages, which needs the `futures` import.
    pub has_pagination: bool,
}

/// One HTTP operation.
#[derive(Clone, Debug, Serialize)]
pub struct Operation {
    /// The operationId, for example `ListOrgConnections`.
    pub operation_id: String,
    /// The function name, for example `list_org_connections`.
    pub function_name: String,
    /// The name of the `static` describing it, for example `LIST_ORG_CONNECTIONS`.
    pub static_name: String,
    /// The HTTP method in upper case, for example `GET`.
    pub method: String,
    /// The path template as the spec writes it.
    pub path_template: String,
    /// The path as a `format!` string with `{}` for each path parameter, in order.
    pub path_format: String,
    /// Documentation lines: summary, description, permissions, errors.
    pub docs: Vec<String>,
    /// Path parameters in path order: the first arguments.
    pub path_parameters: Vec<Parameter>,
    /// Required query parameters, in spec order: arguments after the path parameters.
    pub required_query_parameters: Vec<Parameter>,
    /// Optional query parameters: fields of the optional-parameters struct.
    pub optional_query_parameters: Vec<Parameter>,
    /// The request body argument, when the operation has a body.
    pub body: Option<RequestBody>,
    /// The name of the optional-parameters struct, when there are optional parameters.
    pub optional_params_name: Option<String>,
    /// The success type, `()` when no success response has a schema.
    pub success_type: String,
    /// Whether the success response has a schema to decode.
    pub success_has_body: bool,
    /// The documented success statuses, for example `[200]`.
    pub success_statuses: Vec<u16>,
    /// The documented error responses that have a schema, grouped by schema.
    pub error_responses: Vec<ErrorResponse>,
    /// The security requirements: alternatives (OR) of scheme names (AND).
    pub security: Vec<Vec<String>>,
    /// Pagination, when the operation declares `x-pagination`.
    pub pagination: Option<Pagination>,
    /// Whether the query vector is pushed to after it is created (optional or repeated parameters).
    pub query_mutable: bool,
    /// How many arguments the operation function takes besides `self`.
    pub argument_count: usize,
}

/// One parameter of an operation.
#[derive(Clone, Debug, Serialize)]
pub struct Parameter {
    /// The Rust name, for example `page_size`.
    pub rust_name: String,
    /// The wire name, for example `page[size]`.
    pub wire_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The Rust type, for example `i64`.
    pub rust_type: String,
    /// The expression that gives the text sent: for path parameters something that borrows as `&str`;
    /// for required query parameters a `String` built from the argument; for optional query parameters
    /// a `String` built from `value`; for repeated parameters a `String` built from `item`.
    pub to_wire: String,
    /// Whether an array parameter is sent as one repeated name per item (`explode`).
    pub repeated: bool,
    /// Whether the type is `Copy`, so that it is passed on without `clone()`.
    pub is_copy: bool,
}

/// The request body of an operation.
#[derive(Clone, Debug, Serialize)]
pub struct RequestBody {
    /// The Rust type of the body.
    pub rust_type: String,
    /// Whether the body is required; optional bodies live in the optional-parameters struct.
    pub required: bool,
    /// Documentation lines.
    pub docs: Vec<String>,
}

/// The error statuses that share one error schema.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorResponse {
    /// The match pattern, for example `400 | 403 | 404` or `400..=499`.
    pub status_pattern: String,
    /// The error schema's Rust type.
    pub rust_type: String,
}

/// How an operation pages through results, from `x-pagination`.
#[derive(Clone, Debug, Serialize)]
pub struct Pagination {
    /// The item type of the stream.
    pub item_type: String,
    /// The field of the optional parameters holding the page size.
    pub limit_field: String,
    /// The Rust type of the page-size parameter.
    pub limit_type: String,
    /// The default page size from the spec; without one the server decides and the stream ends at
    /// the first empty page.
    pub default_page_size: Option<i64>,
    /// `offset` or `page_number`: how the next page is requested.
    pub cursor_kind: String,
    /// The field of the optional parameters holding the offset or the page number.
    pub cursor_field: String,
    /// The Rust type of the cursor parameter.
    pub cursor_type: String,
    /// The expression that takes the items out of the response (bound as `response`).
    pub items_expression: String,
}

/// One variant of the crate's `ErrorBody` enum.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorBodyVariant {
    /// The error schema's Rust type, also the variant name.
    pub rust_name: String,
}

/// One server URL template.
#[derive(Clone, Debug, Serialize)]
pub struct Server {
    /// The URL template, for example `https://{subdomain}.{site}`.
    pub url: String,
    /// The description.
    pub description: String,
    /// The template variables, sorted by name.
    pub variables: Vec<ServerVariable>,
}

/// One variable of a server URL template.
#[derive(Clone, Debug, Serialize)]
pub struct ServerVariable {
    /// The variable name.
    pub name: String,
    /// The default value.
    pub default: String,
    /// The allowed values; empty when any value is allowed.
    pub allowed: Vec<String>,
}

/// One security scheme.
#[derive(Clone, Debug, Serialize)]
pub struct SecurityScheme {
    /// The scheme name as the spec writes it, for example `apiKeyAuth`.
    pub wire_name: String,
    /// The runtime location expression, for example `crate::client::SecuritySchemeLocation::Header("DD-API-KEY")`.
    pub location: String,
    /// The environment variable holding the credential, from `x-env-name`.
    pub env_var: Option<String>,
    /// The description.
    pub docs: Vec<String>,
}
