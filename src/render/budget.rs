//! A time and a memory budget for every render of a template.
//!
//! Templates in a repository's `templates/` are code written by whoever committed them. Typst
//! limits call depth and `while` loops by itself, Tera recursion is refused before rendering
//! (`tera_recursion`), but a loop over a huge range, nested loops, or a string doubled in a
//! loop still run for hours or take all the memory of the machine. So every render runs under
//! a [`Rendering`] guard, and:
//!
//! - a watchdog thread checks every [`TICK`] how long each render in flight has run; past the
//!   time budget it prints which template and which document, and ends the process with exit
//!   code 2;
//! - a stack overflow on a rendering thread (typst's values can nest deeper than any stack) is
//!   caught by a fault handler that prints the same kind of message and exits with code 2;
//! - [`Counting`], the global allocator of the binary, keeps the live heap of the process; an
//!   allocation by a thread that is rendering that would take the heap past the memory budget
//!   is never made: the thread stops there and the watchdog reports it the same way.
//!
//! Ending the process is safe: outputs are staged and put in place only when every render has
//! succeeded, so the previous output stays intact. `_exit` is used, not `exit`: render threads
//! are still running or stopped mid-allocation, so nothing of the process may be torn down.
//!
//! Budgets come from the environment (not from `kurator.yaml`, which is the repository's data
//! and so under the control of whoever the budget protects against):
//! `KURATOR_RENDER_TIMEOUT` in seconds per document, default [`DEFAULT_SECONDS`];
//! `KURATOR_MEMORY_LIMIT` in megabytes for the whole process, default the smaller of
//! [`DEFAULT_MEMORY_MB`] and three quarters of the machine's memory.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicIsize, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The variable that sets the time budget of one document, in seconds.
pub const TIMEOUT_VAR: &str = "KURATOR_RENDER_TIMEOUT";
/// The variable that sets the memory budget of the process, in megabytes.
pub const MEMORY_VAR: &str = "KURATOR_MEMORY_LIMIT";
/// Default time budget of one document, five minutes. A build renders about a hundred
/// documents a second (BENCHMARKS.md); the largest ones, the registers of a big centre, have
/// not been timed alone, so the budget is generous: a template still running after five
/// minutes is stuck.
pub const DEFAULT_SECONDS: u64 = 300;
/// Default memory budget (the cap; less on a machine with less than 5⅓ GB): a build of 10,000
/// families peaks at 2.6 GB (BENCHMARKS.md).
pub const DEFAULT_MEMORY_MB: u64 = 4096;
/// How often the watchdog looks.
const TICK: Duration = Duration::from_millis(25);

/// The budgets of this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest a render of one document may take.
    pub time: Duration,
    /// Most live heap the process may hold while a template renders, in bytes.
    pub memory: usize,
}

impl Limits {
    /// The budgets from [`TIMEOUT_VAR`] and [`MEMORY_VAR`], or the defaults; an unreadable value
    /// is an error in Russian.
    pub fn from_env() -> Result<Limits, String> {
        let seconds = number(TIMEOUT_VAR, "секунд")?.unwrap_or(DEFAULT_SECONDS);
        let megabytes = match number(MEMORY_VAR, "мегабайт")? {
            Some(megabytes) => megabytes,
            None => DEFAULT_MEMORY_MB.min(machine_memory_mb().map_or(u64::MAX, |m| m / 4 * 3)),
        };
        Ok(Limits {
            time: Duration::from_secs(seconds),
            memory: usize::try_from(megabytes.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX),
        })
    }
}

/// A whole number above zero from the variable `name`, if set.
fn number(name: &str, unit: &str) -> Result<Option<u64>, String> {
    let Some(value) = std::env::var_os(name) else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    match text.trim().parse::<u64>() {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(format!(
            "переменная окружения {name}=«{text}»: ожидается целое число {unit} больше нуля"
        )),
    }
}

/// Physical memory of the machine, in megabytes.
fn machine_memory_mb() -> Option<u64> {
    // SAFETY: sysconf only reads system constants.
    let (pages, size) = unsafe {
        (
            libc::sysconf(libc::_SC_PHYS_PAGES),
            libc::sysconf(libc::_SC_PAGESIZE),
        )
    };
    (pages > 0 && size > 0).then(|| (pages as u64).saturating_mul(size as u64) / (1024 * 1024))
}

