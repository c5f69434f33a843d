// The "Add project" dialog: a folder path (inspected while typing), an optional starter cockpit.yml,
// an optional name. The engine decides; this form shows what it says.
import { useId, useRef, type FormEvent } from 'react';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { Modal } from '../../components/Modal.tsx';
import { useCockpit } from '../../stores/store-context.tsx';
import { FolderFacts } from './FolderFacts.tsx';
import { canOfferStarterConfig } from './folder-facts.ts';
import './add-project.css';

export function AddProjectDialog() {
  const draft = useCockpit((state) => state.addDraft);
  const inspection = useCockpit((state) => state.inspection);
  const adding = useCockpit((state) => state.adding);
  const addError = useCockpit((state) => state.addError);
  const setPath = useCockpit((state) => state.setAddPath);
  const setName = useCockpit((state) => state.setAddName);
  const setCreateConfig = useCockpit((state) => state.setCreateConfig);
  const submit = useCockpit((state) => state.submitAddProject);
  const closeDialog = useCockpit((state) => state.closeDialog);
  const pathRef = useRef<HTMLInputElement>(null);
  const ids = { path: useId(), facts: useId(), name: useId(), error: useId(), configError: useId() };

  const configMissing = addError?.code === 'CONFIG_MISSING' ? addError : null;
  const otherError = addError && !configMissing ? addError : null;
  const offerStarter = configMissing !== null || canOfferStarterConfig(inspection);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit();
  };

  return (
    <Modal
      title="Add project"
      description={
        <p>Point the cockpit at a folder. Nothing in it changes unless you ask for a starter cockpit.yml.</p>
      }
      onClose={closeDialog}
      initialFocus={pathRef}
    >
      <form className="add-project-form" onSubmit={onSubmit} noValidate aria-busy={adding}>
        <div className="field">
          <label className="field-label" htmlFor={ids.path}>
            Folder
          </label>
          <input
            ref={pathRef}
            id={ids.path}
            className="input mono"
            type="text"
            value={draft.path}
            onChange={(event) => setPath(event.target.value)}
            placeholder="~/code/my-service"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-invalid={otherError ? true : undefined}
            aria-describedby={otherError ? `${ids.facts} ${ids.error}` : ids.facts}
          />
          <div id={ids.facts} className="field-facts" aria-live="polite">
            <FolderFacts />
          </div>
          {otherError ? (
            <p id={ids.error} className="field-error" role="alert">
              {otherError.message}
            </p>
          ) : null}
        </div>

        {offerStarter ? (
          <div className="field field-checkbox">
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.createConfig}
                onChange={(event) => setCreateConfig(event.target.checked)}
                aria-describedby={configMissing ? ids.configError : undefined}
              />
              Create a starter cockpit.yml in this folder
            </label>
            {configMissing ? (
              <p id={ids.configError} className="field-error" role="alert">
                {configMissing.message}
              </p>
            ) : null}
          </div>
        ) : null}

        <div className="field">
          <label className="field-label" htmlFor={ids.name}>
            Name <span className="field-optional">(optional)</span>
          </label>
          <input
            id={ids.name}
            className="input"
            type="text"
            value={draft.name}
            onChange={(event) => setName(event.target.value)}
            placeholder={
              inspection?.isDirectory ? inspection.suggestedName : 'Taken from cockpit.yml or the folder name'
            }
            autoComplete="off"
          />
        </div>

        <DialogFooter onCancel={closeDialog} submitting={adding} submitLabel="Add" />
      </form>
    </Modal>
  );
}
