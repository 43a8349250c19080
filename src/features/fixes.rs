//! Quick fixes: the fixes of the findings at a range, "Ignore CODE here", and the fixes that create notes.
