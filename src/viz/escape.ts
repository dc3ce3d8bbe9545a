/**
 * Escapes text for XML and HTML (element content and quoted attribute values alike). Every name
 * that comes from a scenario, a trace or a report goes through this one function before it is put
 * into an SVG chart or the HTML report.
 *
 * @example
 * ```ts
 * escapeXml('<script>alert("x")</script>'); // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
