/*
 * A thin wrapper around uPlot (npm "uplot", copied into web/vendor/ by
 * `make`; scripts/vendor.sh), the one module that knows the library:
 *
 *   const c = await barChart(el, {
 *     labels: ['P. Mỹ Phước', …], values: [99.2, …], label: 'Tỷ lệ dự',
 *     format: (v) => '99,2%', range: [90, 100], onPick: (i) => …,
 *   });
 *   c.destroy();
 *
 * barChart draws one series of bars over categories (x = 0..n-1), each
 * bar optionally in its own colour.
 * The library is loaded on first use (dynamic import of a same-origin
 * module, its stylesheet as a <link>), so a page shows its figures before
 * the ~51 kB script has arrived on a slow link. uPlot draws on <canvas>
 * and sizes its boxes through element.style (CSSOM), which the
 * Content-Security-Policy (style-src 'self') allows; it writes no style
 * attributes in markup and no HTML.
 *
 * Charts follow the width of their box (ResizeObserver). Colours come
 * from the CSS custom properties of :root (style.css), so the page and the
 * charts share one palette.
 */

let loading = null;

/* Loads uPlot once; resolves to the uPlot constructor. */
export function loadChartLib() {
  if (!loading) {
    if (!document.querySelector('link[data-vendor="uplot"]')) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = '/vendor/uplot.css';
      link.dataset.vendor = 'uplot';
      document.head.appendChild(link);
    }
    loading = import('./vendor/uplot.js').then((m) => m.default).catch((err) => {
      loading = null; /* try again next time */
      throw err;
    });
  }
  return loading;
}

function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/* The palette, in series order. */
export function palette() {
  return [cssVar('--red', '#9e1b1b'), cssVar('--link', '#174a86'), cssVar('--gold', '#e9b824'),
    cssVar('--ok', '#1d6f37'), cssVar('--muted', '#545d69')];
}

const ROTATE = 35;
/* A category label on the axis: long ones are cut ("Đất đai, giải …") when
 * rotated; the full name is in the legend and in the page's table. */
function short(label, rotated) {
  const s = String(label);
  return rotated && s.length > 16 ? `${s.slice(0, 15).trimEnd()}…` : s;
}

const FONT = '12px "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

function widthOf(el) {
  return Math.max(240, Math.floor(el.clientWidth || el.getBoundingClientRect().width || 600));
}

/*
 * Bars of one series over `labels`:
 *   values (numbers, null for none); label (the legend's name), xLabel
 *   (the legend's name of the categories);
 *   colors: one colour per bar (default: the first of the palette);
 *   format(v) for the axis and legend; range: [min, max] of the value
 *   axis (default from 0 to a little above the largest); onPick(i): a
 *   click on category i (drill-down); height in px.
 */
export async function barChart(el, { labels, values, label, xLabel = '', colors, format = String, range, onPick, height = 260 }) {
  const uPlot = await loadChartLib();
  const pal = palette();
  const n = labels.length;
  const x = labels.map((_, i) => i);
  const maxV = Math.max(1, ...values.filter((v) => typeof v === 'number'));
  const yRange = range || [0, Math.ceil(maxV * 1.15)];
  const grid = { stroke: cssVar('--border', '#d5d9df'), width: 1 };
  const axisStroke = cssVar('--text', '#1d2127');
  const width = widthOf(el);
  const rotate = width / Math.max(1, n) < 9 * Math.max(...labels.map((l) => String(l).length), 1);
  const fills = colors || null;

  const opts = {
    width,
    height,
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false }, points: { show: false }, y: false },
    scales: {
      x: { time: false, range: () => [-0.5, n - 0.5] },
      y: { range: () => yRange },
    },
    axes: [
      {
        stroke: axisStroke, font: FONT, grid: { show: false }, ticks: { show: false }, gap: 4,
        splits: () => x, values: (u, splits) => splits.map((i) => (labels[i] === undefined ? '' : short(labels[i], rotate))),
        rotate: rotate ? ROTATE : 0, size: rotate ? 96 : 32,
      },
      { stroke: axisStroke, font: FONT, grid, values: (u, splits) => splits.map((v) => format(v)), size: 64 },
    ],
    series: [
      { label: xLabel, value: (u, i) => (i === null || i === undefined ? '' : String(labels[i] ?? '')) },
      {
        label,
        stroke: pal[0],
        fill: pal[0],
        width: 0,
        points: { show: false },
        value: (u, v) => (v === null || v === undefined ? '—' : format(v)),
        paths: uPlot.paths.bars({
          size: [0.6, 72], align: 0,
          disp: fills ? { fill: { unit: 3, values: () => fills } } : undefined,
        }),
      },
    ],
  };
  const data = [x, values.map((v) => (typeof v === 'number' ? v : null))];
  const wrap = document.createElement('div');
  wrap.className = 'chart-canvas';
  el.appendChild(wrap);
  const u = new uPlot(opts, data, wrap);

  if (onPick) {
    u.over.classList.add('chart-pickable');
    u.over.addEventListener('click', () => {
      const i = u.cursor.idx;
      if (i !== null && i !== undefined && i >= 0 && i < n) onPick(i);
    });
  }
  let ro = null;
  if (typeof ResizeObserver === 'function') {
    let last = width;
    ro = new ResizeObserver(() => {
      const w = widthOf(el);
      if (w !== last) {
        last = w;
        u.setSize({ width: w, height });
      }
    });
    ro.observe(el);
  }
  return {
    plot: u,
    destroy() {
      if (ro) ro.disconnect();
      u.destroy();
      wrap.remove();
    },
  };
}
