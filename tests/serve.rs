//! `kurator serve`: the real binary on a copy of the base fixture, spoken to over plain HTTP
//! (std `TcpStream`) and, for the reload, by headless Chromium. No timings are asserted: each
//! wait is a poll with a generous limit.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const AS_OF: &str = "2025-06-30";
const CASE: &str = "cases/2024-001.yaml";
const CARD: &str = "/cases/2024-001/карточка.html";

/// A running `kurator serve`, stopped with SIGINT when dropped (if the test did not stop it).
struct Served {
    child: Child,
    port: u16,
}

impl Served {
    fn start(root: &Path) -> Served {
        let mut child = common::kurator()
            .args([
                "serve", "--port", "0", "--format", "html", "--as-of", AS_OF, "--root",
            ])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("kurator serve starts");
        let stdout = child.stdout.take().unwrap();
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                println!("serve: {line}");
                let _ = sender.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(120);
        let port = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = lines
                .recv_timeout(left)
                .expect("kurator serve prints its address");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                break digits.parse().expect("a port");
            }
        };
        Served { child, port }
    }

    /// `GET path` with `Host: 127.0.0.1:port` unless `host` says otherwise.
    fn get_as(&self, path: &str, host: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("a reply");
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("GET {path}: no HTTP header in {raw:?}"));
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status");
        Reply {
            status,
            head,
            body: String::from_utf8_lossy(&raw[split + 4..]).into_owned(),
        }
    }

    fn get(&self, path: &str) -> Reply {
        self.get_as(path, &format!("127.0.0.1:{}", self.port))
    }

    /// Polls `path` until `ok` holds of the reply (at most 30 s); the reply.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let reply = self.get(path);
            if ok(&reply) {
                return reply;
            }
            if Instant::now() > deadline {
                panic!(
                    "{what}: not seen in 30 s; last reply {}:\n{}",
                    reply.status, reply.body
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// SIGINT, then the exit status (at most 30 s).
    fn interrupt(&mut self) -> ExitStatus {
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: signalling our own child.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "kurator serve did not stop on SIGINT"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

/// A URL path with every non-ASCII byte percent-encoded, as a browser sends it.
fn url(path: &str) -> String {
    path.bytes()
        .map(|b| match b.is_ascii() {
            true => (b as char).to_string(),
            false => format!("%{b:02X}"),
        })
        .collect()
}

/// Replaces `from` by `to` in the case file, in place (as `echo >` or a simple editor writes).
fn edit_in_place(root: &Path, from: &str, to: &str) {
    let path = root.join(CASE);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in the case file");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Replaces `from` by `to` the way most editors save: a temporary file renamed over the case.
fn edit_by_rename(root: &Path, from: &str, to: &str) {
    let path = root.join(CASE);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in the case file");
    let temp = root.join("cases/.2024-001.yaml.swp-new");
    fs::write(&temp, text.replacen(from, to, 1)).unwrap();
    fs::rename(&temp, &path).unwrap();
}

/// The local address of the socket listening on `port` in /proc/net/tcp (and tcp6), as
/// the kernel shows it: `0100007F` is 127.0.0.1.
fn listening_addresses(port: u16) -> Vec<String> {
    let mut found = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = fs::read_to_string(table) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(state)) = (fields.get(1), fields.get(3)) else {
                continue;
            };
            let Some((address, hex_port)) = local.split_once(':') else {
                continue;
            };
            if *state == "0A" && u16::from_str_radix(hex_port, 16) == Ok(port) {
                found.push(format!("{table} {address}"));
            }
        }
    }
    found
}

#[test]
fn serve_rebuilds_on_save_shows_errors_and_stops_on_sigint() {
    let dir = common::base_repo();
    let root = dir.path();
    let mut served = Served::start(root);

    // Loopback only: the one listening socket is 127.0.0.1's.
    assert_eq!(
        listening_addresses(served.port),
        vec!["/proc/net/tcp 0100007F".to_owned()],
        "kurator serve must listen on 127.0.0.1 only"
    );

    // The case page, with the reload script added at response time only.
    let card = served.get(&url(CARD));
    assert_eq!(card.status, 200, "{}", card.body);
    assert!(
        card.head.contains("text/html; charset=utf-8"),
        "{}",
        card.head
    );
    assert!(card.body.contains("ул. Садовая"), "{}", card.body);
    assert!(card.body.contains("/.kurator/events"), "no reload script");
    let on_disk = fs::read_to_string(root.join("out/cases/2024-001/карточка.html")).unwrap();
    assert!(
        !on_disk.contains("/.kurator/events"),
        "the script went into out/"
    );
    let css = served.get("/style.css");
    assert_eq!(css.status, 200);
    assert!(css.head.contains("text/css"), "{}", css.head);

    // Saved in place, then by an editor's rename: the page follows.
    edit_in_place(root, "ул. Садовая", "ул. Вишнёвая");
    served.wait_for(&url(CARD), "the edit in place", |r| {
        r.status == 200 && r.body.contains("ул. Вишнёвая")
    });
    edit_by_rename(root, "ул. Вишнёвая", "ул. Липовая");
    served.wait_for(&url(CARD), "the edit by rename", |r| {
        r.status == 200 && r.body.contains("ул. Липовая")
    });

    // A broken file: the page is replaced by the error, located, as validate prints it.
    edit_by_rename(root, "  дата: 2024-04-22", "  дата: 2024-13-22");
    let error = served.wait_for(&url(CARD), "the error page", |r| {
        r.body.contains("cases/2024-001.yaml:4:9")
    });
    assert!(
        error.body.contains("В данных есть ошибки"),
        "{}",
        error.body
    );
    assert!(error.body.contains("такой даты нет"), "{}", error.body);
    assert!(
        error.body.contains("проверьте число и месяц"),
        "no hint: {}",
        error.body
    );
    assert!(
        !error.body.contains("ул. Липовая"),
        "a stale page beside the error"
    );
    assert!(
        error.body.contains("/.kurator/events"),
        "the error page must reload too"
    );
    // Every page, not only the broken case's.
    let index = served.get("/");
    assert!(
        index.body.contains("cases/2024-001.yaml:4:9"),
        "{}",
        index.body
    );
    // out/ still holds the last good build.
    let on_disk = fs::read_to_string(root.join("out/cases/2024-001/карточка.html")).unwrap();
    assert!(on_disk.contains("ул. Липовая"));

    // Fixed: the page is back.
    edit_in_place(root, "  дата: 2024-13-22", "  дата: 2024-04-22");
    served.wait_for(&url(CARD), "the page after the fix", |r| {
        r.status == 200
            && r.body.contains("ул. Липовая")
            && !r.body.contains("В данных есть ошибки")
    });

    // Nothing outside the output folder, nor kurator's own files, nor through a link.
    fs::write(root.join("secret.txt"), "секрет вне папки").unwrap();
    std::os::unix::fs::symlink(root.join("secret.txt"), root.join("out/link.html")).unwrap();
    std::os::unix::fs::symlink(root.join("cases"), root.join("out/linked")).unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/cases/..%2f..%2fsecret.txt",
        "/cases/%2E%2E/%2E%2E/secret.txt",
        "/.kurator-build.json",
        "/.kurator-lock",
        "/link.html",
        "/linked/2024-001.yaml",
        "//etc/passwd",
    ] {
        let reply = served.get(path);
        assert!(
            (400..500).contains(&reply.status),
            "{path}: status {}",
            reply.status
        );
        assert!(
            !reply.body.contains("секрет"),
            "{path} leaked: {}",
            reply.body
        );
        assert!(!reply.body.contains("номер: 2024-001"), "{path} leaked");
        assert!(!reply.body.contains("root:"), "{path} leaked");
    }
    let missing = served.get(&url("/нет-такой.html"));
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Страница не найдена"),
        "{}",
        missing.body
    );
    // A page asked for under another host name (DNS rebinding) is refused.
    assert_eq!(served.get_as("/", "evil.example").status, 403);

    // Ctrl-C: exit 0 and the folder's lock released.
    let status = served.interrupt();
    assert_eq!(status.code(), Some(0), "{status:?}");
    let lock = fs::File::open(root.join("out/.kurator-lock")).unwrap();
    lock.try_lock()
        .expect("the output folder's lock is released");
    drop(lock);
    // The folder is what build leaves: a build after the preview has nothing to write.
    fs::remove_file(root.join("out/link.html")).unwrap();
    fs::remove_file(root.join("out/linked")).unwrap();
    let build = common::kurator()
        .args(["build", "--format", "html", "--as-of", AS_OF, "--root"])
        .arg(root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "{stderr}");
    assert!(stderr.contains("записано файлов 0"), "{stderr}");
}