/// The budgets in force; none until [`install`].
static LIMITS: OnceLock<Limits> = OnceLock::new();
/// Live heap of the process, in bytes (kept by [`Counting`]).
static LIVE: AtomicIsize = AtomicIsize::new(0);
/// Bytes a thread counts by itself before it adds them to [`LIVE`]: the shared counter is
/// touched about once a megabyte, not at every allocation, so threads that allocate at once
/// (rayon loading thousands of files) do not contend for it. The budget is checked at those
/// moments, so it holds to within a megabyte a thread.
const BATCH: isize = 1 << 20;
/// The memory budget the allocator enforces; no limit until [`install`].
static MEMORY: AtomicUsize = AtomicUsize::new(usize::MAX);
/// The render that went over the memory budget, 0 for none.
static OVER: AtomicU64 = AtomicU64::new(0);
/// Renders in flight by id.
static FLIGHTS: Mutex<BTreeMap<u64, Flight>> = Mutex::new(BTreeMap::new());
/// How many renders are in flight: the memory budget holds only while one is.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static NEXT: AtomicU64 = AtomicU64::new(1);
/// [`OVER`] when the allocation over the budget was made by a thread not rendering itself.
const LONGEST: u64 = u64::MAX;
static WATCHDOG: OnceLock<()> = OnceLock::new();

thread_local! {
    /// The render in flight on this thread, 0 for none. A `const` cell without a destructor:
    /// the allocator may read it at any time without allocating.
    static CURRENT: Cell<u64> = const { Cell::new(0) };
    /// This thread's allocations not yet added to [`LIVE`], in bytes (negative: freed).
    static PENDING: Cell<isize> = const { Cell::new(0) };
    /// Never stopped by the memory budget: the watchdog, and a thread while it holds the lock
    /// of the renders in flight (stopped there, it would keep the watchdog from reporting).
    static EXEMPT: Cell<bool> = const { Cell::new(false) };
    /// The stack-overflow message of the render in flight on this thread (pointer, length),
    /// read by the fault handler; null for none.
    static OVERFLOW: Cell<(*const u8, usize)> = const { Cell::new((std::ptr::null(), 0)) };
}

/// One render in flight.
struct Flight {
    /// «шаблон templates/journal.typ, документ журнал/журнал-2024.pdf».
    subject: String,
    started: Instant,
    /// What the fault handler prints if this render overflows its stack: written out
    /// beforehand, since a signal handler may not allocate. Only held here, to keep it alive:
    /// the handler reads it through `OVERFLOW`.
    #[allow(dead_code)]
    overflow: Box<str>,
}

/// Puts `limits` in force for the rest of the process: from here on renders under a
/// [`Rendering`] guard are watched. Later calls change nothing.
pub fn install(limits: Limits) {
    if LIMITS.set(limits).is_ok() {
        MEMORY.store(limits.memory, Ordering::Relaxed);
        catch_overflow();
    }
}

/// The handlers of SIGSEGV and SIGBUS that were there before [`catch_overflow`] (Rust's own,
/// which reports a stack overflow and aborts).
static PREVIOUS: OnceLock<[libc::sigaction; 2]> = OnceLock::new();
const FAULTS: [libc::c_int; 2] = [libc::SIGSEGV, libc::SIGBUS];

/// Turns a stack overflow during a render into a message naming the template and the document
/// and exit code 2, instead of an abort (exit 134). Typst bounds the depth of calls, layout and
/// parsing, but not of values: an array nested a few thousand deep by a loop overflows the
/// stack when printed, compared or dropped. No stack is large enough for every such value, so
/// the overflow itself is caught. The standard library gives the main thread and every thread it
/// starts an alternate signal stack and a guard page (because it installs its own overflow
/// handler at start-up); this handler runs on that alternate stack. A fault on a thread that is
/// not rendering (rayon's layout threads among them) goes to the handler that was there before,
/// which reports the overflow and aborts; any fault on a rendering thread is reported as an
/// overflow, the only fault safe Rust code there can cause.
fn catch_overflow() {
    let mut previous: [libc::sigaction; 2] =
        // SAFETY: sigaction is plain old data; all zeros is a valid value.
        unsafe { std::mem::zeroed() };
    for (signal, old) in FAULTS.iter().zip(previous.iter_mut()) {
        // SAFETY: a handler is installed with a zeroed mask; the old one is kept in `old`.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_fault as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            if libc::sigaction(*signal, &action, old) != 0 {
                return;
            }
        }
    }
    let _ = PREVIOUS.set(previous);
}

