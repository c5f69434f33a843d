// Notifications sent: the delivery log of notifications out (webhook, Slack, Teams, email) — each
// event and channel, sent or failed, why, and how many attempts it took. The engine decides and
// retries; this panel only shows what it reports.
import { useEffect } from 'react';
import type { Delivery } from '../../../../shared/domain/notification.ts';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import type { DeliveriesFilter } from '../../stores/settings/notifications-sent-slice.ts';
import { useCockpit } from '../../stores/store-context.tsx';

const filters: { value: DeliveriesFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'failed', label: 'Failed' },
];

const statusLook: Record<Delivery['status'], { className: string; label: string }> = {
  sent: { className: 'badge badge-ok', label: 'sent' },
  pending: { className: 'badge badge-warning', label: 'retrying' },
  sending: { className: 'badge badge-warning', label: 'sending' },
  failed: { className: 'badge badge-danger', label: 'failed' },
};

export function NotificationsSentPanel() {
  const deliveries = useCockpit((state) => state.deliveries);
  const error = useCockpit((state) => state.deliveriesError);
  const filter = useCockpit((state) => state.deliveriesFilter);
  const setFilter = useCockpit((state) => state.setDeliveriesFilter);
  const watch = useCockpit((state) => state.watchDeliveries);
  useEffect(() => watch(), [watch]);

  return (
    <section className="panel" aria-labelledby="notifications-sent-title" data-testid="notifications-sent">
      <div className="panel-title-row">
        <h2 id="notifications-sent-title" className="panel-title">
          Notifications sent
        </h2>
        <div className="deliveries-filter" role="group" aria-label="Show">
          {filters.map((option) => (
            <button
              key={option.value}
              type="button"
              className="deliveries-filter-option"
              aria-pressed={option.value === filter}
              onClick={() => setFilter(option.value)}
            >
              {option.label}
            </button>
          ))}
        </div>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          Could not read the delivery log: {error}
        </p>
      ) : deliveries === null ? (
        <LoadingLine>Loading…</LoadingLine>
      ) : deliveries.length === 0 ? (
        <p className="deliveries-empty" data-testid="notifications-sent-empty">
          {filter === 'failed'
            ? 'No notification has failed.'
            : 'Nothing sent yet. Add channels and rules under notifications: in a project’s cockpit.yml (webhook, Slack, Teams or email), and store their URLs and passwords as secrets below; deploys, approvals, incidents and freezes are then told there.'}
        </p>
      ) : (
        <ul className="deliveries" aria-label="Deliveries">
          {deliveries.map((delivery) => (
            <DeliveryRow key={delivery.id} delivery={delivery} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DeliveryRow({ delivery }: { delivery: Delivery }) {
  const look = statusLook[delivery.status];
  return (
    <li className="delivery" data-status={delivery.status}>
      <div className="delivery-head">
        <span className={look.className}>{look.label}</span>
        <span className="delivery-title">{delivery.title}</span>
        <RelativeTime at={delivery.sentAt ?? delivery.createdAt} />
      </div>
      <div className="delivery-meta">
        {delivery.event} → {delivery.channel} ({delivery.channelType}) · {delivery.projectName} ·{' '}
        {delivery.attempts} of {delivery.maxAttempts} attempt{delivery.maxAttempts === 1 ? '' : 's'}
        {delivery.status === 'pending' && delivery.nextAttemptAt !== null ? (
          <>
            {' '}
            · next attempt at{' '}
            <time dateTime={new Date(delivery.nextAttemptAt).toISOString()}>
              {new Date(delivery.nextAttemptAt).toLocaleTimeString()}
            </time>
          </>
        ) : null}
      </div>
      {delivery.lastError && delivery.status !== 'sent' ? (
        <div className="delivery-why">{delivery.lastError}</div>
      ) : null}
    </li>
  );
}
