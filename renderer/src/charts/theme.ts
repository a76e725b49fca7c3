/** Colours of the dark big-screen theme, shared by CSS (see styles.css) and chart options. */
export const C = {
  bg: '#060b18',
  panel: '#0b1426',
  grid: 'rgba(120, 150, 200, 0.14)',
  axis: '#7f93b5',
  text: '#dbe6ff',
  textDim: '#8a9bbd',
  cyan: '#22d3ee',
  blue: '#3b82f6',
  violet: '#a78bfa',
  amber: '#fbbf24',
  orange: '#fb923c',
  pink: '#f472b6',
  green: '#34d399',
  red: '#f87171',
  natural: '#22d3ee',
  paid: '#f59e0b',
} as const;

export const SERIES_COLORS = [C.cyan, C.amber, C.pink, C.violet, C.green, C.orange, C.blue];

/** Axis/tooltip settings shared by every chart, sized for reading at a distance. */
export const AXIS_LABEL = { color: C.axis, fontSize: 14 };
export const TOOLTIP = {
  trigger: 'axis' as const,
  backgroundColor: 'rgba(8, 16, 34, 0.94)',
  borderColor: 'rgba(34, 211, 238, 0.4)',
  textStyle: { color: C.text, fontSize: 14 },
  // text fields are escaped by ECharts' default formatter; no custom HTML formatter is used anywhere
};

