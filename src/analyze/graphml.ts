/**
 * Operations as GraphML, for analysts who open networks in Gephi or yEd: accounts as nodes (with
 * their operation, platform, first and last ad), links as weighted edges (with their reasons).
 * Hand-written: GraphML is a few XML elements, and graphology's GraphML package only reads it.
 */
import type { Operation } from './networks.js';

const escapeXml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

export function toGraphml(operations: readonly Operation[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="operation" for="node" attr.name="operation" attr.type="string"/>',
    '  <key id="platform" for="node" attr.name="platform" attr.type="string"/>',
    '  <key id="firstSeen" for="node" attr.name="firstSeen" attr.type="string"/>',
    '  <key id="lastSeen" for="node" attr.name="lastSeen" attr.type="string"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <key id="reasons" for="edge" attr.name="reasons" attr.type="string"/>',
    '  <graph id="tagwatch" edgedefault="undirected">',
  ];
  for (const operation of operations) {
    for (const member of operation.members) {
      lines.push(
        `    <node id="${escapeXml(member.account)}"><data key="operation">${operation.id}</data><data key="platform">${escapeXml(member.platform)}</data><data key="firstSeen">${member.firstSeen}</data><data key="lastSeen">${member.lastSeen}</data></node>`,
      );
    }
  }
  let edge = 0;
  for (const operation of operations) {
    for (const link of operation.links) {
      lines.push(
        `    <edge id="e${edge++}" source="${escapeXml(link.a)}" target="${escapeXml(link.b)}"><data key="weight">${link.reasons.length}</data><data key="reasons">${escapeXml(link.reasons.join('; '))}</data></edge>`,
      );
    }
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
