// "Enable notifications": asks for desktop notifications from a click (never on load); once decided,
// says what was decided instead.
import { Icon } from '../../components/Icon.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

export function NotificationsButton() {
  const access = useCockpit((state) => state.notificationAccess);
  const enable = useCockpit((state) => state.enableNotifications);
  if (access === 'unsupported') return null;
  if (access === 'granted') {
    return (
      <span
        className="env-notify-state"
        title="Production going down or recovering shows a desktop notification"
      >
        <Icon name="check" /> Notifications on
      </span>
    );
  }
  if (access === 'denied') {
    return (
      <span
        className="env-notify-state env-muted"
        title="Allow notifications for this app in the browser settings"
      >
        Notifications blocked
      </span>
    );
  }
  return (
    <button type="button" className="button button-small" onClick={() => void enable()}>
      <Icon name="bell" />
      Enable notifications
    </button>
  );
}
