import { describe, expect, it } from 'vitest';
import { markReady, readyMarks } from './startup';

describe('the start-up marks', () => {
  it('tells the shell once per stage and keeps its figure and the page time', async () => {
    const target: { onebookReady?: ReturnType<typeof readyMarks> } = {};
    const marks = readyMarks(target);
    const told: string[] = [];
    const tell = async (stage: string) => {
      told.push(stage);
      return 640;
    };
    markReady('sign-in', tell, 12.5, marks);
    markReady('sign-in', tell, 99, marks);
    await new Promise((r) => setTimeout(r, 0));
    expect(told).toEqual(['sign-in']);
    expect(marks.page['sign-in']).toBe(12.5);
    expect(marks.shell['sign-in']).toBe(640);
    expect(readyMarks(target)).toBe(marks);
  });
});
