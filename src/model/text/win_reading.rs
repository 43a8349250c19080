//! How a win reads (SPEC §4.1): numbers written as words, recognition that is a win but
//! not a result to quantify, and lines that are not achievements at all.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::is_quantified;

/// What the quantity rule makes of a win's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WinReading {
    /// It states a measurable result.
    Quantified,
    /// A promotion, raise, award, nomination, praise or certification: the recognition is
    /// the result, and there is nothing to quantify.
    Recognition,
    /// A greeting, a toast, a negative, a question or a lead-in ending in `:`.
    NotAWin,
    /// An achievement with no measurable result: what the rule is for.
    Unquantified,
}

/// Reads a win's whole text (a wrapped or nested item already joined).
pub fn read_win(text: &str) -> WinReading {
    if is_not_a_win(text) {
        WinReading::NotAWin
    } else if is_quantified(text) {
        WinReading::Quantified
    } else if RECOGNITION.is_match(text) {
        WinReading::Recognition
    } else {
        WinReading::Unquantified
    }
}

// ---------------------------------------------------------------------------------------
// Numbers written as words

/// Units of time that a lone "a"/"an"/"one" counts in: "within a week", "in an hour".
const TIME_UNIT: &str =
    "second|minute|hour|day|week|fortnight|month|sprint|quarter|year|afternoon|morning|weekend";

/// "twice as fast", "presented twice": a multiplier or a count, written as a word.
static TWICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:twice|thrice)\b").expect("valid regex"));

/// "half the time", "cut in half", "by half"; the word before it is checked in code,
/// because "the second half of the year" is a date, not a result.
static HALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<before>[\w’']+\s+)?half\b(?P<after>\s+(?:the|a|an|of|its|our|their|my|his|her)\b)?")
        .expect("valid regex")
});

/// Words before "half" that make it a part of a period, not a proportion.
const HALF_OF_A_PERIOD: &[&str] = &["first", "second", "latter", "other", "back", "front"];

/// "by a third", "two-thirds of": a fraction is a proportion. ("in a quarter" is a
/// duration, read below.)
static FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?P<lead>by|to|about|nearly|almost|roughly)\s+(?:a|one|two|three)[-\s](?:thirds?|quarters?|fifths?|tenths?)\b",
        r"|\b(?:two-thirds|three-quarters|three-fourths)\b",
    ))
    .expect("valid regex")
});

/// A lone "a"/"an"/"one" that measures a duration: "within a week", "in under an hour",
/// "from a week to a day". Not "a day's work", and not "a new service".
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<lead>(?:within|in|under|inside|over|from|to|by|than|took|takes)\s+(?:(?:just|only|under|about|around|roughly|less\s+than|barely)\s+)*)(?:a\s+single|a|an|one)\s+(?P<unit>{TIME_UNIT})(?P<end>[^\w'’]|$)"
    ))
    .expect("valid regex")
});

/// "a week early", "a month ahead of schedule": the time saved is the result.
static AHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:a\s+full|a|an|one)\s+(?P<unit>{TIME_UNIT})\s+(?P<how>early|earlier|ahead|sooner|faster|quicker|before)\b"
    ))
    .expect("valid regex")
});

/// "one week", "one hour": "one" counts before a unit of time, not before other nouns,
/// where it is mostly a pronoun ("one of the team", "no one", "the one that").
static ONE_UNIT_OF_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\bone\s+(?P<unit>{TIME_UNIT})(?P<end>[^\w'’]|$)"
    ))
    .expect("valid regex")
});

/// A count written in words: "two", "twenty-five", "a dozen", "two hundred", "a million".
/// Plurals without a number ("dozens of", "hundreds of") are as vague as "many", and a
/// hyphenated word ("two-factor", "one-pager") is not a count.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let small = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
    let tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
    let ones = "one|two|three|four|five|six|seven|eight|nine";
    let scale = "dozen|hundred|thousand|million|billion";
    let word = format!(r"(?:{small}|(?:{tens})(?:[-\s](?:{ones}))?|{scale})");
    Regex::new(&format!(
        r"(?i)\b(?:(?:a|an|one)\s+(?:{scale})|{word})(?:[-\s]+(?:and\s+)?{word})*\b"
    ))
    .expect("valid regex")
});

