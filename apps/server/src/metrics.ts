/**
 * A small Prometheus registry (text exposition format 0.0.4, no
 * dependency): counters with labels, gauges read when scraped, and
 * histograms in seconds. One per server, so several servers in one process
 * (tests) keep their own figures.
 */
export interface Counter {
  inc(labels?: Readonly<Record<string, string>>, by?: number): void;
  /** The current value for these labels (tests). */
  get(labels?: Readonly<Record<string, string>>): number;
}

export interface Histogram {
  /** Records one observation, in seconds. */
  observe(seconds: number): void;
  /** Runs `work` and records how long its promise took to settle. */
  time<T>(work: () => Promise<T>): Promise<T>;
}

export interface MetricsRegistry {
  counter(name: string, help: string): Counter;
  /** A gauge whose value is read at each scrape. */
  gauge(name: string, help: string, read: () => number): void;
  histogram(name: string, help: string, buckets?: readonly number[]): Histogram;
  /** Everything, in the text format. */
  render(): string;
}

/** Seconds: from 0.5 ms (a local commit) to 10 s (a stalled store). */
export const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10,
] as const;

/**
 * @example
 * const metrics = createMetricsRegistry();
 * const stored = metrics.counter('ronde_updates_stored_total', 'Updates appended to storage.');
 * stored.inc();
 * metrics.render(); // "# HELP ronde_updates_stored_total …"
 */
export function createMetricsRegistry(): MetricsRegistry {
  const sections: (() => string)[] = [];
  const header = (name: string, help: string, type: string): string =>
    `# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${name} ${type}\n`;
  return {
    counter(name, help) {
      const values = new Map<string, number>();
      sections.push(() => {
        const lines = [...values].map(([labels, value]) => `${name}${labels} ${value}`);
        if (lines.length === 0) lines.push(`${name} 0`);
        return header(name, help, 'counter') + lines.join('\n') + '\n';
      });
      return {
        inc(labels = {}, by = 1) {
          const key = formatLabels(labels);
          values.set(key, (values.get(key) ?? 0) + by);
        },
        get(labels = {}) {
          return values.get(formatLabels(labels)) ?? 0;
        },
      };
    },
    gauge(name, help, read) {
      sections.push(() => `${header(name, help, 'gauge')}${name} ${read()}\n`);
    },
    histogram(name, help, buckets = LATENCY_BUCKETS) {
      const counts = buckets.map(() => 0);
      let sum = 0;
      let count = 0;
      sections.push(() => {
        const lines = buckets.map((le, i) => `${name}_bucket{le="${le}"} ${counts[i]}`);
        lines.push(
          `${name}_bucket{le="+Inf"} ${count}`,
          `${name}_sum ${sum}`,
          `${name}_count ${count}`,
        );
        return header(name, help, 'histogram') + lines.join('\n') + '\n';
      });
      const observe = (seconds: number): void => {
        const value = Math.max(0, seconds);
        buckets.forEach((le, i) => {
          if (value <= le) counts[i] = (counts[i] ?? 0) + 1;
        });
        sum += value;
        count++;
      };
      return {
        observe,
        time<T>(work: () => Promise<T>): Promise<T> {
          // No async frame and no bigint: this wraps every append.
          const start = performance.now();
          const done = (): void => observe((performance.now() - start) / 1000);
          let pending: Promise<T>;
          try {
            pending = work();
          } catch (error) {
            done();
            return Promise.reject(error);
          }
          return pending.then(
            (value) => {
              done();
              return value;
            },
            (error: unknown) => {
              done();
              throw error;
            },
          );
        },
      };
    },
    render() {
      return sections.map((section) => section()).join('');
    },
  };
}

function formatLabels(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return '';
  const escape = (value: string): string =>
    value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `{${entries.map(([key, value]) => `${key}="${escape(value)}"`).join(',')}}`;
}
