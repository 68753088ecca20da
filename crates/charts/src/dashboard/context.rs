//! What a dashboard is about, as its panels see it: the data, the scope and its name, the year, the figures
//! already computed and what is withheld from the reader; and the names and units the panels write.

use crate::units::Unit;
use chrono::{DateTime, Utc};
use pilotage_analytics::{Aggregate, CampusValue, Dataset, Scope};
use pilotage_domain::indicators::Indicator;
use pilotage_domain::AcademicYear;

/// The unit a chart formats an indicator's values in.
pub fn unit(ind: &Indicator) -> Unit {
    use pilotage_domain::indicators::Unit as U;
    match ind.unit {
        U::Percent => Unit::Percent,
        U::Euros => Unit::Euros,
        U::StudentsPerFte => Unit::StudentsPerTutor,
        U::Students => Unit::Students,
        U::Meetings => Unit::Meetings,
        U::Hours => Unit::Hours,
    }
}

/// A campus's name without the network's common prefix (« Campus connecté de »), to keep labels legible; the
/// contracted article comes back: « Campus connecté du Vigan » → « Le Vigan », « des Andelys » → « Les Andelys ».
pub(super) fn short(name: &str) -> String {
    for (prefix, article) in [
        ("Campus connecté de ", ""),
        ("Campus connecté d'", ""),
        ("Campus connecté du ", "Le "),
        ("Campus connecté des ", "Les "),
        ("Campus connecté ", ""),
    ] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return format!("{article}{rest}");
        }
    }
    name.to_owned()
}

/// What the dashboard is about, as its panels see it.
pub(super) struct Context<'a> {
    pub(super) data: &'a Dataset,
    pub(super) scope: Scope,
    pub(super) scope_name: String,
    pub(super) year: AcademicYear,
    pub(super) now: DateTime<Utc>,
    pub(super) footer: String,
    pub(super) aggregates: Vec<Aggregate>,
    pub(super) values: Vec<CampusValue>,
    /// Figures withheld from this reader (disclosure control for regional clients): indicator, scope, year.
    pub(super) withheld: &'a dyn Fn(&str, &Scope, AcademicYear) -> bool,
}

impl Context<'_> {
    pub(super) fn in_scope(&self, campus: &pilotage_domain::CampusId) -> bool {
        match &self.scope {
            Scope::Nation => true,
            Scope::Region(r) => self.data.region_of(campus) == Some(*r),
            Scope::Campus(c) => c == campus,
        }
    }

    pub(super) fn campus_name(&self, id: &pilotage_domain::CampusId) -> String {
        self.data
            .campuses
            .iter()
            .find(|c| &c.id == id)
            .map_or_else(|| id.to_string(), |c| short(&c.name))
    }

    pub(super) fn aggregate(&self, scope: &Scope, name: &str) -> Option<&Aggregate> {
        self.aggregates
            .iter()
            .find(|a| &a.scope == scope && a.indicator == name && a.academic_year == self.year)
    }
}

pub(super) fn scope_name(data: &Dataset, scope: &Scope) -> String {
    match scope {
        Scope::Nation => "France".to_owned(),
        Scope::Region(r) => r.name().to_owned(),
        Scope::Campus(c) => data
            .campuses
            .iter()
            .find(|x| &x.id == c)
            .map_or_else(|| c.to_string(), |x| x.name.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn campus_names_lose_the_network_prefix() {
        assert_eq!(short("Campus connecté de Nevers"), "Nevers");
        assert_eq!(short("Campus connecté d'Autun"), "Autun");
        assert_eq!(short("Campus connecté du Vigan"), "Le Vigan");
        assert_eq!(short("Campus connecté des Andelys"), "Les Andelys");
        assert_eq!(short("Campus connecté de La Rochelle"), "La Rochelle");
        assert_eq!(short("Tiers-lieu"), "Tiers-lieu");
    }
}
