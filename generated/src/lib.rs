//! A Rust client for Datadog's Org Connections and Action Connection APIs.
//!
//! The operations, models and server table are generated from `spec/openapi.yaml` by
//! `cargo xtask codegen`; the runtime they call (configuration, HTTP, retries, rate
//! limits, errors, pagination and secrets) is written by hand.
//!
//! ```
//! use std::time::Duration;
//! use datadog_client::Configuration;
//!
//! // Keys come from `DD_API_KEY` and `DD_APP_KEY`, the site from `DD_SITE`;
//! // builder methods override them.
//! let configuration = Configuration::new()
//!     .with_site("datadoghq.eu")
//!     .with_timeout(Duration::from_secs(30))
//!     .with_max_retries(3);
//! assert_eq!(configuration.base_url().ok().as_deref(), Some("https://api.datadoghq.eu"));
//! ```

#[rustfmt::skip]
pub mod apis;
#[rustfmt::skip]
pub mod models;
#[rustfmt::skip]
pub mod servers;
pub mod client;
pub mod codec;
pub mod configuration;
pub mod error;
pub mod pagination;
pub mod rate_limit;
mod retry;
pub mod secret;
mod untrusted_text;

pub use configuration::Configuration;
pub use error::Error;
pub use secret::Secret;
