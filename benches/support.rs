//! A long, realistic Career Index for benchmarks.

// Each benchmark uses part of this file.
#![allow(dead_code)]

/// A Career Index of about `lines` lines: every section, with long Wins, Timeline and
/// Skills tables and prose, as someone with a long career would keep it.
pub fn career_index(lines: usize) -> String {
    let mut text = String::from(
        "# Career\n\n[LinkedIn](https://www.linkedin.com/in/example)\n\n> Platform engineer who makes teams faster 🚀\n\n## 🎯 Vision\n\n**North Star (2031):** Lead a platform organisation that other companies copy.\n\n### The Picture\n- **Life:** Four-day weeks near the coast\n- **Role:** VP of Platform Engineering\n- **Impact:** Every team ships daily\n- **Reach:** Keynotes and a book\n\n## 2026 Theme\n\n> **\"Go external\"**\n\n**→ [[2026 Goals]]** — Full cascade\n\n## Current Role\n\n### Scope\n| Dimension | Value |\n|-----------|-------|\n| Direct reports | 9 |\n| Total org | 64 |\n\n## Innovation Thesis\n\n### The Belief\n> Platform teams should be product teams.\n\n## Network & Influence\n\n### Sponsors\n| Name | Context |\n|------|---------|\n| Priya Raman | VP Eng |\n\n### Mentors\n- **Tomás Ortega** — former CTO\n\n## External Visibility\n\n| Channel | Target | Status |\n|---------|--------|--------|\n| Speaking | KubeCon EU | Accepted |\n\n## Business Impact\n\n| Initiative | Business Impact | Year |\n|------------|-----------------|------|\n| Migration | $1.2M saved | 2025 |\n\n## Risk Register\n\n| Risk | Likelihood | Impact | Mitigation |\n|------|------------|--------|------------|\n| Reorg | Medium | High | Keep the network warm |\n\n## Open Tasks\n\n- [ ] Ask Priya about the promo packet\n\n## Growth\n\n### Skills Inventory\n| Domain | Level | Last Active | Notes |\n|--------|-------|-------------|-------|\n",
    );
    let mut i = 0;
    while text.lines().count() < lines * 2 / 5 {
        text.push_str(&format!("| Skill {i} | Advanced | 2025 | Used on project {i} with *emphasis* and [notes](skills.md#s{}) |\n", i % 7));
        i += 1;
    }
    text.push_str("\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|-------|------|---------|-----------------|\n");
    while text.lines().count() < lines * 3 / 5 {
        text.push_str(&format!(
            "| 20{:02} | Engineer {i} | Company {i} | Shipped {i} services, cut costs {}% |\n",
            i % 26,
            i % 90
        ));
        i += 1;
    }
    text.push_str("\n## Wins & Artifacts\n\n### 2025\n");
    while text.lines().count() < lines {
        text.push_str(&format!(
            "- **Win {i}** — Moved {i} services to the new platform, saving ${}k a year; `code` and **bold** and _em_ 日本語\n",
            i % 900
        ));
        if i % 5 == 0 {
            text.push_str("  wrapped detail line that continues the win above\n");
        }
        if i % 40 == 0 {
            text.push_str(&format!("\n### {}\n", 2024 - i / 40));
        }
        i += 1;
    }
    text
}

/// A place in a note, in the units each consumer wants: bytes for the library, a row and a
/// byte column for tree-sitter, a line and a UTF-16 column for the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub byte: usize,
    pub line: usize,
    pub byte_column: usize,
    pub utf16_column: usize,
}

impl Spot {
    /// The spot at byte `byte` of `text`.
    pub fn at(text: &str, byte: usize) -> Spot {
        let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
        Spot {
            byte,
            line: text[..byte].matches('\n').count(),
            byte_column: byte - line_start,
            utf16_column: text[line_start..byte].encode_utf16().count(),
        }
    }

    /// `into` bytes into the first `needle` of `text`.
    pub fn in_first(text: &str, needle: &str, into: usize) -> Spot {
        let start = text
            .find(needle)
            .unwrap_or_else(|| panic!("the note holds {needle:?}"));
        Spot::at(text, start + into)
    }

    /// Where a one-character edit goes in a Career Index: inside the word "services" of
    /// the middle Wins bullet, after the bullet's em dash, so that byte and UTF-16 columns
    /// differ.
    pub fn in_wins(text: &str) -> Spot {
        let bullets: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&start| text[start..].starts_with("- **Win "))
            .collect();
        assert!(!bullets.is_empty(), "the note has Wins bullets");
        let start = bullets[bullets.len() / 2];
        let column = text[start..]
            .find("services")
            .expect("a Wins bullet mentions services");
        Spot::at(text, start + column + "serv".len())
    }
}

