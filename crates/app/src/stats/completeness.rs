//! The completeness of a year (expected, submitted, on time, late and missing reports and flash surveys) for the
//! nation and the régions the caller may see, and the campuses to follow up among those it may see.

use super::{with_dataset, Visibility};
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use pilotage_analytics::{completeness, Completeness, Scope};
use pilotage_domain::AcademicYear;

/// Completeness of `year` for the nation and the régions the caller may see, and the campuses to follow up among
/// those it may see.
pub async fn completeness_for(
    state: &AppState,
    caller: Caller,
    year: AcademicYear,
) -> ApiResult<Completeness> {
    let now = state.now();
    with_dataset(state, false, move |data| {
        let visible = Visibility::of(&caller, data);
        let mut answer = completeness(data, year, now)?;
        answer.scopes.retain(|s| {
            s.scope
                .parse::<Scope>()
                .is_ok_and(|scope| visible.scope(&scope))
        });
        answer.follow_up.retain(|f| visible.campus(&f.campus_id));
        Ok(answer)
    })
    .await
}
