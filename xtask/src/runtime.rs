//! The hand-written runtime, copied from `generated/` into a standalone crate: it exists once in
//! the repository, and `--out` reads it from there.

use std::path::Path;

use anyhow::{Context, Result};

/// The folders of a standalone crate that hold only runtime files, and so are kept in sync too.
pub const RUNTIME_FOLDERS: &[&str] = &["src/client", "src/codec"];

/// Adds every runtime file of `generated/` (all of `src/` that the generator does not own, and
/// `build.rs`) to the files of a standalone crate.
pub fn add_runtime_files(generated: &Path, files: &mut generator::Files) -> Result<()> {
    let build_script = generated.join("build.rs");
    if build_script.exists() {
        files.insert(
            "build.rs".to_string(),
            std::fs::read_to_string(&build_script).context("reading generated/build.rs")?,
        );
    }
    add_folder(generated, Path::new("src"), files)
}

fn add_folder(generated: &Path, relative: &Path, files: &mut generator::Files) -> Result<()> {
    let directory = generated.join(relative);
    let mut entries: Vec<_> = std::fs::read_dir(&directory)
        .with_context(|| format!("listing {}", directory.display()))?
        .collect::<Result<_, _>>()
        .with_context(|| format!("listing {}", directory.display()))?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let child = relative.join(entry.file_name());
        let key = child.to_string_lossy().replace('\\', "/");
        if is_generated(&key) {
            continue;
        }
        if entry.path().is_dir() {
            add_folder(generated, &child, files)?;
        } else if key.ends_with(".rs") {
            let text = std::fs::read_to_string(entry.path())
                .with_context(|| format!("reading {}", entry.path().display()))?;
            files.insert(key, text);
        }
    }
    Ok(())
}

/// Whether a path under the crate belongs to the generator rather than the runtime.
fn is_generated(relative: &str) -> bool {
    generator::OWNED_FILES.contains(&relative)
        || generator::OWNED_FOLDERS
            .iter()
            .any(|folder| relative == *folder || relative.starts_with(&format!("{folder}/")))
}
