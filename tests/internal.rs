//! Contradictions inside one report.

#[test]
fn a_report_that_contradicts_itself_is_flagged_on_itself() {
    let a = "---\noutlet: Alpha\ndate: 2019-11-16\nlanguage: en\n---\n\nNine people were killed in Sacaba on Friday. Markets reopened in Sucre. Three people were killed in Sacaba on Friday when police stopped the march.";
    let b = "---\noutlet: Beta\ndate: 2019-11-16\nlanguage: en\n---\n\nThe government announced new elections. Parliament met on Saturday.";
    let cmp = parallax_engine::compare_texts(&[("a.md", a), ("b.md", b)], &Default::default())
        .expect("compare");
    assert_eq!(cmp.internal.len(), 1, "{:#?}", cmp.internal);
    let l = &cmp.internal[0];
    assert_eq!((l.a.as_str(), l.b.as_str()), ("a:0", "a:2"));
    assert!(l
        .reasons
        .iter()
        .any(|r| r.kind == parallax_engine::model::ReasonKind::Number && r.conflict));
}

#[test]
fn reporting_two_sides_is_not_an_internal_contradiction() {
    let a = "---\noutlet: Alpha\ndate: 2019-11-20\nlanguage: en\n---\n\nThe defence minister said soldiers had not fired a single bullet at Senkata. Residents said the troops had fired on them at Senkata.";
    let b = "---\noutlet: Beta\ndate: 2019-11-20\nlanguage: en\n---\n\nA convoy of fuel tankers left the plant.";
    let cmp = parallax_engine::compare_texts(&[("a.md", a), ("b.md", b)], &Default::default())
        .expect("compare");
    assert!(cmp.internal.is_empty(), "{:#?}", cmp.internal);
}
