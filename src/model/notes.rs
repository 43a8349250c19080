//! The notes of one workspace root, indexed for the questions cross-note checks ask: a note
//! by path, the notes with a given file stem (link resolution), the Career Indexes and Goals
//! notes, and the notes that link to a stem (backlinks). The root's notes that could not be
//! read are kept too, with the reason, so that a link to one is not taken for a broken one.
//!
//! The index is persistent: cloning it costs a few reference counts, and replacing a note
//! costs time logarithmic in the number of notes (plus the note's own links), so every
//! snapshot shares the workspace's index and none rebuilds it.

use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use imbl::{HashMap, OrdMap, OrdSet};

use super::sessions::padded;
use super::unreadable::Unreadable;
use super::Note;
use crate::methodology::NoteKind;

#[derive(Debug, Clone, Default)]
pub struct NoteSet {
    by_path: OrdMap<PathBuf, Arc<Note>>,
    /// Lower-cased file stem → the notes with that stem, in path order.
    by_stem: HashMap<String, OrdSet<PathBuf>>,
    /// Career Indexes and Goals notes, in path order.
    career_indexes: OrdSet<PathBuf>,
    goals_notes: OrdSet<PathBuf>,
    session_logs: OrdSet<PathBuf>,
    /// The dated session logs, by date, then path.
    session_dates: OrdSet<SessionKey>,
    /// A word of a dated session log's text (its [`SessionLog::searchable`]) → the logs
    /// holding it, by date, then path: to find the later log that takes up a thread
    /// without reading every later log. Kept up to date as logs change, like the rest.
    ///
    /// [`SessionLog::searchable`]: super::SessionLog::searchable
    session_words: HashMap<Box<str>, OrdSet<SessionKey>>,
    /// Lower-cased stem a wikilink names → the notes holding such a link.
    backlinks: HashMap<String, OrdSet<PathBuf>>,
    /// Notes of the root that were not read (not UTF-8, too large, …), and why.
    unread: OrdMap<PathBuf, Unreadable>,
    /// Lower-cased file stem → the unread notes with that stem.
    unread_by_stem: HashMap<String, OrdSet<PathBuf>>,
}

impl NoteSet {
    pub fn new() -> NoteSet {
        NoteSet::default()
    }

    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    pub fn get(&self, path: &Path) -> Option<&Arc<Note>> {
        self.by_path.get(path)
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.by_path.contains_key(path)
    }

