//! `kurator serve`: the output folder served on 127.0.0.1, rebuilt when a repository file is
//! saved, and reloaded in the browser by itself — the preview zola, mdBook and `typst watch`
//! users know.
//!
//! The round (check, then [`crate::build::build`] into the locked output folder) is the
//! command's; this module holds what is particular to serving:
//! - [`Preview`]: what the HTTP side knows of the rounds — a generation that grows when the
//!   output or the failure changes, and the last failure (data errors or a failed build);
//! - [`serve_http`]: a small synchronous server ([`tiny_http`]) that answers only from inside
//!   the output folder, through the guards of [`crate::output::folder`] (no `..`, no link
//!   followed, no kurator's own files), and that adds at response time, never on disk, a small
//!   script to every HTML page: it listens to server-sent events and reloads the page when the
//!   generation changes. While the last round failed, every HTML page is replaced by the
//!   failure (file:line:column, message, hint — what `validate` prints, HTML-escaped), so the
//!   author never reads a stale page as the current one. `out/` stays byte-identical to `build`;
//! - [`Watcher`]: the repository's inputs watched ([`notify`]), their events batched
//!   ([`BATCH_QUIET`], capped at [`BATCH_MAX`]), the output folder ignored;
//! - [`interrupted`]: SIGINT and SIGTERM noted, so the command ends its round, drops the
//!   folder's lock and exits 0.

use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::output::folder::{self, OutFolder, check_relative};
use crate::render::escape_markup;

/// Where the reload script listens; `.kurator…` is never an output path ([`check_relative`]).
const EVENTS_PATH: &str = "/.kurator/events";
/// A batch of file events ends after this long without a new one.
const BATCH_QUIET: Duration = Duration::from_millis(100);
/// …or this long after its first event, whatever keeps coming.
const BATCH_MAX: Duration = Duration::from_millis(1000);
/// The largest output served (a register of 10,000 families is far below).
const MAX_SERVED: u64 = 512 * 1024 * 1024;

/// What went wrong in the last round, shown in the browser instead of the pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The data have errors: the diagnostics as `validate` prints them (plain text).
    Data(String),
    /// The build failed (a template, the output folder): the error text.
    Build(String),
}

#[derive(Debug, Default)]
struct State {
    generation: u64,
    failure: Option<Failure>,
}

/// The state the rounds share with the HTTP side.
#[derive(Debug, Default)]
pub struct Preview {
    state: Mutex<State>,
    changed: Condvar,
}

impl Preview {
    /// A preview at generation 0 without failure.
    pub fn new() -> Preview {
        Preview::default()
    }

    /// Records a round's result: the generation grows (and open pages reload) when outputs
    /// changed or the failure is not the one shown.
    pub fn finished(&self, outputs_changed: bool, failure: Option<Failure>) {
        let mut state = self.lock();
        if outputs_changed || state.failure != failure {
            state.generation += 1;
            state.failure = failure;
            self.changed.notify_all();
        }
    }

    /// The current generation.
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until the generation differs from `seen` or `timeout` passes; the generation now.
    fn wait_change(&self, seen: u64, timeout: Duration) -> u64 {
        let state = self.lock();
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        state.generation
    }
}

