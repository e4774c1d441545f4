//! APIs and their operations: parameters, request bodies, responses and pagination.

use serde::{Deserialize, Serialize};

use super::Type;

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
