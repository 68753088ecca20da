//! The attacker's linear model: unknowns with bounds, linear rows, cheap propagation of what is pinned down,
//! then, per connected block of unknowns, the bounds of a count by linear programming (microlp) refined by
//! testing each integer of a narrow range for feasibility.

use microlp::{ComparisonOp, Error, OptimizationDirection, Problem, Variable};
use std::collections::{BTreeMap, BTreeSet};

/// `Σ coefficient × unknown`.
pub type Expr = Vec<(usize, f64)>;

/// Slack on every floating bound before rounding to integers.
const SLACK: f64 = 1e-6;
/// Integer ranges of at most this many values are refined value by value.
const REFINE: i64 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Le,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub terms: Expr,
    pub op: Op,
    pub rhs: f64,
    /// What published figure gave this row (for the report).
    pub source: String,
}

#[derive(Debug, Clone, Default)]
pub struct Model {
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    pub rows: Vec<Row>,
}

/// What the attacker knows of a count: the integers `lo..=hi` (`hi` `None`: unbounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub lo: i64,
    pub hi: Option<i64>,
}

impl Range {
    pub fn width(&self) -> Option<i64> {
        self.hi.map(|h| h - self.lo)
    }
}

impl Model {
    pub fn var(&mut self) -> usize {
        self.lo.push(0.0);
        self.hi.push(f64::INFINITY);
        self.lo.len() - 1
    }

    pub fn row(&mut self, terms: Expr, op: Op, rhs: f64, source: impl Into<String>) {
        self.rows.push(Row {
            terms,
            op,
            rhs,
            source: source.into(),
        });
    }
}

/// The model after propagation: pinned unknowns, and the remaining rows grouped by connected block.
pub struct Solver {
    lo: Vec<f64>,
    hi: Vec<f64>,
    fixed: Vec<Option<f64>>,
    /// The published figure whose row pinned each pinned unknown.
    pinned_by: Vec<Option<String>>,
    /// Rows over unpinned unknowns only (constants moved to the right-hand side).
    rows: Vec<Row>,
    block_of: Vec<usize>,
    block_rows: BTreeMap<usize, Vec<usize>>,
    block_vars: BTreeMap<usize, Vec<usize>>,
    pub lp_calls: usize,
    pub lp_errors: usize,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

impl Solver {
    pub fn new(model: &Model) -> Self {
        let n = model.lo.len();
        let (mut lo, mut hi) = (model.lo.clone(), model.hi.clone());
        let mut fixed: Vec<Option<f64>> = vec![None; n];
        let mut pinned_by: Vec<Option<String>> = vec![None; n];
        let mut rows = model.rows.clone();
        // Propagation: a row with one unpinned unknown pins it (equality) or bounds it (inequality).
        loop {
            let mut changed = false;
            for row in &mut rows {
                let mut rhs = row.rhs;
                row.terms.retain(|&(v, a)| match fixed[v] {
                    Some(x) => {
                        rhs -= a * x;
                        false
                    }
                    None => a != 0.0,
                });
                row.rhs = rhs;
                if let [(v, a)] = row.terms[..] {
                    let x = rhs / a;
                    match row.op {
                        Op::Eq => {
                            fixed[v] = Some(x);
                            pinned_by[v] = Some(row.source.clone());
                            lo[v] = x;
                            hi[v] = x;
                        }
                        Op::Le if a > 0.0 => hi[v] = hi[v].min(x),
                        Op::Le => lo[v] = lo[v].max(x),
                    }
                    row.terms.clear();
                    changed = true;
                }
            }
            for v in 0..n {
                if fixed[v].is_none() && hi[v] - lo[v] <= SLACK * (1.0 + lo[v].abs()) {
                    fixed[v] = Some(lo[v]);
                    changed = true;
                }
            }
            rows.retain(|r| !r.terms.is_empty());
            if !changed {
                break;
            }
        }
        let mut parent: Vec<usize> = (0..n).collect();
        for row in &rows {
            let first = row.terms[0].0;
            for &(v, _) in &row.terms[1..] {
                let (a, b) = (find(&mut parent, first), find(&mut parent, v));
                parent[a] = b;
            }
        }
        let block_of: Vec<usize> = (0..n).map(|v| find(&mut parent, v)).collect();
        let mut block_rows: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, row) in rows.iter().enumerate() {
            block_rows
                .entry(block_of[row.terms[0].0])
                .or_default()
                .push(i);
        }
        let mut block_vars: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for v in (0..n).filter(|&v| fixed[v].is_none()) {
            block_vars.entry(block_of[v]).or_default().push(v);
        }
        Self {
            lo,
            hi,
            fixed,
            pinned_by,
            rows,
            block_of,
            block_rows,
            block_vars,
            lp_calls: 0,
            lp_errors: 0,
        }
    }

