//! Unit tests of the statistics derivations.

use std::collections::BTreeMap;

use super::rollup::*;
use super::*;
use crate::model::stats::{AreaRule, Figure, Indicator, TimeRule};

fn indicator(key: &str, kind: IndicatorKind, time: TimeRule, area: AreaRule) -> Indicator {
    Indicator {
        key: key.to_owned(),
        name: key.to_owned(),
        unit: "người".to_owned(),
        kind,
        time_rule: time,
        area_rule: area,
        direction: Direction::Neutral,
        cycle: Default::default(),
        numerator: None,
        denominator: None,
        sentence: "{so}".to_owned(),
        description: String::new(),
        on_dashboard: true,
        line: 1,
        bands: Vec::new(),
    }
}

fn p(code: &str) -> Period {
    Period::parse(code).unwrap()
}

fn fig(indicator: u16, area: AreaIndex, period: &str, value: f64) -> Figure {
    Figure {
        indicator,
        area,
        period: p(period),
        value,
        note: String::new(),
        file: 0,
        line: 2,
    }
}

fn stats(indicators: Vec<Indicator>, figures: Vec<Figure>) -> Statistics {
    Statistics {
        indicators,
        figures,
        files: vec!["data/stats/a.csv".into()],
        threshold: 5,
        ..Statistics::default()
    }
}

/// Months of 2026 for one area: January..December = 1..12 (times `scale`).
fn year_of_months(indicator: u16, area: AreaIndex, scale: f64) -> Vec<Figure> {
    (1..=12)
        .map(|m| {
            fig(
                indicator,
                area,
                &format!("2026-{m:02}"),
                f64::from(m) * scale,
            )
        })
        .collect()
}

/// The map-based roll-up the flat table replaced, kept as the oracle: maps of maps, every
/// look-up by key.
fn reference_roll_up(stats: &Statistics, area_count: usize) -> BTreeMap<Key, (f64, Origin)> {
    type Map = BTreeMap<Period, (f64, Origin)>;
    fn over_time(series: &mut Map, rule: TimeRule) {
        for level in [1u8, 2u8] {
            let parents: Vec<Period> = series
                .keys()
                .filter(|p| p.level() + 1 == level)
                .filter_map(|p| p.parent())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            for parent in parents {
                if series.contains_key(&parent) {
                    continue;
                }
                let parts: Option<Vec<f64>> = parent
                    .children()
                    .iter()
                    .map(|c| series.get(c).map(|v| v.0))
                    .collect();
                let Some(parts) = parts else { continue };
                let value = match rule {
                    TimeRule::Sum => combine(false, &parts),
                    TimeRule::Mean => combine(true, &parts),
                    TimeRule::Last => *parts.last().unwrap(),
                };
                series.insert(parent, (value, Origin::RolledUp));
            }
        }
    }
    let mut series: BTreeMap<(u16, AreaIndex), Map> = BTreeMap::new();
    for f in &stats.figures {
        series
            .entry((f.indicator, f.area))
            .or_default()
            .insert(f.period, (f.value, Origin::Given));
    }
    for ((i, _), s) in series.iter_mut() {
        over_time(s, stats.indicators[*i as usize].time_rule);
    }
    for (i, indicator) in stats.indicators.iter().enumerate() {
        if indicator.area_rule == AreaRule::None {
            continue;
        }
        let i = i as u16;
        let periods: std::collections::BTreeSet<Period> = (0..area_count)
            .filter_map(|a| series.get(&(i, Some(a as u16))))
            .flat_map(|s| s.keys().copied())
            .collect();
        let mut computed = Vec::new();
        for period in periods {
            let parts: Option<Vec<f64>> = (0..area_count)
                .map(|a| series.get(&(i, Some(a as u16)))?.get(&period).map(|v| v.0))
                .collect();
            if let Some(parts) = parts {
                computed.push((
                    period,
                    combine(indicator.area_rule == AreaRule::Mean, &parts),
                ));
            }
        }
        let ward = series.entry((i, None)).or_default();
        for (period, value) in computed {
            ward.entry(period).or_insert((value, Origin::RolledUp));
        }
        over_time(ward, indicator.time_rule);
    }
    series
        .into_iter()
        .flat_map(|((i, a), s)| s.into_iter().map(move |(p, v)| ((i, a, p), v)))
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any figures, with gaps, given quarters and ward figures, roll up to what the map-based
    /// roll-up gives.
    #[test]
    fn the_flat_table_rolls_up_like_maps_of_maps(
        cells in proptest::collection::vec(
            (0u16..3, 0u16..4, 0u32..30, 0u32..3, 0u32..40),
            0..200,
        )
    ) {
        let indicators = vec![
            indicator("a", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum),
            indicator("b", IndicatorKind::Count, TimeRule::Last, AreaRule::Sum),
            indicator("c", IndicatorKind::Amount, TimeRule::Mean, AreaRule::Mean),
        ];
        let area_count = 3;
        let mut seen = std::collections::BTreeSet::new();
        let figures: Vec<Figure> = cells
            .into_iter()
            .filter_map(|(i, area, month, level, value)| {
                // Area 3 is the ward; months 0..30 run over three years.
                let area = (area < 3).then_some(area);
                let year = 2024 + (month / 12) as i32;
                let period = match level {
                    0 => Period::Month { year, month: month % 12 + 1 },
                    1 => Period::Quarter { year, quarter: month % 4 + 1 },
                    _ => Period::Year { year },
                };
                seen.insert((i, area, period)).then(|| Figure {
                    indicator: i,
                    area,
                    period,
                    value: f64::from(value),
                    note: String::new(),
                    file: 0,
                    line: 2,
                })
            })
            .collect();
        let stats = stats(indicators, figures);
        let table = roll_up(&stats, area_count);
        let got: BTreeMap<Key, (f64, Origin)> =
            table.values().map(|(k, v)| (k, (v.value, v.origin))).collect();
        proptest::prop_assert_eq!(got, reference_roll_up(&stats, area_count));
    }
}

