/** Exports of a planned scenario: Markdown handout, AWS CLI bash script, Mermaid diagram. */
export { exportMarkdown } from './markdown.js'
export { exportMermaid } from './mermaid.js'
export { exportSh } from './sh.js'