    /// The constant part and the unpinned terms of `expr`.
    fn split(&self, expr: &Expr) -> (f64, Expr) {
        let mut constant = 0.0;
        let mut terms = Vec::new();
        for &(v, a) in expr {
            match self.fixed[v] {
                Some(x) => constant += a * x,
                None => terms.push((v, a)),
            }
        }
        (constant, terms)
    }

    /// The published figures the attack used for `expr`: the rows on its own unknowns first (those that pinned
    /// them, then those of its block that name them), then how many other rows its block has.
    pub fn sources(&self, expr: &Expr) -> (Vec<String>, usize) {
        let (_, terms) = self.split(expr);
        let own: BTreeSet<usize> = expr.iter().map(|&(v, _)| v).collect();
        let blocks: BTreeSet<usize> = terms.iter().map(|&(v, _)| self.block_of[v]).collect();
        let mut direct: BTreeSet<String> = expr
            .iter()
            .filter_map(|&(v, _)| self.pinned_by[v].clone())
            .collect();
        let mut others = 0;
        for &i in blocks
            .iter()
            .flat_map(|b| self.block_rows.get(b).into_iter().flatten())
        {
            let row = &self.rows[i];
            if row.terms.iter().any(|(v, _)| own.contains(v)) {
                direct.insert(row.source.clone());
            } else {
                others += 1;
            }
        }
        (direct.into_iter().collect(), others)
    }

    /// Optimises `objective` (unpinned terms) over the blocks it touches, with `extra` rows added.
    /// `Ok(None)`: unbounded; `Err(true)`: infeasible; `Err(false)`: the solver failed.
    fn optimise(
        &mut self,
        objective: &Expr,
        direction: OptimizationDirection,
        extra: &[(Expr, f64)],
    ) -> Result<Option<f64>, bool> {
        self.lp_calls += 1;
        let blocks: BTreeSet<usize> = objective.iter().map(|&(v, _)| self.block_of[v]).collect();
        let vars: Vec<usize> = blocks
            .iter()
            .flat_map(|b| self.block_vars.get(b).into_iter().flatten().copied())
            .collect();
        let coefficient: BTreeMap<usize, f64> = objective.iter().copied().collect();
        let mut problem = Problem::new(direction);
        let mut index: BTreeMap<usize, Variable> = BTreeMap::new();
        for &v in &vars {
            let c = coefficient.get(&v).copied().unwrap_or(0.0);
            index.insert(v, problem.add_var(c, (self.lo[v], self.hi[v])));
        }
        let translate = |terms: &Expr| -> Vec<(Variable, f64)> {
            terms.iter().map(|&(v, a)| (index[&v], a)).collect()
        };
        for b in &blocks {
            for &i in self.block_rows.get(b).into_iter().flatten() {
                let row = &self.rows[i];
                let op = match row.op {
                    Op::Eq => ComparisonOp::Eq,
                    Op::Le => ComparisonOp::Le,
                };
                problem.add_constraint(translate(&row.terms), op, row.rhs);
            }
        }
        for (terms, rhs) in extra {
            problem.add_constraint(translate(terms), ComparisonOp::Eq, *rhs);
        }
        match problem.solve() {
            Ok(outcome) => match outcome.into_solution() {
                Ok(solution) => Ok(Some(solution.objective())),
                Err(_) => {
                    self.lp_errors += 1;
                    Err(false)
                }
            },
            Err(Error::Unbounded) => Ok(None),
            Err(Error::Infeasible) => Err(true),
            Err(_) => {
                self.lp_errors += 1;
                Err(false)
            }
        }
    }

    /// The integers the attacker cannot rule out for `expr` (a count).
    pub fn range(&mut self, expr: &Expr) -> Range {
        let (constant, terms) = self.split(expr);
        if terms.is_empty() {
            let v = constant.round() as i64;
            return Range { lo: v, hi: Some(v) };
        }
        let min = self.optimise(&terms, OptimizationDirection::Minimize, &[]);
        let max = self.optimise(&terms, OptimizationDirection::Maximize, &[]);
        let lo = match min {
            Ok(Some(m)) => (constant + m - SLACK).ceil().max(0.0) as i64,
            _ => 0,
        };
        let hi = match max {
            Ok(Some(m)) => Some((constant + m + SLACK).floor() as i64),
            _ => None,
        };
        let mut range = Range { lo, hi };
        if let Some(hi) = hi.filter(|&h| h >= lo && h - lo < REFINE) {
            // Only a proof of infeasibility rules a value out. The least and the greatest feasible values are
            // searched from the two ends inward: the values between them do not change the range.
            let feasible = |solver: &mut Self, v: i64| {
                let pinned = [(terms.clone(), v as f64 - constant)];
                solver.optimise(&terms, OptimizationDirection::Minimize, &pinned) != Err(true)
            };
            if let Some(a) = (lo..=hi).find(|&v| feasible(self, v)) {
                let b = (a..=hi)
                    .rev()
                    .find(|&v| v == a || feasible(self, v))
                    .unwrap_or(a);
                range = Range { lo: a, hi: Some(b) };
            }
        }
        range
    }
}
