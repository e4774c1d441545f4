//! The xtask's library: writing a generated crate to disk (with the runtime for a standalone one),
//! shared by the `cargo xtask codegen` command and the tests that compile generated crates.

pub mod merge;
pub mod runtime;
pub mod sync;

use std::path::Path;

use anyhow::Result;

/// Generates a standalone crate for `spec_text` with `options` and writes it under `out`: the
/// generated files and the runtime copied from `generated/` in `repository`.
pub fn write_standalone_crate(
    repository: &Path,
    spec_text: &str,
    options: &generator::Options,
    out: &Path,
) -> Result<generator::Generated> {
    let mut generated = generator::generate_with_report(spec_text, options)
        .map_err(|errors| anyhow::anyhow!("{errors}"))?;
    runtime::add_runtime_files(&repository.join("generated"), &mut generated.files)?;
    let owned = sync::Owned {
        folders: generator::OWNED_FOLDERS,
        extra_folders: runtime::RUNTIME_FOLDERS,
    };
    sync::sync(out, &generated.files, &owned, false)?;
    Ok(generated)
}