/// The fault handler: only what is safe in a signal handler — a thread-local read, `write`,
/// `_exit`, `sigaction`.
extern "C" fn on_fault(
    signal: libc::c_int,
    info: *mut libc::siginfo_t,
    context: *mut libc::c_void,
) {
    let (message, len) = OVERFLOW
        .try_with(Cell::get)
        .unwrap_or((std::ptr::null(), 0));
    if !message.is_null() {
        // SAFETY: the message is owned by the render in flight on this thread, which cannot
        // end while this thread is in its handler; write and _exit are async-signal-safe.
        unsafe {
            libc::write(2, message.cast(), len);
            libc::_exit(2);
        }
    }
    let index = FAULTS.iter().position(|s| *s == signal).unwrap_or(0);
    match PREVIOUS.get().map(|p| p[index]) {
        Some(old) if old.sa_sigaction != libc::SIG_DFL && old.sa_sigaction != libc::SIG_IGN => {
            // SAFETY: the previous handler, called as it was registered (with or without
            // SA_SIGINFO).
            unsafe {
                if old.sa_flags & libc::SA_SIGINFO != 0 {
                    let handler: extern "C" fn(
                        libc::c_int,
                        *mut libc::siginfo_t,
                        *mut libc::c_void,
                    ) = std::mem::transmute(old.sa_sigaction);
                    handler(signal, info, context);
                } else {
                    let handler: extern "C" fn(libc::c_int) = std::mem::transmute(old.sa_sigaction);
                    handler(signal);
                }
            }
        }
        _ => {
            // SAFETY: back to the default action; the faulting instruction runs again and the
            // process ends as it would have without this handler.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = libc::SIG_DFL;
                libc::sigaction(signal, &action, std::ptr::null_mut());
            }
        }
    }
}

/// While alive, this thread renders `template` for `document` under the budgets.
#[must_use = "the render is watched only while the guard lives"]
pub struct Rendering {
    id: u64,
}

impl Rendering {
    /// Starts watching the render of `document` by `template` (both as messages name them).
    pub fn start(template: &str, document: &Path) -> Rendering {
        Rendering::watch(format!(
            "шаблон {template}, документ {}",
            document.display()
        ))
    }

    /// Starts watching other work on templates (`what`, as messages name it: «разбор шаблонов
    /// HTML»): a template nested deep enough overflows the parser's stack.
    pub fn parsing(what: &str) -> Rendering {
        Rendering::watch(what.to_owned())
    }

    fn watch(subject: String) -> Rendering {
        let Some(limits) = LIMITS.get().copied() else {
            return Rendering { id: 0 };
        };
        WATCHDOG.get_or_init(|| {
            std::thread::Builder::new()
                .name("kurator-budget".into())
                .spawn(move || watch(limits))
                .map(|_| ())
                // Without the watchdog, a render over the memory budget would wait for ever.
                .unwrap_or_else(|e| stop(&format!("не удалось запустить надзор за шаблонами: {e}")))
        });
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        let overflow = format!(
            "kurator: ошибка: {subject}: слишком глубокая рекурсия или вложенность (переполнение \
             стека). {FIX}\n"
        )
        .into_boxed_str();
        let message = (overflow.as_ptr(), overflow.len());
        let flight = Flight {
            subject,
            started: Instant::now(),
            overflow,
        };
        with_flights(|flights| flights.insert(id, flight));
        IN_FLIGHT.fetch_add(1, Ordering::Relaxed);
        OVERFLOW.set(message);
        CURRENT.set(id);
        Rendering { id }
    }
}

/// What staff can do about a template over a budget.
const FIX: &str = "Исправьте шаблон или удалите его из templates/, чтобы вернуть встроенный";

impl Drop for Rendering {
    fn drop(&mut self) {
        if self.id != 0 {
            CURRENT.set(0);
            OVERFLOW.set((std::ptr::null(), 0));
            IN_FLIGHT.fetch_sub(1, Ordering::Relaxed);
            with_flights(|flights| flights.remove(&self.id));
        }
    }
}

/// Runs `f` on the renders in flight, exempt from the memory budget while it holds their lock.
fn with_flights<T>(f: impl FnOnce(&mut BTreeMap<u64, Flight>) -> T) -> T {
    let was = EXEMPT.replace(true);
    let result = f(&mut FLIGHTS.lock().unwrap_or_else(|p| p.into_inner()));
    EXEMPT.set(was);
    result
}

