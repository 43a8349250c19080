//! The vault a fuzzed note is put in: the note as one kind of career note, with small
//! companion notes of the other kinds that link to it and that it may link to, in a
//! workspace whose clock is pinned so that every run reads the same dates.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use career_lsp::workspace::{Batch, Config, Document, RootFolder, Workspace};
use chrono::NaiveDate;

/// The root of the in-memory vault (no file under it exists on disk).
pub const ROOT: &str = "/vault";

/// The date every run takes as today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).expect("a valid date")
}

/// The configuration of every workspace: the defaults, with the clock pinned.
pub fn config() -> Config {
    Config {
        today: Some(today()),
        ..Config::default()
    }
}

/// The kinds of note a fuzzed text is read as, each by its place in the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    CareerIndex,
    Goals,
    SessionLog,
    /// `CLAUDE.md` beside the Career Index: a career profile.
    Profile,
    Plain,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::CareerIndex,
        Role::Goals,
        Role::SessionLog,
        Role::Profile,
        Role::Plain,
    ];

    /// The note's path below the root.
    pub fn relative_path(self) -> &'static str {
        match self {
            Role::CareerIndex => "Career.md",
            Role::Goals => "2026 Goals.md",
            // Not today's date: the log "Start a session log" would create is another note.
            Role::SessionLog => "Sessions/2026/2026-03-09 Career Coaching Session.md",
            Role::Profile => "CLAUDE.md",
            Role::Plain => "notes/Reading list.md",
        }
    }

    pub fn path(self) -> PathBuf {
        Path::new(ROOT).join(self.relative_path())
    }

    /// The fixed text of this role's note when the fuzzed note plays another role.
    pub fn companion_text(self) -> &'static str {
        match self {
            Role::CareerIndex => CAREER_INDEX,
            Role::Goals => GOALS,
            Role::SessionLog => SESSION_LOG,
            Role::Profile => PROFILE,
            Role::Plain => PLAIN,
        }
    }
}

const CAREER_INDEX: &str = "# Career\n\n## Vision\n\n**North Star (2031):** Lead a platform org.\n\n### The Picture\n- **Role:** VP of Platform\n- **Life:** Four-day weeks\n\n## Current Role\n\nStaff engineer. See [[CLAUDE]] and [[Reading list]].\n\n## Wins & Artifacts\n\n### 2025\n- **Migration** — Moved 40 services, cutting deploy time 60%\n- Improved reliability\n\n## Network & Influence\n\n### Sponsors\n| Name | Context |\n|------|---------|\n| Priya | VP Eng |\n\n## Sessions\n- [[2026-03-09 Career Coaching Session]]\n- [[2026 Goals#Annual Goals]]\n";

const GOALS: &str = "# 2026 Goals\n\n→ [[Career#Vision]]\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|------|---------|----------------|--------|--------|\n| G1 | Ship the platform | 10 teams onboarded | In progress | Role |\n| G2 | Speak at 2 conferences | | Done | |\n\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---------|-----------|-------|\n| Q1 | Stabilize | G1, G7 |\n\n## Monthly Milestones\n- [ ] Draft talk (G2) — Feb 2026\n- [x] Onboard team 1 (G1)\n\n## Weekly Actions\n### Week of 2026-03-09\n- [ ] Email the CFP chair (G2) [[Reading list]]\n";

const SESSION_LOG: &str = "# 2026-03-09 Career Coaching Session\n\n## Summary\nTalked about G1 and [[Career#Vision]].\n\n## Actions\n- [ ] Draft the talk (G2)\n";

const PROFILE: &str = "# CLAUDE.md\n\n## About Me\nStaff engineer; see [[Career]].\n";

const PLAIN: &str = "# Reading list\n\n- [[Career]]\n- [[2026 Goals#Weekly Actions]]\n";

/// The companion notes, built once: each as the workspace builds a note it indexes.
fn companions() -> &'static [(Role, Document)] {
    static BUILT: OnceLock<Vec<(Role, Document)>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let builder = empty_workspace().builder();
        Role::ALL
            .into_iter()
            .map(|role| {
                let text = role.companion_text().to_string();
                (role, builder.document(role.path(), None, text))
            })
            .collect()
    })
}

fn empty_workspace() -> Workspace {
    let mut workspace = Workspace::new(config());
    workspace.add_root_folder(RootFolder::read(PathBuf::from(ROOT)));
    workspace
}

/// A workspace with `text` open as the note of `role`, and the other roles' companion
/// notes indexed beside it.
pub fn workspace_with(role: Role, text: &str) -> Workspace {
    let mut workspace = empty_workspace();
    let documents = companions()
        .iter()
        .filter(|(other, _)| *other != role)
        .map(|(_, document)| document.clone())
        .collect();
    workspace.add_read(Batch {
        documents,
        unread: Vec::new(),
    });
    workspace.open(role.path(), 1, text.to_string());
    workspace
}
