//! `core::action_paste`: action tables as they come out of Word, Excel and CSV,
//! read into the actions, priorities and outcomes they would add.
//!
//! The tables are the seeds' (`../shared/seeds/` 000, 002, 003) as Word holds
//! them: cells of several paragraphs, spanning priority rows, header rows
//! repeated on each page, rows broken across pages.

use waymark::core::action_paste::{
    codes_in, dates_in, guess_role, preview, read_table, split_reference, ActionColumnRole,
    ActionPasteChoices, ActionPastePreview, ActionTable, PasteInto, SectionRows,
};
use waymark::core::csv::csv_text;
use waymark::core::date::Date;
use waymark::core::edit::IdGen;
use waymark::core::grid::{Grid, GridCell};
use waymark::core::model::{
    Action, ActionStatus, Id, Kpi, Milestone, Outcome, Plan, Priority, ProgressUpdate, Quarter,
    Rag, Risk,
};

// ---------------------------------------------------------------------------
// Helpers

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

const TODAY: (i32, u8, u8) = (2026, 12, 1);

fn today() -> Date {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// A cell: paragraphs separated by "\n"; "{3}" at the start makes it span 3 columns.
fn cell(text: &str) -> GridCell {
    if let Some(rest) = text.strip_prefix('{') {
        let (n, t) = rest.split_once('}').unwrap();
        return GridCell::spanning(t, n.parse().unwrap());
    }
    GridCell::new(text)
}

fn grid(heading: &str, rows: &[&[&str]]) -> Grid {
    Grid {
        heading: heading.to_string(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| cell(c)).collect())
            .collect(),
    }
}

/// The example's period (June 2009 – September 2010), KPIs NI 112 and NI 72 (twice:
/// one indicator in two tables), and the priorities given.
fn plan_with(priorities: Vec<Priority>) -> Plan {
    let kpi = |id: &str, code: &str, title: &str| Kpi {
        id: Id::new(id),
        code: code.into(),
        title: title.into(),
        ..Kpi::default()
    };
    Plan {
        id: Id::new("plan"),
        title: "CYPS Performance Improvement Plan".into(),
        period_start: Some(d(2009, 6, 1)),
        period_end: Some(d(2010, 9, 30)),
        kpis: vec![
            kpi("k-112", "NI 112", "Under 18 conception rate"),
            kpi("k-72", "NI72", "Early Years Foundation Stage"),
            kpi("k-72b", "ni 72", "EYFS (LAA table)"),
        ],
        priorities,
        ..Plan::default()
    }
}

fn ids() -> impl FnMut(&str) -> Id {
    let mut n = 0;
    move |prefix: &str| {
        n += 1;
        Id::new(format!("{prefix}-{n}"))
    }
}

fn run(plan: &Plan, g: &Grid) -> (ActionTable, ActionPastePreview) {
    let table = read_table(g);
    let choices = ActionPasteChoices::suggested(plan, &table, Some(today()));
    let p = preview(plan, &table, &choices, &mut ids());
    (table, p)
}

fn applied(plan: &Plan, p: &ActionPastePreview) -> Plan {
    let mut after = plan.clone();
    p.change.as_ref().expect("a change").apply(&mut after);
    after
}

/// An action with every id blanked, to compare with an expected one.
fn no_ids(a: &Action) -> Action {
    let mut a = a.clone();
    a.id = Id::default();
    a.milestones.iter_mut().for_each(|m| m.id = Id::default());
    a.risks.iter_mut().for_each(|r| r.id = Id::default());
    a.updates.iter_mut().for_each(|u| u.id = Id::default());
    a
}

fn milestone(title: &str, due: Option<Date>, quarter: Option<Quarter>) -> Milestone {
    Milestone {
        id: Id::default(),
        title: title.into(),
        due,
        quarter,
        done: false,
    }
}

fn risk(description: &str) -> Risk {
    Risk {
        description: description.into(),
        ..Risk::default()
    }
}

