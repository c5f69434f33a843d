// The one shape every slice has: it gets the engine connection, writes only its own state and reads
// its own state plus what it declares it uses from other slices (`SliceCreator<Own, Uses>`).
import type { EngineConnection } from '../connection/engine-connection.ts';

/** Writes part of a slice's own state: a patch, or a patch computed from the state the slice reads. */
export type SetOwn<Own, Uses = unknown> = (
  patch: Partial<Own> | ((state: Own & Uses) => Partial<Own>),
) => void;

/**
 * A slice: given the connection, returns a creator that builds the slice's state and actions.
 * `Uses` names what it reads or calls from other slices, e.g. `Pick<NoticesSlice, 'notify'>`;
 * `domains.ts` refuses to compile when a used key is not provided by a registered slice.
 */
export type SliceCreator<Own, Uses = unknown> = (
  connection: EngineConnection,
) => (set: SetOwn<Own, Uses>, get: () => Own & Uses) => Own;
