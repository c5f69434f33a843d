// Builds the one bound store from the slices listed in `domains.ts`, given the engine connection.
import { createStore } from 'zustand/vanilla';
import type { EngineConnection } from '../connection/engine-connection.ts';
import { domains, type CockpitState } from './domains.ts';
import type { SliceCreator } from './slice.ts';

export type { CockpitState } from './domains.ts';

export function createCockpitStore(connection: EngineConnection) {
  return createStore<CockpitState>()((set, get) => {
    const state = {} as CockpitState;
    for (const slices of Object.values(domains)) {
      // Each creator is checked against its own `SliceCreator<Own, Uses>` where it is written;
      // here they all get the whole store's set/get, which provide at least that.
      for (const create of slices as readonly SliceCreator<object, CockpitState>[]) {
        Object.assign(state, create(connection)(set, get));
      }
    }
    return state;
  });
}

export type CockpitStore = ReturnType<typeof createCockpitStore>;