/// `text` with its spelled-out counts, durations and proportions written as the digits
/// they stand for, so that one reading of numbers applies to both ("two regions" reads as
/// "2 regions", "half the time" as "50% the time").
pub(super) fn spelled_out_as_digits(text: &str) -> String {
    let text = TWICE.replace_all(text, "2x");
    let text = HALF.replace_all(&text, |c: &Captures| {
        let before = c.name("before").map_or("", |m| m.as_str());
        let lead = before.trim().to_lowercase();
        let is_proportion = (lead == "in" || lead == "by" || c.name("after").is_some())
            && !HALF_OF_A_PERIOD.contains(&lead.as_str());
        if is_proportion {
            let after = c.name("after").map_or("", |m| m.as_str());
            format!("{before}50%{after}")
        } else {
            c[0].to_string()
        }
    });
    let text = FRACTION.replace_all(&text, |c: &Captures| {
        let lead = c.name("lead").map_or("", |m| m.as_str());
        format!("{lead} 30%")
    });
    let text = DURATION.replace_all(&text, "${lead}1 ${unit}${end}");
    let text = AHEAD.replace_all(&text, "1 ${unit} ${how}");
    let text = ONE_UNIT_OF_TIME.replace_all(&text, "1 ${unit}${end}");
    NUMBER.replace_all(&text, "9").into_owned()
}

// ---------------------------------------------------------------------------------------
// Recognition

/// Promotions, raises, awards, nominations, praise and feedback, certifications passed.
/// Each phrase names the recognition itself, so that the same words used for the work
/// ("promoted the new API", "built a feedback survey", "selected vendors for") stay wins.
static RECOGNITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)",
        // Promotions.
        r"\bpromot(?:ed|ion)\s+(?:to|as|into)\b",
        r"|\b(?:got|was|been|be|earned|received|won|my)\s+(?:a\s+)?promot(?:ed|ion)\b",
        // Raises and bonuses.
        r"|\b(?:got|received|earned|negotiated|given|awarded)\s+(?:a|an|my)\s+(?:\S+\s+){0,2}?(?:raise|pay\s+rise|salary\s+increase|merit\s+increase|bonus|equity\s+(?:grant|refresh))\b",
        r"|\b(?:pay|salary)\s+(?:rise|raise|increase|bump)\b|\bspot\s+bonus\b",
        // Awards and titles.
        r"|\bawards?\b|\bprizes?\b|\bmedals?\b|\baccolades?\b|\bhonou?r(?:ed|able\s+mention)\b",
        r"|\b(?:employee|engineer|manager|designer|nurse|leader|person|rookie|hire|contributor|developer|analyst|volunteer|teacher|mentor|speaker|mvp)\s+of\s+the\s+(?:year|quarter|month)\b",
        r"|\bwon\s+(?:\S+\s+){0,4}?(?:hackathon|competition|contest|challenge|title)\b",
        r"|\brecogni[sz]ed\s+(?:as|for|by|with|at|in)\b",
        r"|\b(?:received|got|earned|won|public)\s+(?:\S+\s+){0,2}?recognition\b",
        // Nominations and selections.
        r"|\bnominat(?:ed|ion)\b",
        r"|\b(?:chosen|selected|picked|hand-?picked|tapped)\s+(?:as|for|to|by)\b",
        r"|\binvited\s+(?:to|as|by|onto)\b",
        r"|\bnamed\s+(?:as|to|one\s+of)\b|\b(?:was|been|got)\s+named\b",
        // Praise and feedback.
        r"|\bpraised?\b|\bkudos\b|\bshout-?outs?\b|\bthanked\b|\bcommended\b|\bcompliment(?:ed|s)?\b",
        r"|\b(?:received|got|earned|had)\s+(?:\S+\s+){0,3}?feedback\b",
        r"|\b(?:positive|great|glowing|excellent|strong|good|amazing|fantastic|stellar|outstanding)\s+feedback\b",
        r"|\bexceed(?:s|ed)\s+expectations\b|\b(?:top|highest|outstanding)\s+(?:performance\s+)?(?:rating|review)\b",
        // Certifications passed.
        r"|\b(?:passed|earned|got|obtained|achieved|received|gained)\s+(?:\S+\s+){0,7}?(?:certifications?|certificates?|exams?|credentials?|accreditation)\b",
        r"|\bcompleted\s+(?:\S+\s+){0,7}?(?:certifications?|certificates?)\b",
        r"|\b(?:became|am|now|got)\s+(?:a\s+|an\s+)?(?:\S+\s+){0,3}?certified\b",
        r"|\bcertified\s+(?:\S+\s+){0,3}?(?:architect|developer|professional|associate|practitioner|engineer|administrator|specialist|expert|scrum|manager|coach|instructor|trainer|in)\b",
    ))
    .expect("valid regex")
});

