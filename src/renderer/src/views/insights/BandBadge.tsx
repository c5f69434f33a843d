// A DORA band as a coloured badge that says it in words (never colour alone): Elite, High, Medium,
// Low, or No data.
import type { DoraBand } from '../../../../shared/domain/insights.ts';
import { bandLook } from '../../lib/insights-look.ts';

export function BandBadge({ band }: { band: DoraBand | null }) {
  const look = bandLook(band);
  return (
    <span
      className={`badge band-badge band-${look.tone}`}
      title={band ? `DORA band: ${look.label} — ${look.meaning}` : 'Not enough data for a DORA band'}
      data-band={band ?? ''}
    >
      {look.label}
    </span>
  );
}
