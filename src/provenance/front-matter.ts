// The YAML front matter of a Markdown file, as Hugging Face model cards carry it: between a first
// line `---` and the next `---` line.
export type FrontMatter =
  | { kind: 'none' }
  | { kind: 'unterminated' }
  | { kind: 'yaml'; text: string; /** Line of the file where the YAML starts. */ firstLine: number }

export function frontMatter(markdown: string): FrontMatter {
  const text = markdown.startsWith('\ufeff') ? markdown.slice(1) : markdown
  const lines = text.split(/\r?\n/)
  if (lines[0]?.trimEnd() !== '---') return { kind: 'none' }
  const end = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'))
  if (end < 0) return { kind: 'unterminated' }
  return { kind: 'yaml', text: lines.slice(1, end).join('\n'), firstLine: 2 }
}
