//! The administration's pages in-process: only an admin reads or uses them; accounts created from the form (each
//! bad input refused beside its field, nothing created), deactivated (then refused at sign-in) and reactivated;
//! an API client's key shown once and working against the API, never on the listing; a failed delivery sent
//! again; the audit log searched, bad dates named beside their fields; every form refused without its token.

use crate::common::{at, get, json, send, TestApp, Who};
use crate::pages::{html, post_form};
use actix_web::cookie::Cookie;
use actix_web::http::Method;
use actix_web::test::TestRequest;
use pilotage_app::auth::SESSION_COOKIE;
use pilotage_store::outbox::{self, Channel, NewMessage};
use pilotage_store::users;
use serde_json::json;

const PAGES: [&str; 5] = [
    "/administration",
    "/administration/comptes",
    "/administration/clients-api",
    "/administration/taches",
    "/administration/journal",
];

/// A page read as `who`.
fn get_as(app: &TestApp, who: Who, uri: &str) -> TestRequest {
    let req = TestRequest::get().uri(uri);
    match app.token(who) {
        Some(token) => req.cookie(Cookie::new(SESSION_COOKIE, token)),
        None => req,
    }
}

/// A refused account: its fields, the status, the input named and the message beside it.
type Case = (
    Vec<(&'static str, &'static str)>,
    u16,
    &'static str,
    &'static str,
);

/// The fields of a valid new account, with `changes` applied (an empty value removes the field).
fn account(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut fields = vec![
        ("email", "nouvelle.coord@test.example"),
        ("display_name", "Nouvelle Coordinatrice"),
        ("role", "coordinator"),
        ("campus_ids", "autun"),
        ("region_code", ""),
        ("password", "un mot de passe assez long"),
    ];
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value));
    }
    fields
}

fn account_count(app: &TestApp) -> usize {
    users::list(&mut app.conn()).unwrap().len()
}

#[actix_web::test]
async fn only_an_admin_reads_the_administration_pages() {
    let app = TestApp::new("2026-12-03T13:30:00Z");
    let service = service!(app);
    for uri in PAGES {
        let admin = send(&service, get_as(&app, Who::Admin, uri), None).await;
        assert_eq!(admin.status, 200, "{uri}");
        let body = html(&admin);
        assert!(body.contains("<html lang=\"fr\">"), "{uri}");
        for who in [
            Who::CoordinatorOwn,
            Who::CoordinatorOther,
            Who::Analyst,
            Who::Ministry,
            Who::RegionalOwn,
            Who::RegionalOther,
        ] {
            let refused = send(&service, get_as(&app, who, uri), None).await;
            assert_eq!(refused.status, 403, "{uri} as {who:?}");
            let body = html(&refused);
            assert!(body.contains("Accès refusé"), "{uri} as {who:?}: {body}");
            assert!(body.contains("réservé à l'administration"), "{body}");
            assert!(
                !body.contains("rectorat-ara</th>"),
                "nothing of the page shown"
            );
        }
        let anonymous =
            actix_web::test::call_service(&service, TestRequest::get().uri(uri).to_request()).await;
        assert_eq!(anonymous.status(), 303, "{uri}");
        assert_eq!(
            anonymous.headers().get("location").unwrap(),
            "/connexion",
            "{uri}"
        );
    }
    // An admin starts there; the index links to every section.
    let home =
        actix_web::test::call_service(&service, get_as(&app, Who::Admin, "/").to_request()).await;
    assert_eq!(home.headers().get("location").unwrap(), "/administration");
    let index = html(&send(&service, get_as(&app, Who::Admin, "/administration"), None).await);
    for uri in &PAGES[1..] {
        assert!(index.contains(&format!("href=\"{uri}\"")), "{uri}");
    }
}

