//! The e-mails that close the loop of a report: a receipt to the campus's coordinators when it is submitted (API
//! or page), the outcome when it is accepted or returned, each with the link to the report's page and the
//! operator's contact, in French, and only to that campus's coordinators.

use crate::common::{post, send, TestApp, Who};
use crate::pages::post_form;
use actix_web::http::Method;
use pilotage_domain::notification::{MailContext, PublicUrl};
use pilotage_domain::{RegionCode, ReportStatus, Role};
use pilotage_store::outbox::{self, Channel, Filter, Message};
use pilotage_store::{campuses, users};
use serde_json::json;

const REPORT: &str = "/api/v1/campuses/nevers/reports/2025-2026";
const PAGE: &str = "/campus/nevers/rapports/2025-2026";
const LINK: &str = "https://pilotage.example.gouv.fr/campus/nevers/rapports/2025-2026";
const CONTACT: &str = "Contact : reseau@operateur.example.fr";

/// The test app, with a public address and an operator contact of its own, and a second coordinator of Nevers
/// (also coordinating Privas) besides the one of Privas only.
fn app(now: &str) -> TestApp {
    let mut app = TestApp::new(now);
    app.state = app.state.clone().with_mail(
        MailContext::new(
            PublicUrl::parse("https://pilotage.example.gouv.fr/").unwrap(),
            "reseau@operateur.example.fr",
        )
        .unwrap(),
    );
    // Named as people name it, so that the id shows nowhere but in the link.
    let mut nevers = crate::common::campus("nevers", RegionCode::BFC);
    nevers.name = "Campus connecté de Nevers".into();
    campuses::upsert(
        &mut app.conn(),
        &nevers,
        crate::common::at("2025-01-01T00:00:00Z"),
    )
    .unwrap();
    let campuses = [crate::common::id("nevers"), crate::common::id("privas")];
    let second = users::NewUser {
        email: "adjointe.nevers@test.example",
        display_name: "Adjointe",
        role: Role::Coordinator,
        campus_ids: &campuses,
        region_code: None,
        password: "un mot de passe de test",
    };
    users::create(
        &mut app.conn(),
        &second,
        crate::common::at("2025-01-01T00:00:00Z"),
    )
    .unwrap();
    app
}

/// The e-mails in the outbox, oldest first.
fn emails(app: &TestApp) -> Vec<Message> {
    let filter = Filter {
        channel: Some(Channel::Email),
        ..Filter::default()
    };
    let (mut items, _) = outbox::list(&mut app.conn(), &filter, 1_000, 0).unwrap();
    items.reverse();
    items
}

fn recipients(mails: &[Message]) -> Vec<&str> {
    mails.iter().map(|m| m.recipient.as_str()).collect()
}

/// What a French coordinator reads: no id (but in the link), English status, JSON or ISO date.
fn assert_french(mail: &Message) {
    let text = format!("{}\n{}", mail.subject, mail.body).replace(LINK, "");
    for leak in [
        "nevers",
        "submitted",
        "accepted",
        "returned",
        "draft",
        "report.",
        "{",
        "\"",
        "2026-06",
    ] {
        assert!(!text.contains(leak), "{leak:?} in:\n{text}");
    }
}

