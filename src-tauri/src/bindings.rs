//! TypeScript bindings of every type that crosses to the window, generated
//! with ts-rs into `ui/src/generated/` (committed). `tests/types.rs` fails
//! when regenerating them would change anything; `scripts/gen-types.sh`
//! rewrites them.

use std::path::Path;

use parallax_engine::model::Comparison;
use ts_rs::{Config, ExportError, TS};

use crate::types::{
    Added, AppError, Draft, EditCheck, ExportOption, FetchProgressEvent, ProgressEvent, RecentFile,
    Session,
};

/// Write the bindings (one `.ts` file per type) into `dir`.
pub fn export(dir: &Path) -> Result<(), ExportError> {
    let cfg = Config::new().with_out_dir(dir);
    Comparison::export_all(&cfg)?;
    Session::export_all(&cfg)?;
    Added::export_all(&cfg)?;
    AppError::export_all(&cfg)?;
    Draft::export_all(&cfg)?;
    ProgressEvent::export_all(&cfg)?;
    RecentFile::export_all(&cfg)?;
    FetchProgressEvent::export_all(&cfg)?;
    EditCheck::export_all(&cfg)?;
    ExportOption::export_all(&cfg)?;
    Ok(())
}