#[test]
fn sum_last_and_mean_over_time_by_hand() {
    let s = stats(
        vec![
            indicator("sum", IndicatorKind::Count, TimeRule::Sum, AreaRule::None),
            indicator("last", IndicatorKind::Count, TimeRule::Last, AreaRule::None),
            indicator("mean", IndicatorKind::Count, TimeRule::Mean, AreaRule::None),
        ],
        [0u16, 1, 2]
            .into_iter()
            .flat_map(|i| year_of_months(i, None, 10.0))
            .collect(),
    );
    let t = roll_up(&s, 0);
    // Q1 = Jan..Mar = 10, 20, 30.
    assert_eq!(t.get(0, None, p("2026-Q1")), Some(60.0));
    assert_eq!(t.get(1, None, p("2026-Q1")), Some(30.0));
    assert_eq!(t.get(2, None, p("2026-Q1")), Some(20.0));
    // Q4 = 100, 110, 120.
    assert_eq!(t.get(0, None, p("2026-Q4")), Some(330.0));
    // Year: sum 10+..+120 = 780; last = December; mean of quarter means = 65.
    assert_eq!(t.get(0, None, p("2026")), Some(780.0));
    assert_eq!(t.get(1, None, p("2026")), Some(120.0));
    assert_eq!(t.get(2, None, p("2026")), Some(65.0));
    assert_eq!(
        t.value((0, None, p("2026"))).unwrap().origin,
        Origin::RolledUp
    );
}

#[test]
fn an_incomplete_quarter_is_not_rolled_up() {
    let s = stats(
        vec![indicator(
            "sum",
            IndicatorKind::Count,
            TimeRule::Sum,
            AreaRule::None,
        )],
        vec![fig(0, None, "2026-07", 5.0), fig(0, None, "2026-08", 6.0)],
    );
    let t = roll_up(&s, 0);
    assert_eq!(t.get(0, None, p("2026-Q3")), None);
    assert_eq!(t.get(0, None, p("2026")), None);
}

#[test]
fn areas_add_up_to_the_ward_and_a_given_total_that_differs_is_reported() {
    let s = stats(
        vec![
            indicator("sum", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum),
            indicator("mean", IndicatorKind::Count, TimeRule::Sum, AreaRule::Mean),
        ],
        vec![
            fig(0, Some(0), "2026-03", 12.0),
            fig(0, Some(1), "2026-03", 30.0),
            fig(0, Some(2), "2026-03", 9.0),
            fig(1, Some(0), "2026-03", 10.0),
            fig(1, Some(1), "2026-03", 20.0),
            fig(1, Some(2), "2026-03", 60.0),
            // Given ward figure that does not match 12 + 30 + 9 = 51.
            fig(0, None, "2026-03", 50.0),
        ],
    );
    let t = roll_up(&s, 3);
    assert_eq!(
        t.get(0, None, p("2026-03")),
        Some(50.0),
        "the given total is kept"
    );
    assert_eq!(t.get(1, None, p("2026-03")), Some(30.0));
    assert_eq!(t.mismatches.len(), 1);
    assert_eq!(t.mismatches[0].given, 50.0);
    assert_eq!(t.mismatches[0].computed, 51.0);
    assert_eq!(
        t.mismatches[0].location.file,
        std::path::PathBuf::from("data/stats/a.csv")
    );
}

