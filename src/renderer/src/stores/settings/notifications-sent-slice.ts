// Notifications sent (Settings): the engine's delivery log, fetched while the panel shows and
// refetched (debounced) when the engine says it changed (notifications.changed).
import type { Delivery } from '../../../../shared/domain/notification.ts';
import type { SliceCreator } from '../slice.ts';
import { humanMessage } from '../error-message.ts';
import { latestRequest } from '../latest-request.ts';

export type DeliveriesFilter = 'all' | 'failed';

export interface NotificationsSentSlice {
  /** Newest first; null until fetched. */
  deliveries: Delivery[] | null;
  deliveriesError: string | null;
  deliveriesFilter: DeliveriesFilter;
  setDeliveriesFilter: (filter: DeliveriesFilter) => void;
  /** Called while the panel shows. Returns "stop watching". */
  watchDeliveries: () => () => void;
  scheduleDeliveriesRefetch: () => void;
}

const REFETCH_DELAY_MS = 200;
const LIMIT = 100;

export const createNotificationsSentSlice: SliceCreator<NotificationsSentSlice> =
  (connection) => (set, get) => {
    let watchers = 0;
    const latestFetch = latestRequest();
    let timer: ReturnType<typeof setTimeout> | undefined;

    async function fetchDeliveries() {
      const filter = get().deliveriesFilter;
      await latestFetch(
        () =>
          connection.api.notifications.deliveries({
            status: filter === 'failed' ? 'failed' : undefined,
            limit: LIMIT,
          }),
        (deliveries) => set({ deliveries, deliveriesError: null }),
        (error) => set({ deliveriesError: humanMessage(error) }),
      );
    }

    return {
      deliveries: null,
      deliveriesError: null,
      deliveriesFilter: 'all',
      setDeliveriesFilter(filter) {
        set({ deliveriesFilter: filter, deliveries: null });
        void fetchDeliveries();
      },
      watchDeliveries() {
        watchers += 1;
        if (watchers === 1) void fetchDeliveries();
        return () => {
          watchers -= 1;
        };
      },
      scheduleDeliveriesRefetch() {
        if (watchers === 0 || timer !== undefined) return;
        timer = setTimeout(() => {
          timer = undefined;
          void fetchDeliveries();
        }, REFETCH_DELAY_MS);
      },
    };
  };
