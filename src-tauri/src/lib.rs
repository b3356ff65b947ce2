//! # Parallax desktop app
//!
//! A thin Tauri shell over [`parallax_engine`]: the commands in [`commands`]
//! unpack arguments, call the engine off the main thread and map errors to
//! [`types::AppError`] (`{kind, message}`). All state sits in one
//! [`state::AppState`]. [`setup`] is generic over the runtime so the tests
//! drive the same app through `tauri::test::mock_builder()`.
#![warn(missing_docs)]

pub mod bindings;
pub mod commands;
pub mod examples;
pub mod export;
pub mod recent;
pub mod state;
pub mod types;

use tauri::{Builder, Emitter, Manager, Runtime, WindowEvent};

/// Register plugins, state, commands and the close guard on a builder.
pub fn setup<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::new(
            std::env::var_os("PARALLAX_CONFIG_DIR").map(Into::into),
        ))
        .setup(|app| {
            // Recent files live in the app config dir unless a test chose one.
            let state = app.state::<state::AppState>();
            if state.config_dir().is_none() {
                state.set_config_dir(app.path().app_config_dir().ok());
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            // Unsaved work is never lost silently: the window asks first.
            if let WindowEvent::CloseRequested { api, .. } = event {
                let state = window.state::<state::AppState>();
                if state.guard_close() {
                    api.prevent_close();
                    let _ = window.emit("parallax://close-requested", ());
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::list_reports,
            commands::add_files,
            commands::add_pasted,
            commands::add_urls,
            commands::check_edits,
            commands::update_meta,
            commands::remove_report,
            commands::clear_reports,
            commands::load_example,
            commands::compare,
            commands::cancel_compare,
            commands::current,
            commands::save_comparison,
            commands::export_formats,
            commands::export_comparison,
            commands::open_comparison,
            commands::recent_files,
            commands::confirm_close,
            commands::log_timing,
        ])
}

/// The app's context, from the repository-root `tauri.conf.json`.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!("../tauri.conf.json")
}

/// Start the app.
pub fn run() {
    let result = setup(tauri::Builder::default()).run(context());
    if let Err(e) = result {
        eprintln!("parallax: the window could not start: {e:#}");
        std::process::exit(1);
    }
}