/// The watchdog: reports the first render over a budget and ends the process.
fn watch(limits: Limits) {
    EXEMPT.set(true);
    loop {
        std::thread::sleep(TICK);
        let over = OVER.load(Ordering::Relaxed);
        if over != 0 {
            let subject = with_flights(|flights| {
                let flight = match over {
                    LONGEST => flights.values().min_by_key(|f| f.started),
                    id => flights.get(&id),
                };
                flight.map_or_else(|| "шаблон".to_owned(), |f| f.subject.clone())
            });
            stop(&format!(
                "{subject}: занято больше памяти, чем позволено ({} МБ на процесс) — похоже, \
                 шаблон строит огромный список или строку. {FIX}; предел задаёт переменная \
                 окружения {MEMORY_VAR} (мегабайты)",
                limits.memory / (1024 * 1024)
            ));
        }
        let late = with_flights(|flights| {
            let late = flights
                .values()
                .filter(|f| f.started.elapsed() > limits.time);
            late.min_by_key(|f| f.started).map(|f| f.subject.clone())
        });
        if let Some(subject) = late {
            stop(&format!(
                "{subject}: сборка идёт дольше {} с — похоже, в шаблоне бесконечный или слишком \
                 большой цикл. {FIX}; предел задаёт переменная окружения {TIMEOUT_VAR} (секунды)",
                limits.time.as_secs()
            ));
        }
    }
}

/// Prints `message` and ends the process with exit code 2 at once.
fn stop(message: &str) -> ! {
    let text = format!("kurator: ошибка: {message}\n");
    // Straight to the descriptor: no lock that a stopped thread might hold.
    let mut bytes = text.as_bytes();
    while !bytes.is_empty() {
        // SAFETY: writes from a valid buffer of the given length to stderr.
        let written = unsafe { libc::write(2, bytes.as_ptr().cast(), bytes.len()) };
        if written <= 0 {
            break;
        }
        bytes = &bytes[written as usize..];
    }
    // SAFETY: ends the process without running destructors or atexit handlers, which other
    // threads, stopped anywhere, could be in the middle of.
    unsafe { libc::_exit(2) }
}

/// Changes the live heap by `delta` bytes; the new total when this thread's batch went to the
/// shared counter, else `None`.
fn change(delta: isize) -> Option<isize> {
    let flushed = PENDING.try_with(|pending| {
        let total = pending.get().saturating_add(delta);
        if total.abs() < BATCH {
            pending.set(total);
            None
        } else {
            pending.set(0);
            Some(total)
        }
    });
    let add = match flushed {
        Ok(None) => return None,
        Ok(Some(total)) => total,
        // The thread is ending: straight to the shared counter.
        Err(_) => delta,
    };
    Some(LIVE.fetch_add(add, Ordering::Relaxed).saturating_add(add))
}

/// Adds `size` to the live heap before an allocation of it. Past the budget while a template
/// renders, the allocation is never made: the thread stops here and the watchdog reports (see
/// the module docs). Allocations of a rendering thread are blamed on its render; those of other
/// threads (typst lays pages out on rayon's) on the render in flight longest.
fn account(size: usize) {
    let Some(live) = change(isize::try_from(size).unwrap_or(isize::MAX)) else {
        return;
    };
    let over = usize::try_from(live).is_ok_and(|live| live > MEMORY.load(Ordering::Relaxed));
    if !over || IN_FLIGHT.load(Ordering::Relaxed) == 0 {
        return;
    }
    let (render, exempt) = (CURRENT.try_with(Cell::get), EXEMPT.try_with(Cell::get));
    if exempt.unwrap_or(true) {
        return;
    }
    let blame = match render {
        Ok(id) if id != 0 => id,
        _ => LONGEST,
    };
    let _ = OVER.compare_exchange(0, blame, Ordering::Relaxed, Ordering::Relaxed);
    // The watchdog ends the process within a tick; sleeping allocates nothing.
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

/// Takes `size` bytes off the live heap (freed, or never allocated).
fn release(size: usize) {
    change(-isize::try_from(size).unwrap_or(isize::MAX));
}

/// A new block of `size` bytes from `allocate`, counted.
fn counted(size: usize, allocate: impl FnOnce() -> *mut u8) -> *mut u8 {
    account(size);
    let ptr = allocate();
    if ptr.is_null() {
        release(size);
    }
    ptr
}

/// A global allocator that counts the live heap for the memory budget around another one.
pub struct Counting<A>(pub A);

// SAFETY: every call is forwarded to the inner allocator with the same arguments; only a
// counter is kept besides.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        counted(layout.size(), || unsafe { self.0.alloc(layout) })
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        counted(layout.size(), || unsafe { self.0.alloc_zeroed(layout) })
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        release(layout.size());
        // SAFETY: forwarded as received.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old_size = layout.size();
        if new_size > old_size {
            account(new_size - old_size);
        } else {
            release(old_size - new_size);
        }
        // SAFETY: forwarded as received.
        let moved = unsafe { self.0.realloc(ptr, layout, new_size) };
        if moved.is_null() {
            // The old block stays as it was.
            if new_size > old_size {
                release(new_size - old_size);
            } else {
                account(old_size - new_size);
            }
        }
        moved
    }
}