/// A one-character edit typed and undone over and over at one place: the `i`th edit
/// inserts `x` when `i` is even and deletes it again when `i` is odd, so the text is back
/// to the original after every second edit.
pub fn typed(spot: Spot, i: usize) -> (std::ops::Range<usize>, &'static str) {
    if i.is_multiple_of(2) {
        (spot.byte..spot.byte, "x")
    } else {
        (spot.byte..spot.byte + 1, "")
    }
}

/// The text of a short Goals note for 2026 that links back to the Career Index.
pub fn goals_note() -> String {
    "# 2026 Goals\n\n→ [[Career]]\n\n## Annual Goals\n\n| # | Goal | Pillar | Metric | Status |\n|---|------|--------|--------|--------|\n| G1 | Speak at two conferences | Reach | 2 talks | On track |\n| G2 | Grow two senior engineers | Impact | 2 promotions | At risk |\n| G3 | Four-day weeks by autumn | Life | 32-hour weeks | Not started |\n\n## Q1 Priorities\n\n- [ ] Submit the KubeCon talk (G1)\n- [ ] Promotion packet for Ana (G2)\n\n## Weekly Actions\n\n### Week of 2026-03-09\n- [x] Draft the talk abstract (G1)\n\n## Monthly Reviews\n\n### February\n- Talk accepted at a meetup.\n".to_string()
}

/// The name of the `i`th generated session log: one a day from 2000-01-01, filed by year.
pub fn session_log_path(i: usize) -> String {
    let day = chrono_day(i);
    format!("Sessions/{}/{day} Career Coaching Session.md", &day[..4])
}

/// A session log as people keep them: a focus line, a few bullets per section, links to
/// the Career Index, the Goals note and the previous session; every tenth links to a note
/// that does not exist.
pub fn session_log(i: usize) -> String {
    let day = chrono_day(i);
    let previous = if i > 0 {
        format!(
            "- Follows up on [[{} Career Coaching Session]].\n",
            chrono_day(i - 1)
        )
    } else {
        String::new()
    };
    let broken = if i.is_multiple_of(10) {
        format!("- Read [[Reading List {i}]] before next time.\n")
    } else {
        String::new()
    };
    format!(
        "# {day} Career Coaching Session\n\n**Focus:** Quarter {} planning, topic {i}\n\n## Discussed\n- Walked through [[Career#Vision]] and the wins since last time.\n{previous}- The promotion case for [[2026 Goals]] G2 needs {} more examples.\n\n## Decisions\n- Ask Priya for a sponsor conversation.\n{broken}\n## Open Threads\n- What is the value of project {i}?\n",
        i % 4 + 1,
        i % 5 + 1
    )
}

/// A workspace of `notes` notes under `root`: a Career Index of `index_lines` lines, its
/// 2026 Goals note, a profile, a `career-lsp.toml` that fixes today's date, and session
/// logs for the rest.
pub fn vault(root: &std::path::Path, notes: usize, index_lines: usize) {
    let write = |relative: &str, text: &str| {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().expect("a note has a folder"))
            .expect("the folder is created");
        std::fs::write(path, text).expect("the note is written");
    };
    write("career-lsp.toml", "today = \"2026-03-15\"\n");
    write("Career.md", &career_index(index_lines));
    write("2026 Goals.md", &goals_note());
    write(
        "CLAUDE.md",
        "# Profile\n\nPlatform engineer, nine reports, aiming at VP of Platform.\n\n## How to Help\n- One question at a time.\n",
    );
    for i in 0..notes.saturating_sub(3) {
        write(&session_log_path(i), &session_log(i));
    }
}

/// `10000` as `10,000`.
pub fn thousands(n: usize) -> String {
    career_lsp::model::unreadable::thousands(n as u64)
}

/// The `percent`th percentile of `times`, by nearest rank.
pub fn percentile(times: &[std::time::Duration], percent: usize) -> std::time::Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let rank = (sorted.len() * percent).div_ceil(100).max(1);
    sorted[rank - 1]
}

/// A duration in the unit that suits it: `12.3 µs`, `4.56 ms`, `1.23 s`.
pub fn human(duration: std::time::Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds < 1e-3 {
        format!("{:.1} µs", seconds * 1e6)
    } else if seconds < 1.0 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{seconds:.2} s")
    }
}

/// `2000-01-01` plus `i` days, as `YYYY-MM-DD`.
fn chrono_day(i: usize) -> String {
    const DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (mut year, mut month, mut left) = (2000u32, 0usize, i as u32);
    loop {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let length = DAYS[month] + u32::from(month == 1 && leap);
        if left < length {
            return format!("{year:04}-{:02}-{:02}", month + 1, left + 1);
        }
        left -= length;
        month += 1;
        if month == 12 {
            month = 0;
            year += 1;
        }
    }
}
