// stdlib.events.emit(name, args): one log with the name's topic and the canonical,
// self-describing encoding of args (stdlib/event_codec.ts). Price: base + topic + per arg +
// convert_steps of the big int args, before encoding; then per_word * words(data), before
// the log is recorded; logs die with a revert.
import { VmError } from '../spec/errors.js';
import { STDLIB_BY_NAME } from '../spec/table.js';
import type { StdImpl } from '../core/machine.js';
import { words } from './args.js';
import { noStaticWrite } from './static.js';
import { PyDict } from '../core/values.js';
import { convertSteps } from '../core/builtins/format.js';
import { encodeEventData, eventNameBytes, eventTopic } from './event_codec.js';

const EMIT = STDLIB_BY_NAME.get('events.emit')!;

export const emit: StdImpl = (m, a, b) => {
  noStaticWrite(m, 'events.emit');
  const L = m.limits;
  if (m.host.logs.length >= L.max_logs_per_call) throw new VmError('ValueError', `more than ${L.max_logs_per_call} events in one call`);
  const name = eventNameBytes(a[b], L.max_event_name_bytes);
  const args = a[b + 1];
  // per arg, and the decimal conversion of each big int arg, before anything is encoded (a
  // dict over the arg cap is the encoder's ValueError, at no charge beyond the base)
  if (args instanceof PyDict && args.size <= L.max_event_args) {
    let steps = 0;
    for (const e of args.map.values()) steps += convertSteps(e[1] as number | bigint, 10);
    m.charge(EMIT.base + EMIT.dynamic.topics + EMIT.dynamic.items * args.size + EMIT.dynamic.convert_steps * steps);
  } else m.charge(EMIT.base + EMIT.dynamic.topics);
  // the encoder checks the arg count, value types and the data cap before building bytes
  const data = encodeEventData(args, { maxArgs: L.max_event_args, maxNameBytes: L.max_event_name_bytes, maxDataBytes: L.max_event_data_bytes });
  m.charge(EMIT.dynamic.words * words(data.length));
  m.host.logs.push({ address: m.host.address, name: name.slice(), topics: [eventTopic(name, L.max_event_name_bytes)], data });
  return null;
};
