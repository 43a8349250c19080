//! A long, realistic Career Index for benchmarks.

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