fn update(rag: Rag, reason: &str, commentary: &str) -> ProgressUpdate {
    ProgressUpdate {
        date: Some(today()),
        rag,
        reason: reason.into(),
        commentary: commentary.into(),
        ..ProgressUpdate::default()
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn refs(p: &ActionPastePreview) -> Vec<&str> {
    p.actions
        .iter()
        .map(|a| a.action.reference.as_str())
        .collect()
}

fn problems(p: &ActionPastePreview) -> Vec<(usize, &str)> {
    p.problems
        .iter()
        .map(|x| (x.row, x.reason.as_str()))
        .collect()
}

// ---------------------------------------------------------------------------
// Seed 000: the improvement plan's activity tables

const HEADER_000: &[&str] = &[
    "Activity",
    "Starting Point (June 2009)",
    "Timeline",
    "Resource requirements",
    "Lead(s)",
    "Projected outcomes",
    "Risk RAG Mitigation",
    "Ref DR",
    "Monitoring",
    "Progress",
];

/// Priority 1 as Word holds it: the heading above, two pages (the header repeated,
/// with "Mitigation" under "Risk RAG"), and 1.7 broken across a page.
fn seed_000_priority_1() -> Grid {
    grid(
        "Priority 1 To improve Leadership and Management of Children Services in Milton Keynes, rebalancing member involvement",
        &[
            HEADER_000,
            &[
                "1.1 Accelerate transition to a permanent high quality leadership team through an appropriate balance of internal & external appointments",
                "1)The directorate management team currently has only one permanent appointment. 3 assistant directors are temporary or interim.\n2) No strategic managers are yet confirmed in post, and some are acting up.",
                "1.Substantive appointments to 2 nd tier made & in post by September 2009\n2. DLT review of 3 rd tier complete by 31 October 2009",
                "Leadership Development for new DLT – to include working with members & corporate working. Joint training between Lead Member and Chief Officers (DCS and ADs).",
                "DCS\nDLT",
                "4 Assistant Directors in post by end October 2009.\nNew 3 rd tier structure fit for purpose agreed & permanent appointments made officers in place with updated job descriptions enabling clear strategic direction & accountability.\nEffective performance in role as evidenced by improved outcomes.",
                "Tight time frame\nDevelopment needs of appointees\nSecure funding for improved capacity at 3 rd tier level.",
                "5.1.2 5.1.3 5.1.4 5.1.6 7.3.1",
                "Chief Executive",
                "3 substantive AD appointments made 07.07.09 & all in post 14.09.09",
            ],
            &[
                "1.2 Strengthen leadership and management capacity to ease the transition and provide 'catch up'",
                "CYP services in MK poorly developed, under resourced & lack sufficient capacity to catch up.",
                "1. June - Appoint a 5 th AD member to DLT for 12 months with a specific remit to support the DCS in implementing the improvement plan 2. July - Secure additional resource to support catch up in key areas of underperformance: Data; Academy Development, Inclusion/SEN.",
                "Salary, on costs and expenses funded by DCSF IESE grant agreed",
                "DCS",
                "Systems & structures in place to enable substantive posts to sustain at least a 'good' level of service.\nDLT will be operating effectively",
                "1. Appointed 2. Funding from DCSF agreed.",
                // The seed runs Ref DR and Monitoring together in one cell.
                "1.8 1.1.9 7.3.1 CAA",
                "",
                "AD for Change Management appointed wef 22.06.09\nSERO appointed to provide external support",
            ],
            // Page 2: the header again, "Monitor -ing" as printed, and the row of
            // column words under it.
            &[
                "Activity",
                "Starting Point (June 2009)",
                "Timeline",
                "Resource requirements",
                "Lead(s)",
                "Projected outcomes",
                "Risk RAG",
                "Ref DR",
                "Monitor -ing",
                "Progress",
            ],
            &["", "", "", "", "", "", "Mitigation", "", "", ""],
            &[
                "1.5 Appointment of Lead Member for Children.",
                "Lack of clarity around the appropriate level of involvement of elected members.",
                "June 2009 LM for Children agreed. Sept. 2009",
                "Member Development Budget.",
                "Head of HR\nHead of Democratic Services\nChief Executive",
                "Fulfillment of statutory role of Lead Member for children.",
                "Green",
                "1.11 5.1.4 5.1.5 5.1.7",
                "CAA",
                "Single Lead Member of Children's Services agreed & Mentor for Lead Member identified",
            ],
            &[
                "1.7 Review of funding and expenditure of directorate",
                "Centrally held education budget (non-schools) appears low compared with NA (£258 per pupils cf £366 NA)",
                "3 months",
                "Funding for additional capacity at 3 rd tier level",
                "DCS",
                "Improved financial management.",
                "Improvement plan not sustainable without adequate funding.\nSchools Forum reluctant to agree necessary changes to schools' funding.",
                "4.3.8",
                "Director of Finance",
                "",
            ],
            // 1.7 goes on over the page break.
            &[
                "(Need to include subsequent impact on services post National Strategies)",
                "",
                "April 2010",
                "Planning for commissioning of NS funded staff",
                "",
                "",
                "Council committed to finding additional funding.",
                "",
                "",
                "",
            ],
        ],
    )
}

#[test]
fn seed_000_priority_1_reads_to_its_activities() {
    let plan = plan_with(vec![]);
    let (table, p) = run(&plan, &seed_000_priority_1());
    use ActionColumnRole as R;
    assert_eq!(
        table.roles,
        vec![
            R::Title,
            R::StartingPoint,
            R::Timeline,
            R::Resources,
            R::Leads,
            R::Outcomes,
            R::Risk,
            R::ReviewRef,
            R::MonitoredBy,
            R::Progress
        ]
    );
    assert_eq!(table.header_rows, vec![1]);
    // The repeated header and its "Mitigation" row are not data.
    assert_eq!(
        table.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        vec![2, 3, 6, 7, 8]
    );
    assert_eq!(problems(&p), vec![]);
    assert_eq!(refs(&p), vec!["1.1", "1.2", "1.5", "1.7"]);

    let a11 = Action {
        reference: "1.1".into(),
        title: "Accelerate transition to a permanent high quality leadership team through an appropriate balance of internal & external appointments".into(),
        starting_point: "1)The directorate management team currently has only one permanent appointment. 3 assistant directors are temporary or interim.\n2) No strategic managers are yet confirmed in post, and some are acting up.".into(),
        starting_point_as_of: Some(d(2009, 6, 1)),
        timeline: "1.Substantive appointments to 2 nd tier made & in post by September 2009\n2. DLT review of 3 rd tier complete by 31 October 2009".into(),
        due: Some(d(2009, 10, 31)),
        milestones: vec![
            milestone(
                "Substantive appointments to 2 nd tier made & in post by September 2009",
                Some(d(2009, 9, 30)),
                None,
            ),
            milestone(
                "DLT review of 3 rd tier complete by 31 October 2009",
                Some(d(2009, 10, 31)),
                None,
            ),
        ],
        resources: "Leadership Development for new DLT – to include working with members & corporate working. Joint training between Lead Member and Chief Officers (DCS and ADs).".into(),
        leads: strings(&["DCS", "DLT"]),
        monitored_by: strings(&["Chief Executive"]),
        projected_outcomes: "4 Assistant Directors in post by end October 2009.\nNew 3 rd tier structure fit for purpose agreed & permanent appointments made officers in place with updated job descriptions enabling clear strategic direction & accountability.\nEffective performance in role as evidenced by improved outcomes.".into(),
        risks: vec![
            risk("Tight time frame"),
            risk("Development needs of appointees"),
            risk("Secure funding for improved capacity at 3 rd tier level."),
        ],
        review_refs: strings(&["5.1.2", "5.1.3", "5.1.4", "5.1.6", "7.3.1"]),
        status: ActionStatus::InProgress,
        updates: vec![update(
            Rag::NotRated,
            "",
            "3 substantive AD appointments made 07.07.09 & all in post 14.09.09",
        )],
        ..Action::default()
    };
    assert_eq!(no_ids(&p.actions[0].action), a11);

    // A run-in numbered timeline: a milestone per number, months alone read in
    // the plan's period (June 2009 onwards).
    let a12 = &p.actions[1].action;
    assert_eq!(
        no_ids(a12).milestones,
        vec![
            milestone(
                "June - Appoint a 5 th AD member to DLT for 12 months with a specific remit to support the DCS in implementing the improvement plan",
                Some(d(2009, 6, 30)),
                None
            ),
            milestone(
                "July - Secure additional resource to support catch up in key areas of underperformance: Data; Academy Development, Inclusion/SEN.",
                Some(d(2009, 7, 31)),
                None
            ),
        ]
    );
    assert_eq!(a12.due, Some(d(2009, 7, 31)));
    assert_eq!(a12.review_refs, strings(&["1.8", "1.1.9", "7.3.1"]));
    assert_eq!(a12.monitored_by, strings(&["CAA"]));
    assert_eq!(
        no_ids(a12).updates,
        vec![update(
            Rag::NotRated,
            "",
            "AD for Change Management appointed wef 22.06.09\nSERO appointed to provide external support"
        )]
    );

    // "Green" alone in the Risk RAG cell is the RAG of the first update, not a risk.
    let a15 = &p.actions[2].action;
    assert_eq!(a15.risks, vec![]);
    assert_eq!(
        no_ids(a15).updates,
        vec![update(
            Rag::Green,
            "",
            "Single Lead Member of Children's Services agreed & Mentor for Lead Member identified"
        )]
    );
    assert_eq!(a15.milestones, vec![]);
    assert_eq!(a15.timeline, "June 2009 LM for Children agreed. Sept. 2009");
    assert_eq!(a15.due, Some(d(2009, 9, 30)));
    assert_eq!(
        a15.leads,
        strings(&[
            "Head of HR",
            "Head of Democratic Services",
            "Chief Executive"
        ])
    );

    // 1.7 and the row that continues it over the page.
    let s17 = &p.actions[3];
    assert_eq!(s17.rows, vec![7, 8]);
    let a17 = no_ids(&s17.action);
    assert_eq!(
        a17.description,
        "(Need to include subsequent impact on services post National Strategies)"
    );
    assert_eq!(a17.timeline, "3 months\nApril 2010");
    assert_eq!(
        a17.milestones,
        vec![
            milestone("3 months", None, None),
            milestone("April 2010", Some(d(2010, 4, 30)), None)
        ]
    );
    assert_eq!(a17.due, Some(d(2010, 4, 30)));
    assert_eq!(
        a17.resources,
        "Funding for additional capacity at 3 rd tier level\nPlanning for commissioning of NS funded staff"
    );
    assert_eq!(
        a17.risks,
        vec![
            risk("Improvement plan not sustainable without adequate funding."),
            risk("Schools Forum reluctant to agree necessary changes to schools' funding."),
            risk("Council committed to finding additional funding."),
        ]
    );
    assert_eq!(a17.updates, vec![]);

    // Everything goes into Priority 1, new, named by the heading.
    assert_eq!(
        p.new_priorities,
        vec!["Priority 1: To improve Leadership and Management of Children Services in Milton Keynes, rebalancing member involvement"]
    );
    assert!(p.actions.iter().all(|a| a.place
        == "Priority 1: To improve Leadership and Management of Children Services in Milton Keynes, rebalancing member involvement (new)"));
    assert_eq!(
        p.actions[0].lines,
        strings(&[
            "Reference: 1.1",
            "Title: Accelerate transition to a permanent high quality leadership team through an appropriate balance of internal & external appointments",
            "Leads: DCS, DLT",
            "Due: 31 October 2009",
            "2 milestones",
            "3 risks",
            "First update (1 December 2026): Not rated — 3 substantive AD appointments made 07.07.09 & all in post 14.09.09",
            "Review references: 5.1.2, 5.1.3, 5.1.4, 5.1.6, 7.3.1",
        ])
    );

    // One change adds the priority with its four actions; undoing it restores the plan.
    let after = applied(&plan, &p);
    assert_eq!(after.priorities.len(), 1);
    assert_eq!(after.priorities[0].number, "1");
    assert_eq!(after.priorities[0].actions.len(), 4);
    let mut undone = after.clone();
    p.change.as_ref().unwrap().inverse().apply(&mut undone);
    assert_eq!(undone, plan);
}

/// Priority 2 with its spanning title row in the table, the objective and
/// success-criteria rows above the header, and sub-items "i)." and "ii)".
fn seed_000_priority_2() -> Grid {
    grid(
        "",
        &[
            &["{10}Priority 2 Create a CYP Directorate which is collaborative and coherent"],
            &["{10}Improved support to people who work directly with Children and Young People\nClear accountability systems in place (including performance management)"],
            &["{10}Outcomes of local commissioned survey to schools are above latest Audit Commission England average results. CAA reports improvement."],
            HEADER_000,
            &[
                "2.1 Following appointment of substantive DLT a review of reporting, working groups & accountability systems.",
                "Weak leadership overall.",
                "31 October 2009",
                "Additional funding for additional 3 rd tier posts",
                "DLT",
                "Robust and rigorous lines of accountability.",
                "The need for speedy implementation of improvements plus process of revising roles act as a barrier.",
                "1.1.8 1.1.9",
                "DCS",
                "",
            ],
            &[
                "2.2 i). Development of a comprehensive performance management system which provides clear lines of accountability for delivery of CYPS' priorities",
                "Currently no alignment between plans. Personal targets not in place.",
                "April 2010",
                "DCSF additional resource",
                "AD CM\nAD PCP",
                "Robust & rigorous performance management systems in place.",
                "Need to ensure alignment with Council practice.",
                "1.9",
                "DCS",
                "SERCO appointed – Mobilisation meeting 16.09.09 Service Heads redrafting Plans.",
            ],
            &[
                "ii) Change the working culture so that officers accept collegiate responsibility for all CYP outcomes seeking alignment & collaboration to improve services.",
                "Services largely work in silos.",
                "April 2010",
                "DCSF additional resource",
                "AD CM\nAD PCP",
                "Outcomes based approach to working – leading to alignment of services.",
                "Officers open to change but unaware of length of journey",
                "1.9",
                "DCS",
                "",
            ],
            &[
                "2.4.Strategic MKC Client Officers and Mouchel corporate service leads to work with the Directorate to renegotiate SLAs to provide more flexible support.",
                "Flexibility in support services required.",
                "Dec 2009",
                "Within current budgets",
                "Director of Finance and Risk.\nHead of HR.\nDCS",
                "Assurance that provision encompasses the needs of the directorate.",
                "Partnership model for delivery of services is not understood or accepted by services.",
                "1.13",
                "CEO",
                "Current SLA agreement temporarily suspended during review of practice.",
            ],
        ],
    )
}

#[test]
fn seed_000_priority_2_spanning_title_row_sub_items_and_rows_above_the_header() {
    // The plan already has Priority 2 (with one action): the paste adds to it.
    let existing = Priority {
        id: Id::new("p-two"),
        number: "2".into(),
        title: "Create a CYP Directorate which is collaborative and coherent".into(),
        actions: vec![Action {
            id: Id::new("a-old"),
            reference: "2.0".into(),
            title: "Already there".into(),
            ..Action::default()
        }],
        ..Priority::default()
    };
    let plan = plan_with(vec![existing.clone()]);
    let (table, p) = run(&plan, &seed_000_priority_2());
    assert_eq!(table.header_rows, vec![4]);
    assert_eq!(
        problems(&p),
        vec![
            (
                2,
                "Row 2: it is above the table's header row, so it was not read"
            ),
            (
                3,
                "Row 3: it is above the table's header row, so it was not read"
            ),
        ]
    );
    assert_eq!(refs(&p), vec!["2.1", "2.2 i)", "2.2 ii)", "2.4"]);
    assert_eq!(
        p.actions[1].action.title,
        "Development of a comprehensive performance management system which provides clear lines of accountability for delivery of CYPS' priorities"
    );
    assert_eq!(
        p.actions[2].action.title,
        "Change the working culture so that officers accept collegiate responsibility for all CYP outcomes seeking alignment & collaboration to improve services."
    );
    assert_eq!(
        p.actions[3].action.title,
        "Strategic MKC Client Officers and Mouchel corporate service leads to work with the Directorate to renegotiate SLAs to provide more flexible support."
    );
    assert_eq!(
        p.actions[3].action.leads,
        strings(&["Director of Finance and Risk", "Head of HR", "DCS"])
    );
    assert_eq!(p.actions[3].action.due, Some(d(2009, 12, 31)));
    assert_eq!(p.actions[0].action.due, Some(d(2009, 10, 31)));
    assert_eq!(p.actions[0].action.updates, vec![]);
    assert!(p
        .actions
        .iter()
        .all(|a| a.place
            == "Priority 2: Create a CYP Directorate which is collaborative and coherent"));
    assert_eq!(p.new_priorities, Vec::<String>::new());

    // One change: Priority 2 replaced by itself plus the four new actions.
    let after = applied(&plan, &p);
    assert_eq!(after.priorities.len(), 1);
    let got: Vec<&str> = after.priorities[0]
        .actions
        .iter()
        .map(|a| a.reference.as_str())
        .collect();
    assert_eq!(got, vec!["2.0", "2.1", "2.2 i)", "2.2 ii)", "2.4"]);
    assert_eq!(after.priorities[0].actions[0], existing.actions[0]);
}

/// Priority 4: "Priority 4" with its title in the next cell, an outcome row
/// ("CYPP core outcome 4"), and 4.4.1 with its sub-items.
fn seed_000_priority_4() -> Grid {
    grid(
        "Council Plan Priority 2: To increase the level of educational attainment for children and adults",
        &[
            &["Priority 4", "Establish a clear and shared direction and vision for children and young people (CYP) in Milton Keynes", "", "", "", "", "", "", "", ""],
            &["CYPP core outcome 4", "Enjoy and Achieve: All children and young people are highly motivated and achieve their full potential.", "", "", "", "", "", "", "", ""],
            HEADER_000,
            &[
                "4.4.1 Raising achievement of underperforming CYP in all schools:\ni) SIPs work with schools to identify gaps in attainment between different groups",
                "Inconsistent practice across schools monitoring performance of groups.",
                "July 2009",
                "EMASS\nSIPs",
                "Head of School Improvement",
                "Improved attainment",
                "Core work",
                "",
                "AD Universal Services",
                "",
            ],
            &[
                "ii) Further develop AfL, Narrowing the Gap & Assessing Pupils Progress (APP) to improve pupil tracking",
                "",
                "September 2009-10",
                "",
                "Head of EYS; Head of School Improvement",
                "",
                "",
                "",
                "",
                "",
            ],
            &[
                "iv) Introduce programme to train teachers for challenging schools within Education Improvement Partnership",
                "2009-10",
                "",
                "",
                "Head of School Improvement",
                "Improved attainment of Bangladeshi, Black African, Pakistani, White Eastern European groups",
                "",
                "",
                "AD Universal Services",
                "",
            ],
        ],
    )
}

#[test]
fn seed_000_priority_4_outcome_rows_and_sub_items_of_a_numbered_activity() {
    let p4 = Priority {
        id: Id::new("p-four"),
        number: "4".into(),
        title: "Establish a clear and shared direction and vision for children and young people (CYP) in Milton Keynes".into(),
        ..Priority::default()
    };
    let plan = plan_with(vec![p4]);
    let (_, p) = run(&plan, &seed_000_priority_4());
    assert_eq!(problems(&p), vec![]);
    assert_eq!(refs(&p), vec!["4.4.1 i)", "4.4.1 ii)", "4.4.1 iv)"]);
    let a = &p.actions[0].action;
    assert_eq!(
        a.title,
        "Raising achievement of underperforming CYP in all schools"
    );
    assert_eq!(
        a.description,
        "SIPs work with schools to identify gaps in attainment between different groups"
    );
    assert_eq!(a.due, Some(d(2009, 7, 31)));
    assert_eq!(no_ids(a).risks, vec![risk("Core work")]);
    assert_eq!(
        p.actions[1].action.leads,
        strings(&["Head of EYS", "Head of School Improvement"])
    );
    assert_eq!(
        p.new_outcomes,
        vec!["Outcome 4: Enjoy and Achieve: All children and young people are highly motivated and achieve their full potential., in Priority 4: Establish a clear and shared direction and vision for children and young people (CYP) in Milton Keynes"]
    );
    assert_eq!(
        p.actions[0].place,
        "Priority 4: Establish a clear and shared direction and vision for children and young people (CYP) in Milton Keynes › Outcome 4: Enjoy and Achieve: All children and young people are highly motivated and achieve their full potential. (new)"
    );
    let after = applied(&plan, &p);
    assert_eq!(after.priorities.len(), 1);
    let o: &Outcome = &after.priorities[0].outcomes[0];
    assert_eq!(o.number, "4");
    assert_eq!(o.actions.len(), 3);
    assert_eq!(after.priorities[0].actions, vec![]);
}

// ---------------------------------------------------------------------------
// Seed 003: the monitoring of annual plan commitments

const HEADER_003: &[&str] = &[
    "Annual Plan Commitment",
    "Responsible Officer",
    "Red/Amber/ Green?",
    "Comments On Progress",
];

fn seed_003_rows() -> Vec<Vec<&'static str>> {
    vec![
        HEADER_003.to_vec(),
        // The header's second line, broken off by the page: no commitment.
        vec!["", "Officer", "Green", ""],
        vec!["Children and Young People", "", "", ""],
        vec![
            "Continue to develop leadership and management in schools, and our successful induction programme for all new and acting Headteachers/ Principals will continue.",
            "Tony Mulhearn",
            "Green",
            "OFSTED reports Sept 06-July 07 indicate that leadership and management is now good overall.\nLocal authority monitoring also indicates improvement in the quality of leadership.",
        ],
        HEADER_003.to_vec(),
        vec![
            "Target work specifically at KS2 in order to improve attainment further. We will continue to raise standards achieved by looked after children with a target of 30%",
            "Tony Mulhearn",
            "Green",
            "Overall attainment in both English and mathematics at Level 4+ are at their highest levels.",
        ],
        // The rest of the commitment, over the page.
        vec!["achieving 5 A*-C grades in 2008.", "", "", ""],
        vec![
            "Improve attendance at schools and reduce permanent exclusions.",
            "Frances Craven (Charlie Palmer Thelma Lewis)",
            "Amber",
            "Pupil attendance was the highest ever in primary schools in 06-07.",
        ],
        vec![
            "Continue to improve the achievement of pupils with special needs through the implementation of our Special Educational Needs Inclusion Strategy.",
            "Frances Craven (Charlie Palmer)",
            "Amber (Project relies on DCFS capital funding through the Targeted Capital Fund)",
            "Leicestershire's programme to establish five area special schools around the county is well advanced.",
        ],
        vec![
            "Develop and maintain the T2C group of young people in care.",
            "Flick Schofield",
            "GREEN",
            "The group has dynamic membership",
        ],
    ]
}

fn seed_003() -> Grid {
    let rows = seed_003_rows();
    let refs: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    grid("A - Improved Quality of Life for People", &refs)
}

fn expected_003() -> Vec<Action> {
    let a = |title: &str, leads: &[&str], u: ProgressUpdate| Action {
        title: title.into(),
        leads: strings(leads),
        status: ActionStatus::InProgress,
        updates: vec![u],
        ..Action::default()
    };
    vec![
        a(
            "Continue to develop leadership and management in schools, and our successful induction programme for all new and acting Headteachers/ Principals will continue.",
            &["Tony Mulhearn"],
            update(Rag::Green, "", "OFSTED reports Sept 06-July 07 indicate that leadership and management is now good overall.\nLocal authority monitoring also indicates improvement in the quality of leadership."),
        ),
        Action {
            description: "achieving 5 A*-C grades in 2008.".into(),
            ..a(
                "Target work specifically at KS2 in order to improve attainment further. We will continue to raise standards achieved by looked after children with a target of 30%",
                &["Tony Mulhearn"],
                update(Rag::Green, "", "Overall attainment in both English and mathematics at Level 4+ are at their highest levels."),
            )
        },
        a(
            "Improve attendance at schools and reduce permanent exclusions.",
            &["Frances Craven (Charlie Palmer Thelma Lewis)"],
            update(Rag::Amber, "", "Pupil attendance was the highest ever in primary schools in 06-07."),
        ),
        a(
            "Continue to improve the achievement of pupils with special needs through the implementation of our Special Educational Needs Inclusion Strategy.",
            &["Frances Craven (Charlie Palmer)"],
            update(
                Rag::Amber,
                "Project relies on DCFS capital funding through the Targeted Capital Fund",
                "Leicestershire's programme to establish five area special schools around the county is well advanced.",
            ),
        ),
        a(
            "Develop and maintain the T2C group of young people in care.",
            &["Flick Schofield"],
            update(Rag::Green, "", "The group has dynamic membership"),
        ),
    ]
}

#[test]
fn seed_003_commitments_become_actions_with_a_first_progress_update() {
    let plan = plan_with(vec![]);
    let (table, p) = run(&plan, &seed_003());
    use ActionColumnRole as R;
    assert_eq!(table.roles, vec![R::Title, R::Leads, R::Rag, R::Progress]);
    assert_eq!(
        problems(&p),
        vec![(
            2,
            "Row 2: its 'Annual Plan Commitment' cell is empty, so it is not an action"
        )]
    );
    let got: Vec<Action> = p.actions.iter().map(|a| no_ids(&a.action)).collect();
    assert_eq!(got, expected_003());
    assert_eq!(p.actions[1].rows, vec![6, 7]);
    // The spanning "Children and Young People" row is the priority they go in.
    assert_eq!(p.new_priorities, vec!["Children and Young People"]);
    assert_eq!(p.actions[0].place, "Children and Young People (new)");
    assert_eq!(
        p.actions[3].lines[1..],
        strings(&[
            "Leads: Frances Craven (Charlie Palmer)",
            "First update (1 December 2026): Amber — Project relies on DCFS capital funding through the Targeted Capital Fund — Leicestershire's programme to establish five area special schools around the county is well advanced.",
        ])
    );
    // Never a KPI RAG: no KPI changes.
    let after = applied(&plan, &p);
    assert_eq!(after.kpis, plan.kpis);
    assert_eq!(after.priorities[0].actions.len(), 5);
    assert_eq!(after.priorities[0].actions[0].current_rag(), Rag::Green);
}

#[test]
fn seed_003_written_as_csv_pastes_to_the_same_actions() {
    let rows: Vec<Vec<String>> = seed_003_rows()
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let csv = csv_text(&rows);
    // A multi-line cell is quoted, as Excel writes it.
    assert!(csv.contains("\"OFSTED reports Sept 06-July 07 indicate that leadership and management is now good overall.\nLocal"));
    let mut g = Grid::from_text(&csv);
    g.heading = "A - Improved Quality of Life for People".into();
    let plan = plan_with(vec![]);
    let (_, from_csv) = run(&plan, &g);
    let (_, from_word) = run(&plan, &seed_003());
    let got: Vec<Action> = from_csv.actions.iter().map(|a| no_ids(&a.action)).collect();
    assert_eq!(got, expected_003());
    assert_eq!(from_csv.problems, from_word.problems);
    assert_eq!(from_csv.change, from_word.change);
}

#[test]
fn seed_003_high_priorities_table_strategy_column_names_the_outcome() {
    let g = grid(
        "",
        &[
            &[
                "HIGH PRIORITIES",
                "WE WILL ACHIEVE",
                "Responsible Officer",
                "Red/Amber/ Green?",
                "Comments On Progress",
            ],
            &[
                "",
                "Mechanisms to promote and respond to the views of children and young people",
                "Nigel Farrow",
                "Green",
                "Hear By Rights Standard achieved across 3 local authorities.",
            ],
            &[
                "",
                "24 Children's Centres by 2008",
                "Lesley Hagger",
                "",
                "Extended Services Strategy agreed by Cabinet April 2007.",
            ],
            &[
                "Respond to Children's Trust Requirements",
                "Implementation of the national Children's Trust arrangements by 2008",
                "Nigel Farrow",
                "Green",
                "Arrangements reviewed, agreed by Cabinet on 19 December 2006 and now in place",
            ],
            &[
                "",
                "Reverse the trend of year on year net loss of foster placements",
                "Flick Schofield",
                "",
                "In 2006/07 we approved slightly more foster carers than we lost.",
            ],
        ],
    );
    let target = Priority {
        id: Id::new("p-a"),
        number: "1".into(),
        title: "Improved Quality of Life".into(),
        ..Priority::default()
    };
    let plan = plan_with(vec![target]);
    let table = read_table(&g);
    use ActionColumnRole as R;
    assert_eq!(
        table.roles,
        vec![R::Strategy, R::Title, R::Leads, R::Rag, R::Progress]
    );
    let choices = ActionPasteChoices {
        into: PasteInto::Priority(Id::new("p-a")),
        section_rows: SectionRows::Priorities,
        update_date: Some(today()),
    };
    let p = preview(&plan, &table, &choices, &mut ids());
    assert_eq!(problems(&p), vec![]);
    // "24 Children's Centres" is a title, not reference 24.
    assert_eq!(refs(&p), vec!["", "", "", ""]);
    assert_eq!(p.actions[1].action.title, "24 Children's Centres by 2008");
    // No RAG but a comment: a not-rated update.
    assert_eq!(
        no_ids(&p.actions[1].action).updates,
        vec![update(
            Rag::NotRated,
            "",
            "Extended Services Strategy agreed by Cabinet April 2007."
        )]
    );
    let places: Vec<&str> = p.actions.iter().map(|a| a.place.as_str()).collect();
    assert_eq!(
        places,
        vec![
            "Priority 1: Improved Quality of Life",
            "Priority 1: Improved Quality of Life",
            "Priority 1: Improved Quality of Life › Respond to Children's Trust Requirements (new)",
            "Priority 1: Improved Quality of Life › Respond to Children's Trust Requirements (new)",
        ]
    );
    let after = applied(&plan, &p);
    assert_eq!(after.priorities[0].actions.len(), 2);
    assert_eq!(after.priorities[0].outcomes.len(), 1);
    assert_eq!(after.priorities[0].outcomes[0].actions.len(), 2);
}

// ---------------------------------------------------------------------------
// Seed 002: a numbered list pasted from a document

fn seed_002() -> Grid {
    grid(
        "Our plan for the year ahead",
        &[
            &["Getting off to a great start"],
            &["High quality education early years education ensures that children are ready to succeed in school. Progress is being made but there is more to do. So we will:"],
            &["01. Continue to develop new provision and widen access to high quality early years education and childcare places for 2, 3 and 4 year olds."],
            &["02. Refresh our arrangements for providing quality improvement advice and guidance to the early years sector."],
            &["A good school place"],
            &["Like many areas, we have significant pressure on school places. To sustain this we will:"],
            &["03. Deliver an ambitious programme of new school openings and expansions of existing schools, on time and within budget."],
            &["04. Continue to improve our school place planning to meet demand."],
        ],
    )
}

#[test]
fn seed_002_numbered_list_becomes_actions_under_its_headings() {
    let plan = plan_with(vec![]);
    let (table, p) = run(&plan, &seed_002());
    assert_eq!(table.header_rows, Vec::<usize>::new());
    assert_eq!(table.roles, vec![ActionColumnRole::Title]);
    assert_eq!(refs(&p), vec!["01", "02", "03", "04"]);
    assert_eq!(
        p.actions[0].action.title,
        "Continue to develop new provision and widen access to high quality early years education and childcare places for 2, 3 and 4 year olds."
    );
    assert_eq!(
        problems(&p),
        vec![
            (
                2,
                "Row 2: it has no number, so it is read as text, not an action"
            ),
            (
                6,
                "Row 6: it has no number, so it is read as text, not an action"
            ),
        ]
    );
    assert_eq!(
        p.new_priorities,
        vec!["Getting off to a great start", "A good school place"]
    );
    let after = applied(&plan, &p);
    assert_eq!(after.priorities.len(), 2);
    assert_eq!(after.priorities[1].actions[1].reference, "04");
}

#[test]
fn seed_002_headings_can_be_outcomes_of_a_chosen_priority() {
    let chosen = Priority {
        id: Id::new("p-cf"),
        number: "1".into(),
        title: "Children and Families Plan".into(),
        ..Priority::default()
    };
    let plan = plan_with(vec![chosen]);
    let table = read_table(&seed_002());
    let choices = ActionPasteChoices {
        into: PasteInto::Priority(Id::new("p-cf")),
        section_rows: SectionRows::Outcomes,
        update_date: Some(today()),
    };
    let p = preview(&plan, &table, &choices, &mut ids());
    assert_eq!(p.new_priorities, Vec::<String>::new());
    assert_eq!(
        p.new_outcomes,
        vec![
            "Getting off to a great start, in Priority 1: Children and Families Plan",
            "A good school place, in Priority 1: Children and Families Plan"
        ]
    );
    let after = applied(&plan, &p);
    let o = &after.priorities[0].outcomes;
    assert_eq!(o.len(), 2);
    assert_eq!(o[0].actions.len(), 2);
    assert_eq!(o[1].actions[0].reference, "03");

    // Ignoring the headings puts every action in the chosen priority.
    let ignore = ActionPasteChoices {
        section_rows: SectionRows::Ignore,
        ..choices
    };
    let p = preview(&plan, &table, &ignore, &mut ids());
    let after = applied(&plan, &p);
    assert_eq!(after.priorities[0].outcomes, vec![]);
    assert_eq!(after.priorities[0].actions.len(), 4);
}

// ---------------------------------------------------------------------------
// The delivery-plan shape: two header rows, quarters, KPI codes

fn delivery_plan() -> Grid {
    grid(
        "",
        &[
            &[
                "Strategy / project",
                "{4}Delivery",
                "How measured",
                "Funded by",
            ],
            &["", "What", "How", "Who", "When", "", ""],
            &[
                "Reducing teenage pregnancy",
                "1. Extend the C-card scheme",
                "Outreach in schools",
                "Teenage Pregnancy Coordinator; School Nurse Lead",
                "Qtr1: agree scope Qtr 2 – pilot in two areas Q3 roll out",
                "N.I 112: Under 18 conception rate",
                "Grant £4,000",
            ],
            &[
                "",
                "2. Targeted support for young parents",
                "",
                "Young Parents Worker",
                "March 2011",
                "NI 55 – 10.3% 2009-10",
                "Within existing budgets",
            ],
            &["{7}Priority Service Objective 2: Keep children safe"],
            &[
                "Early help",
                "3. Early help assessments for NI 72 families",
                "",
                "Head of Early Help",
                "Q4\nQuarter 1 – review",
                "",
                "",
            ],
        ],
    )
}

#[test]
fn delivery_plan_two_header_rows_quarters_and_kpi_links() {
    let plan = plan_with(vec![]);
    let table = read_table(&delivery_plan());
    use ActionColumnRole as R;
    assert_eq!(table.header_rows, vec![1, 2]);
    assert_eq!(
        table.roles,
        vec![
            R::Strategy,
            R::Title,
            R::Description,
            R::Leads,
            R::Due,
            R::Measures,
            R::Resources
        ]
    );
    assert_eq!(table.headers[1], "Delivery / What");
    let choices = ActionPasteChoices {
        into: PasteInto::NewPriority {
            number: "1".into(),
            title: "Be healthy".into(),
        },
        section_rows: SectionRows::Priorities,
        update_date: None,
    };
    let p = preview(&plan, &table, &choices, &mut ids());
    assert_eq!(problems(&p), vec![]);
    assert_eq!(refs(&p), vec!["1", "2", "3"]);
    let a1 = no_ids(&p.actions[0].action);
    assert_eq!(a1.title, "Extend the C-card scheme");
    assert_eq!(a1.description, "Outreach in schools");
    assert_eq!(
        a1.leads,
        strings(&["Teenage Pregnancy Coordinator", "School Nurse Lead"])
    );
    assert_eq!(
        a1.milestones,
        vec![
            milestone("agree scope", None, Some(Quarter::Q1)),
            milestone("pilot in two areas", None, Some(Quarter::Q2)),
            milestone("roll out", None, Some(Quarter::Q3)),
        ]
    );
    assert_eq!(
        a1.timeline,
        "Qtr1: agree scope Qtr 2 – pilot in two areas Q3 roll out"
    );
    assert_eq!(a1.due, None);
    assert_eq!(a1.measures, "N.I 112: Under 18 conception rate");
    assert_eq!(a1.kpi_ids, vec![Id::new("k-112")]);
    assert_eq!(a1.resources, "Grant £4,000");
    assert_eq!(a1.updates, vec![]);

    // NI 55 is not in the plan: kept as the measure text, linked to nothing.
    let a2 = no_ids(&p.actions[1].action);
    assert_eq!(a2.measures, "NI 55 – 10.3% 2009-10");
    assert_eq!(a2.kpi_ids, Vec::<Id>::new());
    assert_eq!(a2.due, Some(d(2011, 3, 31)));
    assert_eq!(a2.milestones, vec![]);

    // A code in the title links too (both KPIs with that code), and is the measure.
    let a3 = no_ids(&p.actions[2].action);
    assert_eq!(a3.kpi_ids, vec![Id::new("k-72"), Id::new("k-72b")]);
    assert_eq!(a3.measures, "NI 72");
    assert_eq!(
        a3.milestones,
        vec![
            milestone(
                "Early help assessments for NI 72 families",
                None,
                Some(Quarter::Q4)
            ),
            milestone("review", None, Some(Quarter::Q1)),
        ]
    );
    assert_eq!(
        p.actions[0].lines,
        strings(&[
            "Reference: 1",
            "Title: Extend the C-card scheme",
            "Leads: Teenage Pregnancy Coordinator, School Nurse Lead",
            "3 milestones: Q1, Q2, Q3",
            "KPIs linked: NI 112 Under 18 conception rate",
            "Measures: N.I 112: Under 18 conception rate",
        ])
    );

    // The strategy carries down; the spanning row starts Priority 2.
    let places: Vec<&str> = p.actions.iter().map(|a| a.place.as_str()).collect();
    assert_eq!(
        places,
        vec![
            "Priority 1: Be healthy (new) › Reducing teenage pregnancy (new)",
            "Priority 1: Be healthy (new) › Reducing teenage pregnancy (new)",
            "Priority 2: Keep children safe (new) › Early help (new)",
        ]
    );
    let after = applied(&plan, &p);
    assert_eq!(after.priorities.len(), 2);
    assert_eq!(after.priorities[1].number, "2");
    assert_eq!(after.priorities[1].title, "Keep children safe");
    assert_eq!(after.priorities[1].outcomes[0].title, "Early help");
}

// ---------------------------------------------------------------------------
// Merged rows, empty cells, problems, ids and the one change

#[test]
fn merged_rows_and_empty_cells_line_up_with_the_header() {
    let g = grid(
        "",
        &[
            &["Ref", "Action", "Lead", "RAG", "Progress"],
            &["{5}Priority 3 Ensure that all stakeholders feel fully engaged"],
            &["3.1", "Align the plans", "", "", ""],
            // A merged Lead + RAG cell: its text stands in the Lead column.
            &["3.2.", "Generate a shared vision", "{2}AD PCP", "Began"],
            &["", "", "", "", ""],
            &["3.3", "Review governance", "DCS", "Red – no funding", ""],
            &["3.4", "Bad rating", "DCS", "On track", "fine"],
            &["3.5", "", "DCS", "", ""],
        ],
    );
    let plan = plan_with(vec![]);
    let (table, p) = run(&plan, &g);
    assert_eq!(table.roles[0], ActionColumnRole::Reference);
    assert_eq!(refs(&p), vec!["3.1", "3.2", "3.3"]);
    let a1 = no_ids(&p.actions[0].action);
    assert_eq!(a1.leads, Vec::<String>::new());
    assert_eq!(a1.updates, vec![]);
    let a2 = no_ids(&p.actions[1].action);
    assert_eq!(a2.leads, strings(&["AD PCP"]));
    assert_eq!(a2.updates, vec![update(Rag::NotRated, "", "Began")]);
    let a3 = no_ids(&p.actions[2].action);
    assert_eq!(a3.updates, vec![update(Rag::Red, "no funding", "")]);
    assert_eq!(
        problems(&p),
        vec![
            (7, "Row 7: 'On track' in column 'RAG' is not Red, Amber, Green or Complete, so the row was not read"),
            (8, "Row 8: its 'Action' cell is empty, so it is not an action"),
        ]
    );
    assert_eq!(
        p.new_priorities,
        vec!["Priority 3: Ensure that all stakeholders feel fully engaged"]
    );
}

#[test]
fn a_complete_rag_marks_the_action_complete() {
    let g = grid(
        "",
        &[
            &["Action", "RAG"],
            &["Finish it", "Complete"],
            &["Still going", "g"],
        ],
    );
    let (_, p) = run(&plan_with(vec![]), &g);
    assert_eq!(p.actions[0].action.status, ActionStatus::Complete);
    assert_eq!(p.actions[0].action.updates[0].rag, Rag::Blue);
    assert_eq!(p.actions[1].action.status, ActionStatus::InProgress);
    assert_eq!(p.actions[1].action.updates[0].rag, Rag::Green);
}

#[test]
fn a_table_with_no_title_column_is_a_problem_and_changes_nothing() {
    let g = grid("", &[&["Lead", "RAG"], &["DCS", "Green"]]);
    let (_, p) = run(&plan_with(vec![]), &g);
    assert_eq!(
        problems(&p),
        vec![(
            0,
            "No column holds the actions' titles: choose 'Action (title)' for one column"
        )]
    );
    assert_eq!(p.actions, vec![]);
    assert_eq!(p.change, None);
}

#[test]
fn nothing_to_add_gives_no_change_and_no_new_priority() {
    let g = grid("", &[&["Action", "Lead"], &["", "DCS"]]);
    let plan = plan_with(vec![]);
    let (_, p) = run(&plan, &g);
    assert_eq!(p.change, None);
    assert_eq!(p.new_priorities, Vec::<String>::new());
}

#[test]
fn ids_come_from_the_plans_generator_and_are_unused() {
    let plan = plan_with(vec![]);
    let table = read_table(&seed_000_priority_1());
    let choices = ActionPasteChoices::suggested(&plan, &table, Some(today()));
    let mut gen = IdGen::new(&plan);
    let p = preview(&plan, &table, &choices, &mut |prefix| gen.next_id(prefix));
    let after = applied(&plan, &p);
    let a = &after.priorities[0].actions[0];
    assert!(after.priorities[0].id.as_str().starts_with("p-"));
    assert!(a.id.as_str().starts_with("a-"));
    assert!(a.milestones[0].id.as_str().starts_with("m-"));
    assert!(a.risks[0].id.as_str().starts_with("r-"));
    assert!(a.updates[0].id.as_str().starts_with("u-"));
    let mut all: Vec<&str> = vec![after.priorities[0].id.as_str()];
    for a in &after.priorities[0].actions {
        all.push(a.id.as_str());
        all.extend(a.milestones.iter().map(|m| m.id.as_str()));
        all.extend(a.risks.iter().map(|r| r.id.as_str()));
        all.extend(a.updates.iter().map(|u| u.id.as_str()));
    }
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n);
}