/// Binds `127.0.0.1:port` (0: any free port), loopback only: the preview shows personal data.
pub fn bind(port: u16) -> io::Result<(tiny_http::Server, u16)> {
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| {
        let kind = e.downcast_ref::<io::Error>().map(io::Error::kind);
        let why = match kind {
            Some(io::ErrorKind::AddrInUse) => "порт уже занят (может быть, другим kurator serve)",
            Some(io::ErrorKind::PermissionDenied) => "порты до 1024 доступны только администратору",
            _ => "система не дала занять порт",
        };
        io::Error::new(
            kind.unwrap_or(io::ErrorKind::AddrInUse),
            format!(
                "не удалось занять адрес 127.0.0.1:{port}: {why}. Укажите другой порт: --port N \
                 (0 — любой свободный)"
            ),
        )
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(port);
    Ok((server, port))
}

/// Requests answered at once, event streams included: a client that stops reading holds one
/// of them, never the whole preview; beyond the limit a request gets 503 at once.
const MAX_REQUESTS: usize = 64;

/// Answers requests until the process ends: files from `folder`, the reload events, a Russian
/// 404 — each request in its own thread, so a slow or stuck client delays only itself.
pub fn serve_http(
    server: tiny_http::Server,
    port: u16,
    folder: Arc<OutFolder>,
    preview: Arc<Preview>,
) {
    let busy = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for request in server.incoming_requests() {
        if busy.fetch_add(1, Ordering::SeqCst) >= MAX_REQUESTS {
            busy.fetch_sub(1, Ordering::SeqCst);
            let _ = request.respond(text(503, "Слишком много запросов одновременно."));
            continue;
        }
        let (busy, folder, preview) =
            (Arc::clone(&busy), Arc::clone(&folder), Arc::clone(&preview));
        std::thread::spawn(move || {
            respond(request, port, &folder, &preview);
            busy.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// One request: its answer, or its event stream until the page closes.
fn respond(request: tiny_http::Request, port: u16, folder: &OutFolder, preview: &Preview) {
    if !host_is_local(&request, port) {
        let _ = request.respond(text(
            403,
            "Доступ только по адресу 127.0.0.1 или localhost.",
        ));
        return;
    }
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    if path == EVENTS_PATH {
        return events(request, preview);
    }
    let response = match request.method() {
        tiny_http::Method::Get | tiny_http::Method::Head => answer(&path, folder, preview),
        _ => text(405, "Предпросмотр только показывает страницы."),
    };
    let _ = request.respond(response);
}

/// A DNS name that resolves to 127.0.0.1 must not let a web page read the preview: only the
/// loopback names are accepted in `Host`.
fn host_is_local(request: &tiny_http::Request, port: u16) -> bool {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_ascii_lowercase());
    match host {
        None => true,
        Some(host) => ["127.0.0.1", "localhost"]
            .iter()
            .any(|name| host == *name || host == format!("{name}:{port}")),
    }
}

type Response = tiny_http::Response<io::Cursor<Vec<u8>>>;

/// The response to `GET path`.
fn answer(path: &str, folder: &OutFolder, preview: &Preview) -> Response {
    let (generation, failure) = {
        let state = preview.lock();
        (state.generation, state.failure.clone())
    };
    // Longer than any path kurator writes: not here, whatever the file system would say.
    const MAX_PATH: usize = 1024;
    let Some(mut rel) = path
        .strip_prefix('/')
        .filter(|p| p.len() <= MAX_PATH)
        .and_then(percent_decode)
    else {
        return not_found(generation, failure.as_ref());
    };
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    let full = match check_relative(&rel)
        .map_err(|_| ())
        .and_then(|()| folder.dir_for(&rel, false).map_err(|_| ()))
    {
        Ok(full) => full,
        Err(()) => return not_found(generation, failure.as_ref()),
    };
    if std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_dir())
        && std::fs::symlink_metadata(full.join("index.html")).is_ok_and(|m| m.is_file())
    {
        let location = format!("{path}/");
        return tiny_http::Response::from_data(Vec::new())
            .with_status_code(301)
            .with_header(header("Location", &location));
    }
    let is_html = extension(&rel) == "html";
    if is_html && let Some(failure) = &failure {
        return html(200, failure_page(failure, generation));
    }
    match folder::read_regular(&full, MAX_SERVED) {
        Ok(Some(bytes)) if is_html => html(200, with_reload(bytes, generation)),
        Ok(Some(bytes)) => tiny_http::Response::from_data(bytes)
            .with_header(header("Content-Type", content_type(&rel)))
            .with_header(header("Cache-Control", "no-store"))
            .with_header(header("X-Content-Type-Options", "nosniff")),
        Ok(None) => not_found(generation, failure.as_ref()),
        Err(_) => text(403, "Этот файл kurator не показывает: он не обычный файл."),
    }
}

/// The event stream of a page: the current generation at once, then each new one; a comment
/// every 15 s finds a closed page and ends the thread.
fn events(request: tiny_http::Request, preview: &Preview) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: close\r\n\r\nretry: 500\n\n";
    if writer.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut seen = preview.generation();
    let mut message = format!("data: {seen}\n\n");
    loop {
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        let now = preview.wait_change(seen, Duration::from_secs(15));
        message = match now == seen {
            true => ": ping\n\n".to_owned(),
            false => format!("data: {now}\n\n"),
        };
        seen = now;
    }
}

/// The script added to every HTML response: it reloads the page when the server's generation
/// is not the one the page was served at (reconnecting by itself if the server restarts).
fn reload_script(generation: u64) -> String {
    format!(
        "<script>/* kurator serve */(function(){{var g=\"{generation}\";\
         var s=new EventSource(\"{EVENTS_PATH}\");\
         s.onmessage=function(e){{if(e.data!==g){{s.close();location.reload();}}}};}})();</script>"
    )
}

/// `page` with the reload script before its last `</body>` (or at its end).
fn with_reload(page: Vec<u8>, generation: u64) -> Vec<u8> {
    let script = reload_script(generation);
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + script.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The page shown instead of every page while the last round failed.
fn failure_page(failure: &Failure, generation: u64) -> Vec<u8> {
    let (title, advice, body) = match failure {
        Failure::Data(text) => (
            "В данных есть ошибки",
            "Сайт не обновлён: страницы собираются, только когда в данных нет ошибок. \
             Исправьте их и сохраните файл — страница обновится сама.",
            text,
        ),
        Failure::Build(text) => (
            "Сборка не удалась",
            "Сайт не обновлён. Исправьте причину и сохраните файл — страница обновится сама.",
            text,
        ),
    };
    page(
        title,
        &format!(
            "<p>{}</p><pre class=\"kurator-errors\">{}</pre>",
            escape_markup(advice),
            escape_markup(body)
        ),
        generation,
    )
}

fn not_found(generation: u64, failure: Option<&Failure>) -> Response {
    if let Some(failure) = failure {
        return html(404, failure_page(failure, generation));
    }
    html(
        404,
        page(
            "Страница не найдена",
            "<p>Такой страницы в папке результата нет. <a href=\"/\">На главную</a></p>",
            generation,
        ),
    )
}

fn page(title: &str, body: &str, generation: u64) -> Vec<u8> {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>{title} — \
         kurator</title><style>body{{font-family:sans-serif;margin:2em;max-width:60em}}\
         pre{{background:#fff4f4;border-left:4px solid #c00;padding:1em;white-space:pre-wrap}}\
         </style></head><body><h1>{title}</h1>{body}</body></html>\n"
    );
    with_reload(page.into_bytes(), generation)
}

fn html(status: u16, bytes: Vec<u8>) -> Response {
    tiny_http::Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn text(status: u16, message: &str) -> Response {
    tiny_http::Response::from_data(format!("{message}\n").into_bytes())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    // Only fixed names and values, or a request path that tiny_http has already parsed.
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| tiny_http::Header::from_bytes("X-Kurator", "1").expect("header"))
}

fn extension(rel: &str) -> &str {
    Path::new(rel)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
}

/// The content type of an output by its extension.
fn content_type(rel: &str) -> &'static str {
    match extension(rel).to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" | "csv" => "text/plain; charset=utf-8",
        // The curators' calendars, subscribed to by URL when the site is served.
        "ics" => "text/calendar; charset=utf-8",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes of a URL path; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The repository's inputs, watched: `cases/`, `meetings/`, `calendar/`, `reports/`,
/// `templates/`, `kurator.yaml`, and git's `HEAD` and branches (a commit changes the documents' stamps) —
/// in `.git/`, or where `.git` points in a worktree. The output folder is never watched, nor
/// reported if it lies among them.
pub struct Watcher {
    root: PathBuf,
    out: PathBuf,
    git: Option<GitDirs>,
    watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    watched: Vec<PathBuf>,
}

/// Folders watched with everything below them: every folder `load` reads data from, and the
/// centre's templates.
fn watched_folders() -> impl Iterator<Item = &'static str> {
    crate::load::DATA_DIRS.into_iter().chain(["templates"])
}

/// Where git keeps `HEAD` (the worktree's own folder) and the branches (shared by worktrees).
#[derive(Debug, Clone, PartialEq, Eq)]
struct GitDirs {
    head: PathBuf,
    common: PathBuf,
}

/// The git folders of the repository at `root`: `.git/`, or in a worktree the folder its `.git`
/// file names (`gitdir: …`) and that folder's `commondir`. Read, never run: no git needed.
fn git_dirs(root: &Path) -> Option<GitDirs> {
    let dot_git = root.join(".git");
    let meta = std::fs::symlink_metadata(&dot_git).ok()?;
    if meta.is_dir() {
        return Some(GitDirs {
            head: dot_git.clone(),
            common: dot_git,
        });
    }
    let small = |path: &Path| {
        crate::output::folder::read_regular(path, 4096)
            .ok()
            .flatten()
            .and_then(|b| String::from_utf8(b).ok())
    };
    let text = small(&dot_git)?;
    let head = root.join(text.trim().strip_prefix("gitdir:")?.trim());
    let common = match small(&head.join("commondir")) {
        Some(rel) => head.join(rel.trim()),
        None => head.clone(),
    };
    let clean = |p: PathBuf| std::fs::canonicalize(&p).unwrap_or(p);
    Some(GitDirs {
        head: clean(head),
        common: clean(common),
    })
}

impl Watcher {
    /// Starts watching the repository at `root` (absolute paths both).
    pub fn new(root: &Path, out: &Path) -> notify::Result<Watcher> {
        let (sender, events) = mpsc::channel();
        // A link inside cases/ must not take the watch out of the repository (a link to / would
        // watch the whole machine); what is behind a link is not read anyway (load::file).
        let watcher = notify::RecommendedWatcher::new(
            move |event| {
                let _ = sender.send(event);
            },
            notify::Config::default().with_follow_symlinks(false),
        )?;
        let mut watcher = Watcher {
            root: root.to_owned(),
            out: out.to_owned(),
            git: git_dirs(root),
            watcher,
            events,
            watched: Vec::new(),
        };
        watcher.watch_new_folders()?;
        Ok(watcher)
    }

    /// Watches the folders that exist now and were not watched yet (a `calendar/` made while
    /// serving is watched from the next round on; its creation is seen at the root).
    pub fn watch_new_folders(&mut self) -> notify::Result<()> {
        let mut wanted = vec![(self.root.clone(), RecursiveMode::NonRecursive)];
        wanted.extend(watched_folders().map(|f| (self.root.join(f), RecursiveMode::Recursive)));
        if let Some(git) = &self.git {
            wanted.extend([
                (git.head.clone(), RecursiveMode::NonRecursive),
                (git.common.clone(), RecursiveMode::NonRecursive),
                (git.common.join("refs/heads"), RecursiveMode::Recursive),
            ]);
        }
        for (path, mode) in wanted {
            // A link is not followed: the repository's inputs are real folders.
            let is_dir = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
            if is_dir && !self.watched.contains(&path) {
                self.watcher.watch(&path, mode)?;
                self.watched.push(path);
            }
        }
        Ok(())
    }

    /// Waits for the next batch of changes to the inputs: the changed paths (relative to the
    /// root, sorted, without repeats), or `None` once `stop` is set.
    pub fn next_batch(&mut self, stop: &AtomicBool) -> Option<Vec<PathBuf>> {
        // How often an idle watcher looks at `stop`.
        let idle = Duration::from_millis(100);
        let mut changed: Vec<PathBuf> = Vec::new();
        // When the batch's first and latest events came.
        let mut batch: Option<(Instant, Instant)> = None;
        loop {
            if stop.load(Ordering::SeqCst) {
                return None;
            }
            let wait = match batch {
                None => idle,
                Some((first, last)) => {
                    let left = (BATCH_QUIET.saturating_sub(last.elapsed()))
                        .min(BATCH_MAX.saturating_sub(first.elapsed()));
                    if left.is_zero() {
                        changed.sort();
                        changed.dedup();
                        return Some(changed);
                    }
                    left
                }
            };
            let event = match self.events.recv_timeout(wait) {
                Ok(Ok(event)) if matches!(event.kind, EventKind::Access(_)) => continue,
                Ok(Ok(event)) => {
                    let relevant: Vec<PathBuf> =
                        event.paths.iter().filter_map(|p| self.input(p)).collect();
                    if relevant.is_empty() {
                        continue;
                    }
                    relevant
                }
                // A lost event (queue overflow) is a change somewhere: rebuild.
                Ok(Err(_)) => vec![PathBuf::from(".")],
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            };
            changed.extend(event);
            let now = Instant::now();
            batch = Some((batch.map_or(now, |(first, _)| first), now));
        }
    }

    /// `path` relative to the root when it is one of the inputs (git's files as they are).
    fn input(&self, path: &Path) -> Option<PathBuf> {
        if path.starts_with(&self.out) {
            return None;
        }
        if let Some(git) = &self.git {
            let not_lock = !path.to_string_lossy().ends_with(".lock");
            if path == git.head.join("HEAD")
                || path == git.common.join("packed-refs")
                || (path.starts_with(git.common.join("refs/heads")) && not_lock)
            {
                return Some(
                    path.strip_prefix(&self.root)
                        .map_or_else(|_| path.to_owned(), Path::to_owned),
                );
            }
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<&str> = rel
            .components()
            .map(|c| match c {
                Component::Normal(s) => s.to_str().unwrap_or(""),
                _ => "",
            })
            .collect();
        let wanted = match parts.as_slice() {
            [file] if *file == crate::load::CONFIG_FILE => true,
            [folder, ..] => watched_folders().any(|f| f == *folder),
            [] => false,
        };
        wanted.then(|| rel.to_owned())
    }
}

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static BUILDING: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    if BUILDING.load(Ordering::SeqCst) {
        // A build killed at any moment leaves the previous outputs or the new ones, and a
        // manifest that vouches for them (output::manifest); the system drops the lock. So
        // Ctrl-C during a long first build ends it now rather than in minutes.
        const SAID: &[u8] = "\nПредпросмотр остановлен во время сборки; сборка прервана, \
                             следующая начнётся заново.\n"
            .as_bytes();
        // SAFETY: write and _exit are async-signal-safe.
        unsafe {
            libc::write(2, SAID.as_ptr().cast(), SAID.len());
            libc::_exit(0);
        }
    }
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Notes SIGINT (Ctrl-C) and SIGTERM instead of dying of them: the flag they set, which the
/// command reads between rounds to release the output folder and exit 0. During a round
/// ([`Building`]) the process exits 0 at once, which the manifest's crash safety allows.
pub fn interrupted() -> &'static AtomicBool {
    // SAFETY: the handler only touches atomics and calls async-signal-safe functions.
    unsafe {
        let handler: extern "C" fn(libc::c_int) = on_signal;
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as libc::sighandler_t;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGINT, &action, std::ptr::null_mut());
        libc::sigaction(libc::SIGTERM, &action, std::ptr::null_mut());
    }
    &INTERRUPTED
}

/// While alive, a round is building: an interrupt ends the process at once.
pub struct Building(());

impl Building {
    /// Marks a round as started; unless an interrupt came first (then `None`).
    pub fn start() -> Option<Building> {
        BUILDING.store(true, Ordering::SeqCst);
        if INTERRUPTED.load(Ordering::SeqCst) {
            BUILDING.store(false, Ordering::SeqCst);
            return None;
        }
        Some(Building(()))
    }
}

impl Drop for Building {
    fn drop(&mut self) {
        BUILDING.store(false, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_calendar_is_served_as_a_calendar() {
        // A mail client subscribing to кураторы/<ФИО>.ics reads the type, not the name.
        assert_eq!(
            content_type("кураторы/Белозёрова-Н-А.ics"),
            "text/calendar; charset=utf-8"
        );
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = with_reload(b"<html><body>x</body></html>".to_vec(), 7);
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with("<html><body>x<script>"), "{page}");
        assert!(page.ends_with("</script></body></html>"), "{page}");
        assert!(page.contains("var g=\"7\""));
    }

    #[test]
    fn failures_are_escaped() {
        let page = failure_page(&Failure::Data("cases/a.yaml:1:2: <b>&".into()), 1);
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("cases/a.yaml:1:2: &lt;b&gt;&amp;"), "{page}");
    }

    #[test]
    fn a_worktree_s_git_folders_are_found() {
        let dir = testdir::tempdir().unwrap();
        let main = dir.path().join("main/.git");
        std::fs::create_dir_all(main.join("worktrees/wt")).unwrap();
        std::fs::write(main.join("worktrees/wt/commondir"), "../..\n").unwrap();
        let wt = dir.path().join("wt");
        std::fs::create_dir_all(&wt).unwrap();
        std::fs::write(
            wt.join(".git"),
            format!("gitdir: {}\n", main.join("worktrees/wt").display()),
        )
        .unwrap();
        let dirs = git_dirs(&wt).unwrap();
        let main = std::fs::canonicalize(&main).unwrap();
        assert_eq!(dirs.head, main.join("worktrees/wt"));
        assert_eq!(dirs.common, main);
        std::fs::create_dir_all(dir.path().join("plain/.git")).unwrap();
        let plain = git_dirs(&dir.path().join("plain")).unwrap();
        assert_eq!(plain.head, plain.common);
    }

    #[test]
    fn paths_decode() {
        assert_eq!(percent_decode("%D0%B0.html").as_deref(), Some("а.html"));
        assert_eq!(percent_decode("%2e%2e/x").as_deref(), Some("../x"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%ff"), None);
    }
}
