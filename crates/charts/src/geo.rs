//! The outlines of the 18 régions (13 metropolitan, 5 overseas), shipped in `data/regions.geojson` (from
//! gregoiredavid/france-geojson, IGN Admin Express 2018, Licence Ouverte / Etalab; simplified, see
//! `data/README.md`), read once, and clipped to the box a map draws them in.

use crate::canvas::ChartError;
use serde::Deserialize;
use std::sync::OnceLock;

/// The shipped GeoJSON.
const REGIONS: &str = include_str!("../data/regions.geojson");

/// A région's outline: its INSEE code (`11`, `01`…), French name and rings of (longitude, latitude).
#[derive(Debug, Clone, PartialEq)]
pub struct RegionShape {
    pub insee_code: String,
    pub name: String,
    pub rings: Vec<Vec<(f64, f64)>>,
}

impl RegionShape {
    /// The bounds: (lon min, lon max), (lat min, lat max).
    pub fn bounds(&self) -> ((f64, f64), (f64, f64)) {
        let mut lon = (f64::INFINITY, f64::NEG_INFINITY);
        let mut lat = (f64::INFINITY, f64::NEG_INFINITY);
        for &(x, y) in self.rings.iter().flatten() {
            lon = (lon.0.min(x), lon.1.max(x));
            lat = (lat.0.min(y), lat.1.max(y));
        }
        (lon, lat)
    }

    /// Whether `(lon, lat)` is inside one of the rings (even-odd rule).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        self.rings.iter().any(|ring| {
            let mut inside = false;
            let n = ring.len();
            for i in 0..n {
                let (xi, yi) = ring[i];
                let (xj, yj) = ring[(i + n - 1) % n];
                if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
                    inside = !inside;
                }
            }
            inside
        })
    }
}

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    code: String,
    nom: String,
}

#[derive(Deserialize)]
struct Geometry {
    /// A MultiPolygon: polygons of rings of positions.
    coordinates: Vec<Vec<Vec<[f64; 2]>>>,
}

fn parse(text: &str) -> Result<Vec<RegionShape>, String> {
    let collection: Collection = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(collection
        .features
        .into_iter()
        .map(|f| RegionShape {
            insee_code: f.properties.code,
            name: f.properties.nom,
            rings: f
                .geometry
                .coordinates
                .into_iter()
                .flatten()
                .map(|ring| ring.into_iter().map(|[x, y]| (x, y)).collect())
                .collect(),
        })
        .collect())
}

/// The outlines of the 18 régions.
pub fn regions() -> Result<&'static [RegionShape], ChartError> {
    static SHAPES: OnceLock<Result<Vec<RegionShape>, String>> = OnceLock::new();
    SHAPES
        .get_or_init(|| parse(REGIONS))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(|e| ChartError(format!("contours des régions illisibles : {e}")))
}

/// `ring` (pixels) clipped to the rectangle `(x0, y0, x1, y1)` (Sutherland–Hodgman); empty when outside.
pub(crate) fn clip(ring: &[(i32, i32)], (x0, y0, x1, y1): (i32, i32, i32, i32)) -> Vec<(i32, i32)> {
    type Inside = fn((f64, f64), f64) -> bool;
    type Cut = fn((f64, f64), (f64, f64), f64) -> (f64, f64);
    let at_x = |a: (f64, f64), b: (f64, f64), x: f64| {
        let t = (x - a.0) / (b.0 - a.0);
        (x, a.1 + t * (b.1 - a.1))
    };
    let at_y = |a: (f64, f64), b: (f64, f64), y: f64| {
        let t = (y - a.1) / (b.1 - a.1);
        (a.0 + t * (b.0 - a.0), y)
    };
    let edges: [(Inside, Cut, f64); 4] = [
        (|p, v| p.0 >= v, at_x, f64::from(x0)),
        (|p, v| p.0 <= v, at_x, f64::from(x1)),
        (|p, v| p.1 >= v, at_y, f64::from(y0)),
        (|p, v| p.1 <= v, at_y, f64::from(y1)),
    ];
    let mut points: Vec<(f64, f64)> = ring
        .iter()
        .map(|&(x, y)| (f64::from(x), f64::from(y)))
        .collect();
    for (inside, cut, v) in edges {
        let Some(&last) = points.last() else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(points.len() + 4);
        let mut prev = last;
        for &p in &points {
            match (inside(p, v), inside(prev, v)) {
                (true, true) => out.push(p),
                (true, false) => {
                    out.push(cut(prev, p, v));
                    out.push(p);
                }
                (false, true) => out.push(cut(prev, p, v)),
                (false, false) => {}
            }
            prev = p;
        }
        points = out;
    }
    points
        .into_iter()
        .map(|(x, y)| (x.round() as i32, y.round() as i32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_outlines_are_the_18_regions() {
        let shapes = regions().unwrap();
        let mut codes: Vec<&str> = shapes.iter().map(|s| s.insee_code.as_str()).collect();
        codes.sort_unstable();
        let mut expected: Vec<&str> = pilotage_domain::Region::ALL
            .iter()
            .map(|r| r.insee_code)
            .collect();
        expected.sort_unstable();
        assert_eq!(codes, expected);
        assert!(shapes.iter().all(|s| !s.rings.is_empty()));
        // Paris is in Île-de-France, Saint-Denis in La Réunion, Ajaccio in Corse, and not elsewhere.
        let find = |code: &str| shapes.iter().find(|s| s.insee_code == code).unwrap();
        assert!(find("11").contains(2.35, 48.86));
        assert!(find("04").contains(55.45, -20.88));
        assert!(find("94").contains(8.74, 41.93));
        assert!(!find("84").contains(2.35, 48.86));
    }

    #[test]
    fn rings_are_clipped_to_their_box() {
        let square = [(-10, -10), (10, -10), (10, 10), (-10, 10)];
        let clipped = clip(&square, (0, 0, 20, 20));
        assert!(clipped
            .iter()
            .all(|&(x, y)| (0..=20).contains(&x) && (0..=20).contains(&y)));
        assert!(clipped.contains(&(10, 10)));
        assert!(clip(&square, (30, 30, 40, 40)).is_empty());
    }
}
