// The project's secrets, one row each: the name, when it was last set, Replace and Delete.
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../../components/Icon.tsx';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import { useCockpit } from '../../../stores/store-context.tsx';

export function SecretList({ projectId, projectName }: { projectId: number; projectName: string }) {
  const secrets = useCockpit(
    useShallow((state) => state.secrets?.map((secret) => `${secret.name}\u0000${secret.updatedAt}`) ?? []),
  );
  const openDialog = useCockpit((state) => state.openDialog);
  return (
    <ul className="secret-list" aria-label={`Secrets of ${projectName}`} data-testid="secret-list">
      {secrets.map((entry) => {
        const [name, updatedAt] = entry.split('\u0000') as [string, string];
        return (
          <li key={name} className="secret-row" data-testid="secret-row" data-secret={name}>
            <span className="secret-name mono">{name}</span>
            <span className="secret-updated">
              updated <RelativeTime at={Number(updatedAt)} />
            </span>
            <span className="secret-actions">
              <button
                type="button"
                className="button button-small"
                aria-label={`Replace ${name}`}
                onClick={() => openDialog({ kind: 'set-secret', projectId, name })}
              >
                Replace
              </button>
              <button
                type="button"
                className="button button-small button-quiet secret-delete"
                aria-label={`Delete ${name}`}
                onClick={() => openDialog({ kind: 'delete-secret', projectId, name })}
              >
                <Icon name="trash" />
                Delete
              </button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
