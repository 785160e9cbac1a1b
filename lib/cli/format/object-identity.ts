/**
 * Which Kubernetes object a YAML document is: its API group, kind, namespace
 * and name. Reading the few lines that say so is much cheaper than parsing the
 * document (`fleetform diff` asks for every object of every changed file), so
 * documents laid out as fleetform writes them are scanned; anything the scan
 * is not sure of is parsed with the `yaml` library, which decides.
 */
import { parse } from 'yaml';

/** An object's identity: `key` tells objects apart, `label` names one for people. */
export interface ObjectIdentity {
  readonly key: string;
  readonly label: string;
}

/** The identity of one YAML document, or undefined when it is no Kubernetes object with a kind and a name. */
export function objectIdentity(text: string): ObjectIdentity | undefined {
  const scanned = scanIdentity(text);
  return scanned === undefined ? parsedIdentity(text) : identityOf(scanned);
}

interface Fields {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** A value the scan takes as it is: a plain scalar YAML reads as this same string. */
const PLAIN = /^[A-Za-z][-A-Za-z0-9._/]*$/;
const PLAIN_NOT_STRING = /^(?:true|false|yes|no|on|off|null|y|n)$/i;
const KEY_LINE = /^( *)([A-Za-z]+):(?: (.*))?$/;

/**
 * The identity fields of a document in block style with plain values, read
 * line by line; undefined when the document holds anything that would need a
 * parser to be sure (comments, quotes, flow collections, anchors, tags,
 * repeated keys, values that are not plain strings).
 */
export function scanIdentity(text: string): Fields | undefined {
  const top: Record<string, string | undefined> = {};
  const meta: Record<string, string | undefined> = {};
  let inMetadata = false;
  let metaIndent = -1;
  // The indentation of the last identity line read with a value: a deeper line after it continues the value.
  let valued = -1;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (/[#&*!{}[\]"'|>]/.test(line) && /^ *(?:apiVersion|kind|metadata|name|namespace):/.test(line)) return undefined;
    const m = KEY_LINE.exec(line);
    const indent = line.length - line.trimStart().length;
    if (valued >= 0 && indent > valued) return undefined;
    // An indented first line makes the document's root another collection than the scan reads.
    if (indent > 0 && Object.keys(top).length === 0) return undefined;
    valued = -1;
    if (indent === 0) {
      if (line.startsWith('- ') || line.startsWith('-\t') || line.startsWith('#') || line.startsWith('%') || m === null) return undefined;
      const key = m[2];
      if (key in top) return undefined;
      top[key] = m[3] ?? '';
      if (top[key] !== '') valued = 0;
      inMetadata = key === 'metadata';
      if (inMetadata && top[key] !== '') return undefined;
      continue;
    }
    if (!inMetadata) continue;
    if (metaIndent < 0) metaIndent = indent;
    if (indent !== metaIndent || m === null) continue;
    const key = m[2];
    if (key !== 'name' && key !== 'namespace') continue;
    if (key in meta) return undefined;
    meta[key] = m[3] ?? '';
    valued = indent;
  }
  const fields = { apiVersion: top.apiVersion, kind: top.kind, name: meta.name, namespace: meta.namespace };
  for (const value of Object.values(fields)) if (value !== undefined && (!PLAIN.test(value) || PLAIN_NOT_STRING.test(value))) return undefined;
  return fields;
}

function parsedIdentity(text: string): ObjectIdentity | undefined {
  let o: unknown;
  try {
    o = parse(text, { logLevel: 'silent' });
  } catch {
    return undefined;
  }
  const obj = o as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  if (typeof obj !== 'object' || obj === null) return undefined;
  const text_ = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return identityOf({ apiVersion: text_(obj.apiVersion), kind: text_(obj.kind), name: text_(obj.metadata?.name), namespace: text_(obj.metadata?.namespace) });
}

function identityOf(f: Fields): ObjectIdentity | undefined {
  if (f.kind === undefined || f.name === undefined) return undefined;
  const ns = f.namespace ?? '';
  const group = f.apiVersion?.includes('/') ? f.apiVersion.slice(0, f.apiVersion.indexOf('/')) : '';
  return { key: `${group}/${f.kind} ${ns}/${f.name}`, label: `${f.kind} ${ns ? `${ns}/` : ''}${f.name}` };
}
