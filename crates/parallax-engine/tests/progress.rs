//! Progress arrives inside each stage, in stage order, and cancelling takes
//! effect inside a stage rather than only between stages.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use parallax_engine::{compare, Error, Options, Progress, Report};

fn corpus() -> Vec<Report> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-articles/bolivia-2019");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("sample corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| parallax_engine::read_path(p, &Default::default()).expect("read"))
        .collect()
}

#[derive(Default)]
struct Recorder {
    events: Mutex<Vec<(String, usize, usize)>>,
    /// Cancel once this stage has reported any progress.
    cancel_in: Option<&'static str>,
    cancelled: AtomicBool,
}

impl Progress for Recorder {
    fn stage(&self, stage: &str, done: usize, total: usize) {
        if self.cancel_in == Some(stage) {
            self.cancelled.store(true, Ordering::SeqCst);
        }
        self.events
            .lock()
            .unwrap()
            .push((stage.to_string(), done, total));
    }
    fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }
}

#[test]
fn progress_is_reported_within_each_stage_in_order() {
    let rec = Recorder::default();
    let cmp = compare(corpus(), &Options::default(), &rec).expect("compare");
    assert!(!cmp.links.is_empty());
    let events = rec.events.lock().unwrap();
    let order = ["analyse", "align", "classify"];
    let mut last = 0;
    for (stage, done, total) in events.iter() {
        let i = order
            .iter()
            .position(|s| s == stage)
            .unwrap_or_else(|| panic!("unknown stage {stage}"));
        assert!(i >= last, "{stage} after {}", order[last]);
        last = i;
        assert!(done <= total, "{stage}: {done} of {total}");
    }
    // Many updates per stage, each stage reaching its total.
    for stage in order {
        let of: Vec<_> = events.iter().filter(|e| e.0 == stage).collect();
        assert!(of.len() >= 2, "{stage}: {} updates", of.len());
        let (_, done, total) = of[of.len() - 1];
        assert_eq!(done, total, "{stage} ends complete");
    }
}

#[test]
fn cancelling_during_alignment_stops_the_stage_early() {
    let rec = Recorder {
        cancel_in: Some("align"),
        ..Default::default()
    };
    let result = compare(corpus(), &Options::default(), &rec);
    assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
    let events = rec.events.lock().unwrap();
    let align: Vec<_> = events.iter().filter(|e| e.0 == "align").collect();
    let (_, done, total) = align[align.len() - 1];
    // The workers noticed within a few checks, far short of the whole stage.
    assert!(
        *done < total / 2,
        "aligned {done} of {total} pairs after cancelling"
    );
    assert!(
        events.iter().all(|e| e.0 != "classify"),
        "classify ran after cancel"
    );
}
