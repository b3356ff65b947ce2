//! Contradictions inside one report.

#[test]
fn a_report_that_contradicts_itself_is_flagged_on_itself() {
    let a = "---\noutlet: Alpha\ndate: 2019-11-16\nlanguage: en\n---\n\nNine people were killed in Sacaba on Friday. Markets reopened in Sucre. Three people were killed in Sacaba on Friday when police stopped the march.";
    let b = "---\noutlet: Beta\ndate: 2019-11-16\nlanguage: en\n---\n\nThe government announced new elections. Parliament met on Saturday.";
    let cmp = parallax_engine::compare_texts(&[("a.md", a), ("b.md", b)], &Default::default())
        .expect("compare");
    assert_eq!(cmp.internal.len(), 1, "{:#?}", cmp.internal);
    let l = &cmp.internal[0];
    assert_eq!((&*l.a, &*l.b), ("a:0", "a:2"));
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

/// Two dated reports of a port strike, and an undated one.
fn strike(undated: &str) -> parallax_engine::Comparison {
    let wire = "---\noutlet: Harbour Wire\ndate: 2023-03-14\nlanguage: en\n---\n\nDockers at the port of Valmora walked out on Sunday, March 12. The port authority closed the container terminal that afternoon.";
    let daily = "---\noutlet: Coast Daily\ndate: 2023-03-22\nlanguage: en\n---\n\nThe union leader Marta Ilves was arrested on Monday, March 20, outside the port gates.";
    parallax_engine::compare_texts(
        &[("wire.md", wire), ("daily.md", daily), ("blog.md", undated)],
        &Default::default(),
    )
    .expect("compare")
}

#[test]
fn an_undated_report_whose_time_words_need_two_dates_is_flagged() {
    // Sunday 12 March is "on Sunday" only in a report of 12-18 March, and
    // Monday 20 March is "last week" only in one of 26 March - 1 April.
    let cmp = strike("Dockers at the port of Valmora walked out on Sunday. The union leader Marta Ilves was arrested outside the port gates last week.");
    assert_eq!(cmp.internal.len(), 1, "{:#?}", cmp.internal);
    let l = &cmp.internal[0];
    assert_eq!((&*l.a, &*l.b), ("blog:0", "blog:1"));
    let r = l.reasons.get(0).expect("a reason");
    assert_eq!(r.kind, parallax_engine::model::ReasonKind::Date);
    assert!(r.conflict);
    let doc = cmp.document("blog").expect("blog");
    assert_eq!(doc.slice(r.a_spans[0]), "Sunday");
    assert_eq!(doc.slice(r.b_spans[0]), "last week");
    assert!(
        r.explanation.contains("12 Mar–18 Mar 2023") && r.explanation.contains("26 Mar–1 Apr 2023"),
        "{}",
        r.explanation
    );
}

#[test]
fn an_undated_report_whose_time_words_fit_one_date_is_not_flagged() {
    // Written on 20 or 21 March, "last week" is 12-18 March and "on Monday" 20 March.
    let cmp = strike("Dockers at the port of Valmora walked out last week. The union leader Marta Ilves was arrested outside the port gates on Monday.");
    assert!(cmp.internal.is_empty(), "{:#?}", cmp.internal);
}

#[test]
fn a_day_carried_over_by_that_afternoon_is_compared_across_reports() {
    // The wire's "that afternoon" is Sunday 12 March; a report saying the
    // terminal closed on Tuesday contradicts it.
    let other = "---\noutlet: Gazette\ndate: 2023-03-15\nlanguage: en\n---\n\nThe port authority closed the container terminal on Tuesday.";
    let wire = "---\noutlet: Harbour Wire\ndate: 2023-03-14\nlanguage: en\n---\n\nDockers at the port of Valmora walked out on Sunday, March 12. The port authority closed the container terminal that afternoon.";
    let cmp = parallax_engine::compare_texts(
        &[("wire.md", wire), ("gazette.md", other)],
        &Default::default(),
    )
    .expect("compare");
    let l = cmp
        .links
        .iter()
        .find(|l| &*l.a == "gazette:0" && &*l.b == "wire:1")
        .unwrap_or_else(|| panic!("not linked: {:#?}", cmp.links));
    assert_eq!(l.relation, parallax_engine::model::Relation::Contradict);
    let r = l.reasons.iter().find(|r| r.conflict).expect("a conflict");
    assert!(
        r.explanation.contains("'that afternoon' (Sun 12 Mar 2023)"),
        "{}",
        r.explanation
    );
}
