//! The flash survey as coordinators answer it: a calm first visit (help under each field, no red before anything
//! is asked), a lenient save, every problem once when it is transmitted from its one form (the values typed are
//! saved first and kept), read-only once transmitted unless an analyst reopens it, with a reason.

use crate::common::{get, id, json, send, send_page, year, TestApp, Who};
use crate::pages::{html, post_form};
use actix_web::http::Method;
use pilotage_domain::{FlashSurveyStatus, ReportStatus};
use pilotage_store::flash_surveys;
use serde_json::json;

/// 10 September 2026: the 2026-2027 survey is open (due 15 October); Nevers reported 20 students for 2025-2026.
fn open_survey() -> TestApp {
    let app = TestApp::new("2026-09-10T10:00:00Z");
    app.put_report(
        "nevers",
        "2025-2026",
        ReportStatus::Accepted,
        Some("2026-08-20T10:00:00Z"),
    );
    app
}

const URI: &str = "/campus/nevers/enquete/2026-2027";
const API: &str = "/api/v1/campuses/nevers/flash-surveys/2026-2027";

/// A complete survey: 22 expected (12 + 2 + 0 + 4 + 2 + 1 + 1), last year's 20 students' outcomes.
fn complete() -> Vec<(&'static str, &'static str)> {
    vec![
        ("forecast_students_enrolled", "22"),
        ("forecast_prog_licence", "12"),
        ("forecast_prog_master", "2"),
        ("forecast_prog_doctorate", "0"),
        ("forecast_prog_daeu", "4"),
        ("forecast_prog_bts", "2"),
        ("forecast_prog_other_public", "1"),
        ("forecast_prog_private", "1"),
        ("final_outcome_success", "15"),
        ("final_outcome_dropout", "1"),
        ("final_outcome_reorientation", "2"),
        ("final_outcome_failure", "2"),
        ("final_outcome_pending", "0"),
    ]
}

async fn page_as<S, B>(service: &S, app: &TestApp, who: Who) -> (u16, String)
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let reply = send_page(service, app, who, URI).await;
    (reply.status.as_u16(), html(&reply))
}

fn stored(app: &TestApp) -> Option<pilotage_domain::FlashSurveyRecord> {
    flash_surveys::get(&mut app.conn(), &id("nevers"), year("2026-2027")).unwrap()
}

#[actix_web::test]
async fn a_first_visit_is_calm_and_a_draft_saves_whatever_is_typed() {
    let app = open_survey();
    let service = service!(app);
    let (status, page) = page_as(&service, &app, Who::CoordinatorOwn).await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("notice-error"),
        "no red on a first visit: {page}"
    );
    assert!(!page.contains("Erreur :"));
    assert!(
        page.contains("13 champs à renseigner avant la transmission"),
        "{page}"
    );
    assert!(
        page.contains("Nombre total d'étudiants que le campus prévoit d'accueillir cette année")
    );
    assert!(page.contains("formaction=\"/campus/nevers/enquete/2026-2027/transmettre\""));

    // A partial, inconsistent draft is saved as typed: the rules wait for the transmission.
    let saved = send(
        &service,
        post_form(
            &app,
            Who::CoordinatorOwn,
            URI,
            &[
                ("forecast_students_enrolled", "22"),
                ("forecast_prog_licence", "3"),
            ],
        ),
        None,
    )
    .await;
    assert_eq!(saved.status, 303);
    let record = stored(&app).unwrap();
    assert_eq!(record.survey.forecast_prog_licence, Some(3));
    let (_, page) = page_as(&service, &app, Who::CoordinatorOwn).await;
    assert!(!page.contains("notice-error"), "{page}");
    assert!(page.contains("11 champs à renseigner"), "{page}");

    // A value that is not a whole number is named by its label, the values typed kept, nothing saved.
    let refused = send(
        &service,
        post_form(
            &app,
            Who::CoordinatorOwn,
            URI,
            &[
                ("forecast_students_enrolled", "vingt-deux"),
                ("forecast_prog_master", "7"),
            ],
        ),
        None,
    )
    .await;
    assert_eq!(refused.status, 422);
    let page = html(&refused);
    assert!(
        page.contains("Étudiants attendus : « vingt-deux » n'est pas un nombre entier"),
        "{page}"
    );
    assert!(page.contains("value=\"vingt-deux\"") && page.contains("value=\"7\""));
    assert_eq!(stored(&app).unwrap().survey.forecast_prog_master, None);
}

