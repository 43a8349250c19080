//! `past-goals-year`: a Goals note for a past year, and none for this year.

use chrono::Datelike;

use super::fixes_support::create_note_fix;
use super::{finding, Context, Finding, Rule, RuleMeta, Severity};
use crate::methodology::templates::goals_file_name;
use crate::model::Note;

pub struct PastGoalsYear;

impl PastGoalsYear {
    pub const META: RuleMeta = RuleMeta {
        code: "past-goals-year",
        default_severity: Severity::Info,
        documentation: include_str!("docs/past-goals-year.md"),
        blind_spot: None,
    };
}

impl Rule for PastGoalsYear {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(year) = note.as_goals().and_then(|g| g.year) else {
            return Vec::new();
        };
        let this_year = context.today.year();
        if year >= this_year {
            return Vec::new();
        }
        if context.has_goals_for(this_year) {
            return Vec::new();
        }
        let mut found = finding(
            self,
            note.title_range(),
            format!("These are your {year} goals and there is no {this_year} Goals note yet — what will this year be about?"),
        );
        let name = goals_file_name(this_year);
        found.fixes.extend(create_note_fix(
            note,
            context,
            format!("Create {this_year} Goals note"),
            name.strip_suffix(".md").unwrap_or(&name),
        ));
        vec![found]
    }
}
