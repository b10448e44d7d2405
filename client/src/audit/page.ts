/**
 * The panel's HTML shell. Nothing from the database is ever written into it: data arrives later by
 * postMessage and is rendered as text. Scripts run only with the per-load nonce; styles and fonts come
 * only from the extension's own files.
 */
import { randomBytes } from 'node:crypto';

export interface PageAssets {
  /** The webview's `cspSource` (the origin of `asWebviewUri` resources). */
  cspSource: string;
  script: string;
  style: string;
  codicons: string;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function renderAuditPage(assets: PageAssets, nonce: string = createNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(assets.cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${attribute(assets.codicons)}" id="vscode-codicon-stylesheet">
  <link rel="stylesheet" href="${attribute(assets.style)}">
  <title>Supaguard Audit Log</title>
</head>
<body>
  <main id="app" aria-busy="true"></main>
  <script nonce="${nonce}" src="${attribute(assets.script)}"></script>
</body>
</html>`;
}