#[test]
fn a_ratio_is_computed_from_rolled_up_parts() {
    let mut ratio = indicator(
        "ratio",
        IndicatorKind::Ratio,
        TimeRule::Last,
        AreaRule::None,
    );
    ratio.numerator = Some("num".into());
    ratio.denominator = Some("den".into());
    let s = stats(
        vec![
            indicator("num", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum),
            indicator("den", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum),
            ratio,
        ],
        vec![
            fig(0, Some(0), "2026-Q1", 45.0),
            fig(0, Some(1), "2026-Q1", 51.0),
            fig(1, Some(0), "2026-Q1", 50.0),
            fig(1, Some(1), "2026-Q1", 50.0),
        ],
    );
    let t = roll_up(&s, 2);
    // (45 + 51) / (50 + 50) = 96%, not the mean of 90% and 102%.
    assert_eq!(t.get(2, None, p("2026-Q1")), Some(96.0));
    assert_eq!(t.get(2, Some(0), p("2026-Q1")), Some(90.0));
    assert_eq!(
        t.value((2, None, p("2026-Q1"))).unwrap().origin,
        Origin::Computed
    );
}

#[test]
fn small_counts_are_hidden_and_cannot_be_recovered_by_subtraction() {
    // Adversarial: one small group, others large, ward total shown.
    let s = stats(
        vec![indicator(
            "c",
            IndicatorKind::Count,
            TimeRule::Last,
            AreaRule::Sum,
        )],
        vec![
            fig(0, Some(0), "2026", 3.0),
            fig(0, Some(1), "2026", 40.0),
            fig(0, Some(2), "2026", 25.0),
            fig(0, Some(3), "2026", 0.0),
        ],
    );
    let t = roll_up(&s, 4);
    assert_eq!(t.get(0, None, p("2026")), Some(68.0));
    assert_eq!(
        t.suppressed.get(&(0, Some(0), p("2026"))),
        Some(&Suppression::Small)
    );
    // A lone hidden cell beside a total would be 68 - 40 - 25 - 0: the smallest other cell (0)
    // is hidden too, and then every group has at least two hidden cells.
    assert_eq!(
        t.suppressed.get(&(0, Some(3), p("2026"))),
        Some(&Suppression::Complementary)
    );
    assert_eq!(t.suppressed.len(), 2);
    let shown = cell(&s, &t, (0, Some(0), p("2026"))).unwrap();
    assert_eq!(shown.text, "< 5");
    assert_eq!(shown.value, None);
    // Whatever the reader subtracts, two unknowns remain.
    let visible: f64 = (0..4)
        .filter_map(|a| cell(&s, &t, (0, Some(a), p("2026"))).and_then(|c| c.value))
        .sum();
    assert_eq!(
        68.0 - visible,
        3.0,
        "only the sum of the two hidden cells is known"
    );
}

#[test]
fn suppression_also_protects_months_inside_a_quarter() {
    let s = stats(
        vec![indicator(
            "c",
            IndicatorKind::Count,
            TimeRule::Sum,
            AreaRule::None,
        )],
        vec![
            fig(0, None, "2026-01", 2.0),
            fig(0, None, "2026-02", 9.0),
            fig(0, None, "2026-03", 12.0),
        ],
    );
    let t = roll_up(&s, 0);
    assert_eq!(t.get(0, None, p("2026-Q1")), Some(23.0));
    assert_eq!(
        t.suppressed.get(&(0, None, p("2026-01"))),
        Some(&Suppression::Small)
    );
    assert_eq!(
        t.suppressed.get(&(0, None, p("2026-02"))),
        Some(&Suppression::Complementary)
    );
    assert!(!t.suppressed.contains_key(&(0, None, p("2026-03"))));
}

