// Add a secret, or replace one's value: a name checked as the engine checks it, and a hidden value
// (shown on request; several lines for keys and certificates). The value lives in this form only
// until it is sent, and is cleared once saved.
import { useId, useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import { DialogFooter } from '../../../components/DialogFooter.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Modal } from '../../../components/Modal.tsx';
import { checkSecretForm, checkSecretName, type SecretFormErrors } from '../../../stores/runs/secret-form.ts';
import { useCockpit } from '../../../stores/store-context.tsx';

interface SecretFormDialogProps {
  projectId: number;
  /** The secret whose value is replaced; null adds a new one. */
  name: string | null;
}

export function SecretFormDialog({ projectId, name: replacing }: SecretFormDialogProps) {
  const projectName = useCockpit((state) => state.projects.find((p) => p.id === projectId)?.name ?? null);
  const saving = useCockpit((state) => state.secretActivity === 'saving');
  const saveSecret = useCockpit((state) => state.saveSecret);
  const closeDialog = useCockpit((state) => state.closeDialog);
  const [name, setName] = useState(replacing ?? '');
  const [value, setValue] = useState('');
  const [shown, setShown] = useState(false);
  const [multiline, setMultiline] = useState(false);
  const [errors, setErrors] = useState<SecretFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const exists = useCockpit(
    (state) =>
      replacing === null &&
      state.secretsProjectId === projectId &&
      (state.secrets?.some((secret) => secret.name === name) ?? false),
  );
  const nameRef = useRef<HTMLInputElement>(null);
  const valueRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const id = useId();
  const ids = {
    name: `${id}-name`,
    nameHint: `${id}-name-hint`,
    nameError: `${id}-name-error`,
    value: `${id}-value`,
    valueHint: `${id}-value-hint`,
    valueError: `${id}-value-error`,
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    const problems = checkSecretForm(name, value);
    setErrors(problems);
    setFormError(null);
    if (problems.name || problems.value) {
      (problems.name ? nameRef : valueRef).current?.focus();
      return;
    }
    const outcome = await saveSecret(projectId, name, value);
    if (!outcome.ok) {
      setFormError(outcome.message);
      return;
    }
    setValue('');
    closeDialog();
  };

  /** A password field drops line breaks: a pasted key switches to several lines instead. */
  const onPasteSingleLine = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (!/[\r\n]/.test(pasted)) return;
    event.preventDefault();
    const input = event.currentTarget;
    const start = input.selectionStart ?? value.length;
    const end = input.selectionEnd ?? value.length;
    setValue(value.slice(0, start) + pasted + value.slice(end));
    setMultiline(true);
    requestAnimationFrame(() => valueRef.current?.focus());
  };

  const changeValue = (next: string) => {
    setValue(next);
    if (errors.value) setErrors(({ value: _cleared, ...rest }) => rest);
  };

  const valueDescribedBy = [ids.valueHint, errors.value ? ids.valueError : null].filter(Boolean).join(' ');
  const valueProps = {
    ref: valueRef,
    id: ids.value,
    name: 'secret-value',
    value,
    autoComplete: 'off',
    autoCapitalize: 'off',
    autoCorrect: 'off',
    spellCheck: false,
    'aria-invalid': errors.value ? true : undefined,
    'aria-describedby': valueDescribedBy,
  } as const;

  return (
    <Modal
      title={replacing ? `Replace ${replacing}` : 'Add secret'}
      description={
        replacing ? (
          <p>
            Enter the new value{projectName ? ` for ${projectName}` : ''}. Jobs get it from their next run;
            the old value is gone once you save.
          </p>
        ) : (
          <p>
            Jobs of {projectName ?? 'this project'} get it as an environment variable when they list its name
            under <code className="mono">secrets:</code>.
          </p>
        )
      }
      onClose={closeDialog}
      initialFocus={replacing ? valueRef : nameRef}
    >
      <form className="secret-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-busy={saving}>
        <div className="field">
          <label className="field-label" htmlFor={ids.name}>
            Name
          </label>
          <input
            ref={nameRef}
            id={ids.name}
            name="secret-name"
            className="input mono"
            type="text"
            value={name}
            readOnly={replacing !== null}
            onChange={(event) => {
              setName(event.target.value);
              if (errors.name) setErrors(({ name: _cleared, ...rest }) => rest);
            }}
            onBlur={() => {
              if (name !== '' && replacing === null) {
                const problem = checkSecretName(name);
                setErrors((current) => (problem ? { ...current, name: problem } : current));
              }
            }}
            placeholder={replacing ? undefined : 'NPM_TOKEN'}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={[ids.nameHint, errors.name ? ids.nameError : null].filter(Boolean).join(' ')}
          />
          <p id={ids.nameHint} className="field-hint">
            {replacing ? (
              'The name stays; only the value changes.'
            ) : (
              <>
                An environment variable name: letters, digits and underscores, not starting with a digit (
                <code className="mono">{'^[A-Za-z_][A-Za-z0-9_]*$'}</code>).
                {exists ? ' A secret with this name exists: saving replaces its value.' : ''}
              </>
            )}
          </p>
          {errors.name ? (
            <p id={ids.nameError} className="field-error" role="alert">
              {errors.name}
            </p>
          ) : null}
        </div>

        <div className="field">
          <div className="secret-value-label">
            <label className="field-label" htmlFor={ids.value}>
              Value
            </label>
            <button
              type="button"
              className="button button-small button-quiet"
              aria-controls={ids.value}
              onClick={() => setShown(!shown)}
            >
              <Icon name={shown ? 'eye-off' : 'eye'} />
              {shown ? 'Hide' : 'Show'}
              <span className="visually-hidden"> value</span>
            </button>
          </div>
          {multiline ? (
            <textarea
              {...valueProps}
              className={shown ? 'input mono secret-textarea' : 'input mono secret-textarea secret-concealed'}
              rows={6}
              onChange={(event) => changeValue(event.target.value)}
            />
          ) : (
            <input
              {...valueProps}
              className="input mono"
              type={shown ? 'text' : 'password'}
              onChange={(event) => changeValue(event.target.value)}
              onPaste={onPasteSingleLine}
            />
          )}
          <p id={ids.valueHint} className="field-hint">
            Encrypted on this computer and never shown again. Use a long, random value: short or common ones
            are easy to guess and hard to mask in logs.
          </p>
          {errors.value ? (
            <p id={ids.valueError} className="field-error" role="alert">
              {errors.value}
            </p>
          ) : null}
          <label className="checkbox-label secret-multiline">
            <input
              type="checkbox"
              checked={multiline}
              disabled={multiline && /[\r\n]/.test(value)}
              onChange={(event) => setMultiline(event.target.checked)}
            />
            Several lines (a private key or certificate)
          </label>
        </div>

        {formError ? (
          <p className="field-error" role="alert">
            {formError}
          </p>
        ) : null}
        <DialogFooter
          onCancel={closeDialog}
          submitting={saving}
          submitLabel={replacing ? 'Replace value' : 'Save secret'}
        />
      </form>
    </Modal>
  );
}