#[actix_web::test]
async fn no_one_but_an_admin_writes_through_the_administration_forms() {
    let app = TestApp::new("2026-12-03T13:30:00Z");
    let service = service!(app);
    let before = account_count(&app);
    let admin_id = users::find_by_email(&mut app.conn(), "admin@test.example")
        .unwrap()
        .unwrap()
        .id;
    let writes: Vec<(String, Vec<(&str, &str)>)> = vec![
        ("/administration/comptes".into(), account(&[])),
        (
            format!("/administration/comptes/{admin_id}/desactiver"),
            vec![],
        ),
        (
            "/administration/clients-api".into(),
            vec![
                ("client_id", "pirate"),
                ("name", "Pirate"),
                ("region_code", "BFC"),
            ],
        ),
        (
            "/administration/clients-api/rectorat-bfc/desactiver".into(),
            vec![],
        ),
        (
            "/administration/taches/notifications/1/relancer".into(),
            vec![],
        ),
    ];
    for (uri, fields) in &writes {
        for who in [
            Who::CoordinatorOwn,
            Who::Analyst,
            Who::Ministry,
            Who::RegionalOwn,
        ] {
            let reply = send(&service, post_form(&app, who, uri, fields), None).await;
            assert_eq!(reply.status, 403, "{uri} as {who:?}");
        }
        // An admin's form without its anti-forgery token, or with another session's.
        let token = app.token(Who::Admin).unwrap();
        let forged = TestRequest::post()
            .uri(uri)
            .cookie(Cookie::new(SESSION_COOKIE, token))
            .set_form(fields.clone());
        let reply = send(&service, forged, None).await;
        assert_eq!(reply.status, 403, "{uri} without token");
        assert!(html(&reply).contains("jeton de sécurité"));
        let mut other = fields.clone();
        let analyst_csrf = app
            .state
            .tokens
            .csrf_token(&app.token(Who::Analyst).unwrap());
        other.push(("csrf", analyst_csrf.as_str()));
        let wrong = TestRequest::post()
            .uri(uri)
            .cookie(Cookie::new(SESSION_COOKIE, app.token(Who::Admin).unwrap()))
            .set_form(other);
        assert_eq!(send(&service, wrong, None).await.status, 403, "{uri}");
        // Anonymous: to the sign-in page.
        let anonymous = actix_web::test::call_service(
            &service,
            TestRequest::post()
                .uri(uri)
                .set_form(fields.clone())
                .to_request(),
        )
        .await;
        assert_eq!(anonymous.status(), 303, "{uri}");
    }
    assert_eq!(account_count(&app), before, "no account created");
    let conn = &mut app.conn();
    assert!(users::get(conn, admin_id).unwrap().unwrap().active);
    assert!(pilotage_store::api_clients::get(conn, "pirate")
        .unwrap()
        .is_none());
    assert!(
        pilotage_store::api_clients::get(conn, "rectorat-bfc")
            .unwrap()
            .unwrap()
            .active
    );
}

#[actix_web::test]
async fn bad_accounts_are_refused_beside_their_fields_and_nothing_is_created() {
    let app = TestApp::new("2026-12-03T13:30:00Z");
    let service = service!(app);
    let before = account_count(&app);
    let cases: Vec<Case> = vec![
        (
            account(&[("email", "")]),
            422,
            "champ-email",
            "Adresse e-mail : ",
        ),
        (
            account(&[("email", "pas-une-adresse")]),
            422,
            "champ-email",
            "Adresse e-mail : ",
        ),
        (
            account(&[("campus_ids", "atlantide")]),
            422,
            "champ-campus_ids",
            "aucun campus « atlantide »",
        ),
        (
            account(&[("campus_ids", "")]),
            422,
            "champ-campus_ids",
            "un compte de coordination nomme au moins un campus",
        ),
        (
            account(&[("email", "coord.nevers@test.example")]),
            409,
            "champ-email",
            "un compte existe déjà avec cette adresse",
        ),
        (
            account(&[("role", "")]),
            422,
            "champ-role",
            "choisissez un rôle",
        ),
        (
            account(&[("role", "regional"), ("campus_ids", "")]),
            422,
            "champ-region_code",
            "un compte régional nomme sa région académique",
        ),
        (
            account(&[("password", "court")]),
            422,
            "champ-password",
            "12 caractères au moins",
        ),
    ];
    for (fields, status, id, message) in cases {
        // `campus_ids` = "" means no campus chosen: the field is not sent.
        let fields: Vec<(&str, &str)> = fields
            .into_iter()
            .filter(|(n, v)| !(*n == "campus_ids" && v.is_empty()))
            .collect();
        let reply = send(
            &service,
            post_form(&app, Who::Admin, "/administration/comptes", &fields),
            None,
        )
        .await;
        assert_eq!(reply.status, status, "{fields:?}");
        let body = html(&reply);
        assert!(body.contains(message), "{message}: {body}");
        assert!(
            body.contains(&format!("href=\"#{id}\"")),
            "summary links {id}"
        );
        assert!(
            body.contains(&format!(
                "<div id=\"erreur-{id}\"><p class=\"error-message\">Erreur : "
            )),
            "error beside {id}: {body}"
        );
        // What was typed is kept, the password is not.
        let display = fields.iter().find(|(n, _)| *n == "display_name").unwrap().1;
        assert!(body.contains(&format!("value=\"{display}\"")));
        assert!(!body.contains("un mot de passe assez long"));
        if let Some((_, campus)) = fields.iter().find(|(n, _)| *n == "campus_ids") {
            if *campus == "autun" {
                assert!(body.contains("<option value=\"autun\" selected>"), "{body}");
            }
        }
    }
    assert_eq!(account_count(&app), before, "nothing created");
}

