// "Export report" (Markdown or HTML) and "CSV" (deployments, runs or incidents) for the filter's
// window — since now minus the range — saved as a file through the browser's download.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Icon } from '../../components/Icon.tsx';
import { Menu, type MenuItem } from '../../components/Menu.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import type { ReportExport } from '../../stores/insights/insights-slice.ts';
import { useCockpit } from '../../stores/store-context.tsx';

type Open = { which: 'report' | 'csv'; anchor: HTMLElement } | null;

export function ExportButtons() {
  const exporting = useCockpit((state) => state.exporting);
  const exportReport = useCockpit((state) => state.exportReport);
  const [open, setOpen] = useState<Open>(null);
  const openRef = useRef<Open>(null);
  useEffect(() => {
    openRef.current = open;
  }, [open]);
  const close = useCallback(({ restoreFocus }: { restoreFocus: boolean }) => {
    if (restoreFocus) openRef.current?.anchor.focus();
    setOpen(null);
  }, []);

  const item = (id: string, label: string, what: ReportExport): MenuItem => ({
    id,
    label,
    disabledReason: exporting !== null ? 'An export is under way.' : null,
    onSelect: () => void exportReport(what),
  });
  const items =
    open?.which === 'report'
      ? [
          item('md', 'Markdown (.md)', { format: 'md' }),
          item('html', 'HTML, self-contained (.html)', { format: 'html' }),
        ]
      : [
          item('deployments', 'Deployments', { format: 'csv', table: 'deployments' }),
          item('runs', 'Pipeline runs', { format: 'csv', table: 'runs' }),
          item('incidents', 'Incidents', { format: 'csv', table: 'incidents' }),
        ];

  const button = (which: 'report' | 'csv', label: string) => (
    <button
      type="button"
      className="button"
      aria-haspopup="menu"
      aria-expanded={open?.which === which}
      onClick={(event) => {
        const anchor = event.currentTarget;
        setOpen((current) => (current?.which === which ? null : { which, anchor }));
      }}
    >
      {exporting !== null && (which === 'report') === (exporting === 'md' || exporting === 'html') ? (
        <Spinner />
      ) : (
        <Icon name="download" />
      )}
      {label}
    </button>
  );

  return (
    <>
      {button('report', 'Export report')}
      {button('csv', 'CSV')}
      {open ? (
        <Menu
          label={open.which === 'report' ? 'Export the release report as' : 'Export a table as CSV'}
          heading={open.which === 'report' ? 'Release report for this period' : 'CSV for this period'}
          items={items}
          anchor={open.anchor}
          onClose={close}
        />
      ) : null}
    </>
  );
}
