//! The `parallax-app` binary: everything lives in the library.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    parallax_app::run();
}
