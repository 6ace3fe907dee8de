//! `sangtao user add|reset|list`.

use super::{open_store, runtime};
use crate::config::Settings;
use clap::Subcommand;
use domain::{Language, Role};
use std::process::ExitCode;
use store::NewUser;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account; prints its one-time password.
    Add {
        /// Login: lowercase letters, digits, . - _
        login: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// Roles, comma-separated: admin, board, staff, finance, office, partner.
        #[arg(long, value_delimiter = ',', default_value = "staff")]
        role: Vec<String>,
        /// Units (name or number), repeatable.
        #[arg(long)]
        unit: Vec<String>,
    },
    /// Issue a new one-time password and end the account's sessions.
    Reset { login: String },
    /// List the accounts.
    List,
}

fn one_time() -> anyhow::Result<(String, String)> {
    let otp = domain::password::generate_one_time_password()?;
    let hash = domain::password::hash_password(&otp)?;
    Ok((otp, hash))
}

pub fn run(settings: Settings, cmd: UserCommand) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = open_store(&settings).await?;
        let err = |e: store::StoreError| anyhow::anyhow!("{e}");
        match cmd {
            UserCommand::Add {
                login,
                name,
                role,
                unit,
            } => {
                let login = login.trim().to_lowercase();
                if !web::admin::users::valid_login(&login) {
                    anyhow::bail!(
                        "login {login:?} is not valid: use 2–64 lowercase letters, digits, . - _"
                    );
                }
                if store.user_by_login(&login).await.map_err(err)?.is_some() {
                    anyhow::bail!("login {login} is already taken");
                }
                let roles = role
                    .iter()
                    .map(|r| r.trim().parse::<Role>())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| {
                        anyhow::anyhow!("{e}: use admin, board, staff, finance, office or partner")
                    })?;
                let units = store.list_units().await.map_err(err)?;
                let mut unit_ids = Vec::new();
                for u in &unit {
                    let key = domain::unit_key(u);
                    let found = units
                        .iter()
                        .find(|x| x.id.to_string() == *u || x.name == *u || x.key == key)
                        .ok_or_else(|| {
                            anyhow::anyhow!("no unit named {u:?}; see the Units page for names")
                        })?;
                    unit_ids.push(found.id);
                }
                let (otp, hash) = one_time()?;
                store
                    .create_user(NewUser {
                        login: login.clone(),
                        display_name: name,
                        password_hash: hash,
                        must_change_password: true,
                        language: Language::Vi,
                        roles,
                        unit_ids,
                    })
                    .await
                    .map_err(err)?;
                println!("sangtao: created {login}; one-time password: {otp}");
            }
            UserCommand::Reset { login } => {
                let user = store
                    .user_by_login(&login.trim().to_lowercase())
                    .await
                    .map_err(err)?
                    .ok_or_else(|| anyhow::anyhow!("no account with login {login}"))?;
                let (otp, hash) = one_time()?;
                store
                    .set_password_by(user.id, &hash, true, None)
                    .await
                    .map_err(err)?;
                store.delete_user_sessions(user.id).await.map_err(err)?;
                println!("sangtao: new one-time password for {}: {otp}", user.login);
            }
            UserCommand::List => {
                for u in store.list_users().await.map_err(err)? {
                    let roles: Vec<&str> = u.roles.iter().map(|r| r.as_str()).collect();
                    let units: Vec<&str> = u.units.iter().map(|x| x.name.as_str()).collect();
                    println!(
                        "{}\t{}\t{}\t{}{}",
                        u.login,
                        u.display_name,
                        roles.join(","),
                        units.join("; "),
                        if u.must_change_password {
                            "\t(must change password)"
                        } else {
                            ""
                        }
                    );
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}
