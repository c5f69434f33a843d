// A small busy indicator for buttons and inline states (still under prefers-reduced-motion).
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}