// ---------------------------------------------------------------------------------------
// Lines that are not achievements

/// A greeting or a toast at the start of the line: "Hi!", "Here's to 2024!".
static GREETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\W*(?:hi|hello|hey|dear|welcome|greetings|good\s+(?:morning|afternoon|evening)",
        r"|here['’]?s\s+to|here\s+is\s+to|cheers|happy\s+new\s+year|onwards?|to\s+be\s+continued",
        r"|more\s+to\s+come|stay\s+tuned)\b",
    ))
    .expect("valid regex")
});

/// A line that says what did not happen: "I did not give a talk", "Missed the deadline".
/// Only at its start: "shipped it so that no one was paged" is still a win.
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\W*(?:(?:i|we|the\s+team|unfortunately,?|sadly,?)\s+)*",
        r"(?:did\s+not|didn['’]t|do\s+not|don['’]t|have\s+not|haven['’]t|has\s+not|hasn['’]t",
        r"|could\s+not|couldn['’]t|can['’]t|cannot|was\s+not\s+able|wasn['’]t\s+able",
        r"|were\s+not\s+able|weren['’]t\s+able|failed\s+to|not\s+yet",
        r"|never\s+(?:got|managed|found|finished|made|did)|still\s+(?:haven['’]t|have\s+not|need\s+to|didn['’]t)",
        r"|missed\s+(?:the|my|our|a|an)\b)",
    ))
    .expect("valid regex")
});

/// A bold or dashed title before the win's description: "**Talk** — ", "Talk: ".
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\*\*[^*\n]+\*\*|__[^_\n]+__|[^—–:\n]{1,60}?)\s*(?:—|–| - |:)\s*")
        .expect("valid regex")
});

/// True when `text` is not an achievement: a greeting or a toast, a negative, a question,
/// or a lead-in ending in `:`.
fn is_not_a_win(text: &str) -> bool {
    let end = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    if end.ends_with(':') || end.ends_with('?') {
        return true;
    }
    let description = TITLE.find(text).map_or(text, |title| &text[title.end()..]);
    [text, description]
        .iter()
        .any(|part| GREETING.is_match(part) || NEGATIVE.is_match(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_digits_only_where_they_count() {
        for (words, digits) in [
            ("two major features", "9 major features"),
            ("twenty-five engineers", "9 engineers"),
            ("a dozen teams", "9 teams"),
            ("in under an hour", "in under 1 hour"),
            ("from a week to a day", "from 1 week to 1 day"),
            ("a month ahead of plan", "1 month ahead of plan"),
            ("in half the time", "in 50% the time"),
            ("cut in half", "cut in 50%"),
            ("by a third", "by 30%"),
            ("twice as fast", "2x as fast"),
            // Not counts: pronouns, articles, hyphenated words, periods, vague plurals.
            ("one of the team", "one of the team"),
            ("a new service", "a new service"),
            ("a day's work", "a day's work"),
            ("two-factor login", "9-factor login"),
            ("the second half of the year", "the second half of the year"),
            ("dozens of bugs", "dozens of bugs"),
        ] {
            assert_eq!(spelled_out_as_digits(words), digits, "{words:?}");
        }
    }

    #[test]
    fn a_title_does_not_hide_a_negative() {
        assert_eq!(read_win("**Talks** — didn't give one"), WinReading::NotAWin);
        assert_eq!(
            read_win("**Talks** — gave one at the guild"),
            WinReading::Unquantified
        );
        assert_eq!(read_win("Highlights:"), WinReading::NotAWin);
        assert_eq!(
            read_win("Highlights: shipped the ledger"),
            WinReading::Unquantified
        );
    }
}
