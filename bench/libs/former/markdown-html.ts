// The hand-written Markdown → HTML subset the engine used before markdown-it (frozen at f7ab7e1), kept
// only so BENCH_ONLY=libs can compare the two on the same input. Not used by the app.
// The small part of Markdown that release notes use (headings, lists, quotes, paragraphs, **bold**,
// `code`, fenced code) turned into HTML for the HTML report. Everything is escaped first, and no
// syntax produces an attribute, a link or a raw tag: whatever a commit message says stays text.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char]!);
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `**bold**` and `code`, on already-escaped text; code spans are left alone inside. */
function inline(text: string): string {
  return escapeHtml(text)
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? `<code>${part.slice(1, -1)}</code>`
        : part.replace(/\*\*(?=\S)(.+?)\*\*/g, '<strong>$1</strong>').replace(/\\([\\`*_[\]<>|#])/g, '$1'),
    )
    .join('');
}

/** Markdown to HTML; headings are shifted so the shallowest becomes `<h{topLevel}>`. */
export function markdownToHtml(markdown: string, topLevel = 3): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const depths = lines.map((line) => /^(#{1,6})\s/.exec(line)?.[1]!.length).filter((d) => d !== undefined);
  const shift = depths.length ? topLevel - Math.min(...depths) : 0;
  const out: string[] = [];
  // The block being gathered: lines of a paragraph, items of a list, lines of a quote.
  const open: { paragraph: string[]; list: { tag: 'ul' | 'ol'; items: string[] } | null; quote: string[] } = {
    paragraph: [],
    list: null,
    quote: [],
  };
  let code: string[] | null = null;

  const flush = () => {
    if (open.paragraph.length) out.push(`<p>${open.paragraph.map(inline).join(' ')}</p>`);
    if (open.list) {
      const { tag, items } = open.list;
      out.push(`<${tag}>${items.map((item) => `<li>${inline(item)}</li>`).join('')}</${tag}>`);
    }
    if (open.quote.length) out.push(`<blockquote><p>${open.quote.map(inline).join(' ')}</p></blockquote>`);
    open.paragraph = [];
    open.list = null;
    open.quote = [];
  };

  for (const line of lines) {
    if (code !== null) {
      if (/^\s*(```|~~~)/.test(line)) {
        out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
        code = null;
      } else code.push(line);
      continue;
    }
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      code = [];
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const quoted = /^\s*>\s?(.*)$/.exec(line);
    if (line.trim() === '') flush();
    else if (heading) {
      flush();
      const level = Math.min(6, Math.max(1, heading[1]!.length + shift));
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`);
    } else if (bullet || numbered) {
      const tag = bullet ? 'ul' : 'ol';
      if (open.list?.tag !== tag) flush();
      const list = (open.list ??= { tag, items: [] });
      list.items.push((bullet ?? numbered)![1]!);
    } else if (quoted) {
      if (open.quote.length === 0) flush();
      open.quote.push(quoted[1]!);
    } else if (open.list && /^\s+\S/.test(line)) {
      open.list.items[open.list.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (open.list || open.quote.length) flush();
      open.paragraph.push(line.trim());
    }
  }
  if (code !== null) out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
  flush();
  return out.join('\n');
}
