// The tray icon: the worst production state across projects at a glance, a menu of environments and
// recent runs, and the way back into the app once its window is closed (the cockpit keeps polling
// and running pipelines until "Quit" here or in the app menu).
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { EngineClient } from '../../shared/client.ts';
import type { Logger } from '../engine/kernel/diagnostics/logger.ts';
import { trayModel, type TrayItem, type TrayState } from './tray-model.ts';

const colours: Record<TrayState, [number, number, number]> = {
  up: [46, 160, 67],
  degraded: [210, 153, 34],
  down: [218, 54, 51],
  unknown: [139, 148, 158],
};

/** A filled 16×16 (32×32 at 2×) circle in the state's colour: no image files to ship per state. */
function dot(state: TrayState): NativeImage {
  const image = nativeImage.createEmpty();
  for (const scale of [1, 2]) {
    const size = 16 * scale;
    const pixels = Buffer.alloc(size * size * 4);
    const [r, g, b] = colours[state];
    const centre = (size - 1) / 2;
    const radius = size * 0.38;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const distance = Math.hypot(x - centre, y - centre);
        const alpha = Math.max(0, Math.min(1, radius + 0.5 - distance));
        const at = (y * size + x) * 4; // BGRA
        pixels[at] = b;
        pixels[at + 1] = g;
        pixels[at + 2] = r;
        pixels[at + 3] = Math.round(alpha * 255);
      }
    }
    image.addRepresentation({ scaleFactor: scale, width: size, height: size, buffer: pixels });
  }
  return image;
}

export interface CockpitTrayOptions {
  logger: Logger;
  /** Shows the main window (creating it if it was closed), then opens the route when given. */
  open(route: string | null): void;
}

export function createCockpitTray(options: CockpitTrayOptions) {
  const tray = new Tray(dot('unknown'));
  tray.setToolTip('Release Cockpit');
  tray.on('click', () => options.open(null));
  let client: EngineClient | null = null;
  let refreshing = false;
  let again = false;

  // Checks report every few seconds per environment: one refresh a second is plenty for a tray.
  let timer: NodeJS.Timeout | null = null;
  function schedule() {
    timer ??= setTimeout(() => {
      timer = null;
      void refresh();
    }, 1000);
  }

  const item = (entry: TrayItem) => ({ label: entry.label, click: () => options.open(entry.route) });

  async function refresh() {
    if (!client) return;
    if (refreshing) return void (again = true);
    refreshing = true;
    try {
      const [environments, runs] = await Promise.all([
        client.api.environments.list({}),
        client.api.runs.list({ limit: 5 }),
      ]);
      const model = trayModel(environments, runs);
      tray.setImage(dot(model.state));
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: 'Open Release Cockpit', click: () => options.open(null) },
          { type: 'separator' },
          { label: 'Environments', enabled: false },
          ...(model.environments.length
            ? model.environments.map(item)
            : [{ label: 'None yet', enabled: false }]),
          { type: 'separator' },
          { label: 'Recent runs', enabled: false },
          ...(model.runs.length ? model.runs.map(item) : [{ label: 'None yet', enabled: false }]),
          { type: 'separator' },
          { label: 'Quit Release Cockpit', role: 'quit' },
        ]),
      );
    } catch (error) {
      options.logger.warn('the tray could not refresh', { error });
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  }

  return {
    /** Binds the tray to a (new) engine connection. */
    connect(next: EngineClient) {
      client?.close();
      client = next;
      next.on('environments.changed', schedule);
      next.on('runs.changed', schedule);
      void refresh();
    },
    destroy() {
      if (timer) clearTimeout(timer);
      client?.close();
      tray.destroy();
    },
  };
}