    /// Every note, in path order.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<Note>> + '_ {
        self.by_path.values()
    }

    /// The notes whose file stem is `stem`, ignoring case, in path order.
    pub fn with_stem(&self, stem: &str) -> impl Iterator<Item = &Arc<Note>> + '_ {
        self.paths_in(self.by_stem.get(&stem.to_lowercase()))
    }

    /// The notes of `kind`, in path order. Career Indexes, Goals notes and session logs are
    /// indexed; other kinds are found by looking at every note.
    pub fn of_kind(&self, kind: NoteKind) -> Box<dyn Iterator<Item = &Arc<Note>> + '_> {
        match kind {
            NoteKind::CareerIndex => Box::new(self.paths_in(Some(&self.career_indexes))),
            NoteKind::Goals => Box::new(self.paths_in(Some(&self.goals_notes))),
            NoteKind::SessionLog => Box::new(self.paths_in(Some(&self.session_logs))),
            _ => Box::new(self.iter().filter(move |n| n.kind == kind)),
        }
    }

    /// The dated session logs, oldest first (by date, then path).
    pub fn dated_session_logs(&self) -> impl Iterator<Item = &Arc<Note>> + '_ {
        self.session_dates
            .iter()
            .filter_map(|(_, path)| self.by_path.get(path.as_ref()))
    }

    /// Whether a session log was held after `log` (by date, then path); `false` for a log
    /// without a date.
    pub fn has_later_session(&self, log: &Note) -> bool {
        let Some(after) = session_key(log) else {
            return false;
        };
        self.session_dates
            .range::<_, SessionKey>((Bound::Excluded(&after), Bound::Unbounded))
            .next()
            .is_some()
    }

    /// The earliest session log after `log` whose text holds `key` (a non-empty
    /// [`thread_key`](super::sessions::thread_key)) as whole words, looked for only in the
    /// later logs that hold the key's rarest word.
    pub fn session_carrier(&self, log: &Note, key: &str) -> Option<&Arc<Note>> {
        let after = session_key(log)?;
        let mut rarest: Option<&OrdSet<SessionKey>> = None;
        for word in key.split(' ') {
            // A word no log holds: no log holds the key.
            let logs = self.session_words.get(word)?;
            if rarest.is_none_or(|r| logs.len() < r.len()) {
                rarest = Some(logs);
            }
        }
        let pattern = padded(key);
        rarest?
            .range::<_, SessionKey>((Bound::Excluded(&after), Bound::Unbounded))
            .filter_map(|(_, path)| self.by_path.get(path.as_ref()))
            .find(|note| {
                note.as_session_log()
                    .is_some_and(|l| l.searchable.contains(&pattern))
            })
    }

    /// Keeps the dated session logs and their words right as `old` leaves and `new` comes
    /// (either may be any kind of note): a few dozen updates of persistent sets, so an
    /// edit of a log costs the same in a vault of ten logs or ten thousand.
    fn replace_session(&mut self, old: Option<&Note>, new: Option<&Note>) {
        if let Some((key, old)) = old.and_then(|n| Some((session_key(n)?, n))) {
            self.session_dates.remove(&key);
            for word in session_words(old) {
                if let Some(logs) = self.session_words.get_mut(word) {
                    logs.remove(&key);
                    if logs.is_empty() {
                        self.session_words.remove(word);
                    }
                }
            }
        }
        if let Some((key, new)) = new.and_then(|n| Some((session_key(n)?, n))) {
            for word in session_words(new) {
                self.session_words
                    .entry(word.into())
                    .or_default()
                    .insert(key.clone());
            }
            self.session_dates.insert(key);
        }
    }

    /// The notes holding a wikilink whose target's file name is `stem` (ignoring case),
    /// in path order: every note that may link to a note with that stem.
    pub fn linking_to_stem(&self, stem: &str) -> impl Iterator<Item = &Arc<Note>> + '_ {
        self.paths_in(self.backlinks.get(&stem.to_lowercase()))
    }

    fn paths_in<'a>(
        &'a self,
        paths: Option<&'a OrdSet<PathBuf>>,
    ) -> impl Iterator<Item = &'a Arc<Note>> + 'a {
        paths
            .into_iter()
            .flat_map(|paths| paths.iter())
            .filter_map(|path| self.by_path.get(path))
    }

    /// The unread notes whose file stem is `stem`, ignoring case, in path order, with why
    /// each was not read.
    pub fn unread_with_stem(&self, stem: &str) -> impl Iterator<Item = (&Path, &Unreadable)> {
        self.unread_by_stem
            .get(&stem.to_lowercase())
            .into_iter()
            .flat_map(|paths| paths.iter())
            .filter_map(|path| Some((path.as_path(), self.unread.get(path)?)))
    }

    /// Why the note at `path` was not read, when it was not.
    pub fn unread(&self, path: &Path) -> Option<&Unreadable> {
        self.unread.get(path)
    }

    /// Every note that was not read, in path order, with the reason.
    pub fn unread_notes(&self) -> impl Iterator<Item = (&Path, &Unreadable)> {
        self.unread.iter().map(|(path, why)| (path.as_path(), why))
    }

    /// Records that the note at `path` could not be read (in place of the note, if it
    /// was indexed before).
    pub fn set_unread(&mut self, path: PathBuf, why: Unreadable) {
        if let Some(old) = self.by_path.remove(&path) {
            self.unindex(&old);
            self.replace_session(Some(&old), None);
        }
        add(&mut self.unread_by_stem, path_stem(&path), &path);
        self.unread.insert(path, why);
    }

    fn forget_unread(&mut self, path: &Path) {
        if self.unread.remove(path).is_some() {
            take(&mut self.unread_by_stem, path_stem(path), path);
        }
    }

    /// Adds a note, or replaces the note (or the unread note) at its path.
    pub fn insert(&mut self, note: Arc<Note>) {
        let path = note.path.clone();
        self.forget_unread(&path);
        let old = self.by_path.get(&path).cloned();
        match &old {
            Some(old) if same_links(old, &note) && old.kind == note.kind => {}
            Some(old) => {
                self.unindex(old);
                self.index(&note);
            }
            None => self.index(&note),
        }
        self.replace_session(old.as_deref(), Some(&note));
        self.by_path.insert(path, note);
    }

    /// Removes the note at `path`, or the record that it could not be read.
    pub fn remove(&mut self, path: &Path) -> Option<Arc<Note>> {
        self.forget_unread(path);
        let old = self.by_path.remove(path)?;
        self.unindex(&old);
        self.replace_session(Some(&old), None);
        Some(old)
    }

    fn index(&mut self, note: &Note) {
        let path = &note.path;
        add(&mut self.by_stem, note.stem().to_lowercase(), path);
        match note.kind {
            NoteKind::CareerIndex => {
                self.career_indexes.insert(path.clone());
            }
            NoteKind::Goals => {
                self.goals_notes.insert(path.clone());
            }
            NoteKind::SessionLog => {
                self.session_logs.insert(path.clone());
            }
            _ => {}
        }
        for stem in link_stems(note) {
            add(&mut self.backlinks, stem, path);
        }
    }

    fn unindex(&mut self, note: &Note) {
        let path = &note.path;
        take(&mut self.by_stem, note.stem().to_lowercase(), path);
        self.career_indexes.remove(path);
        self.goals_notes.remove(path);
        self.session_logs.remove(path);
        for stem in link_stems(note) {
            take(&mut self.backlinks, stem, path);
        }
    }
}

