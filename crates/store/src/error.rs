//! The store's error type: what went wrong, in words a user or an operator can act on.

use std::fmt;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The `DATABASE_URL` cannot be understood.
    #[error("DATABASE_URL invalide : {0}")]
    InvalidUrl(String),
    /// The database cannot be reached or opened.
    #[error("connexion impossible à la base {target} : {cause}")]
    Connect { target: String, cause: String },
    #[error("migration de la base impossible : {0}")]
    Migration(String),
    /// What was asked for does not exist.
    #[error("{0} introuvable")]
    NotFound(String),
    /// The row changed since the caller read it (optimistic concurrency).
    #[error("la version {expected} n'est plus la dernière (version actuelle : {actual})")]
    VersionConflict { expected: i64, actual: i64 },
    /// The review workflow does not allow this action in the current status.
    #[error(transparent)]
    Workflow(pilotage_domain::WorkflowError),
    /// A unique key already exists.
    #[error("{0} existe déjà")]
    Conflict(String),
    /// Stored data that no longer reads as a domain value (a bug or a hand edit of the database).
    #[error("donnée stockée illisible : {0}")]
    Corrupt(String),
    #[error("erreur de la base de données : {0}")]
    Database(#[from] diesel::result::Error),
    #[error("pool de connexions : {0}")]
    Pool(String),
    /// A file of a backup or a restore cannot be created, written or moved.
    #[error("fichier : {0}")]
    Io(String),
}

impl StoreError {
    /// `VersionConflict` when the caller read another version than the stored one.
    pub(crate) fn check_version(expected: Option<i64>, actual: i64) -> StoreResult<()> {
        match expected {
            Some(expected) if expected != actual => Err(Self::VersionConflict { expected, actual }),
            _ => Ok(()),
        }
    }

    pub(crate) fn corrupt(what: impl fmt::Display) -> Self {
        Self::Corrupt(what.to_string())
    }
}

impl From<diesel::r2d2::PoolError> for StoreError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        Self::Pool(e.to_string())
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