#[actix_web::test]
async fn transmitting_saves_what_was_typed_and_lists_every_problem_once() {
    let app = open_survey();
    let service = service!(app);
    // Typed and transmitted at once, never saved: the programmes total 21 (not 22), the outcomes 19 (not 20).
    let mut typed = complete();
    typed.retain(|(n, _)| !matches!(*n, "forecast_prog_private" | "final_outcome_success"));
    typed.push(("forecast_prog_private", "0"));
    typed.push(("final_outcome_success", "14"));
    let refused = send(
        &service,
        post_form(
            &app,
            Who::CoordinatorOwn,
            &format!("{URI}/transmettre"),
            &typed,
        ),
        None,
    )
    .await;
    assert_eq!(refused.status, 422);
    let page = html(&refused);
    assert!(page.contains("2 erreurs à corriger"), "{page}");
    let summary = page
        .split("id=\"resume-erreurs\"")
        .nth(1)
        .unwrap()
        .split("</ul>")
        .next()
        .unwrap();
    assert_eq!(
        summary
            .matches("Résultats définitifs : ils totalisent")
            .count(),
        1,
        "{summary}"
    );
    assert!(summary.contains("Prévisions par formation : la répartition totalise 21 au lieu de 22"));
    assert!(
        page.contains("value=\"14\""),
        "the typed values stay in the form"
    );
    // What was typed is saved, as a draft.
    let record = stored(&app).unwrap();
    assert_eq!(record.status, FlashSurveyStatus::Draft);
    assert_eq!(record.survey.forecast_prog_licence, Some(12));
    assert_eq!(record.survey.final_outcome_success, Some(14));

    let handed_in = send(
        &service,
        post_form(
            &app,
            Who::CoordinatorOwn,
            &format!("{URI}/transmettre"),
            &complete(),
        ),
        None,
    )
    .await;
    assert_eq!(handed_in.status, 303, "{}", html(&handed_in));
    assert_eq!(stored(&app).unwrap().status, FlashSurveyStatus::Submitted);
}

#[actix_web::test]
async fn a_transmitted_survey_is_read_only_until_an_analyst_reopens_it() {
    let app = open_survey();
    let service = service!(app);
    let handed_in = send(
        &service,
        post_form(
            &app,
            Who::CoordinatorOwn,
            &format!("{URI}/transmettre"),
            &complete(),
        ),
        None,
    )
    .await;
    assert_eq!(handed_in.status, 303);
    let first = stored(&app).unwrap();

    // Read-only: the page says so, its inputs are read-only, and neither the page nor the API changes it.
    let (_, page) = page_as(&service, &app, Who::CoordinatorOwn).await;
    assert!(page.contains("elle n'est plus modifiable"), "{page}");
    assert!(page.contains("readonly"));
    assert!(!page.contains("Enregistrer l'enquête"));
    let changed = send(
        &service,
        post_form(
            &app,
            Who::CoordinatorOwn,
            URI,
            &[("forecast_prog_licence", "13")],
        ),
        None,
    )
    .await;
    assert_eq!(changed.status, 409);
    assert!(html(&changed).contains("demandez à l'opérateur de la rouvrir"));
    let coord = app.token(Who::CoordinatorOwn);
    let api = send(
        &service,
        json(Method::PUT, API, &json!({"forecast_prog_licence": 13})),
        coord.as_deref(),
    )
    .await;
    assert_eq!(api.status, 409, "{}", api.body);
    let again = send(
        &service,
        crate::common::post(&format!("{API}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(again.status, 409, "{}", again.body);
    assert_eq!(stored(&app).unwrap().survey.forecast_prog_licence, Some(12));

    // Only an analyst reopens it, with a reason; nobody else, not even the coordinator or the ministry.
    for who in [
        Who::CoordinatorOwn,
        Who::CoordinatorOther,
        Who::Ministry,
        Who::RegionalOwn,
    ] {
        let token = app.token(who);
        let reply = send(
            &service,
            json(
                Method::POST,
                &format!("{API}/reopen"),
                &json!({"reason": "x"}),
            ),
            token.as_deref(),
        )
        .await;
        assert!(
            matches!(reply.status.as_u16(), 403 | 404),
            "{who:?}: {}",
            reply.status
        );
    }
    let page_refused = send(
        &service,
        post_form(
            &app,
            Who::CoordinatorOwn,
            &format!("{URI}/rouvrir"),
            &[("reason", "moi")],
        ),
        None,
    )
    .await;
    assert_eq!(page_refused.status, 403);
    let (_, analyst_page) = page_as(&service, &app, Who::Analyst).await;
    assert!(analyst_page.contains("Rouvrir l'enquête pour correction"));
    let no_reason = send(
        &service,
        post_form(
            &app,
            Who::Analyst,
            &format!("{URI}/rouvrir"),
            &[("reason", "  ")],
        ),
        None,
    )
    .await;
    assert_eq!(no_reason.status, 422);
    assert!(html(&no_reason).contains("Motif : indiquez pourquoi"));
    assert_eq!(stored(&app).unwrap().status, FlashSurveyStatus::Submitted);
    let reopened = send(
        &service,
        post_form(
            &app,
            Who::Analyst,
            &format!("{URI}/rouvrir"),
            &[(
                "reason",
                "Erreur sur les réorientations signalée par la coordination",
            )],
        ),
        None,
    )
    .await;
    assert_eq!(reopened.status, 303, "{}", html(&reopened));
    let record = stored(&app).unwrap();
    assert_eq!(record.status, FlashSurveyStatus::Draft);
    assert_eq!(
        record.submitted_at, first.submitted_at,
        "its timeliness is kept"
    );
    let history = send(
        &service,
        get("/api/v1/campuses/nevers/flash-surveys/2026-2027"),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    assert_eq!(history.body["status"], "draft");
    // Reopening what is not transmitted is refused.
    let twice = send(
        &service,
        json(
            Method::POST,
            &format!("{API}/reopen"),
            &json!({"reason": "encore"}),
        ),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    assert_eq!(twice.status, 409, "{}", twice.body);
    // The coordinator corrects it again.
    let corrected = send(
        &service,
        json(Method::PUT, API, &json!({"forecast_prog_licence": 13})),
        coord.as_deref(),
    )
    .await;
    assert_eq!(corrected.status, 200, "{}", corrected.body);
}
