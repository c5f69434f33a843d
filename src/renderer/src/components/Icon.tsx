// Small line icons drawn in SVG (no icon font, nothing fetched): decorative, so hidden from screen readers.
import type { ReactNode } from 'react';
import type { IconName } from '../lib/icon-names.ts';

const paths = {
  board: (
    <>
      <rect x="2" y="2.5" width="3.5" height="11" rx="1" />
      <rect x="6.25" y="2.5" width="3.5" height="7" rx="1" />
      <rect x="10.5" y="2.5" width="3.5" height="9" rx="1" />
    </>
  ),
  pipelines: (
    <>
      <circle cx="3.5" cy="4" r="1.75" />
      <circle cx="3.5" cy="12" r="1.75" />
      <circle cx="12.5" cy="8" r="1.75" />
      <path d="M5.25 4h2a2 2 0 0 1 2 2v0a2 2 0 0 0 2 2h-.5M5.25 12h2a2 2 0 0 0 2-2v0a2 2 0 0 1 2-2" />
    </>
  ),
  environments: (
    <>
      <rect x="2" y="2.5" width="12" height="4.5" rx="1.25" />
      <rect x="2" y="9" width="12" height="4.5" rx="1.25" />
      <path d="M4.5 4.75h.01M4.5 11.25h.01" />
    </>
  ),
  releases: (
    <>
      <path d="M2.5 8.6V3.5a1 1 0 0 1 1-1h5.1a1 1 0 0 1 .7.3l4.4 4.4a1 1 0 0 1 0 1.4l-5.1 5.1a1 1 0 0 1-1.4 0L2.8 9.3a1 1 0 0 1-.3-.7Z" />
      <circle cx="5.75" cy="5.75" r="1" />
    </>
  ),
  insights: <path d="M2.5 13.5h11M4.5 11V8M8 11V4M11.5 11V6.5" />,
  settings: (
    <>
      <path d="M2.5 4.5h6M11.5 4.5h2M2.5 11.5h2M7.5 11.5h6" />
      <circle cx="10" cy="4.5" r="1.5" />
      <circle cx="6" cy="11.5" r="1.5" />
    </>
  ),
  plus: <path d="M8 3v10M3 8h10" />,
  refresh: <path d="M13 8a5 5 0 1 1-1.5-3.55M13 2.5v2.5h-2.5" />,
  trash: <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.1a1 1 0 0 0 1 .9h3.8a1 1 0 0 0 1-.9l.6-8.1" />,
  folder: <path d="M2 4.5a1 1 0 0 1 1-1h3.2l1.3 1.5H13a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1Z" />,
  branch: (
    <>
      <circle cx="4.5" cy="3.5" r="1.5" />
      <circle cx="4.5" cy="12.5" r="1.5" />
      <circle cx="11.5" cy="5" r="1.5" />
      <path d="M4.5 5v6M11.5 6.5c0 3-7 2-7 4.5" />
    </>
  ),
  check: <path d="m3.5 8.5 3 3 6-7" />,
  alert: <path d="M8 2.5 14 13H2Zm0 4v3m0 2v.01" />,
  cross: <path d="m4 4 8 8M12 4l-8 8" />,
  copy: (
    <>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.25" />
      <path d="M10.5 5.5V3.75a1.25 1.25 0 0 0-1.25-1.25h-5.5A1.25 1.25 0 0 0 2.5 3.75v5.5a1.25 1.25 0 0 0 1.25 1.25H5.5" />
    </>
  ),
  info: (
    <>
      <circle cx="8" cy="8" r="5.75" />
      <path d="M8 7.25v3.5M8 5.25v.01" />
    </>
  ),
  circle: <circle cx="8" cy="8" r="5.25" />,
  running: (
    <>
      <circle cx="8" cy="8" r="5.25" opacity="0.3" />
      <path d="M8 2.75A5.25 5.25 0 0 1 13.25 8" />
    </>
  ),
  clock: (
    <>
      <circle cx="8" cy="8" r="5.75" />
      <path d="M8 4.75V8l2 1.5" />
    </>
  ),
  stop: (
    <>
      <circle cx="8" cy="8" r="5.75" />
      <path d="M6 6h4v4H6Z" />
    </>
  ),
  skip: (
    <>
      <circle cx="8" cy="8" r="5.75" />
      <path d="m5.5 10.5 5-5" />
    </>
  ),
  play: <path d="M5 3.5v9l7.5-4.5Z" />,
  pause: <path d="M5.5 3.5v9M10.5 3.5v9" />,
  bell: <path d="M4 11.5V7a4 4 0 0 1 8 0v4.5l1 1H3Zm2.75 2.25a1.4 1.4 0 0 0 2.5 0" />,
  link: <path d="M9 3h4v4M13 3 7.5 8.5M11.5 9.5v3a1 1 0 0 1-1 1h-7a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1h3" />,
  rerun: <path d="M3 8a5 5 0 1 0 1.5-3.55M3 2.5v2.5h2.5" />,
  download: <path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10" />,
  search: (
    <>
      <circle cx="7" cy="7" r="4.25" />
      <path d="m10.25 10.25 3.25 3.25" />
    </>
  ),
  key: (
    <>
      <circle cx="5.5" cy="10.5" r="3" />
      <path d="m7.6 8.4 5.9-5.9M11.5 4.5l1.75 1.75M9.75 6.25l1.25 1.25" />
    </>
  ),
  eye: (
    <>
      <path d="M1.75 8S4 3.75 8 3.75 14.25 8 14.25 8 12 12.25 8 12.25 1.75 8 1.75 8Z" />
      <circle cx="8" cy="8" r="2" />
    </>
  ),
  'eye-off': (
    <>
      <path d="M6.6 3.95A6 6 0 0 1 8 3.75c4 0 6.25 4.25 6.25 4.25a11 11 0 0 1-1.6 2.2M4.2 4.9A10.7 10.7 0 0 0 1.75 8S4 12.25 8 12.25a6 6 0 0 0 3.1-.85" />
      <path d="M6.6 6.6a2 2 0 0 0 2.8 2.8M2.5 2.5l11 11" />
    </>
  ),
  more: (
    <>
      <circle cx="3.5" cy="8" r="1.1" fill="currentColor" stroke="none" />
      <circle cx="8" cy="8" r="1.1" fill="currentColor" stroke="none" />
      <circle cx="12.5" cy="8" r="1.1" fill="currentColor" stroke="none" />
    </>
  ),
  'chevron-up': <path d="m4 10 4-4 4 4" />,
  'chevron-down': <path d="m4 6 4 4 4-4" />,
  'chevron-right': <path d="m6 4 4 4-4 4" />,
  'chevron-left': <path d="m10 4-4 4 4 4" />,
  'arrow-left': <path d="M13 8H3.5M7.5 4 3.5 8l4 4" />,
  'arrow-right': <path d="M3 8h9.5M8.5 4l4 4-4 4" />,
  'trend-up': <path d="M2.5 11.5 6.5 7.5l2.5 2.5 4.5-4.5M10 5.5h3.5V9" />,
  'trend-down': <path d="M2.5 4.5 6.5 8.5 9 6l4.5 4.5M10 10.5h3.5V7" />,
  'to-bottom': <path d="M8 2.5v7.5M4.5 6.5 8 10l3.5-3.5M3.5 13h9" />,
  'to-top': <path d="M3.5 3h9M8 13.5V6M4.5 9.5 8 6l3.5 3.5" />,
} satisfies Record<IconName, ReactNode>;

export type { IconName };

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[name]}
    </svg>
  );
}