#[test]
fn several_priorities_are_one_batch_undone_in_one_step() {
    let g = grid(
        "",
        &[
            &["Ref", "Action"],
            &["{2}Priority 1: First"],
            &["1.1", "One"],
            &["{2}Priority 2: Second"],
            &["2.1", "Two"],
        ],
    );
    let p1 = Priority {
        id: Id::new("p-1st"),
        number: "1".into(),
        title: "First".into(),
        ..Priority::default()
    };
    let plan = plan_with(vec![p1]);
    let (_, p) = run(&plan, &g);
    let change = p.change.clone().unwrap();
    assert!(matches!(change, waymark::core::edit::Change::Batch(ref c) if c.len() == 2));
    let mut history = waymark::core::edit::History::default();
    let mut live = plan.clone();
    history.apply(&mut live, change, "Paste action table");
    assert_eq!(live.priorities.len(), 2);
    assert_eq!(live.priorities[0].actions[0].reference, "1.1");
    assert_eq!(live.priorities[1].actions[0].reference, "2.1");
    history.undo(&mut live);
    assert_eq!(live, plan);
}

#[test]
fn the_suggested_target_is_the_priority_the_heading_names() {
    let p3 = Priority {
        id: Id::new("p-3"),
        number: "3".into(),
        title: "Partnerships".into(),
        ..Priority::default()
    };
    let plan = plan_with(vec![p3]);
    let t = |heading: &str| {
        let mut g = grid("", &[&["Action"], &["x"]]);
        g.heading = heading.into();
        ActionPasteChoices::suggested(&plan, &read_table(&g), Some(today())).into
    };
    assert_eq!(
        t("Priority 3: Ensure that all"),
        PasteInto::Priority(Id::new("p-3"))
    );
    assert_eq!(
        t("Priority Service Objective 2: Keep children safe"),
        PasteInto::NewPriority {
            number: "2".into(),
            title: "Keep children safe".into()
        }
    );
    assert_eq!(
        t(""),
        PasteInto::NewPriority {
            number: "2".into(),
            title: "Pasted actions".into()
        }
    );
}

