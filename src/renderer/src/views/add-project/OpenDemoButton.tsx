// Opens the demo project (a small git repository set up in the data folder): the way to look around
// before adding a project of one's own. Busy while the demo is being set up.
import { BusyButton } from '../../components/BusyButton.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

export function OpenDemoButton({ primary = false }: { primary?: boolean }) {
  const openDemo = useCockpit((state) => state.openDemoProject);
  const demoOpening = useCockpit((state) => state.demoOpening);
  return (
    <BusyButton
      busy={demoOpening}
      className={primary ? 'button button-primary' : 'button'}
      onClick={() => {
        if (!demoOpening) void openDemo();
      }}
    >
      Open the demo project
    </BusyButton>
  );
}