impl FromIterator<Arc<Note>> for NoteSet {
    fn from_iter<I: IntoIterator<Item = Arc<Note>>>(notes: I) -> NoteSet {
        let mut set = NoteSet::new();
        for note in notes {
            set.insert(note);
        }
        set
    }
}

fn add(map: &mut HashMap<String, OrdSet<PathBuf>>, key: String, path: &Path) {
    map.entry(key).or_default().insert(path.to_path_buf());
}

fn take(map: &mut HashMap<String, OrdSet<PathBuf>>, key: String, path: &Path) {
    if let Some(paths) = map.get_mut(&key) {
        paths.remove(path);
        if paths.is_empty() {
            map.remove(&key);
        }
    }
}

/// A dated session log's place in the order: its date, then its path.
type SessionKey = (NaiveDate, Arc<Path>);

fn session_key(note: &Note) -> Option<SessionKey> {
    if note.kind != NoteKind::SessionLog {
        return None;
    }
    Some((note.as_session_log()?.date?, Arc::from(note.path.as_path())))
}

/// The distinct words of a session log's text.
fn session_words(note: &Note) -> Vec<&str> {
    let Some(log) = note.as_session_log() else {
        return Vec::new();
    };
    let mut words: Vec<&str> = log.searchable.split_whitespace().collect();
    words.sort_unstable();
    words.dedup();
    words
}

fn path_stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// The lower-cased file stem a link target names: `folder/Note.md#Heading` → `note`.
pub fn target_stem(target: &str) -> String {
    let target = target.trim();
    let target = target.strip_suffix(".md").unwrap_or(target);
    let name = target.rsplit(['/', '\\']).next().unwrap_or(target);
    name.to_lowercase()
}

/// The distinct stems a note's wikilinks name.
fn link_stems(note: &Note) -> Vec<String> {
    let mut stems: Vec<String> = note
        .outline
        .wikilinks
        .iter()
        .map(|link| target_stem(&link.target))
        .filter(|stem| !stem.is_empty())
        .collect();
    stems.sort();
    stems.dedup();
    stems
}

