//! `pilotage serve`: migrates, optionally seeds the demo network, and serves HTTP until stopped.

use crate::config::Config;
use crate::fixtures::Fixtures;
use actix_web::{middleware, web, App, HttpServer};
use anyhow::{Context, Result};
use chrono::{Duration, Utc};
use pilotage_app::AppState;
use pilotage_domain::{Role, SystemClock};
use pilotage_store::{campuses, users};
use std::sync::Arc;

pub fn run(config: Config, demo: bool, bind: Option<String>) -> Result<()> {
    let bind = bind.unwrap_or_else(|| config.bind.clone());
    let mut conn = super::migrated_connection(&config)?;
    let tokens = crate::secret::token_keys(&mut conn, config.jwt_secret.as_deref())?;
    if demo {
        let (_, total) = campuses::list(&mut conn, &campuses::CampusFilter::default(), 0, 0)?;
        if total == 0 {
            println!("Loading the demo network into {} …", config.database_url);
            let summary = crate::seed::run(&mut conn, &Fixtures::embedded()?, Utc::now(), false)?;
            super::seed::print_summary(&config.database_url.to_string(), &summary);
        } else {
            println!(
                "{} already holds {total} campuses: demo data not reloaded.",
                config.database_url
            );
        }
    }
    let demo_tokens = if demo {
        demo_tokens(&mut conn, &tokens)?
    } else {
        Vec::new()
    };
    drop(conn);

    let pool = pilotage_store::pool(&config.database_url, config.pool_size)?;
    let jobs = if config.jobs_enabled {
        Some(Arc::new(super::jobs::build(&config, pool.clone())?))
    } else {
        None
    };
    let state = AppState::new(
        pool,
        config.database_url.backend(),
        tokens,
        Arc::new(SystemClock),
    )
    .with_jobs(config.schedules.clone(), config.snapshot_dir.clone())
    .with_webhooks(config.webhooks)
    .with_cookies(config.cookies.clone())
    .with_mail(config.mail(&bind));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the runtime")?;
    runtime.block_on(async move {
        // The scheduler lives as long as the server (tokio-cron-scheduler needs this multi-thread runtime).
        let _scheduler = match jobs {
            Some(jobs) => Some(
                pilotage_jobs::scheduler::start(jobs)
                    .await
                    .context("cannot start the job scheduler")?,
            ),
            None => None,
        };
        let data = web::Data::new(state);
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .wrap(middleware::from_fn(pilotage_app::security::security_headers))
                .wrap(request_log())
                .configure(pilotage_api::configure)
                .configure(pilotage_web::configure)
        })
        .bind(&bind)
        .with_context(|| format!("cannot listen on {bind}"))?;
        // The address actually bound (the port may have been 0: chosen by the system).
        let bound = server
            .addrs()
            .first()
            .map_or_else(|| bind.clone(), ToString::to_string);
        let base = format!("http://{bound}");
        println!("Pilotage is listening on {base} ({})", config.database_url);
        println!("  sign in: {base}/connexion  (web pages for coordinators, analysts and the ministry)");
        println!("  health:  {base}/health");
        println!("  API:     {base}/api/v1  (OpenAPI: {base}/api/v1/openapi.json)");
        println!("  docs:    {base}/docs/");
        let mail = config.mail(&bind);
        println!(
            "  e-mails: links to {} (PILOTAGE_PUBLIC_URL), contact {} (PILOTAGE_OPERATOR_EMAIL)",
            mail.public_url, mail.operator_email
        );
        if config.jobs_enabled {
            let now = Utc::now();
            for job in pilotage_jobs::JobName::ALL {
                if let Some(next) = config.schedules.next_after(job, now) {
                    println!(
                        "  job {job:<10} next run {}",
                        next.with_timezone(&chrono_tz::Europe::Paris).to_rfc3339()
                    );
                }
            }
            if config.smtp.is_none() {
                println!("  e-mail:  no SMTP server configured (PILOTAGE_SMTP_HOST): e-mails stay in the outbox, see {base}/api/v1/admin/outbox");
            }
        } else {
            println!("  jobs:    off (PILOTAGE_JOBS=off)");
        }
        for (role, scope, token) in &demo_tokens {
            println!("\n  {role}{scope} token (12 h):\n    {token}");
        }
        if !demo_tokens.is_empty() {
            println!("\n  Use one as: curl -H 'Authorization: Bearer TOKEN' {base}/…");
            println!("  Or sign in at {base}/connexion with a demo user's e-mail and the password printed when the demo network was loaded.");
        }
        server.run().await.context("server stopped with an error")
    })
}

/// One line per request: client, method, path without the query string (where a careless client could put a
/// secret), status, size and time. Headers and bodies (tokens, passwords, keys) are never logged.
fn request_log() -> middleware::Logger {
    middleware::Logger::new(r#"%a "%{method}xi %U" %s %b %Dms"#)
        .custom_request_replace("method", |req| req.method().to_string())
}

/// A token for each role, scoped like the demo users (12 hours).
fn demo_tokens(
    conn: &mut pilotage_store::DbConnection,
    keys: &pilotage_app::auth::TokenKeys,
) -> Result<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    let now = Utc::now();
    for user in users::list(conn)? {
        if out.iter().any(|(role, _, _)| role == user.role.as_str()) {
            continue;
        }
        let scope = match user.role {
            Role::Coordinator => format!(
                " ({})",
                user.campus_ids
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Role::Regional => user
                .region_code
                .map(|r| format!(" ({r})"))
                .unwrap_or_default(),
            _ => String::new(),
        };
        let token = keys.issue(
            &user.email,
            user.role,
            user.campus_ids.clone(),
            user.region_code,
            Duration::hours(12),
            now,
        )?;
        out.push((user.role.as_str().to_owned(), scope, token));
    }
    Ok(out)
}
