//! The recent files list, kept as JSON (`recent.json`) in the app config dir.
//! A missing or damaged list is an empty list: it is a convenience, never a
//! reason to fail.

use std::path::Path;

use crate::types::RecentFile;

/// How many files the list keeps.
pub const MAX: usize = 10;

const FILE: &str = "recent.json";

/// Read the list, marking files that are gone.
pub fn load(dir: Option<&Path>) -> Vec<RecentFile> {
    let Some(dir) = dir else { return Vec::new() };
    let list: Vec<RecentFile> = std::fs::read(dir.join(FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    list.into_iter()
        .map(|mut r| {
            r.exists = Path::new(&r.path).is_file();
            r
        })
        .collect()
}

/// Put `path` first in the list and write it (atomically). Returns the list.
pub fn touch(dir: Option<&Path>, path: &Path) -> Vec<RecentFile> {
    let mut list = load(dir);
    let p = path.display().to_string();
    list.retain(|r| r.path != p);
    let when = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.clone());
    list.insert(
        0,
        RecentFile {
            path: p,
            name,
            when,
            exists: true,
        },
    );
    list.truncate(MAX);
    if let Some(dir) = dir {
        let written = std::fs::create_dir_all(dir)
            .map_err(parallax_engine::Error::from)
            .and_then(|_| {
                let bytes = serde_json::to_vec_pretty(&list)?;
                parallax_engine::saved::write_atomic(&dir.join(FILE), &bytes)
            });
        if let Err(e) = written {
            eprintln!("parallax: could not update the recent files list: {e}");
        }
    }
    list
}