// ---------------------------------------------------------------------------
// The small readers

#[test]
fn headers_of_real_plans_guess_their_roles() {
    use ActionColumnRole as R;
    let cases = [
        ("Activity", R::Title),
        ("Commitment", R::Title),
        ("Annual Plan Commitment", R::Title),
        ("WE WILL ACHIEVE", R::Title),
        ("What", R::Title),
        ("How", R::Description),
        ("Who", R::Leads),
        ("When", R::Due),
        ("How measured", R::Measures),
        ("Funded by", R::Resources),
        ("Starting Point (June 2009)", R::StartingPoint),
        ("Timeline", R::Timeline),
        ("Time-line", R::Timeline),
        ("Key milestones", R::Timeline),
        ("Resource requirements", R::Resources),
        ("Lead(s)", R::Leads),
        ("Responsible Officer", R::Leads),
        ("Projected outcomes", R::Outcomes),
        ("Risk RAG Mitigation", R::Risk),
        ("Risk RAG", R::Risk),
        ("Mitigation", R::Mitigation),
        ("Red/Amber/ Green?", R::Rag),
        ("RAG", R::Rag),
        ("Ref DR", R::ReviewRef),
        ("Monitor -ing", R::MonitoredBy),
        ("Monitoring", R::MonitoredBy),
        ("Progress", R::Progress),
        ("Comments On Progress", R::Progress),
        ("Ref", R::Reference),
        ("No.", R::Reference),
        ("Strategy / project", R::Strategy),
        ("HIGH PRIORITIES", R::Strategy),
        ("Performance indicators", R::Measures),
        // Words in brackets do not decide, unless there are no others.
        ("Progress (RAG)", R::Progress),
        ("(RAG) Progress", R::Progress),
        ("Lead(s) (see risk log)", R::Leads),
        ("(Risk)", R::Risk),
        // Eight words may still be a header; nine are a sentence.
        (
            "Lead officer responsible for delivery of this action",
            R::Leads,
        ),
        (
            "The lead officer responsible for delivery of this action",
            R::Ignore,
        ),
        ("", R::Ignore),
        ("Green", R::Ignore),
        ("DCS", R::Ignore),
        (
            "Continue to develop leadership and management in schools and our induction programme",
            R::Ignore,
        ),
    ];
    for (header, role) in cases {
        assert_eq!(guess_role(header), role, "{header}");
    }
}

