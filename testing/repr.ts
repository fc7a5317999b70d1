// Values as Python's repr shows them, for messages and traces.
import { PyDictView, PyTuple, typeName, type Value } from '../core/values.js';
import { viewItems } from '../core/dict_view.js';

/** A value as Python's repr would show it (for assert_eq). */
export function show(v: Value, d = 0): string {
  if (d > 8) return '...';
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Uint8Array)
    return `b'${[...v].map((c) => (c >= 0x20 && c < 0x7f && c !== 0x27 && c !== 0x5c ? String.fromCharCode(c) : '\\x' + c.toString(16).padStart(2, '0'))).join('')}'`;
  if (Array.isArray(v)) return `[${v.map((x) => show(x, d + 1)).join(', ')}]`;
  if (v instanceof PyTuple) return `(${v.items.map((x) => show(x, d + 1)).join(', ')}${v.items.length === 1 ? ',' : ''})`;
  if (v instanceof PyDictView) return `${typeName(v)}(${show(viewItems(v), d + 1)})`;
  return `{${[...v.map.values()].map(([k, x]) => `${show(k, d + 1)}: ${show(x, d + 1)}`).join(', ')}}`;
}
