// A labelled select in a view's row of filters (the project, the environment).
import { useId, type ReactNode } from 'react';
import './project-select.css';

interface PickerSelectProps {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  /** The options. */
  children: ReactNode;
}

export function PickerSelect({ label, value, onChange, children }: PickerSelectProps) {
  const id = useId();
  return (
    <div className="project-picker">
      <label htmlFor={id} className="project-picker-label">
        {label}
      </label>
      <select
        id={id}
        className="input select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {children}
      </select>
    </div>
  );
}
