//! Temporary stand-in for the generated server and security-scheme tables; `cargo xtask codegen` replaces it.

use crate::client::{SecurityScheme, SecuritySchemeLocation, Server, ServerVariable};

/// The servers the spec lists, in spec order.
pub static SERVERS: &[Server] = &[
    Server {
        url: "https://{subdomain}.{site}",
        description: "No description provided",
        variables: &[
            ServerVariable {
                name: "site",
                default: "datadoghq.com",
                allowed: &[
                    "datadoghq.com",
                    "us3.datadoghq.com",
                    "us5.datadoghq.com",
                    "datadoghq.eu",
                    "ap1.datadoghq.com",
                    "ap2.datadoghq.com",
                    "ddog-gov.com",
                    "us2.ddog-gov.com",
                ],
            },
            ServerVariable {
                name: "subdomain",
                default: "api",
                allowed: &[],
            },
        ],
    },
    Server {
        url: "{protocol}://{name}",
        description: "No description provided",
        variables: &[
            ServerVariable {
                name: "name",
                default: "api.datadoghq.com",
                allowed: &[],
            },
            ServerVariable {
                name: "protocol",
                default: "https",
                allowed: &[],
            },
        ],
    },
];

/// The security schemes the spec declares.
pub static SECURITY_SCHEMES: &[SecurityScheme] = &[
    SecurityScheme {
        name: "apiKeyAuth",
        location: SecuritySchemeLocation::Header("DD-API-KEY"),
        env_var: Some("DD_API_KEY"),
    },
    SecurityScheme {
        name: "appKeyAuth",
        location: SecuritySchemeLocation::Header("DD-APPLICATION-KEY"),
        env_var: Some("DD_APP_KEY"),
    },
    SecurityScheme {
        name: "AuthZ",
        location: SecuritySchemeLocation::Bearer,
        env_var: None,
    },
];
