//! The TypeScript types in `ui/src/generated/` are what ts-rs makes from the
//! Rust types today. Set `PARALLAX_UPDATE_TYPES=1` (or run
//! `scripts/gen-types.sh`) to rewrite them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "ts") {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                out.insert(name, std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    out
}

#[test]
fn generated_typescript_types_are_up_to_date() {
    let committed_dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/generated");
    let fresh = tempfile::tempdir().expect("temp dir");
    parallax_app::bindings::export(fresh.path()).expect("export bindings");
    let fresh_files = read_dir(fresh.path());
    assert!(
        fresh_files.contains_key("Comparison.ts"),
        "ts-rs wrote no Comparison.ts"
    );

    if std::env::var_os("PARALLAX_UPDATE_TYPES").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).expect("create ui/src/generated");
        for (name, text) in &fresh_files {
            std::fs::write(committed_dir.join(name), text).expect("write binding");
        }
        eprintln!(
            "wrote {} files to {}",
            fresh_files.len(),
            committed_dir.display()
        );
        return;
    }

    let committed = read_dir(&committed_dir);
    let missing: Vec<&String> = fresh_files
        .keys()
        .filter(|k| !committed.contains_key(*k))
        .collect();
    let stale: Vec<&String> = committed
        .keys()
        .filter(|k| !fresh_files.contains_key(*k))
        .collect();
    let changed: Vec<&String> = fresh_files
        .iter()
        .filter(|(k, v)| committed.get(*k).is_some_and(|c| c != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && stale.is_empty() && changed.is_empty(),
        "ui/src/generated is out of date (run scripts/gen-types.sh):\n  missing: {missing:?}\n  stale: {stale:?}\n  changed: {changed:?}"
    );
}
