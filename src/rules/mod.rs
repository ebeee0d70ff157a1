//! Domain rules over a loaded repository.
//!
//! `integrity` finds data that cannot be right (an error stops a build); compliance with
//! deadlines is a different thing and never fails validation.

mod integrity;

pub use integrity::check as integrity;
