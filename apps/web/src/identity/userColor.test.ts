import { newId } from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import { colorForUser, USER_COLORS } from './userColor.ts';

describe('colorForUser', () => {
  it('is a #rrggbb colour, the same for the same id', () => {
    const id = 'k3Jd9XqP2mZr8sTw';
    expect(colorForUser(id)).toMatch(/^#[0-9a-f]{6}$/);
    expect(colorForUser(id)).toBe(colorForUser(id));
  });

  it('spreads ids over the palette', () => {
    const seen = new Set(Array.from({ length: 200 }, () => colorForUser(newId())));
    expect(seen.size).toBeGreaterThan(USER_COLORS.length / 2);
  });

  it('gives white label text enough contrast on every colour (≥ 4.5:1)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const color of USER_COLORS)
      expect(1.05 / (luminance(color) + 0.05), color).toBeGreaterThanOrEqual(4.5);
  });
});
