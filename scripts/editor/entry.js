// What the query page imports from the bundle: the editor, its default setup, and the SPARQL mode.
export { EditorView, basicSetup } from "codemirror";
export { StreamLanguage } from "@codemirror/language";
export { sparql } from "@codemirror/legacy-modes/mode/sparql";