#[test]
fn role_keys_and_labels_read_back() {
    for r in ActionColumnRole::ALL {
        assert_eq!(ActionColumnRole::from_key(r.key()), Some(r));
        assert_eq!(
            ActionColumnRole::from_key(&r.label().to_uppercase()),
            Some(r)
        );
    }
    let mut keys: Vec<&str> = ActionColumnRole::ALL.iter().map(|r| r.key()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), ActionColumnRole::ALL.len());
    assert_eq!(ActionColumnRole::from_key("nonsense"), None);
}

#[test]
fn references_at_the_start_of_a_cell() {
    let r = |s: &str| {
        let (a, b) = split_reference(s);
        (a, b)
    };
    let some = |a: &str, b: &str| (Some(a.to_string()), b.to_string());
    let none = |b: &str| (None, b.to_string());
    assert_eq!(r("1.1 Accelerate"), some("1.1", "Accelerate"));
    assert_eq!(r("4.4.1 Raising"), some("4.4.1", "Raising"));
    assert_eq!(r("01. Continue"), some("01", "Continue"));
    assert_eq!(r("2.2 i). Development"), some("2.2 i)", "Development"));
    assert_eq!(r("ii) Change"), some("ii)", "Change"));
    assert_eq!(r("(iii) Develop"), some("iii)", "Develop"));
    assert_eq!(r("a) First"), some("a)", "First"));
    assert_eq!(r("2.4.Strategic MKC"), some("2.4", "Strategic MKC"));
    assert_eq!(r("3) Third"), some("3", "Third"));
    assert_eq!(r("1.1"), some("1.1", ""));
    assert_eq!(r("24 Children's Centres"), none("24 Children's Centres"));
    assert_eq!(r("3 months"), none("3 months"));
    assert_eq!(r("10.3% fewer"), none("10.3% fewer"));
    assert_eq!(r("2009/10 plan"), none("2009/10 plan"));
    assert_eq!(r("2009. Then"), none("2009. Then"));
    assert_eq!(r("1..2 odd"), none("1..2 odd"));
    assert_eq!(r("Improve attendance"), none("Improve attendance"));
    assert_eq!(r("In time"), none("In time"));
    assert_eq!(r("i)nside"), none("i)nside"));
}