#[actix_web::test]
async fn an_account_created_from_the_page_is_listed_in_french_then_deactivated_and_reactivated() {
    let app = TestApp::new("2026-12-03T13:30:00Z");
    let service = service!(app);
    let created = send(
        &service,
        post_form(&app, Who::Admin, "/administration/comptes", &account(&[])),
        None,
    )
    .await;
    assert_eq!(created.status, 303);
    let list = html(
        &send(
            &service,
            get_as(&app, Who::Admin, "/administration/comptes?fait=cree"),
            None,
        )
        .await,
    );
    assert!(list.contains("Compte créé."));
    assert!(
        list.contains("<th scope=\"row\">nouvelle.coord@test.example</th>"),
        "{list}"
    );
    assert!(
        list.contains(
            "<td>Coordination de campus</td><td>Campus connecté d'autun</td><td>actif</td>"
        ),
        "{list}"
    );
    assert!(
        list.contains("<td>Système régional</td><td>Bourgogne-Franche-Comté</td>"),
        "région by name"
    );
    assert!(!list.contains(">coordinator<"), "no English role");
    let login = |password: &'static str| {
        json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": "nouvelle.coord@test.example", "password": password}),
        )
    };
    assert_eq!(
        send(&service, login("un mot de passe assez long"), None)
            .await
            .status,
        200
    );

    let id = users::find_by_email(&mut app.conn(), "nouvelle.coord@test.example")
        .unwrap()
        .unwrap()
        .id;
    let off = send(
        &service,
        post_form(
            &app,
            Who::Admin,
            &format!("/administration/comptes/{id}/desactiver"),
            &[],
        ),
        None,
    )
    .await;
    assert_eq!(off.status, 303);
    let list = html(
        &send(
            &service,
            get_as(&app, Who::Admin, "/administration/comptes?fait=desactive"),
            None,
        )
        .await,
    );
    assert!(list.contains("Compte désactivé"));
    assert!(list.contains("<td>désactivé</td>"));
    assert!(list.contains(&format!(
        "action=\"/administration/comptes/{id}/reactiver\""
    )));
    // Refused at sign-in, through the API and through the page.
    assert_eq!(
        send(&service, login("un mot de passe assez long"), None)
            .await
            .status,
        401
    );
    let nonce = "0123456789abcdef".to_owned();
    let csrf = app.state.tokens.csrf_token(&nonce);
    let page_sign_in = TestRequest::post()
        .uri("/connexion")
        .cookie(Cookie::new("pilotage_connexion", nonce))
        .set_form([
            ("email", "nouvelle.coord@test.example"),
            ("password", "un mot de passe assez long"),
            ("csrf", csrf.as_str()),
        ]);
    let refused = send(&service, page_sign_in, None).await;
    assert_eq!(refused.status, 401, "no session opened");
    assert!(html(&refused).contains("Adresse électronique ou mot de passe incorrect."));

    let on = send(
        &service,
        post_form(
            &app,
            Who::Admin,
            &format!("/administration/comptes/{id}/reactiver"),
            &[],
        ),
        None,
    )
    .await;
    assert_eq!(on.status, 303);
    assert_eq!(
        send(&service, login("un mot de passe assez long"), None)
            .await
            .status,
        200
    );
    // The last active admin is not deactivated: the page says why, in French.
    let admin_id = users::find_by_email(&mut app.conn(), "admin@test.example")
        .unwrap()
        .unwrap()
        .id;
    let last = send(
        &service,
        post_form(
            &app,
            Who::Admin,
            &format!("/administration/comptes/{admin_id}/desactiver"),
            &[],
        ),
        None,
    )
    .await;
    assert_eq!(last.status, 409);
    assert!(html(&last).contains("le dernier administrateur actif ne peut pas être désactivé"));
    // An unknown or malformed account: 404 pages.
    for uri in [
        "/administration/comptes/99999/desactiver",
        "/administration/comptes/abc/desactiver",
    ] {
        assert_eq!(
            send(&service, post_form(&app, Who::Admin, uri, &[]), None)
                .await
                .status,
            404,
            "{uri}"
        );
    }
}

