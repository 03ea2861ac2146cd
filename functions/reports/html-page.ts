/*
 * What every self-contained HTML page of the reports shares: escaping, and the document around
 * the body (Indonesian, no script, styles inline, a title and a line of where and when).
 */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML content and attribute values. */
export const esc = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

/**
 * A whole page: `title` (text) heads it, `meta` (HTML, already escaped) says which branch, period
 * and when; `body` (HTML) follows the header inside `<main>`.
 */
export function htmlDocument(page: { title: string; style: string; meta: string; body: string }): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(page.title)}</title>
<style>${page.style}</style>
</head>
<body>
<main>
<header>
<h1>${esc(page.title)}</h1>
<p class="meta">${page.meta}</p>
</header>
${page.body}
</main>
</body>
</html>
`;
}