#[test]
fn kpi_codes_in_text() {
    assert_eq!(
        codes_in("N.I 112: Under 18 conception rate"),
        vec!["NI 112"]
    );
    assert_eq!(codes_in("N.I. 112 and NI55"), vec!["NI 112", "NI 55"]);
    assert_eq!(codes_in("NI 55 – 10.3% 2009-10"), vec!["NI 55"]);
    assert_eq!(codes_in("NI 112 / BVPI 197"), vec!["NI 112", "BVPI 197"]);
    assert_eq!(codes_in("NI 102i gap; N78"), vec!["NI 102i", "NI 78"]);
    assert_eq!(codes_in("Q1 KS2 Y9 MK01 ni 5"), Vec::<String>::new());
    assert_eq!(codes_in("NI 112 again NI 112"), vec!["NI 112"]);
    assert_eq!(codes_in("UNI 1"), Vec::<String>::new());
}

#[test]
fn dates_where_written() {
    let start = Some(d(2009, 6, 1));
    assert_eq!(
        dates_in("by 31 October 2009", None, false),
        vec![d(2009, 10, 31)]
    );
    assert_eq!(
        dates_in("31st Oct 2009", None, false),
        vec![d(2009, 10, 31)]
    );
    assert_eq!(
        dates_in("Sept 2009 – April 2010", None, false),
        vec![d(2009, 9, 30), d(2010, 4, 30)]
    );
    assert_eq!(dates_in("Feb 2012", None, false), vec![d(2012, 2, 29)]);
    assert_eq!(dates_in("(June 2009)", None, true), vec![d(2009, 6, 1)]);
    assert_eq!(
        dates_in("made 07.07.09 & in post 14/09/2009", None, false),
        vec![d(2009, 7, 7), d(2009, 9, 14)]
    );
    assert_eq!(dates_in("31.02.09", None, false), vec![]);
    // A month alone: its first in the plan's period.
    assert_eq!(
        dates_in("June - appoint", start, false),
        vec![d(2009, 6, 30)]
    );
    assert_eq!(dates_in("March review", start, false), vec![d(2010, 3, 31)]);
    assert_eq!(dates_in("3 March", start, false), vec![d(2010, 3, 3)]);
    assert_eq!(dates_in("June", None, false), vec![]);
    assert_eq!(dates_in("we may march on", start, false), vec![]);
    assert_eq!(dates_in("May", start, false), vec![]);
    assert_eq!(dates_in("3 months, 2009/10, 12", start, false), vec![]);
}

