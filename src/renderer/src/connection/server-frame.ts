// Frames from the engine are validated at the boundary, like every other boundary in the app.
import { serverFrameSchema, type ServerFrame } from '../../../shared/frames.ts';

/** The frame, or null (with a console warning) when the engine sent something malformed. */
export function parseServerFrame(raw: unknown): ServerFrame | null {
  const parsed = serverFrameSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.warn('Ignored a malformed frame from the engine.');
  return null;
}
