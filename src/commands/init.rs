//! `kurator init <DIR>`: a new, valid, empty case repository with editor support.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use kurator::load::{CASES_DIR, CONFIG_FILE, MEETINGS_DIR};
use kurator::output::write_new;

/// Arguments of `kurator init`.
#[derive(clap::Args)]
pub struct Args {
    /// Папка нового репозитория; создаётся, если её нет.
    #[arg(value_name = "ПАПКА")]
    dir: PathBuf,
}

/// Creates the layout; refuses a folder that already holds a repository and never overwrites.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    if dir.join(CONFIG_FILE).exists() {
        bail!(
            "в {} уже есть {CONFIG_FILE}: репозиторий уже создан",
            dir.display()
        );
    }
    let mut files: Vec<(PathBuf, String)> = vec![
        (
            CONFIG_FILE.into(),
            include_str!("../../assets/init/kurator.yaml").into(),
        ),
        (
            ".gitignore".into(),
            include_str!("../../assets/init/gitignore").into(),
        ),
        (
            ".vscode/settings.json".into(),
            include_str!("../../assets/init/vscode-settings.json").into(),
        ),
        (
            "README.md".into(),
            include_str!("../../assets/init/README.md").into(),
        ),
        // CI for the centre: validate every push, build the quarterly pack on a tag or schedule.
        (
            ".github/workflows/kurator.yml".into(),
            include_str!("../../assets/init/github-workflow.yml").into(),
        ),
        (
            ".gitlab-ci.yml".into(),
            include_str!("../../assets/init/gitlab-ci.yml").into(),
        ),
    ];
    let lists = kurator::schema::Lists::of_files(&files);
    for (name, text, _) in kurator::schema::schema_files(&lists) {
        files.push((PathBuf::from("schema").join(name), text));
    }
    for sub in [CASES_DIR, MEETINGS_DIR] {
        fs::create_dir_all(dir.join(sub))
            .with_context(|| format!("создание {}", dir.join(sub).display()))?;
    }
    for (path, text) in &files {
        let full = dir.join(path);
        match write_new(&full, text.as_bytes()) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                note!("{} уже есть — оставлен как был", full.display());
            }
            Err(e) => return Err(e).with_context(|| format!("запись {}", full.display())),
        }
    }
    outln!(
        "Репозиторий случаев создан в {}.\nДальше: впишите реквизиты и кураторов в {CONFIG_FILE}, включите историю (git init) и заведите первую семью (kurator new <номер>) — по шагам в README.md.",
        dir.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