#[test]
fn the_same_action_again_is_reported_not_added_twice() {
    let plan = plan_with(vec![]);
    let (_, first) = run(&plan, &seed_003());
    let after = applied(&plan, &first);
    // Pasting the same table again adds nothing.
    let (_, again) = run(&after, &seed_003());
    assert_eq!(again.actions, vec![]);
    assert_eq!(again.change, None);
    assert_eq!(
        problems(&again)[1],
        (
            4,
            "Row 4: the same action is already in Children and Young People, so it was not added again"
        )
    );
    assert_eq!(again.problems.len(), 6);
    // A row repeated within one table (seed 003 repeats one) is added once.
    let g = grid(
        "",
        &[
            &["Commitment", "Officer"],
            &[
                "Continue to monitor enquiries about fostering",
                "Flick Schofield",
            ],
            &[
                "Continue to monitor enquiries about fostering",
                "Flick Schofield",
            ],
        ],
    );
    let (_, p) = run(&plan, &g);
    assert_eq!(p.actions.len(), 1);
    assert_eq!(
        problems(&p),
        vec![(
            3,
            "Row 3: the same action is already in Priority 1: Pasted actions, so it was not added again"
        )]
    );
}

#[test]
fn columns_not_read_that_hold_text_are_named() {
    let g = grid(
        "",
        &[
            &["Action", "Lead", "", "Colour"],
            &["One", "DCS", "x", "blue"],
            &["Two", "DCS", "y", ""],
        ],
    );
    let (_, p) = run(&plan_with(vec![]), &g);
    assert_eq!(
        p.unread_columns,
        strings(&[
            "Column 3 (no header) is not read: 2 rows have text in it",
            "Column 4 ('Colour') is not read: 1 row has text in it",
        ])
    );
    let (_, p) = run(&plan_with(vec![]), &seed_003());
    assert_eq!(p.unread_columns, Vec::<String>::new());
}

