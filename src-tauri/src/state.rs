//! The app's one state object. Every method takes the lock briefly and
//! returns owned data, so no command holds it across an `.await` or while the
//! engine runs.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use parallax_engine::model::{Comparison, Metadata};
use parallax_engine::Report;

use crate::types::{AppError, CmdResult, Draft, Session};

/// Everything the app remembers between commands.
pub struct AppState {
    inner: Mutex<Inner>,
    started: Instant,
}

#[derive(Default)]
struct Inner {
    drafts: Vec<(String, Report)>,
    next_key: u64,
    topic: Option<PathBuf>,
    comparison: Option<Comparison>,
    path: Option<PathBuf>,
    dirty: bool,
    close_confirmed: bool,
    run: u64,
    cancel: Arc<AtomicBool>,
    config_dir: Option<PathBuf>,
}

/// A comparison about to run: its inputs and its cancel flag.
pub struct Job {
    /// Which run this is; a result from an older run is dropped.
    pub run: u64,
    /// Reports, in the user's order.
    pub reports: Vec<Report>,
    /// Topic folder, when the reports came with one.
    pub topic: Option<PathBuf>,
    /// Set when the user cancels.
    pub cancel: Arc<AtomicBool>,
}

impl AppState {
    /// Empty state. `config_dir` overrides where recent files are kept.
    pub fn new(config_dir: Option<PathBuf>) -> Self {
        let inner = Inner {
            config_dir,
            ..Inner::default()
        };
        AppState {
            inner: Mutex::new(inner),
            started: Instant::now(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere must not make the state unusable.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// When the app started.
    pub fn started(&self) -> Instant {
        self.started
    }

    /// Where the recent files list lives.
    pub fn config_dir(&self) -> Option<PathBuf> {
        self.lock().config_dir.clone()
    }

    /// Set where the recent files list lives.
    pub fn set_config_dir(&self, dir: Option<PathBuf>) {
        self.lock().config_dir = dir;
    }

    /// The drafts, for the Start screen.
    pub fn drafts(&self) -> Vec<Draft> {
        self.lock()
            .drafts
            .iter()
            .map(|(k, r)| draft(k, r))
            .collect()
    }

    /// Add reports at the end of the list.
    pub fn add(&self, reports: Vec<Report>) -> Vec<Draft> {
        let mut g = self.lock();
        for r in reports {
            g.next_key += 1;
            let key = format!("r{}", g.next_key);
            g.drafts.push((key, r));
        }
        g.dirty = true;
        g.drafts.iter().map(|(k, r)| draft(k, r)).collect()
    }

    /// Replace every draft (the example, an opened file) and set the topic.
    pub fn replace(&self, reports: Vec<Report>, topic: Option<PathBuf>) -> Vec<Draft> {
        {
            let mut g = self.lock();
            g.drafts.clear();
            g.topic = topic;
        }
        self.add(reports)
    }

    /// Change a draft's metadata; empty fields clear the value.
    pub fn update_meta(&self, key: &str, meta: Metadata) -> CmdResult<Draft> {
        let mut g = self.lock();
        let (k, r) =
            g.drafts.iter_mut().find(|(k, _)| k == key).ok_or_else(|| {
                AppError::new("not-found", format!("no report {key} in the list"))
            })?;
        let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        r.meta = Metadata {
            title: clean(meta.title),
            outlet: clean(meta.outlet),
            date: clean(meta.date),
            language: clean(meta.language),
            url: clean(meta.url),
            byline: clean(meta.byline),
        };
        let d = draft(k, r);
        g.dirty = true;
        Ok(d)
    }

    /// Remove a draft.
    pub fn remove(&self, key: &str) -> Vec<Draft> {
        let mut g = self.lock();
        g.drafts.retain(|(k, _)| k != key);
        g.dirty = true;
        g.drafts.iter().map(|(k, r)| draft(k, r)).collect()
    }

    /// Start over: no drafts, no comparison, nothing unsaved.
    pub fn clear(&self) {
        let mut g = self.lock();
        g.drafts.clear();
        g.topic = None;
        g.comparison = None;
        g.path = None;
        g.dirty = false;
        g.cancel.store(true, Ordering::SeqCst);
    }

    /// Begin a comparison run: cancels any earlier run.
    pub fn begin(&self) -> Job {
        let mut g = self.lock();
        g.cancel.store(true, Ordering::SeqCst);
        g.cancel = Arc::new(AtomicBool::new(false));
        g.run += 1;
        Job {
            run: g.run,
            reports: g.drafts.iter().map(|(_, r)| r.clone()).collect(),
            topic: g.topic.clone(),
            cancel: g.cancel.clone(),
        }
    }

    /// Cancel the running comparison, if any.
    pub fn cancel(&self) {
        self.lock().cancel.store(true, Ordering::SeqCst);
    }

    /// Keep a finished comparison, unless a newer run has started since.
    pub fn finish(&self, run: u64, cmp: Comparison) -> bool {
        let mut g = self.lock();
        if g.run != run {
            return false;
        }
        g.comparison = Some(cmp);
        g.path = None;
        g.dirty = true;
        true
    }

    /// The current comparison.
    pub fn comparison(&self) -> Option<Comparison> {
        self.lock().comparison.clone()
    }

    /// Everything the window shows.
    pub fn session(&self) -> Session {
        let g = self.lock();
        Session {
            drafts: g.drafts.iter().map(|(k, r)| draft(k, r)).collect(),
            comparison: g.comparison.clone(),
            path: g.path.as_ref().map(|p| p.display().to_string()),
            dirty: g.dirty,
        }
    }

    /// The comparison was saved to `path`.
    pub fn saved(&self, path: &Path) {
        let mut g = self.lock();
        g.path = Some(path.to_path_buf());
        g.dirty = false;
    }

    /// A saved comparison was opened: it replaces the current work, and its
    /// reports become the drafts, so they can be edited and compared again.
    pub fn opened(&self, path: &Path, cmp: Comparison) -> Session {
        let reports: Vec<Report> = cmp
            .documents
            .iter()
            .map(|d| Report {
                path: d.path.clone(),
                source: d.source,
                meta: d.meta.clone(),
                text: d.text.clone(),
                fetch: d.fetch.clone(),
            })
            .collect();
        let mut g = self.lock();
        g.cancel.store(true, Ordering::SeqCst);
        g.run += 1;
        g.drafts.clear();
        for r in reports {
            g.next_key += 1;
            let key = format!("r{}", g.next_key);
            g.drafts.push((key, r));
        }
        g.topic = None;
        g.comparison = Some(cmp);
        g.path = Some(path.to_path_buf());
        g.dirty = false;
        drop(g);
        self.session()
    }

    /// Whether a close request must be held back to ask the user first.
    pub fn guard_close(&self) -> bool {
        let g = self.lock();
        g.dirty && !g.close_confirmed
    }

    /// The user chose to close without saving.
    pub fn confirm_close(&self) {
        self.lock().close_confirmed = true;
    }

    /// Whether there is unsaved work.
    pub fn dirty(&self) -> bool {
        self.lock().dirty
    }

    /// The file the work belongs to, if any, and whether it has unsaved changes.
    pub fn file_status(&self) -> (Option<PathBuf>, bool) {
        let g = self.lock();
        (g.path.clone(), g.dirty)
    }
}

fn draft(key: &str, r: &Report) -> Draft {
    let mut preview: String = r.text.chars().take(180).collect();
    if preview.len() < r.text.len() {
        preview.push('…');
    }
    Draft {
        key: key.to_string(),
        path: r.path.clone(),
        source: r.source,
        meta: r.meta.clone(),
        words: r.text.split_whitespace().count(),
        preview,
        fetch: r.fetch.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp() -> Comparison {
        parallax_engine::compare_texts(
            &[
                ("a", "Nine people died in Sacaba."),
                ("b", "Three people died in Sacaba."),
            ],
            &Default::default(),
        )
        .expect("compare")
    }

    #[test]
    fn a_newer_run_drops_the_older_result_and_cancel_reaches_the_job() {
        let s = AppState::new(None);
        let first = s.begin();
        let second = s.begin();
        assert!(
            first.cancel.load(Ordering::SeqCst),
            "starting a new run cancels the old one"
        );
        assert!(!s.finish(first.run, cmp()), "a stale result is dropped");
        assert!(s.comparison().is_none());
        s.cancel();
        assert!(second.cancel.load(Ordering::SeqCst));
        assert!(s.finish(second.run, cmp()));
        assert!(s.dirty());
    }

    #[test]
    fn saving_clears_dirty_and_opening_makes_drafts_from_the_documents() {
        let s = AppState::new(None);
        let c = cmp();
        let session = s.opened(Path::new("/tmp/x.parallax"), c.clone());
        assert_eq!(session.drafts.len(), 2);
        assert!(!session.dirty);
        s.update_meta(
            &session.drafts[0].key,
            Metadata {
                outlet: Some("New".into()),
                ..Metadata::default()
            },
        )
        .expect("edit");
        assert!(s.dirty());
        s.saved(Path::new("/tmp/y.parallax"));
        assert!(!s.dirty());
        assert_eq!(s.session().path.as_deref(), Some("/tmp/y.parallax"));
    }
}
