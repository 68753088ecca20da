//! `GET /mentions-legales`: the legal notice — who publishes the service and who directs the publication (by
//! role: no name is invented), who hosts it, the licences of what it shows, the State's brand and design system, and
//! the only cookies it sets (both strictly necessary).

use super::legal::{contact, legal_page, PUBLISHER};
use super::session::Session;
use actix_web::{get, web, HttpResponse};
use maud::html;
use pilotage_app::state::AppState;

#[get("/mentions-legales")]
pub async fn legal_notice(state: web::Data<AppState>, session: Option<Session>) -> HttpResponse {
    let content = html! {
        h2 { "Éditeur" }
        p {
            "Le service « Pilotage Campus connecté » est édité par " (PUBLISHER) ". Il recueille les rapports "
            "annuels et les indicateurs des campus, comme le prévoit le cahier des charges du dispositif (MESRE, "
            "octobre 2025), et en publie les statistiques au ministère et aux rectorats."
        }
        p { "Contact : " (contact(&state)) "." }

        h2 { "Directeur de la publication" }
        p { "Le représentant légal de l'opérateur." }

        h2 { "Hébergement" }
        p {
            "Le service est hébergé par l'opérateur, sous sa responsabilité. Pour toute question sur l'hébergement, "
            "écrivez à l'adresse de contact ci-dessus."
        }

        h2 { "Accessibilité" }
        p {
            "Accessibilité : non conforme. Aucun audit de conformité au RGAA n'a encore été réalisé ; ce qui est "
            "vérifié et ce qui ne l'est pas est dit dans la "
            a href="/accessibilite" { "déclaration d'accessibilité" } "."
        }

        h2 { "Licences" }
        ul {
            li {
                "Sauf mention contraire, les textes d'information de ce service sont publiés sous la "
                a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/" { "Licence Ouverte 2.0 (Etalab)" }
                "."
            }
            li {
                "Les rapports annuels déposés par les campus ne sont pas publics : le porteur de projet cède au MESRE "
                "le droit de les reproduire, représenter, adapter et diffuser (cahier des charges du dispositif)."
            }
            li {
                "Les statistiques diffusées aux rectorats et en données ouvertes respectent le secret statistique : "
                "aucun effectif de 1 à 4 étudiants ne s'en déduit."
            }
            li { "Le logiciel Pilotage est distribué sous la licence publique de l'Union européenne (EUPL) 1.2." }
        }

        h2 { "Marque de l'État et système de design" }
        p {
            "La marque de l'État (le bloc-marque « République française », la Marianne et la devise) et le système "
            "de design de l'État (DSFR) sont utilisés par l'opérateur pour la mission que lui confie le ministère ; "
            "leur usage est réservé aux sites de l'État et des organismes qu'il mandate. Le code du DSFR est publié "
            "sous Licence Ouverte / Etalab 2.0 et son usage est encadré par ses modalités d'utilisation ; la police "
            "Marianne et les éléments de la marque de l'État sont réservés aux sites de l'État et ne peuvent pas "
            "être réutilisés hors de ce cadre."
        }

        h2 { "Cookies" }
        p {
            "Ce service ne dépose que deux cookies, strictement nécessaires à son fonctionnement et donc dispensés "
            "de consentement :"
        }
        ul {
            li {
                code { "pilotage_session" } " : votre session, après la connexion ; il disparaît à la déconnexion "
                "et expire au bout de 8 heures."
            }
            li {
                code { "pilotage_connexion" } " : protège le formulaire de connexion contre un envoi forgé depuis un "
                "autre site ; il n'est envoyé qu'à la page de connexion et expire au bout d'une heure."
            }
        }
        p {
            "Aucun cookie de mesure d'audience, de publicité ou de réseau social. Les pages ne chargent aucune "
            "ressource d'un autre site."
        }

        h2 { "Données personnelles" }
        p {
            "Ce que le service enregistre, pourquoi, pour combien de temps et comment exercer vos droits : voir la "
            "page " a href="/donnees-personnelles" { "Données personnelles" } "."
        }
    };
    legal_page(
        "/mentions-legales",
        "Mentions légales",
        session.as_ref(),
        content,
    )
}