fn same_links(a: &Note, b: &Note) -> bool {
    a.outline.wikilinks.len() == b.outline.wikilinks.len()
        && a.outline
            .wikilinks
            .iter()
            .zip(&b.outline.wikilinks)
            .all(|(a, b)| a.target == b.target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::SyntaxTree;

    fn note(path: &str, kind: NoteKind, text: &str) -> Arc<Note> {
        let syntax = SyntaxTree::parse(text);
        Arc::new(Note::build(
            PathBuf::from(path),
            kind,
            text,
            syntax.outline().clone(),
        ))
    }

    fn paths<'a>(notes: impl Iterator<Item = &'a Arc<Note>>) -> Vec<String> {
        notes.map(|n| n.path.display().to_string()).collect()
    }

    #[test]
    fn session_logs_are_kept_in_date_order_as_their_dates_change() {
        let log = |path: &str, date: &str| {
            note(
                path,
                NoteKind::SessionLog,
                &format!("# Check-in\n\nHeld on {date}.\n"),
            )
        };
        let mut notes: NoteSet = [
            log("/v/a.md", "2026-03-02"),
            log("/v/b.md", "2026-02-01"),
            note("/v/Career.md", NoteKind::CareerIndex, "# Career\n"),
        ]
        .into_iter()
        .collect();
        let order = |notes: &NoteSet| paths(notes.dated_session_logs());
        assert_eq!(order(&notes), ["/v/b.md", "/v/a.md"]);
        let a = notes.get(Path::new("/v/a.md")).unwrap().clone();
        assert!(!notes.has_later_session(&a));
        // The date changes, the links do not.
        notes.insert(log("/v/a.md", "2026-01-05"));
        assert_eq!(order(&notes), ["/v/a.md", "/v/b.md"]);
        let a = notes.get(Path::new("/v/a.md")).unwrap().clone();
        assert!(notes.has_later_session(&a));
        assert_eq!(
            notes
                .session_carrier(&a, "held on 2026 02 01")
                .map(|n| n.stem().to_string()),
            Some("b".to_string())
        );
        notes.remove(Path::new("/v/b.md"));
        assert!(!notes.has_later_session(&a));
        assert!(notes.session_carrier(&a, "held on 2026 02 01").is_none());
    }

    #[test]
    fn notes_are_found_by_stem_kind_and_backlink_and_replacing_a_note_updates_each() {
        let mut set: NoteSet = [
            note("/v/Career.md", NoteKind::CareerIndex, "# Career\n"),
            note("/v/b/Career.md", NoteKind::Other, "# Other career\n"),
            note("/v/2026 Goals.md", NoteKind::Goals, "See [[Career]].\n"),
            note(
                "/v/log.md",
                NoteKind::Other,
                "[[career#Vision]] and [[x/2026 goals.md]]\n",
            ),
        ]
        .into_iter()
        .collect();
        assert_eq!(set.len(), 4);
        assert_eq!(
            paths(set.with_stem("CAREER")),
            ["/v/Career.md", "/v/b/Career.md"]
        );
        assert_eq!(paths(set.of_kind(NoteKind::CareerIndex)), ["/v/Career.md"]);
        assert_eq!(paths(set.of_kind(NoteKind::Goals)), ["/v/2026 Goals.md"]);
        assert_eq!(paths(set.of_kind(NoteKind::Other)).len(), 2);
        assert_eq!(
            paths(set.linking_to_stem("Career")),
            ["/v/2026 Goals.md", "/v/log.md"]
        );
        assert_eq!(paths(set.linking_to_stem("2026 Goals")), ["/v/log.md"]);

        // A snapshot taken before the change keeps what it saw.
        let before = set.clone();
        set.insert(note("/v/log.md", NoteKind::Other, "No links now.\n"));
        set.insert(note("/v/Career.md", NoteKind::Other, "# Demoted\n"));
        set.remove(Path::new("/v/b/Career.md"));
        assert_eq!(paths(set.linking_to_stem("career")), ["/v/2026 Goals.md"]);
        assert!(set.linking_to_stem("2026 goals").next().is_none());
        assert!(set.of_kind(NoteKind::CareerIndex).next().is_none());
        assert_eq!(paths(set.with_stem("career")), ["/v/Career.md"]);
        assert_eq!(before.len(), 4);
        assert_eq!(
            paths(before.of_kind(NoteKind::CareerIndex)),
            ["/v/Career.md"]
        );
        assert_eq!(paths(before.linking_to_stem("2026 goals")), ["/v/log.md"]);
    }

    #[test]
    fn a_link_target_names_the_stem_of_its_last_component() {
        assert_eq!(target_stem("Career"), "career");
        assert_eq!(target_stem(" folder/Sub/2026 Goals.md "), "2026 goals");
        assert_eq!(target_stem("a\\B"), "b");
        assert_eq!(target_stem(""), "");
    }
}