#[actix_web::test]
async fn a_client_s_key_is_shown_once_works_against_the_api_and_never_appears_again() {
    let app = TestApp::new("2026-12-03T13:30:00Z");
    let service = service!(app);
    let fields = [
        ("client_id", "rectorat-dijon"),
        ("name", "Rectorat de Dijon"),
        ("region_code", "BFC"),
    ];
    let created = send(
        &service,
        post_form(&app, Who::Admin, "/administration/clients-api", &fields),
        None,
    )
    .await;
    assert_eq!(created.status, 201);
    let body = html(&created);
    assert!(
        body.contains("Cette clé ne sera plus jamais affichée."),
        "{body}"
    );
    let start =
        body.find("<code class=\"secret-key\">").unwrap() + "<code class=\"secret-key\">".len();
    let key = body[start..].split('<').next().unwrap().to_owned();
    assert_eq!(key.len(), 48, "{key}");
    // The key works against the API.
    let token = send(
        &service,
        json(
            Method::POST,
            "/api/v1/auth/token",
            &json!({"client_id": "rectorat-dijon", "client_key": key}),
        ),
        None,
    )
    .await;
    assert_eq!(token.status, 200, "{}", token.body);
    let bearer = token.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        send(&service, get("/api/v1/campuses"), Some(&bearer))
            .await
            .status,
        200
    );
    // No page shows it again.
    for uri in PAGES {
        let page = html(&send(&service, get_as(&app, Who::Admin, uri), None).await);
        assert!(!page.contains(&key), "{uri} shows the key");
    }
    let list = html(
        &send(
            &service,
            get_as(&app, Who::Admin, "/administration/clients-api"),
            None,
        )
        .await,
    );
    assert!(list.contains("<th scope=\"row\">rectorat-dijon</th><td>Rectorat de Dijon</td><td>Bourgogne-Franche-Comté</td><td>actif</td>"), "{list}");
    // The same id again, a bad id, no région: refused beside their fields, what was typed kept.
    for (fields, status, id) in [
        (fields.to_vec(), 409, "champ-client_id"),
        (
            vec![
                ("client_id", "Pas Bon"),
                ("name", "X"),
                ("region_code", "BFC"),
            ],
            422,
            "champ-client_id",
        ),
        (
            vec![
                ("client_id", "rectorat-x"),
                ("name", "X"),
                ("region_code", ""),
            ],
            422,
            "champ-region_code",
        ),
        (
            vec![
                ("client_id", "rectorat-y"),
                ("name", " "),
                ("region_code", "ARA"),
            ],
            422,
            "champ-name",
        ),
    ] {
        let reply = send(
            &service,
            post_form(&app, Who::Admin, "/administration/clients-api", &fields),
            None,
        )
        .await;
        assert_eq!(reply.status, status, "{fields:?}");
        let body = html(&reply);
        assert!(
            body.contains(&format!(
                "<div id=\"erreur-{id}\"><p class=\"error-message\">Erreur : "
            )),
            "{body}"
        );
        assert!(body.contains(&format!("value=\"{}\"", fields[0].1)));
        assert!(!body.contains("secret-key"));
    }
    // Deactivated: no more tokens; reactivated: tokens again.
    let off = send(
        &service,
        post_form(
            &app,
            Who::Admin,
            "/administration/clients-api/rectorat-dijon/desactiver",
            &[],
        ),
        None,
    )
    .await;
    assert_eq!(off.status, 303);
    let exchange = || {
        json(
            Method::POST,
            "/api/v1/auth/token",
            &json!({"client_id": "rectorat-dijon", "client_key": key}),
        )
    };
    assert_eq!(send(&service, exchange(), None).await.status, 401);
    assert_eq!(
        send(&service, get("/api/v1/campuses"), Some(&bearer))
            .await
            .status,
        401
    );
    let list = html(
        &send(
            &service,
            get_as(
                &app,
                Who::Admin,
                "/administration/clients-api?fait=desactive",
            ),
            None,
        )
        .await,
    );
    assert!(list.contains("Client désactivé"));
    assert!(list.contains("<td>désactivé</td>"));
    let on = send(
        &service,
        post_form(
            &app,
            Who::Admin,
            "/administration/clients-api/rectorat-dijon/reactiver",
            &[],
        ),
        None,
    )
    .await;
    assert_eq!(on.status, 303);
    assert_eq!(send(&service, exchange(), None).await.status, 200);
    assert_eq!(
        send(
            &service,
            post_form(
                &app,
                Who::Admin,
                "/administration/clients-api/inconnu/desactiver",
                &[]
            ),
            None
        )
        .await
        .status,
        404
    );
}

