//! The commands the window calls. Each is a few lines: unpack, call the
//! engine (off the main thread when it reads files or computes), map the
//! error to `{kind, message}`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use parallax_engine::fetch::{self, FetchEvent, FetchOptions};
use parallax_engine::ingest::{self, IngestOptions};
use parallax_engine::model::{Comparison, Metadata};
use parallax_engine::{saved, Options, Progress};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State, WebviewWindow};

use crate::state::AppState;
use crate::types::{
    Added, AppError, CmdResult, Draft, Edit, EditCheck, ExportKind, ExportOption,
    FetchProgressEvent, ProgressEvent, RecentFile, Session,
};
use crate::{examples, export, recent};

/// Run blocking work on the blocking pool and flatten its result.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f).await.map_err(|e| {
        AppError::new(
            "internal",
            format!("a background task stopped unexpectedly: {e}"),
        )
    })?
}

/// Show the file name and an unsaved marker in the window title.
fn retitle<R: Runtime>(app: &AppHandle<R>) {
    let (path, dirty) = app.state::<AppState>().file_status();
    let name = path
        .as_deref()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned());
    let title = match (name, dirty) {
        (Some(n), true) => format!("• {n} — Parallax"),
        (Some(n), false) => format!("{n} — Parallax"),
        (None, true) => "• Untitled — Parallax".to_string(),
        (None, false) => "Parallax".to_string(),
    };
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_title(&title);
    }
}

/// The reports listed on the Start screen, the comparison and file, if any.
#[tauri::command]
pub fn current(state: State<'_, AppState>) -> Session {
    state.session()
}

/// The reports listed on the Start screen.
#[tauri::command]
pub fn list_reports(state: State<'_, AppState>) -> Vec<Draft> {
    state.drafts()
}

/// Read report files (text, Markdown, HTML). Files that cannot be read are
/// reported one by one; the others are added.
#[tauri::command]
pub async fn add_files<R: Runtime>(app: AppHandle<R>, paths: Vec<String>) -> CmdResult<Added> {
    let results = blocking(move || {
        let opts = IngestOptions::default();
        Ok(paths
            .iter()
            .map(|p| ingest::read_path(Path::new(p), &opts))
            .collect())
    })
    .await?;
    Ok(add_read(&app, results))
}

/// Add the reports that were read; list the ones that were not, each with its
/// own error. Shared by files and URLs.
fn add_read<R: Runtime>(
    app: &AppHandle<R>,
    results: Vec<parallax_engine::Result<parallax_engine::Report>>,
) -> Added {
    let (mut reports, mut errors) = (Vec::new(), Vec::new());
    for r in results {
        match r {
            Ok(rep) => reports.push(rep),
            Err(e) => errors.push(AppError::from(e)),
        }
    }
    let state = app.state::<AppState>();
    let drafts = if reports.is_empty() {
        state.drafts()
    } else {
        state.add(reports)
    };
    retitle(app);
    Added { drafts, errors }
}

/// Add pasted text as a report, with the metadata the user typed.
#[tauri::command]
pub fn add_pasted<R: Runtime>(
    app: AppHandle<R>,
    label: String,
    text: String,
    meta: Metadata,
) -> CmdResult<Vec<Draft>> {
    let label = if label.trim().is_empty() {
        "pasted report".to_string()
    } else {
        label.trim().to_string()
    };
    let report = ingest::from_pasted(&label, &text, meta)?;
    let drafts = app.state::<AppState>().add(vec![report]);
    retitle(&app);
    Ok(drafts)
}

/// Fetch web pages as reports, concurrently, with progress per URL. The
/// Rust side fetches (the window never does); URLs that fail are reported one
/// by one with their cause, and the others are added.
#[tauri::command]
pub async fn add_urls<R: Runtime>(
    app: AppHandle<R>,
    urls: Vec<String>,
    on_progress: Channel<FetchProgressEvent>,
) -> CmdResult<Added> {
    let urls: Vec<String> = urls
        .into_iter()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .collect();
    if urls.is_empty() {
        return Err(AppError::new(
            "fetch-invalid-url",
            "type or paste a web address first",
        ));
    }
    let progress = Arc::new(FetchChannel(on_progress));
    let results = fetch::fetch_all(&urls, &FetchOptions::default(), progress).await;
    Ok(add_read(&app, results))
}

/// Fetch progress forwarded to the window.
struct FetchChannel(Channel<FetchProgressEvent>);

impl fetch::FetchProgress for FetchChannel {
    fn event(&self, index: usize, url: &str, event: FetchEvent) {
        let (state, bytes, total, message) = match event {
            FetchEvent::Started => ("started", 0, None, None),
            FetchEvent::Received { bytes, total } => ("received", bytes, total, None),
            FetchEvent::Done => ("done", 0, None, None),
            FetchEvent::Failed(m) => ("failed", 0, None, Some(m)),
        };
        let _ = self.0.send(FetchProgressEvent {
            index,
            url: url.to_string(),
            state: state.to_string(),
            bytes,
            total,
            message,
        });
    }
}

