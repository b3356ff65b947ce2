//! Wire copy: a sentence several reports carry word for word is one class
//! of analyses, whose word diff and matcher evidence are computed once per
//! pair of classes; every link still names its own two reports and points
//! at its own two places in their texts.

use parallax_engine::model::{Comparison, Metadata, Relation, SourceKind};
use parallax_engine::Report;

fn report(path: &str, outlet: &str, text: &str) -> Report {
    Report {
        path: path.into(),
        source: SourceKind::Text,
        meta: Metadata {
            title: Some(format!("{outlet} on Sacaba")),
            outlet: Some(outlet.into()),
            date: Some("2019-11-16".into()),
            language: Some("en".into()),
            url: None,
            byline: None,
        },
        text: text.into(),
        fetch: None,
    }
}

fn compare(third: &str) -> Comparison {
    let wire = "Nine people were killed in Sacaba on Friday, the Ombudsman said.";
    let reports = vec![
        report(
            "alpha.txt",
            "Alpha Wire",
            &format!("Protests went on in Cochabamba. {wire}"),
        ),
        report(
            "beta.txt",
            "Beta Daily",
            &format!("The interim government met again in La Paz on Saturday morning. {wire}"),
        ),
        report(
            "gamma.txt",
            third,
            "Three people were killed in Sacaba on Friday, the Ombudsman said.",
        ),
    ];
    let opts = parallax_engine::Options::default().created("2019-11-30T00:00:00Z");
    parallax_engine::compare(reports, &opts, &parallax_engine::NoProgress).expect("compare")
}

fn check(cmp: &Comparison) {
    let text = |id: &str| {
        let (doc, _) = id.split_once(':').expect("sentence id");
        &cmp.documents
            .iter()
            .find(|d| d.id == doc)
            .expect("document")
            .text
    };
    let outlet = |id: &str| {
        let (doc, _) = id.split_once(':').expect("sentence id");
        cmp.documents
            .iter()
            .find(|d| d.id == doc)
            .and_then(|d| d.meta.outlet.clone())
            .expect("outlet")
    };
    let conflicts: Vec<_> = cmp
        .links
        .iter()
        .filter(|l| l.relation == Relation::Contradict)
        .collect();
    // Alpha and Beta carry the same sentence; each contradicts Gamma's count.
    assert_eq!(conflicts.len(), 2, "{:#?}", cmp.links);
    for l in conflicts {
        let r = l
            .reasons
            .iter()
            .find(|r| r.conflict)
            .expect("a conflicting reason");
        for id in [&l.a, &l.b] {
            assert!(
                r.explanation.contains(&outlet(id)),
                "{} does not name {}",
                r.explanation,
                outlet(id)
            );
        }
        // The spans are the counts, in each link's own two texts.
        let words = |id: &str, spans: &[parallax_engine::model::Span]| -> Vec<String> {
            spans
                .iter()
                .map(|s| text(id)[s.start..s.end].to_string())
                .collect()
        };
        let mut seen = words(&l.a, &r.a_spans);
        seen.extend(words(&l.b, &r.b_spans));
        seen.sort();
        assert_eq!(seen, vec!["Nine", "Three"], "{r:?}");
        for d in l.diff.iter() {
            if let (Some(a), Some(b)) = (d.a, d.b) {
                assert_eq!(
                    text(&l.a)[a.start..a.end].to_lowercase(),
                    text(&l.b)[b.start..b.end].to_lowercase(),
                    "an equal run of the word diff is equal"
                );
            }
        }
    }
}

#[test]
fn copies_of_one_sentence_each_name_their_report_and_point_into_it() {
    check(&compare("Gamma Post"));
}
