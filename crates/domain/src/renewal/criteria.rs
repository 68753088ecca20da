//! The specification's two renewal grids ("Les principaux critères d'éligibilité"), one line per criterion, with the
//! rule a measurable criterion is judged by.

use serde::Serialize;

/// Whose grid a criterion belongs to.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grid {
    /// Critères d'éligibilité pour la collectivité territoriale porteuse du dispositif.
    LocalAuthority,
    /// Critères d'éligibilité pour l'établissement d'enseignement supérieur de proximité.
    Establishment,
}

impl Grid {
    pub fn label(self) -> &'static str {
        match self {
            Self::LocalAuthority => "Collectivité territoriale porteuse",
            Self::Establishment => "Établissement d'enseignement supérieur de proximité",
        }
    }
}

/// What the annual reports can say about a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Figures from the reports, judged against a threshold of the specification.
    Judged,
    /// Figures from the reports, shown without a threshold (the specification sets none).
    Figures,
    /// Nothing the reports hold: the campus's own text.
    Text,
}

/// One line of a renewal grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RenewalCriterion {
    /// Stable code, used by the API to write the campus's text.
    pub code: &'static str,
    pub grid: Grid,
    /// The specification's wording.
    pub label: &'static str,
    pub basis: Basis,
    /// For judged criteria: the rule, in French.
    pub rule: Option<&'static str>,
}

const fn line(
    code: &'static str,
    grid: Grid,
    label: &'static str,
    basis: Basis,
    rule: Option<&'static str>,
) -> RenewalCriterion {
    RenewalCriterion {
        code,
        grid,
        label,
        basis,
        rule,
    }
}

use Basis::{Figures, Judged, Text};
use Grid::{Establishment, LocalAuthority};

/// Both grids, in the specification's order.
pub const RENEWAL_CRITERIA: &[RenewalCriterion] = &[
    line("cofinancing", LocalAuthority, "Part de cofinancement de la collectivité territoriale et des partenaires locaux ou régionaux (au moins 50 %)", Judged, Some("au moins 50 % des recettes hors État sur la période")),
    line("students_hosted", LocalAuthority, "Effectifs des étudiants accueillis par an (progression + moyenne)", Judged, Some("au moins 15 étudiants par an en moyenne sur la période")),
    line("programmes", LocalAuthority, "Parcours de formation (effectifs des formations LMD, DAEU + BTS + autres formations publiques)", Judged, Some("au moins 70 % d'étudiants en formations publiques sur la période")),
    line("local_authority_involvement", LocalAuthority, "Modalités d'implication de la CT", Text, None),
    line("communication", LocalAuthority, "Actions de communication", Figures, None),
    line("socio_economic_relations", LocalAuthority, "Relations avec les acteurs socio-économiques", Text, None),
    line("partnerships", LocalAuthority, "Existence de partenariats", Text, None),
    line("establishment_relations", LocalAuthority, "Relations avec l'établissement de proximité / le rectorat", Text, None),
    line("success_rate", LocalAuthority, "Taux de réussite (obtention du diplôme et passage dans l'année supérieure)", Figures, None),
    line("student_profile", LocalAuthority, "Profil des étudiants accueillis (répartition)", Figures, None),
    line("governance", LocalAuthority, "Gouvernance du projet (nombre de COPIL)", Judged, Some("au moins un COPIL chaque année renseignée")),
    line("workshops", LocalAuthority, "Ateliers dispensés aux étudiants (nombre annuel et thèmes)", Figures, None),
    line("individual_interviews", LocalAuthority, "Entretiens individuels (nombre annuel et modalités)", Figures, None),
    line("exams_in_situ", LocalAuthority, "Examens organisés in situ (nombre et modalités)", Figures, None),
    line("location", LocalAuthority, "Localisation (et financement du local)", Text, None),
    line("space_layout", LocalAuthority, "Aménagement de l'espace", Text, None),
    line("student_life", LocalAuthority, "Actions de vie étudiante", Figures, None),
    line("documentary_resources", LocalAuthority, "Accès aux ressources documentaires", Text, None),
    line("establishment_funding_use", Establishment, "Précisions quant à l'usage du financement", Figures, None),
    line("establishment_copil", Establishment, "Participation aux COPIL du projet", Text, None),
    line("establishment_territorial_policy", Establishment, "Politique d'animation territoriale et existence de relations avec la collectivité territoriale", Text, None),
    line("establishment_student_life", Establishment, "Actions de vie étudiante", Text, None),
    line("establishment_documentary_access", Establishment, "Accès des étudiants aux ressources documentaires de l'établissement", Text, None),
    line("establishment_hosted_status", Establishment, "Inscription sous statut hébergé pour les étudiants inscrits en Campus connecté", Text, None),
    line("establishment_communication", Establishment, "Actions de communication par l'établissement sur le dispositif", Text, None),
    line("establishment_tutor_support", Establishment, "Accompagnement des tuteurs", Text, None),
    line("establishment_workshops", Establishment, "Animation d'ateliers", Text, None),
];

/// The criterion with this code.
pub fn renewal_criterion(code: &str) -> Option<&'static RenewalCriterion> {
    RENEWAL_CRITERIA.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grids_list_the_specifications_eighteen_and_nine_criteria_once() {
        let count = |g| RENEWAL_CRITERIA.iter().filter(|c| c.grid == g).count();
        assert_eq!((count(LocalAuthority), count(Establishment)), (18, 9));
        let mut codes: Vec<_> = RENEWAL_CRITERIA.iter().map(|c| c.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), RENEWAL_CRITERIA.len());
        for c in RENEWAL_CRITERIA {
            assert_eq!(c.rule.is_some(), c.basis == Judged, "{}", c.code);
        }
    }
}
