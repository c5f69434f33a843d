// How a parsed ANSI style is shown: palette colours as classes (themed for light and dark in
// log.css), exact colours (256-colour cube, truecolor) as a React style object. No HTML strings.
import type { CSSProperties } from 'react';
import type { AnsiColor, AnsiStyle } from './ansi.ts';

const rgb = (color: AnsiColor & { kind: 'rgb' }) => `rgb(${color.r}, ${color.g}, ${color.b})`;

export function ansiClassName(style: AnsiStyle | null): string | undefined {
  if (!style) return undefined;
  const [fg, bg] = style.inverse ? [style.bg, style.fg] : [style.fg, style.bg];
  const classes: string[] = [];
  if (fg?.kind === 'palette') classes.push(`ansi-fg-${fg.index}`);
  else if (!fg && style.inverse) classes.push('ansi-fg-inverse');
  if (bg?.kind === 'palette') classes.push(`ansi-bg-${bg.index}`);
  else if (!bg && style.inverse) classes.push('ansi-bg-inverse');
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  if (style.strike) classes.push('ansi-strike');
  return classes.length > 0 ? classes.join(' ') : undefined;
}

export function ansiInlineStyle(style: AnsiStyle | null): CSSProperties | undefined {
  if (!style) return undefined;
  const [fg, bg] = style.inverse ? [style.bg, style.fg] : [style.fg, style.bg];
  if (fg?.kind !== 'rgb' && bg?.kind !== 'rgb') return undefined;
  return {
    color: fg?.kind === 'rgb' ? rgb(fg) : undefined,
    backgroundColor: bg?.kind === 'rgb' ? rgb(bg) : undefined,
  };
}