#[test]
fn changes_against_previous_period_and_last_year() {
    let mut ind = indicator("c", IndicatorKind::Count, TimeRule::Sum, AreaRule::None);
    ind.direction = Direction::Down;
    let s = stats(
        vec![ind],
        vec![
            fig(0, None, "2025-Q3", 200.0),
            fig(0, None, "2026-Q2", 1_000.0),
            fig(0, None, "2026-Q3", 1_234.0),
        ],
    );
    let t = roll_up(&s, 0);
    let k = key_figure(&s, &t, 0, p("2026-Q3")).unwrap();
    assert_eq!(k.sentence, "1.234");
    let prev = k.previous.unwrap();
    assert_eq!(prev.direction, "up");
    assert_eq!(prev.amount_text, "234 người");
    assert_eq!(prev.percent_text.as_deref(), Some("23,4%"));
    assert_eq!(prev.against, "quý II/2026");
    assert_eq!(
        prev.good,
        Some(false),
        "more is bad news for this indicator"
    );
    assert_eq!(k.year_ago.unwrap().amount_text, "1.034 người");
}

#[test]
fn statuses() {
    assert_eq!(status(None, true), Status::NoData);
    assert_eq!(status(Some(true), false), Status::Met);
    assert_eq!(status(Some(false), true), Status::NotMet);
    assert_eq!(status(Some(false), false), Status::NotDue);
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn a_yearly_target_on_a_summed_indicator_counts_the_year_so_far() {
    // Sessions by month, January..October 2026 = 10, 20, ..., 100; last value indicator beside.
    let sessions = indicator("tu-van", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum);
    let people = indicator("nguoi", IndicatorKind::Count, TimeRule::Last, AreaRule::Sum);
    let mut figures: Vec<Figure> = (1..=10)
        .map(|m| fig(0, None, &format!("2026-{m:02}"), f64::from(m) * 10.0))
        .collect();
    figures.extend((1..=10).map(|m| fig(1, None, &format!("2026-{m:02}"), 100.0 + f64::from(m))));
    let s = stats(vec![sessions, people], figures);
    let table = roll_up(&s, 0);
    let due_2026 = Some(p("2026"));
    // On 22 November: Q1 (60) + Q2 (150) + Q3 (240) + October (100) = 550, not October's 100.
    let (value, text) = measure(&s, &table, 0, due_2026, day("2026-11-22")).unwrap();
    assert_eq!(value, 550.0);
    assert_eq!(text, "từ đầu năm 2026 đến hết tháng 10/2026");
    // On 20 August the months after July are not counted yet: 60 + 150 + 70 = 280.
    let (value, text) = measure(&s, &table, 0, due_2026, day("2026-08-20")).unwrap();
    assert_eq!(value, 280.0);
    assert_eq!(text, "từ đầu năm 2026 đến hết tháng 7/2026");
    // A month deadline and a last-value indicator keep the latest figure.
    let (value, _) = measure(&s, &table, 0, Some(p("2026-09")), day("2026-09-30")).unwrap();
    assert_eq!(value, 90.0);
    let (value, _) = measure(&s, &table, 1, due_2026, day("2026-11-22")).unwrap();
    assert_eq!(value, 110.0);
    // A target due in 2030 is measured on the current year so far.
    let (value, _) = measure(&s, &table, 0, Some(p("2030")), day("2026-11-22")).unwrap();
    assert_eq!(value, 550.0);
    // Nothing in the year yet: no figure rather than zero.
    assert_eq!(
        measure(&s, &table, 0, Some(p("2027")), day("2027-01-15")),
        None
    );
}

#[test]
fn the_year_so_far_stops_at_a_gap_and_uses_the_year_once_it_is_over() {
    let sessions = indicator("tu-van", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum);
    // 2025: quarters given (Q1..Q4 = 5, 6, 7, 8); 2026: January, February, April (March missing).
    let figures = vec![
        fig(0, None, "2025-Q1", 5.0),
        fig(0, None, "2025-Q2", 6.0),
        fig(0, None, "2025-Q3", 7.0),
        fig(0, None, "2025-Q4", 8.0),
        fig(0, None, "2026-01", 3.0),
        fig(0, None, "2026-02", 4.0),
        fig(0, None, "2026-04", 9.0),
    ];
    let s = stats(vec![sessions], figures);
    let table = roll_up(&s, 0);
    let (value, text) = measure(&s, &table, 0, Some(p("2025")), day("2025-12-31")).unwrap();
    assert_eq!((value, text.as_str()), (26.0, "năm 2025"));
    let (value, text) = measure(&s, &table, 0, Some(p("2026")), day("2026-05-31")).unwrap();
    assert_eq!(
        (value, text.as_str()),
        (7.0, "từ đầu năm 2026 đến hết tháng 2/2026")
    );
}

#[test]
fn a_yearly_indicator_sums_its_running_year_and_protects_its_quarters() {
    let mut yearly = indicator("c", IndicatorKind::Count, TimeRule::Sum, AreaRule::None);
    yearly.cycle = crate::model::stats::Cycle::Year;
    let quarterly = indicator("q", IndicatorKind::Count, TimeRule::Sum, AreaRule::None);
    let s = stats(
        vec![yearly, quarterly],
        vec![
            fig(0, None, "2026-01", 3.0),
            fig(0, None, "2026-02", 0.0),
            fig(0, None, "2026-03", 0.0),
            fig(0, None, "2026-Q2", 10.0),
            fig(0, None, "2026-Q3", 20.0),
            fig(1, None, "2026-Q1", 3.0),
            fig(1, None, "2026-Q2", 10.0),
        ],
    );
    let t = roll_up(&s, 0);
    // The year so far: its three quarters, and how far it goes.
    assert_eq!(t.get(0, None, p("2026")), Some(33.0));
    assert_eq!(t.covered_until((0, None, p("2026"))), Some(p("2026-Q3")));
    assert_eq!(
        period_text(&t, (0, None, p("2026"))),
        "năm 2026, đến hết quý III"
    );
    assert_eq!(t.end_day((0, None, p("2026"))).to_string(), "2026-09-30");
    assert_eq!(
        t.cycle_periods(0, crate::model::stats::Cycle::Year),
        [p("2026")]
    );
    // Q1 (3) is small; with the year shown, Q2 is hidden too so that 33 - 20 - 10 is not told.
    assert_eq!(
        t.suppressed.get(&(0, None, p("2026-Q1"))),
        Some(&Suppression::Small)
    );
    assert_eq!(
        t.suppressed.get(&(0, None, p("2026-Q2"))),
        Some(&Suppression::Complementary)
    );
    // A quarterly indicator's year is only ever the sum of four quarters.
    assert_eq!(t.get(1, None, p("2026")), None);
}

#[test]
fn a_monthly_indicator_reads_months_where_there_are_months_and_a_yearly_ratio_says_how_far() {
    use crate::model::stats::Cycle;
    let mut part = indicator("n", IndicatorKind::Count, TimeRule::Sum, AreaRule::None);
    part.cycle = Cycle::Year;
    let mut whole = indicator("d", IndicatorKind::Count, TimeRule::Sum, AreaRule::None);
    whole.cycle = Cycle::Year;
    let mut ratio = indicator("r", IndicatorKind::Ratio, TimeRule::Last, AreaRule::None);
    ratio.cycle = Cycle::Year;
    ratio.numerator = Some("n".to_owned());
    ratio.denominator = Some("d".to_owned());
    let s = stats(
        vec![part, whole, ratio],
        vec![
            fig(0, None, "2026-Q1", 30.0),
            fig(0, None, "2026-Q2", 30.0),
            fig(1, None, "2026-Q1", 60.0),
            fig(1, None, "2026-Q2", 60.0),
        ],
    );
    let t = roll_up(&s, 0);
    assert_eq!(t.get(2, None, p("2026")), Some(50.0));
    assert_eq!(
        period_text(&t, (2, None, p("2026"))),
        "năm 2026, đến hết quý II"
    );
    // Months where the figures are monthly, else every period as quarters read.
    let monthly = stats(
        vec![indicator(
            "m",
            IndicatorKind::Count,
            TimeRule::Sum,
            AreaRule::None,
        )],
        year_of_months(0, None, 1.0),
    );
    let t = roll_up(&monthly, 0);
    let months = t.cycle_periods(0, Cycle::Month);
    assert_eq!(months.len(), 12);
    assert!(months.iter().all(|p| p.level() == 0));
    assert_eq!(t.cycle_periods(0, Cycle::Quarter).len(), 12 + 4 + 1);
    let quarterly = stats(
        vec![indicator(
            "q",
            IndicatorKind::Count,
            TimeRule::Sum,
            AreaRule::None,
        )],
        vec![fig(0, None, "2026-Q1", 5.0), fig(0, None, "2026-Q2", 6.0)],
    );
    let t = roll_up(&quarterly, 0);
    assert_eq!(
        t.cycle_periods(0, Cycle::Month),
        [p("2026-Q1"), p("2026-Q2")]
    );
}
