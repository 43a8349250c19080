//! The vision's pillars — Life, Role, Impact, Reach — the four parts of the picture a goal
//! can serve, and the North Star, which a goal can serve as a whole.

use serde::Serialize;

/// A part of the vision's picture (the Career Index's `### The Picture`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Pillar {
    Life,
    Role,
    Impact,
    Reach,
}

impl Pillar {
    /// In the template's order.
    pub const ALL: [Pillar; 4] = [Pillar::Life, Pillar::Role, Pillar::Impact, Pillar::Reach];

    pub fn name(self) -> &'static str {
        match self {
            Pillar::Life => "Life",
            Pillar::Role => "Role",
            Pillar::Impact => "Impact",
            Pillar::Reach => "Reach",
        }
    }

    /// The pillar `word` names, in any case, with punctuation around it ignored.
    pub fn from_word(word: &str) -> Option<Pillar> {
        let word = word.trim().trim_matches(|c: char| !c.is_alphanumeric());
        Pillar::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(word))
    }
}

/// The vision's one-sentence statement, which a goal can serve as a whole instead of one
/// pillar.
pub const NORTH_STAR: &str = "North Star";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::templates;

    #[test]
    fn the_pillars_are_the_pictures_lines_and_the_goals_templates_choices() {
        let names: Vec<&str> = Pillar::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names, ["Life", "Role", "Impact", "Reach"]);
        // The Career Index's picture has one line per pillar, in this order, under the
        // North Star; the Goals note's Vision cell offers the same four.
        let index = templates::career_index(2026);
        let mut at = index
            .find(&format!("**{NORTH_STAR} ("))
            .expect("the template's North Star line");
        for name in &names {
            let line = format!("- **{name}:**");
            let found = index[at..].find(&line).unwrap_or_else(|| panic!("{line}"));
            at += found;
        }
        let goals = templates::goals(2026, chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        assert!(goals.contains(&format!("| [{}] |", names.join(" / "))));
    }

    #[test]
    fn a_pillar_is_read_in_any_case_with_punctuation_around_it() {
        assert_eq!(Pillar::from_word("role"), Some(Pillar::Role));
        assert_eq!(Pillar::from_word(" **Reach:** "), Some(Pillar::Reach));
        assert_eq!(Pillar::from_word("Roles"), None);
        assert_eq!(Pillar::from_word(NORTH_STAR), None);
    }
}
