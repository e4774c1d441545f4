//! Temporary stand-in for the generated API modules; `cargo xtask codegen` replaces it.

/// The typed body of an error response, one variant per error schema in the spec.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorBody {
    /// A body of schema `APIErrorResponse`.
    APIErrorResponse(crate::models::APIErrorResponse),
}

impl From<crate::models::APIErrorResponse> for ErrorBody {
    fn from(value: crate::models::APIErrorResponse) -> Self {
        Self::APIErrorResponse(value)
    }
}
