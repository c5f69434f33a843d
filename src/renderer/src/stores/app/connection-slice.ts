// Connection state as the UI shows it (mirrored from the engine connection), and "Retry now".
import type { ConnectionState } from '../../connection/engine-connection.ts';
import type { SliceCreator } from '../slice.ts';

export type { ConnectionState };

export interface ConnectionSlice {
  connection: ConnectionState;
  setConnectionState: (state: ConnectionState) => void;
  retryConnection: () => void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (connection) => (set) => ({
  connection: connection.getState(),
  setConnectionState: (state) => set({ connection: state }),
  retryConnection: () => connection.retryNow(),
});
