#!/bin/sh
# Rebuilds kg/web/static/vendor/editor.js: CodeMirror 6 with the SPARQL mode of @codemirror/legacy-modes,
# bundled and minified by esbuild into one ES module that the query page loads from /static/. Not run by CI
# or at install: the bundle is committed. Needs node and npm (packages from the npm registry).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/kg/web/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund codemirror@6.0.1 @codemirror/legacy-modes@6.5.1 \
    @codemirror/language@6.11.0 esbuild@0.25.4
cat > entry.js <<'JS'
import { EditorView, basicSetup } from "codemirror";
import { StreamLanguage } from "@codemirror/language";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";
export { EditorView, basicSetup, StreamLanguage, sparql };
JS
npx esbuild entry.js --bundle --minify --format=esm --legal-comments=none --outfile=editor.js
mkdir -p "$out"
cp editor.js "$out/editor.js"
{
  echo "editor.js bundles these npm packages (all MIT licensed):"
  npm ls --all --parseable --long 2>/dev/null | sed -n "s|.*node_modules/[^:]*:||p" | grep -v "^esbuild\|^@esbuild" | sort -u
  echo
  cat node_modules/codemirror/LICENSE
} > "$out/LICENSE.editor.txt"
ls -l "$out/editor.js"
