//! Where a session's open threads went: `→ session of 2026-03-12`, `→ Open Tasks`.

use super::{HintKind, InlayHint};
use crate::model::links::career_index_for;
use crate::model::sessions::{carried, Carried};
use crate::workspace::Snapshot;

/// After each open thread of the snapshot's session log that a later log or the Career
/// Index's Open Tasks took up, where to. A thread checked off in its own log needs no
/// hint: its box says it.
pub(super) fn carried_thread_hints(snapshot: &Snapshot, hints: &mut Vec<InlayHint>) {
    let note = snapshot.note();
    let Some(log) = note.as_session_log() else {
        return;
    };
    if log.open_threads.iter().all(|t| t.done) {
        return;
    }
    let notes = snapshot.notes();
    let index = career_index_for(notes, note);
    for thread in log.open_threads.iter().filter(|t| !t.done) {
        let (label, tooltip) = match carried(thread, note, notes, index) {
            Some(Carried::Log(other)) => {
                let when = other
                    .as_session_log()
                    .and_then(|l| l.date)
                    .map_or_else(|| other.stem().to_string(), |d| d.to_string());
                (
                    format!("→ session of {when}"),
                    format!("Picked up again in “{}”.", other.stem()),
                )
            }
            Some(Carried::OpenTasks(index)) => (
                "→ Open Tasks".to_string(),
                format!("Carried to the Open Tasks of “{}”.", index.stem()),
            ),
            Some(Carried::Settled) | None => continue,
        };
        let end = note.text[..thread.range.end.min(note.text.len())]
            .trim_end_matches(['\n', '\r'])
            .len();
        hints.push(InlayHint {
            offset: end,
            label,
            kind: HintKind::CarriedThread,
            tooltip: Some(tooltip),
        });
    }
}
