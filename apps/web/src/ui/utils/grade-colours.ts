/**
 * Colours for grades, worst to best, from ColorBrewer's diverging "PuOr" scheme (C. Brewer,
 * colorbrewer2.org), marked safe for colour-blind readers at every size: orange for the worst
 * grades, purple for the best. Colour never carries meaning alone: grade names are always written.
 */
const PU_OR: Record<number, readonly string[]> = {
  2: ['#e66101', '#5e3c99'],
  3: ['#f1a340', '#f7f7f7', '#998ec3'],
  4: ['#e66101', '#fdb863', '#b2abd2', '#5e3c99'],
  5: ['#e66101', '#fdb863', '#f7f7f7', '#b2abd2', '#5e3c99'],
  6: ['#b35806', '#f1a340', '#fee0b6', '#d8daeb', '#998ec3', '#542788'],
  7: ['#b35806', '#f1a340', '#fee0b6', '#f7f7f7', '#d8daeb', '#998ec3', '#542788'],
  8: ['#b35806', '#e08214', '#fdb863', '#fee0b6', '#d8daeb', '#b2abd2', '#8073ac', '#542788'],
  9: ['#b35806', '#e08214', '#fdb863', '#fee0b6', '#f7f7f7', '#d8daeb', '#b2abd2', '#8073ac', '#542788'],
  10: ['#7f3b08', '#b35806', '#e08214', '#fdb863', '#fee0b6', '#d8daeb', '#b2abd2', '#8073ac', '#542788', '#2d004b'],
};

/** One colour per grade, worst first (2 to 10 grades, as polls allow). */
export function gradeColours(count: number): readonly string[] {
  const colours = PU_OR[count];
  if (colours === undefined) throw new RangeError(`a scale has 2 to 10 grades, not ${count}`);
  return colours;
}

/** Dark text on light fills, white text on dark ones (WCAG relative luminance, threshold at 0.18). */
export function textColourOn(background: string): '#000000' | '#ffffff' {
  const channel = (hex: string): number => {
    const value = parseInt(hex, 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [1, 3, 5].map((i) => channel(background.slice(i, i + 2)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.18 ? '#000000' : '#ffffff';
}
