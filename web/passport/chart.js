// Plots as inline SVG: a shipment's conditions over time, and bar charts of counts.
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const hhmm = (ms) => new Date(ms).toISOString().slice(5, 16).replace('T', ' ');

/**
 * The legs of a shipment on one time axis: each leg a band named by its custodian, each sensor
 * digest's window under it, its shock peak (g) as a bar at the time it happened, temperature
 * min–max when logged, and every excursion a red marker with its kind.
 */
export function conditionChart(legs, nameOf) {
  const width = 760;
  const height = 230;
  const left = 40;
  const plotTop = 40;
  const plotBottom = 180;
  const times = legs.flatMap((l) => [l.leg.opened_at, l.leg.closed_at].filter(Boolean));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const x = (ms) => left + ((ms - start) / Math.max(end - start, 1)) * (width - left - 10);
  const peaks = legs.flatMap((l) => l.digests.map((d) => d.record.summary.shock?.peak_g ?? 0));
  const maxG = Math.max(5, ...peaks);
  const y = (g) => plotBottom - (g / maxG) * (plotBottom - plotTop);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'condition-chart', role: 'img' });
  chart.append(svg('title', {}, t('chart')));
  chart.append(svg('line', { x1: left, y1: plotBottom, x2: width - 10, y2: plotBottom, class: 'axis' }));
  chart.append(svg('text', { x: 2, y: plotTop, class: 'axis-label' }, `${maxG} g`));
  legs.forEach((l, i) => {
    const x0 = x(l.leg.opened_at);
    const x1 = x(l.leg.closed_at ?? end);
    const excursion = l.leg.excursions.length > 0;
    chart.append(svg('rect', { x: x0, y: 8, width: Math.max(x1 - x0, 2), height: 22, class: excursion ? 'leg leg-excursion' : 'leg' }));
    chart.append(svg('text', { x: x0 + 4, y: 24, class: 'leg-label' }, `${t('leg')} ${i + 1}: ${nameOf(l.leg.custodian)}`));
    for (const d of l.digests) {
      const s = d.record.summary;
      chart.append(svg('rect', { x: x(s.window_start), y: plotBottom + 4, width: Math.max(x(s.window_end) - x(s.window_start), 2), height: 6, class: 'window' }));
      if (s.shock) {
        const over = s.shock.events_over_threshold > 0;
        chart.append(svg('line', { x1: x(s.shock.peak_at), x2: x(s.shock.peak_at), y1: plotBottom, y2: y(s.shock.peak_g), class: over ? 'peak peak-over' : 'peak' }));
        chart.append(svg('text', { x: x(s.shock.peak_at) + 4, y: y(s.shock.peak_g) + 4, class: 'peak-label' }, `${t('shock')} ${s.shock.peak_g} g`));
      }
      if (s.temperature) {
        const label = `${t('temperature')} ${s.temperature.min_c}–${s.temperature.max_c} °C`;
        chart.append(svg('text', { x: x(s.window_start) + 2, y: plotBottom - 4, class: 'temperature-label' }, label));
      }
    }
    for (const [kind, at] of l.leg.excursions) {
      chart.append(svg('circle', { cx: x(at), cy: plotTop - 4, r: 5, class: 'excursion-marker' }));
      chart.append(svg('text', { x: x(at) - 8, y: plotTop, class: 'excursion-label', 'text-anchor': 'end' }, `${t('excursion')}: ${kind}`));
    }
  });
  chart.append(svg('text', { x: left, y: height - 8, class: 'axis-label' }, `${hhmm(start)} UTC`));
  chart.append(svg('text', { x: width - 10, y: height - 8, class: 'axis-label', 'text-anchor': 'end' }, `${hhmm(end)} UTC`));
  return chart;
}

/** Horizontal stacked bars: `rows` of [label, [count per series]], `series` their names. */
export function barChart(rows, series) {
  const barHeight = 22;
  const labelWidth = 200;
  const width = 760;
  const total = Math.max(1, ...rows.map(([, counts]) => counts.reduce((a, b) => a + b, 0)));
  const unit = (width - labelWidth - 40) / total;
  const height = rows.length * (barHeight + 6) + 30;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'bar-chart', role: 'img' });
  rows.forEach(([label, counts], i) => {
    const top = i * (barHeight + 6);
    chart.append(svg('text', { x: 0, y: top + 16, class: 'bar-label' }, label));
    let at = labelWidth;
    counts.forEach((n, k) => {
      if (n > 0) {
        chart.append(svg('rect', { x: at, y: top, width: n * unit, height: barHeight, class: `bar series-${k}` }));
        chart.append(svg('text', { x: at + 4, y: top + 16, class: 'bar-count' }, String(n)));
      }
      at += n * unit;
    });
  });
  series.forEach((name, k) => {
    const x = labelWidth + k * 150;
    chart.append(svg('rect', { x, y: height - 18, width: 12, height: 12, class: `bar series-${k}` }));
    chart.append(svg('text', { x: x + 16, y: height - 8, class: 'bar-label' }, name));
  });
  return chart;
}
