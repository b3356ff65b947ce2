//! The Tauri config lives at the repository root (see README.md): point
//! tauri-build at it, and declare the app's own commands so capabilities can
//! grant them one by one.

fn main() {
    // tauri::generate_context! embeds ui/dist and fails when it is missing.
    // On a fresh clone `cargo test --workspace` should still build, so put a
    // placeholder page there (ui/dist is ignored by git); the real UI comes
    // from `npm run build` in ui/ (scripts/run-app.sh, scripts/test-app.sh).
    let dist = std::path::Path::new("../ui/dist");
    if !dist.join("index.html").exists() {
        let page = "<!doctype html><meta charset=utf-8><title>Parallax</title>\
                    <p>The Parallax UI is not built. Run scripts/run-app.sh.</p>";
        if std::fs::create_dir_all(dist)
            .and_then(|_| std::fs::write(dist.join("index.html"), page))
            .is_ok()
        {
            println!("cargo:warning=ui/dist was missing: wrote a placeholder page (build the UI with `npm run build` in ui/)");
        }
    }
    let attrs = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "list_reports",
            "add_files",
            "add_pasted",
            "add_urls",
            "check_edits",
            "update_meta",
            "remove_report",
            "clear_reports",
            "load_example",
            "compare",
            "cancel_compare",
            "current",
            "save_comparison",
            "export_formats",
            "export_comparison",
            "open_comparison",
            "recent_files",
            "confirm_close",
            "log_timing",
        ]));
    tauri_build::try_build(attrs).expect("tauri-build");
}