#[actix_web::test]
async fn jobs_are_named_in_french_and_a_failed_delivery_is_sent_again() {
    let app = TestApp::new("2026-12-03T13:30:00Z");
    let mut conn = app.conn();
    let message = NewMessage {
        dedupe_key: "test:echec".into(),
        channel: Channel::Email,
        recipient: "coord.nevers@test.example".into(),
        webhook_id: None,
        event: "reminder".into(),
        subject: "Rappel : rapport annuel".into(),
        body: "Bonjour".into(),
    };
    let now = at("2026-12-03T13:00:00Z");
    assert!(outbox::enqueue(&mut conn, &message, now).unwrap());
    let claimed = outbox::claim_due(
        &mut conn,
        &[Channel::Email],
        "test",
        now,
        chrono::Duration::minutes(5),
        10,
    )
    .unwrap();
    assert_eq!(claimed.len(), 1);
    let id = claimed[0].id;
    outbox::mark_failed(&mut conn, id, "test", "smtp refused", None).unwrap();
    let service = service!(app);

    let page = html(
        &send(
            &service,
            get_as(&app, Who::Admin, "/administration/taches"),
            None,
        )
        .await,
    );
    for label in [
        "Rappels avant les échéances",
        "Envoi des notifications",
        "Clôture de la saisie des rapports",
    ] {
        assert!(page.contains(label), "{label}");
    }
    // 09:00 in Paris, the next morning (the reminders' default schedule).
    assert!(page.contains("4 décembre 2026 à 9 h 00"), "{page}");
    assert!(page.contains("Jamais exécutée"));
    assert!(page.contains("1 en échec"));
    assert!(page.contains("Rappel : rapport annuel"));
    let retry_uri = format!("/administration/taches/notifications/{id}/relancer");
    assert!(page.contains(&format!("action=\"{retry_uri}\"")));
    assert!(!page.contains("reminders<"), "no job id shown");

    let retried = send(&service, post_form(&app, Who::Admin, &retry_uri, &[]), None).await;
    assert_eq!(retried.status, 303);
    let stored = outbox::get(&mut conn, id).unwrap().unwrap();
    assert_eq!((stored.status.as_str(), stored.attempts), ("pending", 0));
    // Due at once: the delivery job takes it on its next pass.
    let later = at("2026-12-03T13:31:00Z");
    let again = outbox::claim_due(
        &mut conn,
        &[Channel::Email],
        "worker",
        later,
        chrono::Duration::minutes(5),
        10,
    )
    .unwrap();
    assert_eq!(again.iter().map(|m| m.id).collect::<Vec<_>>(), [id]);
    let page = html(
        &send(
            &service,
            get_as(&app, Who::Admin, "/administration/taches?fait=relance"),
            None,
        )
        .await,
    );
    assert!(page.contains("Notification relancée"));
    assert!(page.contains("Aucun envoi en échec."));
    // Not failed any more: a second retry is refused, in French; an unknown one is 404.
    let twice = send(&service, post_form(&app, Who::Admin, &retry_uri, &[]), None).await;
    assert_eq!(twice.status, 409);
    assert!(html(&twice).contains("n'a pas échoué"));
    assert_eq!(
        send(
            &service,
            post_form(
                &app,
                Who::Admin,
                "/administration/taches/notifications/424242/relancer",
                &[]
            ),
            None
        )
        .await
        .status,
        404
    );
}

