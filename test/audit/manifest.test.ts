import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AUDIT_COMMANDS, AUDIT_SETTINGS, AUDIT_VIEW_TYPE } from '../../client/src/audit/names';
import { REPO_ROOT } from '../support/project';

describe('audit-log panel in the extension manifest', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

  it('declares every command the panel registers, and revives the panel after a reload', () => {
    const declared = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const command of Object.values(AUDIT_COMMANDS)) assert.ok(declared.has(command), command);
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${AUDIT_VIEW_TYPE}`));
  });

  it('declares the settings it reads, with no place for a password', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const setting of AUDIT_SETTINGS) assert.ok(properties[setting], setting);
    const connection = properties['supaguard.audit.connections'].items;
    assert.deepEqual(Object.keys(connection.properties).sort(), ['database', 'host', 'name', 'port', 'ssl', 'user']);
    assert.equal(connection.additionalProperties, false);
  });
});
