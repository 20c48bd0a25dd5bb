#!/bin/sh
# Rebuilds kg/web/static/vendor/editor.js: CodeMirror 6 with the SPARQL mode of @codemirror/legacy-modes,
# bundled and minified by esbuild into one ES module that the query page loads from /static/. Not run by CI
# or at install: the bundle is committed. Needs node and npm (packages from the npm registry, at the
# versions of scripts/editor/package-lock.json; `./scripts/build_editor.sh --update` re-resolves them).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/kg/web/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/scripts/editor/package.json" "$here/scripts/editor/entry.js" "$work/"
if [ "${1:-}" != "--update" ] && [ -f "$here/scripts/editor/package-lock.json" ]; then
    cp "$here/scripts/editor/package-lock.json" "$work/"
fi
cd "$work"
if [ -f package-lock.json ]; then
    npm ci --silent --no-audit --no-fund
else
    npm install --silent --no-audit --no-fund
    cp package-lock.json "$here/scripts/editor/package-lock.json"
fi
npx esbuild entry.js --bundle --minify --format=esm --legal-comments=none --outfile=editor.js
mkdir -p "$out"
cp editor.js "$out/editor.js"
{
  echo "editor.js bundles these npm packages (all MIT licensed):"
  npm ls --all --parseable --long --omit=dev 2>/dev/null | sed -n "s|.*node_modules/[^:]*:||p" | sort -u
  echo
  cat node_modules/codemirror/LICENSE
} > "$out/LICENSE.editor.txt"
ls -l "$out/editor.js"
