//! `GET /donnees-personnelles`: the personal-data page (RGPD) — what the service actually stores (the tables of
//! `migrations/`, the request log of `pilotage serve`, the login limiter), why, for how long (only sessions and
//! failed sign-ins are cleared by the code today: nothing else has a retention job), who receives it, the rights
//! and how to exercise them, and the complaint to the CNIL.

use super::legal::{contact, legal_page, PUBLISHER};
use super::session::Session;
use actix_web::{get, web, HttpResponse};
use maud::{html, Markup};
use pilotage_app::state::AppState;

/// What stays as long as the service runs: the code has no retention job for it.
const KEPT: &str =
    "tant que le service est exploité : aucune suppression automatique n'est programmée.";

fn kept(how_long: &str) -> Markup {
    html! { p { strong { "Durée de conservation : " } (how_long) } }
}

#[get("/donnees-personnelles")]
pub async fn personal_data(state: web::Data<AppState>, session: Option<Session>) -> HttpResponse {
    let content = html! {
        p {
            "Cette page dit quelles données personnelles le service « Pilotage Campus connecté » enregistre, "
            "pourquoi, pour combien de temps, qui les reçoit et comment exercer vos droits, en application du "
            "règlement général sur la protection des données (RGPD) et de la loi Informatique et Libertés."
        }

        h2 { "Responsable du traitement" }
        p {
            "Le responsable du traitement est l'éditeur du service, " (PUBLISHER) " (voir les "
            a href="/mentions-legales" { "mentions légales" } "). Pour lui écrire, y compris à son délégué à la "
            "protection des données : " (contact(&state)) "."
        }

        h2 { "Pourquoi ces données sont traitées" }
        p {
            "Pour recueillir et examiner les rapports annuels et les enquêtes flash des campus, suivre leurs "
            "échéances, publier les statistiques du réseau au ministère et aux rectorats, et sécuriser le service "
            "(connexion, traçabilité des modifications)."
        }
        p {
            "Base légale : l'exécution d'une mission d'intérêt public confiée par le ministère à l'opérateur "
            "(article 6, paragraphe 1, point e, du RGPD)."
        }

        h2 { "Les données enregistrées et leur durée de conservation" }
        p {
            "À ce jour, le service n'efface de lui-même que les données de session et de connexion. Les durées de "
            "conservation des autres données seront fixées par le responsable du traitement et publiées sur cette page."
        }
        h3 { "Votre compte" }
        p {
            "Votre adresse électronique, le nom affiché, votre rôle (coordonnateur, analyste, ministère, "
            "administrateur, système régional), le campus ou la région académique auxquels vous êtes rattaché, une empreinte de votre "
            "mot de passe (le mot de passe lui-même n'est jamais enregistré), l'état actif ou désactivé du compte et "
            "les dates de sa création, de sa dernière modification et de sa dernière désactivation."
        }
        (kept("tant que le service est exploité : un compte désactivé n'est pas effacé, il ne permet plus de se connecter."))
        h3 { "Les rapports et enquêtes des campus" }
        p {
            "Les chiffres de la grille d'indicateurs (des effectifs par catégorie : le service n'enregistre aucune "
            "donnée sur un étudiant en particulier), les textes du rapport (réalisations, commentaire financier, "
            "explications des écarts), les commentaires d'examen de l'opérateur, l'enquête flash (effectifs "
            "prévisionnels et résultats) et le dossier de poursuite. L'enquête menée auprès des étudiants n'y figure "
            "que par deux nombres (les répondants, et ceux qui n'auraient pas fait d'études sans le campus) : aucune "
            "réponse individuelle n'est enregistrée. Ces textes ne doivent nommer aucun étudiant."
        }
        (kept(KEPT))
        h3 { "Le journal des modifications" }
        p {
            "Pour chaque modification (rapport, enquête, cible, échéance, dérogation, campus, compte, accès des "
            "systèmes régionaux, abonnement aux notifications) et chaque déconnexion : l'adresse électronique de son "
            "auteur, la date et l'heure, le champ modifié avec son ancienne et sa nouvelle valeur, et le commentaire "
            "éventuel. Les cibles, échéances, dérogations et dossiers de poursuite gardent aussi l'adresse de la "
            "dernière personne qui les a modifiés."
        }
        (kept(KEPT))
        h3 { "Les courriels envoyés" }
        p {
            "Les courriels du service (rappels avant une échéance, rapport transmis, renvoyé pour correction ou "
            "accepté…) restent dans sa file d'envoi : adresse du destinataire, objet, texte, état de l'envoi, nombre "
            "de tentatives et dernière erreur."
        }
        (kept(KEPT))
        h3 { "La session" }
        p {
            "Après la connexion, un jeton signé indiquant votre adresse électronique, votre rôle et votre périmètre "
            "est gardé dans le cookie de session, et nulle part ailleurs. À la déconnexion, son identifiant et sa "
            "date d'expiration sont enregistrés, pour qu'il soit refusé jusqu'à cette date (voir les cookies dans "
            "les " a href="/mentions-legales" { "mentions légales" } ")."
        }
        (kept("8 heures pour le jeton ; l'enregistrement d'une déconnexion est effacé lors d'une déconnexion ultérieure, une fois le jeton expiré."))
        h3 { "Les tentatives de connexion" }
        p {
            "Après un mot de passe erroné, l'adresse électronique saisie et l'adresse IP de l'appareil sont gardées "
            "en mémoire, jamais sur disque, pour limiter les essais (5 échecs en 15 minutes)."
        }
        (kept("elles cessent de compter au bout de 15 minutes et disparaissent au redémarrage du service."))
        h3 { "Les journaux techniques" }
        p {
            "Pour chaque requête, le serveur écrit dans son journal l'adresse IP de l'appareil, la méthode et "
            "l'adresse demandée (sans ses paramètres), le code de la réponse, sa taille et sa durée."
        }
        (kept("celle que l'opérateur applique aux journaux de ses serveurs ; le service lui-même ne les garde pas."))
        h3 { "Les copies" }
        p {
            "Les copies quotidiennes des statistiques et des tableaux de bord ne contiennent aucune donnée "
            "personnelle. Les sauvegardes de la base que fait l'opérateur contiennent une copie de toutes les "
            "données ci-dessus."
        }
        (kept("celle que l'opérateur fixe pour ses sauvegardes."))

        h2 { "Qui reçoit ces données" }
        ul {
            li {
                "Les coordonnateurs d'un campus : les rapports, les enquêtes et l'historique de leur campus, avec "
                "l'adresse des personnes qui les ont modifiés."
            }
            li {
                "Les analystes de l'opérateur, le ministère (MESRE) et les administrateurs du service : l'ensemble, "
                "pour leur mission."
            }
            li {
                "Les systèmes régionaux (rectorats, régions académiques) : le statut et les dates des rapports de "
                "leur région et des statistiques sous secret statistique ; jamais le contenu des rapports, leur "
                "historique ni une adresse électronique."
            }
            li { "Le serveur de messagerie de l'opérateur, pour envoyer les courriels." }
        }
        p {
            "Aucune donnée n'est vendue ni cédée. Les pages ne font appel à aucun service d'un autre site (pas de "
            "mesure d'audience)."
        }

        h2 { "Vos droits" }
        p {
            "Vous pouvez accéder aux données qui vous concernent, les faire rectifier, vous opposer à leur "
            "traitement ou en demander la limitation (articles 15, 16, 18 et 21 du RGPD). Le traitement reposant "
            "sur une mission d'intérêt public, le droit à l'effacement peut être limité (article 17, paragraphe 3)."
        }
        p {
            "Pour exercer ces droits, écrivez à " (contact(&state)) " en indiquant le compte concerné. La réponse "
            "vous est donnée dans un délai d'un mois (article 12 du RGPD). En cas de doute raisonnable sur votre "
            "identité, une pièce justificative peut vous être demandée."
        }

        h2 { "Réclamation auprès de la CNIL" }
        p {
            "Si, après nous avoir écrit, vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une "
            "réclamation à la Commission nationale de l'informatique et des libertés (CNIL) : "
            a href="https://www.cnil.fr/fr/plaintes" { "en ligne sur le site de la CNIL" } ", ou par courrier :"
        }
        address { "CNIL" br; "3 place de Fontenoy" br; "TSA 80715" br; "75334 Paris CEDEX 07" }
    };
    legal_page(
        "/donnees-personnelles",
        "Données personnelles",
        session.as_ref(),
        content,
    )
}
