//! Macros that the generated models and APIs expand, so that the repetitive items they declare
//! (setters, operation descriptions, error tables) take one line each in the generated source.
//!
//! This module is written by hand and holds no spec data.

/// Implements the setters of a generated struct's optional fields, one `fn` per entry, each of which
/// stores its argument in the field's `Option` and returns the struct.
///
/// The input is the struct's name, followed by `with new` when the macro also declares `new()` (for
/// a struct whose fields are all optional, as `Default` makes it), `;`, then one entry per field: `field: kind Type`, or
/// `field as setter: kind Type` when the setter's name is not the field's. The kind says how the
/// argument of type `Type` becomes the stored value: `plain` (as it is), `into` (the argument is
/// `impl Into<Type>`), `boxed` (`Box::new`), `boxed_option` (an `Option` whose content is boxed),
/// `secret` (the argument is `impl Into<Type>`, kept in a `crate::Secret`) and `secret_option`.
/// Attributes before the name go on the `impl` block; attributes before an entry
/// (`#[deprecated]`) go on its setter. Each setter's doc links to its field's.
// A spec without models of this kind leaves the macro unused; that is not a mistake.
#[allow(unused_macros)]
macro_rules! setters {
    (
        $(#[$outer:meta])* $name:ident $(with $new:ident)?;
        $($(#[$attribute:meta])* $field:ident $(as $setter:ident)?: $kind:ident $type:ty),* $(,)?
    ) => {
        $(#[$outer])*
        impl $name {
            $($crate::macros::setters!(@new $name $new);)?
            $($crate::macros::setters!(@named [$(#[$attribute])*] $field [$($setter)?] $kind $type);)*
        }
    };
    (@new $name:ident new) => {
        #[doc = concat!("Creates a `", stringify!($name), "` with no required fields: every field starts unset.")]
        pub fn new() -> Self {
            Self::default()
        }
    };
    (@named [$($attribute:tt)*] $field:ident [] $kind:ident $type:ty) => {
        $crate::macros::setters!(@setter [$($attribute)*] $field $field $kind $type);
    };
    (@named [$($attribute:tt)*] $field:ident [$setter:ident] $kind:ident $type:ty) => {
        $crate::macros::setters!(@setter [$($attribute)*] $field $setter $kind $type);
    };
    (@setter [$($attribute:tt)*] $field:ident $setter:ident into $type:ty) => {
        #[doc = concat!("Sets [`Self::", stringify!($field), "`].")]
        $($attribute)*
        pub fn $setter(mut self, value: impl Into<$type>) -> Self {
            self.$field = Some(value.into());
            self
        }
    };
    (@setter [$($attribute:tt)*] $field:ident $setter:ident secret $type:ty) => {
        #[doc = concat!("Sets [`Self::", stringify!($field), "`].")]
        $($attribute)*
        pub fn $setter(mut self, value: impl Into<$type>) -> Self {
            self.$field = Some($crate::Secret::new(value));
            self
        }
    };
    (@setter [$($attribute:tt)*] $field:ident $setter:ident $kind:ident $type:ty) => {
        #[doc = concat!("Sets [`Self::", stringify!($field), "`].")]
        $($attribute)*
        pub fn $setter(mut self, value: $type) -> Self {
            self.$field = Some($crate::macros::setters!(@convert $kind value));
            self
        }
    };
    (@convert plain $value:ident) => { $value };
    (@convert boxed $value:ident) => { Box::new($value) };
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
