//! Renewal inputs round-trip through the store, on the backend chosen by TEST_DATABASE_URL (SQLite when unset).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

use crate::common;

use common::{at, database_with_campus};
use pilotage_domain::renewal::{BudgetYear, EstablishmentAction, EstablishmentPlan, GrantUse};
use pilotage_domain::{AcademicYear, CampusId};
use pilotage_store::{audit, renewal};
use std::collections::BTreeMap;

fn year(s: &str) -> AcademicYear {
    s.parse().unwrap()
}

#[test]
fn texts_are_set_updated_and_removed_with_their_history() {
    let (_db, mut conn) = database_with_campus("nevers");
    let nevers: CampusId = "nevers".parse().unwrap();
    let given = BTreeMap::from([
        (
            "space_layout".to_owned(),
            "  Deux salles et un espace convivial. ".to_owned(),
        ),
        ("partnerships".to_owned(), "Mission locale, CCI.".to_owned()),
    ]);
    renewal::set_texts(
        &mut conn,
        &nevers,
        &given,
        "coord",
        at("2026-10-01T10:00:00Z"),
    )
    .unwrap();
    let update = BTreeMap::from([
        ("partnerships".to_owned(), " ".to_owned()),
        (
            "location".to_owned(),
            "Centre-ville, locaux de l'agglomération.".to_owned(),
        ),
    ]);
    renewal::set_texts(
        &mut conn,
        &nevers,
        &update,
        "coord",
        at("2026-10-02T10:00:00Z"),
    )
    .unwrap();
    let texts = renewal::texts(&mut conn, &nevers).unwrap();
    assert_eq!(
        texts,
        BTreeMap::from([
            (
                "location".to_owned(),
                "Centre-ville, locaux de l'agglomération.".to_owned()
            ),
            (
                "space_layout".to_owned(),
                "Deux salles et un espace convivial.".to_owned()
            ),
        ])
    );
}

#[test]
fn the_plan_and_the_budget_are_replaced_whole_and_audited() {
    let (_db, mut conn) = database_with_campus("nevers");
    let nevers: CampusId = "nevers".parse().unwrap();
    let plan = EstablishmentPlan {
        actions: vec![
            EstablishmentAction {
                academic_year: year("2028-2029"),
                action: "Ateliers de méthodologie".into(),
                description: "Deux ateliers par semestre animés par le SCUIO.".into(),
            },
            EstablishmentAction {
                academic_year: year("2027-2028"),
                action: "Accès à la BU".into(),
                description: "Carte de lecteur pour chaque étudiant.".into(),
            },
        ],
        grant_uses: vec![GrantUse {
            academic_year: year("2027-2028"),
            amount: 1_000_000,
            description: "Formation des tuteurs".into(),
        }],
    };
    renewal::set_plan(
        &mut conn,
        &nevers,
        &plan,
        "analyst",
        at("2026-10-01T10:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        renewal::plan(&mut conn, &nevers).unwrap(),
        plan,
        "actions keep their order"
    );

    let lines = |pairs: &[(&str, i64)]| pairs.iter().map(|(l, a)| ((*l).to_owned(), *a)).collect();
    let first = vec![BudgetYear {
        academic_year: year("2027-2028"),
        lines: lines(&[("exp_staff", 9_000_000), ("rev_state", 5_000_000)]),
    }];
    renewal::set_budget(
        &mut conn,
        &nevers,
        &first,
        "coord",
        at("2026-10-01T10:00:00Z"),
    )
    .unwrap();
    let second = vec![
        BudgetYear {
            academic_year: year("2027-2028"),
            lines: lines(&[("exp_staff", 9_500_000)]),
        },
        BudgetYear {
            academic_year: year("2028-2029"),
            lines: lines(&[("exp_staff", 9_000_000)]),
        },
    ];
    renewal::set_budget(
        &mut conn,
        &nevers,
        &second,
        "coord",
        at("2026-10-02T10:00:00Z"),
    )
    .unwrap();
    assert_eq!(renewal::budget(&mut conn, &nevers).unwrap(), second);
    assert_eq!(renewal::all_budgets(&mut conn).unwrap()["nevers"], second);

    let history = audit::history(
        &mut conn,
        audit::Entity::Renewal,
        &nevers,
        year("2027-2028"),
    )
    .unwrap();
    let changes: Vec<_> = history
        .iter()
        .map(|e| {
            (
                e.field.clone().unwrap(),
                e.old_value.clone(),
                e.new_value.clone(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        vec![
            (
                "budget.exp_staff".to_owned(),
                None,
                Some("9000000".to_owned())
            ),
            (
                "budget.rev_state".to_owned(),
                None,
                Some("5000000".to_owned())
            ),
            (
                "budget.exp_staff".to_owned(),
                Some("9000000".to_owned()),
                Some("9500000".to_owned())
            ),
            (
                "budget.rev_state".to_owned(),
                Some("5000000".to_owned()),
                None
            ),
        ]
    );
}