/// Fetch a web report of the current comparison again and say whether the
/// article was edited since its frozen copy, sentence by sentence.
#[tauri::command]
pub async fn check_edits<R: Runtime>(app: AppHandle<R>, document: String) -> CmdResult<EditCheck> {
    let cmp = app
        .state::<AppState>()
        .comparison()
        .ok_or_else(|| AppError::new("no-comparison", "there is no comparison yet"))?;
    let doc = cmp
        .document(&document)
        .ok_or_else(|| AppError::new("not-found", format!("no report {document}")))?;
    let fetcher = fetch::Fetcher::new(FetchOptions::default())?;
    let rev = fetch::check_for_edits(doc, &fetcher, &Options::default()).await?;
    Ok(edit_check(&rev))
}

/// The sentence-level edits between a frozen copy and a fresh fetch.
fn edit_check(rev: &fetch::Revision) -> EditCheck {
    let cmp = &rev.comparison;
    let text = |id: &str| cmp.sentence(id).map(|(_, s)| s.text.clone());
    let position = |id: &str| {
        parallax_engine::model::split_sentence_id(id)
            .map(|(_, i)| i)
            .unwrap_or(usize::MAX)
    };
    let earlier = cmp
        .documents
        .first()
        .map(|d| d.id.clone())
        .unwrap_or_default();
    let mut edits: Vec<(usize, Edit)> = Vec::new();
    for l in &cmp.links {
        if l.relation == parallax_engine::model::Relation::Verbatim
            && l.diff
                .iter()
                .all(|d| d.op == parallax_engine::model::DiffTag::Equal)
        {
            continue;
        }
        // Links run from the earlier version to the current one.
        let (a, b) = if l.a.starts_with(&format!("{earlier}:")) {
            (&l.a, &l.b)
        } else {
            (&l.b, &l.a)
        };
        edits.push((
            position(a),
            Edit {
                before: text(a),
                after: text(b),
                relation: l.relation.as_str().to_string(),
                reasons: l.reasons.iter().map(|r| r.explanation.clone()).collect(),
            },
        ));
    }
    for id in &cmp.unique {
        let removed = id.starts_with(&format!("{earlier}:"));
        edits.push((
            if removed { position(id) } else { usize::MAX },
            Edit {
                before: removed.then(|| text(id)).flatten(),
                after: (!removed).then(|| text(id)).flatten(),
                relation: if removed { "removed" } else { "added" }.to_string(),
                reasons: Vec::new(),
            },
        ));
    }
    edits.sort_by_key(|(p, _)| *p);
    EditCheck {
        document: rev.document.clone(),
        url: rev.before.requested_url.clone(),
        before: rev.before.fetched_at.clone(),
        after: rev.after.fetched_at.clone(),
        changed: rev.changed,
        edits: edits.into_iter().map(|(_, e)| e).collect(),
    }
}

/// Change a report's metadata (outlet, date, language...).
#[tauri::command]
pub fn update_meta<R: Runtime>(app: AppHandle<R>, key: String, meta: Metadata) -> CmdResult<Draft> {
    if let Some(d) = meta
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        if !is_iso_date(d) {
            return Err(AppError::new(
                "bad-date",
                format!("“{d}” is not a date like 2019-11-10"),
            ));
        }
    }
    let draft = app.state::<AppState>().update_meta(&key, meta)?;
    retitle(&app);
    Ok(draft)
}

fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&d[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&d[8..10].parse::<u32>().unwrap_or(0))
}

/// Remove a report from the list.
#[tauri::command]
pub fn remove_report<R: Runtime>(app: AppHandle<R>, key: String) -> Vec<Draft> {
    let drafts = app.state::<AppState>().remove(&key);
    retitle(&app);
    drafts
}

/// Start over with an empty list.
#[tauri::command]
pub fn clear_reports<R: Runtime>(app: AppHandle<R>) {
    app.state::<AppState>().clear();
    retitle(&app);
}

/// Replace the list with the Bolivia 2019 example and its topic.
#[tauri::command]
pub async fn load_example<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<Draft>> {
    let resources = app.path().resource_dir().ok();
    let found = examples::locate(resources.as_deref(), tauri::is_dev()).ok_or_else(|| {
        AppError::new(
            "example-missing",
            "the Bolivia 2019 example is not installed with this copy of Parallax",
        )
    })?;
    let files = examples::report_files(&found.articles);
    let reports = blocking(move || {
        let opts = IngestOptions::default();
        files
            .iter()
            .map(|f| ingest::read_path(f, &opts).map_err(AppError::from))
            .collect::<CmdResult<Vec<_>>>()
    })
    .await?;
    let state = app.state::<AppState>();
    state.clear();
    let drafts = state.replace(reports, found.topic);
    retitle(&app);
    Ok(drafts)
}

