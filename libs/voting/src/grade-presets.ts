/** Grade scales in use (worst first): Paris's participatory budget and MieuxVoter use seven grades. */
export const GRADE_PRESETS = {
  'fr-7': ['À rejeter', 'Insuffisant', 'Passable', 'Assez bien', 'Bien', 'Très bien', 'Excellent'],
  'en-7': ['Reject', 'Poor', 'Fair', 'Acceptable', 'Good', 'Very good', 'Excellent'],
  'fr-5': ['À rejeter', 'Passable', 'Bien', 'Très bien', 'Excellent'],
  'en-5': ['Reject', 'Fair', 'Good', 'Very good', 'Excellent'],
} as const satisfies Record<string, readonly string[]>;
export type GradePreset = keyof typeof GRADE_PRESETS;
export const GRADE_PRESET_NAMES = Object.keys(GRADE_PRESETS) as GradePreset[];
