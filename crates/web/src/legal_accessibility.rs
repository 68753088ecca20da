//! `GET /accessibilite`: the accessibility statement (déclaration d'accessibilité) the RGAA requires, in the order
//! of its model. The state of conformity is the one the RGAA prescribes without an audit (« non conforme »): what
//! the browser tests check on every change is said, and no conformity rate is given.

use super::legal::{contact, legal_page, PUBLISHER};
use super::session::Session;
use actix_web::{get, web, HttpResponse};
use maud::html;
use pilotage_app::state::AppState;

/// The date this statement was written (to change with it).
pub const STATEMENT_DATE: &str = "3 décembre 2026";

/// The axe-core version the browser tests inject (`crates/api/tests/browser-tools/package.json`).
const AXE_VERSION: &str = "4.11.0";

#[get("/accessibilite")]
pub async fn accessibility(state: web::Data<AppState>, session: Option<Session>) -> HttpResponse {
    let content = html! {
        p {
            "Le service « Pilotage Campus connecté » est édité par " (PUBLISHER) ". L'opérateur s'engage à rendre ce "
            "service accessible, conformément à l'article 47 de la loi n°\u{a0}2005-102 du 11 février 2005."
        }
        p {
            "Cette déclaration d'accessibilité s'applique au service « Pilotage Campus connecté », publié à l'adresse "
            (state.mail.public_url.as_str()) "."
        }
        p {
            "Le schéma pluriannuel de mise en accessibilité de l'opérateur et son plan d'action de l'année ne sont pas "
            "encore joints à cette déclaration ; ils le seront dès leur publication."
        }

        h2 { "État de conformité" }
        p {
            "Le service « Pilotage Campus connecté » est " strong { "non conforme" } " avec le référentiel général "
            "d'amélioration de l'accessibilité (RGAA), version 4.1 : aucun audit de conformité n'a encore été réalisé."
        }
        p {
            "Le RGAA demande de déclarer « non conforme » un service dont aucun audit en cours de validité ne mesure "
            "le respect des critères. C'est le cas ici, bien que les vérifications décrites ci-dessous soient faites "
            "à chaque modification du service. Aucun taux de conformité n'est donc annoncé."
        }

        h2 { "Résultats des tests" }
        p {
            "Sans audit, il n'y a pas de résultat d'audit à publier. Voici ce que les tests du service vérifient "
            "automatiquement, dans un navigateur, à chaque modification :"
        }
        ul {
            li {
                "chaque état de page que visitent les tests est analysé par axe-core, un moteur de tests "
                "d'accessibilité : aucune violation n'est admise ;"
            }
            li {
                "ces pages s'affichent sur un écran de 320\u{a0}px de large sans défilement horizontal (critère 10.11) ;"
            }
            li {
                "les formulaires principaux se parcourent au clavier seul, avec la touche Tab, sans que l'élément qui "
                "a le focus soit caché par une barre fixe ;"
            }
            li { "chaque page fonctionne sans JavaScript." }
        }
        p {
            "Ces vérifications automatiques ne couvrent qu'une partie des critères du RGAA : elles ne remplacent pas "
            "un audit."
        }

        h2 { "Contenus non accessibles" }
        h3 { "Non-conformités connues" }
        ul {
            li {
                "Les graphiques des tableaux de bord sont des images dont l'alternative textuelle ne reprend que le "
                "titre ; le tableau des données qui leur correspond n'est pas encore proposé partout (critère 1.6)."
            }
            li {
                "La restitution des pages par les lecteurs d'écran (NVDA, JAWS, VoiceOver) n'a pas été vérifiée."
            }
            li {
                "Les fichiers à télécharger (modèle de grille et exports au format tableur, fichiers CSV) n'ont pas "
                "été vérifiés."
            }
        }
        h3 { "Dérogations pour charge disproportionnée" }
        p { "Aucune." }
        h3 { "Contenus non soumis à l'obligation d'accessibilité" }
        p { "Aucun." }

        h2 { "Établissement de cette déclaration d'accessibilité" }
        p { "Cette déclaration a été établie le " (STATEMENT_DATE) "." }
        h3 { "Technologies utilisées pour la réalisation du service" }
        ul {
            li { "HTML" }
            li { "CSS" }
            li { "JavaScript, facultatif : chaque page fonctionne sans." }
        }
        h3 { "Environnement de test" }
        p {
            "Les tests automatiques utilisent le navigateur Chromium sans interface, piloté par WebDriver, dans une "
            "fenêtre de 1\u{a0}280\u{a0}px de large et dans un écran de téléphone simulé de 320\u{a0}px de large. Aucune "
            "vérification de restitution avec un lecteur d'écran n'a encore été faite."
        }
        h3 { "Outils pour évaluer l'accessibilité" }
        ul {
            li { "axe-core, version " (AXE_VERSION) ", sur chaque état de page visité par les tests ;" }
            li {
                "les vérifications propres au service : largeur de 320\u{a0}px sans défilement horizontal, parcours au "
                "clavier avec la touche Tab, focus jamais masqué."
            }
        }
        h3 { "Pages du service ayant fait l'objet de la vérification" }
        ul {
            li { "Connexion" }
            li { "Page d'un campus" }
            li { "Rapport annuel : saisie, erreurs, aperçu des indicateurs, transmission et examen" }
            li { "Enquête flash" }
            li { "Suivi du réseau et tableau du réseau" }
            li { "Cibles et échéances" }
            li { "Dossier de poursuite" }
            li { "Déclaration d'accessibilité, mentions légales et données personnelles" }
            li { "Page d'erreur « Page introuvable »" }
        }

        h2 { "Retour d'information et contact" }
        p {
            "Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le responsable du "
            "service pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme : "
            "écrivez à " (contact(&state)) "."
        }

        h2 { "Voies de recours" }
        p {
            "Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du service un "
            "défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à l'une de ses fonctionnalités, et "
            "vous n'avez pas obtenu de réponse satisfaisante."
        }
        p { "Vous pouvez :" }
        ul {
            li {
                "écrire un message au "
                a href="https://formulaire.defenseurdesdroits.fr/" { "Défenseur des droits (formulaire en ligne)" }
                " ;"
            }
            li {
                "contacter "
                a href="https://www.defenseurdesdroits.fr/saisir/delegues" {
                    "le délégué du Défenseur des droits dans votre région"
                }
                " ;"
            }
            li {
                "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) :"
                address { "Défenseur des droits" br; "Libre réponse 71120" br; "75342 Paris CEDEX 07" }
            }
        }
    };
    legal_page(
        "/accessibilite",
        "Déclaration d'accessibilité",
        session.as_ref(),
        content,
    )
}
