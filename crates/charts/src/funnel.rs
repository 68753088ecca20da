//! Funnel plots: each campus's rate against its denominator, with control limits around the national rate — the
//! standard way to compare small units fairly (a campus of 8 students is not "worse" for one failure more).
//!
//! The limits are the normal approximation to the binomial, `p₀ ± z √(p₀(1 − p₀) / n)`, clipped to [0, 100] %,
//! with z = 1,96 (95 %) and z = 3,09 (99,8 %).

/// z for the 95 % limits.
pub const Z_95: f64 = 1.959_963_984_540_054;
/// z for the 99,8 % limits.
pub const Z_998: f64 = 3.090_232_306_167_813;

/// The control limits `(low, high)`, in percent, for a unit of `n` around the rate `p0` (in percent); `None` for
/// `n` ≤ 0 or a rate outside [0, 100].
pub fn limits(p0: f64, n: f64, z: f64) -> Option<(f64, f64)> {
    if n <= 0.0 || !(0.0..=100.0).contains(&p0) {
        return None;
    }
    let p = p0 / 100.0;
    let half = z * (p * (1.0 - p) / n).sqrt();
    Some((
        ((p - half) * 100.0).max(0.0),
        ((p + half) * 100.0).min(100.0),
    ))
}

/// Where a unit falls against the funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Within,
    /// Outside the 95 % limits but within the 99,8 % ones.
    Warning,
    /// Outside the 99,8 % limits.
    Alarm,
}

pub fn position(rate: f64, p0: f64, n: f64) -> Option<Position> {
    let (low95, high95) = limits(p0, n, Z_95)?;
    let (low998, high998) = limits(p0, n, Z_998)?;
    Some(if rate < low998 || rate > high998 {
        Position::Alarm
    } else if rate < low95 || rate > high95 {
        Position::Warning
    } else {
        Position::Within
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.005
    }

    #[test]
    fn limits_match_hand_computed_values() {
        // p₀ = 85 %, n = 20: sd = √(0,85 × 0,15 / 20) = 0,079844; 1,96 sd = 0,156493; 3,09 sd = 0,246737.
        let (low, high) = limits(85.0, 20.0, Z_95).unwrap();
        assert!(close(low, 69.35) && close(high, 100.0), "{low} {high}");
        let (low, high) = limits(85.0, 20.0, Z_998).unwrap();
        assert!(close(low, 60.33) && close(high, 100.0), "{low} {high}");
        // n = 400: sd = 0,017854; 1,96 sd = 0,034993 → [81,50 ; 88,50].
        let (low, high) = limits(85.0, 400.0, Z_95).unwrap();
        assert!(close(low, 81.50) && close(high, 88.50), "{low} {high}");
        assert_eq!(limits(85.0, 0.0, Z_95), None);
        assert_eq!(limits(120.0, 10.0, Z_95), None);
    }

    #[test]
    fn small_units_are_judged_within_wider_limits() {
        assert_eq!(position(70.0, 85.0, 20.0), Some(Position::Within));
        assert_eq!(position(70.0, 85.0, 400.0), Some(Position::Alarm));
        assert_eq!(position(80.0, 85.0, 400.0), Some(Position::Warning));
    }
}