#[test]
fn rows_can_go_into_a_chosen_outcome() {
    let p = Priority {
        id: Id::new("p-x"),
        number: "4".into(),
        title: "Direction".into(),
        outcomes: vec![Outcome {
            id: Id::new("o-x"),
            number: "2".into(),
            title: "Stay safe".into(),
            ..Outcome::default()
        }],
        ..Priority::default()
    };
    let plan = plan_with(vec![p]);
    let table = read_table(&grid("", &[&["Ref", "Action"], &["4.2.1", "Safer routes"]]));
    let choices = ActionPasteChoices {
        into: PasteInto::Outcome(Id::new("o-x")),
        section_rows: SectionRows::Priorities,
        update_date: None,
    };
    let pv = preview(&plan, &table, &choices, &mut ids());
    assert_eq!(
        pv.actions[0].place,
        "Priority 4: Direction › Outcome 2: Stay safe"
    );
    let after = applied(&plan, &pv);
    assert_eq!(
        after.priorities[0].outcomes[0].actions[0].reference,
        "4.2.1"
    );
    assert_eq!(after.priorities[0].actions, vec![]);
}

#[test]
fn a_council_plan_heading_is_not_a_priority_of_this_plan() {
    let plan = plan_with(vec![]);
    let (table, p) = run(&plan, &seed_000_priority_4());
    let choices = ActionPasteChoices::suggested(&plan, &table, None);
    assert_eq!(
        choices.into,
        PasteInto::NewPriority {
            number: "1".into(),
            title: "Council Plan Priority 2: To increase the level of educational attainment for children and adults".into()
        }
    );
    // The table's own "Priority 4" row is where the actions go.
    assert_eq!(p.new_priorities.len(), 1);
    assert!(p.new_priorities[0].starts_with("Priority 4: Establish"));
}

#[test]
fn under_a_spanning_group_heading_the_lower_header_names_the_column() {
    // The sixty-action fixture's table 1: "Risk / RAG / Mitigation" spans three
    // columns above "Risk", "RAG" and "Mitigation".
    let g = grid(
        "Priority 1 Safeguarding",
        &[
            &[
                "Activity",
                "Lead(s)",
                "{3}Risk / RAG / Mitigation",
                "Progress",
            ],
            &["", "", "Risk", "RAG", "Mitigation", ""],
            &[
                "1.1 Recruit two social workers",
                "Head of CIN",
                "Recruitment is slow",
                "Amber – recruitment to two posts delayed to January",
                "Agency cover meanwhile",
                "Adverts placed",
            ],
        ],
    );
    let t = waymark::core::action_paste::read_table(&g);
    assert_eq!(
        t.roles,
        vec![
            ActionColumnRole::Title,
            ActionColumnRole::Leads,
            ActionColumnRole::Risk,
            ActionColumnRole::Rag,
            ActionColumnRole::Mitigation,
            ActionColumnRole::Progress,
        ]
    );
}
