//! Macros that the generated models and APIs expand, so that the repetitive items they declare
//! (setters, operation descriptions, error tables) take one line each in the generated source.
//!
//! This module is written by hand and holds no spec data.

/// Implements the constructor and the setters of a generated struct: `new` takes the required
/// fields, and one setter per optional field stores its argument in the field's `Option` and
/// returns the struct.
///
/// The input is the struct's name, then, for a model, `new(entry, ...)` with one entry per required
/// field (in the order `new` takes them) and `extra field` when a map of the properties the schema
/// does not list starts empty; `;`; then one entry per optional field. An entry is
/// `field: kind Type`, or `field as setter: kind Type` when the setter's name is not the field's.
/// The kind says how the argument of type `Type` becomes the stored value: `plain` (as it is),
/// `into` (the argument is `impl Into<Type>`), `boxed` (`Box::new`), `boxed_option` (an `Option`
/// whose content is boxed), `secret` (the argument is `impl Into<Type>`, kept in a
/// `crate::Secret`) and `secret_option`. Attributes before the name go on the `impl` block;
/// attributes before an entry (`#[deprecated]`) go on its setter. Each setter's doc links to its
/// field's. Without `new(...)` (the optional parameters of an operation), only the setters are
/// declared and `Default` is the constructor.
// A spec without models of this kind leaves the macro unused; that is not a mistake.
#[allow(unused_macros)]
macro_rules! setters {
    (
        $(#[$outer:meta])* $name:ident
        new($($required:ident: $required_kind:ident $required_type:ty),* $(,)?) $(extra $extra:ident)?;
        $($(#[$attribute:meta])* $field:ident $(as $setter:ident)?: $kind:ident $type:ty),* $(,)?
    ) => {
        $(#[$outer])*
        impl $name {
            #[doc = $crate::macros::setters!(@new_doc $name [$($required)*])]
            #[allow(clippy::too_many_arguments)]
            pub fn new(
                $($required: $crate::macros::setters!(@argument $required_kind $required_type)),*
            ) -> Self {
                Self {
                    $($required: $crate::macros::setters!(@convert $required_kind $required),)*
                    $($field: None,)*
                    $($extra: Default::default(),)?
                }
            }
            $($crate::macros::setters!(@named [$(#[$attribute])*] $field [$($setter)?] $kind $type);)*
        }
    };
    (
        $(#[$outer:meta])* $name:ident;
        $($(#[$attribute:meta])* $field:ident $(as $setter:ident)?: $kind:ident $type:ty),* $(,)?
    ) => {
        $(#[$outer])*
        impl $name {
            $($crate::macros::setters!(@named [$(#[$attribute])*] $field [$($setter)?] $kind $type);)*
        }
    };
    (@new_doc $name:ident []) => {
        concat!("Creates a `", stringify!($name), "` with no required fields: every field starts unset.")
    };
    (@new_doc $name:ident [$($required:ident)+]) => {
        concat!("Creates a `", stringify!($name), "` from its required fields; any optional field starts unset.")
    };
    (@named [$($attribute:tt)*] $field:ident [] $kind:ident $type:ty) => {
        $crate::macros::setters!(@setter [$($attribute)*] $field $field $kind $type);
    };
    (@named [$($attribute:tt)*] $field:ident [$setter:ident] $kind:ident $type:ty) => {
        $crate::macros::setters!(@setter [$($attribute)*] $field $setter $kind $type);
    };
    (@setter [$($attribute:tt)*] $field:ident $setter:ident $kind:ident $type:ty) => {
        #[doc = concat!("Sets [`Self::", stringify!($field), "`].")]
        $($attribute)*
        pub fn $setter(mut self, value: $crate::macros::setters!(@argument $kind $type)) -> Self {
            self.$field = Some($crate::macros::setters!(@convert $kind value));
            self
        }
    };
    (@argument into $type:ty) => { impl Into<$type> };
    (@argument secret $type:ty) => { impl Into<$type> };
    (@argument $kind:ident $type:ty) => { $type };
    (@convert plain $value:ident) => { $value };
    (@convert into $value:ident) => { $value.into() };
    (@convert boxed $value:ident) => { Box::new($value) };
    (@convert secret $value:ident) => { $crate::Secret::new($value) };
    (@convert boxed_option $value:ident) => { $value.map(Box::new) };
    (@convert secret_option $value:ident) => { $value.map($crate::Secret::new) };
}
#[allow(unused_imports)]
pub(crate) use setters;

/// Declares the error tables and the operation descriptions of one API module: one `const` of
/// [`ErrorResponse`](crate::client::ErrorResponse)s per table, one `static`
/// [`Operation`](crate::client::Operation) per operation.
///
/// The input opens with `errors { ... }`: one `NAME = [entry, ...];` per table, each entry the
/// statuses in brackets and then the error model (a type of the `models` module the API imports)
/// or `none` when the body is not decoded. One entry per operation follows:
///
/// ```text
/// STATIC_NAME: METHOD "/path/{template}" = "OperationId",
///     security [["scheme", ...], ...], servers SERVERS, accept "media/type", errors TABLE;
/// ```
///
/// where `errors` names a table or is `&[]`, and `, unstable` may end the entry.
// A spec without operations leaves the macro unused; that is not a mistake.
#[allow(unused_macros)]
macro_rules! operations {
    (
        errors { $($table:ident = [$([$($status:literal),*] $model:ident),*];)* }
        $(
            $name:ident: $method:ident $path:literal = $id:literal,
            security [$([$($scheme:literal),*]),*], servers $servers:ident, accept $accept:literal,
            errors $errors:expr $(, $unstable:ident)?;
        )*
    ) => {
        $(
            const $table: &[$crate::client::ErrorResponse] = &[$(
                $crate::client::ErrorResponse::new(
                    &[$($status),*],
                    $crate::macros::operations!(@decode $model),
                ),
            )*];
        )*
        $(
            static $name: $crate::client::Operation = $crate::client::Operation {
                id: $id,
                method: reqwest::Method::$method,
                path_template: $path,
                security: &[$(&[$($scheme),*]),*],
                servers: $crate::servers::$servers,
                accept: $accept,
                errors: $errors,
                unstable: $crate::macros::operations!(@unstable $($unstable)?),
            };
        )*
    };
    (@decode none) => { None };
    // The model is named from the module that invokes the macro, which imports `crate::models`.
    (@decode $model:ident) => { Some($crate::client::decode_error_body::<models::$model>) };
    (@unstable) => { false };
    (@unstable unstable) => { true };
}
#[allow(unused_imports)]
pub(crate) use operations;

/// Declares the constructors of one API struct, which holds a
/// [`ApiClient`](crate::client::ApiClient) in its `client` field: `Default`, `new`, `with_config`,
/// `with_client_and_config`, `with_api_client` and the `api_client` accessor.
// A spec without operations leaves the macro unused; that is not a mistake.
#[allow(unused_macros)]
macro_rules! api_constructors {
    ($api:ident) => {
        impl Default for $api {
            fn default() -> Self {
                Self::new()
            }
        }

        impl $api {
            /// Creates the API with configuration from the environment, as
            /// [`crate::Configuration::new`] reads it.
            pub fn new() -> Self {
                Self::with_config($crate::Configuration::new())
            }

            /// Creates the API with the given configuration.
            pub fn with_config(configuration: $crate::Configuration) -> Self {
                Self {
                    client: $crate::client::ApiClient::new(configuration),
                }
            }

            /// Creates the API with the given configuration and your own HTTP client, whose pool
            /// it uses.
            pub fn with_client_and_config(
                configuration: $crate::Configuration,
                http_client: reqwest::Client,
            ) -> Self {
                Self {
                    client: $crate::client::ApiClient::with_http_client(configuration, http_client),
                }
            }

            /// Creates the API around an existing client, sharing its configuration and
            /// connection pool.
            pub fn with_api_client(client: $crate::client::ApiClient) -> Self {
                Self { client }
            }

            /// Returns the client this API sends its requests with.
            pub fn api_client(&self) -> &$crate::client::ApiClient {
                &self.client
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use api_constructors;

/// Declares the test doubles of one API's operations (see [`crate::test_util`]): a struct of one
/// method per operation, each returning the operation's
/// [`MockOperation`](crate::test_util::MockOperation), and the
/// [`MockServer`](crate::test_util::MockServer) method that returns the struct.
///
/// The input is `Mock for Api, server_method;`, then one `function: STATIC => SuccessType` entry
/// per operation, where `STATIC` is the operation's description from `operations!`.
// A spec without operations leaves the macro unused; that is not a mistake.
#[allow(unused_macros)]
macro_rules! test_doubles {
    (
        $mock:ident for $api:ident, $server_method:ident;
        $($function:ident: $operation:ident => $success:ty),* $(,)?
    ) => {
        #[doc = concat!("Test doubles for the operations of [`", stringify!($api), "`]: see [`crate::test_util`].")]
        #[derive(Clone, Copy, Debug)]
        pub struct $mock<'a> {
            server: &'a $crate::test_util::MockServer,
        }

        impl<'a> $mock<'a> {
            $(
                #[doc = concat!("The test double of [`", stringify!($api), "::", stringify!($function), "`].")]
                pub fn $function(&self) -> $crate::test_util::MockOperation<'a, $success> {
                    self.server.operation(&$operation)
                }
            )*
        }

        impl $crate::test_util::MockServer {
            #[doc = concat!("The test doubles of the operations of [`", stringify!($api), "`].")]
            pub fn $server_method(&self) -> $mock<'_> {
                $mock { server: self }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use test_doubles;
