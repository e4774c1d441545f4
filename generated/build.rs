//! Records the version of the compiler building this crate, for the `User-Agent` header.

use std::process::Command;

fn main() {
    println!("cargo::rerun-if-env-changed=RUSTC");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| String::from("rustc"));
    // The output looks like `rustc 1.95.0 (59807616e 2026-04-14)`; the second word is the version.
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned))
        .unwrap_or_else(|| String::from("unknown"));
    println!("cargo::rustc-env=CLIENT_RUSTC_VERSION={version}");
}