#[actix_web::test]
async fn each_step_of_the_review_e_mails_the_campus_coordinators_with_the_link_and_the_contact() {
    let app = app("2026-06-15T08:30:00Z");
    let service = service!(app);
    app.put_report("nevers", "2025-2026", ReportStatus::Draft, None);
    let coord = app.token(Who::CoordinatorOwn);
    let analyst = app.token(Who::Analyst);

    let submitted = send(
        &service,
        post(&format!("{REPORT}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    let receipts = emails(&app);
    // One e-mail to each coordinator of Nevers, none to Privas's only coordinator, the analyst or anyone else.
    assert_eq!(
        recipients(&receipts),
        ["adjointe.nevers@test.example", "coord.nevers@test.example"]
    );
    for mail in &receipts {
        assert_eq!(mail.event, "report.submitted");
        assert_eq!(
            mail.subject,
            "Accusé de réception : rapport annuel 2025-2026 du Campus connecté de Nevers transmis le 15/06/2026 10:30"
        );
        assert!(
            mail.body.contains(&format!("Voir le rapport : {LINK}\n")),
            "{}",
            mail.body
        );
        assert!(mail.body.contains(CONTACT), "{}", mail.body);
        assert!(
            mail.body.contains("L'opérateur du réseau va l'examiner"),
            "{}",
            mail.body
        );
    }

    // Returned with the analyst's comment, ten minutes later.
    app.clock.set(crate::common::at("2026-06-15T08:40:00Z"));
    let returned = send(
        &service,
        crate::common::json(
            Method::POST,
            &format!("{REPORT}/return"),
            &json!({"comment": "Le budget ne tombe pas juste."}),
        ),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(returned.status, 200, "{}", returned.body);
    let mails = emails(&app);
    let returns: Vec<&Message> = mails
        .iter()
        .filter(|m| m.event == "report.returned")
        .collect();
    assert_eq!(returns.len(), 2, "{:?}", recipients(&mails));
    for mail in &returns {
        assert_eq!(
            mail.subject,
            "Rapport annuel 2025-2026 du Campus connecté de Nevers : à corriger"
        );
        assert!(
            mail.body
                .contains("renvoyé pour correction le 15/06/2026 10:40"),
            "{}",
            mail.body
        );
        assert!(mail
            .body
            .contains("Commentaire de l'analyste :\nLe budget ne tombe pas juste."));
        assert!(
            mail.body.contains(LINK) && mail.body.contains(CONTACT),
            "{}",
            mail.body
        );
    }

    // Submitted again (a second receipt), then accepted.
    app.clock.set(crate::common::at("2026-06-15T08:50:00Z"));
    let again = send(
        &service,
        post(&format!("{REPORT}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(again.status, 200, "{}", again.body);
    app.clock.set(crate::common::at("2026-06-15T09:00:00Z"));
    let accepted = send(
        &service,
        post(&format!("{REPORT}/accept")),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    let mails = emails(&app);
    let count = |event: &str| mails.iter().filter(|m| m.event == event).count();
    assert_eq!(
        (
            count("report.submitted"),
            count("report.returned"),
            count("report.accepted")
        ),
        (4, 2, 2)
    );
    let accept = mails.iter().find(|m| m.event == "report.accepted").unwrap();
    assert_eq!(
        accept.subject,
        "Rapport annuel 2025-2026 du Campus connecté de Nevers accepté le 15/06/2026 11:00"
    );
    assert!(accept.body.contains(LINK) && accept.body.contains(CONTACT));
    assert!(
        mails
            .iter()
            .all(|m| m.recipient != "coord.privas@test.example"),
        "{:?}",
        recipients(&mails)
    );
    mails.iter().for_each(assert_french);
}

#[actix_web::test]
async fn a_submission_and_a_return_from_the_pages_e_mail_the_campus_coordinators() {
    let app = app("2026-06-15T08:30:00Z");
    let service = service!(app);
    app.put_report("nevers", "2025-2026", ReportStatus::Draft, None);

    let submitted = send(
        &service,
        post_form(
            &app,
            Who::CoordinatorOwn,
            &format!("{PAGE}/transmettre"),
            &[("confirmation", "oui")],
        ),
        None,
    )
    .await;
    assert_eq!(submitted.status, 303, "{}", submitted.body);
    let receipts = emails(&app);
    assert_eq!(
        recipients(&receipts),
        ["adjointe.nevers@test.example", "coord.nevers@test.example"]
    );
    for mail in &receipts {
        assert!(
            mail.subject.starts_with(
                "Accusé de réception : rapport annuel 2025-2026 du Campus connecté de Nevers transmis le 15/06/2026 10:30"
            ),
            "{}",
            mail.subject
        );
        assert!(mail.body.contains(&format!("Voir le rapport : {LINK}\n")));
        assert!(mail.body.contains(CONTACT));
        assert_french(mail);
    }

    app.clock.set(crate::common::at("2026-06-15T08:45:00Z"));
    let returned = send(
        &service,
        post_form(
            &app,
            Who::Analyst,
            &format!("{PAGE}/renvoyer"),
            &[("comment", "Précisez les dépenses de personnel.")],
        ),
        None,
    )
    .await;
    assert_eq!(returned.status, 303, "{}", returned.body);
    let mails = emails(&app);
    let returns: Vec<&Message> = mails
        .iter()
        .filter(|m| m.event == "report.returned")
        .collect();
    assert_eq!(
        returns
            .iter()
            .map(|m| m.recipient.as_str())
            .collect::<Vec<_>>(),
        ["adjointe.nevers@test.example", "coord.nevers@test.example"]
    );
    for mail in returns {
        assert!(mail
            .body
            .contains("Commentaire de l'analyste :\nPrécisez les dépenses de personnel."));
        assert!(mail.body.contains(LINK) && mail.body.contains(CONTACT));
        assert_french(mail);
    }
}

#[actix_web::test]
async fn another_campus_s_coordinator_neither_triggers_nor_receives_a_campus_s_e_mails() {
    let app = app("2026-06-15T08:30:00Z");
    let service = service!(app);
    app.put_report("nevers", "2025-2026", ReportStatus::Draft, None);
    app.put_report("privas", "2025-2026", ReportStatus::Draft, None);
    let other = app.token(Who::CoordinatorOther);

    // The coordinator of Privas cannot submit Nevers's report, by the API or the page: nothing is written.
    let by_api = send(
        &service,
        post(&format!("{REPORT}/submit")),
        other.as_deref(),
    )
    .await;
    assert!(
        matches!(by_api.status.as_u16(), 403 | 404),
        "{} {}",
        by_api.status,
        by_api.body
    );
    let by_page = send(
        &service,
        post_form(
            &app,
            Who::CoordinatorOther,
            &format!("{PAGE}/transmettre"),
            &[("confirmation", "oui")],
        ),
        None,
    )
    .await;
    assert!(
        matches!(by_page.status.as_u16(), 403 | 404),
        "{}",
        by_page.status
    );
    assert!(emails(&app).is_empty(), "{:?}", recipients(&emails(&app)));

    // Privas's own submission goes to Privas's coordinators only: never to the coordinator of Nevers alone.
    let own = send(
        &service,
        post("/api/v1/campuses/privas/reports/2025-2026/submit"),
        other.as_deref(),
    )
    .await;
    assert_eq!(own.status, 200, "{}", own.body);
    let mails = emails(&app);
    assert_eq!(
        recipients(&mails),
        ["adjointe.nevers@test.example", "coord.privas@test.example"]
    );
    for mail in &mails {
        assert!(
            mail.subject.contains("du Campus connecté de privas"),
            "{}",
            mail.subject
        );
        assert!(mail
            .body
            .contains("https://pilotage.example.gouv.fr/campus/privas/rapports/2025-2026"));
        assert!(!mail.body.contains("Nevers") && !mail.body.contains("/campus/nevers/"));
    }

    // Nevers's submission, then, reaches Nevers's coordinators only.
    let coord = app.token(Who::CoordinatorOwn);
    let nevers = send(
        &service,
        post(&format!("{REPORT}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(nevers.status, 200, "{}", nevers.body);
    let mails = emails(&app);
    let to_nevers: Vec<&str> = mails[2..].iter().map(|m| m.recipient.as_str()).collect();
    assert_eq!(
        to_nevers,
        ["adjointe.nevers@test.example", "coord.nevers@test.example"]
    );
}

#[actix_web::test]
async fn a_deactivated_coordinator_gets_no_e_mail() {
    let app = app("2026-06-15T08:30:00Z");
    let service = service!(app);
    app.put_report("nevers", "2025-2026", ReportStatus::Draft, None);
    let mut conn = app.conn();
    let second = users::list(&mut conn)
        .unwrap()
        .into_iter()
        .find(|u| u.email == "adjointe.nevers@test.example")
        .unwrap();
    users::set_active(
        &mut conn,
        second.id,
        false,
        crate::common::at("2026-01-01T00:00:00Z"),
    )
    .unwrap();
    let coord = app.token(Who::CoordinatorOwn);
    let submitted = send(
        &service,
        post(&format!("{REPORT}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    assert_eq!(recipients(&emails(&app)), ["coord.nevers@test.example"]);
}
