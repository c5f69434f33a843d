// Notices in the bottom corner: polite for news, assertive for errors; each can be dismissed.
import { createPortal } from 'react-dom';
import { Icon, type IconName } from '../components/Icon.tsx';
import type { NoticeTone } from '../stores/app/notices-slice.ts';
import { useCockpit } from '../stores/store-context.tsx';

const toneIcon: Record<NoticeTone, IconName> = {
  info: 'info',
  success: 'check',
  warning: 'alert',
  error: 'alert',
};

export function Toasts() {
  const notices = useCockpit((state) => state.notices);
  const dismiss = useCockpit((state) => state.dismissNotice);
  return createPortal(
    <section className="toasts" aria-label="Notifications">
      <ol className="toast-list">
        {notices.map((notice) => (
          <li
            key={notice.id}
            data-testid="toast"
            data-tone={notice.tone}
            className={`toast toast-${notice.tone}`}
            role={notice.tone === 'error' ? 'alert' : 'status'}
          >
            <Icon name={toneIcon[notice.tone]} className="toast-icon" />
            <p className="toast-message">{notice.message}</p>
            <button
              type="button"
              className="button button-icon button-quiet"
              aria-label="Dismiss"
              onClick={() => dismiss(notice.id)}
            >
              <Icon name="cross" />
            </button>
          </li>
        ))}
      </ol>
    </section>,
    document.body,
  );
}
