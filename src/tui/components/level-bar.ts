/**
 * A level meter for the terminal: `width` characters, '█' for the loud part and '░' for
 * the rest. The scale is logarithmic like hearing: -60 dBFS (rms 0.001) and below is
 * empty, 0 dBFS (rms 1) is full, so speech (about -30..-10 dBFS) fills half to most of it.
 */
export function levelBar(rms: number, width: number): string {
  const w = Math.max(0, Math.floor(width));
  if (w === 0) return '';
  const db = rms > 0 ? 20 * Math.log10(rms) : -Infinity;
  const fraction = Math.min(1, Math.max(0, (db + 60) / 60));
  const filled = Math.round(fraction * w);
  return '█'.repeat(filled) + '░'.repeat(w - filled);
}
