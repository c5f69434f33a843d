// Putting text that someone else wrote (a commit subject, an author's name, a comment) into Markdown
// as text: nothing in it may become a tag, a link, an image, code or emphasis, end a table cell, or
// reach a terminal as a control sequence. And reading such text back for display.

/** What GFM viewers turn into links by themselves: URLs, www. addresses and email addresses. */
const autolink =
  /(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>|`"'()]*[^\s<>|`"'().,;:!?]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** C0 and C1 control characters (ESC, BEL, …) except tab; line breaks are handled apart. */
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Inline Markdown text: backslash-escapes what would make a link, image, code, emphasis or HTML
 * (`<script>` stays text) and pipes, so a value cannot end a table cell; addresses GFM would link
 * become code spans; line breaks become spaces; control characters are dropped.
 */
export function markdownText(text: string): string {
  const escape = (part: string) => part.replace(/[\\`*[\]<>|]/g, (char) => `\\${char}`);
  const flat = text.replace(/\r\n?|\n/g, ' ').replace(controls, '');
  // A code span is never a link: user values that look like addresses are shown as code.
  let out = '';
  let last = 0;
  for (const match of flat.matchAll(autolink)) {
    out += escape(flat.slice(last, match.index)) + `\`${match[0]}\``;
    last = match.index + match[0].length;
  }
  return out + escape(flat.slice(last));
}

/** Plain text without control characters (for .txt files and terminals). */
export function withoutControls(text: string): string {
  return text.replace(controls, '');
}
