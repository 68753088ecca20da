//! The analyst's settings and review pages in-process: scopes, campuses and indicators picked by name, what was
//! typed kept after a refusal, the year's dates set from the page, accepting a report only once its lock is
//! confirmed, copying, editing and removing targets — and nobody else changing any of it.

use crate::common::{at, id, send, year, TestApp, Who};
use crate::pages::{html, post_form};
use actix_web::cookie::Cookie;
use actix_web::test::TestRequest;
use pilotage_app::auth::SESSION_COOKIE;
use pilotage_domain::{DeadlineKind, Direction, ReportStatus, Target, TargetScope};
use pilotage_store::{deadlines, reports, targets};

/// A page read as `who`.
fn get_as(app: &TestApp, who: Who, uri: &str) -> TestRequest {
    TestRequest::get()
        .uri(uri)
        .cookie(Cookie::new(SESSION_COOKIE, app.token(who).unwrap()))
}

/// Where a reply sends the browser.
fn location<B>(response: &actix_web::dev::ServiceResponse<B>) -> String {
    response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned()
}

const PAGE: &str = "/analyse/parametres?annee=2025-2026";

#[actix_web::test]
async fn the_target_form_picks_scopes_and_indicators_by_name_and_keeps_what_was_typed() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let page = send(&service, get_as(&app, Who::Analyst, PAGE), None).await;
    assert_eq!(page.status, 200);
    let body = html(&page);
    assert!(
        body.contains(r#"<select id="champ-scope" name="scope""#),
        "{body}"
    );
    assert!(!body.contains(r#"type="text" id="champ-scope""#));
    assert!(body.contains(r#"<option value="nation" selected>France entière</option>"#));
    assert!(body.contains(r#"<option value="region:BFC">Bourgogne-Franche-Comté</option>"#));
    assert!(body.contains(r#"<option value="campus:nevers">Campus connecté de nevers</option>"#));
    assert!(body.contains(r#"<option value="success_rate">Taux de réussite</option>"#));
    assert!(!body.contains("campus:IDENTIFIANT"));
    assert!(!body.contains("se modifient par l'API"));

    let target = |indicator: &'static str, scope: &'static str, value: &'static str| {
        post_form(
            &app,
            Who::Analyst,
            "/analyse/parametres/cibles",
            &[
                ("annee", "2025-2026"),
                ("indicator", indicator),
                ("scope", scope),
                ("direction", "at_most"),
                ("value", value),
            ],
        )
    };
    // Out of range: refused, every choice kept, the error beside the value.
    let refused = send(
        &service,
        target("success_rate", "campus:autun", "120"),
        None,
    )
    .await;
    assert_eq!(refused.status, 422);
    let body = html(&refused);
    assert!(body.contains(r#"value="120""#), "{body}");
    assert!(
        body.contains(r#"<option value="campus:autun" selected>Campus connecté d'autun</option>"#)
    );
    assert!(body.contains(r#"<option value="success_rate" selected>Taux de réussite</option>"#));
    assert!(body.contains(r#"<option value="at_most" selected>au plus</option>"#));
    assert!(body.contains(r#"<div class="field field-error"><label for="champ-value">"#));
    assert!(body.contains(r#"<div id="erreur-champ-value"><p class="error-message">Erreur : "#));
    assert!(
        body.contains(r##"<a href="#champ-value">Valeur : "##),
        "the summary names the field"
    );
    // Not a number: kept as typed.
    let not_a_number = send(
        &service,
        target("enrolment", "region:ARA", "beaucoup"),
        None,
    )
    .await;
    assert_eq!(not_a_number.status, 422);
    let body = html(&not_a_number);
    assert!(body.contains(r#"value="beaucoup""#));
    assert!(body.contains(r#"<option value="region:ARA" selected>Auvergne-Rhône-Alpes</option>"#));
    assert!(body.contains(r#"<option value="enrolment" selected>Effectif accueilli</option>"#));
    // A campus that does not exist (a tampered form): refused beside the scope.
    let unknown = send(
        &service,
        target("enrolment", "campus:atlantide", "12"),
        None,
    )
    .await;
    assert_eq!(unknown.status, 422);
    assert!(html(&unknown).contains("aucun campus « atlantide »"));
    assert!(html(&unknown).contains(r#"value="12""#));
    // Nothing of it stored.
    let stored = targets::list(&mut app.conn(), Some(year("2025-2026"))).unwrap();
    assert_eq!(stored.len(), 3);
    // Saved: the table names the campus, not its id.
    let set = send(&service, target("enrolment", "campus:autun", "25"), None).await;
    assert_eq!(set.status, 303);
    let page = html(&send(&service, get_as(&app, Who::Analyst, PAGE), None).await);
    assert!(page.contains("<td>Campus connecté d'autun</td>"), "{page}");
    assert!(!page.contains("campus autun"));
    // The ministry reads the page without any form.
    let ministry = html(&send(&service, get_as(&app, Who::Ministry, PAGE), None).await);
    assert!(ministry.contains("Cibles ("));
    assert!(!ministry.contains("Fixer une cible"));
    assert!(!ministry.contains("Copier les cibles"));
}

#[actix_web::test]
async fn the_lock_exception_form_picks_the_campus_by_name_and_keeps_what_was_typed() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let body = html(&send(&service, get_as(&app, Who::Analyst, PAGE), None).await);
    assert!(body.contains(r#"<select id="champ-campus_id" name="campus_id" required"#));
    assert!(body.contains(r#"<option value="nevers">Campus connecté de nevers</option>"#));
    assert!(!body.contains("Identifiant du campus"));
    let exception = |campus: &'static str, date: &'static str, reason: &'static str| {
        post_form(
            &app,
            Who::Analyst,
            "/analyse/parametres/derogations",
            &[
                ("annee", "2025-2026"),
                ("campus_id", campus),
                ("kind", "flash_survey"),
                ("due_at", date),
                ("reason", reason),
            ],
        )
    };
    let early = send(
        &service,
        exception("nevers", "2025-10-01", "Inondation des locaux"),
        None,
    )
    .await;
    assert_eq!(early.status, 422);
    let body = html(&early);
    assert!(body.contains("postérieure à l'échéance de l'année"));
    assert!(body.contains(r#"<option value="nevers" selected>Campus connecté de nevers</option>"#));
    assert!(body.contains(r#"<option value="flash_survey" selected>Enquête flash</option>"#));
    assert!(body.contains(r#"value="2025-10-01""#));
    assert!(body.contains(">Inondation des locaux</textarea>"));
    let no_campus = send(&service, exception("", "2025-11-01", "Travaux"), None).await;
    assert_eq!(no_campus.status, 422);
    let body = html(&no_campus);
    assert!(body.contains("choisissez le campus dans la liste"));
    assert!(body.contains(r#"<option value="" selected>Choisissez un campus</option>"#));
    assert!(body.contains(">Travaux</textarea>"));
    assert!(
        deadlines::exceptions(&mut app.conn(), Some(year("2025-2026")))
            .unwrap()
            .is_empty()
    );
    let granted = send(&service, exception("autun", "2025-11-01", "Travaux"), None).await;
    assert_eq!(granted.status, 303);
    let page = html(&send(&service, get_as(&app, Who::Analyst, PAGE), None).await);
    assert!(page.contains(r#"<a href="/campus/autun">Campus connecté d'autun</a>"#));
}

#[actix_web::test]
async fn the_years_dates_are_set_from_the_page_and_a_bad_date_is_named_by_its_label() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let body = html(&send(&service, get_as(&app, Who::Analyst, PAGE), None).await);
    assert!(body.contains("Modifier les dates de l'année"));
    assert!(
        body.contains(r#"name="annual_report_due" required value="2026-09-01""#),
        "{body}"
    );
    let dates = |who: Who, due: &'static str, closing: &'static str| {
        post_form(
            &app,
            who,
            "/analyse/parametres/dates",
            &[
                ("annee", "2025-2026"),
                ("annual_report_due", due),
                ("annual_report_closing", closing),
                ("flash_survey_opens", "2025-09-01"),
                ("flash_survey_due", "2025-10-15"),
            ],
        )
    };
    let due = |app: &TestApp| {
        deadlines::due(
            &mut app.conn(),
            year("2025-2026"),
            DeadlineKind::AnnualReport,
        )
        .unwrap()
    };
    let before = due(&app);
    // Not a date: named by its label, kept as typed, nothing moved.
    let bad = send(
        &service,
        dates(Who::Analyst, "31/02/2026", "2026-09-30"),
        None,
    )
    .await;
    assert_eq!(bad.status, 422);
    let body = html(&bad);
    assert!(
        body.contains("Rapport annuel dû le : « 31/02/2026 » n'est pas une date"),
        "{body}"
    );
    assert!(body.contains(r#"value="31/02/2026""#));
    assert!(body.contains(r#"value="2026-09-30""#));
    // Empty.
    let empty = send(&service, dates(Who::Analyst, "", "2026-09-30"), None).await;
    assert_eq!(empty.status, 422);
    assert!(html(&empty).contains("Rapport annuel dû le : indiquez la date"));
    // Out of order (the application's rule), named by its label.
    let order = send(
        &service,
        dates(Who::Analyst, "2026-09-10", "2026-09-05"),
        None,
    )
    .await;
    assert_eq!(order.status, 422);
    let body = html(&order);
    assert!(
        body.contains("Clôture de la saisie : la clôture ne peut précéder"),
        "{body}"
    );
    assert!(body.contains(r#"value="2026-09-10""#));
    // Far from the year.
    let far = send(
        &service,
        dates(Who::Analyst, "2031-09-10", "2031-09-30"),
        None,
    )
    .await;
    assert_eq!(far.status, 422);
    assert!(html(&far).contains("Rapport annuel dû le : "));
    assert_eq!(due(&app), before);
    // Ministry, coordinator and admin may not.
    for who in [Who::Ministry, Who::CoordinatorOwn, Who::Admin] {
        let refused = send(&service, dates(who, "2026-09-10", "2026-09-30"), None).await;
        assert_eq!(refused.status, 403, "{who:?}");
    }
    assert_eq!(due(&app), before);
    // Saved, typed the French way too; the other dates, unchanged, stay.
    let saved = send(
        &service,
        dates(Who::Analyst, "10/09/2026", "2026-09-30"),
        None,
    )
    .await;
    assert_eq!(saved.status, 303);
    assert_eq!(due(&app), at("2026-09-10T21:59:59Z"));
    let page = html(&send(&service, get_as(&app, Who::Analyst, PAGE), None).await);
    assert!(page.contains("<dd>10/09/2026"), "{page}");
    assert!(page.contains(r#"value="2026-09-10""#));
}

#[actix_web::test]
async fn accepting_a_report_needs_its_lock_confirmed() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    app.put_report(
        "nevers",
        "2025-2026",
        ReportStatus::Submitted,
        Some("2026-05-30T10:00:00Z"),
    );
    let uri = "/campus/nevers/rapports/2025-2026";
    let page = html(&send(&service, get_as(&app, Who::Analyst, uri), None).await);
    assert!(page.contains(
        "Je confirme l'acceptation : le rapport ne pourra plus être modifié par le campus"
    ));
    assert!(page.contains(
        r#"<input type="checkbox" id="champ-confirmation" name="confirmation" value="oui" required"#
    ));
    let accept = |who: Who, fields: &[(&str, &str)]| {
        post_form(&app, who, &format!("{uri}/accepter"), fields)
    };
    let status = |app: &TestApp| {
        reports::get(&mut app.conn(), &id("nevers"), year("2025-2026"))
            .unwrap()
            .unwrap()
            .status
    };
    for fields in [
        &[][..],
        &[("confirmation", "")][..],
        &[("confirmation", "non")][..],
    ] {
        let refused = send(&service, accept(Who::Analyst, fields), None).await;
        assert_eq!(refused.status, 422);
        let body = html(&refused);
        assert!(body.contains(r#"<div id="erreur-champ-confirmation"><p class="error-message">Erreur : cochez la case pour confirmer l'acceptation"#), "{body}");
        assert_eq!(status(&app), ReportStatus::Submitted);
    }
    // Others are refused as such, confirmed or not.
    for who in [Who::Ministry, Who::CoordinatorOwn, Who::Admin] {
        for fields in [&[][..], &[("confirmation", "oui")][..]] {
            let refused = send(&service, accept(who, fields), None).await;
            assert_eq!(refused.status, 403, "{who:?}");
        }
    }
    assert_eq!(status(&app), ReportStatus::Submitted);
    // A report not submitted is answered by the review's rule (nothing to confirm).
    app.put_report("autun", "2025-2026", ReportStatus::Draft, None);
    let draft = send(
        &service,
        post_form(
            &app,
            Who::Analyst,
            "/campus/autun/rapports/2025-2026/accepter",
            &[],
        ),
        None,
    )
    .await;
    assert_eq!(draft.status, 409);
    let accepted = send(
        &service,
        accept(Who::Analyst, &[("confirmation", "oui")]),
        None,
    )
    .await;
    assert_eq!(accepted.status, 303);
    assert_eq!(status(&app), ReportStatus::Accepted);
}

#[actix_web::test]
async fn targets_are_copied_from_last_year_edited_and_removed_from_the_page() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let next = year("2026-2027");
    // 2026-2027 already has its own enrolment target: the copy keeps it.
    let own = Target {
        indicator: "enrolment".into(),
        scope: TargetScope::Nation,
        academic_year: next,
        direction: Direction::AtLeast,
        value: 20.0,
    };
    targets::set(&mut app.conn(), &own, "test", at("2026-01-01T00:00:00Z")).unwrap();
    let next_page = "/analyse/parametres?annee=2026-2027";
    let body = html(&send(&service, get_as(&app, Who::Analyst, next_page), None).await);
    assert!(body.contains("Copier les cibles de 2025-2026"));
    // National defaults shown where no stored target replaces them.
    assert!(body.contains("par défaut (cahier des charges)"));
    let copy = |who: Who, y: &str| {
        post_form(
            &app,
            who,
            "/analyse/parametres/cibles/copier",
            &[("annee", y)],
        )
    };
    for who in [Who::CoordinatorOwn, Who::Ministry, Who::Admin] {
        assert_eq!(
            send(&service, copy(who, "2026-2027"), None).await.status,
            403,
            "{who:?}"
        );
    }
    assert_eq!(targets::list(&mut app.conn(), Some(next)).unwrap().len(), 1);
    let req = copy(Who::Analyst, "2026-2027").to_request();
    let response = actix_web::test::call_service(&service, req).await;
    assert_eq!(response.status(), 303);
    let to = location(&response);
    assert!(to.contains("copiees=2&conservees=1"), "{to}");
    let copied = targets::list(&mut app.conn(), Some(next)).unwrap();
    assert_eq!(copied.len(), 3);
    let value = |list: &[Target], i: &str| list.iter().find(|t| t.indicator == i).unwrap().value;
    assert_eq!(value(&copied, "enrolment"), 20.0, "kept, not overwritten");
    assert_eq!(value(&copied, "success_rate"), 80.0);
    let said = html(&send(&service, get_as(&app, Who::Analyst, &to), None).await);
    assert!(
        said.contains(
            "2 cibles copiées de 2025-2026 ; 1 cible déjà fixée pour 2026-2027 conservée."
        ),
        "{said}"
    );

    // Edit: the form filled in with the stored target.
    let edit = html(
        &send(
            &service,
            get_as(
                &app,
                Who::Analyst,
                "/analyse/parametres?annee=2025-2026&indicateur=students_per_tutor&portee=nation",
            ),
            None,
        )
        .await,
    );
    assert!(
        edit.contains(r#"<option value="students_per_tutor" selected>"#),
        "{edit}"
    );
    assert!(edit.contains(r#"<option value="at_most" selected>au plus</option>"#));
    assert!(edit.contains(r#"name="value" required value="20""#));
    assert!(edit.contains(r#"href="/analyse/parametres?annee=2025-2026&amp;indicateur=success_rate&amp;portee=nation#fixer-cible""#));

    // Remove: only once confirmed.
    let remove = |who: Who, confirmation: &'static str| {
        post_form(
            &app,
            who,
            "/analyse/parametres/cibles/supprimer",
            &[
                ("annee", "2025-2026"),
                ("indicator", "success_rate"),
                ("scope", "nation"),
                ("confirmation", confirmation),
            ],
        )
    };
    let stored = |app: &TestApp| {
        targets::get(
            &mut app.conn(),
            "success_rate",
            &TargetScope::Nation,
            year("2025-2026"),
        )
        .unwrap()
    };
    let unconfirmed = send(&service, remove(Who::Analyst, ""), None).await;
    assert_eq!(unconfirmed.status, 422);
    assert!(html(&unconfirmed).contains(r#"<div id="erreur-champ-confirmation"><p class="error-message">Erreur : cochez la case pour confirmer la suppression"#));
    assert!(stored(&app).is_some());
    for who in [Who::CoordinatorOwn, Who::Ministry, Who::Admin] {
        assert_eq!(
            send(&service, remove(who, "oui"), None).await.status,
            403,
            "{who:?}"
        );
    }
    assert!(stored(&app).is_some());
    let removed = send(&service, remove(Who::Analyst, "oui"), None).await;
    assert_eq!(removed.status, 303);
    assert!(stored(&app).is_none());
    // The default of the specification (85 %) applies again, marked so.
    let page = html(&send(&service, get_as(&app, Who::Analyst, PAGE), None).await);
    assert!(
        page.contains(
            "<th scope=\"row\">Taux de réussite</th><td>France entière</td><td>au moins 85"
        ),
        "{page}"
    );
    // Removing it again: nothing to remove.
    assert_eq!(
        send(&service, remove(Who::Analyst, "oui"), None)
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn an_attacker_cannot_change_settings_without_a_session_or_a_token() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let forms: [(&str, &[(&str, &str)]); 4] = [
        (
            "/analyse/parametres/cibles/copier",
            &[("annee", "2026-2027")],
        ),
        (
            "/analyse/parametres/cibles/supprimer",
            &[
                ("annee", "2025-2026"),
                ("indicator", "success_rate"),
                ("scope", "nation"),
                ("confirmation", "oui"),
            ],
        ),
        (
            "/analyse/parametres/dates",
            &[
                ("annee", "2025-2026"),
                ("annual_report_due", "2026-09-10"),
                ("annual_report_closing", "2026-09-30"),
                ("flash_survey_opens", "2025-09-01"),
                ("flash_survey_due", "2025-10-15"),
            ],
        ),
        (
            "/campus/nevers/rapports/2025-2026/accepter",
            &[("confirmation", "oui")],
        ),
    ];
    app.put_report(
        "nevers",
        "2025-2026",
        ReportStatus::Submitted,
        Some("2026-05-30T10:00:00Z"),
    );
    for (uri, fields) in forms {
        // Anonymous: sent to sign in.
        let anonymous = send(
            &service,
            TestRequest::post().uri(uri).set_form(fields.to_vec()),
            None,
        )
        .await;
        assert_eq!(anonymous.status, 303, "{uri}");
        // An analyst's session without the form's token (a forged cross-site form): refused.
        let token = app.token(Who::Analyst).unwrap();
        let forged = TestRequest::post()
            .uri(uri)
            .cookie(Cookie::new(SESSION_COOKIE, token))
            .set_form(fields.to_vec());
        assert_eq!(send(&service, forged, None).await.status, 403, "{uri}");
        // A coordinator with a valid token: refused.
        let coordinator = send(
            &service,
            post_form(&app, Who::CoordinatorOwn, uri, fields),
            None,
        )
        .await;
        assert_eq!(coordinator.status, 403, "{uri}");
    }
    assert!(targets::list(&mut app.conn(), Some(year("2026-2027")))
        .unwrap()
        .is_empty());
    assert!(targets::get(
        &mut app.conn(),
        "success_rate",
        &TargetScope::Nation,
        year("2025-2026")
    )
    .unwrap()
    .is_some());
    assert_eq!(
        deadlines::due(
            &mut app.conn(),
            year("2025-2026"),
            DeadlineKind::AnnualReport
        )
        .unwrap(),
        at("2026-09-01T21:59:59Z")
    );
    let report = reports::get(&mut app.conn(), &id("nevers"), year("2025-2026"))
        .unwrap()
        .unwrap();
    assert_eq!(report.status, ReportStatus::Submitted);
}

/// A tampered form: its address and fields, the status expected and what the page says.
type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], u16, &'a str);

#[actix_web::test]
async fn tampered_settings_forms_get_a_french_4xx_and_change_nothing() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let cases: [Case; 6] = [
        (
            "/analyse/parametres/cibles/supprimer",
            &[
                ("annee", "2025-2026"),
                ("indicator", "success_rate"),
                ("scope", "planète:mars"),
                ("confirmation", "oui"),
            ],
            422,
            "portée « planète:mars » invalide",
        ),
        (
            "/analyse/parametres/cibles/supprimer",
            &[
                ("annee", "2025-2026"),
                ("indicator", "inconnu"),
                ("scope", "nation"),
                ("confirmation", "oui"),
            ],
            404,
            "aucune cible enregistrée",
        ),
        (
            "/analyse/parametres/cibles/copier",
            &[("annee", "2025")],
            400,
            "2025",
        ),
        (
            "/analyse/parametres/dates",
            &[
                ("annee", "2025-2026"),
                ("annual_report_due", "0001-01-01"),
                ("annual_report_closing", "2026-09-30"),
                ("flash_survey_opens", "2025-09-01"),
                ("flash_survey_due", "2025-10-15"),
            ],
            422,
            "Rapport annuel dû le : ",
        ),
        (
            "/analyse/parametres/dates",
            &[
                ("annee", "2025-2026"),
                ("annual_report_due", "2026-09-01"),
                ("annual_report_closing", "2026-09-30"),
                ("flash_survey_opens", "2025-10-20"),
                ("flash_survey_due", "2025-10-15"),
            ],
            422,
            "Enquête flash due le : l'échéance de l'enquête flash doit suivre son ouverture",
        ),
        (
            "/analyse/parametres/derogations",
            &[
                ("annee", "2025-2026"),
                ("campus_id", "../../etc"),
                ("kind", "annual_report"),
                ("due_at", "2026-09-20"),
                ("reason", "x"),
            ],
            422,
            "Erreur : ",
        ),
    ];
    for (uri, fields, status, says) in cases {
        let reply = send(&service, post_form(&app, Who::Analyst, uri, fields), None).await;
        let body = html(&reply);
        assert_eq!(reply.status.as_u16(), status, "{uri} {fields:?}: {body}");
        assert!(reply.content_type.starts_with("text/html"), "{uri}");
        assert!(body.contains(says), "{uri} {fields:?}: {body}");
    }
    assert_eq!(
        targets::list(&mut app.conn(), Some(year("2025-2026")))
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        deadlines::due(
            &mut app.conn(),
            year("2025-2026"),
            DeadlineKind::FlashSurveyOpening
        )
        .unwrap(),
        at("2025-08-31T22:00:00Z")
    );
    // A default of the specification is edited from its row: the form filled in with it.
    let edit = html(
        &send(
            &service,
            get_as(
                &app,
                Who::Analyst,
                "/analyse/parametres?annee=2025-2026&indicateur=public_share&portee=nation",
            ),
            None,
        )
        .await,
    );
    assert!(
        edit.contains(r#"<option value="public_share" selected>"#),
        "{edit}"
    );
    assert!(edit.contains(r#"name="value" required value="70""#));
}
