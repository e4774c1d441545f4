//! Temporary stand-in for the generated models; `cargo xtask codegen` replaces it.

use serde::{Deserialize, Serialize};

/// An error response whose `errors` field lists messages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct APIErrorResponse {
    /// The error messages.
    pub errors: Vec<String>,
}

impl APIErrorResponse {
    /// Builds the response from its messages.
    pub fn new(errors: Vec<String>) -> Self {
        Self { errors }
    }
}
