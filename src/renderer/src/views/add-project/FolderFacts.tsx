// What the engine found at the typed path: the resolved folder and what adding it would mean.
import { Icon, type IconName } from '../../components/Icon.tsx';
import { useCockpit } from '../../stores/store-context.tsx';
import { folderFacts, type FactTone } from './folder-facts.ts';

const toneIcon: Record<FactTone, IconName> = {
  ok: 'check',
  warning: 'alert',
  danger: 'cross',
  neutral: 'circle',
};

export function FolderFacts() {
  const path = useCockpit((state) => state.addDraft.path);
  const inspection = useCockpit((state) => state.inspection);
  const inspecting = useCockpit((state) => state.inspecting);
  const inspectError = useCockpit((state) => state.inspectError);

  if (path.trim() === '') {
    return (
      <p className="field-hint">
        A folder on this computer. <code>~</code> is your home folder; relative paths start there too.
      </p>
    );
  }
  if (inspectError && !inspecting) {
    return <p className="fact fact-danger">{inspectError}</p>;
  }
  if (!inspection) {
    return <p className="field-hint">Checking the folder…</p>;
  }
  return (
    <div className={inspecting ? 'folder-facts folder-facts-stale' : 'folder-facts'} aria-busy={inspecting}>
      {inspection.path !== path.trim() ? (
        <p className="folder-facts-path mono">
          <span className="visually-hidden">Resolves to </span>
          <span aria-hidden="true">→ </span>
          {inspection.path}
        </p>
      ) : null}
      <ul className="fact-list">
        {folderFacts(inspection).map((fact) => (
          <li key={fact.text} className={`fact fact-${fact.tone}`}>
            <Icon name={toneIcon[fact.tone]} />
            {fact.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
