//! The administration in a real browser: an admin creates an account (refused first, what was typed kept), sees a
//! new API client's key once, and searches the audit log (a bad date named beside its field). Every state is
//! checked with axe-core; the pages at 320 px do not scroll sideways.

use super::*;
use crate::common::TestApp;
use pilotage_store::{outbox, users};

#[actix_web::test]
async fn an_admin_creates_an_account_and_a_client_and_searches_the_journal_in_a_browser() {
    let driver = start_driver();
    let app = TestApp::new("2026-12-03T13:30:00Z");
    let (base, server) = start_server(&app);
    let client = browser(&driver).await;
    sign_in(&client, &base, "admin@test.example").await;
    client
        .goto(&format!("{base}/administration"))
        .await
        .unwrap();
    look(&client, "80-administration").await;

    // An account: a coordinator without a campus is refused, what was typed kept; then created.
    client
        .goto(&format!("{base}/administration/comptes"))
        .await
        .unwrap();
    look(&client, "81-comptes").await;
    fill(&client, "champ-email", "nouvelle.coord@test.example").await;
    fill(&client, "champ-display_name", "Nouvelle Coordinatrice").await;
    choose(&client, "champ-role", "Coordination de campus").await;
    fill(&client, "champ-password", "un mot de passe assez long").await;
    submit_with(&client, "Créer le compte").await;
    assert!(text(&client, "#erreur-champ-campus_ids")
        .await
        .contains("un compte de coordination nomme au moins un campus"));
    assert_eq!(
        value_of(&client, "champ-email").await,
        "nouvelle.coord@test.example"
    );
    assert_eq!(value_of(&client, "champ-role").await, "coordinator");
    look(&client, "82-compte-refuse").await;
    choose(&client, "champ-campus_ids", "Campus connecté d'autun").await;
    fill(&client, "champ-password", "un mot de passe assez long").await;
    submit_with(&client, "Créer le compte").await;
    assert!(text(&client, ".notice-success")
        .await
        .contains("Compte créé."));
    let created = users::find_by_email(&mut app.conn(), "nouvelle.coord@test.example")
        .unwrap()
        .unwrap();
    assert_eq!(created.campus_ids[0].as_str(), "autun");
    look(&client, "83-compte-cree").await;

    // An API client: its key on the answer page, once.
    client
        .goto(&format!("{base}/administration/clients-api"))
        .await
        .unwrap();
    look(&client, "84-clients-api").await;
    fill(&client, "champ-client_id", "rectorat-dijon").await;
    fill(&client, "champ-name", "Rectorat de Dijon").await;
    choose(&client, "champ-region_code", "Bourgogne-Franche-Comté").await;
    submit_with(&client, "Créer le client et sa clé").await;
    let key = text(&client, "code.secret-key").await;
    assert_eq!(key.len(), 48, "{key}");
    assert!(text(&client, ".notice-error")
        .await
        .contains("Cette clé ne sera plus jamais affichée."));
    look(&client, "85-cle-client-api").await;
    client
        .goto(&format!("{base}/administration/clients-api"))
        .await
        .unwrap();
    assert!(!client.source().await.unwrap().contains(&key));

    // The jobs and the outbox, with a delivery given up.
    let mut conn = app.conn();
    let message = outbox::NewMessage {
        dedupe_key: "test:echec".into(),
        channel: outbox::Channel::Email,
        recipient: "coord.nevers@test.example".into(),
        webhook_id: None,
        event: "reminder".into(),
        subject: "Rappel : rapport annuel 2025-2026 à transmettre".into(),
        body: "Bonjour".into(),
    };
    let now = app.state.now();
    outbox::enqueue(&mut conn, &message, now).unwrap();
    let claimed = outbox::claim_due(
        &mut conn,
        &[outbox::Channel::Email],
        "test",
        now,
        chrono::Duration::minutes(5),
        1,
    )
    .unwrap();
    outbox::mark_failed(
        &mut conn,
        claimed[0].id,
        "test",
        "550 mailbox unavailable",
        None,
    )
    .unwrap();
    client
        .goto(&format!("{base}/administration/taches"))
        .await
        .unwrap();
    look(&client, "86-taches").await;
    submit_with(&client, "Relancer").await;
    assert!(text(&client, ".notice-success")
        .await
        .contains("Notification relancée"));
    assert_eq!(
        outbox::get(&mut conn, claimed[0].id)
            .unwrap()
            .unwrap()
            .status,
        "pending"
    );

    // The journal: a bad date named beside its field, then a search by action.
    client
        .goto(&format!("{base}/administration/journal"))
        .await
        .unwrap();
    fill(&client, "champ-du", "31/02/2026").await;
    submit_with(&client, "Rechercher").await;
    assert!(text(&client, "#erreur-champ-du")
        .await
        .contains("le 31/02/2026 n'existe pas dans le calendrier"));
    assert_eq!(value_of(&client, "champ-du").await, "31/02/2026");
    look(&client, "87-journal-date-refusee").await;
    fill(&client, "champ-du", "03/12/2026").await;
    choose(&client, "champ-action", "Création").await;
    submit_with(&client, "Rechercher").await;
    let results = text(&client, "#resultats + p").await;
    assert_eq!(results, "2 entrées trouvées, les plus récentes d'abord.");
    let table = text(&client, "table").await;
    assert!(
        table.contains("Compte — nouvelle.coord@test.example"),
        "{table}"
    );
    assert!(table.contains("Client API — rectorat-dijon"), "{table}");
    look(&client, "88-journal").await;

    // A phone: nothing scrolls sideways, tables scroll in their own box.
    let narrow = browser_sized(&driver, 320, 800).await;
    sign_in(&narrow, &base, "admin@test.example").await;
    for (uri, name) in [
        ("/administration", "89-administration-320px"),
        ("/administration/comptes", "90-comptes-320px"),
        ("/administration/clients-api", "91-clients-api-320px"),
        ("/administration/taches", "92-taches-320px"),
        ("/administration/journal?action=created", "93-journal-320px"),
    ] {
        narrow.goto(&format!("{base}{uri}")).await.unwrap();
        look(&narrow, name).await;
        assert_no_sideways_scroll(&narrow, name).await;
    }
    narrow.close().await.unwrap();
    client.close().await.unwrap();
    server.stop(true).await;
}
