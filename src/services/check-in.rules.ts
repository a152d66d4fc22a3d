/** Bounds of a check-in's two optional fields (docs/rules.md, check-in). */
export const MOOD_MIN = 1;
export const MOOD_MAX = 5;
export const CHECK_IN_NOTE_MAX = 1000;
