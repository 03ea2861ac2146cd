import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import { html } from "htm/preact";
import { useEffect, useRef } from "preact/hooks";

// Only what a bar chart needs, so the bundle carries no other chart type.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** A bar chart of one count per label; `description` is what a screen reader hears instead. */
export function BarChart(props: { labels: string[]; values: number[]; title: string; description: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: props.labels,
        datasets: [{ label: props.title, data: props.values, backgroundColor: "#1f6f5c" }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [props.labels.join("|"), props.values.join("|")]);
  return html`<figure class="chart">
    <div class="chart-box"><canvas ref=${canvas} role="img" aria-label=${props.description}></canvas></div>
    <figcaption>${props.title}</figcaption>
  </figure>`;
}