/// Progress sent to the window through a channel; cancel through a flag.
struct ChannelProgress {
    channel: Channel<ProgressEvent>,
    cancel: Arc<AtomicBool>,
}

impl ChannelProgress {
    fn send(&self, stage: &str, done: usize, total: usize) {
        let _ = self.channel.send(ProgressEvent {
            stage: stage.to_string(),
            done,
            total,
        });
    }
}

impl Progress for ChannelProgress {
    fn stage(&self, stage: &str, done: usize, total: usize) {
        self.send(stage, done, total);
    }
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }
}

/// Compare the listed reports on the blocking pool, with progress. A newer
/// run or `cancel_compare` stops it; its result is then dropped.
#[tauri::command]
pub async fn compare<R: Runtime>(
    app: AppHandle<R>,
    on_progress: Channel<ProgressEvent>,
) -> CmdResult<Comparison> {
    let job = app.state::<AppState>().begin();
    let run = job.run;
    let progress = ChannelProgress {
        channel: on_progress,
        cancel: job.cancel.clone(),
    };
    progress.send("read", job.reports.len(), job.reports.len());
    let cmp = blocking(move || {
        let mut opts = Options::default();
        if let Some(t) = job.topic {
            opts = opts.topic(t);
        }
        let cmp = parallax_engine::compare(job.reports, &opts, &progress)?;
        if progress.cancelled() {
            return Err(parallax_engine::Error::Cancelled.into());
        }
        progress.send("done", 1, 1);
        Ok(cmp)
    })
    .await?;
    if !app.state::<AppState>().finish(run, cmp.clone()) {
        return Err(parallax_engine::Error::Cancelled.into());
    }
    retitle(&app);
    Ok(cmp)
}

/// Stop the running comparison.
#[tauri::command]
pub fn cancel_compare(state: State<'_, AppState>) {
    state.cancel();
}

/// Save the current comparison as a `.parallax` file (atomically). Returns
/// the path written (with the extension added when it was missing).
#[tauri::command]
pub async fn save_comparison<R: Runtime>(app: AppHandle<R>, path: String) -> CmdResult<String> {
    let state = app.state::<AppState>();
    let cmp = state.comparison().ok_or_else(|| {
        AppError::new(
            "no-comparison",
            "there is no comparison to save yet: compare some reports first",
        )
    })?;
    let mut path = PathBuf::from(path);
    if path.extension().is_none() {
        path.set_extension("parallax");
    }
    let target = path.clone();
    blocking(move || saved::save(&target, &cmp).map_err(AppError::from)).await?;
    state.saved(&path);
    recent::touch(state.config_dir().as_deref(), &path);
    retitle(&app);
    Ok(path.display().to_string())
}

/// The Export menu: every format, and whether this build can make it.
#[tauri::command]
pub fn export_formats() -> Vec<ExportOption> {
    export::options()
}

/// Export the current comparison to `path` (chosen in the save dialog) as
/// `kind`, atomically. Returns the path written (with the extension added
/// when it was missing).
#[tauri::command]
pub async fn export_comparison<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    kind: ExportKind,
) -> CmdResult<String> {
    let cmp = app.state::<AppState>().comparison().ok_or_else(|| {
        AppError::new(
            "no-comparison",
            "there is no comparison to export yet: compare some reports first",
        )
    })?;
    let path = PathBuf::from(path);
    let written = blocking(move || export::write(&cmp, kind, &path)).await?;
    Ok(written.display().to_string())
}

/// Open a `.parallax` file. A damaged or newer file is an error and the
/// current work is kept as it was.
#[tauri::command]
pub async fn open_comparison<R: Runtime>(app: AppHandle<R>, path: String) -> CmdResult<Session> {
    let path = PathBuf::from(path);
    let p = path.clone();
    let cmp = blocking(move || saved::load(&p).map_err(AppError::from)).await?;
    let state = app.state::<AppState>();
    let session = state.opened(&path, cmp);
    recent::touch(state.config_dir().as_deref(), &path);
    retitle(&app);
    Ok(session)
}

/// Recently saved or opened files, newest first.
#[tauri::command]
pub fn recent_files(state: State<'_, AppState>) -> Vec<RecentFile> {
    recent::load(state.config_dir().as_deref())
}

/// The user confirmed closing without saving: close the window.
#[tauri::command]
pub fn confirm_close<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> CmdResult<()> {
    state.confirm_close();
    window
        .close()
        .map_err(|e| AppError::new("window", e.to_string()))
}

/// Log a timing measured in the window (ms), with the time since the
/// process started.
#[tauri::command]
pub fn log_timing(state: State<'_, AppState>, name: String, ms: f64) -> f64 {
    let uptime = state.started().elapsed().as_secs_f64() * 1000.0;
    eprintln!("parallax: timing {name}: {ms:.0} ms (process uptime {uptime:.0} ms)");
    uptime
}
