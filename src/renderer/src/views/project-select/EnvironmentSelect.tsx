// A select of environment names for filtering a view, with a first option that stands for no one
// environment in particular (all of them, or the production tier).
import { PickerSelect } from './PickerSelect.tsx';

interface EnvironmentSelectProps {
  value: string;
  environments: readonly string[];
  /** The value and label of the first option. */
  anyValue: string;
  anyLabel: string;
  onChange: (value: string) => void;
}

export function EnvironmentSelect({
  value,
  environments,
  anyValue,
  anyLabel,
  onChange,
}: EnvironmentSelectProps) {
  return (
    <PickerSelect label="Environment" value={value} onChange={onChange}>
      <option value={anyValue}>{anyLabel}</option>
      {environments.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </PickerSelect>
  );
}
