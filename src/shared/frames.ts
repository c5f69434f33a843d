// The wire format every transport carries: calls and cancels one way, results and events the other.
import { z } from 'zod';
import { errorDataSchema } from './errors.ts';

export const clientFrameSchema = z.discriminatedUnion('t', [
  z.strictObject({
    t: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(100),
    params: z.unknown(),
  }),
  z.strictObject({ t: z.literal('cancel'), id: z.number().int().nonnegative() }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export type ServerFrame =
  | { t: 'result'; id: number; ok: true; result: unknown }
  | { t: 'result'; id: number; ok: false; error: z.infer<typeof errorDataSchema> }
  | { t: 'event'; name: string; payload: unknown };

// A plain union: two members share t: 'result', which a discriminated union does not allow.
export const serverFrameSchema: z.ZodType<ServerFrame> = z.union([
  z.strictObject({ t: z.literal('result'), id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ t: z.literal('result'), id: z.number(), ok: z.literal(false), error: errorDataSchema }),
  z.strictObject({ t: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);

/**
 * A bidirectional message pipe: a MessagePort, a WebSocket or an in-process pair.
 * Messages are structured-clonable objects (transports that need text serialise them).
 */
export interface Channel<Out, In> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  onClose(listener: () => void): void;
  close(): void;
}