/// Node.js and Debian's Chromium are part of the suite (tests/clients): missing, they fail.
fn node_and_chromium() -> (PathBuf, PathBuf) {
    let find = |name: &str| {
        std::env::var_os("PATH")
            .into_iter()
            .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    };
    let node = find("node").unwrap_or_else(|| {
        panic!(
            "node not found: the browser test needs Node.js 20+ (Debian: apt-get install nodejs)"
        )
    });
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| find("chromium"))
        .unwrap_or_else(|| {
            panic!("chromium not found: the browser test needs Debian's chromium (apt-get install chromium)")
        });
    let modules = common::project_root().join("tests/clients/node_modules/playwright-core");
    assert!(
        modules.is_dir(),
        "{} missing: run tests/clients/run prepare (npm ci of the pinned playwright-core)",
        modules.display()
    );
    (node, chromium)
}

#[test]
fn serve_reloads_the_open_page_in_chromium() {
    let (node, chromium) = node_and_chromium();
    let dir = common::base_repo();
    let root = dir.path();
    let served = Served::start(root);
    let output = Command::new(node)
        .arg(common::project_root().join("tests/clients/serve-reload.mjs"))
        .arg(format!("http://127.0.0.1:{}{}", served.port, url(CARD)))
        .arg(root.join(CASE))
        .args(["ул. Садовая", "ул. Черёмуховая"])
        .env("CHROMIUM", chromium)
        .current_dir(common::project_root().join("tests/clients"))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("0 problems"), "{stdout}");
}

/// A client that asks for a large file and never reads it holds its own request only: the
/// preview keeps answering everyone else (each request has its own thread).
#[test]
fn a_client_that_stops_reading_blocks_nobody_else() {
    let dir = common::base_repo();
    let root = dir.path();
    let served = Served::start(root);
    served.wait_for(&url(CARD), "the card page", |r| r.status == 200);
    // Far more than the socket buffers hold, so the server's write blocks on this client.
    fs::write(root.join("out/large.txt"), vec![b'x'; 64 << 20]).unwrap();
    let mut stuck = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    write!(
        stuck,
        "GET /large.txt HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        served.port
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let card = served.get(&url(CARD));
    assert_eq!(card.status, 200, "{}", card.body);
    drop(stuck);
}
