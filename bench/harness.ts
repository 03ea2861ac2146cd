export interface Figure {
  figure: string;
  value: number;
  unit: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<Figure[]>;
}

/** One line per figure: `NAME FIGURE: VALUE UNIT`. */
export function formatFigure(bench: string, f: Figure): string {
  const small = Math.abs(f.value) < 0.01;
  const value = Number.isInteger(f.value)
    ? String(f.value)
    : small
      ? f.value.toPrecision(3)
      : f.value.toFixed(f.value < 10 ? 3 : 1);
  return `${bench} ${f.figure}: ${value} ${f.unit}`;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}