#[actix_web::test]
async fn the_audit_log_is_searched_by_who_what_and_when_and_bad_dates_are_named() {
    let app = TestApp::new("2026-12-03T13:30:00Z");
    let service = service!(app);
    // Two writes on two days.
    let created = send(
        &service,
        post_form(&app, Who::Admin, "/administration/comptes", &account(&[])),
        None,
    )
    .await;
    assert_eq!(created.status, 303);
    app.clock.set(at("2026-12-05T09:15:00Z"));
    let off = send(
        &service,
        post_form(
            &app,
            Who::Admin,
            "/administration/clients-api/rectorat-ara/desactiver",
            &[],
        ),
        None,
    )
    .await;
    assert_eq!(off.status, 303);
    let search = |query: &str| {
        let uri = format!("/administration/journal?{query}");
        let req = get_as(&app, Who::Admin, &uri);
        let service = &service;
        async move { send(service, req, None).await }
    };
    let all = search("").await;
    assert_eq!(all.status, 200);
    let body = html(&all);
    assert!(body.contains("<td>3 décembre 2026 à 14 h 30</td><td>admin@test.example</td><td>Création</td><td>Compte — nouvelle.coord@test.example</td>"), "{body}");
    assert!(body.contains("<td>5 décembre 2026 à 10 h 15</td><td>admin@test.example</td><td>Désactivation</td><td>Client API — rectorat-ara</td>"));
    assert!(body.contains("<option value=\"deactivated\">Désactivation</option>"));
    // By action.
    let body = html(&search("action=deactivated").await);
    assert!(body.contains("1 entrée trouvée."), "{body}");
    assert!(!body.contains("nouvelle.coord@test.example</td>"));
    assert!(body.contains("<option value=\"deactivated\" selected>"));
    // By day: the 3rd only (Paris days, both ends included).
    let body = html(&search("du=03%2F12%2F2026&au=03%2F12%2F2026").await);
    assert!(body.contains("1 entrée trouvée."), "{body}");
    assert!(body.contains("nouvelle.coord@test.example"));
    assert!(!body.contains("rectorat-ara</td>"));
    // By who: nobody else wrote.
    let body = html(&search("qui=analyste").await);
    assert!(body.contains("Aucune entrée ne correspond à cette recherche."));
    let body = html(&search("qui=ADMIN%40test").await);
    assert!(body.contains("2 entrées trouvées"), "{body}");
    // Bad dates: named beside their field, what was typed kept, never a 500.
    for (query, id, message, kept) in [
        (
            "du=31%2F02%2F2026",
            "champ-du",
            "le 31/02/2026 n'existe pas dans le calendrier",
            "31/02/2026",
        ),
        (
            "du=demain",
            "champ-du",
            "« demain » n'est pas une date",
            "demain",
        ),
        (
            "du=10%2F03%2F2026&au=09%2F03%2F2026",
            "champ-au",
            "la date de fin précède la date de début",
            "09/03/2026",
        ),
        (
            "au=99%2F99%2F99999",
            "champ-au",
            "n'est pas une date",
            "99/99/99999",
        ),
    ] {
        let reply = search(query).await;
        assert_eq!(reply.status, 422, "{query}");
        let body = html(&reply);
        assert!(body.contains(message), "{query}: {body}");
        assert!(
            body.contains(&format!(
                "<div id=\"erreur-{id}\"><p class=\"error-message\">Erreur : "
            )),
            "{body}"
        );
        assert!(body.contains(&format!("href=\"#{id}\"")));
        assert!(body.contains(&format!("value=\"{kept}\"")));
        assert!(
            !body.contains("<h2 id=\"resultats\">"),
            "no results for a bad search"
        );
    }
}

#[actix_web::test]
async fn a_long_log_shows_its_latest_entries_and_says_so() {
    let app = TestApp::new("2026-12-03T13:30:00Z");
    let mut conn = app.conn();
    for n in 0..105 {
        pilotage_store::audit::record_write(
            &mut conn,
            "admin@test.example",
            at("2026-12-01T10:00:00Z") + chrono::Duration::minutes(n),
            "created",
            pilotage_store::audit::Written::ApiClient(&format!("client-{n}")),
        )
        .unwrap();
    }
    let service = service!(app);
    let body = html(
        &send(
            &service,
            get_as(&app, Who::Admin, "/administration/journal?action=created"),
            None,
        )
        .await,
    );
    assert!(
        body.contains("Les 100 entrées les plus récentes sur 105 sont affichées"),
        "{body}"
    );
    assert!(body.contains("Client API — client-104"));
    assert!(!body.contains("Client API — client-4<"));
    assert_eq!(body.matches("<td>Création</td>").count(), 100);
}
