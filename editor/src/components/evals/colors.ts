// One color per variant, readable on the light and the dark theme.
const PALETTE = ['#3b82f6', '#ef6c4a', '#22a06b', '#c084fc', '#eab308', '#06b6d4', '#f472b6', '#94a3b8'];

export const variantColor = (variants: readonly string[], name: string) => PALETTE[Math.max(0, variants.indexOf(name)) % PALETTE.length];
