//! kurator: case files of a family social-service centre, validated and rendered.
//!
//! Data flows one way: `load` (files → typed repository + diagnostics) → `rules` (domain
//! checks) → later stages. `validate` is `load` + `rules`, so it can never disagree with a build.

pub mod body;
pub mod build;
pub mod calendar;
pub mod demo;
pub mod desk;
pub mod diagnostic;
pub mod documents;
pub mod fuzzing;
pub mod git;
pub mod grammar;
pub mod history;
pub mod indicators;
pub mod load;
pub mod model;
pub mod output;
pub mod provenance;
pub mod region;
pub mod render;
pub mod rules;
pub mod schema;
pub mod serve;
