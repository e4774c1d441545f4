//! Writing generated files: only those that changed, removing stale ones in the folders the
//! generator owns; with `--check`, only reporting what would change.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};

/// The folders whose files the generator owns: anything there it did not write is stale.
pub struct Owned {
    pub folders: &'static [&'static str],
    pub extra_folders: &'static [&'static str],
}

/// What syncing found for each file.
#[derive(Default)]
pub struct SyncReport {
    pub written: Vec<String>,
    pub missing: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
}

impl SyncReport {
    /// Whether nothing had to change.
    pub fn is_clean(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// What syncing did with one file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FileState {
    Unchanged,
    Written { missing: bool },
}

/// Writes the files that changed and removes stale ones; with `check`, only reports.
///
/// The report lists the files in path order.
pub fn sync(
    crate_root: &Path,
    files: &generator::Files,
    owned: &Owned,
    check: bool,
) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    if !check {
        let folders: BTreeSet<&Path> = files
            .keys()
            .filter_map(|relative| Path::new(relative).parent())
            .collect();
        for folder in folders {
            let path = crate_root.join(folder);
            std::fs::create_dir_all(&path)
                .with_context(|| format!("creating {}", path.display()))?;
        }
    }
    // One thread: writing on eight changed nothing measurable, since the file system is the cost.
    let entries: Vec<(&String, &String)> = files.iter().collect();
    let mut states_in_order = Vec::with_capacity(entries.len());
    for (relative, text) in &entries {
        states_in_order.push(sync_file(crate_root, relative, text, check)?);
    }
    for ((relative, _), state) in entries.iter().zip(states_in_order) {
        match state {
            FileState::Unchanged => report.unchanged += 1,
            FileState::Written { missing } => {
                if missing {
                    report.missing.push((*relative).clone());
                }
                report.written.push((*relative).clone());
            }
        }
    }
    let expected: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    for folder in owned.folders.iter().chain(owned.extra_folders) {
        remove_stale(crate_root, folder, &expected, check, &mut report)?;
    }
    Ok(report)
}

/// Compares one file with what is on disk and, unless `check`, writes it when it differs.
fn sync_file(crate_root: &Path, relative: &str, text: &str, check: bool) -> Result<FileState> {
    let path = crate_root.join(relative);
    let current = std::fs::read(&path).ok();
    if current.as_deref() == Some(text.as_bytes()) {
        return Ok(FileState::Unchanged);
    }
    if !check {
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(FileState::Written {
        missing: current.is_none(),
    })
}

/// Removes (or, with `check`, lists) the files under `folder` that the generation did not produce.
fn remove_stale(
    crate_root: &Path,
    folder: &str,
    expected: &BTreeSet<&str>,
    check: bool,
    report: &mut SyncReport,
) -> Result<()> {
    let directory = crate_root.join(folder);
    let Ok(entries) = std::fs::read_dir(&directory) else {
        return Ok(());
    };
    let mut stale = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("listing {}", directory.display()))?;
        let relative = format!("{folder}/{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            if expected
                .iter()
                .any(|path| path.starts_with(&format!("{relative}/")))
            {
                remove_stale(crate_root, &relative, expected, check, report)?;
                continue;
            }
        } else if expected.contains(relative.as_str()) {
            continue;
        }
        stale.push((relative, entry.path()));
    }
    stale.sort();
    for (relative, path) in stale {
        if !check {
            if path.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            }
            .with_context(|| format!("removing {}", path.display()))?;
        }
        report.removed.push(relative);
    }
    Ok(())
}
