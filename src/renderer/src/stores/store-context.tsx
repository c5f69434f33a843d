// Hands the store to components; `useCockpit(selector)` selects narrowly so rows re-render alone.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CockpitState, CockpitStore } from './cockpit-store.ts';

const StoreContext = createContext<CockpitStore | null>(null);

export function StoreProvider({ store, children }: { store: CockpitStore; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

export function useCockpit<T>(selector: (state: CockpitState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useCockpit must be used inside <StoreProvider>.');
  return useStore(store, selector);
}
