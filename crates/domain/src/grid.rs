//! The indicator grid (grille d'indicateurs) of an annual report: every field, its kind, section and French label,
//! declared once; the struct, the field table and access by name are generated from that one declaration.

use serde::{Deserialize, Serialize};

/// What a grid field holds.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A head count or a number of events: an integer ≥ 0.
    Count,
    /// Euros, stored exactly as integer cents.
    Money,
    /// A decimal quantity (full-time equivalents, hours).
    Decimal,
    /// A list of short texts.
    Texts,
}

/// The sections of the grid, in the order of the form.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Enrolment,
    Outcomes,
    Support,
    Finances,
}

impl Section {
    pub fn label(self) -> &'static str {
        match self {
            Self::Enrolment => "Effectifs",
            Self::Outcomes => "Résultats",
            Self::Support => "Accompagnement",
            Self::Finances => "Finances",
        }
    }
}

/// One field of the grid as the table declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldSpec {
    pub name: &'static str,
    pub kind: FieldKind,
    pub section: Section,
    pub label: &'static str,
    pub help: &'static str,
}

/// The value of one field, typed by its kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    Count(i64),
    Money(i64),
    Decimal(f64),
    Texts(Vec<String>),
}

impl FieldValue {
    /// The value as a number in the unit shown to people (money in euros); `None` for texts.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Self::Count(v) => Some(*v as f64),
            Self::Money(cents) => Some(*cents as f64 / 100.0),
            Self::Decimal(v) => Some(*v),
            Self::Texts(_) => None,
        }
    }

    pub fn kind(&self) -> FieldKind {
        match self {
            Self::Count(_) => FieldKind::Count,
            Self::Money(_) => FieldKind::Money,
            Self::Decimal(_) => FieldKind::Decimal,
            Self::Texts(_) => FieldKind::Texts,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    #[error("{0} : champ inconnu de la grille d'indicateurs")]
    UnknownField(String),
    #[error("{field} : type de valeur inattendu ({expected:?} attendu)")]
    WrongKind { field: String, expected: FieldKind },
}

macro_rules! indicator_grid {
    ($( $section:ident { $( $name:ident : $kind:ident ($ty:ty) => $label:literal, $help:literal; )* } )*) => {
        /// The figures of one campus for one academic year. Every field may be missing in a draft.
        /// Money fields are integer cents.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(deny_unknown_fields)]
        pub struct IndicatorGrid {
            $($( #[serde(default)] pub $name: Option<$ty>, )*)*
        }

        /// Every field of the grid, in the order of the form.
        pub const GRID_FIELDS: &[FieldSpec] = &[
            $($( FieldSpec { name: stringify!($name), kind: FieldKind::$kind, section: Section::$section, label: $label, help: $help }, )*)*
        ];

        impl IndicatorGrid {
            /// The value of the field called `name`, if the field exists and is filled in.
            pub fn get(&self, name: &str) -> Option<FieldValue> {
                match name {
                    $($( stringify!($name) => self.$name.clone().map(FieldValue::$kind), )*)*
                    _ => None,
                }
            }

            /// Sets (or clears, with `None`) the field called `name`.
            pub fn set(&mut self, name: &str, value: Option<FieldValue>) -> Result<(), GridError> {
                match name {
                    $($( stringify!($name) => {
                        self.$name = match value {
                            None => None,
                            Some(FieldValue::$kind(v)) => Some(v),
                            Some(_) => return Err(GridError::WrongKind { field: name.to_owned(), expected: FieldKind::$kind }),
                        };
                        Ok(())
                    } )*)*
                    _ => Err(GridError::UnknownField(name.to_owned())),
                }
            }
        }
    };
}

indicator_grid! {
    Enrolment {
        students_enrolled: Count(i64) => "Étudiants accueillis", "Nombre d'étudiants accueillis au cours de l'année universitaire";
        students_new: Count(i64) => "Dont nouveaux étudiants", "Étudiants accueillis pour la première fois cette année";
        prog_licence: Count(i64) => "Premier cycle (licence, BUT, licence pro)", "Étudiants inscrits en premier cycle";
        prog_master: Count(i64) => "Deuxième cycle (master)", "Étudiants inscrits en master";
        prog_doctorate: Count(i64) => "Troisième cycle (doctorat)", "Étudiants inscrits en doctorat";
        prog_daeu: Count(i64) => "DAEU", "Diplôme d'accès aux études universitaires";
        prog_bts: Count(i64) => "BTS", "Brevet de technicien supérieur";
        prog_other_public: Count(i64) => "Autres formations publiques", "DU, formation continue et autres formations d'établissements publics";
        prog_private: Count(i64) => "Établissements privés", "Formations d'établissements privés";
        women: Count(i64) => "Femmes", "Répartition par sexe";
        men: Count(i64) => "Hommes", "Répartition par sexe";
        sex_unreported: Count(i64) => "Sexe non renseigné", "Répartition par sexe";
        age_under_21: Count(i64) => "Moins de 21 ans", "Répartition par âge";
        age_21_25: Count(i64) => "21 à 25 ans", "Répartition par âge";
        age_26_plus: Count(i64) => "26 ans et plus", "Répartition par âge";
        scholarship_holders: Count(i64) => "Boursiers", "Profil (peut se recouper avec les autres profils)";
        with_disability: Count(i64) => "En situation de handicap", "Profil (peut se recouper avec les autres profils)";
        top_athletes: Count(i64) => "Sportifs de haut niveau", "Profil (peut se recouper avec les autres profils)";
        with_family_duties: Count(i64) => "Avec charge de famille", "Profil (peut se recouper avec les autres profils)";
        employed: Count(i64) => "En emploi", "Profil (peut se recouper avec les autres profils)";
        resuming_studies: Count(i64) => "En reprise d'études", "Profil (peut se recouper avec les autres profils)";
    }
    Outcomes {
        outcome_success: Count(i64) => "Réussite", "Diplôme obtenu ou passage dans l'année supérieure";
        outcome_dropout: Count(i64) => "Abandon", "Étudiants ayant abandonné leur formation";
        outcome_reorientation: Count(i64) => "Réorientation", "Étudiants réorientés";
        outcome_failure: Count(i64) => "Échec", "Étudiants ayant échoué aux examens";
        outcome_pending: Count(i64) => "Résultats en attente", "Résultats non connus à la date du rapport";
    }
    Support {
        tutors_fte: Decimal(f64) => "Tuteurs (ETP)", "Tutorat en équivalents temps plein";
        coordinator_fte: Decimal(f64) => "Coordination (ETP)", "Coordination en équivalents temps plein";
        workshops_count: Count(i64) => "Ateliers", "Nombre d'ateliers organisés";
        workshop_themes: Texts(Vec<String>) => "Thèmes des ateliers", "Gestion du stress, prise de parole, examens, anglais…";
        individual_interviews_count: Count(i64) => "Entretiens individuels", "Nombre d'entretiens individuels";
        exams_in_situ_count: Count(i64) => "Examens sur place", "Nombre d'examens passés au Campus connecté";
        copil_meetings_count: Count(i64) => "Comités de pilotage", "Nombre de COPIL réunis";
        communication_actions_count: Count(i64) => "Actions de communication", "Nombre d'actions de communication";
        high_school_interventions_count: Count(i64) => "Interventions en lycée", "Nombre d'interventions dans les lycées";
        student_life_actions_count: Count(i64) => "Actions de vie étudiante", "Nombre d'actions de vie étudiante";
        avg_weekly_presence_hours: Decimal(f64) => "Présence hebdomadaire moyenne (h)", "Chaque étudiant doit être présent au moins 12 heures par semaine";
        survey_respondents: Count(i64) => "Répondants à l'enquête", "Étudiants ayant répondu à l'enquête";
        survey_would_not_have_studied: Count(i64) => "N'auraient pas étudié sans le campus", "Répondants qui n'auraient pas fait d'études sans le Campus connecté";
    }
    Finances {
        exp_staff: Money(i64) => "Dépenses de personnel", "En centimes d'euro";
        exp_premises: Money(i64) => "Dépenses de locaux", "En centimes d'euro";
        exp_equipment: Money(i64) => "Dépenses d'équipement (investissement)", "En centimes d'euro";
        exp_operations: Money(i64) => "Dépenses de fonctionnement", "En centimes d'euro";
        exp_communication: Money(i64) => "Dépenses de communication", "En centimes d'euro";
        exp_other: Money(i64) => "Autres dépenses", "En centimes d'euro";
        rev_state: Money(i64) => "Subvention de l'État", "50 000 € par an au plus, en centimes d'euro";
        rev_local_authority: Money(i64) => "Collectivité porteuse", "En centimes d'euro";
        rev_region: Money(i64) => "Région", "En centimes d'euro";
        rev_partners: Money(i64) => "Partenaires", "En centimes d'euro";
        rev_in_kind: Money(i64) => "Contributions en nature valorisées", "Locaux mis à disposition, etc., en centimes d'euro";
        rev_other: Money(i64) => "Autres recettes", "En centimes d'euro";
        establishment_grant: Money(i64) => "Dotation de l'établissement", "10 000 € par an, déclarée à part, en centimes d'euro";
    }
}

/// Fields grouped as the sum rules and totals use them.
pub mod groups {
    pub const PROGRAMMES: &[&str] = &[
        "prog_licence",
        "prog_master",
        "prog_doctorate",
        "prog_daeu",
        "prog_bts",
        "prog_other_public",
        "prog_private",
    ];
    pub const SEX: &[&str] = &["women", "men", "sex_unreported"];
    pub const AGE: &[&str] = &["age_under_21", "age_21_25", "age_26_plus"];
    pub const OUTCOMES: &[&str] = &[
        "outcome_success",
        "outcome_dropout",
        "outcome_reorientation",
        "outcome_failure",
        "outcome_pending",
    ];
    pub const PROFILES: &[&str] = &[
        "scholarship_holders",
        "with_disability",
        "top_athletes",
        "with_family_duties",
        "employed",
        "resuming_studies",
    ];
    pub const EXPENSES: &[&str] = &[
        "exp_staff",
        "exp_premises",
        "exp_equipment",
        "exp_operations",
        "exp_communication",
        "exp_other",
    ];
    pub const REVENUES: &[&str] = &[
        "rev_state",
        "rev_local_authority",
        "rev_region",
        "rev_partners",
        "rev_in_kind",
        "rev_other",
    ];
}

/// The specification of the field called `name`.
pub fn field(name: &str) -> Option<&'static FieldSpec> {
    GRID_FIELDS.iter().find(|f| f.name == name)
}

impl IndicatorGrid {
    /// The integer value (count or cents) of a field, if filled in.
    pub fn integer(&self, name: &str) -> Option<i64> {
        match self.get(name)? {
            FieldValue::Count(v) | FieldValue::Money(v) => Some(v),
            _ => None,
        }
    }

    /// The sum of integer fields, or `None` if any is missing or the sum does not fit an `i64`.
    pub fn sum(&self, names: &[&str]) -> Option<i64> {
        names
            .iter()
            .try_fold(0i64, |acc, n| acc.checked_add(self.integer(n)?))
    }

    /// The exact sum of integer fields (no overflow: up to 2⁶⁴ fields of any `i64`), or `None` if any is missing.
    /// Rules compare with this, so that huge values cannot make a sum rule silently skip.
    pub fn total(&self, names: &[&str]) -> Option<i128> {
        names
            .iter()
            .try_fold(0i128, |acc, n| Some(acc + i128::from(self.integer(n)?)))
    }

    /// The fields not filled in, in form order.
    pub fn missing_fields(&self) -> Vec<&'static str> {
        GRID_FIELDS
            .iter()
            .filter(|f| self.get(f.name).is_none())
            .map(|f| f.name)
            .collect()
    }

    /// Every filled-in field with its value, in form order.
    pub fn values(&self) -> Vec<(&'static str, FieldValue)> {
        GRID_FIELDS
            .iter()
            .filter_map(|f| self.get(f.name).map(|v| (f.name, v)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_every_field_once_in_the_struct_order() {
        let names: Vec<_> = GRID_FIELDS.iter().map(|f| f.name).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        assert_eq!(names.len(), 52);
        let json = serde_json::to_value(IndicatorGrid::default()).unwrap();
        let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        let mut sorted_names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        sorted_names.sort();
        let mut sorted_keys = keys.clone();
        sorted_keys.sort();
        assert_eq!(sorted_keys, sorted_names);
    }

    #[test]
    fn get_and_set_by_name_respect_kinds() {
        let mut g = IndicatorGrid::default();
        g.set("exp_staff", Some(FieldValue::Money(1_234_567)))
            .unwrap();
        assert_eq!(g.exp_staff, Some(1_234_567));
        assert_eq!(g.get("exp_staff"), Some(FieldValue::Money(1_234_567)));
        assert!(matches!(
            g.set("tutors_fte", Some(FieldValue::Count(2))),
            Err(GridError::WrongKind { .. })
        ));
        assert!(matches!(
            g.set("nope", None),
            Err(GridError::UnknownField(_))
        ));
        g.set("exp_staff", None).unwrap();
        assert_eq!(g.exp_staff, None);
    }

    #[test]
    fn unknown_json_fields_are_refused() {
        let err = serde_json::from_str::<IndicatorGrid>(r#"{"students_enroled": 3}"#).unwrap_err();
        assert!(err.to_string().contains("students_enroled"));
    }

    #[test]
    fn sums_need_every_term() {
        let g = IndicatorGrid {
            women: Some(3),
            men: Some(4),
            ..Default::default()
        };
        assert_eq!(g.sum(&["women", "men"]), Some(7));
        assert_eq!(g.sum(groups::SEX), None);
        assert_eq!(g.total(&["women", "men"]), Some(7));
        assert_eq!(g.total(groups::SEX), None);
    }

    #[test]
    fn totals_of_huge_values_are_exact() {
        let g = IndicatorGrid {
            women: Some(i64::MAX),
            men: Some(i64::MAX),
            sex_unreported: Some(i64::MIN),
            ..Default::default()
        };
        assert_eq!(g.sum(&["women", "men"]), None, "an i64 sum overflows");
        assert_eq!(g.total(&["women", "men"]), Some(2 * i128::from(i64::MAX)));
        assert_eq!(g.total(groups::SEX), Some(i128::from(i64::MAX) - 1));
    }
}
