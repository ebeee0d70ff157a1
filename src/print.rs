//! Printing that a closed pipe cannot turn into a panic.
//!
//! `print!` panics when stdout is a pipe whose reader has gone (`kurator check | head`): the
//! Rust runtime ignores SIGPIPE, so the write fails with `EPIPE` and `print!` panics on it
//! (exit 101 with a «panicked» message). kurator keeps SIGPIPE ignored — restoring the default
//! would let the signal kill the process, and it would kill `kurator serve` too the first time
//! a browser hangs up mid-answer — and prints everything through [`stdout`] instead:
//! a write that finds the reader gone marks stdout closed, the rest of the output is dropped
//! without a word, and the command finishes its work and exits with the code it would have
//! had (so `kurator validate | head` still says 1 when the data has errors). Any other write
//! error (a full disk behind `>`) is returned, and the command stops with exit code 2.
//! Messages for the operator go to stderr through [`stderr`], which never fails: when stderr
//! itself is gone there is nobody left to tell.
//!
//! Commands write through the macros `out!` and `outln!` (like `print!`/`println!`, but
//! returning `io::Result<()>`) and `note!` (like `eprintln!`, never failing).

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a write to stdout found the reader gone.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes to stdout; a closed pipe is not an error, any other failure is.
pub fn stdout(text: fmt::Arguments) -> io::Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let written = io::stdout().lock().write_fmt(text);
    quiet_on_closed_pipe(written)
}

/// Flushes stdout, as [`stdout`] writes: called once at the end of `main`.
pub fn flush() -> io::Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    quiet_on_closed_pipe(io::stdout().lock().flush())
}

/// Writes to stderr, ignoring failure.
pub fn stderr(text: fmt::Arguments) {
    let _ = io::stderr().lock().write_fmt(text);
}

fn quiet_on_closed_pipe(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => Err(io::Error::new(
            e.kind(),
            format!("запись в стандартный вывод: {e}"),
        )),
        Ok(()) => Ok(()),
    }
}

/// Whether `error` is, or was caused by, a write into a closed pipe.
pub fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// `print!` that returns `io::Result<()>` and is quiet on a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::print::stdout(format_args!($($arg)*))
    };
}

/// `println!` that returns `io::Result<()>` and is quiet on a closed pipe.
macro_rules! outln {
    () => {
        $crate::print::stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::print::stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!` that never panics.
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::print::stderr(format_args!("{}\n", format_args!($($arg)*)))
    };
}
