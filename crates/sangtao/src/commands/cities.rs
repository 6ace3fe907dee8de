//! `sangtao import-cities [DIR] [--as LOGIN]`: the UCCN city list (and its map points)
//! written keyed on the UNESCO slug, with the Vietnamese facts; the same code as the
//! admin page (`app::cities`). Prints what was added, changed and left unchanged.

use super::{open_store, runtime};
use crate::config::Settings;
use std::path::PathBuf;
use std::process::ExitCode;

/// The account named does not exist or may not edit the directory.
pub const EXIT_NO_ACCOUNT: u8 = 3;
/// A file is missing, unreadable or not the expected CSV.
pub const EXIT_UNREADABLE: u8 = 5;

#[derive(clap::Args)]
pub struct ImportCitiesArgs {
    /// The folder holding the UCCN CSV files.
    #[arg(default_value = app::cities::DEFAULT_DIR)]
    dir: PathBuf,
    /// The account the audit log names (an admin or a Board member).
    #[arg(long = "as", default_value = "admin")]
    login: String,
}

pub fn run(settings: Settings, args: ImportCitiesArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = open_store(&settings).await?;
        let Some(user) = store.user_by_login(&args.login).await? else {
            eprintln!("sangtao: no account {:?}", args.login);
            return Ok(ExitCode::from(EXIT_NO_ACCOUNT));
        };
        let actor = domain::Actor {
            user_id: user.id,
            roles: user.roles,
            unit_ids: user.units.iter().map(|u| u.id).collect(),
            active: user.active,
        };
        if !domain::cities::can_edit_cities(&actor) {
            eprintln!("sangtao: {} may not edit the city directory", args.login);
            return Ok(ExitCode::from(EXIT_NO_ACCOUNT));
        }
        use app::cities::CityImportError as E;
        match app::cities::import_dir(&store, &args.dir, &actor).await {
            Ok(r) => {
                println!(
                    "sangtao: cities from {}: {} added, {} changed, {} unchanged",
                    args.dir.display(),
                    r.added,
                    r.changed,
                    r.unchanged
                );
                Ok(ExitCode::SUCCESS)
            }
            Err(e @ (E::Read { .. } | E::Csv(..))) => {
                eprintln!("sangtao: {e}; nothing was imported");
                Ok(ExitCode::from(EXIT_UNREADABLE))
            }
            Err(e) => Err(anyhow::anyhow!(
                "city import failed, nothing was saved: {e}"
            )),
        }
    })
}
